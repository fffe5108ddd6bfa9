import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// Why a plan is infeasible: an irreducible infeasible subset over named constraint groups (targets, capacity
/// limits, rules), found with GLPK by an elastic filter followed by a deletion filter (Chinneck), and the
/// smallest relaxation of the targets that makes the plan feasible.
public enum PlanExplanation {
    /// A named group of rows that is kept or dropped as a whole.
    public struct Group: Sendable, Equatable {
        /// target, capacity, rule, market, utilisation.
        public var kind: String
        /// e.g. `primary-local-conversion 2027`, `capacity of fabrication 2027`, `capacity-replacement 2028`.
        public var name: String
        public var rows: [Int]
    }

    /// What `explain` found.
    public struct Report: Sendable {
        /// The irreducible infeasible subset (every member needed: dropping any one makes the rest feasible).
        public var subset: [Group]
        /// Whether the search finished within the time limit (otherwise `subset` is infeasible but maybe not minimal).
        public var complete: Bool
        /// The smallest relaxation of the targets.
        public var relaxation: InfeasibilityDiagnosis.Outcome
        /// Feasibility solves run.
        public var solves: Int
    }

    /// The groups of a model: every target per year, capacity limits per stage and year, market minimums
    /// per commodity, minimum utilisation, and each replacement/technology rule. Balances and bounds stay hard.
    public static func groups(_ chain: ChainModel) -> [Group] { groups(chain, in: feasibilityProblem(chain)) }

    /// The groups over the rows of `p`, the chain's feasibility problem.
    static func groups(_ chain: ChainModel, in p: LinearProblem) -> [Group] {
        var byName: [String: Group] = [:]
        var order: [String] = []
        func add(_ kind: String, _ name: String, _ row: Int) {
            if byName[name] == nil { order.append(name); byName[name] = Group(kind: kind, name: name, rows: []) }
            byName[name]!.rows.append(row)
        }
        for t in chain.targetRows { add("target", "\(t.target.id) \(t.target.scope) \(t.year)", t.constraint.index) }
        for r in chain.ruleRows { add("rule", "\(r.id) \(r.scope)\(r.year.map { " \($0)" } ?? "")", r.constraint.index) }
        let stageOf = Dictionary(uniqueKeysWithValues: chain.units.map { ($0.id, chain.process($0.process).stage.rawValue) })
        for i in 0..<p.rowCount {
            let name = p.rowNames[i]
            guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { continue }
            let family = String(name[..<open])
            let args = name[name.index(after: open)..<name.index(before: name.endIndex)].split(separator: ",").map(String.init)
            switch family {
            case "capacity": add("capacity", "capacity of \(stageOf[args[0]] ?? args[0]) \(args.last!)", i)
            case "max_units": add("capacity", "expansion limit of \(stageOf[args[0]] ?? args[0])", i)
            case "min_utilisation": add("utilisation", "minimum utilisation \(args.last!)", i)
            case "market_min": add("market", "demand for \(args[0]) \(args.last!)", i)
            case "market_max": add("market", "market for \(args[0]) \(args.last!)", i)
            case "power_share": add("power", "share of \(args[1]) power in \(args[0]) \(args.last!)", i)
            default: break
            }
        }
        return order.map { byName[$0]! }
    }

    /// The plan as a pure feasibility problem (objective zero). Limits that the model keeps as bounds (as rows
    /// they slow branch-and-cut down) become rows appended here, so that they can be dropped as groups: the
    /// candidates' unit limits as `max_units[…]`, constant capacities and minimum utilisation as
    /// `capacity[…]` and `min_utilisation[…]`. The model's row numbers are unchanged.
    public static func feasibilityProblem(_ chain: ChainModel) -> LinearProblem {
        var p = chain.model.problem
        for j in 0..<p.columnCount { p.objective[j] = 0 }
        p.objectiveConstant = 0
        p.sense = .minimize
        for key in chain.boundedActivity.sorted(by: { chain.activity[$0]!.index < chain.activity[$1]!.index }) {
            let j = chain.activity[key]!.index
            let (lower, upper) = (p.columnLower[j], p.columnUpper[j])
            p.columnLower[j] = 0
            p.columnUpper[j] = .infinity
            p.addRow(name: "capacity[\(key.unit),\(key.year)]", upper: upper, terms: [(j, 1)])
            if lower > 0 { p.addRow(name: "min_utilisation[\(key.unit),\(key.year)]", lower: lower, terms: [(j, 1)]) }
        }
        for c in chain.inputs.candidates {
            let vars = chain.unitsBuiltBy.filter { $0.key.unit == c.id }.sorted { $0.key.year < $1.key.year }.map(\.value)
            guard let last = vars.last else { continue }
            for v in vars { p.columnUpper[v.index] = .infinity }
            p.addRow(name: "max_units[\(c.id)]", upper: Double(c.maxUnits), terms: [(last.index, 1)])
        }
        return p
    }

