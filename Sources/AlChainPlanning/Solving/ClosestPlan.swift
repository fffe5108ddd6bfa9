import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// A solved plan's values as the reference a what-if is drawn towards: capacity per unit and year (kt) and
/// every variable's value, read by the what-if's own handles (`PortablePoint`; positions differ between
/// scenarios, what a variable stands for does not).
public struct PlanReference: Sendable {
    public let capacity: [ChainModel.UnitYear: Double]
    public let point: PortablePoint

    /// The reference of a plan with a solution (`nil` without one).
    public init?(_ plan: SolvedPlan) {
        guard let point = PortablePoint(plan.solution, of: plan.chain.model) else { return nil }
        capacity = plan.chain.capacity.mapValues { plan.solution.value($0) }
        self.point = point
    }

    /// The reference's value of what `v` stands for in `model`, 0 where the reference has no such variable.
    func value(of v: Variable, in model: Model) -> Double { point.value(of: v, in: model) ?? 0 }
}

/// The closest-plan stages: among the plans whose objective is within the MIP gap of a scenario's optimum,
/// the one nearest to a reference plan (docs/MODEL.md, "What-ifs that show only their effect").
///
/// Stage 2 (a MIP) minimises the L1 distance of the decisions: every unit's capacity in every year and every
/// integer variable (build, retire, project), matched to the reference by key and name — so new decision
/// families are covered without naming them. Stage 3 (an LP) fixes those decisions and minimises the L1
/// distance of every other column (flows, activity, power), so that where nothing binding changed the base
/// plan's flows come back exactly instead of an equal-cost alternative.
enum ClosestPlan {
    /// The bound on the objective: the first stage's value moved by the relative MIP gap (plus 1e-9 relative
    /// for rounding), so that every plan GLPK could have returned as optimal is admitted.
    static func objectiveBound(_ objective: Double, sense: ObjectiveSense, gap: Double) -> Double {
        let slack = gap * abs(objective) + 1e-9 * max(1, abs(objective))
        return sense == .minimize ? objective + slack : objective - slack
    }

    /// The plan nearest to `reference` within the gap of `first`; `first` itself when a stage finds no point
    /// (the solver status then says so).
    static func solve(_ chain: ChainModel, first: ModelSolution, reference: PlanReference, options: SolverOptions) throws -> ModelSolution {
        guard first.status == .optimal, first.hasSolution, let z = first.objective else { return first }
        let model = chain.model
        let bound = objectiveBound(z, sense: model.sense, gap: options.mipGap)
        var stageOptions = options
        stageOptions.computeSensitivity = false
        stageOptions.sensitivityRows = nil
        stageOptions.warmStart = nil
        stageOptions.mipStart = nil  // the first stage's start has the first model's columns; stage 2 sets its own

        // Stage 2: the decisions.
        var decisionColumns = Set<Variable>()
        var targets: [(expression: LinearExpression, reference: Double)] = []
        for key in chain.capacity.keys.sorted(by: { ($0.unit, $0.year) < ($1.unit, $1.year) }) {
            let e = chain.capacity[key]!
            if e.terms.isEmpty { continue }
            targets.append((e, reference.capacity[key] ?? 0))
            for t in e.terms { decisionColumns.insert(t.variable) }
        }
        // The potline counts are decisions (fixed with the others) but no targets: they only repeat the sites'
        // counts and would weigh a moved line twice.
        let counts = Set(chain.potlinesBuiltBy.values)
        for v in model.variables where model.kind(of: v) != .continuous {
            if !counts.contains(v) { targets.append((LinearExpression(v), reference.value(of: v, in: model))) }
            decisionColumns.insert(v)
        }
        var log = "closest plan: "
        let decisions = decisionColumns.sorted()

        /// Stage 3: every other column as near the reference's as the objective bound allows, with the decisions
        /// fixed at `values`; `nil` where that is infeasible.
        func flowStage(_ values: [(Variable, Double)]) throws -> ModelSolution? {
            let fixed = model.fixing(values).relaxing(values.map(\.0))
            let rest = model.variables.filter { !decisionColumns.contains($0) }
                .map { (expression: LinearExpression($0), reference: reference.value(of: $0, in: model)) }
            var o3 = stageOptions
            o3.branchingPriority = nil
            var s3 = try fixed.closest(to: rest, objectiveBound: bound).solve(options: o3)
            if s3.status == .infeasible {
                // The decision stage's point keeps the bound only within GLPK's feasibility tolerance (1e-7 of the
                // row's scale); with its integers rounded the flows may need that much room.
                let room = 1e-7 * max(1, abs(z))
                s3 = try fixed.closest(to: rest, objectiveBound: model.sense == .minimize ? bound + room : bound - room).solve(options: o3)
            }
            guard s3.status == .optimal, s3.hasSolution else { return nil }
            log += "; other distance \(CSVWriter.number(s3.objective ?? 0, decimals: 3))"
            return snapped(model.replacingPoint(of: first, with: s3), to: reference, model.variables, model, tolerance: 1e-7)
                .noting(log, seconds: s3.result.solveSeconds)
        }

        // Where the reference's own decisions still lie within the gap of this scenario's optimum they are the
        // closest (distance 0), and stage 3 alone decides the plan: one LP instead of stage 2's MIP.
        if let same = referenceDecisions(decisions, targets, reference, model) {
            log += "decision distance 0 (the reference's decisions)"
            if let plan = try flowStage(same) { return plan }
            log = "closest plan: "
        }

        // Stage 2: the decisions nearest to the reference's within the bound (a MIP).
        var decided = first
        if !targets.isEmpty {
            let stage2 = model.closest(to: targets, objectiveBound: bound)
            var o = stageOptions
            if stage2.isMIP { o.branchingPriority = PlanSolver.branchingPriority(chain, in: stage2) }
            let deadline = o.timeLimit.map { Date().addingTimeInterval($0) }
            // The first-stage plan is a point of stage 2 (its objective is within the bound), and so is the
            // nearest plan that keeps what it shares with the reference: the better is offered as the first
            // incumbent, with its distances, so that branch-and-cut starts with a bound to prune by.
            let firstPoint = model.closestStart(from: first, targets: targets)
            let firstDistance = targets.reduce(0) { $0 + abs(first.value($1.expression) - $1.reference) }
            var start = firstPoint
            var agreementOptions = o
            agreementOptions.nodeLimit = agreementNodeLimit
            if let (point, held, distance) = try agreementStart(stage2, from: firstPoint, distance: firstDistance, first: first,
                                                                decisions: decisions, reference: reference, options: agreementOptions) {
                start = point
                log += "start with the \(held) shared decisions held at distance \(CSVWriter.number(distance, decimals: 3)) "
                    + "(first-stage plan \(CSVWriter.number(firstDistance, decimals: 3))); "
            }
            if let deadline { o.timeLimit = PlanSolver.remainingTime(until: deadline) }
            o.nodeLimit = decisionStageNodeLimit
            let s2 = try stage2.solve(options: o, start: start)
            guard s2.hasSolution, s2.status == .optimal || s2.status == .timeLimit || s2.status == .iterationLimit else {
                return first.noting(log + "decision stage \(s2.status.rawValue), first-stage plan kept")
            }
            decided = snapped(model.replacingPoint(of: first, with: s2), to: reference, decisionColumns, model)
            log += "decision distance \(CSVWriter.number(s2.objective ?? 0, decimals: 3))"
            if s2.status != .optimal {
                log += s2.status == .timeLimit ? " (stopped at the time limit)" : " (stopped at \(decisionStageNodeLimit) nodes)"
            }
        }
        let values = decisions.map { v in (v, model.kind(of: v) == .continuous ? decided.value(v) : decided.value(v).rounded()) }
        if let plan = try flowStage(values) { return plan }
        return first.noting(log + "; flow stage infeasible, first-stage plan kept")
    }

