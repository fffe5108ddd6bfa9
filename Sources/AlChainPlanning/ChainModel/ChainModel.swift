import AlChainModeling
import AlChainSolver
import Foundation

/// The Guizhou chain as an LP/MIP: variables, constraints and objective built from `PlanInputs`.
///
/// Each constraint family is named after the policy text it encodes (see docs/MODEL.md); handles are kept by
/// key so that results and shadow prices are read back by meaning, and every constraint a planner can give way
/// on is registered with its `PlanGroup`. The families are built in the files `ChainModel+*.swift`.
public struct ChainModel: Sendable {
    public let inputs: PlanInputs
    public internal(set) var model: Model
    public internal(set) var units: [ProductionUnit] = []
    public internal(set) var activity: [UnitYear: Variable] = [:]
    /// Capacity (kt/yr) available to a unit in a year.
    public internal(set) var capacity: [UnitYear: LinearExpression] = [:]
    /// Cumulative potline units retired by a year (existing smelters with a unit size).
    public internal(set) var retiredUnits: [UnitYear: Variable] = [:]
    /// Units of a candidate (outside projects) built by a year — cumulative, so branching splits the timeline.
    public internal(set) var unitsBuiltBy: [UnitYear: Variable] = [:]
    /// New potlines built by a year across every site (integer): the sum of the smelting candidates' cumulative
    /// units, a column of its own so that branch-and-cut can decide how many lines before where they stand.
    public internal(set) var potlinesBuiltBy: [Int: Variable] = [:]
    /// Whether a candidate with a minimum build size expands in a year (binary; `min_build_t`).
    public internal(set) var expands: [UnitYear: Variable] = [:]
    /// Whether a project is built by a year (binary, cumulative).
    public internal(set) var projectBuiltBy: [String: [Int: Variable]] = [:]
    /// Units of a candidate newly built in a year: the increment of the cumulative variable, for capex.
    public internal(set) var newlyBuilt: [UnitYear: LinearExpression] = [:]
    /// Whether a project is newly built in a year (0/1), by project and year.
    public internal(set) var projectNewlyBuilt: [String: [Int: LinearExpression]] = [:]
    public internal(set) var imports: [FlowKey: Variable] = [:]
    public internal(set) var sales: [FlowKey: Variable] = [:]
    public internal(set) var disposal: [FlowKey: Variable] = [:]
    public internal(set) var collection: [FlowKey: Variable] = [:]
    public internal(set) var shipments: [ShipKey: Variable] = [:]
    public internal(set) var power: [PowerKey: Variable] = [:]
    /// Clean electricity allocated to the processes of a stage set (GWh).
    public internal(set) var cleanPowerToStages: [StagesKey: Variable] = [:]
    /// Capacity indices bought outside the province in a year (kt).
    public internal(set) var indices: [Int: Variable] = [:]
    public internal(set) var balances: [FlowKey: Constraint] = [:]
    /// The row `activity ≤ capacity` of each unit and year whose capacity is decided by the model.
    public internal(set) var capacityRows: [UnitYear: Constraint] = [:]
    /// Units and years whose capacity is a constant: there `activity` carries it as its upper bound (and the
    /// minimum utilisation as its lower bound) instead of rows, which halves branch-and-cut's work per node.
    public internal(set) var boundedActivity: Set<UnitYear> = []
    public internal(set) var targetRows: [TargetRow] = []
    public internal(set) var ruleRows: [RuleRow] = []
    /// Every constraint a planner can give way on, with its group, in creation order (balances, definitions and
    /// bounds are not listed: they always hold).
    public internal(set) var groupedConstraints: [(group: PlanGroup, constraint: Constraint)] = []
    /// Cost components per year (million yuan, undiscounted), for the report.
    public internal(set) var costTerms: [Int: [CostCategory: LinearExpression]] = [:]
    /// Discounted capital terms per year (million yuan, undiscounted).
    public internal(set) var capitalTerms: [Int: [CostCategory: LinearExpression]] = [:]

    var years: [Int] { inputs.settings.years }

    /// Builds the whole model.
    public init(inputs: PlanInputs) {
        self.inputs = inputs
        self.model = Model(name: "alchain_\(inputs.settings.name)".replacingOccurrences(of: " ", with: "_"),
                           sense: inputs.settings.objective == .cost ? .minimize : .maximize)
        collectUnits()
        addCapacity()
        addActivity()
        addTrade()
        addBalances()
        addMarket()
        addPowerSupply()
        addPower()
        addReplacementRules()
        addTargets()
        addObjective()
    }

    /// What a constraint is to a planner: a limit that can give way as part of a group (what `explain` and
    /// `solve`'s infeasibility message name), or a definition that always holds (balances, monotone counts).
    enum Role {
        case givesWay(PlanGroup)
        case alwaysHolds
    }

    /// Adds a constraint with its role. Every constraint of the model is added here, so a new family has to
    /// say whether (and as which group) it can give way.
    @discardableResult
    mutating func add(_ constraint: LinearConstraint, name: String, _ role: Role) -> Constraint {
        let row = model.add(constraint, name: name)
        if case .givesWay(let group) = role { groupedConstraints.append((group, row)) }
        return row
    }

    func process(_ id: String) -> Process { inputs.chain.process(id)! }
    func commodity(_ id: String) -> Commodity { inputs.chain.commodity(id)! }

    /// The balance node of a commodity at a unit: its park if the commodity cannot travel, else its cluster.
    func node(_ commodity: Commodity, cluster: String, park: String) -> String {
        commodity.transportable ? cluster : park
    }

    mutating func collectUnits() {
        for p in inputs.plants {
            units.append(ProductionUnit(id: p.id, nameZh: p.nameZh, origin: .existing, process: p.process, cluster: p.cluster, park: p.park))
        }
        for c in inputs.candidates {
            units.append(ProductionUnit(id: c.id, nameZh: c.nameZh, origin: .candidate, process: c.process, cluster: c.cluster, park: c.park))
        }
    }
}
