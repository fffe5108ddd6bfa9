import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// One plan of a near-optimal search: the optimum (`base`) or an alternative.
public struct AlternativePlan: Sendable {
    /// `base` or `alt-N`.
    public let name: String
    public let plan: SolvedPlan
    public let result: PlanResult
    /// The plan's decisions, as its `decisions.csv` lists them.
    public let decisions: [AlternativeDecision]
    /// Whether the diversity MIP stopped at its time limit (its best point is used; it may not be the most
    /// different one within the slack).
    public let stoppedAtTimeLimit: Bool
    /// The diversity objective reached (the weighted use of earlier plans' decisions; `nil` for the base).
    public let diversity: Double?
    /// Seconds spent on this plan (diversity MIP and the cost LP; the whole solve for the base).
    public let seconds: Double
}

/// The outcome of `Alternatives.search`: the base plan, the alternatives found, and why the search ended early.
public struct AlternativeSet: Sendable {
    public let slack: Double
    /// The objective bound every alternative keeps (million yuan): optimum + slack·|optimum| when minimising
    /// cost, optimum − slack·|optimum| when maximising value.
    public let objectiveBound: Double
    public let sense: ObjectiveSense
    /// The optimum first, then the alternatives in the order found.
    public let plans: [AlternativePlan]
    /// Why fewer alternatives than asked were found (empty when all were).
    public let notes: [String]

    public var base: AlternativePlan { plans[0] }
}

/// Near-optimal alternatives (modelling to generate alternatives, docs/MODEL.md "Near-optimal alternatives"):
/// plans whose objective is within a slack of the optimum and whose decisions differ as much as possible from
/// those of the plans found before.
///
/// The diversity measure is the weighted use of the decisions earlier plans took (the SPORES "relative
/// deployment" weighting, Lombardi et al. 2020, as in Calliope): for every unit and year whose capacity the model
/// decides, and for the indices bought in every year, the move away from the starting capacity (a build, or a
/// retirement) counts once per earlier plan that moved it the same way, scaled by the largest move seen so that a
/// 200 kt potline and a 20 kt fabrication module weigh alike. It is used in epsilon-constraint form: the plan's
/// own cost MIP with the row "diversity ≤ share × the least any earlier plan uses", shares 0.5, 0.75, 0.9 tried in
/// turn until the cheapest plan under the cap is within the cost bound — minimising the diversity directly under a
/// cost row left GLPK at its time limit without improving on the base (docs/ROBUSTNESS.md). Then the cost LP
/// with the integer decisions fixed, for the duals.
public enum Alternatives {
    /// A capacity (kt) or index amount (kt) below this counts as "not taken" (1 t).
    static let takenTolerance = 1e-3

    /// The shares of the earlier plans' decision use an alternative may keep, tried in turn (most different
    /// first) until the cheapest plan under the cap is within the cost bound.
    static let diversityShares = [0.5, 0.75, 0.9]

