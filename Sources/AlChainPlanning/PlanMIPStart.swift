import AlChainModeling
import AlChainSolver

/// A first integer plan for branch-and-cut, from the LP relaxation: build and go decisions are rounded as
/// cumulative totals over the years (so "0.6 of a line in 2026 and 1.4 in 2027" becomes one line each year,
/// not zero), retirements are rounded and kept non-decreasing, then the LP is re-solved with those fixed.
///
/// GLPK's own heuristics rarely find an incumbent early on this model; with one, the search prunes from the start.
enum PlanMIPStart {
    static func compute(_ chain: ChainModel, options: SolverOptions) throws -> [Double]? {
        var relaxed = chain.model.problem
        for j in 0..<relaxed.columnCount { relaxed.columnKinds[j] = .continuous }
        var lp = options
        lp.presolve = false
        lp.mipStart = nil
        let relaxation = try Solver.solve(relaxed, options: lp)
        guard relaxation.status == .optimal else { return nil }
        // Nearest first; then up, which over-retires and over-builds but meets share targets more often.
        // Values within 1e-6 of an integer count as that integer, so solver noise never builds anything.
        for mode in [FloatingPointRoundingRule.toNearestOrAwayFromZero, .up] {
            func round(_ v: Double) -> Double { abs(v - v.rounded()) < 1e-6 ? v.rounded() : v.rounded(mode) }
            var fixed = relaxed
            let x = relaxation.columnValues
            func fix(_ v: Variable, _ value: Double) {
                let clamped = min(max(value, fixed.columnLower[v.index]), fixed.columnUpper[v.index])
                fixed.columnLower[v.index] = clamped
                fixed.columnUpper[v.index] = clamped
            }
            // Increments over the years, rounded as running totals.
            func roundCumulative(_ increments: [Variable], cap: Double) {
                var total = 0.0, placed = 0.0
                for v in increments {
                    total += x[v.index]
                    let target = min(cap, max(placed, round(total)))
                    fix(v, target - placed)
                    placed = target
                }
            }
            var builtByUnit: [String: [(Int, Variable)]] = [:]
            for (key, v) in chain.builtUnits.sortedByVariable() where chain.model.problem.columnKinds[v.index] != .continuous {
                builtByUnit[key.unit, default: []].append((key.year, v))
            }
            for (_, list) in builtByUnit.sorted(by: { $0.key < $1.key }) {
                let vars = list.sorted { $0.0 < $1.0 }.map(\.1)
                roundCumulative(vars, cap: vars.map { chain.model.problem.columnUpper[$0.index] }.max() ?? .infinity)
            }
            for (_, go) in chain.projectGo.sorted(by: { $0.key < $1.key }) {
                roundCumulative(go.sorted(by: { $0.key < $1.key }).map(\.value), cap: 1)
            }
            var retiredByUnit: [String: [(Int, Variable)]] = [:]
            for (key, v) in chain.retiredUnits.sortedByVariable() { retiredByUnit[key.unit, default: []].append((key.year, v)) }
            for (_, list) in retiredByUnit.sorted(by: { $0.key < $1.key }) {
                var previous = 0.0
                for (_, v) in list.sorted(by: { $0.0 < $1.0 }) {
                    let r = max(previous, round(x[v.index]))
                    fix(v, r)
                    previous = min(r, fixed.columnUpper[v.index])
                }
            }
            let result = try Solver.solve(fixed, options: lp)
            if result.status == .optimal { return result.columnValues }
        }
        return nil
    }
}
