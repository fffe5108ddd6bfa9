import AlChainModeling
import Foundation

/// The cost model: discounting, year weights and the objective by cost category.
extension ChainModel {
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
            for (key, v) in imports.sortedByVariable() where key.year == y {
                // Imported end-of-life scrap pays its price and the haulage from outside the province.
                let haulage = commodity(key.commodity).plays(.endOfLifeScrap) ? s.scrapImportHaulagePerT : 0
                add(.imports, v, ModelUnits.millionYuanPerKt((inputs.price(key.commodity, y)?.importPrice ?? 0) + haulage))
            }
            for (key, v) in collection.sortedByVariable() where key.year == y {
                // Local end-of-life scrap costs its collection and sorting (the import price when not given).
                let perT = s.scrapCollectionPerT ?? inputs.price(key.commodity, y)?.importPrice ?? 0
                add(.scrapPurchase, v, ModelUnits.millionYuanPerKt(perT))
            }
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
