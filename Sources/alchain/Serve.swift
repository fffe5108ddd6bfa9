import AlChainPlanning
import AlChainServer
import AlChainSolver
import ArgumentParser
import Foundation
import Hummingbird

/// `alchain serve`: the what-if explorer, a local web page that re-solves the plan as planners move targets.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the what-if explorer: one page and a JSON API that re-solve the plan on change (see docs/SERVER.md).")

    @Option(help: "Port to listen on (0 picks a free one; the address is printed).")
    var port: Int = 8080

    @Option(help: "Address to bind. The default 127.0.0.1 keeps the server on this machine.")
    var host: String = "127.0.0.1"

    @Option(help: "Output folder; runs are stored in OUT/runs/ and listed again after a restart.")
    var out: String = "out/serve"

    @Option(help: "Seconds one solve (and one infeasibility explanation) may take.")
    var solveTimeLimit: Double = 30

    @Option(help: "Solves at the same time (default: one per core); others wait in a queue.")
    var solveThreads: Int?

    @Flag(inversion: .prefixedNo, help: "Answer a request solved before (same scenario and overrides, proven optimal) from its stored run instead of solving it again.")
    var reuseAnswers = true

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBodyBytes: Int = 64 * 1024

    @OptionGroup var data: DataOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0–65535, found \(port)") }
        guard solveTimeLimit.isFinite, solveTimeLimit > 0 else { throw ValidationError("--solve-time-limit must be a positive number of seconds") }
        if let n = solveThreads, n < 1 { throw ValidationError("--solve-threads must be at least 1") }
        guard maxBodyBytes >= 256 else { throw ValidationError("--max-body-bytes must be at least 256") }
    }

    func run() async throws {
        _ = try data.rawBase()  // missing folders and data errors exit 66/65 with the located message, as for solve
        var configuration = ServerConfiguration(
            data: try data.location(), scenariosDirectory: try data.scenariosDirectory(), outDirectory: out,
            alchainVersion: AlChainVersion.string, glpkVersion: Solver.glpkVersion)
        configuration.host = host
        configuration.port = port
        configuration.solveTimeLimit = solveTimeLimit
        configuration.maxBodyBytes = maxBodyBytes
        configuration.reuseAnswers = reuseAnswers
        if let solveThreads { configuration.solveThreads = solveThreads }
        let server: ExplorerServer
        do {
            server = try await ExplorerServer(configuration)
        } catch {
            printError("error: cannot start the explorer: \(error)")
            throw ExitStatus.cannotWrite.exitCode
        }
        let app = server.application { address in
            // Written unbuffered: scripts wait for this line on a pipe.
            FileHandle.standardOutput.write(Data("alchain serve: listening on \(address) (runs in \(out)/runs; Ctrl-C stops)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            printError("error: cannot serve on \(host):\(port): \(error)")
            throw ExitStatus.usage.exitCode
        }
        FileHandle.standardOutput.write(Data("alchain serve: stopped\n".utf8))
    }
}
