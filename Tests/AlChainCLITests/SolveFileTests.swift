import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// `alchain solve-file` end to end: the built binary, its output, its exit codes.
@Suite struct SolveFileTests {
    /// The exit code the documentation promises for each proven status.
    static let exitCodes = ["optimal": Int32(0), "infeasible": 1, "unbounded": 2, "time_limit": 2]

    @Test(arguments: try SharedProblem.all())
    func solvesEverySharedProblem(_ p: SharedProblem) throws {
        let run = try runAlchain(["solve-file", p.path, "--format", "json"])
        #expect(run.exitCode == Self.exitCodes[p.status], "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["status"] as? String == p.status)
        if let expected = p.objective {
            let objective = try #require(json["objective"] as? Double)
            #expect(abs(objective - expected) <= 1e-6 * max(1, abs(expected)), "\(objective) vs \(expected)")
        } else {
            #expect(json["objective"] is NSNull)
        }
        #expect((json["rows"] as? Int ?? 0) > 0 && (json["columns"] as? Int ?? 0) > 0)
    }

    /// lseu (MIPLIB, optimum 1120) with all cuts at the root only (which needs the MIP presolver off): the
    /// same optimum, and the status says the root's cuts were kept as rows.
    @Test func cutsAtTheRootOnly() throws {
        let lseu = SharedProblem.directory.appendingPathComponent("lseu.mps").path
        let run = try runAlchain(["solve-file", lseu, "--cuts", "--cut-nodes", "root", "--no-mip-presolve", "--format", "json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["objective"] as? Double == 1120)
        #expect((json["solver_status"] as? String ?? "").contains("root cuts kept as rows"), "\(run.stdout)")
    }

    @Test func textOutputNamesTheStatus() throws {
        let run = try runAlchain(["solve-file", SharedProblem.directory.appendingPathComponent("afiro.mps").path])
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("status:    optimal"))
        #expect(run.stdout.contains("objective: -464.753"))
        #expect(run.stdout.contains("27 rows, 32 columns, 83 nonzeros"))
    }

    /// blending.mps: min −8 P1 − 10 P2 with F1: 0.3 P1 + 0.7 P2 ≤ 120, F2: 0.5 P1 + 0.5 P2 ≤ 210. On F1 with
    /// P2 = 0: P1 = 400, z = −3200 (F2 has 200 ≤ 210, slack). Dual of F1: −8 / 0.3 = −26.67; reduced cost
    /// of P2: −10 − 0.7 · (−26.67) = 8.67.
    @Test func writeSolutionWritesTheCSV() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("blending.csv").path
        let run = try runAlchain(["solve-file", SharedProblem.directory.appendingPathComponent("blending.mps").path, "--write-solution", csv])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["kind", "name", "value", "marginal"])
        #expect(rows.contains(["status", "optimal", "", ""]))
        #expect(rows.contains(["objective", "BLENDING", "-3200.0", ""]))
        func row(_ kind: String, _ name: String) throws -> (Double, Double) {
            let r = try #require(rows.first { $0[0] == kind && $0[1] == name }, "\(kind) \(name)")
            return (try #require(Double(r[2])), try #require(Double(r[3])))
        }
        #expect(try row("column", "P1") == (400, 0))
        let p2 = try row("column", "P2")
        #expect(p2.0 == 0 && abs(p2.1 - 26.0 / 3) < 1e-9)
        let f1 = try row("row", "F1")
        #expect(f1.0 == 120 && abs(f1.1 + 80.0 / 3) < 1e-9)
        #expect(try row("row", "F2") == (200, 0))
        #expect(rows.count == 1 + 2 + 2 + 2)
    }

    /// A destination that is a pipe (or a device such as /dev/null) is written into, not replaced: the atomic
    /// rename would turn it into a regular file (run as root, `--write-solution /dev/null` replaced the device).
    @Test func writeSolutionIntoAPipeKeepsThePipe() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("solution.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reading end, opened first without blocking, so alchain's open for writing does not wait.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let run = try runAlchain(["solve-file", SharedProblem.directory.appendingPathComponent("blending.mps").path, "--write-solution", fifo])
        #expect(run.exitCode == 0, "\(run.stderr)")
        var received = [UInt8](repeating: 0, count: 65_536)
        let count = read(reader, &received, received.count)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe was replaced")
        #expect(String(decoding: received.prefix(max(count, 0)), as: UTF8.self).contains("objective,BLENDING,-3200.0"))
    }

