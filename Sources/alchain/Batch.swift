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
        let flags = solver
        let configuration = BatchRunner.Configuration(
            outputDirectory: out, jobs: jobs, resume: resume, excelBOM: excel, alchainVersion: AlChainVersion.string,
            solverOverrides: { options in options = flags.options(over: options) })
        let onTerminal = isatty(STDERR_FILENO) == 1
        let outcomes: [ScenarioOutcome]
        do {
            outcomes = try BatchRunner.run(catalog.names, catalog: catalog, base: base, configuration: configuration) { done, total, outcome in
                if onTerminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(outcome.name): \(outcome.status)".utf8))
                }
            }
        } catch {
            printError("error: \(out): cannot create the output folder: \(error.localizedDescription)")
            throw ExitStatus.cannotWrite.exitCode
        }
        if onTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        do {
            try AtomicPath.write(BatchRunner.summary(outcomes).data(excelBOM: excel), to: (out as NSString).appendingPathComponent("summary.csv"))
            if let junit {
                try AtomicPath.write(Data(BatchRunner.junit(outcomes).utf8), to: junit)
            }
        } catch let error as ModelError {
            throw fail(error)
        }
        if report { try writeReports(outcomes, catalog: catalog) }
        let failed = outcomes.filter { !$0.metExpectation }
        print("\(outcomes.count) scenarios: \(outcomes.count - failed.count) as expected, \(failed.count) not")
        for o in failed { print("  \(o.name): expected \(o.expect), got \(o.status)\(o.message.map { " — \($0)" } ?? "")") }
        if !failed.isEmpty { throw ExitStatus.infeasible.exitCode }
    }
}

extension Batch {
    /// Each scenario's report against the base plan, and summary.html with the scenarios side by side. The base
    /// is the batch's own `base` scenario when it has one, else the base plan solved into OUT/base.
    func writeReports(_ outcomes: [ScenarioOutcome], catalog: ScenarioCatalog) throws {
        let baseDir = BatchRunner.directory("base", in: out)
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
            let dir = BatchRunner.directory(o.name, in: out)
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
            try ReportWriter.writeSummary(runs, base: base, to: out, language: lang)
        } catch {
            printError("error: \(out): cannot write summary.html: \(error.localizedDescription)")
            throw ExitStatus.cannotWrite.exitCode
        }
    }
}
