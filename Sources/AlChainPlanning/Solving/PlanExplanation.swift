import AlChainIO
import AlChainModeling
import AlChainSolver
import Foundation

/// Why a plan is infeasible: an irreducible infeasible subset over the plan's constraint groups (targets,
/// capacity limits, rules, markets, power shares), found by the modelling layer's `ConflictRefiner`, and the
/// smallest relaxation of the targets that makes the plan feasible. The domain supplies only the groups and
/// their words.
public enum PlanExplanation {
    /// A named group of constraints that is kept or dropped as a whole.
    public typealias Group = ConstraintGroup<PlanGroup>

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

    /// The groups of a model: every target per year, each replacement/technology rule, capacity limits per
    /// stage and year, expansion limits per stage, minimum utilisation, market minimums and maximums, and power
    /// shares. Balances and other bounds stay hard.
    public static func groups(_ chain: ChainModel) -> [Group] { feasibilityModel(chain).groups }

    /// The plan as a pure feasibility model (objective zero) and its groups, targets first, then rules, then the
    /// others in the order the model made them. Limits that the model keeps as bounds (as rows they slow
    /// branch-and-cut down) become constraints added here, so that they can be dropped as groups: the
    /// candidates' unit limits, constant capacities and minimum utilisation. The model's own constraints keep
    /// their handles.
    public static func feasibilityModel(_ chain: ChainModel) -> (model: Model, groups: [Group]) {
        var m = chain.model
        m.setObjective(LinearExpression(), .minimize)
        var grouped = chain.groupedConstraints.filter { if case .target = $0.group { true } else { false } }
            + chain.groupedConstraints.filter { if case .rule = $0.group { true } else { false } }
            + chain.groupedConstraints.filter {
                switch $0.group {
                case .target, .rule: false
                default: true
                }
            }
        let stageOf = Dictionary(uniqueKeysWithValues: chain.units.map { ($0.id, chain.process($0.process).stage) })
        for key in chain.boundedActivity.sorted(by: { chain.activity[$0]! < chain.activity[$1]! }) {
            let v = chain.activity[key]!
            let (lower, upper) = m.bounds(of: v)
            m.setBounds(v, lower: 0, upper: .infinity)
            grouped.append((.capacity(stage: stageOf[key.unit]!, year: key.year),
                            m.add(v <= upper, name: "capacity[\(key.unit),\(key.year)]")))
            if lower > 0 {
                grouped.append((.utilisation(year: key.year), m.add(v >= lower, name: "min_utilisation[\(key.unit),\(key.year)]")))
            }
        }
        for c in chain.inputs.candidates {
            let vars = chain.unitsBuiltBy.filter { $0.key.unit == c.id }.sorted { $0.key.year < $1.key.year }.map(\.value)
            guard let last = vars.last else { continue }
            for v in vars { m.setBounds(v, lower: m.bounds(of: v).lower, upper: .infinity) }
            grouped.append((.expansionLimit(stage: stageOf[c.id]!), m.add(last <= Double(c.maxUnits), name: "max_units[\(c.id)]")))
        }
        var groups: [Group] = []
        var position: [PlanGroup: Int] = [:]
        for (group, constraint) in grouped {
            if let i = position[group] {
                groups[i].constraints.append(constraint)
            } else {
                position[group] = groups.count
                groups.append(Group(group, [constraint]))
            }
        }
        return (m, groups)
    }

    /// Runs the conflict refiner within `timeLimit` seconds, then the smallest relaxation of the targets.
    public static func explain(_ chain: ChainModel, options: SolverOptions, timeLimit: Double) throws -> Report {
        let deadline = Date().addingTimeInterval(timeLimit)
        let (conflict, groups) = try refine(chain, options: options, timeLimit: timeLimit)
        var relaxationOptions = options
        relaxationOptions.presolve = true
        relaxationOptions.timeLimit = max(1, deadline.timeIntervalSinceNow)
        let relaxation = try InfeasibilityDiagnosis.diagnose(chain, options: relaxationOptions)
        return Report(subset: conflict.members.map { groups[$0] }, complete: conflict.complete, relaxation: relaxation,
                      solves: conflict.solves)
    }

    /// An irreducible infeasible subset of the plan's groups (elastic filter, then deletion filter) within
    /// `timeLimit` seconds, with the groups its members index.
    public static func refine(_ chain: ChainModel, options: SolverOptions, timeLimit: Double) throws
        -> (conflict: ConflictRefiner<PlanGroup>.Conflict, groups: [Group])
    {
        let (model, groups) = feasibilityModel(chain)
        let conflict = try ConflictRefiner(model, groups: groups).conflict(options: options, timeLimit: timeLimit)
        return (conflict, groups)
    }

    /// The subset in planners' words, with the numbers each member stands for.
    public static func describe(_ group: Group, chain: ChainModel) -> String {
        let name = group.label.name
        switch group.label {
        case .target(let id, let scope, let year):
            guard let t = chain.targetRows.first(where: { $0.target.id == id && $0.target.scope == scope && $0.year == year })
            else { return name }
            let unit = t.target.unit == "%" ? "%" : " \(t.target.unit)"
            return "target \(t.target.id) (\(t.target.scope), \(t.year)): \(t.target.op.rawValue) \(t.target.value)\(unit) — \(t.target.source)"
        case .expansionLimit(let stage):
            let most = chain.inputs.candidates.reduce(0.0) { total, c in
                guard chain.process(c.process).stage == stage, chain.unitsBuiltBy.keys.contains(where: { $0.unit == c.id }) else { return total }
                return total + c.unitT * Double(c.maxUnits)
            }
            return "\(name): candidates.csv allows at most \(Int(most)) t/yr of new capacity of that stage (\(group.constraints.count) candidates)"
        case .capacity:
            return "\(name): the capacity of existing plants and candidates of that stage (\(group.constraints.count) limits)"
        case .rule(let id, let scope, let year):
            guard let r = chain.ruleRows.first(where: { $0.id == id && $0.scope == scope && $0.year == year }) else { return name }
            return "rule \(name): \(r.description)"
        case .demand:
            return "\(name): at least \(Int(chain.model.bounds(of: group.constraints[0]).lower * 1000)) t must be sold"
        case .market:
            return "\(name): at most \(Int(chain.model.bounds(of: group.constraints[0]).upper * 1000)) t can be sold out of the province"
        case .powerShare(let cluster, let source, _):
            let share = chain.inputs.power.first { $0.cluster == cluster && $0.id == source }?.maxShare ?? 0
            return "\(name): at most \(CSVWriter.number(100 * share, decimals: 1)) % of the cluster's electricity"
        case .utilisation:
            return "\(name): existing potlines and refineries run at their minimum utilisation (\(group.constraints.count) plants)"
        }
    }
}