    @Test func infeasibleSolutionFileHasNoValues() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("galenet.csv").path
        let run = try runAlchain(["solve-file", SharedProblem.directory.appendingPathComponent("galenet.mps").path, "--write-solution", csv])
        #expect(run.exitCode == 1)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains("status,infeasible,,"))
        #expect(lines.filter { $0.hasPrefix("column,") }.allSatisfy { $0.hasSuffix(",,") })
    }

    // MARK: exit codes for misuse

    struct UsageCase: Sendable, CustomTestStringConvertible {
        let label: String
        let arguments: [String]
        let exitCode: Int32
        /// Text standard error must contain.
        let message: String
        var testDescription: String { label }
    }

    static let afiro = SharedProblem.directory.appendingPathComponent("afiro.mps").path

    @Test(arguments: [
        UsageCase(label: "unknown flag", arguments: ["solve-file", afiro, "--no-such-flag"], exitCode: 64, message: "--no-such-flag"),
        UsageCase(label: "unknown subcommand", arguments: ["no-such-command"], exitCode: 64, message: "no-such-command"),
        UsageCase(label: "missing file argument", arguments: ["solve-file"], exitCode: 64, message: "file"),
        UsageCase(label: "unknown extension", arguments: ["solve-file", "/tmp/model.txt"], exitCode: 64, message: ".mps or .lp"),
        UsageCase(label: "unknown algorithm", arguments: ["solve-file", afiro, "--algorithm", "barrier"], exitCode: 64, message: "barrier"),
        UsageCase(label: "zero time limit", arguments: ["solve-file", afiro, "--time-limit", "0"], exitCode: 64, message: "--time-limit"),
        UsageCase(label: "negative time limit", arguments: ["solve-file", afiro, "--time-limit", "-3"], exitCode: 64, message: "time"),
        UsageCase(label: "negative MIP gap", arguments: ["solve-file", afiro, "--mip-gap", "-0.1"], exitCode: 64, message: "gap"),
        UsageCase(label: "unknown cut nodes", arguments: ["solve-file", afiro, "--cut-nodes", "leaves"], exitCode: 64, message: "leaves"),
        UsageCase(label: "missing file", arguments: ["solve-file", "/nonexistent-alchain/absent.mps"], exitCode: 66, message: "/nonexistent-alchain/absent.mps"),
        UsageCase(label: "unwritable solution path", arguments: ["solve-file", afiro, "--write-solution", "/nonexistent-alchain/out.csv"], exitCode: 73, message: "/nonexistent-alchain/out.csv"),
    ])
    func misuseGivesItsExitCode(_ c: UsageCase) throws {
        let run = try runAlchain(c.arguments)
        #expect(run.exitCode == c.exitCode, "\(run.stderr)")
        #expect(run.stderr.contains(c.message), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("crashed"))
    }

    @Test func malformedFileGivesFileAndLine() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mps = folder.appendingPathComponent("broken.mps").path
        try "NAME t\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 abc\nRHS\n rhs c1 4\nENDATA\n".write(toFile: mps, atomically: true, encoding: .utf8)
        let lp = folder.appendingPathComponent("broken.lp").path
        try "Minimize\n obj: x + y\nSubject To\n c1: x + * y >= 2\nEnd\n".write(toFile: lp, atomically: true, encoding: .utf8)
        for (path, line) in [(mps, 6), (lp, 4)] {
            let run = try runAlchain(["solve-file", path])
            #expect(run.exitCode == 65)
            #expect(run.stderr.contains("\(path):\(line):"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    // MARK: solver flags

    /// lseu's optimum is 1120; with `--mip-gap 0.05` the run stops within 5 % and says so.
    @Test func mipGapFlag() throws {
        let run = try runAlchain(["solve-file", SharedProblem.directory.appendingPathComponent("lseu.mps").path, "--mip-gap", "0.05", "--format", "json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["status"] as? String == "optimal")
        let objective = try #require(json["objective"] as? Double)
        #expect(objective >= 1120 - 1e-6 && (objective - 1120) / objective <= 0.05)
        let gap = try #require(json["mip_gap"] as? Double)
        #expect(gap <= 0.05)
        if let bound = json["mip_bound"] as? Double { #expect(bound <= 1120 + 1e-6) }
    }

    /// 2·Σx = 61 over 61 binaries has no solution (the left side is even), but branch-and-bound only sees
    /// that by enumerating: the run stops at the limit, without a point.
    @Test(.timeLimit(.minutes(1)))
    func timeLimitFlag() throws {
        var p = LinearProblem(name: "parity")
        for j in 0..<61 { p.addColumn(name: "x\(j)", kind: .binary, objective: Double(j % 7)) }
        p.addRow(name: "parity", lower: 61, upper: 61, terms: (0..<61).map { ($0, 2) })
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("parity.mps").path
        try ModelFile.write(p, to: path)
        let run = try runAlchain(["solve-file", path, "--time-limit", "1", "--format", "json"])
        #expect(run.exitCode == 2, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["status"] as? String == "time_limit")
        #expect(json["mip"] as? Bool == true)
        #expect(json["objective"] is NSNull)
    }

    @Test func algorithmAndPresolveFlags() throws {
        for flags in [["--algorithm", "dual"], ["--algorithm", "interior"], ["--presolve"]] {
            let run = try runAlchain(["solve-file", Self.afiro, "--format", "json"] + flags)
            #expect(run.exitCode == 0, "\(flags): \(run.stderr)")
            let objective = try #require(try jsonObject(run.stdout)["objective"] as? Double)
            #expect(abs(objective + 464.75314285714285) < 1e-6 * 464.75)
        }
    }
}