    /// Nodes after which stage 2 returns the nearest plan it has found: a count, so the plan does not depend on the
    /// machine's speed. The shipped what-ifs whose stage 2 finishes prove it within about 2,300 nodes (12 s);
    /// carbon-price-80's and qianbei-500ka-line's ran into the 60 s time limit instead (docs/PERFORMANCE.md).
    static let decisionStageNodeLimit = 5_000
    /// Nodes after which the agreement start returns the nearest plan it has found (the same reason;
    /// carbon-price-80's needs several thousand to find a nearer plan than its first stage's).
    static let agreementNodeLimit = 5_000

    /// A first incumbent for stage 2: its MIP with every integer decision on which the first-stage plan and the
    /// reference agree held at that value, so that only what the what-if moved is searched (`firstPoint`, the
    /// first-stage plan with its distances, at `firstDistance`, is a point of it). Returns the point, how many
    /// integer decisions it held and its distance; `nil` where it finds no nearer plan. On the shipped what-ifs
    /// it holds about half the integers and finds a plan within 12 % of the nearest in 1–2 s, where the whole
    /// stage 2 started from the first-stage plan (often 5× farther) took 10–60 s (docs/PERFORMANCE.md).
    static func agreementStart(_ stage2: Model, from firstPoint: ModelSolution, distance firstDistance: Double, first: ModelSolution,
                               decisions: [Variable], reference: PlanReference,
                               options: SolverOptions) throws -> (point: ModelSolution, held: Int, distance: Double)? {
        let agreed = decisions.compactMap { v -> (Variable, Double)? in
            guard stage2.kind(of: v) != .continuous else { return nil }
            let x = first.value(v).rounded()
            return x == reference.value(of: v, in: stage2).rounded() ? (v, x) : nil
        }
        guard !agreed.isEmpty else { return nil }
        let s = try stage2.fixing(agreed).solve(options: options, start: firstPoint)
        guard s.hasSolution, let distance = s.objective, distance < firstDistance else { return nil }
        return (ModelSolution(result: s.result, of: stage2), agreed.count, distance)
    }

    /// The reference's values of `decisions` where they are a point of this scenario's decision space at
    /// distance 0 — within every variable's bounds here and giving every capacity target exactly — else `nil`.
    static func referenceDecisions(_ decisions: [Variable], _ targets: [(expression: LinearExpression, reference: Double)],
                                   _ reference: PlanReference, _ model: Model) -> [(Variable, Double)]? {
        var values: [Variable: Double] = [:]
        for v in decisions {
            var x = reference.value(of: v, in: model)
            if model.kind(of: v) != .continuous { x = x.rounded() }
            let (lower, upper) = model.bounds(of: v)
            guard x >= lower - 1e-9, x <= upper + 1e-9 else { return nil }
            values[v] = x
        }
        for t in targets where abs(t.expression.value { values[$0] ?? 0 } - t.reference) > 1e-6 { return nil }
        return decisions.map { ($0, values[$0]!) }
    }

    /// `s` with values within `tolerance` (model units: kt, GWh) of the reference's set to it: the stages' LPs
    /// end within the solver's tolerances of the reference, and this noise must not show in the exported files.
    static func snapped(_ s: ModelSolution, to reference: PlanReference, _ variables: some Sequence<Variable>, _ model: Model,
                        tolerance: Double = 1e-5) -> ModelSolution {
        s.setting(variables.compactMap { v in
            reference.point.value(of: v, in: model).flatMap { r in abs(s.value(v) - r) <= tolerance && s.value(v) != r ? (v, r) : nil }
        }, objectiveOf: model)
    }
}