    /// Runs the filters within `timeLimit` seconds.
    public static func explain(_ chain: ChainModel, options: SolverOptions, timeLimit: Double) throws -> Report {
        let deadline = Date().addingTimeInterval(timeLimit)
        let base = feasibilityProblem(chain)
        let groups = groups(chain, in: base)
        var solves = 0
        var feasibility = options
        feasibility.presolve = true  // any integer point will do; the presolver proves infeasibility fastest
        feasibility.mipGap = 1
        feasibility.mipStart = nil

        /// The problem with the rows of groups outside `kept` freed.
        func problem(keeping kept: Set<Int>) -> LinearProblem {
            var p = base
            for (g, group) in groups.enumerated() where !kept.contains(g) {
                for row in group.rows { p.rowLower[row] = -.infinity; p.rowUpper[row] = .infinity }
            }
            return p
        }
        func remaining() -> Double { deadline.timeIntervalSinceNow }
        /// true infeasible, false feasible, nil unknown (time).
        func infeasible(_ kept: Set<Int>) throws -> Bool? {
            guard remaining() > 0 else { return nil }
            var o = feasibility
            o.timeLimit = min(o.timeLimit ?? .infinity, remaining())
            solves += 1
            let r = try Solver.solve(problem(keeping: kept), options: o)
            switch r.status {
            case .infeasible: return true
            case .optimal, .unbounded: return false
            default: return r.hasPrimalSolution ? false : nil
            }
        }

        // Elastic filter on the LP relaxation (fast): every group's rows get slacks; groups that need slack
        // become hard; repeat until the hard set alone is infeasible. Integer-only conflicts are caught below.
        var hard = Set<Int>()
        var complete = true
        elastic: while true {
            guard remaining() > 0 else { complete = false; break }
            var p = base
            for j in 0..<p.columnCount { p.columnKinds[j] = .continuous }
            var slackOwner: [Int: Int] = [:]
            for (g, group) in groups.enumerated() where !hard.contains(g) {
                for row in group.rows {
                    if p.rowLower[row].isFinite {
                        let s = p.addColumn(objective: 1)
                        p.matrix.append(row: row, column: s, value: 1)
                        slackOwner[s] = g
                    }
                    if p.rowUpper[row].isFinite {
                        let s = p.addColumn(objective: 1)
                        p.matrix.append(row: row, column: s, value: -1)
                        slackOwner[s] = g
                    }
                }
            }
            var o = options
            o.mipStart = nil
            o.presolve = true
            o.mipGap = max(o.mipGap, 1e-3)
            o.timeLimit = remaining()
            solves += 1
            let r = try Solver.solve(p, options: o)
            switch r.status {
            case .infeasible:
                break elastic  // the hard groups (with balances and bounds) cannot hold together
            case .optimal, .timeLimit where r.hasPrimalSolution:
                let needing = Set(slackOwner.filter { r.columnValues[$0.key] > 1e-6 }.map(\.value))
                if needing.isEmpty || needing.isSubset(of: hard) { break elastic }
                hard.formUnion(needing)
                if r.status == .timeLimit { complete = false; break elastic }
            default:
                complete = false
                break elastic
            }
        }
        // The hard set must be infeasible as a MIP too; if the conflict needs integrality, start from all groups.
        if try hard.isEmpty || infeasible(hard) != true { hard = Set(groups.indices) }
        // Deletion filter: drop each member whose removal leaves the rest infeasible.
        var subset = hard
        for g in hard.sorted() {
            guard let stillInfeasible = try infeasible(subset.subtracting([g])) else { complete = false; break }
            if stillInfeasible { subset.remove(g) }
        }
        var relaxationOptions = options
        relaxationOptions.mipStart = nil
        relaxationOptions.presolve = true
        relaxationOptions.timeLimit = max(1, remaining())
        let relaxation = try InfeasibilityDiagnosis.diagnose(chain, options: relaxationOptions)
        return Report(subset: subset.sorted().map { groups[$0] }, complete: complete, relaxation: relaxation, solves: solves)
    }

    /// The subset in planners' words, with the numbers each member stands for.
    public static func describe(_ group: Group, chain: ChainModel) -> String {
        let p = feasibilityProblem(chain)
        switch group.kind {
        case "target":
            guard let t = chain.targetRows.first(where: { group.rows.contains($0.constraint.index) }) else { return group.name }
            let unit = t.target.unit == "%" ? "%" : " \(t.target.unit)"
            return "target \(t.target.id) (\(t.target.scope), \(t.year)): \(t.target.op.rawValue) \(t.target.value)\(unit) — \(t.target.source)"
        case "capacity" where group.name.hasPrefix("expansion limit"):
            let most = group.rows.reduce(0.0) { total, row in
                let unit = chain.inputs.candidates.first { p.rowNames[row] == "max_units[\($0.id)]" }?.unitT ?? 0
                return total + unit * p.rowUpper[row]
            }
            return "\(group.name): candidates.csv allows at most \(Int(most)) t/yr of new capacity of that stage (\(group.rows.count) candidates)"
        case "capacity":
            return "\(group.name): the capacity of existing plants and candidates of that stage (\(group.rows.count) limits)"
        case "rule":
            guard let r = chain.ruleRows.first(where: { group.rows.contains($0.constraint.index) }) else { return group.name }
            return "rule \(group.name): \(r.description)"
        case "market":
            let row = group.rows[0]
            return p.rowLower[row].isFinite
                ? "\(group.name): at least \(Int(p.rowLower[row] * 1000)) t must be sold"
                : "\(group.name): at most \(Int(p.rowUpper[row] * 1000)) t can be sold out of the province"
        case "power":
            return "\(group.name): at most \(CSVWriter.number(100 * -(p.matrix.entries.first { $0.row == group.rows[0] && $0.value < 0 }?.value ?? 0), decimals: 1)) % of the cluster's electricity"
        case "utilisation":
            return "\(group.name): existing potlines and refineries run at their minimum utilisation (\(group.rows.count) plants)"
        default:
            return group.name
        }
    }
}
