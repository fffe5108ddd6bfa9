/// A named group of the plan's constraints that a planner can give way on as a whole: what `explain` and
/// `solve`'s infeasibility message name. Closed, so that a new constraint family must say here what it is.
public enum PlanGroup: Hashable, Sendable {
    /// One target in one year.
    case target(id: String, scope: String, year: Int)
    /// The capacity limits (existing plants and candidates) of a stage in a year.
    case capacity(stage: Stage, year: Int)
    /// How many units of a stage's candidates `candidates.csv` allows at most.
    case expansionLimit(stage: Stage)
    /// The minimum utilisation of existing plants in a year.
    case utilisation(year: Int)
    /// The least that must be sold of a commodity in a year (`market.csv` min_sales_t).
    case demand(commodity: String, year: Int)
    /// The most that can be sold of a commodity out of the province in a year (`market.csv` max_sales_t).
    case market(commodity: String, year: Int)
    /// A power source's largest share of a cluster's electricity in a year.
    case powerShare(cluster: String, source: String, year: Int)
    /// A replacement, quota, technology or ore rule (`year` nil for a rule over the whole horizon).
    case rule(id: String, scope: String, year: Int?)

    /// What kind of limit the group is, in one word.
    public enum Kind: String, Sendable {
        case target, capacity, utilisation, market, power, rule
    }

    /// The group's kind.
    public var kind: Kind {
        switch self {
        case .target: .target
        case .capacity, .expansionLimit: .capacity
        case .utilisation: .utilisation
        case .demand, .market: .market
        case .powerShare: .power
        case .rule: .rule
        }
    }

    /// The group in planners' words, e.g. `output-value province 2027`, `capacity of fabrication 2027`.
    public var name: String {
        switch self {
        case .target(let id, let scope, let year): "\(id) \(scope) \(year)"
        case .capacity(let stage, let year): "capacity of \(stage.rawValue) \(year)"
        case .expansionLimit(let stage): "expansion limit of \(stage.rawValue)"
        case .utilisation(let year): "minimum utilisation \(year)"
        case .demand(let commodity, let year): "demand for \(commodity) \(year)"
        case .market(let commodity, let year): "market for \(commodity) \(year)"
        case .powerShare(let cluster, let source, let year): "share of \(source) power in \(cluster) \(year)"
        case .rule(let id, let scope, let year): "\(id) \(scope)\(year.map { " \($0)" } ?? "")"
        }
    }

    /// The group as `solve`'s message names it: a target as `id (scope, year)`, anything else by its name.
    public var label: String {
        if case .target(let id, let scope, let year) = self { return "\(id) (\(scope), \(year))" }
        return name
    }
}
