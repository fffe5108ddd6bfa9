import AlChainSolver
import Foundation

/// Constraints kept or dropped as a whole in a conflict search, under a label the caller chooses.
public struct ConstraintGroup<Label: Sendable>: Sendable {
    /// What the group stands for, in the caller's words.
    public var label: Label
    /// Its constraints, handles of the refined model.
    public var constraints: [Constraint]

    /// A group of `constraints` called `label`.
    public init(_ label: Label, _ constraints: [Constraint]) {
        self.label = label
        self.constraints = constraints
    }
}

extension ConstraintGroup: Equatable where Label: Equatable {}

/// Why a model is infeasible, over groups of constraints the caller names; every constraint and bound outside
/// the groups stays hard. The elastic filter, the deletion filter (Chinneck) and the elastic relaxation, once,
/// for any model — the way MathOptIIS.jl sits under JuMP; the caller supplies only the groups and their words.
///
/// Every search runs on the model as a feasibility problem (objective zero); each solve runs on the calling
/// thread (GLPK keeps its state per thread).
public struct ConflictRefiner<Label: Sendable>: Sendable {
    /// The groups, in the order the caller gave them (the deletion filter tries them in this order).
    public let groups: [ConstraintGroup<Label>]
    /// The model as a feasibility problem.
    let base: LinearProblem

    /// A refiner over `groups` of `model`'s constraints; throws `HandleError` for a constraint of another model.
    public init(_ model: Model, groups: [ConstraintGroup<Label>]) throws(HandleError) {
        for g in groups { for c in g.constraints { try model.check(c) } }
        var p = model.problem
        for j in 0..<p.columnCount { p.objective[j] = 0 }
        p.objectiveConstant = 0
        p.sense = .minimize
        base = p
        self.groups = groups
    }

    /// A conflict: groups that cannot hold together (with the hard constraints).
    public struct Conflict: Sendable {
        /// Positions in `groups`, ascending. Empty when the constraints outside the groups are infeasible alone.
        public var members: [Int]
        /// Whether the search finished in time: then dropping any one member makes the rest feasible
        /// (irreducible); otherwise the members are infeasible together but maybe not minimal.
        public var complete: Bool
        /// Solves run.
        public var solves: Int
        /// Whether the model is feasible with every group (there is no conflict; `members` is empty).
        public var feasible = false
    }

    /// One constraint's side that an elastic relaxation had to move.
    public struct Violation: Sendable, Equatable {
        /// Which side gave way: `lower` for a `≥` side that fell short, `upper` for a `≤` side exceeded.
        public enum Side: Sendable, Equatable { case lower, upper }
        /// Position of the constraint's group in `groups`.
        public var group: Int
        public var constraint: Constraint
        public var side: Side
        /// By how much (the constraint's units), > 0.
        public var amount: Double
    }

    /// What relaxing the groups gives.
    public enum Relaxation: Sendable, Equatable {
        /// These sides must give way by these amounts (group order, then constraint order, lower side first).
        case violations([Violation])
        /// Even with every group relaxed the model is infeasible: the cause lies outside the groups.
        case infeasibleOutsideGroups
        /// No answer within the time limit.
        case unknown
    }

    // MARK: - Building blocks

    /// Solver options for a search solve: no start point, priorities or ranging of the original model (its
    /// columns differ from the search problem's).
    static func searchOptions(_ options: SolverOptions) -> SolverOptions {
        var o = options
        o.mipStart = nil
        o.warmStart = nil
        o.branchingPriority = nil
        o.sensitivityRows = nil
        o.computeSensitivity = false
        o.presolve = true  // any feasible point will do; the presolver proves infeasibility fastest
        return o
    }

    /// The feasibility problem with every group outside `kept` freed.
    func problem(keeping kept: Set<Int>) -> LinearProblem {
        var p = base
        for (g, group) in groups.enumerated() where !kept.contains(g) {
            for c in group.constraints { p.rowLower[c.index] = -.infinity; p.rowUpper[c.index] = .infinity }
        }
        return p
    }

    /// `base` with an elastic column (objective 1) on each finite side of the rows of the groups in `elastic`,
    /// and which violation each column measures.
    func elasticProblem(_ elastic: some Sequence<Int>) -> (LinearProblem, [(column: Int, Violation)]) {
        var p = base
        var slacks: [(column: Int, Violation)] = []
        for g in elastic {
            for c in groups[g].constraints {
                if p.rowLower[c.index].isFinite {  // a ≥ side: the row may fall short by s
                    let s = p.addColumn(objective: 1)
                    p.matrix.append(row: c.index, column: s, value: 1)
                    slacks.append((s, Violation(group: g, constraint: c, side: .lower, amount: 0)))
                }
                if p.rowUpper[c.index].isFinite {  // a ≤ side: the row may exceed by s
                    let s = p.addColumn(objective: 1)
                    p.matrix.append(row: c.index, column: s, value: -1)
                    slacks.append((s, Violation(group: g, constraint: c, side: .upper, amount: 0)))
                }
            }
        }
        return (p, slacks)
    }

