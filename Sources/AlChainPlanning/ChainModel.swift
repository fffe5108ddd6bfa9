import AlChainModeling
import AlChainSolver
import Foundation

/// The Guizhou chain as an LP/MIP: variables, constraints and objective built from `PlanInputs`.
///
/// Each constraint family is named after the policy text it encodes (see docs/MODEL.md); handles are kept so
/// results and shadow prices can be read back by name.
public struct ChainModel: Sendable {
    /// A (unit, year) key.
    public struct UnitYear: Hashable, Sendable {
        public var unit: String; public var year: Int
        public init(unit: String, year: Int) { self.unit = unit; self.year = year }
    }
    /// A (commodity, node, year) key; the node is a cluster, or a park for commodities that cannot travel.
    public struct FlowKey: Hashable, Sendable { public var commodity: String; public var node: String; public var year: Int }
    /// A shipment key.
    public struct ShipKey: Hashable, Sendable {
        public var commodity: String; public var from: String; public var to: String; public var mode: String; public var year: Int
    }
    /// A (cluster, power source, year) key.
    public struct PowerKey: Hashable, Sendable { public var cluster: String; public var source: String; public var year: Int }
    /// A target row: one target in one year.
    public struct TargetRow: Sendable {
        public var target: Target
        public var year: Int
        public var constraint: Constraint
        public var numerator: LinearExpression
        public var denominator: LinearExpression?
    }
    /// A named rule row (replacement, quota, technology, ore) for the compliance report.
    public struct RuleRow: Sendable {
        public var id: String
        public var scope: String
        public var year: Int?
        public var constraint: Constraint
        public var description: String
        /// The rule reads `value ≤ limit` (kt).
        public var value: LinearExpression
        public var limit: LinearExpression
    }

    /// Adds `value ≤ limit` as a named rule row.
    mutating func addRule(_ id: String, scope: String, year: Int?, name: String, _ value: LinearExpression, _ limit: LinearExpression, _ description: String) {
        let row = add(value - limit <= 0, name: name, group: .rule(id: id, scope: scope, year: year))
        ruleRows.append(RuleRow(id: id, scope: scope, year: year, constraint: row, description: description, value: value, limit: limit))
    }

    public let inputs: PlanInputs
    public private(set) var model: Model
    public private(set) var units: [ProductionUnit] = []
    public private(set) var activity: [UnitYear: Variable] = [:]
    /// Capacity (kt/yr) available to a unit in a year.
    public private(set) var capacity: [UnitYear: LinearExpression] = [:]
    /// Cumulative potline units retired by a year (existing smelters with a unit size).
    public private(set) var retiredUnits: [UnitYear: Variable] = [:]
    /// Units of a candidate (outside projects) built by a year — cumulative, so branching splits the timeline.
    public private(set) var unitsBuiltBy: [UnitYear: Variable] = [:]
    /// Whether a project is built by a year (binary, cumulative).
    public private(set) var projectBuiltBy: [String: [Int: Variable]] = [:]
    /// Units of a candidate newly built in a year: the increment of the cumulative variable, for capex.
    public private(set) var newlyBuilt: [UnitYear: LinearExpression] = [:]
    /// Whether a project is newly built in a year (0/1), by project and year.
    public private(set) var projectNewlyBuilt: [String: [Int: LinearExpression]] = [:]
    public private(set) var imports: [FlowKey: Variable] = [:]
    public private(set) var sales: [FlowKey: Variable] = [:]
    public private(set) var disposal: [FlowKey: Variable] = [:]
    public private(set) var collection: [FlowKey: Variable] = [:]
    public private(set) var shipments: [ShipKey: Variable] = [:]
    public private(set) var power: [PowerKey: Variable] = [:]
    /// A (cluster, stage set, year) key; `stages` as `stagesKey` writes it, e.g. `smelting`.
    public struct StagesKey: Hashable, Sendable { public var cluster: String; public var stages: String; public var year: Int }
    /// Clean electricity allocated to the processes of a stage set (GWh).
    public private(set) var cleanPowerToStages: [StagesKey: Variable] = [:]
    /// Capacity indices bought outside the province in a year (kt).
    public private(set) var indices: [Int: Variable] = [:]
    public private(set) var balances: [FlowKey: Constraint] = [:]
    /// The row `activity ≤ capacity` of each unit and year whose capacity is decided by the model.
    public private(set) var capacityRows: [UnitYear: Constraint] = [:]
    /// Units and years whose capacity is a constant: there `activity` carries it as its upper bound (and the
    /// minimum utilisation as its lower bound) instead of rows, which halves branch-and-cut's work per node.
    public private(set) var boundedActivity: Set<UnitYear> = []
    public private(set) var targetRows: [TargetRow] = []
    public private(set) var ruleRows: [RuleRow] = []
    /// Every constraint a planner can give way on, with its group, in creation order (balances, definitions and
    /// bounds are not listed: they always hold).
    public private(set) var groupedConstraints: [(group: PlanGroup, constraint: Constraint)] = []
    /// Cost components per year (million yuan, undiscounted), for the report.
    public private(set) var costTerms: [Int: [CostCategory: LinearExpression]] = [:]
    /// Discounted capital terms per year (million yuan, undiscounted).
    public private(set) var capitalTerms: [Int: [CostCategory: LinearExpression]] = [:]

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

