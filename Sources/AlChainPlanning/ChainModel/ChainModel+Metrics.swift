import AlChainModeling

/// The metric compiler: a metric's measures as linear expressions over the model's variables.
extension ChainModel {
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
}
