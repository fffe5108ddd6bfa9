import AlChainModeling

/// Capacity replacement (产能置换), quota, index purchases, technology and ore rules, and the targets.
extension ChainModel {
    /// Adds `value ≤ limit` as a named rule row.
    mutating func addRule(_ id: String, scope: String, year: Int?, name: String, _ value: LinearExpression, _ limit: LinearExpression, _ description: String) {
        let row = add(value - limit <= 0, name: name, .givesWay(.rule(id: id, scope: scope, year: year)))
        ruleRows.append(RuleRow(id: id, scope: scope, year: year, constraint: row, description: description, value: value, limit: limit))
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
                let row = add(constraint, name: "target[\(target.id),\(y)]", .givesWay(.target(id: target.id, scope: target.scope, year: y)))
                targetRows.append(TargetRow(target: target, year: y, constraint: row, numerator: num, denominator: den))
            }
        }
    }

    /// Whether a unit is inside a target's scope.
}
