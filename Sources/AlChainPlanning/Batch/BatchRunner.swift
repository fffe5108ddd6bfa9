import AlChainIO
import AlChainSolver
import Foundation


/// Solves many scenarios in parallel (one GLPK problem per thread) and writes each plan, its outcome and
/// manifest, then a summary.
public enum BatchRunner {
    /// Settings for a batch.
    public struct Configuration: Sendable {
        public var outputDirectory: String
        public var jobs: Int
        public var resume: Bool
        public var excelBOM: Bool
        public var alchainVersion: String
        public var solverOverrides: @Sendable (inout SolverOptions) -> Void
        /// The base plan every scenario is drawn towards (closest plan within the MIP gap); `nil`: off.
        public var reference: PlanReference? = nil
        public init(outputDirectory: String, jobs: Int, resume: Bool, excelBOM: Bool, alchainVersion: String,
                    solverOverrides: @escaping @Sendable (inout SolverOptions) -> Void) {
            self.outputDirectory = outputDirectory
            self.jobs = jobs
            self.resume = resume
            self.excelBOM = excelBOM
            self.alchainVersion = alchainVersion
            self.solverOverrides = solverOverrides
        }
    }

    /// A scenario's folder inside the batch folder.
    public static func directory(_ name: String, in root: String) -> String { (root as NSString).appendingPathComponent(name) }

