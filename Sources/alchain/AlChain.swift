import AlChainIO
import AlChainModeling
import AlChainSolver
import ArgumentParser

/// The `alchain` command: plans Guizhou's aluminium chain and solves LP/MIP files with GLPK.
@main
struct AlChain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alchain",
        abstract: "Plan Guizhou's aluminium industry chain with linear and mixed-integer programming (GLPK).",
        discussion: """
            Exit codes: 0 optimal; 1 infeasible; 2 unbounded or no proven result (time limit, numerical failure); \
            64 usage; 65 invalid input data; 66 input file missing; 70 internal error; 73 cannot write output.
            """,
        version: AlChainVersion.string,
        subcommands: [Solve.self, Batch.self, Sample.self, AlternativesCommand.self, Report.self, Merge.self, Compare.self, Explain.self, Validate.self, Calibrate.self, SolveFile.self, Serve.self])

    /// Parses and runs a command; typed errors a command leaves unmapped become exit codes here, through `fail`
    /// (ExitStatus.swift), and ArgumentParser's own errors (usage, help) keep its handling.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ModelError {
            exit(withError: fail(error))
        } catch let error as DataError {
            exit(withError: fail(error))
        } catch let error as HandleError {
            exit(withError: fail(error))
        } catch {
            exit(withError: error)
        }
    }
}

/// The product's version, written to manifests and `--version`.
enum AlChainVersion {
    static let string = "0.1.0"
}