    /// Adds a constraint that belongs to `group`.
    mutating func add(_ constraint: LinearConstraint, name: String, group: PlanGroup) -> Constraint {
        let row = model.add(constraint, name: name)
        groupedConstraints.append((group, row))
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

    // MARK: capacity

    mutating func addCapacity() {
        for plant in inputs.plants {
            let base = ModelUnits.kt(plant.capacityT)
            if let unitT = plant.unitT {
                // Smelter: capacity retires in whole potline units; the count retired only grows.
                let unit = ModelUnits.kt(unitT)
                let total = (plant.capacityT / unitT).rounded()
                var previous: Variable? = nil
                for y in years {
                    let forced = plant.retireYear.map { y >= $0 } ?? false
                    // The base year is observed, not decided: nothing retires in it unless the data say so.
                    let r = model.addVariable(
                        "retired_units[\(plant.id),\(y)]", lower: forced ? total : 0,
                        upper: forced || y != inputs.settings.baseYear ? total : 0, kind: .integer)
                    retiredUnits[UnitYear(unit: plant.id, year: y)] = r
                    if let previous { model.add(LinearExpression(r) - previous >= 0, name: "retire_only_grows[\(plant.id),\(y)]") }
                    previous = r
                    capacity[UnitYear(unit: plant.id, year: y)] = LinearExpression(constant: base) - unit * r
                }
            } else {
                for y in years {
                    let closed = plant.retireYear.map { y >= $0 } ?? false
                    capacity[UnitYear(unit: plant.id, year: y)] = LinearExpression(constant: closed ? 0 : base)
                }
            }
        }
        var projects: [String: [Candidate]] = [:]
        for c in inputs.candidates {
            if let project = c.project { projects[project, default: []].append(c); continue }
            let unit = ModelUnits.kt(c.unitT)
            // Potlines come in whole units (产能置换 counts them); other expansions are divisible, which keeps
            // the MIP small: only smelting and go/no-go projects are integer.
            let kind: VariableKind = process(c.process).stage == .smelting ? .integer : .continuous
            var previous: Variable? = nil
            for y in years {
                if y >= c.earliestYear, c.maxUnits > 0 {
                    let n = model.addVariable("units_built_by[\(c.id),\(y)]", lower: 0, upper: Double(c.maxUnits), kind: kind)
                    unitsBuiltBy[UnitYear(unit: c.id, year: y)] = n
                    newlyBuilt[UnitYear(unit: c.id, year: y)] = previous.map { n - $0 } ?? LinearExpression(n)
                    if let previous { model.add(n - previous >= LinearExpression(), name: "built_only_grows[\(c.id),\(y)]") }
                    previous = n
                    capacity[UnitYear(unit: c.id, year: y)] = unit * n
                } else {
                    capacity[UnitYear(unit: c.id, year: y)] = LinearExpression()
                }
            }
        }
        for (project, rows) in projects.sorted(by: { $0.key < $1.key }) {
            let earliest = rows.map(\.earliestYear).max()!
            var builtBy: [Int: Variable] = [:]
            var previous: Variable? = nil
            for y in years where y >= earliest {
                let g = model.addVariable("project_built_by[\(project),\(y)]", lower: 0, upper: 1, kind: .binary)
                builtBy[y] = g
                projectNewlyBuilt[project, default: [:]][y] = previous.map { g - $0 } ?? LinearExpression(g)
                if let previous { model.add(g - previous >= LinearExpression(), name: "built_only_grows[\(project),\(y)]") }
                previous = g
            }
            projectBuiltBy[project] = builtBy
            for c in rows {
                let size = ModelUnits.kt(c.unitT) * Double(c.maxUnits)
                for y in years {
                    capacity[UnitYear(unit: c.id, year: y)] = builtBy[y].map { size * $0 } ?? LinearExpression()
                }
            }
        }
    }

    // MARK: activity

    mutating func addActivity() {
        let minUtilisation = Dictionary(uniqueKeysWithValues: inputs.plants.map { ($0.id, $0.minUtilisation) })
        for u in units {
            for y in years {
                let key = UnitYear(unit: u.id, year: y)
                let cap = capacity[key]!
                if cap.terms.isEmpty && cap.constant <= 0 { continue }  // nothing can run here this year
                let m = minUtilisation[u.id] ?? 0
                if cap.terms.isEmpty {
                    activity[key] = model.addVariable("activity[\(u.id),\(y)]", lower: m * cap.constant, upper: cap.constant)
                    boundedActivity.insert(key)
                    continue
                }
                let a = model.addVariable("activity[\(u.id),\(y)]")
                activity[key] = a
                capacityRows[key] = add(LinearExpression(a) - cap <= 0, name: "capacity[\(u.id),\(y)]",
                                        group: .capacity(stage: process(u.process).stage, year: y))
                if m > 0 { _ = add(LinearExpression(a) - m * cap >= 0, name: "min_utilisation[\(u.id),\(y)]", group: .utilisation(year: y)) }
            }
        }
    }

    // MARK: trade, transport, disposal

    mutating func addTrade() {
        let clusters = inputs.clusters.map(\.id)
        for k in inputs.chain.commodities where k.transportable {
            for y in years {
                let price = inputs.price(k.id, y)
                for c in clusters {
                    let key = FlowKey(commodity: k.id, node: c, year: y)
                    if price?.importPrice != nil { imports[key] = model.addVariable("import[\(k.id),\(c),\(y)]") }
                    if price?.salePrice != nil { sales[key] = model.addVariable("sale[\(k.id),\(c),\(y)]") }
                    if k.plays(.byproduct) { disposal[key] = model.addVariable("dispose[\(k.id),\(c),\(y)]") }
                    if k.plays(.endOfLifeScrap), let available = inputs.scrapArisings[c]?[y], available > 0 {
                        collection[key] = model.addVariable("collect[\(k.id),\(c),\(y)]", upper: ModelUnits.kt(available))
                    }
                }
                for link in inputs.transport {
                    let key = ShipKey(commodity: k.id, from: link.from, to: link.to, mode: link.mode, year: y)
                    shipments[key] = model.addVariable("ship[\(k.id),\(link.from),\(link.to),\(link.mode),\(y)]")
                }
            }
        }
        // Non-transportable byproducts may still be stored where they arise.
        for k in inputs.chain.commodities where !k.transportable && k.plays(.byproduct) {
            for y in years {
                for park in inputs.clusters.flatMap(\.parks) {
                    let key = FlowKey(commodity: k.id, node: park, year: y)
                    disposal[key] = model.addVariable("dispose[\(k.id),\(park),\(y)]")
                }
            }
        }
    }

    // MARK: mass balance

    mutating func addBalances() {
        var rows: [FlowKey: LinearExpression] = [:]
        for u in units {
            let p = process(u.process)
            for y in years {
                guard let a = activity[UnitYear(unit: u.id, year: y)] else { continue }
                for (k, coef) in p.coefficients {
                    let key = FlowKey(commodity: k, node: node(commodity(k), cluster: u.cluster, park: u.park), year: y)
                    rows[key, default: LinearExpression()].add(a, coef)
                }
            }
        }
        for (key, v) in imports.sortedByVariable() { rows[key, default: LinearExpression()].add(v, 1) }
        for (key, v) in collection.sortedByVariable() { rows[key, default: LinearExpression()].add(v, 1) }
        for (key, v) in sales.sortedByVariable() { rows[key, default: LinearExpression()].add(v, -1) }
        for (key, v) in disposal.sortedByVariable() { rows[key, default: LinearExpression()].add(v, -1) }
        for (s, v) in shipments.sortedByVariable() {
            rows[FlowKey(commodity: s.commodity, node: s.from, year: s.year), default: LinearExpression()].add(v, -1)
            rows[FlowKey(commodity: s.commodity, node: s.to, year: s.year), default: LinearExpression()].add(v, 1)
        }
        let order = rows.keys.sorted { ($0.year, $0.commodity, $0.node) < ($1.year, $1.commodity, $1.node) }
        for key in order {
            balances[key] = model.add(rows[key]! == 0, name: "balance[\(key.commodity),\(key.node),\(key.year)]")
        }
    }

    // MARK: market

    mutating func addMarket() {
        for k in inputs.chain.commodities {
            for y in years {
                guard let row = inputs.marketRow(k.id, y) else { continue }
                let sold = LinearExpression.sum(inputs.clusters.compactMap { sales[FlowKey(commodity: k.id, node: $0.id, year: y)] })
                if sold.terms.isEmpty {
                    if (row.minSalesT ?? 0) > 0 {
                        // Demand for something the province cannot sell: an explicit infeasible row names it.
                        _ = add(LinearExpression() >= ModelUnits.kt(row.minSalesT!), name: "market_min[\(k.id),\(y)]",
                                group: .demand(commodity: k.id, year: y))
                    }
                    continue
                }
                if let lo = row.minSalesT, lo > 0 {
                    _ = add(sold >= ModelUnits.kt(lo), name: "market_min[\(k.id),\(y)]", group: .demand(commodity: k.id, year: y))
                }
                if let hi = row.maxSalesT {
                    _ = add(sold <= ModelUnits.kt(hi), name: "market_max[\(k.id),\(y)]", group: .market(commodity: k.id, year: y))
                }
            }
        }
    }

    // MARK: power

    /// The key of a stage set, as in `cleanPowerToStages`.
    static func stagesKey(_ stages: Set<Stage>) -> String { stages.map(\.rawValue).sorted().joined(separator: "+") }

    /// Electricity used in a year by the units of a cluster whose stage is in `stages` (all when empty), GWh.
    func electricityUse(cluster: String, year: Int, stages: Set<Stage>) -> LinearExpression {
        var use = LinearExpression()
        for u in units where u.cluster == cluster {
            let p = process(u.process)
            if p.powerKWhPerT > 0, stages.isEmpty || stages.contains(p.stage) {
                use.add(activity[UnitYear(unit: u.id, year: year)], ModelUnits.gwhPerKt(p.powerKWhPerT))
            }
        }
        return use
    }

    mutating func addPower() {
        // Clean power counted for a stage set (e.g. electrolysis) is what can be allocated to it: at most the
        // cluster's clean supply and at most the stage's own use.
        let stageSets = Set(inputs.chain.metrics.flatMap { $0.numerator + $0.denominator }
            .filter { $0.kind == .cleanPower && !$0.stages.isEmpty }.map(\.stages))
        for stages in stageSets.sorted(by: { Self.stagesKey($0) < Self.stagesKey($1) }) {
            let key = Self.stagesKey(stages)
            for c in inputs.clusters {
                for y in years {
                    let use = electricityUse(cluster: c.id, year: y, stages: stages)
                    let v = model.addVariable("clean_power_to[\(key),\(c.id),\(y)]")
                    cleanPowerToStages[StagesKey(cluster: c.id, stages: key, year: y)] = v
                    model.add(LinearExpression(v) - use <= 0, name: "clean_within_use[\(key),\(c.id),\(y)]")
                    var clean = LinearExpression()
                    for s in inputs.power where s.cluster == c.id && s.clean {
                        clean.add(power[PowerKey(cluster: c.id, source: s.id, year: y)])
                    }
                    model.add(LinearExpression(v) - clean <= 0, name: "clean_within_supply[\(key),\(c.id),\(y)]")
                }
            }
        }
    }

    mutating func addPowerSupply() {
        for c in inputs.clusters {
            let sources = inputs.power.filter { $0.cluster == c.id }
            for y in years {
                let use = electricityUse(cluster: c.id, year: y, stages: [])
                var supply = LinearExpression()
                for s in sources {
                    let v = model.addVariable("power[\(c.id),\(s.id),\(y)]")
                    power[PowerKey(cluster: c.id, source: s.id, year: y)] = v
                    supply.add(v)
                }
                if use.terms.isEmpty && supply.terms.isEmpty { continue }
                model.add(supply - use == 0, name: "power_balance[\(c.id),\(y)]")
                for s in sources {
                    if let share = s.maxShare, let v = power[PowerKey(cluster: c.id, source: s.id, year: y)] {
                        _ = add(LinearExpression(v) - share * supply <= 0, name: "power_share[\(c.id),\(s.id),\(y)]",
                                group: .powerShare(cluster: c.id, source: s.id, year: y))
                    }
                }
            }
        }
    }

    // MARK: capacity replacement (产能置换)

    mutating func addReplacementRules() {
        let s = inputs.settings
        let smelterPlants = inputs.plants.filter { process($0.process).stage == .smelting }
        let smelterCandidates = inputs.candidates.filter { process($0.process).stage == .smelting }
        var boughtSoFar = LinearExpression()
        for y in years {
            let v = model.addVariable("indices_bought[\(y)]")
            indices[y] = v
            boughtSoFar.add(v)
            var newCapacity = LinearExpression()
            for c in smelterCandidates { newCapacity.add(capacity[UnitYear(unit: c.id, year: y)]!) }
            var retired = LinearExpression()
            var total = LinearExpression()
            for p in smelterPlants {
                let cap = capacity[UnitYear(unit: p.id, year: y)]!
                total.add(cap)
                retired.add(LinearExpression(constant: ModelUnits.kt(p.capacityT)) - cap)
            }
            total.add(newCapacity)
            addRule("capacity-replacement", scope: PlanScope.province, year: y, name: "capacity_replacement[\(y)]",
                    newCapacity, s.replacementRatio * retired + boughtSoFar,
                    "new electrolytic capacity ≤ \(s.replacementRatio) × capacity retired in the province + indices bought outside")
            addRule("capacity-quota", scope: PlanScope.province, year: y, name: "capacity_quota[\(y)]",
                    total, boughtSoFar + ModelUnits.kt(s.quotaT), "electrolytic capacity ≤ quota \(Int(s.quotaT)) t + indices bought outside")
        }
        addRule("index-purchase-limit", scope: PlanScope.province, year: nil, name: "index_purchase_limit",
                boughtSoFar, LinearExpression(constant: ModelUnits.kt(s.maxIndexPurchaseT)),
                "indices bought outside the province ≤ \(Int(s.maxIndexPurchaseT)) t")
        for c in inputs.candidates {
            let p = process(c.process)
            var violation: (String, String)? = nil
            if p.stage == .smelting, (p.cellKA ?? 0) < s.minCellKA || (p.acKWhPerT ?? .infinity) > s.maxNewLineACKWhPerT {
                violation = ("new-line-technology", "new potlines need ≥ \(Int(s.minCellKA)) kA cells and ≤ \(Int(s.maxNewLineACKWhPerT)) kWh/t AC")
            } else if p.stage == .refining, p.ore == s.restrictedOre, s.forbidNewDiasporicRefining {
                violation = ("diasporic-ore-rule", "no new refining lines fed with \(s.restrictedOre) bauxite (national plan 2025–2027)")
            }
            guard let (id, text) = violation, let last = years.last else { continue }
            let cap = capacity[UnitYear(unit: c.id, year: last)]!
            if cap.terms.isEmpty { continue }
            addRule(id, scope: c.id, year: nil, name: "\(id.replacingOccurrences(of: "-", with: "_"))[\(c.id)]", cap, LinearExpression(), text)
        }
    }

    // MARK: targets

    mutating func addTargets() {
        for target in inputs.targets where target.enabled {
            let metric = inputs.chain.metric(target.metric)!
            for y in years where target.applies(in: y) {
                let num = measure(metric.numerator, scope: target.scope, year: y)
                let den = metric.isRatio ? measure(metric.denominator, scope: target.scope, year: y) : nil
                let v = target.modelValue
                let lhs = den.map { num - v * $0 } ?? num
                let rhs = den == nil ? v : 0
                let constraint: LinearConstraint = switch target.op {
                case .atLeast: lhs >= rhs
                case .atMost: lhs <= rhs
                case .equal: lhs == rhs
                }
                let row = add(constraint, name: "target[\(target.id),\(y)]", group: .target(id: target.id, scope: target.scope, year: y))
                targetRows.append(TargetRow(target: target, year: y, constraint: row, numerator: num, denominator: den))
            }
        }
    }

    /// Whether a unit is inside a target's scope.
    func inScope(_ u: ProductionUnit, _ scope: String) -> Bool { scope == PlanScope.province || u.cluster == scope }

    /// The linear expression of a metric's measures in a scope and year (model units: kt, GWh, 亿元).
    public func measure(_ terms: [MeasureTerm], scope: String, year: Int) -> LinearExpression {
        var total = LinearExpression()
        for term in terms {
            var e = LinearExpression()
            defer { total.add(e, term.factor) }
            switch term.kind {
            case .input, .output, .outputValue:
                for u in units where inScope(u, scope) {
                    let p = process(u.process)
                    guard term.stages.isEmpty || term.stages.contains(p.stage), let a = activity[UnitYear(unit: u.id, year: year)] else { continue }
                    var coefficient = 0.0
                    for (k, c) in p.coefficients {
                        let selected = term.tags.isEmpty || !term.tags.isDisjoint(with: commodity(k).tags)
                        switch term.kind {
                        case .input where c < 0 && selected: coefficient += -c
                        case .output where c > 0 && selected: coefficient += c
                        case .outputValue where c > 0 && selected:
                            coefficient += c * ModelUnits.yiYuanPerKt(inputs.price(k, year)?.valuePrice ?? 0)
                        default: break
                        }
                    }
                    if coefficient != 0 { e.add(a, coefficient) }
                }
            case .capacity:
                for u in units where inScope(u, scope) {
                    let p = process(u.process)
                    guard term.stages.isEmpty || term.stages.contains(p.stage) else { continue }
                    if let m = term.acMax, !((p.acKWhPerT ?? .infinity) <= m) { continue }
                    if let m = term.acAbove, !((p.acKWhPerT ?? -.infinity) > m) { continue }
                    if let m = term.cellKABelow, !((p.cellKA ?? .infinity) < m) { continue }
                    e.add(capacity[UnitYear(unit: u.id, year: year)]!)
                }
            case .cleanPower where !term.stages.isEmpty:
                for c in inputs.clusters where scope == PlanScope.province || c.id == scope {
                    e.add(cleanPowerToStages[StagesKey(cluster: c.id, stages: Self.stagesKey(term.stages), year: year)])
                }
            case .power where !term.stages.isEmpty:
                for c in inputs.clusters where scope == PlanScope.province || c.id == scope {
                    e.add(electricityUse(cluster: c.id, year: year, stages: term.stages))
                }
            case .cleanPower, .power:
                for s in inputs.power where (scope == PlanScope.province || s.cluster == scope) && (term.kind == .power || s.clean) {
                    e.add(power[PowerKey(cluster: s.cluster, source: s.id, year: year)])
                }
            case .sales:
                for (key, v) in sales.sortedByVariable() where key.year == year && (scope == PlanScope.province || key.node == scope) {
                    if term.tags.isEmpty || !term.tags.isDisjoint(with: commodity(key.commodity).tags) { e.add(v) }
                }
            }
        }
        return total
    }

    // MARK: objective

    /// Discount factor of a year.
    func discount(_ y: Int) -> Double { 1 / pow(1 + inputs.settings.discountRate, Double(y - inputs.settings.baseYear)) }

    /// Weight of a year's operating flows: the years it represents, discounted.
    func operatingWeight(_ y: Int) -> Double {
        inputs.settings.yearWeights[years.firstIndex(of: y)!] * discount(y)
    }

    mutating func addObjective() {
        let s = inputs.settings
        var objective = LinearExpression()
        for y in years {
            var terms: [CostCategory: LinearExpression] = [:]
            func add(_ category: CostCategory, _ v: Variable?, _ coefficient: Double) {
                guard let v, coefficient != 0 else { return }
                terms[category, default: LinearExpression()].add(v, coefficient)
            }
            for u in units {
                let p = process(u.process)
                let a = activity[UnitYear(unit: u.id, year: y)]
                add(.operating, a, ModelUnits.millionYuanPerKt(p.variableCostPerT))
                add(.gas, a, ModelUnits.millionYuanPerKt(p.gasM3PerT * s.gasPricePerM3))
                add(.carbon, a, ModelUnits.millionYuanPerKt(p.processCO2PerT * s.co2PricePerT))
            }
            for src in inputs.power {
                let v = power[PowerKey(cluster: src.cluster, source: src.id, year: y)]
                add(.electricity, v, src.pricePerKWh)  // 元/kWh × GWh = million yuan
                add(.carbon, v, ModelUnits.millionYuanPerKt(src.co2KgPerKWh * s.co2PricePerT))  // kg/kWh × GWh = kt
            }
            for (key, v) in imports.sortedByVariable() where key.year == y { add(.imports, v, ModelUnits.millionYuanPerKt(inputs.price(key.commodity, y)?.importPrice ?? 0)) }
            for (key, v) in collection.sortedByVariable() where key.year == y { add(.scrapPurchase, v, ModelUnits.millionYuanPerKt(inputs.price(key.commodity, y)?.importPrice ?? 0)) }
            for (key, v) in sales.sortedByVariable() where key.year == y { add(.salesRevenue, v, -ModelUnits.millionYuanPerKt(inputs.price(key.commodity, y)?.salePrice ?? 0)) }
            for (key, v) in shipments.sortedByVariable() where key.year == y {
                let link = inputs.transport.first { $0.from == key.from && $0.to == key.to && $0.mode == key.mode }!
                let rate = s.freight(TransportMode(rawValue: key.mode)!)
                add(.transport, v, ModelUnits.millionYuanPerKt(rate.perTKm * link.distanceKm + rate.fixedPerT))
            }
            var fixed = LinearExpression()
            for c in inputs.candidates where c.fixedOMPerTYear > 0 {
                fixed.add(capacity[UnitYear(unit: c.id, year: y)]!, ModelUnits.millionYuanPerKt(c.fixedOMPerTYear))
            }
            if !fixed.terms.isEmpty { terms[.fixedOM] = fixed }
            costTerms[y] = terms

            var capital: [CostCategory: LinearExpression] = [:]
            for c in inputs.candidates where c.project == nil {
                guard let built = newlyBuilt[UnitYear(unit: c.id, year: y)] else { continue }
                capital[.capex, default: LinearExpression()].add(built, ModelUnits.kt(c.unitT) * ModelUnits.millionYuanPerKt(c.capexPerT))
            }
            for project in projectBuiltBy.keys.sorted() {
                guard let built = projectNewlyBuilt[project]?[y] else { continue }
                let cost = inputs.candidates.filter { $0.project == project }
                    .reduce(0.0) { $0 + ModelUnits.kt($1.unitT) * Double($1.maxUnits) * ModelUnits.millionYuanPerKt($1.capexPerT) }
                capital[.capex, default: LinearExpression()].add(built, cost)
            }
            capital[.capacityIndices] = LinearExpression(indices[y]!) * ModelUnits.millionYuanPerKt(s.indexPricePerT)
            capitalTerms[y] = capital

            let w = operatingWeight(y), d = discount(y)
            switch s.objective {
            case .cost:
                for (_, e) in terms.sorted(by: { $0.key < $1.key }) { objective.add(e, w) }
                for (_, e) in capital.sorted(by: { $0.key < $1.key }) { objective.add(e, d) }
            case .value:
                // Value added: sales revenue less purchased inputs and capital; the categories that
                // Models/cost_categories.csv marks as value added (wages and local services) are left out.
                for (category, e) in terms.sorted(by: { $0.key < $1.key }) where !inputs.chain.valueAdded.contains(category) {
                    objective.add(e, -w)
                }
                for (_, e) in capital.sorted(by: { $0.key < $1.key }) { objective.add(e, -d) }
            }
        }
        model.setObjective(objective, s.objective == .cost ? .minimize : .maximize)
    }
}

extension Dictionary where Value == Variable {
    /// Entries in variable creation order, so everything built from them is the same run after run
    /// (dictionary order changes with every process).
    func sortedByVariable() -> [(key: Key, value: Variable)] {
        sorted { $0.value < $1.value }
    }
}
