import AlChainIO
import AlChainPlanning
import Foundation
import Testing

/// Build decisions as they are taken (issue 10, part A): whole modules, lead times, committed projects, forcing
/// and forbidding, minimum utilisation of new capacity; scrap costs and the observed base-year power mix.
/// Everything is recomputed from the exported CSV files and the data, not read from the model.
@Suite struct BuildDecisionTests {
    /// Candidate capacity per (unit, year) from capacity.csv, with its output.
    static func candidateCapacity(_ plan: ExportedPlan) throws -> [String: [Int: (capacity: Double, output: Double)]] {
        let table = try plan.table("capacity.csv")
        var out: [String: [Int: (capacity: Double, output: Double)]] = [:]
        for row in table.rows where try row.text("origin") == "candidate" {
            out[try row.text("unit"), default: [:]][try row.integer("year")] = (try row.number("capacity_t"), try row.number("output_t"))
        }
        return out
    }

    /// The first year each candidate could run, from the data alone: its planned year, else its earliest year
    /// and the base year plus its stage's lead time.
    static func firstYear(_ c: Candidate, _ inputs: PlanInputs) throws -> Int {
        let stage = try #require(inputs.chain.process(c.process)).stage
        return c.plannedYear ?? max(c.earliestYear, inputs.settings.baseYear + (inputs.settings.leadTimeYears[stage] ?? 1))
    }

