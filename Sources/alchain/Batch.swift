import AlChainIO
import AlChainPlanning
import AlChainReport
import AlChainSolver
import ArgumentParser
import Foundation

/// `alchain batch`: solve many scenarios in parallel and summarise them.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve scenario files in parallel; write each plan, summary.csv and optionally JUnit XML.",
        discussion: "Exit 0 only when every scenario's outcome matches its `expect` (default optimal); 1 otherwise.")

    @Argument(help: "Scenario files or folders of *.toml files.")
    var paths: [String]

    @Option(help: "Folder for summary.csv and one sub-folder per scenario.")
    var out: String

    @Option(help: "Scenarios solved at once (threads). Default: the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Write JUnit XML (one test case per scenario) to this file.")
    var junit: String?

    @Flag(help: "Skip scenarios whose folder already holds a manifest (a finished earlier run).")
    var resume = false

    @Flag(help: "Prefix each CSV file with a UTF-8 byte-order mark for Excel.")
    var excel = false

    @Flag(help: "Also write each scenario's report.html and plan.xlsx (against the base plan, solved into OUT/base) and OUT/summary.html.")
    var report = false

    @Option(help: "Language of the reports: zh (Chinese, default) or en.")
    var lang: Language = .zh

    @Option(help: ArgumentHelp(
        "Solve only shard I of N (1 ≤ I ≤ N) into OUT/shard-I-of-N; `alchain merge` joins the shards.",
        discussion: "Without it, a Slurm array task (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT) or a Kubernetes Indexed Job pod (JOB_COMPLETION_INDEX with ALCHAIN_SHARD_COUNT) solves its own shard.",
        valueName: "I/N"))
    var shard: String?

    @Flag(help: "Print the scenarios this run (or shard) would solve, one a line, and stop.")
    var list = false

    @OptionGroup var data: DataOptions
    @OptionGroup var solver: SolverFlags

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let base = try data.rawBase()
        let catalog = try catchingDataErrors { try ScenarioCatalog.read(paths) }
        // Check every extends chain up front: a broken chain is a data error for the whole batch.
        for name in catalog.names {
            _ = try catchingDataErrors { try ScenarioApplier.chain(catalog.scenarios[name]!, known: catalog.scenarios) }
        }
        let selection = try shardSelection()
        let names = selection?.shard.select(catalog.names) ?? catalog.names
        // Each shard in its own folder, so that tasks sharing one --out never write the same file.
        let folder = selection.map { (out as NSString).appendingPathComponent($0.shard.folderName) } ?? out
        if let selection {
            printError("shard \(selection.shard) (\(selection.source)): \(names.count) of \(catalog.names.count) scenarios into \(folder)")
        }
        if list {
            for name in names { print(name) }
            return
        }
        let start = ContinuousClock.now
        var manifest = BatchManifest(
            alchainVersion: AlChainVersion.string, selection: selection, setScenarios: catalog.names, scenarios: names,
            baseInputs: BatchManifest.baseInputs(base), excelBOM: excel)
        try begin(manifest, in: folder)
        let flags = solver
        var configuration = BatchRunner.Configuration(
            outputDirectory: folder, jobs: jobs, resume: resume, excelBOM: excel, alchainVersion: AlChainVersion.string,
            solverOverrides: { options in options = flags.options(over: options) })
        configuration.reference = try solver.baseReference(data)  // the base plan, solved once per batch
        let onTerminal = isatty(STDERR_FILENO) == 1
        let outcomes: [ScenarioOutcome]
        do {
            outcomes = try BatchRunner.run(names, catalog: catalog, base: base, configuration: configuration) { done, total, outcome in
                if onTerminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(outcome.name): \(outcome.status)".utf8))
                }
            }
        } catch {
            printError("error: \(out): cannot create the output folder: \(error.localizedDescription)")
            throw ExitStatus.cannotWrite.exitCode
        }
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        manifest.finish(since: start)
        do {
            // A shard's JUnit file goes into its folder; the merge writes the one for the whole set.
            let junitPath = selection == nil ? junit : junit.map { _ in (folder as NSString).appendingPathComponent("junit.xml") }
            try BatchRunner.writeSummary(outcomes, to: folder, junit: junitPath, excelBOM: excel)
            try manifest.write(to: folder)
        } catch let error as ModelError {
            throw fail(error)
        }
        if report { try writeReports(outcomes, catalog: catalog, in: folder) }
        try reportExpectations(outcomes)
    }

    /// Creates the output folder and writes the manifest of a run starting (exit 73 when it cannot).
    func begin(_ manifest: BatchManifest, in folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try manifest.write(to: folder)
        } catch let error as ModelError {
            throw fail(error)
        } catch {
            printError("error: \(folder): cannot create the output folder: \(error.localizedDescription)")
            throw ExitStatus.cannotWrite.exitCode
        }
    }

    /// The shard from `--shard` or the scheduler's variables; a usage error when they do not name one.
    func shardSelection() throws -> Shard.Selection? {
        do {
            return try Shard.select(flag: shard, environment: ProcessInfo.processInfo.environment)
        } catch let error as ShardError {
            printError("error: \(error.description)")
            throw ExitStatus.usage.exitCode
        }
    }
}

extension Batch {
    /// Each scenario's report against the base plan, and summary.html with the scenarios side by side. The base
    /// is the batch's own `base` scenario when it has one, else the base plan solved into OUT/base.
    func writeReports(_ outcomes: [ScenarioOutcome], catalog: ScenarioCatalog, in folder: String) throws {
        let baseDir = BatchRunner.directory("base", in: folder)
        if catalog.scenarios["base"] == nil {
            let inputs = try data.load()
            let flags = solver
            let plan: SolvedPlan
            do { plan = try PlanSolver.solve(inputs, options: PlanSolver.options(for: inputs.settings) { $0 = flags.options(over: $0) }) } catch let error as ModelError { throw fail(error) }
            let result = PlanResult(plan)
            do { try ReportExport.writePlan(plan, result, to: baseDir, excelBOM: excel) } catch let error as ModelError { throw fail(error) }
        }
        let base = FileManager.default.fileExists(atPath: (baseDir as NSString).appendingPathComponent("flows.csv")) ? try readRun(baseDir) : nil
        if let base { _ = try writeReport(base, base: nil, language: lang) }
        var runs: [(name: String, run: RunFolder?, outcome: RunFolder.Outcome?)] = []
        if let base, catalog.scenarios["base"] == nil { runs.append(("base", base, nil)) }
        for o in outcomes {
            let dir = BatchRunner.directory(o.name, in: folder)
            let outcome = RunFolder.Outcome(name: o.name, description: o.description, expect: o.expect, status: o.status, message: o.message)
            guard FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("flows.csv")) else {
                runs.append((o.name, nil, outcome))
                continue
            }
            let run = try readRun(dir)
            _ = try writeReport(run, base: o.name == "base" ? nil : base, language: lang)
            runs.append((o.name, run, outcome))
        }
        do {
            try ReportWriter.writeSummary(runs, base: base, to: folder, language: lang)
        } catch {
            printError("error: \(folder): cannot write summary.html: \(error.localizedDescription)")
            throw ExitStatus.cannotWrite.exitCode
        }
    }
}
