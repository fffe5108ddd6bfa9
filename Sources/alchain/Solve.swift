import AlChainIO
import AlChainPlanning
import AlChainReport
import AlChainSolver
import ArgumentParser
import Foundation

/// Options that locate a plan's data.
struct DataOptions: ParsableArguments {
    @Option(help: "Folder with the chain definition (commodities, processes, metrics). Default: Models/ of the checkout.")
    var models: String?

    @Option(help: "Folder with the region's inputs (settings.toml and tables). Default: Inputs/guizhou of the checkout.")
    var inputs: String?

    /// The data location, or a usage error when the defaults cannot be found.
    func location() throws -> DataLocation {
        let fallback = DataLocation.defaultGuizhou()
        guard let models = models ?? fallback?.modelsDirectory, let inputs = inputs ?? fallback?.inputsDirectory else {
            printError("error: cannot find Models/ and Inputs/guizhou/; run from the AlChain checkout or pass --models and --inputs")
            throw ExitStatus.inputMissing.exitCode
        }
        return DataLocation(modelsDirectory: models, inputsDirectory: inputs)
    }

    /// Loads and validates the base inputs (data errors exit 65, missing files 66).
    func load() throws -> PlanInputs { try load(scenario: nil, sets: []) }

    /// The base data as read, before any scenario.
    func rawBase() throws -> RawInputs {
        let location = try location()
        for dir in [location.modelsDirectory, location.inputsDirectory] where !FileManager.default.fileExists(atPath: dir) {
            printError("error: \(dir): no such folder")
            throw ExitStatus.inputMissing.exitCode
        }
        return try catchingDataErrors { try RawInputs.read(location) }
    }

    /// The folder of shipped scenarios: `scenarios/` beside the inputs folder.
    func scenariosDirectory() throws -> String {
        let inputs = try location().inputsDirectory
        return ((inputs as NSString).deletingLastPathComponent as NSString).appendingPathComponent("scenarios")
    }

    /// Loads a scenario (a file, or a name in the shipped scenarios folder) with extra `--set` overrides,
    /// validates it (warnings to stderr; errors exit 65) and returns the inputs.
    func load(scenario: String?, sets: [String]) throws -> PlanInputs {
        let (raw, inputs) = try prepare(scenario: scenario, sets: sets)
        let findings = InputValidation.findings(raw, inputs)
        for f in findings { printError(f.description) }
        if findings.contains(where: { $0.severity == .error }) { throw ExitStatus.invalidData.exitCode }
        return inputs
    }

    /// The edited raw data and typed inputs of a scenario, without validation.
    func prepare(scenario: String?, sets: [String]) throws -> (raw: RawInputs, inputs: PlanInputs) {
        let extra = try sets.map(parseSetting)
        let base = try rawBase()
        let (catalog, name) = try catalog(for: scenario)
        return try catchingDataErrors { try catalog.prepare(name ?? "base", base: base, extra: extra) }
    }

    /// The scenarios `scenario` (a file, or a name in the shipped scenarios folder) needs and its name; nil for the base.
    func catalog(for scenario: String?) throws -> (catalog: ScenarioCatalog, name: String?) {
        try catchingDataErrors {
            guard let scenario, scenario != "base" else { return (ScenarioCatalog(scenarios: [:]), nil) }
            if FileManager.default.fileExists(atPath: scenario) {
                return try ScenarioCatalog.chain(from: scenario, shippedFolder: try scenariosDirectory())
            }
            let catalog = try ScenarioCatalog.read([try scenariosDirectory()])
            guard catalog.scenarios[scenario] != nil else {
                throw DataError(file: scenario, expected: "a scenario file or the name of one in \(try scenariosDirectory()) (\(catalog.names.joined(separator: ", ")))", found: "no such scenario", rule: "missing-file")
            }
            return (catalog, scenario)
        }
    }

    /// `key=value` from the command line; the value is read as TOML (a number, true/false, or a quoted string),
    /// falling back to plain text.
    func parseSetting(_ text: String) throws -> Scenario.Setting {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            printError("error: --set takes key=value, found '\(text)'")
            throw ExitStatus.usage.exitCode
        }
        let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let valueText = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        let parsed = (try? TOMLDocument.parse("v = \(valueText)", file: "--set"))?.root["v"]
        return Scenario.Setting(key: key, value: parsed ?? .string(valueText), file: "--set")
    }
}

/// Runs `body`, turning data errors into exit 65 (66 for a missing file) with the located message.
func catchingDataErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DataError {
        throw fail(error)
    }
}

/// The scenario a command works on, with one-off overrides.
struct ScenarioArguments: ParsableArguments {
    @Argument(help: "A scenario file, or the name of a scenario in Inputs/scenarios/ (default: the base plan).")
    var scenario: String?

    @Option(name: .customLong("set"), help: "Override one input value, e.g. --set targets.recycled-share.value=25 (repeatable).")
    var sets: [String] = []

    /// Whether this is a what-if (a scenario other than base, or a one-off --set), drawn towards the base plan.
    var isWhatIf: Bool { (scenario.map { $0 != "base" } ?? false) || !sets.isEmpty }

    /// The scenario's inputs with the --set overrides applied (a one-off run labelled as such) and the solver
    /// options: the data's, under the command line's flags.
    func inputsAndOptions(_ data: DataOptions, _ solver: SolverFlags) throws -> (PlanInputs, SolverOptions) {
        var inputs = try data.load(scenario: scenario, sets: sets)
        ScenarioCatalog.labelOneOff(&inputs, settings: try sets.map(data.parseSetting))
        return (inputs, solver.options(over: PlanSolver.options(for: inputs.settings)))
    }
}

