import AlChainModeling
import AlChainSolver
import Foundation

/// One movement of a commodity in one year, in tonnes. Kinds: production, consumption, import, export,
/// transport, disposal, collection.
public struct FlowRecord: Sendable, Equatable {
    public var year: Int
    public var kind: String
    public var cluster: String
    public var park: String
    public var unit: String
    public var process: String
    public var commodity: String
    public var origin: String
    public var destination: String
    public var mode: String
    public var tonnes: Double
}

/// A unit's capacity in one year (t/yr).
public struct CapacityRecord: Sendable, Equatable {
    public var year: Int
    public var unit: String
    public var nameZh: String
    public var origin: String
    public var cluster: String
    public var park: String
    public var process: String
    public var stage: String
    public var initialT: Double
    public var keptT: Double
    public var builtT: Double
    public var retiredT: Double
    public var capacityT: Double
    public var outputT: Double
}

/// A target checked in one year.
public struct ComplianceRecord: Sendable, Equatable {
    public var target: String
    public var metric: String
    public var scope: String
    public var year: Int
    public var op: String
    public var required: Double
    public var achieved: Double
    public var unit: String
    public var met: Bool
    /// Discounted objective worsening (million yuan) per unit of tightening (1 percentage point, 1 kt, 1 亿元).
    public var shadowPrice: Double?
    /// The range of the required value over which the shadow price holds (same basis), in the target's unit.
    public var priceHoldsFrom: Double?
    public var priceHoldsTo: Double?
    public var binding: Bool
    public var source: String
}

/// A capacity-replacement or technology rule checked.
public struct RuleRecord: Sendable, Equatable {
    public var rule: String
    public var scope: String
    public var year: Int?
    public var lhs: Double
    public var bound: Double
    public var met: Bool
    public var description: String
}

/// A cost or revenue line in one year (million yuan).
public struct CostRecord: Sendable, Equatable {
    public var year: Int
    public var category: CostCategory
    public var millionYuan: Double
    public var discountedMillionYuan: Double
}

/// Electricity by source and its CO2 in one cluster and year.
public struct PowerRecord: Sendable, Equatable {
    public var year: Int
    public var cluster: String
    public var source: String
    public var gwh: Double
    public var clean: Bool
    public var co2Kt: Double
}

/// Electricity used by a stage set in a cluster and year, and the clean power allocated to it (GWh).
public struct PowerUseRecord: Sendable, Equatable {
    public var year: Int
    public var cluster: String
    /// Stages joined by `+`, e.g. `smelting`.
    public var stages: String
    public var useGWh: Double
    public var cleanGWh: Double
}

/// Output value and CO2 of a cluster in a year.
public struct ClusterYearRecord: Sendable, Equatable {
    public var year: Int
    public var cluster: String
    public var outputValueYi: Double
    public var processCO2Kt: Double
    public var powerCO2Kt: Double
}

/// Everything a planner reads from a solved plan, in reporting units (t, 亿元, million yuan, GWh, kt CO2).
public struct PlanResult: Sendable {
    public var scenario: String
    public var status: TerminationStatus
    public var objectiveSense: String
    /// Objective in million yuan (discounted).
    public var objectiveMillionYuan: Double?
    public var mipGap: Double?
    public var isMIP: Bool
    public var dualsFromFixedMIP: Bool
    public var rows: Int
    public var columns: Int
    public var integers: Int
    public var nonzeros: Int
    public var flows: [FlowRecord] = []
    public var capacities: [CapacityRecord] = []
    public var compliance: [ComplianceRecord] = []
    public var rules: [RuleRecord] = []
    public var costs: [CostRecord] = []
    public var power: [PowerRecord] = []
    public var powerUse: [PowerUseRecord] = []
    public var clusterYears: [ClusterYearRecord] = []
    public var projects: [(project: String, buildYear: Int?)] = []
    public var timings: PlanTimings
    /// GLPK's return codes and the steps taken, for the record.
    public var solverStatus: String
    /// The capacities that limit the plan most: units whose capacity row has the largest dual (discounted
    /// million yuan gained per extra kt of capacity in that year), from the dual solution.
    public var limitingCapacities: [(unit: String, year: Int, valuePerKt: Double)] = []
    /// What cannot hold together (only for infeasible plans): the members of a conflict, targets as
    /// "id (scope, year)", other limits and rules by name.
    public var suspects: [String] = []

    /// Tolerance for judging a target met (solver feasibility tolerance in model units).
    static let tolerance = 1e-6

