import AlChainIO
import AlChainPlanning
import AlChainReport
import AlChainSolver
import Foundation

/// Turns a request into a run: applies the scenario and overrides to the base data with the same checks as
/// `alchain solve --set` (their messages become HTTP 400), solves, explains an infeasible plan, and writes the
/// run into the store. Everything here runs synchronously on one solve thread (GLPK keeps state per thread).
struct PlanService: Sendable {
    let configuration: ServerConfiguration
    /// The base data as read at start-up.
    let base: RawInputs
    /// The shipped scenarios, selectable by name.
    let catalog: ScenarioCatalog
    let store: RunStore
    /// SHA-256 of the input files as read at start-up, for every run's manifest (the data is read once).
    let inputHashes: [String: String]
    /// The base plan every what-if is drawn towards (the plan closest to it within the MIP gap), as
    /// `alchain solve SCENARIO` and `--set` do; solved once at start-up.
    let reference: PlanReference?
    /// The runs of this process proven optimal, by scenario and applied overrides (a repeated request is not solved again).
    let answers = AnswerCache()

    /// The outcome of one request.
    enum Outcome: Sendable {
        /// The request was refused before any solve: the message (as `--set` prints it).
        case invalid(String)
        /// A run was solved and stored: its history entry and the JSON answer.
        case solved(RunStore.Entry, Data)
        /// The solver failed (not the request): the message.
        case failed(String)
        /// The client left while its solve ran: the solve stopped early and no run was written.
        case cancelled
    }

    /// Loads the base data and the shipped scenarios (data errors are thrown with their located messages).
    init(configuration: ServerConfiguration, store: RunStore) throws {
        self.configuration = configuration
        self.base = try RawInputs.read(configuration.data)
        self.catalog = FileManager.default.fileExists(atPath: configuration.scenariosDirectory)
            ? try ScenarioCatalog.read([configuration.scenariosDirectory]) : ScenarioCatalog(scenarios: [:])
        self.store = store
        self.inputHashes = ReportExport.inputHashes(folders: [configuration.data.modelsDirectory, configuration.data.inputsDirectory], extraFiles: [])
        let baseInputs = try catalog.prepare("base", base: base).inputs
        var baseOptions = PlanSolver.options(for: baseInputs.settings)
        baseOptions.timeLimit = configuration.solveTimeLimit
        self.reference = PlanReference(try PlanSolver.solve(baseInputs, options: baseOptions, diagnosisTimeLimit: nil))
    }

    /// The inputs of a request, checked as the command line checks them; a refusal carries the message.
    /// A control left at (or moved back to) the data's value is not a mistake on the page, as it would be in a
    /// typed `--set`: such settings are dropped, one at a time as the applier names them, and the rest applied.
    /// `applied` is the overrides that remain, as text by key.
    func prepare(_ request: SolveRequest) -> Result<(raw: RawInputs, inputs: PlanInputs, warnings: [String], applied: [String: String]), APIError> {
        var remaining = request
        while true {
            do {
                let (raw, inputs) = try catalog.prepare(remaining.scenario ?? "base", base: base, extra: remaining.settings)
                let findings = InputValidation.findings(raw, inputs)
                if let error = findings.first(where: { $0.severity == .error }) { return .failure(.badRequest(error.description)) }
                return .success((raw, inputs, findings.map(\.description), remaining.setText))
            } catch let error as DataError {
                if error.rule == "no-change", let i = remaining.overrides.firstIndex(where: { $0.key == error.column }) {
                    remaining.overrides.remove(at: i)
                    continue
                }
                return .failure(.badRequest("error: \(error.description)"))
            } catch {
                return .failure(.badRequest("error: \(error)"))
            }
        }
    }