    /// Solves the plan, then up to `count` alternatives within `slack` (a fraction: 0.02 is 2 %) of its
    /// objective. `options` are the plan's solver options; each diversity MIP stops after `timeLimit` seconds
    /// (its best point is then used, and the plan says so).
    public static func search(_ inputs: PlanInputs, slack: Double, count: Int, options: SolverOptions, timeLimit: Double) throws -> AlternativeSet {
        let clock = Date()
        let basePlan = try PlanSolver.solve(inputs, options: options)
        let baseResult = PlanResult(basePlan)
        let chain = basePlan.chain, model = chain.model
        guard basePlan.solution.hasSolution, let z = basePlan.solution.objective,
              basePlan.solution.status == .optimal || basePlan.solution.status == .timeLimit else {
            throw AlternativesError.noOptimum(basePlan.solution.status)
        }
        var plans = [AlternativePlan(name: "base", plan: basePlan, result: baseResult, decisions: try AlternativeDecision.of(basePlan, baseResult),
                                     stoppedAtTimeLimit: basePlan.solution.status == .timeLimit, diversity: nil, seconds: Date().timeIntervalSince(clock))]
        let bound = ClosestPlan.objectiveBound(z, sense: model.sense, gap: slack)
        let moves = decisionMoves(chain)
        var points = [basePlan.solution]
        var notes: [String] = []
        var stageOptions = options
        stageOptions.computeSensitivity = false
        stageOptions.sensitivityRows = nil
        stageOptions.warmStart = nil
        stageOptions.timeLimit = timeLimit
        for k in 1...max(1, count) where count > 0 {
            let start = Date()
            var diversity = 0.0
            let objective = diversityObjective(moves, earlier: points)
            let used = points.map { $0.value(objective) }.min() ?? 0
            var found: ModelSolution? = nil
            var stopped = false
            for share in diversityShares {
                var search = model
                search.add(objective <= share * used, name: "alternative_diversity")
                var o = stageOptions
                if search.isMIP { o.branchingPriority = PlanSolver.branchingPriority(chain, in: search) }
                let s = try PlanSolver.solveFromModuleStart(chain, model: search, options: o)
                stopped = stopped || s.status == .timeLimit
                guard s.hasSolution, s.status == .optimal || s.status == .timeLimit, let cost = s.objective,
                      model.sense == .minimize ? cost <= bound : cost >= bound else { continue }
                found = s
                diversity = s.value(objective)
                break
            }
            guard let s = found else {
                notes.append("alt-\(k): no plan within the slack uses at most \(Int(diversityShares.last! * 100)) % of the earlier plans' decisions"
                             + (stopped ? " (a search stopped at its time limit)" : "") + "; the search stopped")
                break
            }
            var lp = PlanSolver.lpOptions(options)
            lp.sensitivityRows = model.sensitivityRows(chain.targetRows.map(\.constraint))
            let fixed = try model.fixingIntegers(at: s).solve(options: lp)
            guard fixed.status == .optimal, fixed.hasSolution else {
                notes.append("alt-\(k): the cost LP with the decisions fixed ended \(fixed.status.rawValue); the search stopped")
                break
            }
            var r = fixed.result
            r.solverStatus += "; alternative \(k) within \(CSVWriter.number(slack * 100, decimals: 4)) % of the optimum"
                + (stopped ? " (diversity search stopped at its \(CSVWriter.number(timeLimit, decimals: 0)) s time limit)" : "")
            let solution = ModelSolution(result: r, of: model)
            let seconds = Date().timeIntervalSince(start)
            let plan = SolvedPlan(chain: chain, solution: solution, fixedSolution: fixed,
                                  timings: PlanTimings(build: 0, solve: seconds, duals: 0, closest: 0, output: 0), diagnosis: nil)
            let result = PlanResult(plan)
            plans.append(AlternativePlan(name: "alt-\(k)", plan: plan, result: result, decisions: try AlternativeDecision.of(plan, result),
                                         stoppedAtTimeLimit: stopped, diversity: diversity, seconds: seconds))
            points.append(fixed)
        }
        return AlternativeSet(slack: slack, objectiveBound: bound, sense: model.sense, plans: plans, notes: notes)
    }

    /// A decision the model makes, as an expression whose move away from `start` is the decision: a unit's
    /// capacity in a year (built: up, retired: down) or the indices bought in a year.
    struct DecisionMove {
        let expression: LinearExpression
        let start: Double
    }

    /// Every unit-year capacity the model decides, and the indices of every year.
    static func decisionMoves(_ chain: ChainModel) -> [DecisionMove] {
        var out: [DecisionMove] = []
        for key in chain.capacity.keys.sorted(by: { ($0.unit, $0.year) < ($1.unit, $1.year) }) {
            let e = chain.capacity[key]!
            if !e.terms.isEmpty { out.append(DecisionMove(expression: e, start: e.constant)) }
        }
        for y in chain.indices.keys.sorted() { out.append(DecisionMove(expression: LinearExpression(chain.indices[y]!), start: 0)) }
        return out
    }

    /// Σ over decisions and earlier plans that moved them: the move in the same direction, divided by the largest
    /// move any earlier plan made — minimised, it steers away from what earlier plans did.
    static func diversityObjective(_ moves: [DecisionMove], earlier points: [ModelSolution]) -> LinearExpression {
        var objective = LinearExpression()
        for m in moves {
            let changes = points.map { $0.value(m.expression) - m.start }.filter { abs($0) > takenTolerance }
            guard let largest = changes.map(abs).max() else { continue }
            let weight = changes.reduce(0.0) { $0 + ($1 > 0 ? 1 : -1) } / largest
            objective.add(m.expression - m.start, weight)
        }
        return objective
    }
}

/// Why no alternatives can be searched.
public enum AlternativesError: Error, CustomStringConvertible {
    case noOptimum(TerminationStatus)

    public var description: String {
        switch self {
        case .noOptimum(let status): "the plan itself has no optimum (\(status.rawValue)): there is nothing to search near"
        }
    }
}