extension Solve {
    /// The decision summary that opens the text report, from the same CSV texts `--out` writes.
    func decisionSummary(_ plan: SolvedPlan, _ result: PlanResult) throws -> String {
        let run = try catchingDataErrors { try RunFolder(path: result.scenario, files: ReportExport.csvTexts(plan, result)) }
        return DecisionSummary.text(run, language: lang)
    }

    /// The run's manifest: versions, SHA-256 of the inputs read, the scenario and its one-off overrides.
    func manifest(_ inputs: PlanInputs, _ plan: SolvedPlan) throws -> RunManifest {
        let location = try data.location()
        let scenarioFile = what.scenario.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        // The overrides as they took effect: each --set key with the value as read (TOML-typed), after the scenario's.
        let overrides = (what.scenario.map { ["scenario \($0)"] } ?? []) + (try what.sets.map(data.parseSetting)).map { "--set \($0.key) = \($0.value.text) (\($0.value.typeName))" }
        return ReportExport.manifest(
            alchainVersion: AlChainVersion.string, glpkVersion: Solver.glpkVersion, scenario: inputs.settings.name,
            inputHashes: ReportExport.inputHashes(folders: [location.modelsDirectory, location.inputsDirectory], extraFiles: scenarioFile.map { [$0] } ?? []),
            overrides: overrides, solveSeconds: plan.timings.build + plan.timings.solve + plan.timings.closest + plan.timings.duals)
    }
}

/// `alchain solve`: solve the Guizhou plan and report compliance target by target.
struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve the Guizhou aluminium-chain plan and report, target by target, that it complies.")

    @OptionGroup var what: ScenarioArguments
    @OptionGroup var data: DataOptions

    @Option(help: "Output format of the report: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Write the plan as CSV files into this folder.")
    var out: String?

    @Flag(help: "Prefix each CSV file with a UTF-8 byte-order mark so Excel shows Chinese names correctly.")
    var excel = false

    @Option(help: "Write the model as an MPS (.mps) or CPLEX LP (.lp) file.")
    var writeModel: String?

    @Flag(help: "With --out: also write report.html, plan.xlsx and manifest.json into the folder (see `alchain report`).")
    var report = false

    @Option(help: "Language of the decision summary and the report: zh (Chinese, default) or en.")
    var lang: Language = .zh

    @OptionGroup var solver: SolverFlags

    func validate() throws {
        if report && out == nil { throw ValidationError("--report needs --out DIR (the report is written into the run folder)") }
    }

    func run() throws {
        let (inputs, options) = try what.inputsAndOptions(data, solver)
        let plan: SolvedPlan
        do {
            plan = try PlanSolver.solve(inputs, options: options, closestTo: try solver.baseReference(data, whatIf: what.isWhatIf))
        } catch let error as ModelError {
            throw fail(error)
        }
        if let writeModel {
            do { try ModelFile.write(plan.chain.model.problem, to: writeModel) } catch let error as ModelError { throw fail(error) }
        }
        var result = PlanResult(plan)
        var reportPaths: [String] = []
        if let out {
            // The run folder is written whole: into a staging sibling, then swapped in (see AtomicFolder).
            let clock = Date()
            let folder: AtomicFolder
            do { folder = try AtomicFolder(out, markers: [PlanExport.fileNames[0]]) } catch { throw fail(error) }
            do {
                try ReportExport.writePlan(plan, result, to: folder.stagingPath, excelBOM: excel)
                // A one-off --set run records its overrides, since no scenario file does.
                if report || !what.sets.isEmpty { try ReportExport.writeManifest(manifest(inputs, plan), to: folder.stagingPath) }
                if report, !result.flows.isEmpty {
                    reportPaths = try writeReport(try readRun(folder.stagingPath), base: nil, language: lang)
                        .map { (out as NSString).appendingPathComponent(($0 as NSString).lastPathComponent) }
                }
                try folder.commit()
            } catch let error as ModelError {
                folder.discard()
                throw fail(error)
            } catch {
                folder.discard()
                throw error
            }
            result.timings.output = Date().timeIntervalSince(clock)
        }
        switch format {
        case .text:
            if !result.flows.isEmpty { print(try decisionSummary(plan, result) + "\n") }
            print(PlanReport.text(result), terminator: "")
            if let out {
                print(String(format: "\nwrote %d CSV files to %@ (%.3f s)", PlanExport.fileNames.count + ReportExport.fileNames.count, out, result.timings.output))
                if !reportPaths.isEmpty { print("wrote " + reportPaths.joined(separator: ", ")) }
            }
        case .json: print(PlanReport.json(result))
        }
        printSolverDiagnostics(plan.solution.result, verbose: solver.verbose)
        let exit = ExitStatus(result.status)
        if exit == .infeasible {
            printError("the plan is infeasible; these cannot hold together: \(result.suspects.joined(separator: ", "))")
        }
        if exit != .optimal { throw exit.exitCode }
        if result.compliance.contains(where: { !$0.met }) || result.rules.contains(where: { !$0.met }) {
            printError("error: the solution violates a target beyond tolerance (see compliance)")
            throw ExitStatus.noProvenResult.exitCode
        }
    }
}
