import AlChainIO
import AlChainTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 12: `alchain sample` — collapsed distributions reproduce the base plan, the same seed gives the same
/// files whatever the threads, and a killed sample resumes every draw exactly once.
@Suite struct SampleCLITests {
    static let solverFlags = ["--mip-gap", "0.01"]
    static let outputs = ["draws.csv", "decisions.csv", "percentiles.csv"]

    static func table(_ url: URL) throws -> CSVTable { try CSVTable.read(url.path) }

    /// Every distribution collapsed to its point (factor 1, the data's own value, sd 0): each draw's decisions and
    /// objective are the base plan's, as `alchain solve` writes them.
    @Test func collapsedDistributionsReproduceTheBasePlan() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("collapsed.csv")
        try Data("""
            key,scale,distribution,low,mode,high,mean,sd,source
            candidates.*.capex_yuan_per_t,factor,triangular,1,1,1,,,collapsed
            power.*:grid.price_yuan_per_kwh,factor,normal,,,,1,0,collapsed
            scrap_arisings.*.eol_scrap_t,factor,lognormal,,,,1,0,collapsed
            market.*.max_sales_t,factor,uniform,1,,1,,,collapsed
            settings.replacement.index_price_yuan_per_t,value,uniform,10000,,10000,,,collapsed

            """.utf8).write(to: file)
        let out = root.appendingPathComponent("sample"), plan = root.appendingPathComponent("plan")
        let sample = try runAlchain(["sample", "--draws", "3", "--seed", "5", "--out", out.path, "--jobs", "2", "--uncertainty", file.path] + Self.solverFlags)
        #expect(sample.exitCode == 0, "\(sample.stdout)\(sample.stderr)")
        #expect(sample.stdout.contains("3 draws of 5 uncertain inputs (seed 5): 3 optimal"), "\(sample.stdout)")
        let solve = try runAlchain(["solve", "--out", plan.path] + Self.solverFlags)
        #expect(solve.exitCode == 0, "\(solve.stderr)")

        let baseDecisions = try Self.table(plan.appendingPathComponent("decisions.csv")).rows.map {
            let d = try $0.text("decision")
            return "\(d)|\(d == "buy_indices" ? try $0.text("cluster") : try $0.text("unit"))|\(try $0.text("year"))"
        }
        try #require(!baseDecisions.isEmpty)
        let summary = try Self.table(plan.appendingPathComponent("summary.csv"))
        let objective = try #require(summary.rows.first { (try? $0.text("key")) == "objective_million_yuan" }).number("value")
        let draws = try Self.table(out.appendingPathComponent("draws.csv"))
        #expect(draws.rows.count == 3)
        for row in draws.rows {
            let draw = try row.text("draw")
            #expect(try row.text("status") == "optimal")
            #expect(abs(try row.number("objective_million_yuan") - objective) <= 1e-3 * max(1, abs(objective)), "draw \(draw)")
            #expect(try row.text("decisions").split(separator: " ").map(String.init) == baseDecisions, "draw \(draw)")
        }
        let decisions = try Self.table(out.appendingPathComponent("decisions.csv"))
        #expect(Set(try decisions.rows.map { "\(try $0.text("decision"))|\(try $0.text("unit"))|\(try $0.text("year"))" }) == Set(baseDecisions))
        for row in decisions.rows {
            let cells = try [row.text("share"), row.text("robust"), row.text("in_point_plan")]
            #expect(cells == ["1", "yes", "yes"])
        }

