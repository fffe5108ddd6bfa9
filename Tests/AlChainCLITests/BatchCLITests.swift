import AlChainIO
import AlChainPlanning
import AlChainTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `alchain batch`, `solve SCENARIO --set` and `compare` end to end through the built binary (docs/SCENARIOS.md).
/// Uses `runAlchain`, `alchainBinary`, `repositoryRoot` and `temporaryDirectory` from AlChainTestSupport.
///
/// Solving is the cost here (seconds per scenario), so the suite solves few scenarios, with `--mip-gap 0.01`
/// (no assertion depends on optimality), and shares one set of runs: two identical batches and the same
/// scenarios solved one by one, all started at once.
@Suite struct BatchCLITests {
    static let shippedScenarios = repositoryRoot.appendingPathComponent("Inputs/scenarios")
    static let solverFlags = ["--mip-gap", "0.01"]
    /// Three shipped scenarios, one of which extends another.
    static let shipped = ["power-dearer", "recycled-25", "recycled-25-power-dearer"]
    /// A scenario whose `expect` is wrong on purpose: the < 400 kA exit in the observed base year is infeasible,
    /// but the file expects the default, optimal.
    static let wrong = "exit-2025-expected-optimal"
    static let wrongText = """
        description = "cell-exit-2025 without its expect = infeasible: a batch must report it as not as expected"
        [set]
        "targets.cell-exit.from_year" = 2025
        """
    /// The plan's CSV files (as `solve --out` writes them); a finished scenario folder adds outcome.json and manifest.json.
    static let planFiles = PlanExport.fileNames + ReportExport.fileNames

    // MARK: shared runs

    /// Two batch runs over the same folder and each shipped scenario solved alone, all run concurrently once.
    struct SharedRuns: Sendable {
        let batches: [RunResult]
        let batchOut: [URL]
        let junit: [URL]
        let solos: [String: RunResult]
        let soloOut: [String: URL]

        static func make() throws -> SharedRuns {
            // Shared by several tests, so removed when the test process exits rather than by any one test.
            let root = sharedRunsRoot
            atexit { try? FileManager.default.removeItem(at: sharedRunsRoot) }
            let folder = root.appendingPathComponent("scenarios")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in shipped {
                try FileManager.default.copyItem(
                    at: shippedScenarios.appendingPathComponent("\(name).toml"), to: folder.appendingPathComponent("\(name).toml"))
            }
            try Data(wrongText.utf8).write(to: folder.appendingPathComponent("\(wrong).toml"))
            let batchOut = [root.appendingPathComponent("batch-1"), root.appendingPathComponent("batch-2")]
            let junit = batchOut.map { $0.appendingPathComponent("junit.xml") }
            var soloOut: [String: URL] = [:]
            for name in shipped { soloOut[name] = root.appendingPathComponent("solo/\(name)") }

            let commands: [[String]] = (0..<2).map {
                ["batch", folder.path, "--out", batchOut[$0].path, "--jobs", "2", "--junit", junit[$0].path] + solverFlags
            } + shipped.map { ["solve", folder.appendingPathComponent("\($0).toml").path, "--out", soloOut[$0]!.path] + solverFlags }
            let results = Collected<RunResult>(count: commands.count)
            DispatchQueue.concurrentPerform(iterations: commands.count) { i in
                results.set(i, Result { try runAlchain(commands[i]) })
            }
            let all = try results.values()
            return SharedRuns(
                batches: Array(all[0..<2]), batchOut: batchOut, junit: junit,
                solos: Dictionary(uniqueKeysWithValues: zip(shipped, all[2...])), soloOut: soloOut)
        }
    }

    static let sharedRunsRoot = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-batch-tests-\(UUID().uuidString)")
    static let shared: Result<SharedRuns, any Error> = Result { try SharedRuns.make() }
    static func runs() throws -> SharedRuns { try shared.get() }

    // MARK: batch = individual solves