    /// Whether the model with only the groups in `kept` is infeasible: `true` infeasible, `false` feasible,
    /// `nil` unknown (time).
    public func isInfeasible(keeping kept: Set<Int>, options: SolverOptions, deadline: Date, solves: inout Int) throws -> Bool? {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { return nil }
        var o = Self.searchOptions(options)
        o.mipGap = 1  // any integer point answers the question
        o.timeLimit = min(o.timeLimit ?? .infinity, remaining)
        solves += 1
        let r = try Solver.solve(problem(keeping: kept), options: o)
        switch r.status {
        case .infeasible: return true
        case .optimal, .unbounded: return false
        default: return r.hasPrimalSolution ? false : nil
        }
    }

    /// The elastic filter on the LP relaxation (fast): every group not yet hard gets elastic columns; the groups
    /// that need them become hard; repeat until the hard groups alone are infeasible. Returns the hard groups
    /// (a superset of a conflict of the LP relaxation) and whether it finished; empty when the LP relaxation
    /// needs no group to be infeasible, or is feasible with every group.
    public func elasticFilter(options: SolverOptions, deadline: Date, solves: inout Int) throws -> (hard: Set<Int>, complete: Bool) {
        var hard = Set<Int>()
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return (hard, false) }
            var (p, slacks) = elasticProblem(groups.indices.filter { !hard.contains($0) })
            for j in 0..<p.columnCount { p.columnKinds[j] = .continuous }
            var o = Self.searchOptions(options)
            o.mipGap = max(o.mipGap, 1e-3)
            o.timeLimit = remaining
            solves += 1
            let r = try Solver.solve(p, options: o)
            switch r.status {
            case .infeasible:
                return (hard, true)  // the hard groups (with everything outside the groups) cannot hold together
            case .optimal, .timeLimit where r.hasPrimalSolution:
                let needing = Set(slacks.filter { r.columnValues[$0.column] > 1e-6 }.map(\.1.group))
                if needing.isEmpty || needing.isSubset(of: hard) { return (hard, true) }
                hard.formUnion(needing)
                if r.status == .timeLimit { return (hard, false) }
            default:
                return (hard, false)
            }
        }
    }

    /// The deletion filter: drops each group of `candidates` (in order) whose removal leaves the rest
    /// infeasible. Returns what remains and whether every test finished in time.
    public func deletionFilter(_ candidates: Set<Int>, options: SolverOptions, deadline: Date, solves: inout Int) throws -> (subset: Set<Int>, complete: Bool) {
        var subset = candidates
        for g in candidates.sorted() {
            guard let stillInfeasible = try isInfeasible(keeping: subset.subtracting([g]), options: options, deadline: deadline, solves: &solves)
            else { return (subset, false) }
            if stillInfeasible { subset.remove(g) }
        }
        return (subset, true)
    }

    // MARK: - Searches

    /// An irreducible infeasible subset of the groups within `timeLimit` seconds: the elastic filter, then (if
    /// its set needs integrality to be infeasible, from all groups) the deletion filter.
    public func conflict(options: SolverOptions, timeLimit: Double) throws -> Conflict {
        let deadline = Date().addingTimeInterval(timeLimit)
        var solves = 0
        var (hard, complete) = try elasticFilter(options: options, deadline: deadline, solves: &solves)
        if hard.isEmpty, try isInfeasible(keeping: [], options: options, deadline: deadline, solves: &solves) == true {
            return Conflict(members: [], complete: complete, solves: solves)  // no group is needed for the conflict
        }
        // The hard set must be infeasible as a MIP too; if the conflict needs integrality, start from all groups.
        if try hard.isEmpty || isInfeasible(keeping: hard, options: options, deadline: deadline, solves: &solves) != true {
            hard = Set(groups.indices)
            switch try isInfeasible(keeping: hard, options: options, deadline: deadline, solves: &solves) {
            case false?: return Conflict(members: [], complete: true, solves: solves, feasible: true)
            case nil: return Conflict(members: hard.sorted(), complete: false, solves: solves)
            case true?: break
            }
        }
        let (subset, finished) = try deletionFilter(hard, options: options, deadline: deadline, solves: &solves)
        return Conflict(members: subset.sorted(), complete: complete && finished, solves: solves)
    }

    /// The elastic relaxation: the smallest total violation of the groups' constraints (each side's violation
    /// weighted 1) that makes the model feasible, integrality kept (within `options.mipGap`).
    public func relaxation(options: SolverOptions) throws -> Relaxation {
        let (p, slacks) = elasticProblem(groups.indices)
        var o = Self.searchOptions(options)
        o.presolve = options.presolve
        let r = try Solver.solve(p, options: o)
        if r.status == .infeasible { return .infeasibleOutsideGroups }
        guard r.hasPrimalSolution else { return .unknown }
        return .violations(slacks.compactMap { column, v in
            let amount = r.columnValues[column]
            guard amount > 1e-6 else { return nil }
            var v = v
            v.amount = amount
            return v
        })
    }
}