    /// Reads a solved plan into records.
    public init(_ plan: SolvedPlan) {
        let chain = plan.chain
        let inputs = chain.inputs
        let solution = plan.solution
        let model = chain.model
        scenario = inputs.settings.name
        status = solution.status
        objectiveSense = inputs.settings.objective.rawValue
        objectiveMillionYuan = solution.objective
        mipGap = solution.result.mipGap
        isMIP = model.isMIP
        dualsFromFixedMIP = plan.fixedSolution != nil
        rows = model.constraintCount
        columns = model.variableCount
        integers = model.integerCount
        nonzeros = model.nonzeroCount
        timings = plan.timings
        solverStatus = solution.result.solverStatus
        guard solution.hasSolution else {
            suspects = plan.diagnosis ?? []
            return
        }
        let value: (Variable?) -> Double = { solution.value($0) }
        let years = inputs.settings.years
        let t = { (kt: Double) in kt * 1000 }

        // Flows.
        for y in years {
            for u in chain.units {
                guard let a = chain.activity[.init(unit: u.id, year: y)] else { continue }
                let level = value(a)
                if abs(level) < 1e-9 { continue }
                let p = chain.process(u.process)
                for (k, c) in p.coefficients.sorted(by: { $0.key < $1.key }) {
                    let node = chain.node(chain.commodity(k), cluster: u.cluster, park: u.park)
                    flows.append(FlowRecord(
                        year: y, kind: c > 0 ? "production" : "consumption", cluster: u.cluster, park: u.park, unit: u.id,
                        process: u.process, commodity: k, origin: c > 0 ? u.id : node, destination: c > 0 ? node : u.id, mode: "",
                        tonnes: t(abs(c) * level)))
                }
            }
            func trade(_ vars: [ChainModel.FlowKey: Variable], _ kind: String, inbound: Bool) {
                for (key, v) in vars.sortedByVariable() where key.year == y {
                    let x = value(v)
                    if abs(x) < 1e-9 { continue }
                    let cluster = inputs.cluster(ofPark: key.node) ?? key.node
                    let park = cluster == key.node ? "" : key.node
                    let outside = kind == "collection" ? "end-of-life" : (kind == "disposal" ? "storage" : "outside")
                    flows.append(FlowRecord(
                        year: y, kind: kind, cluster: cluster, park: park, unit: "", process: "", commodity: key.commodity,
                        origin: inbound ? outside : key.node, destination: inbound ? key.node : outside, mode: "", tonnes: t(x)))
                }
            }
            trade(chain.imports, "import", inbound: true)
            trade(chain.collection, "collection", inbound: true)
            trade(chain.sales, "export", inbound: false)
            trade(chain.disposal, "disposal", inbound: false)
            for (key, v) in chain.shipments.sortedByVariable() where key.year == y {
                let x = value(v)
                if abs(x) < 1e-9 { continue }
                flows.append(FlowRecord(
                    year: y, kind: "transport", cluster: key.from, park: "", unit: "", process: "", commodity: key.commodity,
                    origin: key.from, destination: key.to, mode: key.mode, tonnes: t(x)))
            }
        }

        // Capacity.
        let plants = Dictionary(uniqueKeysWithValues: inputs.plants.map { ($0.id, $0) })
        for u in chain.units {
            var previous = plants[u.id].map { ModelUnits.kt($0.capacityT) } ?? 0
            let initial = plants[u.id]?.capacityT ?? 0
            for y in years {
                let key = ChainModel.UnitYear(unit: u.id, year: y)
                let cap = max(0, solution.value(chain.capacity[key]!))
                let kept = u.origin == .existing ? cap : 0
                let change = cap - previous
                capacities.append(CapacityRecord(
                    year: y, unit: u.id, nameZh: u.nameZh, origin: u.origin.rawValue, cluster: u.cluster, park: u.park,
                    process: u.process, stage: chain.process(u.process).stage.rawValue, initialT: initial, keptT: t(kept),
                    builtT: t(max(0, change)), retiredT: t(max(0, -change)), capacityT: t(cap), outputT: t(value(chain.activity[key]))))
                previous = cap
            }
        }
        for (project, builtBy) in chain.projectBuiltBy.sorted(by: { $0.key < $1.key }) {
            projects.append((project, builtBy.sorted(by: { $0.key < $1.key }).first { solution.value($0.value) > 0.5 }?.key))
        }

        // Targets.
        let duals = plan.dualSolution
        let minimize = model.sense == .minimize
        for row in chain.targetRows {
            let num = solution.value(row.numerator)
            let den = row.denominator.map { solution.value($0) }
            let target = row.target
            let achieved: Double
            if let den { achieved = den > 1e-9 ? 100 * num / den : 100 } else { achieved = target.unit == "t" ? t(num) : num }
            let lhsValue = den.map { num - target.modelValue * $0 } ?? num
            let rhs = den == nil ? target.modelValue : 0
            let scale = max(1, abs(rhs))
            let met: Bool = switch target.op {
            case .atLeast: lhsValue >= rhs - Self.tolerance * scale
            case .atMost: lhsValue <= rhs + Self.tolerance * scale
            case .equal: abs(lhsValue - rhs) <= Self.tolerance * scale
            }
            var price: Double? = nil
            if let d = duals?.dual(row.constraint) {
                // Tightening: raise a ≥ bound, lower a ≤ bound. A percentage point moves the row's bound by
                // 0.01 × denominator; a tonne target is priced per kt, a 亿元 target per 亿元.
                let perUnit = den.map { 0.01 * $0 } ?? 1
                let tighten: Double = target.op == .atMost ? -1 : 1
                price = d * perUnit * tighten * (minimize ? 1 : -1)
                if abs(price!) < 1e-9 { price = 0 }
            }
            let binding = abs(lhsValue - rhs) <= 1e-6 * scale
            // The row's right-hand-side range turned into the target's unit. The row holds the target with the
            // expression's constant moved into its bound, so what moves is δ = b − bound: a total's required value
            // moves by δ, a ratio's (N − v·D ≥ bound) by δ / D, D held at its optimum.
            var holds: (Double, Double)? = nil
            if let range = duals?.rhsRange(row.constraint) {
                let bounds = model.bounds(of: row.constraint)
                let bound = target.op == .atMost ? bounds.upper : bounds.lower
                let toTarget: (Double) -> Double = { b in
                    guard b.isFinite else { return b }
                    if let den { return den > 1e-9 ? 100 * (target.modelValue + (b - bound) / den) : .nan }
                    let v = target.modelValue + (b - bound)
                    return target.unit == "t" ? t(v) : v
                }
                holds = (toTarget(range.lower), toTarget(range.upper))
            }
            compliance.append(ComplianceRecord(
                target: target.id, metric: target.metric, scope: target.scope, year: row.year, op: target.op.rawValue,
                required: target.value, achieved: achieved, unit: target.unit, met: met, shadowPrice: price,
                priceHoldsFrom: holds?.0, priceHoldsTo: holds?.1, binding: binding, source: target.source))
        }
        for r in chain.ruleRows {
            let v = solution.value(r.value), limit = solution.value(r.limit)
            rules.append(RuleRecord(
                rule: r.id, scope: r.scope, year: r.year, lhs: t(v), bound: t(limit), met: v <= limit + Self.tolerance * max(1, abs(limit)),
                description: r.description))
        }

        // Capacities that bind hardest: the dual of `x ≤ K` (a row, or the activity's upper bound, whose dual is
        // the column's reduced cost) is what one more kt of capacity would be worth.
        if let duals {
            var limits: [(String, Int, Double)] = []
            func add(_ key: ChainModel.UnitYear, dual d: Double?) {
                guard let d else { return }
                let worth = minimize ? -d : d
                if worth > 1e-6 { limits.append((key.unit, key.year, worth)) }
            }
            for (key, row) in chain.capacityRows { add(key, dual: duals.dual(row)) }
            for key in chain.boundedActivity { add(key, dual: chain.activity[key].flatMap { duals.reducedCost($0) }) }
            limitingCapacities = limits.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) }.prefix(10).map { $0 }
        }

        // Costs.
        for y in years {
            let w = chain.operatingWeight(y), d = chain.discount(y)
            for (category, e) in (chain.costTerms[y] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let v = solution.value(e)
                costs.append(CostRecord(year: y, category: category, millionYuan: v, discountedMillionYuan: v * w))
            }
            for (category, e) in (chain.capitalTerms[y] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let v = solution.value(e)
                costs.append(CostRecord(year: y, category: category, millionYuan: v, discountedMillionYuan: v * d))
            }
        }

        // Power, CO2 and output value.
        let outputValueMetric = [MeasureTerm(kind: .outputValue, stages: [], tags: [], acMax: nil, acAbove: nil, cellKABelow: nil)]
        for y in years {
            for c in inputs.clusters {
                var powerCO2 = 0.0
                for s in inputs.power where s.cluster == c.id {
                    let gwh = value(chain.power[.init(cluster: c.id, source: s.id, year: y)])
                    let co2 = gwh * s.co2KgPerKWh
                    powerCO2 += co2
                    power.append(PowerRecord(year: y, cluster: c.id, source: s.id, gwh: gwh, clean: s.clean, co2Kt: co2))
                }
                for (key, v) in chain.cleanPowerToStages.sortedByVariable() where key.cluster == c.id && key.year == y {
                    let stages = Set(key.stages.split(separator: "+").compactMap { Stage(rawValue: String($0)) })
                    powerUse.append(PowerUseRecord(
                        year: y, cluster: c.id, stages: key.stages,
                        useGWh: solution.value(chain.electricityUse(cluster: c.id, year: y, stages: stages)), cleanGWh: value(v)))
                }
                var processCO2 = 0.0
                for u in chain.units where u.cluster == c.id {
                    processCO2 += chain.process(u.process).processCO2PerT * value(chain.activity[.init(unit: u.id, year: y)])
                }
                clusterYears.append(ClusterYearRecord(
                    year: y, cluster: c.id, outputValueYi: solution.value(chain.measure(outputValueMetric, scope: c.id, year: y)),
                    processCO2Kt: processCO2, powerCO2Kt: powerCO2))
            }
        }
    }

    /// Output value of the province in a year (亿元).
    public func provinceOutputValue(_ year: Int) -> Double {
        clusterYears.filter { $0.year == year }.reduce(0) { $0 + $1.outputValueYi }
    }
}