    /// Each scenario's plan files from `batch` are byte-identical to `solve <file> --out`, and the objectives agree.
    @Test func batchPlansEqualIndividualSolves() throws {
        let runs = try Self.runs()
        let summary = try Self.csv(runs.batchOut[0].appendingPathComponent("summary.csv"))
        for name in Self.shipped {
            let solo = try #require(runs.solos[name])
            #expect(solo.exitCode == 0, "solve \(name): \(solo.stderr)")
            let soloDir = try #require(runs.soloOut[name]), batchDir = runs.batchOut[0].appendingPathComponent(name)
            let soloFiles = try FileManager.default.contentsOfDirectory(atPath: soloDir.path).sorted()
            #expect(soloFiles == Self.planFiles.sorted())
            for file in soloFiles {
                let a = try Data(contentsOf: soloDir.appendingPathComponent(file))
                let b = try Data(contentsOf: batchDir.appendingPathComponent(file))
                #expect(a == b, "\(name)/\(file) differs between batch and solve --out")
            }
            // The objective: the plan's own summary, the batch summary row and outcome.json.
            let soloObjective = try Self.keyValue(soloDir.appendingPathComponent("summary.csv"), "objective_million_yuan")
            let row = try #require(summary.rows.first { (try? $0.text("scenario")) == name }, "no summary row for \(name)")
            #expect(try row.text("objective_million_yuan") == soloObjective)
            #expect(try row.text("status") == "optimal")
            let outcome = try Self.json(batchDir.appendingPathComponent("outcome.json"))
            let objective = try #require(outcome["objectiveMillionYuan"] as? Double)
            #expect(abs(objective - (try #require(Double(soloObjective)))) <= 0.0005)
        }
    }

    // MARK: determinism

    /// Two batch runs give byte-identical files — every CSV, outcome.json, summary.csv and the JUnit XML;
    /// only the manifests (which hold solve times) may differ.
    @Test func twoBatchRunsAreByteIdentical() throws {
        let runs = try Self.runs()
        #expect(runs.batches[0].exitCode == runs.batches[1].exitCode)
        let first = try Self.files(under: runs.batchOut[0]).filter { !$0.hasSuffix("manifest.json") }
        let second = try Self.files(under: runs.batchOut[1]).filter { !$0.hasSuffix("manifest.json") }
        #expect(first == second)
        #expect(first.contains("summary.csv") && first.contains("junit.xml"))
        #expect(first.filter { $0.hasSuffix(".csv") }.count == 1 + Self.shipped.count * Self.planFiles.count)
        for path in first where second.contains(path) {
            let a = try Data(contentsOf: runs.batchOut[0].appendingPathComponent(path))
            let b = try Data(contentsOf: runs.batchOut[1].appendingPathComponent(path))
            #expect(a == b, "\(path) differs between two batch runs")
        }
    }

    // MARK: expectations, exit code and JUnit

    /// A scenario whose outcome differs from its `expect` fails the batch: exit 1, a line naming it on stdout,
    /// `met_expectation = no` in summary.csv and exactly one JUnit failure, on its test case.
    @Test func wrongExpectationFailsTheBatchAndItsJUnitTestCase() throws {
        let runs = try Self.runs()
        let run = runs.batches[0]
        let all = (Self.shipped + [Self.wrong]).sorted()
        #expect(run.exitCode == 1, "\(run.stderr)")
        #expect(run.stdout.contains("\(all.count) scenarios: \(all.count - 1) as expected, 1 not"), "\(run.stdout)")
        #expect(run.stdout.contains("\(Self.wrong): expected optimal, got infeasible"), "\(run.stdout)")

        let summary = try Self.csv(runs.batchOut[0].appendingPathComponent("summary.csv"))
        #expect(try summary.rows.map { try $0.text("scenario") } == all)
        for row in summary.rows {
            let name = try row.text("scenario")
            #expect(try row.text("met_expectation") == (name == Self.wrong ? "no" : "yes"), "\(name)")
            #expect(try row.text("status") == (name == Self.wrong ? "infeasible" : "optimal"), "\(name)")
        }
        let message = try #require(summary.rows.first { (try? $0.text("scenario")) == Self.wrong }).text("message")
        #expect(message.contains("cell-exit"), "the infeasible plan names the target that cannot hold: \(message)")

        let report = JUnitReport(try Data(contentsOf: runs.junit[0]))
        #expect(report.parseError == nil, "junit.xml is not well-formed: \(report.parseError.map { "\($0)" } ?? "")")
        #expect(report.suites["testsuites"]?["tests"] == "\(all.count)")
        #expect(report.suites["testsuites"]?["failures"] == "1")
        #expect(report.suites["testsuite"]?["tests"] == "\(all.count)")
        #expect(report.suites["testsuite"]?["failures"] == "1")
        #expect(report.cases.map(\.name) == all)
        let failed = report.cases.filter { $0.failure != nil }
        #expect(failed.map(\.name) == [Self.wrong])
        #expect(failed.first?.failure == "expected optimal, got infeasible")
        #expect(failed.first?.failureText.contains("cell-exit") == true, "\(failed.first?.failureText ?? "")")
    }