    /// Solves `names` (in parallel across `jobs` threads), skipping on `resume` those whose folder already
    /// holds a manifest; returns the outcomes in `names` order. `progress` is called after each scenario.
    public static func run(
        _ names: [String], catalog: ScenarioCatalog, base: RawInputs, configuration: Configuration,
        progress: @escaping @Sendable (Int, Int, ScenarioOutcome) -> Void
    ) throws -> [ScenarioOutcome] {
        try FileManager.default.createDirectory(atPath: configuration.outputDirectory, withIntermediateDirectories: true)
        let slots = OutcomeSlots<ScenarioOutcome>(count: names.count)
        let workers = max(1, min(configuration.jobs, names.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = slots.claim() {
                let outcome = runOne(names[i], catalog: catalog, base: base, configuration: configuration)
                let done = slots.store(outcome, at: i)
                progress(done, names.count, outcome)
            }
        }
        return slots.outcomes
    }

    /// Solves one scenario and writes its folder; the manifest is written last, marking it complete.
    static func runOne(_ name: String, catalog: ScenarioCatalog, base: RawInputs, configuration: Configuration) -> ScenarioOutcome {
        let finalDir = directory(name, in: configuration.outputDirectory)
        if configuration.resume, let saved = finished(finalDir) { return saved.outcome }
        let scenario = catalog.scenarios[name]
        var outcome = ScenarioOutcome(
            name: name, description: scenario?.description ?? "", expect: (scenario?.expect ?? .optimal).rawValue,
            status: "invalid", metExpectation: false, objectiveMillionYuan: nil, message: nil, targets: [], headline: [])
        // The scenario's folder is written whole: into a staging sibling, swapped in at the end (AtomicFolder).
        let folder: AtomicFolder
        do { folder = try AtomicFolder(finalDir, markers: [manifestFile, outcomeFile, PlanExport.fileNames[0]]) } catch {
            outcome.status = "error"
            outcome.message = error.description
            return outcome
        }
        let dir = folder.stagingPath
        let manifestPath = (dir as NSString).appendingPathComponent(manifestFile)
        let outcomePath = (dir as NSString).appendingPathComponent(outcomeFile)
        var solveSeconds = 0.0
        var solverDescription: [String: String] = [:]
        do {
            let (raw, inputs) = try catalog.prepare(name, base: base)
            let errors = InputValidation.findings(raw, inputs).filter { $0.severity == .error }
            if !errors.isEmpty { throw errors[0].asDataError }
            let options = PlanSolver.options(for: inputs.settings, overrides: configuration.solverOverrides)
            solverDescription = [
                "mip_gap": "\(options.mipGap)", "time_limit_s": options.timeLimit.map { "\($0)" } ?? "none",
                "presolve": "\(options.presolve)", "cuts": options.cuts.map(\.rawValue).sorted().joined(separator: ","),
                "cut_nodes": options.cutNodes.rawValue, "algorithm": options.algorithm.rawValue,
            ]
            // The base scenario is the reference itself; every other scenario is drawn towards it.
            let plan = try PlanSolver.solve(inputs, options: options, closestTo: name == "base" ? nil : configuration.reference)
            solveSeconds = plan.timings.build + plan.timings.solve + plan.timings.closest + plan.timings.duals
            let result = PlanResult(plan)
            outcome.status = result.status.reportName
            outcome.objectiveMillionYuan = result.objectiveMillionYuan
            outcome.message = result.suspects.isEmpty ? nil : "cannot hold together: " + result.suspects.joined(separator: "; ")
            var firstByTarget: [String: ScenarioOutcome.TargetOutcome] = [:]
            var order: [String] = []
            for c in result.compliance {
                if var t = firstByTarget[c.target] {
                    t.metAllYears = t.metAllYears && c.met
                    firstByTarget[c.target] = t
                } else {
                    order.append(c.target)
                    firstByTarget[c.target] = .init(target: c.target, scope: c.scope, firstYear: c.year, achieved: c.achieved, metAllYears: c.met)
                }
            }
            outcome.targets = order.map { firstByTarget[$0]! }
            outcome.headline = PlanExport.headline(result).map { [$0.0, $0.1] }
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if !result.flows.isEmpty { try ReportExport.writePlan(plan, result, to: dir, excelBOM: configuration.excelBOM) }
        } catch {
            failureRecord(error, status: &outcome.status, message: &outcome.message)
        }
        outcome.metExpectation = outcome.status == outcome.expect
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try AtomicPath.write(try jsonEncoder().encode(outcome), to: outcomePath)
            let manifest = RunManifest(
                alchainVersion: configuration.alchainVersion, glpkVersion: Solver.glpkVersion, scenario: name,
                inputHashes: inputHashes(base: base, scenario: scenario, catalog: catalog), overrides: overrides(scenario, catalog: catalog),
                solver: solverDescription, solveSeconds: solveSeconds)
            try AtomicPath.write(try jsonEncoder().encode(manifest), to: manifestPath)
            try folder.commit()
        } catch {
            folder.discard()
            outcome.status = "error"
            outcome.metExpectation = false
            outcome.message = "cannot write \(finalDir): \(error)"
        }
        return outcome
    }

    /// A scenario folder's outcome and manifest file names; the manifest is written last.
    static let outcomeFile = "outcome.json", manifestFile = "manifest.json"

    /// The outcome and manifest of a finished scenario folder; nil when either is missing or unreadable.
    public static func finished(_ dir: String) -> (outcome: ScenarioOutcome, manifest: RunManifest)? {
        guard let m = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(manifestFile)),
              let o = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(outcomeFile)),
              let manifest = try? jsonDecoder().decode(RunManifest.self, from: m),
              let outcome = try? jsonDecoder().decode(ScenarioOutcome.self, from: o) else { return nil }
        return (outcome, manifest)
    }

    static func jsonEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    /// Reads what `jsonEncoder` wrote (non-finite numbers included).
    static func jsonDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}

/// The outcomes of a batch (or a sample's draws), filled by worker threads.
// @unchecked Sendable: every access to the arrays holds `lock`.
final class OutcomeSlots<Outcome: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var slots: [Outcome?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next scenario index to solve, or nil when all are claimed.
    func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores an outcome; returns how many are done.
    func store(_ outcome: Outcome, at i: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[i] = outcome
        done += 1
        return done
    }

    var outcomes: [Outcome] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
