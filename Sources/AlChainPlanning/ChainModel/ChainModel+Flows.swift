import AlChainModeling

/// Trade, transport and disposal, the mass balance of each commodity at each node, and the markets.
extension ChainModel {
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
            balances[key] = add(rows[key]! == 0, name: "balance[\(key.commodity),\(key.node),\(key.year)]", .alwaysHolds)
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
                        add(LinearExpression() >= ModelUnits.kt(row.minSalesT!), name: "market_min[\(k.id),\(y)]",
                            .givesWay(.demand(commodity: k.id, year: y)))
                    }
                    continue
                }
                if let lo = row.minSalesT, lo > 0 {
                    add(sold >= ModelUnits.kt(lo), name: "market_min[\(k.id),\(y)]", .givesWay(.demand(commodity: k.id, year: y)))
                }
                if let hi = row.maxSalesT {
                    add(sold <= ModelUnits.kt(hi), name: "market_max[\(k.id),\(y)]", .givesWay(.market(commodity: k.id, year: y)))
                }
            }
        }
    }
}

extension Dictionary where Value == Variable {
    /// Entries in variable creation order, so everything built from them is the same run after run
    /// (dictionary order changes with every process).
    func sortedByVariable() -> [(key: Key, value: Variable)] {
        sorted { $0.value < $1.value }
    }
}