        // The plan's report with the sample: each decision's probability, and a histogram of the 3 draws' objective.
        let report = try runAlchain(["report", plan.path, "--sample", out.path, "--lang", "en"])
        #expect(report.exitCode == 0, "\(report.stderr)")
        let html = try String(contentsOf: plan.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"sample\">") && html.contains("3 draws (3 optimal)"))
        let counts = html.components(separatedBy: "data-count=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
        #expect(counts.reduce(0, +) == 3)
        let robustRows = html.components(separatedBy: "id=\"sample-robust\"")[1].components(separatedBy: "</table>")[0].components(separatedBy: "<tr>").count - 2
        #expect(robustRows == baseDecisions.count)
    }

    /// The same seed gives byte-identical outputs with one thread and with two.
    @Test func sameSeedGivesIdenticalFilesWhateverTheJobs() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let outs = [root.appendingPathComponent("jobs-1"), root.appendingPathComponent("jobs-2")]
        for (out, jobs) in zip(outs, ["1", "2"]) {
            let r = try runAlchain(["sample", "--draws", "4", "--seed", "11", "--out", out.path, "--jobs", jobs] + Self.solverFlags)
            #expect(r.exitCode == 0, "\(r.stdout)\(r.stderr)")
        }
        for name in Self.outputs {
            let a = try Data(contentsOf: outs[0].appendingPathComponent(name)), b = try Data(contentsOf: outs[1].appendingPathComponent(name))
            #expect(a == b, "\(name) differs between --jobs 1 and --jobs 2")
        }
        // The draws differ from one another (the design is not degenerate) and every parameter has a column.
        let draws = try Self.table(outs[0].appendingPathComponent("draws.csv"))
        #expect(Set(try draws.rows.map { try $0.text("market.*:2030.max_sales_t") }).count == 4)
        #expect(draws.header.contains("power.*:grid.price_yuan_per_kwh"))
        let other = try runAlchain(["sample", "--draws", "4", "--seed", "12", "--out", root.appendingPathComponent("seed-12").path, "--jobs", "2"] + Self.solverFlags)
        #expect(other.exitCode == 0, "\(other.stderr)")
        #expect(try Data(contentsOf: root.appendingPathComponent("seed-12/draws.csv")) != Data(contentsOf: outs[0].appendingPathComponent("draws.csv")))
    }

    /// A sample killed (SIGKILL) after its first draw finishes every draw exactly once on `--resume`: records
    /// written before the kill are kept untouched, the missing ones are solved, and the outputs list each draw once.
    @Test func killedSampleResumesEveryDrawExactlyOnce() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("sample"), draws = out.appendingPathComponent("draws")
        let count = 5
        let arguments = ["sample", "--draws", "\(count)", "--seed", "3", "--out", out.path] + Self.solverFlags
        func finished() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: draws.path)) ?? []).filter { $0.hasPrefix("draw-") && $0.hasSuffix(".json") }.sorted()
        }
        let process = Process()
        process.executableURL = try #require(alchainBinary, "the alchain binary is not built")
        process.arguments = arguments + ["--jobs", "1"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        while process.isRunning, finished().isEmpty { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()

        let before = finished()
        try #require(!before.isEmpty, "the sample exited (status \(process.terminationStatus)) before finishing a draw")
        #expect(process.terminationReason == .uncaughtSignal, "the sample ended before it was killed")
        #expect(before.count < count, "every draw finished before the kill: nothing was interrupted")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("draws.csv").path))
        var saved: [String: (Data, Date)] = [:]
        for name in before {
            let url = draws.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is not complete JSON")
            saved[name] = (data, try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date))
        }

        let resumed = try runAlchain(arguments + ["--jobs", "2", "--resume"])
        #expect(resumed.exitCode == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(finished() == (1 ... count).map { String(format: "draw-%05d.json", $0) })
        for (name, (data, modified)) in saved {
            let url = draws.appendingPathComponent(name)
            #expect(try Data(contentsOf: url) == data, "\(name) was rewritten")
            #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date == modified, "\(name) was solved again")
        }
        let table = try Self.table(out.appendingPathComponent("draws.csv"))
        #expect(try table.rows.map { try $0.text("draw") } == (1 ... count).map { "\($0)" })

        // A resume of another sample into the same folder is refused, not mixed in.
        let other = try runAlchain(["sample", "--draws", "\(count)", "--seed", "4", "--out", out.path, "--resume"] + Self.solverFlags)
        #expect(other.exitCode == 64)
        #expect(other.stderr.contains("holds a sample of base with seed 3 and 5 draws"), "\(other.stderr)")
    }

    /// A broken uncertainty file stops the sample before any solve, with the located message and exit 65.
    @Test func brokenUncertaintyFileExits65() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("u.csv")
        try Data("key,scale,distribution,low,mode,high,mean,sd,source\nmarket.*.max_sales_t,factor,uniform,0.8,,1.2,,,x\nmarket.*.max_sales_t,factor,gamma,1,,2,,,x\n".utf8).write(to: file)
        let r = try runAlchain(["sample", "--draws", "2", "--seed", "1", "--out", root.appendingPathComponent("o").path, "--uncertainty", file.path])
        #expect(r.exitCode == 65)
        #expect(r.stderr.contains("u.csv:3: column "), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("o/draws.csv").path))
    }
}
