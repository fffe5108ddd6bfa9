import AlChainIO
import AlChainModeling
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// `alchain explain` and `alchain validate` on constructed broken versions of the Guizhou plan: the subset
/// explain names is infeasible on its own and irreducible, the relaxation it proposes restores feasibility,
/// the shadow prices it (and `solve`) reports are finite differences of the objective, and validation points at
/// the file, row and column a user has to fix.
@Suite struct ExplainTests {
    // MARK: - Constructed infeasible plans

    /// One infeasible what-if, built with `--set`-style overrides of the shipped data.
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var sets: [(String, TOMLNode)]
        /// A group name the subset must contain (the cause a planner would look for).
        var mustName: String
        /// Whether relaxing the targets (and market minimums) can help at all.
        var targetsAreTheCause: Bool
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        // Conflicting targets: an output value far above what the capped markets absorb.
        Case(label: "output value above the markets", sets: [("targets.output-value.value", .integer(3000))],
             mustName: "output-value province", targetsAreTheCause: true),
        // Too little capacity: a processing goal of 20 Mt against every fabrication plant and candidate.
        Case(label: "processing capacity above all fabrication", sets: [("targets.processing-capacity.value", .integer(20_000_000))],
             mustName: "processing-capacity province", targetsAreTheCause: true),
        // Bad data: a market minimum (and maximum) of 20 Mt of extrusions, far above fabrication capacity.
        Case(label: "market minimum above capacity",
             sets: [("market.extrusion:2027.max_sales_t", .integer(20_000_000)), ("market.extrusion:2027.min_sales_t", .integer(20_000_000))],
             mustName: "demand for extrusion 2027", targetsAreTheCause: true),
        // The < 400 kA exit in the observed base year, whose capacity is fixed.
        Case(label: "cell exit in the base year", sets: [("targets.cell-exit.from_year", .integer(2025))],
             mustName: "cell-exit province 2025", targetsAreTheCause: true),
        // A provincial quota of 100 kt against the 1.789 Mt standing in 2025 and at most 500 kt of indices.
        Case(label: "quota below the base-year capacity", sets: [("settings.replacement.quota_t", .integer(100_000))],
             mustName: "capacity-quota province 2025", targetsAreTheCause: false),
    ]

    static let overrideFile = "ExplainTests --set"

    /// The shipped data with `sets` applied as command-line overrides.
    static func prepare(_ sets: [(String, TOMLNode)]) throws -> (raw: RawInputs, inputs: PlanInputs) {
        let base = try RawInputs.read(Locations.guizhou)
        return try ScenarioCatalog(scenarios: [:]).prepare(
            "base", base: base, extra: sets.map { Scenario.Setting(key: $0.0, value: $0.1, file: overrideFile) })
    }

    struct Explained: Sendable {
        var label: String
        var chain: ChainModel
        var options: SolverOptions
        var planStatus: TerminationStatus
        var report: PlanExplanation.Report
    }

    /// Every case solved and explained once, in parallel, shared by the tests below.
    static let explained = Task<[String: Explained], any Error> {
        try await withThrowingTaskGroup(of: Explained.self) { group in
            for c in cases {
                group.addTask {
                    let inputs = try prepare(c.sets).inputs
                    let options = PlanSolver.options(for: inputs.settings)
                    let plan = try PlanSolver.solve(inputs, options: options)
                    let report = try PlanExplanation.explain(plan.chain, options: options, timeLimit: 60)
                    return Explained(label: c.label, chain: plan.chain, options: options, planStatus: plan.solution.status, report: report)
                }
            }
            var out: [String: Explained] = [:]
            for try await e in group { out[e.label] = e }
            return out
        }
    }

    /// Feasibility models built the way `PlanExplanation` builds them: its feasibility model (zero objective,
    /// candidates' unit limits as constraints), with the constraints of every group outside `kept` freed
    /// (balances and other bounds stay hard).
    enum Feasibility {
        static func base(_ chain: ChainModel) -> Model { PlanExplanation.feasibilityModel(chain).model }

        static func keeping(_ names: Set<String>, _ chain: ChainModel) -> Model {
            var (m, groups) = PlanExplanation.feasibilityModel(chain)
            for group in groups where !names.contains(group.label.name) {
                for c in group.constraints { m.setBounds(c, lower: -.infinity, upper: .infinity) }
            }
            return m
        }

        static func options(_ plan: SolverOptions) -> SolverOptions {
            var o = plan
            o.presolve = true
            o.mipGap = 1
            o.mipStart = nil
            o.branchingPriority = nil
            o.computeSensitivity = false
            o.timeLimit = 120
            return o
        }

        /// The proven status of `p`: infeasible or optimal (any feasible point); anything else is recorded.
        /// With `chain`, branch-and-cut starts from the plan's own whole-module start (without presolve, which
        /// would drop it): finding any whole-module point is otherwise the slow part.
        static func status(_ m: Model, _ plan: SolverOptions, chain: ChainModel? = nil) throws -> TerminationStatus {
            var o = options(plan)
            var start: ModelSolution? = nil
            if let chain, let s = try PlanSolver.moduleStart(chain, model: m, options: plan) {
                o.presolve = false
                start = s
            }
            let r = try m.solve(options: o, start: start).result
            #expect(r.status == .infeasible || r.status == .optimal, "no proven feasibility answer: \(r.status)")
            return r.status
        }
    }

    @Test(arguments: cases)
    func subsetIsInfeasibleAndIrreducible(_ c: Case) async throws {
        let all = try await Self.explained.value
        let e = try #require(all[c.label])
        #expect(e.planStatus == .infeasible, "\(c.label): the plan itself must be infeasible")
        let names = e.report.subset.map(\.label.name)
        #expect(!names.isEmpty, "\(c.label): empty subset")
        #expect(Set(names).count == names.count, "\(c.label): a group named twice in \(names)")
        #expect(names.contains { $0.hasPrefix(c.mustName) }, "\(c.label): the subset \(names) does not name \(c.mustName)")
        // Every member is a group of the model, with its rows.
        let groups = Dictionary(uniqueKeysWithValues: PlanExplanation.groups(e.chain).map { ($0.label, $0) })
        for g in e.report.subset { #expect(groups[g.label] == g, "\(c.label): \(g.label.name) is not a group of the model as given") }

        let kept = Set(names)
        #expect(try Feasibility.status(Feasibility.keeping(kept, e.chain), e.options) == .infeasible,
                "\(c.label): the subset \(names) alone is feasible")
        // Irreducible: without any one member the rest holds together (only promised for a complete search).
        guard e.report.complete else { return }
        for name in names {
            let status = try Feasibility.status(Feasibility.keeping(kept.subtracting([name]), e.chain), e.options)
            #expect(status == .optimal, "\(c.label): \(names) without \(name) is still infeasible — not irreducible")
        }
    }

    /// The market minimums of a chain.
    static func marketMinimums(_ chain: ChainModel) -> [(commodity: String, year: Int, constraint: Constraint)] {
        chain.groupedConstraints.compactMap { if case .demand(let k, let y) = $0.group { (k, y, $0.constraint) } else { nil } }
    }

    /// The constraints a shortfall names: its target's, or a market minimum's.
    static func rows(of s: InfeasibilityDiagnosis.Shortfall, in chain: ChainModel) -> [Constraint] {
        if s.target.hasPrefix("market-min-") {
            let commodity = String(s.target.dropFirst("market-min-".count))
            return marketMinimums(chain).filter { $0.commodity == commodity && $0.year == s.year }.map(\.constraint)
        }
        return chain.targetRows.filter { $0.target.id == s.target && $0.target.scope == s.scope && $0.year == s.year }.map(\.constraint)
    }

    @Test(arguments: cases)
    func relaxationRestoresFeasibility(_ c: Case) async throws {
        let all = try await Self.explained.value
        let e = try #require(all[c.label])
        let targetRows = e.chain.targetRows.map(\.constraint)
        let marketMinimums = Self.marketMinimums(e.chain).map(\.constraint)
        switch e.report.relaxation {
        case .shortfalls(let shortfalls):
            #expect(c.targetsAreTheCause, "\(c.label): relaxing targets cannot help here, yet explain proposes \(shortfalls)")
            #expect(!shortfalls.isEmpty, "\(c.label): an infeasible plan with nothing to relax")
            var p = Feasibility.base(e.chain)
            for s in shortfalls {
                #expect(s.amount > 0 && s.amount.isFinite, "\(c.label): \(s)")
                let rows = Self.rows(of: s, in: e.chain)
                #expect(rows.count == 1, "\(c.label): \(s.target) \(s.scope) \(s.year) names \(rows.count) rows")
                // Give way by the stated amount (and the solver's feasibility tolerance, no more).
                let give = s.amount + 1e-6 * max(1, s.amount)
                for row in rows {
                    let (lower, upper) = p.bounds(of: row)
                    p.setBounds(row, lower: lower.isFinite ? lower - give : lower, upper: upper.isFinite ? upper + give : upper)
                }
            }
            #expect(try Feasibility.status(p, e.options, chain: e.chain) == .optimal, "\(c.label): relaxing \(shortfalls) leaves the plan infeasible")
        case .targetsNotTheCause:
            #expect(!c.targetsAreTheCause, "\(c.label): explain says targets are not the cause")
            #expect(!e.report.subset.contains { $0.label.kind == .target }, "\(c.label): targets not the cause, yet the subset names one")
            // Checked: with every target and market minimum freed the plan is still infeasible.
            var p = Feasibility.base(e.chain)
            for row in targetRows + marketMinimums { p.setBounds(row, lower: -.infinity, upper: .infinity) }
            #expect(try Feasibility.status(p, e.options) == .infeasible, "\(c.label): freeing every target makes the plan feasible")
        case .unknown:
            Issue.record("\(c.label): no relaxation found within the time limit")
        }
    }

    /// The default plan's LP with its integer decisions fixed at the optimum (the LP whose duals price targets
    /// and capacities), and plain LP options to solve it with.
    static func fixedLP(_ p: ExportedPlan) -> (LinearProblem, SolverOptions) {
        var lp = PlanSolver.options(for: p.inputs.settings)
        lp.presolve = false
        lp.mipStart = nil
        lp.branchingPriority = nil
        lp.computeSensitivity = false
        return (p.plan.chain.model.problem.fixingIntegers(at: p.plan.solution.result.columnValues), lp)
    }

    /// The capacities the report says limit the plan most are worth what it says, and so is an existing plant's
    /// capacity held as its activity's upper bound (worth: the reduced cost). On the fixed LP, which is convex
    /// in a capacity and may be degenerate, the worth lies between the saving of a little more capacity and the
    /// cost of a little less (equal where the LP is not degenerate there).
    @Test func capacityWorthsAreFiniteDifferences() throws {
        let p = try DefaultPlan.get()
        let chain = p.plan.chain
        let fixedSolution = try #require(p.plan.fixedSolution)
        let (fixed, lp) = Self.fixedLP(p)
        let z0 = try #require(try Solver.solve(fixed, options: lp).objective)
        #expect(!p.result.limitingCapacities.isEmpty)
        var probes = p.result.limitingCapacities.map { (key: ChainModel.UnitYear(unit: $0.unit, year: $0.year), worth: $0.valuePerKt) }
        let bounded = chain.boundedActivity.sorted { ($0.unit, $0.year) < ($1.unit, $1.year) }.compactMap { key -> (key: ChainModel.UnitYear, worth: Double)? in
            let worth = -(fixedSolution.reducedCost(chain.activity[key]!) ?? 0)
            return worth > 1e-3 ? (key, worth) : nil
        }
        #expect(bounded.count >= 3, "too few existing plants at full capacity to check the bound duals")
        probes += bounded.prefix(3)
        for probe in probes {
            let step = 1e-3  // kt
            func cost(moving delta: Double) throws -> Double {
                var q = fixed
                if chain.boundedActivity.contains(probe.key) {
                    q.columnUpper[try #require(chain.activity[probe.key]).index] += delta
                } else {
                    q.rowUpper[try #require(chain.capacityRows[probe.key]).index] += delta
                }
                let r = try Solver.solve(q, options: lp)
                // Less capacity than the plan's fixed decisions need (e.g. a minimum-utilisation floor) costs ∞.
                if delta < 0, r.status == .infeasible { return .infinity }
                return try #require(r.objective, "\(probe.key.unit) \(probe.key.year) moved by \(delta): \(r.status)")
            }
            let saving = (z0 - (try cost(moving: step))) / step, loss = ((try cost(moving: -step)) - z0) / step
            #expect(saving <= probe.worth * (1 + 1e-6) + 1e-6 && probe.worth <= loss * (1 + 1e-6) + 1e-6,
                    "\(probe.key.unit) \(probe.key.year): worth \(probe.worth), saving \(saving), loss \(loss)")
        }
    }

    // MARK: - Shadow prices

    /// On the default plan with its integer decisions fixed (the LP whose duals price the targets), moving a
    /// binding target's required value by a step inside its price-holds range changes the optimum by
    /// price × step: objective worsening per percentage point, kt or 亿元 of tightening.
    @Test func shadowPricesAreFiniteDifferences() async throws {
        let p = try DefaultPlan.get()
        let chain = p.plan.chain
        #expect(chain.model.problem.sense == .minimize, "the default plan minimises cost")
        let fixedSolution = try #require(p.plan.fixedSolution, "the default plan is a MIP whose duals come from the fixed LP")
        #expect(p.result.dualsFromFixedMIP)
        let (fixed, lp) = Self.fixedLP(p)
        let baseline = try Solver.solve(fixed, options: lp)
        let z0 = try #require(baseline.objective)
        #expect(baseline.status == .optimal)
        #expect(close(z0, try #require(fixedSolution.result.objective), relative: 1e-9))

        struct Probe: Sendable { var label: String; var price: Double; var step: Double; var perUnit: Double; var problem: LinearProblem }
        var probes: [Probe] = []
        #expect(chain.targetRows.count == p.result.compliance.count)
        for (row, record) in zip(chain.targetRows, p.result.compliance) {
            #expect(row.target.id == record.target && row.year == record.year)
            guard record.binding, record.op != "=", let price = record.shadowPrice, abs(price) > 1e-6,
                  let from = record.priceHoldsFrom, let to = record.priceHoldsTo else { continue }
            // A step a quarter of the way to the nearer useful end of the range, capped, in the target's unit.
            let (cap, least): (Double, Double) = switch record.unit { case "t": (10_000, 100); case "%": (0.5, 0.01); default: (5, 0.1) }
            let up = to - record.required, down = record.required - from
            guard max(up, down) >= least else { continue }
            let step = up >= down ? min(cap, up / 4) : -min(cap, down / 4)
            // Row bound movement in model units: a total's bound moves with the required value (t → kt); a ratio
            // N − v·D ≥ b moves by 0.01 × step × D, D at the optimum.
            let move: Double
            if let den = row.denominator { move = 0.01 * step * fixedSolution.value(den) } else { move = record.unit == "t" ? step / 1000 : step }
            var q = fixed
            let i = row.constraint.index
            if q.rowLower[i].isFinite { q.rowLower[i] += move }
            if q.rowUpper[i].isFinite { q.rowUpper[i] += move }
            // Price per unit of tightening: raising a ≥ requirement, lowering a ≤ one; a tonne target is priced per kt.
            let perUnit = (record.unit == "t" ? step / 1000 : step) * (record.op == "<=" ? -1 : 1)
            probes.append(Probe(label: "\(record.target) \(record.scope) \(record.year)", price: price, step: step, perUnit: perUnit, problem: q))
        }
        #expect(probes.count >= 3, "too few binding, priced targets to check: \(probes.map(\.label))")
        let lpOptions = lp
        let results = try await withThrowingTaskGroup(of: (Probe, SolveResult).self) { group in
            for probe in probes { group.addTask { (probe, try Solver.solve(probe.problem, options: lpOptions)) } }
            var out: [(Probe, SolveResult)] = []
            for try await r in group { out.append(r) }
            return out
        }
        for (probe, r) in results.sorted(by: { $0.0.label < $1.0.label }) {
            #expect(r.status == .optimal, "\(probe.label): \(r.status)")
            guard let z = r.objective else { continue }
            let difference = (z - z0) / probe.perUnit
            #expect(close(difference, probe.price, relative: 1e-6, absolute: 1e-7),
                    "\(probe.label): step \(probe.step) moves the optimum by \(z - z0): \(difference) per unit, reported \(probe.price)")
        }
    }

    // MARK: - Validation findings

    /// The base data have no validation errors (so every error below is the edit's).
    static func baseFindings() throws -> [InputValidation.Finding] {
        let (raw, inputs) = try prepare([])
        let findings = InputValidation.findings(raw, inputs)
        #expect(!findings.contains { $0.severity == .error }, "the shipped data fail validation: \(findings)")
        return findings
    }

    /// The findings the change adds to the base data's.
    static func newFindings(_ raw: RawInputs, _ inputs: PlanInputs, base: [InputValidation.Finding]) -> [InputValidation.Finding] {
        InputValidation.findings(raw, inputs).filter { !base.contains($0) }
    }

    /// The 1-based line of `file` that starts with `prefix`.
    static func line(in file: URL, startingWith prefix: String) throws -> Int {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.hasPrefix(prefix) }, "no line \(prefix) in \(file.path)") + 1
    }

    @Test func coefficientOutsideItsPhysicalRangeNamesTheOverride() throws {
        let base = try Self.baseFindings()
        let key = "process_io.smelt_ka500:alumina.coefficient"
        let (raw, inputs) = try Self.prepare([(key, .double(-2.5))])  // 2.5 t alumina per t aluminium: possible is 1.85–2.2
        let found = Self.newFindings(raw, inputs, base: base)
        #expect(found.count == 1, "\(found)")
        let f = try #require(found.first)
        #expect(f.severity == .error && f.rule == "physical-range")
        #expect(f.file == Self.overrideFile && f.line == nil && f.column == key, "\(f)")
        #expect(f.message.contains("smelt_ka500") && f.message.contains("2.5"), "\(f.message)")
        #expect(f.asDataError.file == Self.overrideFile)
    }

    /// Huaren's 500 kt entered in kilograms: 500,000,000, 1,666× the smelters' median 300 kt.
    @Test func plantCapacityUnitSlipNamesTheOverrideAndTheCell() throws {
        let base = try Self.baseFindings()
        let key = "plants.smelt_huaren.capacity_t"
        let (raw, inputs) = try Self.prepare([(key, .integer(500_000_000))])
        let found = Self.newFindings(raw, inputs, base: base)
        let slip = try #require(found.first { $0.rule == "unit-slip" }, "\(found)")
        #expect(found.filter { $0.severity == .error }.count == 1, "\(found)")
        #expect(slip.severity == .error && slip.file == Self.overrideFile && slip.line == nil && slip.column == key, "\(slip)")
        #expect(slip.message.contains("500000000") && slip.message.contains("smelting"), "\(slip.message)")

        // The same slip typed into a copy of plants.csv is reported at that file's line and column.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-explain-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Locations.guizhou.inputsDirectory), to: folder)
        let plants = folder.appendingPathComponent("plants.csv")
        let text = try String(contentsOf: plants, encoding: .utf8)
        let cell = ",smelt_ka500,500000,"
        #expect(text.components(separatedBy: cell).count == 2, "plants.csv: Huaren's row is not the only 500 kt ka500 row")
        try text.replacingOccurrences(of: cell, with: ",smelt_ka500,500000000,").write(to: plants, atomically: true, encoding: .utf8)
        let copy = DataLocation(modelsDirectory: Locations.guizhou.modelsDirectory, inputsDirectory: folder.path)
        let copiedRaw = try RawInputs.read(copy)
        let fromFile = InputValidation.findings(copiedRaw, try InputLoader.load(copiedRaw)).filter { $0.severity == .error }
        #expect(fromFile.count == 1, "\(fromFile)")
        let f = try #require(fromFile.first)
        #expect(f.rule == "unit-slip" && f.column == "capacity_t", "\(f)")
        #expect(f.file.hasSuffix("plants.csv"), "\(f)")
        #expect(f.line == (try Self.line(in: plants, startingWith: "smelt_huaren,")), "\(f)")
    }

    /// No bauxite mine: the diasporic refineries consume bauxite, which nothing produces and which cannot be
    /// imported — reported at the consuming row of Models/process_io.csv.
    @Test func commodityNothingProducesNamesTheConsumingRow() throws {
        let base = try Self.baseFindings()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-explain-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("no-mines.toml")
        try """
        description = "No bauxite mine in the province"
        [[edit]]
        action = "remove"
        table = "plants"
        rows = ["mine_qingzhen", "mine_zunyi", "mine_qianbei"]
        """.write(to: file, atomically: true, encoding: .utf8)
        let (catalog, name) = try ScenarioCatalog.chain(from: file.path)
        let (raw, inputs) = try catalog.prepare(name, base: try RawInputs.read(Locations.guizhou))
        #expect(!inputs.plants.contains { $0.process == "mine_bauxite" } && !inputs.candidates.contains { $0.process == "mine_bauxite" })
        let found = Self.newFindings(raw, inputs, base: base).filter { $0.severity == .error }
        #expect(found.count == 1, "\(found)")
        let f = try #require(found.first)
        #expect(f.rule == "chain-cannot-close" && f.column == "commodity", "\(f)")
        #expect(f.file.hasSuffix("Models/process_io.csv"), "\(f)")
        let processIO = URL(fileURLWithPath: Locations.guizhou.modelsDirectory).appendingPathComponent("process_io.csv")
        #expect(f.line == (try Self.line(in: processIO, startingWith: "refine_diasporic,bauxite,")), "\(f)")
        #expect(f.message.contains("bauxite"), "\(f.message)")
    }
}