    /// No fractional plant, no expansion below its minimum size, nothing before its lead time or planned year,
    /// nothing forbidden, and new capacity running at least at its minimum utilisation.
    static func checkBuildRules(_ plan: ExportedPlan, _ label: String) throws {
        let built = try candidateCapacity(plan)
        let inputs = plan.inputs
        for c in inputs.candidates {
            let first = try firstYear(c, inputs)
            for (year, cell) in built[c.id] ?? [:] where cell.capacity > 1e-6 {
                #expect(year >= first, "\(label): \(c.id) has \(cell.capacity) t in \(year), before \(first)")
                #expect(!c.forbidden, "\(label): forbidden \(c.id) built in \(year)")
                let modules = cell.capacity / c.unitT
                let stage = try #require(inputs.chain.process(c.process)).stage
                if c.project != nil {
                    #expect(abs(cell.capacity - c.unitT * Double(c.maxUnits)) < 1e-3, "\(label): project part \(c.id) built at \(cell.capacity) t in \(year)")
                } else if !ChainModel.divisibleStages.contains(stage) {
                    #expect(abs(modules - modules.rounded()) < 1e-6 && modules.rounded() >= 1,
                            "\(label): \(c.id) has \(cell.capacity) t in \(year), not whole modules of \(c.unitT) t")
                }
                #expect(cell.output >= c.minUtilisation * cell.capacity - 1e-3,
                        "\(label): \(c.id) runs \(cell.output) t of \(cell.capacity) t in \(year), below its \(c.minUtilisation)")
            }
            // Each year's expansion is 0 or at least the candidate's minimum size (service capacity's only rule
            // of size; for plants on top of whole modules).
            if let minBuild = c.minBuildT {
                var previous = 0.0
                for year in inputs.settings.years {
                    let capacity = built[c.id]?[year]?.capacity ?? 0
                    let added = capacity - previous
                    #expect(added < 1e-3 || added >= minBuild - 1e-3,
                            "\(label): \(c.id) adds \(added) t in \(year), below its minimum build of \(minBuild) t")
                    previous = capacity
                }
            }
            if let planned = c.plannedYear, !c.forbidden {
                #expect((built[c.id]?[planned]?.capacity ?? 0) > 0, "\(label): committed \(c.id) not built in \(planned)")
            }
        }
    }

    @Test func defaultPlanBuildsWholeModulesAfterLeadTimes() throws {
        try Self.checkBuildRules(try DefaultPlan.get(), "default plan")
    }

    @Test func everyShippedScenarioBuildsWholeModulesAfterLeadTimes() throws {
        let catalog = try ScenarioCatalog.read([Locations.root.appendingPathComponent("Inputs/scenarios").path])
        for name in catalog.names where catalog.scenarios[name]?.expect != .infeasible {
            let plan = try ExportedPlan.solve(try catalog.inputs(name, base: try ScenarioTests.base()))
            try Self.checkBuildRules(plan, name)
        }
    }

    /// The inputs of the base plan with `--set` overrides.
    static func withSet(_ settings: [(String, TOMLNode)]) throws -> PlanInputs {
        try ScenarioCatalog(scenarios: [:]).inputs("base", base: try ScenarioTests.base(),
                                                   extra: settings.map { Scenario.Setting(key: $0.0, value: $0.1, file: "--set") })
    }

    @Test func forcingACandidateBuildsItInItsYearAndForbiddingNeverBuildsIt() throws {
        let base = try Self.candidateCapacity(try DefaultPlan.get())
        // A candidate the base plan does not build in 2029: forced to 2029, its first module comes then.
        let forced = try ExportedPlan.solve(try Self.withSet([("candidates.fab_wire_exp_xingren.planned_year", .integer(2029))]))
        let cap = try Self.candidateCapacity(forced)["fab_wire_exp_xingren"] ?? [:]
        #expect((cap[2028]?.capacity ?? 0) == 0)
        #expect((cap[2029]?.capacity ?? 0) >= 50000 - 1e-6)
        try Self.checkBuildRules(forced, "forced")
        // The committed refinery forced a year later, and a built candidate forbidden.
        // The first by id, so the test forbids the same candidate on every run (a dictionary's order varies).
        let builtInBase = try #require(base.sorted { $0.key < $1.key }.first { id, years in
            !id.hasPrefix("wuchuan") && years.values.contains { $0.capacity > 0 } }?.key, "the base plan builds nothing")
        let forbidden = try ExportedPlan.solve(try Self.withSet([("candidates.\(builtInBase).forbidden", .string("yes"))]))
        let after = try Self.candidateCapacity(forbidden)[builtInBase] ?? [:]
        #expect(after.values.allSatisfy { $0.capacity == 0 }, "forbidden \(builtInBase) was built")
        try Self.checkBuildRules(forbidden, "forbidden")
    }

    /// A minimum build size on service capacity: every expansion of the two direct-liquid candidates the base
    /// plan builds is 0 or at least 15 kt (recomputed from capacity.csv), and a minimum larger than the candidate
    /// can ever build is refused at its key.
    @Test func serviceCapacityExpandsByAtLeastItsMinimumBuild() throws {
        let ids = ["dl_exp_xingren", "dl_exp_qingzhen"]
        let plan = try ExportedPlan.solve(try Self.withSet(ids.map { ("candidates.\($0).min_build_t", .integer(15000)) }))
        #expect(ids.allSatisfy { id in plan.inputs.candidates.first { $0.id == id }?.minBuildT == 15000 })
        try Self.checkBuildRules(plan, "min_build_t 15 kt")
        let error = #expect(throws: DataError.self) { try Self.withSet([("candidates.dl_exp_anshun.min_build_t", .integer(150000))]) }
        let text = "\(try #require(error))"
        #expect(text.contains("min_build_t"), "\(text)")
        #expect(text.contains("expected a smallest expansion ≤ unit_t × max_units = 100000 t/yr, found '150000'"), "\(text)")
    }

    /// A planned year outside the model years after the base year is refused at its `--set` key.
    @Test func plannedYearOutsideTheModelYearsIsALocatedError() throws {
        let error = #expect(throws: DataError.self) {
            try Self.withSet([("candidates.fab_wire_exp_xingren.planned_year", .integer(2031))])
        }
        let text = "\(try #require(error))"
        #expect(text.contains("candidates.fab_wire_exp_xingren.planned_year"), "\(text)")
        #expect(text.contains("expected a model year after the base year 2025 (2026, 2027, 2028, 2029, 2030, 2035), found '2031'"), "\(text)")
    }

    @Test func wuchuanLateMovesTheRefineryByOneYear() throws {
        let catalog = try ScenarioCatalog.read([Locations.root.appendingPathComponent("Inputs/scenarios").path])
        let late = try ExportedPlan.solve(try catalog.inputs("wuchuan-late", base: try ScenarioTests.base()))
        let base = try DefaultPlan.get()
        let refinery = "wuchuan_refinery_imported"
        let b = try Self.candidateCapacity(base)[refinery] ?? [:], l = try Self.candidateCapacity(late)[refinery] ?? [:]
        let planned = try #require(base.inputs.candidates.first { $0.id == refinery }?.plannedYear)
        #expect((b[planned]?.capacity ?? 0) == 1_000_000)
        #expect((b[planned - 1]?.capacity ?? 0) == 0)
        #expect((l[planned]?.capacity ?? 0) == 0)
        #expect((l[planned + 1]?.capacity ?? 0) == 1_000_000)
        for y in base.inputs.settings.years where y != planned {
            #expect((b[y]?.capacity ?? 0) == (l[y]?.capacity ?? 0), "refinery capacity differs in \(y)")
        }
        // What follows: a year without the refinery changes the plan and its cost.
        #expect(late.files["flows.csv"] != base.files["flows.csv"])
        #expect(abs((late.result.objectiveMillionYuan ?? 0) - (base.result.objectiveMillionYuan ?? 0)) > 1e-6)
    }

    /// Local end-of-life scrap (collection and sorting) is cheaper than imported scrap (price and haulage), so
    /// no cluster imports scrap while scrap arising in the province is left uncollected.
    @Test func localScrapIsCollectedBeforeAnyIsImported() throws {
        let plan = try DefaultPlan.get()
        let s = plan.inputs.settings
        let eol = try #require(plan.inputs.chain.commodities.first { $0.plays(.endOfLifeScrap) })
        for y in s.years {
            let collectionCost = try #require(s.scrapCollectionPerT)
            let importCost = (plan.inputs.price(eol.id, y)?.importPrice ?? 0) + s.scrapImportHaulagePerT
            #expect(collectionCost < importCost)
        }
        let flows = try plan.table("flows.csv")
        var collected: [Int: Double] = [:], imported: [Int: Double] = [:]
        for row in flows.rows where try row.text("commodity") == eol.id {
            let y = try row.integer("year")
            switch try row.text("kind") {
            case "collection": collected[y, default: 0] += try row.number("tonnes")
            case "import": imported[y, default: 0] += try row.number("tonnes")
            default: break
            }
        }
        for y in s.years where (imported[y] ?? 0) > 1e-6 {
            let arising = plan.inputs.scrapArisings.values.reduce(0) { $0 + ($1[y] ?? 0) }
            #expect(abs((collected[y] ?? 0) - arising) < 1e-3, "\(y): \(imported[y]!) t imported, \(collected[y] ?? 0) of \(arising) t collected")
        }
        #expect(collected.values.reduce(0, +) > 0)
    }

    /// The base year's clean share of electrolysis power, recomputed from power_use.csv, matches its
    /// calibration fact (seed 002's green-power contract).
    @Test func baseYearCleanShareMatchesItsCalibrationFact() throws {
        let plan = try DefaultPlan.get()
        let fact = try #require(plan.inputs.calibration.first { $0.quantity == "clean_power_share" })
        let table = try plan.table("power_use.csv")
        var use = 0.0, clean = 0.0
        for row in table.rows where try row.integer("year") == fact.year && row.text("stages") == "smelting" {
            use += try row.number("use_gwh")
            clean += try row.number("clean_allocated_gwh")
        }
        #expect(use > 0)
        let share = 100 * clean / use
        #expect(abs(share - fact.value) <= fact.tolerance * fact.value, "clean share \(share) % against \(fact.value) %")
        #expect(share > 0)
    }
}
