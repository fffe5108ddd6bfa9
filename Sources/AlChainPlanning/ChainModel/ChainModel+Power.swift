import AlChainModeling

/// Electricity: each cluster's supply by source, shares, and clean power allocated to stage sets.
extension ChainModel {
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
                    add(LinearExpression(v) - use <= 0, name: "clean_within_use[\(key),\(c.id),\(y)]", .alwaysHolds)
                    var clean = LinearExpression()
                    for s in inputs.power where s.cluster == c.id && s.clean {
                        clean.add(power[PowerKey(cluster: c.id, source: s.id, year: y)])
                    }
                    // The base year is observed: its clean supply (green-power contracts) goes to what it was bought for.
                    if y == inputs.settings.baseYear {
                        add(LinearExpression(v) - clean == 0, name: "clean_within_supply[\(key),\(c.id),\(y)]", .alwaysHolds)
                    } else {
                        add(LinearExpression(v) - clean <= 0, name: "clean_within_supply[\(key),\(c.id),\(y)]", .alwaysHolds)
                    }
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
                    // In the base year a source with an observed purchase (a green-power contract) supplies exactly that.
                    let observed = y == inputs.settings.baseYear ? s.baseYearGWh : nil
                    let v = model.addVariable("power[\(c.id),\(s.id),\(y)]", lower: observed ?? 0, upper: observed ?? .infinity)
                    power[PowerKey(cluster: c.id, source: s.id, year: y)] = v
                    supply.add(v)
                }
                if use.terms.isEmpty && supply.terms.isEmpty { continue }
                add(supply - use == 0, name: "power_balance[\(c.id),\(y)]", .alwaysHolds)
                for s in sources {
                    if let share = s.maxShare, let v = power[PowerKey(cluster: c.id, source: s.id, year: y)] {
                        add(LinearExpression(v) - share * supply <= 0, name: "power_share[\(c.id),\(s.id),\(y)]",
                            .givesWay(.powerShare(cluster: c.id, source: s.id, year: y)))
                    }
                }
            }
        }
    }
}
