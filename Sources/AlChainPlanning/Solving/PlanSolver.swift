import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// Wall-clock times of a plan's phases, in seconds.
public struct PlanTimings: Sendable {
    public var build: Double = 0
    public var solve: Double = 0
    public var duals: Double = 0
    /// The closest-plan stages (0 without a reference plan).
    public var closest: Double = 0
    public var output: Double = 0
}

/// A solved plan: the model, GLPK's outcome and, for MIPs, the LP re-solved with the integer decisions fixed
/// (whose duals price the targets).
public struct SolvedPlan: Sendable {
    public let chain: ChainModel
    public let solution: ModelSolution
    /// The LP with integers fixed at their optimum; `nil` for an LP plan or when there is no integer solution.
    public let fixedSolution: ModelSolution?
    public var timings: PlanTimings
    /// For an infeasible plan: the members of a conflict (targets as "id (scope, year)", other groups by name),
    /// with a last sentence where the search ran out of time or no group is involved.
    public var diagnosis: [String]?

    /// Where duals come from: the LP itself, or the LP with the integer decisions fixed.
    public var dualSolution: ModelSolution? {
        if let fixedSolution { return fixedSolution.status == .optimal ? fixedSolution : nil }
        return solution.hasDuals ? solution : nil
    }
}

/// Builds and solves plans.
public enum PlanSolver {
    /// The solver options a plan's settings ask for, with overrides from the command line applied on top.
    public static func options(for settings: PlanSettings, overrides: (inout SolverOptions) -> Void = { _ in }) -> SolverOptions {
        // Dual simplex: on this model about three times faster than the primal from glpsol's advanced basis.
        // No MIP presolve, so that branching priorities and root-only cuts can name the model's own columns.
        var o = SolverOptions(algorithm: .dualSimplex, presolve: false, mipGap: settings.mipGap,
                              timeLimit: settings.timeLimitSeconds > 0 ? settings.timeLimitSeconds : nil, cuts: Set(CutKind.allCases),
                              computeSensitivity: true)
        // GLPK's MIR generator runs at every node and took half the search; the root's cuts close most of the gap.
        o.cutNodes = .root
        overrides(&o)
        return o
    }

    /// Seconds the conflict refiner may take to name what cannot hold together in an infeasible plan (the
    /// shipped plan's conflicts take under two; `alchain explain` allows more).
    public static let diagnosisTimeLimit = 10.0

    /// Builds the model, solves it, and for a MIP re-solves the LP with integers fixed to price the targets;
    /// for an infeasible plan, names a conflict within `diagnosisTimeLimit` seconds (`nil`: no diagnosis, for
    /// callers that explain the plan themselves).
    ///
    /// With a `reference` plan (the base, for a what-if), the plan returned is the one closest to it among those
    /// within the MIP gap of the optimum (`ClosestPlan`); its time counts in `timings.closest`.
    public static func solve(_ inputs: PlanInputs, options: SolverOptions, diagnosisTimeLimit: Double? = diagnosisTimeLimit,
                             closestTo reference: PlanReference? = nil) throws -> SolvedPlan {
        var timings = PlanTimings()
        var clock = Date()
        let chain = ChainModel(inputs: inputs)
        timings.build = Date().timeIntervalSince(clock)
        clock = Date()
        var options = options
        // Only the targets' ranges are reported; ranging every column cost ten times the fixed LP itself.
        if options.sensitivityRows == nil { options.sensitivityRows = chain.model.sensitivityRows(chain.targetRows.map(\.constraint)) }
        if chain.model.isMIP, options.branchingPriority == nil {
            options.branchingPriority = branchingPriority(chain)
        }
        var solution = try solveFromModuleStart(chain, options: options)
        timings.solve = Date().timeIntervalSince(clock)
        clock = Date()
        if let reference {
            solution = try ClosestPlan.solve(chain, first: solution, reference: reference, options: options)
            timings.closest = Date().timeIntervalSince(clock)
            clock = Date()
        }
        var fixed: ModelSolution? = nil
        if chain.model.isMIP, solution.hasSolution {
            var lp = lpOptions(options)
            lp.warmStart = solution.result.basis  // the root LP's basis: a few pivots from the fixed LP's optimum
            fixed = try chain.model.fixingIntegers(at: solution).solve(options: lp)
        }
        timings.duals = Date().timeIntervalSince(clock)
        var diagnosis: [String]? = nil
        if solution.status == .infeasible, let diagnosisTimeLimit {
            let (conflict, groups) = try PlanExplanation.refine(chain, options: options, timeLimit: diagnosisTimeLimit)
            diagnosis = conflict.members.map { groups[$0].label.label }
            if conflict.members.isEmpty {
                diagnosis = [conflict.complete
                    ? "no target, limit or rule: balances and bounds alone are infeasible (check the data; see alchain explain)"
                    : "unknown within \(CSVWriter.number(diagnosisTimeLimit, decimals: 0)) s (see alchain explain)"]
            } else if !conflict.complete {
                diagnosis!.append("(time limit reached: these are infeasible together but maybe not all needed; see alchain explain)")
            }
        }
        return SolvedPlan(chain: chain, solution: solution, fixedSolution: fixed, timings: timings, diagnosis: diagnosis)
    }

