import AlChainIO
import AlChainSolver
import Foundation

/// What one draw of a sample came to; saved as `draws/draw-NNNNN.json` so that a resumed sample rebuilds its
/// outputs without solving again.
public struct DrawRecord: Codable, Sendable, Equatable {
    /// 1-based draw number.
    public var draw: Int
    /// The drawn numbers, in the order of the uncertainty file's rows.
    public var values: [Double]
    /// optimal, infeasible, unbounded, time_limit, error, or invalid (the drawn data broke a validation rule).
    public var status: String
    public var objectiveMillionYuan: Double?
    /// Why a draw has no plan: the targets that cannot hold together, or the error.
    public var message: String?
    /// Headline figures (key, value), as a batch's outcome.
    public var headline: [[String]]
    /// The plan's decisions (`PlanDecision.key`), in decisions.csv order.
    public var decisions: [String]
    /// The figures summarised as percentiles, by `quantity|key|year|unit`.
    public var figures: [String: Double]
    /// Build + solve + closest plan + duals, seconds (kept here only: the sample's CSV files carry no times).
    public var solveSeconds: Double

    /// Whether the draw has a plan the summaries count: proven optimal, or stopped at the time limit with a
    /// feasible plan (its gap to the bound in `mipGap`). Leaving the latter out would drop exactly the draws
    /// whose data make the plan hardest.
    public var hasPlan: Bool { status == "optimal" || (status == "time_limit" && objectiveMillionYuan != nil && !figures.isEmpty) }

    /// The relative MIP gap the solve ended with (the headline's `mip_gap`), if any.
    public var mipGap: Double? { headline.first { $0.first == "mip_gap" }.flatMap { $0.count > 1 ? Double($0[1]) : nil } }
}

/// Solves the draws of a sample in parallel through the batch's machinery: one GLPK problem per thread, each
/// draw's record written atomically when it is done, finished draws skipped on `resume`.
public enum SampleRunner {
    /// Settings for a sample.
    public struct Configuration: Sendable {
        public var outputDirectory: String
        public var jobs: Int
        public var resume: Bool
        public var solverOverrides: @Sendable (inout SolverOptions) -> Void
        /// The base plan every draw is drawn towards (the closest-plan stage); nil: each draw at its own optimum.
        public var reference: PlanReference?
        public init(outputDirectory: String, jobs: Int, resume: Bool, reference: PlanReference?,
                    solverOverrides: @escaping @Sendable (inout SolverOptions) -> Void) {
            self.outputDirectory = outputDirectory
            self.jobs = jobs
            self.resume = resume
            self.reference = reference
            self.solverOverrides = solverOverrides
        }
    }

    /// The sample's draws: the scenario `parent` (nil: the base data) with the parameters set to the draws' values.
    public struct Plan: Sendable {
        public var parameters: [UncertainParameter]
        /// `[draw][parameter]`, from the Latin hypercube design.
        public var values: [[Double]]
        public var catalog: ScenarioCatalog
        public var parent: String?
        public var base: RawInputs
        /// The data the draws change: `base` with the parent scenario applied.
        public var parentRaw: RawInputs

        /// Draws `draws` Latin hypercube points of `parameters` from `seed`.
        public init(parameters: [UncertainParameter], draws: Int, seed: UInt64, catalog: ScenarioCatalog, parent: String?, base: RawInputs) throws {
            self.parameters = parameters
            let u = LatinHypercube.design(draws: draws, parameters: parameters.count, seed: seed)
            values = u.map { row in zip(row, parameters).map { $1.quantile($0) } }
            self.catalog = catalog
            self.parent = parent
            self.base = base
            parentRaw = try parent.map { try catalog.prepare($0, base: base).raw } ?? base
        }
    }

    /// The folder of the per-draw records inside the output folder.
    public static let drawsFolder = "draws"

    /// A draw's name, which is also its scenario's name and record's file stem.
    public static func name(_ draw: Int) -> String { String(format: "draw-%05d", draw) }

    /// The path of a draw's record.
    public static func recordPath(_ draw: Int, in root: String) -> String {
        ((root as NSString).appendingPathComponent(drawsFolder) as NSString).appendingPathComponent(name(draw) + ".json")
    }

