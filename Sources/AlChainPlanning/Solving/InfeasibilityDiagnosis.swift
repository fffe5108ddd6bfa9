import AlChainModeling
import AlChainSolver

/// A first answer to "why is the plan infeasible?": every target and market minimum gets an elastic slack,
/// the total slack is minimised, and the targets that must give way are named with how far.
///
/// This is a goal-programming relaxation, not an irreducible infeasible subset (that is `PlanExplanation`).
public enum InfeasibilityDiagnosis {
    /// One relaxed row: which target, where, when, and by how much (model units: kt, fraction-weighted kt, 亿元).
    public struct Shortfall: Sendable, Equatable {
        public var target: String
        public var scope: String
        public var year: Int
        public var amount: Double
    }

    /// What relaxing the targets gives.
    public enum Outcome: Sendable, Equatable {
        /// These targets must give way, by these amounts.
        case shortfalls([Shortfall])
        /// Even with every target and market minimum relaxed the plan is infeasible: capacities or data.
        case targetsNotTheCause
        /// The search hit its time limit.
        case unknown
    }

    /// The targets that have to give way for the plan to become feasible (within 1 % of the smallest total
    /// shortfall: the relaxation is a MIP too), by the modelling layer's elastic relaxation over every target
    /// row and market minimum.
    public static func diagnose(_ chain: ChainModel, options: SolverOptions) throws -> Outcome {
        // Target rows first, then market minimums, as the message lists them.
        var targets: [ConstraintGroup<Shortfall>] = [], minimums: [ConstraintGroup<Shortfall>] = []
        for (group, constraint) in chain.groupedConstraints {
            switch group {
            case .target(let id, let scope, let year):
                targets.append(ConstraintGroup(Shortfall(target: id, scope: scope, year: year, amount: 0), [constraint]))
            case .demand(let commodity, let year):
                minimums.append(ConstraintGroup(Shortfall(target: "market-min-\(commodity)", scope: PlanScope.province, year: year, amount: 0), [constraint]))
            case .capacity, .expansionLimit, .utilisation, .market, .powerShare, .rule:
                continue
            }
        }
        let groups = targets + minimums
        var o = options
        o.mipGap = max(o.mipGap, 0.01)
        switch try ConflictRefiner(chain.model, groups: groups).relaxation(options: o) {
        case .infeasibleOutsideGroups: return .targetsNotTheCause
        case .unknown: return .unknown
        case .violations(let violations):
            return .shortfalls(violations.map { v in
                var s = groups[v.group].label
                s.amount = v.amount
                return s
            })
        }
    }
}
