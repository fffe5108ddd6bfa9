import AlChainTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 15: every input the seeded fuzzer (scripts/fuzz/fuzz.py) found to crash, hang, escape or pass as
/// garbage, as a named regression: each case asserts the exit code and the located message (file, line or key,
/// what was expected, what was found). Validation-only cases use `validate`, which never solves.
@Suite struct RobustnessCLITests {
    /// One bad input: the files to write into a scratch folder (a copy of the shipped data when `copyData`),
    /// the arguments (`@` stands for the scratch folder), the exit code and texts the output must contain.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var files: [String: String] = [:]
        var edits: [String: (String, String)] = [:]  // data file → (text replaced, replacement)
        let arguments: [String]
        var exit: Int32 = 65
        let messages: [String]
        var testDescription: String { name }
    }

    static func mps(_ objective: String = "1", bounds: String = "", rhs: String = "10") -> String {
        "NAME T\nROWS\n N obj\n L c1\nCOLUMNS\n x obj \(objective) c1 1\nRHS\n RHS c1 \(rhs)\nBOUNDS\n\(bounds)ENDATA\n"
    }

    static let validate = ["validate", "--models", "@/Models", "--inputs", "@/guizhou"]

    static let cases: [Case] = [
        // GLPK aborts (SIGABRT) before the fix
        Case(name: "mps-repeated-FX-bound", files: ["t.mps": mps(bounds: " FX BND x 3\n FX BND x 3\n")],
             arguments: ["solve-file", "@/t.mps"], messages: ["t.mps:11:", "FX bound for column 'x' repeats"]),
        Case(name: "mps-repeated-FR-bound", files: ["t.mps": mps(bounds: " FR BND x\n FR BND x\n")],
             arguments: ["solve-file", "@/t.mps"], messages: ["t.mps:11:", "FR bound for column 'x'"]),
        Case(name: "mps-repeated-BV-bound", files: ["t.mps": mps(bounds: " BV BND x\n BV BND x\n")],
             arguments: ["solve-file", "@/t.mps"], messages: ["t.mps:11:", "BV bound for column 'x'"]),
        Case(name: "mps-objective-1e308-primal", files: ["t.mps": mps("1e308")],
             arguments: ["solve-file", "@/t.mps"], messages: ["t.mps", "objective coefficient is 1e+308", "up to 1e15"]),
        Case(name: "mps-objective-1e308-dual-presolve", files: ["t.mps": mps("-1e308")],
             arguments: ["solve-file", "@/t.mps", "--algorithm", "dual", "--presolve"], messages: ["objective coefficient is -1e+308"]),
        Case(name: "mps-rhs-1e300-interior", files: ["t.mps": mps(rhs: "1e300")],
             arguments: ["solve-file", "@/t.mps", "--algorithm", "interior"], messages: ["row 'c1': upper bound is 1e+300"]),
        Case(name: "mps-bound-1e300", files: ["t.mps": mps(bounds: " UP BND x 1e300\n")],
             arguments: ["solve-file", "@/t.mps"], messages: ["column 'x': upper bound is 1e+300"]),
        Case(name: "lp-coefficient-1e300", files: ["t.lp": "Minimize\n obj: x\nSubject To\n c: 1e300 x >= 1\nEnd\n"],
             arguments: ["solve-file", "@/t.lp"], messages: ["t.lp", "coefficient at row 'c', column 'x' is 1e+300"]),
        Case(name: "set-variable-cost-1e308", arguments: ["solve", "--set", "processes.mine_bauxite.variable_cost_yuan_per_t=1e308"],
             messages: ["--set", "processes.mine_bauxite.variable_cost_yuan_per_t", "within ±1e15", "1e+308"]),
        // Swift traps (SIGILL) on integer conversion before the fix
        Case(name: "set-capacity-1e30", arguments: validate + ["--set", "plants.mine_zunyi.capacity_t=1e30"],
             messages: ["plants.mine_zunyi.capacity_t", "within ±1e15", "1e+30"]),
        Case(name: "set-capacity-1e-300", arguments: validate + ["--set", "plants.mine_zunyi.capacity_t=1e-300"],
             messages: ["plants.mine_zunyi.capacity_t", "unit-slip"]),
        Case(name: "set-years-1e308", arguments: validate + ["--set", "settings.years=[2025,1e308]"],
             messages: ["years[1]", "within ±1e15", "1e+308"]),
        // Accepted garbage before the fix
        Case(name: "set-years-fractional", arguments: validate + ["--set", "settings.years=[2025.7,2030]"],
             messages: ["years[0]", "a whole year", "2025.7"]),
        Case(name: "set-sale-price-1e308", arguments: validate + ["--set", "prices.alumina:.sale_price_yuan_per_t=1e308"],
             messages: ["prices.alumina:.sale_price_yuan_per_t", "1e+308"]),
        Case(name: "set-process-io-1.8e308", arguments: validate + ["--set", "process_io.mine_bauxite:bauxite.coefficient=1.8e308"],
             messages: ["process_io.mine_bauxite:bauxite.coefficient", "expected a number", "1.8e308"]),
        Case(name: "set-that-changes-nothing", arguments: validate + ["--set", "settings.discount_rate=0.06"],
             messages: ["settings.discount_rate", "would change nothing", "no-change"]),
        Case(name: "set-empty-table", files: ["s.toml": "[set]\n\"settings.discount_rate\" = {}\n"], arguments: validate + ["@/s.toml"],
             messages: ["s.toml", "settings.discount_rate", "a table"]),
        Case(name: "edit-scale-infinite-factor", files: ["s.toml": "[[edit]]\naction = \"scale\"\ntable = \"plants\"\nrows = [\"*\"]\ncolumn = \"retire_year\"\nfactor = inf\n"],
             arguments: validate + ["@/s.toml"], messages: ["s.toml", "edit[0].factor", "inf is not a finite number"]),
        Case(name: "edit-scale-on-empty-cells", files: ["s.toml": "[[edit]]\naction = \"scale\"\ntable = \"plants\"\nrows = [\"*\"]\ncolumn = \"retire_year\"\nfactor = 2\n"],
             arguments: validate + ["@/s.toml"], messages: ["s.toml", "edit[0]", "would change nothing"]),
        Case(name: "power-empty-clean-cell", edits: ["guizhou/power.csv": (",yes,", ",,")], arguments: validate,
             messages: ["power.csv:", "'clean'", "a value is required"]),
        Case(name: "process-ore-outside-set", edits: ["Models/processes.csv": (",diasporic,", ",bauxitic,")], arguments: validate,
             messages: ["processes.csv:", "'ore'", "'bauxitic' is not one of diasporic, imported"]),
        Case(name: "process-negative-co2", arguments: validate + ["--set", "processes.smelt_ka400.process_co2_t_per_t=-1.5"],
             messages: ["process_co2_t_per_t", "negative"]),
        Case(name: "calibration-unknown-quantity", edits: ["guizhou/calibration.csv": (",smelting_capacity,", ",smelting_capacty,")],
             arguments: validate, messages: ["calibration.csv:", "unknown quantity 'smelting_capacty'"]),
        Case(name: "calibration-duplicate-fact",
             edits: ["guizhou/calibration.csv": ("electrolytic_capacity,smelting_capacity,province,2025,", "copy,smelting_capacity,province,2025,1,t,0.01,x\nelectrolytic_capacity,smelting_capacity,province,2025,")],
             arguments: validate, messages: ["calibration.csv:", "the same fact (quantity, scope, year) as line"]),
        // A hang before the fix
        Case(name: "extends-own-file-under-another-name", files: ["self.toml": "name = \"other\"\nextends = \"self\"\n"],
             arguments: validate + ["@/self.toml"], messages: ["self.toml", "'extends'", "extends-cycle"]),
        // Names that became paths
        Case(name: "scenario-name-escapes", files: ["s/a.toml": "name = \"../escaped\"\n"],
             arguments: ["batch", "@/s", "--out", "@/out", "--models", "@/Models", "--inputs", "@/guizhou"],
             messages: ["a.toml:1", "'name'", "path separator"]),
        Case(name: "scenario-name-empty", files: ["s/a.toml": "name = \"\"\n"],
             arguments: ["batch", "@/s", "--out", "@/out", "--models", "@/Models", "--inputs", "@/guizhou"], messages: ["'name'", "is empty"]),
        Case(name: "scenario-name-dot", files: ["s/a.toml": "name = \".\"\n"],
             arguments: ["batch", "@/s", "--out", "@/out", "--models", "@/Models", "--inputs", "@/guizhou"], messages: ["'name'", "names a folder"]),
        Case(name: "scenario-name-summary", files: ["s/a.toml": "name = \"summary.csv\"\n"],
             arguments: ["batch", "@/s", "--out", "@/out", "--models", "@/Models", "--inputs", "@/guizhou"], messages: ["'name'", "collides"]),
        Case(name: "scenario-name-308-bytes", files: ["s.toml": "name = \"\(String(repeating: "x", count: 308))\"\n"],
             arguments: validate + ["@/s.toml"], messages: ["s.toml:1", "'name'", "308 bytes long"]),
        // Weak messages before the fix
        Case(name: "mps-crossed-bounds", files: ["t.mps": mps(bounds: " UP BND x -5\n LO BND x 3\n")],
             arguments: ["solve-file", "@/t.mps"], messages: ["t.mps", "column 'x': lower bound 3.0 exceeds upper bound -5.0"]),
    ]

    @Test(arguments: cases) func rejected(_ c: Case) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Models"), to: dir.appendingPathComponent("Models"))
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Inputs/guizhou"), to: dir.appendingPathComponent("guizhou"))
        for (name, text) in c.files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        for (name, (old, new)) in c.edits {
            let url = dir.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let range = try #require(text.range(of: old), "\(name) has no \(old)")
            try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: url)
        }
        let run = try runAlchain(c.arguments.map { $0.replacingOccurrences(of: "@", with: dir.path) }, in: dir)
        let output = run.stderr + run.stdout
        #expect(run.exitCode == c.exit, "\(c.name): exit \(run.exitCode)\n\(output)")
        for m in c.messages { #expect(output.contains(m), "\(c.name): no '\(m)' in\n\(output)") }
        #expect(!output.contains("Fatal error") && !output.contains("Assertion failed"))
        // `../escaped` from `--out @/out` would land in the scratch folder itself.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("escaped").path), "a plan was written outside --out")
    }

    /// A solve that fails inside GLPK shows GLPK's own text without -v: a MIP given no time at all.
    @Test func glpkTextReachesTheUser() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.mps").path
        // Unbounded: x is free and minimising −x has no optimum.
        let mip = "NAME T\nROWS\n N obj\n G c1\nCOLUMNS\n x obj -1 c1 1\nRHS\n RHS c1 1\nBOUNDS\n MI BND x\nENDATA\n"
        try Data(mip.utf8).write(to: URL(fileURLWithPath: path))
        let run = try runAlchain(["solve-file", path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("error: no proven result (unbounded)"), "\(run.stderr)")
        #expect(run.stderr.contains("glpk: "), "GLPK's own lines: \(run.stderr)")
    }

    /// Whole-folder atomicity: `solve --out` killed (SIGKILL) at spread-out moments leaves the complete previous
    /// run or the complete new one — every file present and all from one run — and the next finished run leaves
    /// no temporary file or folder behind.
    @Test func killedRunLeavesAWholeFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = dir.appendingPathComponent("runs")
        let target = runs.appendingPathComponent("plan"), reference = dir.appendingPathComponent("reference")
        // Both runs are one-off --set runs (each writes the same files, manifest.json included) of a binding
        // target, so that their plans differ even with the closest-to-base stage.
        let new = ["--set", "targets.recycled-share.value=25"], gap = ["--mip-gap", "0.01"]
        #expect(try runAlchain(["solve", "--out", target.path, "--set", "targets.recycled-share.value=22"] + gap).exitCode == 0)
        #expect(try runAlchain(["solve", "--out", reference.path] + gap + new).exitCode == 0)
        let names = try Set(FileManager.default.contentsOfDirectory(atPath: target.path))
        let old = try Data(contentsOf: target.appendingPathComponent("flows.csv"))
        let newFlows = try Data(contentsOf: reference.appendingPathComponent("flows.csv"))
        #expect(old != newFlows, "the two runs must differ for the test to tell them apart")
        let binary = try #require(alchainBinary)
        var sawNew = false
        for delay in [0.05, 0.2, 0.4, 0.7, 1.0, 1.5, 2.5, 4.0] {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["solve", "--out", target.path] + gap + new
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let present = try Set(FileManager.default.contentsOfDirectory(atPath: target.path))
            #expect(present == names, "after a kill at \(delay) s the folder holds \(present.symmetricDifference(names).sorted())")
            let flows = try Data(contentsOf: target.appendingPathComponent("flows.csv"))
            #expect(flows == old || flows == newFlows, "flows.csv is from neither run after a kill at \(delay) s")
            if flows == newFlows {
                sawNew = true
                let costs = try Data(contentsOf: target.appendingPathComponent("costs.csv"))
                #expect(costs == (try Data(contentsOf: reference.appendingPathComponent("costs.csv"))), "flows.csv from the new run but costs.csv not")
            }
        }
        #expect(try runAlchain(["solve", "--out", target.path] + gap + new).exitCode == 0)
        #expect(try Data(contentsOf: target.appendingPathComponent("flows.csv")) == newFlows)
        let leftovers = (try FileManager.default.contentsOfDirectory(atPath: runs.path) + FileManager.default.contentsOfDirectory(atPath: target.path))
            .filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files left after the next run: \(leftovers)")
        _ = sawNew  // which run survives a kill depends on timing; both outcomes are whole
    }

    /// `--out` refuses to replace a folder that is not a run folder (it would be deleted whole).
    @Test func outRefusesAForeignFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("keep me".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let run = try runAlchain(["solve", "--out", dir.path, "--mip-gap", "0.05"])
        #expect(run.exitCode == 73)
        #expect(run.stderr.contains("is not a run folder (no flows.csv)"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes.txt").path))
    }
}