    /// Solves every draw (in parallel across `jobs` threads), skipping on `resume` those whose record exists with
    /// the same drawn values; returns the records in draw order. `progress` is called after each draw.
    public static func run(_ plan: Plan, configuration: Configuration, progress: @escaping @Sendable (Int, Int, DrawRecord) -> Void) throws -> [DrawRecord] {
        try FileManager.default.createDirectory(
            atPath: (configuration.outputDirectory as NSString).appendingPathComponent(drawsFolder), withIntermediateDirectories: true)
        let slots = OutcomeSlots<DrawRecord>(count: plan.values.count)
        let workers = max(1, min(configuration.jobs, plan.values.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = slots.claim() {
                let record = runOne(i + 1, plan: plan, configuration: configuration)
                let done = slots.store(record, at: i)
                progress(done, plan.values.count, record)
            }
        }
        return slots.outcomes
    }

    /// The scenario of one draw: the parent with every parameter set to its drawn value. A value equal to the
    /// data's (a factor of 1, the data's own number) is left out, so that a collapsed distribution is no override.
    public static func scenario(_ draw: Int, plan: Plan) throws -> Scenario {
        var settings: [Scenario.Setting] = [], edits: [Scenario.TableEdit] = []
        for (p, x) in zip(plan.parameters, plan.values[draw - 1]) {
            let parts = p.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if p.scale == .factor, x == 1 { continue }
            if parts[0] == "settings" {
                let current = try UncertaintyTable.dataValues(p.key, in: plan.parentRaw)[0].value
                let value = p.scale == .factor ? current * x : x
                if value == current { continue }
                settings.append(.init(key: p.key, value: .double(value), file: p.origin))
            } else if p.scale == .factor {
                edits.append(.init(action: .scale, table: parts[0], rows: [parts[1]], column: parts[2], factor: x, values: [:], file: p.origin, key: p.key))
            } else {
                let text = CSVWriter.number(x, decimals: 9)
                if Double(text) == (try UncertaintyTable.dataValues(p.key, in: plan.parentRaw)[0].value) { continue }
                settings.append(.init(key: p.key, value: .string(text), file: p.origin))
            }
        }
        return Scenario(name: name(draw), description: "draw \(draw) of a sample", file: "", extends: plan.parent, expect: .optimal,
                        settings: settings, edits: edits)
    }

    /// Solves one draw and writes its record atomically (or returns the record a finished earlier run left).
    static func runOne(_ draw: Int, plan: Plan, configuration: Configuration) -> DrawRecord {
        let path = recordPath(draw, in: configuration.outputDirectory)
        let values = plan.values[draw - 1]
        if configuration.resume, let saved = finished(path), saved.values == values { return saved }
        var record = DrawRecord(draw: draw, values: values, status: "invalid", objectiveMillionYuan: nil, message: nil, headline: [],
                                decisions: [], figures: [:], solveSeconds: 0)
        do {
            var catalog = plan.catalog
            let scenario = try scenario(draw, plan: plan)
            catalog.scenarios[scenario.name] = scenario
            let (raw, inputs) = try catalog.prepare(scenario.name, base: plan.base)
            let errors = InputValidation.findings(raw, inputs).filter { $0.severity == .error }
            if !errors.isEmpty { throw errors[0].asDataError }
            let options = PlanSolver.options(for: inputs.settings, overrides: configuration.solverOverrides)
            let solved = try PlanSolver.solve(inputs, options: options, closestTo: configuration.reference)
            record.solveSeconds = solved.timings.build + solved.timings.solve + solved.timings.closest + solved.timings.duals
            let result = PlanResult(solved)
            record.status = result.status.reportName
            record.objectiveMillionYuan = result.objectiveMillionYuan
            record.message = result.suspects.isEmpty ? nil : "cannot hold together: " + result.suspects.joined(separator: "; ")
            if !result.flows.isEmpty {
                record.headline = PlanExport.headline(result).map { [$0.0, $0.1] }
                record.decisions = PlanDecision.all(solved, result).map(\.key)
                record.figures = figures(result)
            }
        } catch {
            failureRecord(error, status: &record.status, message: &record.message)
        }
        do {
            try AtomicPath.write(try BatchRunner.jsonEncoder().encode(record), to: path)
        } catch {
            record.status = "error"
            record.message = "cannot write \(path): \(error)"
        }
        return record
    }

    /// The figures of a plan that percentiles.csv summarises: the objective, output value by year, capacity by
    /// cluster, stage and year, and each target's marginal cost by year.
    static func figures(_ r: PlanResult) -> [String: Double] {
        var out: [String: Double] = [:]
        if let objective = r.objectiveMillionYuan { out["objective|\(r.objectiveSense)||million_yuan"] = objective }
        for y in Set(r.clusterYears.map(\.year)) { out["output_value|province|\(y)|yi_yuan"] = r.provinceOutputValue(y) }
        for c in r.capacities { out["capacity|\(c.cluster):\(c.stage)|\(c.year)|t", default: 0] += c.capacityT }
        for c in r.compliance {
            if let price = c.shadowPrice { out["marginal_cost|\(c.target)|\(c.year)|million_yuan_per_\(c.unit == "%" ? "point" : c.unit == "t" ? "kt" : c.unit)"] = price }
        }
        return out
    }

    /// The record of a finished draw; nil when it is missing or unreadable (a killed run leaves none half-written).
    public static func finished(_ path: String) -> DrawRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? BatchRunner.jsonDecoder().decode(DrawRecord.self, from: data)
    }
}
