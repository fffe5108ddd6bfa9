import AlChainModeling
import AlChainSolver

/// Capacity, retirement and new builds, and the activity each unit may run at.
extension ChainModel {
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
                    if let previous { add(LinearExpression(r) - previous >= 0, name: "retire_only_grows[\(plant.id),\(y)]", .alwaysHolds) }
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
                    if let previous { add(n - previous >= LinearExpression(), name: "built_only_grows[\(c.id),\(y)]", .alwaysHolds) }
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
                if let previous { add(g - previous >= LinearExpression(), name: "built_only_grows[\(project),\(y)]", .alwaysHolds) }
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
                                        .givesWay(.capacity(stage: process(u.process).stage, year: y)))
                if m > 0 { add(LinearExpression(a) - m * cap >= 0, name: "min_utilisation[\(u.id),\(y)]", .givesWay(.utilisation(year: y))) }
            }
        }
    }
}
