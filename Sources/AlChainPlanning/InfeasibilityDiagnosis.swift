import AlChainModeling
import AlChainSolver

/// A first answer to "why is the plan infeasible?": every target and market minimum gets an elastic slack,
/// the total slack is minimised, and the targets that must give way are named with how far.
///
/// This is a goal-programming relaxation, not yet an irreducible infeasible subset (that is `alchain explain`).
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
    /// shortfall: the relaxation is a MIP too).
    public static func diagnose(_ chain: ChainModel, options: SolverOptions) throws -> Outcome {
        var p = chain.model.problem
        for j in 0..<p.columnCount { p.objective[j] = 0 }
        p.objectiveConstant = 0
        p.sense = .minimize
        var slacks: [(Int, Shortfall)] = []
        func relax(_ row: Int, _ shortfall: Shortfall) {
            let lower = p.rowLower[row], upper = p.rowUpper[row]
            if lower.isFinite {  // a ≥ side: the row may fall short by s
                let s = p.addColumn(name: "", lower: 0, upper: .infinity, kind: .continuous, objective: 1)
                p.matrix.append(row: row, column: s, value: 1)
                slacks.append((s, shortfall))
            }
            if upper.isFinite {  // a ≤ side: the row may exceed by s
                let s = p.addColumn(name: "", lower: 0, upper: .infinity, kind: .continuous, objective: 1)
                p.matrix.append(row: row, column: s, value: -1)
                slacks.append((s, shortfall))
            }
        }
        for t in chain.targetRows {
            relax(t.constraint.index, Shortfall(target: t.target.id, scope: t.target.scope, year: t.year, amount: 0))
        }
        for i in 0..<p.rowCount where p.rowNames[i].hasPrefix("market_min[") {
            let inner = p.rowNames[i].dropFirst("market_min[".count).dropLast()
            let parts = inner.split(separator: ",")
            relax(i, Shortfall(target: "market-min-\(parts.first ?? "")", scope: "province", year: Int(parts.last ?? "") ?? 0, amount: 0))
        }
        var o = options
        o.mipStart = nil
        o.mipGap = max(o.mipGap, 0.01)
        let result = try Solver.solve(p, options: o)
        if result.status == .infeasible { return .targetsNotTheCause }
        guard result.hasPrimalSolution else { return .unknown }
        var out: [Shortfall] = []
        for (column, shortfall) in slacks where result.columnValues[column] > 1e-6 {
            var s = shortfall
            s.amount = result.columnValues[column]
            out.append(s)
        }
        return .shortfalls(out)
    }
}
