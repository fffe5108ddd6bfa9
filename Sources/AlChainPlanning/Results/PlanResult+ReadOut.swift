import AlChainModeling
import AlChainSolver
import Foundation

/// The solution read out into records, in reporting units.
extension PlanResult {
    /// Flows: production and consumption by unit, trade, collection, disposal and transport.
    mutating func readFlows(_ plan: SolvedPlan) {
        let chain = plan.chain
        let inputs = chain.inputs
        let solution = plan.solution
        let years = inputs.settings.years
        for y in years {
            for u in chain.units {
                guard let a = chain.activity[.init(unit: u.id, year: y)] else { continue }
                let level = solution.value(a)
                if abs(level) < 1e-9 { continue }
                let p = chain.process(u.process)
                for (k, c) in p.coefficients.sorted(by: { $0.key < $1.key }) {
                    let node = chain.node(chain.commodity(k), cluster: u.cluster, park: u.park)
                    flows.append(FlowRecord(
                        year: y, kind: c > 0 ? .production : .consumption, cluster: u.cluster, park: u.park, unit: u.id,
                        process: u.process, commodity: k, origin: c > 0 ? u.id : node, destination: c > 0 ? node : u.id, mode: "",
                        tonnes: t(abs(c) * level)))
                }
            }
            func trade(_ vars: [ChainModel.FlowKey: Variable], _ kind: FlowKind, inbound: Bool) {
                for (key, v) in vars.sortedByVariable() where key.year == y {
                    let x = solution.value(v)
                    if abs(x) < 1e-9 { continue }
                    let cluster = inputs.cluster(ofPark: key.node) ?? key.node
                    let park = cluster == key.node ? "" : key.node
                    let outside = kind.outside
                    flows.append(FlowRecord(
                        year: y, kind: kind, cluster: cluster, park: park, unit: "", process: "", commodity: key.commodity,
                        origin: inbound ? outside : key.node, destination: inbound ? key.node : outside, mode: "", tonnes: t(x)))
                }
            }
            trade(chain.imports, .import, inbound: true)
            trade(chain.collection, .collection, inbound: true)
            trade(chain.sales, .export, inbound: false)
            trade(chain.disposal, .disposal, inbound: false)
            for (key, v) in chain.shipments.sortedByVariable() where key.year == y {
                let x = solution.value(v)
                if abs(x) < 1e-9 { continue }
                flows.append(FlowRecord(
                    year: y, kind: .transport, cluster: key.from, park: "", unit: "", process: "", commodity: key.commodity,
                    origin: key.from, destination: key.to, mode: key.mode, tonnes: t(x)))
            }
        }
    }

    /// Capacity by unit and year: kept, built, retired; and the year each project is built.
    mutating func readCapacities(_ plan: SolvedPlan) {
        let chain = plan.chain
        let inputs = chain.inputs
        let solution = plan.solution
        let years = inputs.settings.years
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
                    builtT: t(max(0, change)), retiredT: t(max(0, -change)), capacityT: t(cap), outputT: t(solution.value(chain.activity[key]))))
                previous = cap
            }
        }
        for (project, builtBy) in chain.projectBuiltBy.sorted(by: { $0.key < $1.key }) {
            projects.append((project, builtBy.sorted(by: { $0.key < $1.key }).first { solution.value($0.value) > 0.5 }?.key))
        }
    }

    /// Costs by category and year, undiscounted and discounted.
    mutating func readCosts(_ plan: SolvedPlan) {
        let chain = plan.chain
        let solution = plan.solution
        let years = chain.inputs.settings.years
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
    }

    /// Power by source, clean power by stage set, CO2 and output value by cluster and year.
    mutating func readPowerAndValue(_ plan: SolvedPlan) {
        let chain = plan.chain
        let inputs = chain.inputs
        let solution = plan.solution
        let years = inputs.settings.years
        let outputValueMetric = [MeasureTerm(kind: .outputValue, stages: [], tags: [], acMax: nil, acAbove: nil, cellKABelow: nil)]
        for y in years {
            for c in inputs.clusters {
                var powerCO2 = 0.0
                for s in inputs.power where s.cluster == c.id {
                    let gwh = solution.value(chain.power[.init(cluster: c.id, source: s.id, year: y)])
                    let co2 = gwh * s.co2KgPerKWh
                    powerCO2 += co2
                    power.append(PowerRecord(year: y, cluster: c.id, source: s.id, gwh: gwh, clean: s.clean, co2Kt: co2))
                }
                for (key, v) in chain.cleanPowerToStages.sortedByVariable() where key.cluster == c.id && key.year == y {
                    let stages = Set(key.stages.split(separator: "+").compactMap { Stage(rawValue: String($0)) })
                    powerUse.append(PowerUseRecord(
                        year: y, cluster: c.id, stages: key.stages,
                        useGWh: solution.value(chain.electricityUse(cluster: c.id, year: y, stages: stages)), cleanGWh: solution.value(v)))
                }
                var processCO2 = 0.0
                for u in chain.units where u.cluster == c.id {
                    processCO2 += chain.process(u.process).processCO2PerT * solution.value(chain.activity[.init(unit: u.id, year: y)])
                }
                clusterYears.append(ClusterYearRecord(
                    year: y, cluster: c.id, outputValueYi: solution.value(chain.measure(outputValueMetric, scope: c.id, year: y)),
                    processCO2Kt: processCO2, powerCO2Kt: powerCO2))
            }
        }
    }
}