    /// Solves a request and stores the run; `baseRun` is the run the answer's changes are measured against.
    /// When `cancellation` is set during the solve (the client left), it stops early and nothing is stored.
    func solve(_ request: SolveRequest, baseRun: RunFolder?, cancellation: SolveCancellation? = nil) -> Outcome {
        let start = Date()
        var phases: [String: Double] = [:]
        func lap(_ phase: String, since: Date) -> Date { phases[phase] = Date().timeIntervalSince(since); return Date() }
        let prepared: (raw: RawInputs, inputs: PlanInputs, warnings: [String], applied: [String: String])
        switch prepare(request) {
        case .failure(let error): return .invalid(error.message)
        case .success(let p): prepared = p
        }
        var inputs = prepared.inputs
        ScenarioCatalog.labelOneOff(&inputs, settings: request.settings)
        var options = PlanSolver.options(for: inputs.settings)
        // The server's per-solve limit replaces the data's, as `--time-limit` does on the command line.
        options.timeLimit = configuration.solveTimeLimit
        options.cancellation = cancellation
        var clock = lap("prepare", since: start)
        let key = AnswerCache.Key(scenario: request.scenario ?? "base", settings: prepared.applied)
        if let answer = storedAnswer(key, for: request, start: start, phases: phases) { return answer }
        do {
            let whatIf = (request.scenario.map { $0 != "base" } ?? false) || !request.settings.isEmpty
            let plan = try PlanSolver.solve(inputs, options: options, closestTo: whatIf ? reference : nil)
            let result = PlanResult(plan)
            clock = lap("solve", since: clock)
            var conflict: [[String: String]] = []
            var conflictComplete = true
            if result.status == .infeasible {
                let report = try PlanExplanation.explain(plan.chain, options: options, timeLimit: configuration.solveTimeLimit)
                conflict = report.subset.map { Conflict.describe($0, chain: plan.chain) }
                conflictComplete = report.complete
                clock = lap("explain", since: clock)
            }
            try cancellation?.check()
            let (id, folder) = try store.begin()
            do {
                var decisions: [[String: Any]] = []
                var changes: [[String: Any]] = []
                if !result.flows.isEmpty {
                    // The CSV texts are made once: written as they are (what `solve --out` writes) and read as the run.
                    let texts = ReportExport.csvTexts(plan, result)
                    // Plain writes: the folder is the run's temporary one, renamed into place only when complete.
                    for (name, text) in texts { try Data(text.utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name))) }
                    let overrides = (request.scenario.map { ["scenario \($0)"] } ?? []) + request.overrides.map { "--set \($0.key)=\($0.value.text)" }
                    try ReportExport.writeManifest(ReportExport.manifest(
                        alchainVersion: configuration.alchainVersion, glpkVersion: configuration.glpkVersion, scenario: inputs.settings.name,
                        inputHashes: inputHashes,
                        overrides: overrides, solveSeconds: plan.timings.build + plan.timings.solve + plan.timings.duals), to: folder)
                    clock = lap("store_files", since: clock)
                    // Only the tables the decisions come from are read back (flows.csv, the largest, is not).
                    let run = try RunFolder.decisions(path: folder, files: texts)
                    let listed = Decision.of(run)
                    decisions = listed.map { Self.json($0, run) }
                    if let baseRun {
                        changes = ReportDashboard.changedDecisions(listed, base: Decision.of(baseRun))
                            .map { Self.json($0.decision, $0.here ? run : baseRun, change: $0.here ? "added" : "removed") }
                    }
                    clock = lap("store_decisions", since: clock)
                }
                var answer = (try? JSONSerialization.jsonObject(with: Data(PlanReport.json(result).utf8))) as? [String: Any] ?? [:]
                answer["run"] = id
                answer["request"] = request.echo
                answer["decisions"] = decisions
                answer["changes_against_base"] = changes
                answer["conflict"] = conflict
                answer["conflict_complete"] = conflictComplete
                answer["warnings"] = prepared.warnings
                _ = lap("store_answer", since: clock)
                phases["store"] = ["store_files", "store_decisions", "store_answer"].reduce(0) { $0 + (phases[$1] ?? 0) }
                answer["server_timings_s"] = phases
                answer["seconds"] = Date().timeIntervalSince(start)
                let files = result.flows.isEmpty ? ["answer.json"] : ["answer.json", "report.html", "plan.xlsx"] + (PlanExport.fileNames + ReportExport.fileNames)
                answer["files"] = Dictionary(uniqueKeysWithValues: files.map { ($0, "/api/runs/\(id)/files/\($0)") })
                let data = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes])
                try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("answer.json")), options: .atomic)
                let entry = RunStore.Entry(id: id, created: ISO8601DateFormatter().string(from: Date()), scenario: request.scenario, set: request.setText,
                                           status: result.status.rawValue, objective: result.objectiveMillionYuan, files: [])
                try store.commit(entry, folder: folder)
                if result.status == .optimal { answers.remember(id, for: key) }
                return .solved(store.entry(id) ?? entry, data)
            } catch {
                store.abandon(folder: folder)
                throw error
            }
        } catch is SolveCancellation.Cancelled {
            return .cancelled
        } catch let error as ModelError {
            return .failed("solver: \(error)")
        } catch {
            return .failed("cannot write the run: \(error)")
        }
    }

    /// The answer of a run this process already solved for `key`, marked `"from_store": true` with this
    /// request's own wording and time; `nil` when there is none (or its files have gone).
    func storedAnswer(_ key: AnswerCache.Key, for request: SolveRequest, start: Date, phases: [String: Double]) -> Outcome? {
        guard configuration.reuseAnswers, let id = answers.run(for: key), let entry = store.entry(id), let path = store.file(id, "answer.json"),
              let data = FileManager.default.contents(atPath: path),
              var answer = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        var phases = phases
        phases["lookup"] = Date().timeIntervalSince(start) - (phases["prepare"] ?? 0)
        answer["from_store"] = true
        answer["request"] = request.echo
        answer["server_timings_s"] = phases
        answer["seconds"] = Date().timeIntervalSince(start)
        guard let out = try? JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return .solved(entry, out)
    }

    /// One decision as JSON: what, where, when, how much, its capital cost and names in both languages.
    static func json(_ d: Decision, _ run: RunFolder, change: String? = nil) -> [String: Any] {
        var o: [String: Any] = [
            "year": d.year, "decision": d.kind.rawValue, "unit": d.unit, "cluster": d.cluster, "park": d.park, "process": d.process,
            "stage": d.stage, "tonnes": d.tonnes.isFinite ? d.tonnes : NSNull(),
            "name_zh": d.kind == .buyIndices ? "产能指标" : run.names.name("unit", d.unit, .zh),
            "name_en": d.kind == .buyIndices ? "capacity indices" : run.names.name("unit", d.unit, .en),
        ]
        if let c = d.capexMillionYuan { o["capex_million_yuan"] = c }
        if !d.project.isEmpty { o["project"] = d.project }
        if let change { o["change"] = change }
        return o
    }
}