    // MARK: kill and resume

    /// A batch killed (SIGKILL) after its first scenario, while it writes the next, leaves only complete files
    /// under their final names; `--resume` then finishes every scenario exactly once: folders finished before the kill keep their
    /// outcome and manifest untouched, and summary.csv lists every scenario once.
    @Test func killedBatchResumesEveryScenarioExactlyOnce() throws {
        let names = ["carbon-price-80", "clean-power-40", "diasporic-allowed", "no-index-purchase", "processing-2500kt", "wuchuan-late"]
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("scenarios"), out = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(at: Self.shippedScenarios.appendingPathComponent("\(name).toml"), to: folder.appendingPathComponent("\(name).toml"))
        }

        // Start the batch one scenario at a time and wait until one scenario's manifest exists.
        let process = Process()
        process.executableURL = try #require(alchainBinary, "the alchain binary is not built")
        process.arguments = ["batch", folder.path, "--out", out.path, "--jobs", "1"] + Self.solverFlags
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        while process.isRunning, Self.finished(names, in: out).isEmpty { usleep(20_000) }
        // Then, to hit the batch while it writes, wait (briefly) until the next scenario's folder holds some of its
        // files: a folder is created and filled after its solve, and the manifest comes last.
        while process.isRunning, Self.finished(names, in: out).count == 1, Self.writing(names, in: out, atLeast: 3).isEmpty { usleep(500) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()

        let finishedBefore = Self.finished(names, in: out)
        try #require(!finishedBefore.isEmpty, "the batch exited (status \(process.terminationStatus)) before finishing a scenario")
        #expect(process.terminationReason == .uncaughtSignal, "the batch ended before it was killed")
        #expect(finishedBefore.count < names.count, "every scenario finished before the kill: nothing was interrupted")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path))

        // Nothing half-written under a final name: every visible file is a known, complete one (temporary files
        // are hidden: `.<name>.tmp-…`, and Foundation's own `.dat.nosync…`); a folder with a manifest holds the
        // whole plan and its outcome.
        for name in names {
            let dir = out.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: dir.path) else { continue }
            let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            let visible = Set(entries.filter { !$0.hasPrefix(".") })
            #expect(visible.isSubset(of: Set(Self.planFiles + ["outcome.json", "manifest.json"])), "\(name): \(visible.sorted())")
            for file in visible {
                let data = try Data(contentsOf: dir.appendingPathComponent(file))
                if file.hasSuffix(".json") {
                    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name)/\(file) is not complete JSON")
                } else {
                    let text = try #require(String(data: data, encoding: .utf8), "\(name)/\(file) is not UTF-8")
                    #expect(text.hasSuffix("\r\n"), "\(name)/\(file) does not end with a complete record")
                    #expect(throws: Never.self, "\(name)/\(file) does not parse") { try CSVTable.parse(text, file: file) }
                }
            }
            if finishedBefore.contains(name) {
                #expect(visible == Set(Self.planFiles + ["outcome.json", "manifest.json"]), "\(name): \(visible.sorted())")
            }
        }
        var before: [String: (manifest: Data, outcome: Data, modified: Date)] = [:]
        for name in finishedBefore {
            let dir = out.appendingPathComponent(name)
            before[name] = (
                try Data(contentsOf: dir.appendingPathComponent("manifest.json")), try Data(contentsOf: dir.appendingPathComponent("outcome.json")),
                try Self.modified(dir.appendingPathComponent("manifest.json")))
        }

        let resumed = try runAlchain(["batch", folder.path, "--out", out.path, "--jobs", "2", "--resume"] + Self.solverFlags)
        #expect(resumed.exitCode == 0, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("\(names.count) scenarios: \(names.count) as expected, 0 not"), "\(resumed.stdout)")
        #expect(Self.finished(names, in: out) == Set(names))
        for (name, saved) in before {
            let dir = out.appendingPathComponent(name)
            #expect(try Data(contentsOf: dir.appendingPathComponent("manifest.json")) == saved.manifest, "\(name): manifest rewritten (solved again)")
            #expect(try Data(contentsOf: dir.appendingPathComponent("outcome.json")) == saved.outcome, "\(name): outcome rewritten")
            #expect(try Self.modified(dir.appendingPathComponent("manifest.json")) == saved.modified, "\(name): manifest touched")
        }
        for name in names {
            let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(name).path).filter { !$0.hasPrefix(".") }
            #expect(Set(files) == Set(Self.planFiles + ["outcome.json", "manifest.json"]), "\(name): \(files.sorted())")
        }
        let summary = try Self.csv(out.appendingPathComponent("summary.csv"))
        #expect(try summary.rows.map { try $0.text("scenario") } == names)
        #expect(try summary.rows.allSatisfy { try $0.text("status") == "optimal" && $0.text("met_expectation") == "yes" })
    }

    // MARK: errors

    struct BadSet: Sendable, CustomTestStringConvertible {
        let setting: String
        let key: String
        let rule: String
        var testDescription: String { setting }
    }

    /// A `--set` override that names nothing or has the wrong type stops `solve` with exit 65 and a message
    /// naming `--set`, the key and the rule broken, before any solving.
    @Test(arguments: [
        BadSet(setting: "targets.no-such-target.value=25", key: "targets.no-such-target.value", rule: "unknown-row"),
        BadSet(setting: "settings.discount_rat=0.08", key: "settings.discount_rat", rule: "unknown-key"),
        BadSet(setting: "settings.energy=1", key: "settings.energy", rule: "unknown-key"),
        BadSet(setting: "plantz.smelt_anshun.capacity_t=0", key: "plantz.smelt_anshun.capacity_t", rule: "unknown-table"),
        BadSet(setting: "plants.smelt_anshun.capacity=0", key: "plants.smelt_anshun.capacity", rule: "unknown-column"),
        BadSet(setting: "targets.recycled-share.value=twenty", key: "targets.recycled-share.value", rule: "not-a-number"),
        BadSet(setting: "settings.discount_rate=\"high\"", key: "settings.discount_rate", rule: "wrong-type"),
    ])
    func badSetExits65NamingTheKey(_ c: BadSet) throws {
        let run = try runAlchain(["solve", "recycled-25", "--set", c.setting] + Self.solverFlags)
        #expect(run.exitCode == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("--set: key '\(c.key)'"), "\(run.stderr)")
        #expect(run.stderr.contains("[\(c.rule)]"), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "nothing is solved or reported: \(run.stdout)")
    }

    /// `--set` without `=` is a usage error (64); an unknown scenario name is a missing input (66).
    @Test func malformedSetIsUsageAndUnknownScenarioIsMissing() throws {
        let usage = try runAlchain(["solve", "--set", "targets.recycled-share.value"])
        #expect(usage.exitCode == 64, "\(usage.stderr)")
        #expect(usage.stderr.contains("key=value"), "\(usage.stderr)")
        let missing = try runAlchain(["solve", "no-such-scenario"])
        #expect(missing.exitCode == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("no-such-scenario"), "\(missing.stderr)")
    }

    /// A batch over scenarios whose `extends` form a cycle stops before solving: exit 65, naming a file of the
    /// cycle, the key and the cycle; nothing is written.
    @Test func extendsCycleStopsTheBatch() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("extends = \"b\"\n".utf8).write(to: folder.appendingPathComponent("a.toml"))
        try Data("extends = \"a\"\n".utf8).write(to: folder.appendingPathComponent("b.toml"))
        let out = root.appendingPathComponent("out")
        let run = try runAlchain(["batch", folder.path, "--out", out.path])
        #expect(run.exitCode == 65, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("a.toml: key 'extends'") || run.stderr.contains("b.toml: key 'extends'"), "\(run.stderr)")
        #expect(run.stderr.contains("[extends-cycle]"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.csv").path))
    }

    // MARK: compare

    /// `compare` on two run folders prints the objective difference and writes it, with the other changes, as CSV.
    @Test func compareRunFoldersPrintsObjectiveDifferenceAndWritesCSV() throws {
        let runs = try Self.runs()
        let a = runs.batchOut[0].appendingPathComponent("power-dearer"), b = runs.batchOut[0].appendingPathComponent("recycled-25")
        let objectiveA = try #require(Double(try Self.keyValue(a.appendingPathComponent("summary.csv"), "objective_million_yuan")))
        let objectiveB = try #require(Double(try Self.keyValue(b.appendingPathComponent("summary.csv"), "objective_million_yuan")))
        try #require(objectiveA != objectiveB)

        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let csvFile = root.appendingPathComponent("diff.csv")
        let run = try runAlchain(["compare", a.path, b.path, "--csv", csvFile.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("objective_million_yuan") }, "\(run.stdout)")
        // The table trims trailing zeros (−10733.10 prints as −10733.1).
        var difference = String(format: "%.2f", objectiveB - objectiveA)
        while difference.hasSuffix("0") || difference.hasSuffix(".") { let dot = difference.hasSuffix("."); difference.removeLast(); if dot { break } }
        #expect(line.contains(difference), "\(line)")

        let diff = try Self.csv(csvFile)
        #expect(diff.header == ["section", "item", "year", "a", "b", "delta"])
        let objective = try #require(diff.rows.first { (try? $0.text("section")) == "objective" })
        #expect(abs(try objective.number("a") - objectiveA) < 1e-6)
        #expect(abs(try objective.number("b") - objectiveB) < 1e-6)
        #expect(abs(try objective.number("delta") - (objectiveB - objectiveA)) < 1e-3)
        #expect(diff.rows.count > 1, "two different plans differ in more than their objective")

        let same = try runAlchain(["compare", a.path, a.path])
        #expect(same.exitCode == 0)
        #expect(same.stdout == "no differences\n")
    }

    // MARK: helpers

    /// Scenarios among `names` whose folder under `out` holds a manifest (finished).
    static func finished(_ names: [String], in out: URL) -> Set<String> {
        Set(names.filter { FileManager.default.fileExists(atPath: out.appendingPathComponent("\($0)/manifest.json").path) })
    }

    /// Scenarios among `names` whose folder under `out` holds at least `count` files under final names but no
    /// manifest yet.
    static func writing(_ names: [String], in out: URL, atLeast count: Int) -> Set<String> {
        Set(names.filter {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent($0).path)) ?? []
            return entries.filter { !$0.hasPrefix(".") }.count >= count
        }).subtracting(finished(names, in: out))
    }

    static func modified(_ file: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
    }

    static func csv(_ file: URL) throws -> CSVTable { try CSVTable.read(file.path) }

    static func json(_ file: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: file)) as? [String: Any], "\(file.path) is not a JSON object")
    }

    /// The value of `key` in a `key,value` CSV file (a plan's summary.csv).
    static func keyValue(_ file: URL, _ key: String) throws -> String {
        let table = try csv(file)
        return try #require(table.rows.first { (try? $0.text("key")) == key }, "no \(key) in \(file.path)").text("value")
    }

    /// Paths of every file under `root`, relative to it, sorted.
    static func files(under root: URL) throws -> [String] {
        let base = root.standardizedFileURL.path
        let enumerator = try #require(FileManager.default.enumerator(atPath: base))
        var out: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: (base as NSString).appendingPathComponent(path), isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append(path)
            }
        }
        return out.sorted()
    }

    /// Results filled in by concurrent workers, each at its own index.
    // @unchecked Sendable: every access to `slots` holds `lock`.
    final class Collected<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<T, any Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ result: Result<T, any Error>) {
            lock.lock(); defer { lock.unlock() }
            slots[i] = result
        }
        /// Every value, or the first error.
        func values() throws -> [T] {
            lock.lock(); defer { lock.unlock() }
            return try slots.map { try $0!.get() }
        }
    }

    /// A JUnit XML file as parsed by Foundation's XMLParser: the suite attributes and each test case.
    final class JUnitReport: NSObject, XMLParserDelegate {
        struct TestCase {
            var name: String
            var failure: String?
            var failureText = ""
        }
        /// Attributes of `testsuites` and `testsuite`.
        private(set) var suites: [String: [String: String]] = [:]
        private(set) var cases: [TestCase] = []
        private(set) var parseError: (any Error)?
        private var inFailure = false

        init(_ data: Data) {
            super.init()
            let parser = XMLParser(data: data)
            parser.delegate = self
            if !parser.parse() { parseError = parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch element {
            case "testsuites", "testsuite": suites[element] = attributes
            case "testcase": cases.append(TestCase(name: attributes["name"] ?? ""))
            case "failure":
                if !cases.isEmpty { cases[cases.count - 1].failure = attributes["message"] ?? "" }
                inFailure = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            if element == "failure" { inFailure = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inFailure, !cases.isEmpty { cases[cases.count - 1].failureText += string }
        }
    }
}
