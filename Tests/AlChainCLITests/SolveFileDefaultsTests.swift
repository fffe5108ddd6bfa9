import AlChainTestSupport
import Foundation
import Testing

/// `alchain solve-file` solves as `glpsol` does with no options: the settings the README promises, the same
/// simplex path as glpsol, and the MIP gap GLPK proved at the end.
@Suite struct SolveFileDefaultsTests {
    static let afiro = SharedProblem.directory.appendingPathComponent("afiro.mps").path

    /// The README's table "| setting | solve-file default | …": setting name → default as written.
    static func readmeDefaults() throws -> [String: String] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("| setting | solve-file default |") }, "README has no solve-file defaults table")
        var table: [String: String] = [:]
        for line in lines[(header + 2)...] {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            table[cells[0]] = cells[1]
        }
        return table
    }

    /// Whether a README cell ("on", "off", "none", a number or a word) says what the JSON value says.
    static func cell(_ cell: String, matches value: Any) -> Bool {
        switch cell {
        case "on": value as? Bool == true
        case "off": value as? Bool == false
        case "none": value is NSNull
        default: Double(cell).map { value as? Double == $0 } ?? (value as? String == cell)
        }
    }

    static func options(_ arguments: [String]) throws -> [String: Any] {
        let run = try runAlchain(["solve-file", afiro, "--format", "json"] + arguments)
        #expect(run.exitCode == 0, "\(run.stderr)")
        return try #require(try jsonObject(run.stdout)["options"] as? [String: Any], "no options in \(run.stdout)")
    }

    @Test func defaultsAreWhatTheReadmeSays() throws {
        let readme = try Self.readmeDefaults()
        #expect(Set(readme.keys) == ["presolve", "mip_presolve", "scaling", "algorithm", "mip_gap", "time_limit"])
        let used = try Self.options([])
        for (setting, cell) in readme {
            let value = try #require(used[setting], "solve-file does not report \(setting)")
            #expect(Self.cell(cell, matches: value), "\(setting): README says \(cell), solve-file used \(value)")
        }
    }

    @Test func eachDefaultCanBeTurnedOff() throws {
        let used = try Self.options(["--no-presolve", "--no-mip-presolve", "--no-scale"])
        #expect(used["presolve"] as? Bool == false)
        #expect(used["mip_presolve"] as? Bool == false)
        #expect(used["scaling"] as? Bool == false)
        // glpsol's --nopresol leaves its MIP presolver on; so does --no-presolve.
        #expect(try Self.options(["--no-presolve"])["mip_presolve"] as? Bool == true)
    }

    /// Runs glpsol and returns its standard output.
    static func glpsol(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["glpsol"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "glpsol \(arguments) failed (scripts/setup.sh installs glpk-utils)")
        return String(decoding: data, as: UTF8.self)
    }

    /// The same GLPK calls as glpsol: on scrs8 and stair the simplex takes exactly glpsol's number of
    /// iterations, with glpsol's defaults and with the presolver off on both sides (scaled, advanced basis).
    @Test(arguments: [("scrs8", [String](), [String]()), ("stair", [], []), ("scrs8", ["--no-presolve"], ["--nopresol"]),
                      ("stair", ["--no-presolve"], ["--nopresol"])])
    func sameSimplexPathAsGlpsol(_ name: String, _ ours: [String], _ theirs: [String]) throws {
        let path = SharedProblem.directory.appendingPathComponent("\(name).mps").path
        // glpsol's last "*  <iterations>: obj = …" line.
        let last = try #require(try Self.glpsol(["--freemps", path] + theirs).split(separator: "\n").last { $0.hasPrefix("*") })
        let glpsolIterations = try #require(Int(last.dropFirst().split(separator: ":")[0].trimmingCharacters(in: .whitespaces)))
        let run = try runAlchain(["solve-file", path, "--format", "json"] + ours)
        let status = try #require(try jsonObject(run.stdout)["solver_status"] as? String)
        #expect(status.contains(", \(glpsolIterations) iterations"), "glpsol took \(glpsolIterations): \(status)")
    }

    /// lseu with `--mip-gap 0.01`: GLPK stops because it reached the gap (GLP_EMIPGAP), and solve-file reports
    /// glpsol's final bound (its last progress line, same search) and a gap no larger than the one asked for.
    @Test(arguments: [([String](), [String]()), (["--no-mip-presolve"], ["--nointopt"])])
    func reportedGapIsTheOneGLPKProved(_ ours: [String], _ theirs: [String]) throws {
        let lseu = SharedProblem.directory.appendingPathComponent("lseu.mps").path
        let progress = try #require(try Self.glpsol(["--freemps", lseu, "--mipgap", "0.01"] + theirs)
            .split(separator: "\n").last { $0.hasPrefix("+") })
        let fields = progress.split(separator: " ")
        let relation = try #require(fields.firstIndex(of: ">="))
        let glpsolBound = try #require(Double(fields[relation + 1]))
        let run = try runAlchain(["solve-file", lseu, "--mip-gap", "0.01", "--format", "json"] + ours)
        let json = try jsonObject(run.stdout)
        #expect((json["solver_status"] as? String ?? "").contains("GLP_EMIPGAP"), "\(run.stdout)")
        let objective = try #require(json["objective"] as? Double)
        let bound = try #require(json["mip_bound"] as? Double), gap = try #require(json["mip_gap"] as? Double)
        #expect(bound == glpsolBound, "glpsol ended at \(progress)")
        #expect(gap <= 0.01)
        #expect(abs(gap - abs(objective - bound) / abs(objective)) <= 1e-12)
        #expect(bound <= 1120 && 1120 <= objective, "lseu's optimum is 1120")
    }
}
