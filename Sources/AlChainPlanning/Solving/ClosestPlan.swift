import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// A solved plan's values as the reference a what-if is drawn towards: capacity per unit and year (kt) and
/// every column's value by name (names are stable across scenarios, positions are not).
public struct PlanReference: Sendable {
    public let capacity: [ChainModel.UnitYear: Double]
    public let columns: [String: Double]

    /// The reference of a plan with a solution (`nil` without one).
    public init?(_ plan: SolvedPlan) {
        guard plan.solution.hasSolution else { return nil }
        let model = plan.chain.model, solution = plan.solution
        capacity = plan.chain.capacity.mapValues { solution.value($0) }
        columns = Dictionary(model.variables.map { (model.name(of: $0), solution.value($0)) }, uniquingKeysWith: { a, _ in a })
    }
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
        for v in model.variables where model.kind(of: v) != .continuous {
            targets.append((LinearExpression(v), reference.columns[model.name(of: v)] ?? 0))
            decisionColumns.insert(v)
        }
        var values = first.result.columnValues
        var log = "closest plan: "
        if !targets.isEmpty {
            let stage2 = model.closest(to: targets, objectiveBound: bound)
            var o = stageOptions
            if stage2.isMIP { o.branchingPriority = PlanSolver.branchingPriority(chain, in: stage2) }
            // The first-stage plan is a point of stage 2 (its objective is within the bound): offered as the
            // first incumbent, with its distances, so that branch-and-cut starts with a bound to prune by.
            let start = first.result.columnValues
            o.mipStart = start + targets.map { abs($0.expression.value { start[$0.index] } - $0.reference) }
            let s2 = try stage2.solve(options: o)
            guard s2.hasSolution, s2.status == .optimal || s2.status == .timeLimit else {
                return annotated(first, log + "decision stage \(s2.status.rawValue), first-stage plan kept", model)
            }
            values = Array(s2.result.columnValues.prefix(model.variableCount))
            snap(&values, to: reference, columns: decisionColumns, model: model)
            log += "decision distance \(CSVWriter.number(s2.objective ?? 0, decimals: 3))"
        }

        // Stage 3: everything else, with the decisions fixed.
        var fixed = model.fixingIntegers(at: values)
        for v in decisionColumns {
            let x = model.kind(of: v) == .continuous ? values[v.index] : values[v.index].rounded()
            fixed.setBounds(v, lower: x, upper: x)
        }
        let rest = model.variables.filter { !decisionColumns.contains($0) }
            .map { (expression: LinearExpression($0), reference: reference.columns[model.name(of: $0)] ?? 0) }
        var o3 = stageOptions
        o3.branchingPriority = nil
        let s3 = try fixed.closest(to: rest, objectiveBound: bound).solve(options: o3)
        guard s3.status == .optimal, s3.hasSolution else {
            return annotated(first, log + "; flow stage \(s3.status.rawValue), first-stage plan kept", model)
        }
        log += "; other distance \(CSVWriter.number(s3.objective ?? 0, decimals: 3))"
        var result = first.result
        result.columnValues = Array(s3.result.columnValues.prefix(model.variableCount))
        snap(&result.columnValues, to: reference, columns: Set(model.variables), model: model, tolerance: 1e-7)
        result.rowActivities = Array(s3.result.rowActivities.prefix(model.constraintCount))
        result.objective = model.objectiveExpression.value { result.columnValues[$0.index] }
        result.rowDuals = nil
        result.reducedCosts = nil
        result.solverStatus += "; " + log
        result.solveSeconds += s3.result.solveSeconds
        return ModelSolution(result: result, of: model)
    }

    /// Values within `tolerance` (model units: kt, GWh) of the reference's are set to it: the stages' LPs end
    /// within the solver's tolerances of the reference, and this noise must not show in the exported files.
    static func snap(_ values: inout [Double], to reference: PlanReference, columns: Set<Variable>, model: Model, tolerance: Double = 1e-5) {
        for v in columns {
            if let r = reference.columns[model.name(of: v)], abs(values[v.index] - r) <= tolerance { values[v.index] = r }
        }
    }

    /// `s` with a note on the closest-plan stages in its solver status.
    static func annotated(_ s: ModelSolution, _ note: String, _ model: Model) -> ModelSolution {
        var r = s.result
        r.solverStatus += "; " + note
        return ModelSolution(result: r, of: model)
    }
}
