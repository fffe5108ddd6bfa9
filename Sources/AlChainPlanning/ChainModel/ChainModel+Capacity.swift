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
            // Every plant comes in whole modules of `unit_t` (nobody builds part of a plant); only service
            // capacity (`divisibleStages`) is divisible, which keeps the MIP within seconds. The count is
            // cumulative, so branching splits the timeline.
            let first = firstYear(c)
            var previous: Variable? = nil
            for y in years {
                if !c.forbidden, y >= first, c.maxUnits > 0 {
                    // A committed candidate has its first module in its planned year.
                    let n = model.addVariable("units_built_by[\(c.id),\(y)]", lower: y == c.plannedYear ? 1 : 0,
                                              upper: Double(c.maxUnits), kind: ChainModel.divisibleStages.contains(process(c.process).stage) ? .continuous : .integer)
                    unitsBuiltBy[UnitYear(unit: c.id, year: y)] = n
                    newlyBuilt[UnitYear(unit: c.id, year: y)] = previous.map { n - $0 } ?? LinearExpression(n)
                    if let previous { add(n - previous >= LinearExpression(), name: "built_only_grows[\(c.id),\(y)]", .alwaysHolds) }
                    addMinimumBuild(c, year: y, newlyBuilt: newlyBuilt[UnitYear(unit: c.id, year: y)]!)
                    previous = n
                    capacity[UnitYear(unit: c.id, year: y)] = unit * n
                } else {
                    capacity[UnitYear(unit: c.id, year: y)] = LinearExpression()
                }
            }
        }
        addPotlineCounts()
        for (project, rows) in projects.sorted(by: { $0.key < $1.key }) {
            // A project is one go/no-go decision: built when its latest part can be, in its planned year if
            // committed, never if any part is forbidden.
            let earliest = rows.map(firstYear).max()!
            let planned = rows.compactMap(\.plannedYear).max()
            let forbidden = rows.contains(where: \.forbidden)
            var builtBy: [Int: Variable] = [:]
            var previous: Variable? = nil
            for y in years where y >= earliest && !forbidden {
                let g = model.addVariable("project_built_by[\(project),\(y)]", lower: y == planned ? 1 : 0, upper: 1, kind: .binary)
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

    /// The count of new potlines built by each year across every site (`potlinesBuiltBy`). The sites' lines
    /// are near-equivalent in the LP, so branching on one site's count leaves the others to take up the
    /// fraction; branching on the count first halved the shipped plans' search (docs/PERFORMANCE.md).
    mutating func addPotlineCounts() {
        let sites = inputs.candidates.filter { $0.project == nil && process($0.process).stage == .smelting }
        for y in years {
            let lines = sites.compactMap { unitsBuiltBy[UnitYear(unit: $0.id, year: y)] }
            guard !lines.isEmpty else { continue }
            let count = model.addVariable("potlines_built_by[\(y)]", kind: .integer)
            potlinesBuiltBy[y] = count
            add(lines.reduce(LinearExpression()) { $0 + $1 } - count == 0, name: "potline_count[\(y)]", .alwaysHolds)
        }
    }

    /// A candidate's expansion in a year is 0 or at least its `min_build_t`: a binary `expands[c,y]` switches
    /// it on (semi-continuous). Not added where whole modules already make every expansion large enough.
    mutating func addMinimumBuild(_ c: Candidate, year y: Int, newlyBuilt: LinearExpression) {
        guard let minBuild = c.minBuildT else { return }
        let minUnits = minBuild / c.unitT
        let divisible = ChainModel.divisibleStages.contains(process(c.process).stage)
        guard divisible || minUnits > 1 else { return }
        let b = model.addVariable("expands[\(c.id),\(y)]", kind: .binary)
        expands[UnitYear(unit: c.id, year: y)] = b
        add(newlyBuilt - minUnits * b >= 0, name: "min_build[\(c.id),\(y)]", .alwaysHolds)
        add(newlyBuilt - Double(c.maxUnits) * b <= 0, name: "build_needs_expansion[\(c.id),\(y)]", .alwaysHolds)
    }

    /// Stages whose expansions are divisible service capacity (launders, ladles, furnaces) rather than plants.
    public static let divisibleStages: Set<Stage> = [.primaryConversion, .secondaryConversion, .casting]

    /// The first year a candidate can run: its planned year if committed, else its earliest year and not before
    /// its stage's construction lead time after the base year.
    func firstYear(_ c: Candidate) -> Int {
        c.plannedYear ?? max(c.earliestYear, inputs.settings.firstBuildYear(process(c.process).stage))
    }

    // MARK: activity

    mutating func addActivity() {
        // New capacity, once built, runs at least at its own minimum utilisation, as existing plants do.
        let minUtilisation = Dictionary(uniqueKeysWithValues: inputs.plants.map { ($0.id, $0.minUtilisation) }
                                        + inputs.candidates.map { ($0.id, $0.minUtilisation) })
        let baseYearUtilisation = Dictionary(uniqueKeysWithValues: inputs.plants.compactMap { p in p.baseYearUtilisation.map { (p.id, $0) } })
        for u in units {
            for y in years {
                let key = UnitYear(unit: u.id, year: y)
                let cap = capacity[key]!
                if cap.terms.isEmpty && cap.constant <= 0 { continue }  // nothing can run here this year
                let m = minUtilisation[u.id] ?? 0
                if cap.terms.isEmpty {
                    // The base year is observed: a plant with a known utilisation runs at exactly that.
                    let observed = y == inputs.settings.baseYear ? baseYearUtilisation[u.id] : nil
                    activity[key] = model.addVariable("activity[\(u.id),\(y)]", lower: (observed ?? m) * cap.constant,
                                                      upper: (observed ?? 1) * cap.constant)
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