    /// Branch-and-cut nodes without an incumbent after which `moduleStart` makes one. The shipped plan's search
    /// finds its own first incumbent within about 250 nodes; the start costs about as much as 300 (measured in
    /// docs/PERFORMANCE.md). A node count, not a time, so that a plan does not depend on the machine's speed.
    public static let moduleStartAfterNodes = 400

    /// Solves `model` (the chain's own by default) by branch-and-cut, with `moduleStart` as a deferred start:
    /// made only if the search has no incumbent after `moduleStartAfterNodes` nodes (unless the options bring
    /// their own start, or the model has no integers). The time limit bounds the whole solve, the start's stages
    /// included.
    public static func solveFromModuleStart(_ chain: ChainModel, model: Model? = nil, options: SolverOptions) throws -> ModelSolution {
        let model = model ?? chain.model
        var options = options
        if model.isMIP, options.mipStart == nil, options.deferredStart == nil {
            let deadline = options.timeLimit.map { Date().addingTimeInterval($0) }
            let startOptions = options
            options.deferredStart = DeferredStart(afterNodes: moduleStartAfterNodes) {
                var o = startOptions
                if let deadline { o.timeLimit = remainingTime(until: deadline) }
                return (try? moduleStart(chain, model: model, options: o))?.result.columnValues
            }
        }
        return try model.solve(options: options)
    }

    /// A first incumbent for branch-and-cut, found in two quick stages: the plan with the modules of the
    /// candidates outside smelting taken as divisible (potlines, retirements and projects stay integer), then the
    /// modules alone as a MIP with those potline, retirement and project decisions fixed (the shipped plan's take
    /// about a second together). Branch-and-cut asks for it when it has found no whole-module plan itself
    /// (`solveFromModuleStart`): some what-ifs search thousands of nodes before their first (docs/PERFORMANCE.md).
    /// `nil` when a stage finds nothing. `model` is the chain's model by default, or one derived from it (e.g.
    /// with rows relaxed). The two stages share `options.timeLimit`.
    public static func moduleStart(_ chain: ChainModel, model: Model? = nil, options: SolverOptions) throws -> ModelSolution? {
        let deadline = options.timeLimit.map { Date().addingTimeInterval($0) }
        let model = model ?? chain.model
        let modules = chain.unitsBuiltBy.filter { key, _ in
            chain.inputs.candidates.first { $0.id == key.unit }.map { chain.process($0.process).stage != .smelting } ?? false
        }
        guard !modules.isEmpty else { return nil }
        var quick = options
        quick.sensitivityRows = nil
        quick.computeSensitivity = false
        // Minimum-build switches (`expands`) belong to the modules' stage: relaxed first, decided with them.
        let divisible = try model.relaxing(Array(modules.values) + Array(chain.expands.values)).solve(options: quick)
        guard divisible.hasSolution, divisible.status == .optimal || divisible.status == .timeLimit else { return nil }
        var others: [(Variable, Double)] = []
        for v in chain.retiredUnits.values { others.append((v, divisible.value(v).rounded())) }
        let moduleSet = Set(modules.values)
        for v in chain.unitsBuiltBy.values where !moduleSet.contains(v) { others.append((v, divisible.value(v).rounded())) }
        for byYear in chain.projectBuiltBy.values { for v in byYear.values { others.append((v, divisible.value(v).rounded())) } }
        if let deadline { quick.timeLimit = remainingTime(until: deadline) }
        let start = try model.fixing(others).solve(options: quick)
        return start.hasSolution ? start : nil
    }

    /// Seconds left until `deadline`, and never less than a second: a stage that starts after the budget is spent
    /// still returns what it has (an offered start as the incumbent) instead of failing on a zero limit.
    static func remainingTime(until deadline: Date) -> Double {
        max(1, deadline.timeIntervalSinceNow)
    }

    /// The count of new potlines first (earliest year first), then the potline decisions, then projects, and
    /// within the last two the later years first: deciding how much capacity stands at the end before when it
    /// comes halves the search on the shipped plan (measured in docs/PERFORMANCE.md); branching on early years
    /// first made it six times slower. Branching on the count before the sites halved it again. The other modules
    /// (fabrication, recycling, service capacity) have no priority: among them GLPK's own rule chooses, which
    /// took a quarter to half the time of ordering them by year (carbon-price-80: 9 s instead of over 60).
    static func branchingPriority(_ chain: ChainModel, in model: Model? = nil) -> [Int] {
        var priority: [(Variable, Int)] = chain.potlinesBuiltBy.map { year, v in (v, 20_000 - year) }
        for (key, v) in chain.unitsBuiltBy {
            let smelting = chain.inputs.candidates.first { $0.id == key.unit }.map { chain.process($0.process).stage == .smelting } ?? false
            if smelting { priority.append((v, 10_000 + key.year)) }
        }
        for (key, v) in chain.retiredUnits { priority.append((v, 10_000 + key.year)) }
        for (_, builtBy) in chain.projectBuiltBy { for (year, v) in builtBy { priority.append((v, year)) } }
        return (model ?? chain.model).branchingPriority(priority)
    }

    static func lpOptions(_ o: SolverOptions) -> SolverOptions {
        var lp = o
        lp.presolve = false
        return lp
    }
}
