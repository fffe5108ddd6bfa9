import AlChainIO
import AlChainModeling
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// `SettingsSchema` is the one declaration of settings.toml: every declared setting drives what it says it
/// drives, metric filters read the energy benchmark and baseline from it, and docs/DATA.md agrees with it.
@Suite struct SettingsSchemaTests {
    /// The shipped data with `settings.<key> = value` overrides, as `--set` applies them.
    static func inputs(_ sets: [(String, TOMLNode)]) throws -> PlanInputs {
        let base = try RawInputs.read(Locations.guizhou)
        return try ScenarioCatalog(scenarios: [:]).prepare(
            "base", base: base, extra: sets.map { Scenario.Setting(key: "settings." + $0.0, value: $0.1, file: "SettingsSchemaTests --set") }).inputs
    }

    /// A value for every settable key that differs from the shipped one. A new setting fails
    /// `everySettingDrivesSomething` until it is listed here and shown to move what it declares.
    static let probes: [String: TOMLNode] = [
        "name": .string("probe"),
        "years": .array([2025, 2026, 2027, 2028, 2029, 2030, 2040].map { .integer($0) }),
        "year_weights": .array([1, 1, 1, 1, 1, 3, 6].map { .integer($0) }),
        "base_year": .integer(2026),
        "discount_rate": .double(0.08),
        "objective": .string("value"),
        "replacement.ratio": .double(1.5),
        "replacement.min_cell_ka": .integer(501),
        "replacement.max_ac_kwh_per_t": .integer(12_900),
        "replacement.quota_t": .integer(2_000_000),
        "replacement.index_price_yuan_per_t": .integer(12_000),
        "replacement.max_index_purchase_t": .integer(400_000),
        "refining.forbid_new_diasporic_refining": .bool(false),
        "energy.benchmark_ac_kwh_per_t": .integer(13_300),
        "energy.baseline_ac_kwh_per_t": .integer(13_600),
        "energy.gas_price_yuan_per_m3": .double(4),
        "energy.co2_price_yuan_per_t": .integer(80),
        "transport.road_yuan_per_tkm": .double(0.5),
        "transport.rail_yuan_per_tkm": .double(0.2),
        "transport.rail_fixed_yuan_per_t": .integer(30),
        "solver.mip_gap": .double(0.001),
        "solver.time_limit_s": .integer(30),
    ]

    /// Changing any settable key changes what its declaration says it drives: the LP/MIP, the solver's options,
    /// or the plan's label. A setting that drives nothing cannot be declared without failing here.
    @Test func everySettingDrivesSomething() throws {
        let base = try Self.inputs([])
        let baseModel = ChainModel(inputs: base).model.problem
        let baseOptions = PlanSolver.options(for: base.settings)
        #expect(Set(Self.probes.keys) == Set(SettingsSchema.valueKeys), "every settable key needs a probe, and only those")
        for key in SettingsSchema.valueKeys {
            let probe = try #require(Self.probes[key])
            let changed = try Self.inputs([(key, probe)])
            let declaration = try #require(SettingsSchema.declaration(key))
            switch declaration.drives {
            case .model:
                #expect(ChainModel(inputs: changed).model.problem != baseModel, "\(key) = \(probe) leaves the model unchanged")
            case .solver:
                #expect(PlanSolver.options(for: changed.settings) != baseOptions, "\(key) = \(probe) leaves the solver options unchanged")
            case .label:
                #expect(changed.settings.name != base.settings.name, "\(key) = \(probe) leaves the label unchanged")
            case .documentation:
                Issue.record("\(key) drives nothing, yet --set accepts it")
            }
        }
    }

    /// A key that drives nothing (the file's description) and an undeclared key are refused by `--set`.
    @Test func keysThatDriveNothingAreRefused() throws {
        for key in ["description", "energy.benchmark", "energy"] {
            let error = #expect(throws: DataError.self) { try Self.inputs([(key, .string("x"))]) }
            #expect(error?.rule == "unknown-key", "\(key): \(String(describing: error))")
        }
    }

    /// The benchmark level drives the benchmark-share metric: at 13,300 kWh/t the 400–500 kA cells (13,250)
    /// count as benchmark capacity too, so the 2025 share (capacity fixed by the data) rises; the baseline
    /// drives below-baseline capacity the same way.
    @Test func benchmarkAndBaselineLevelsMoveTheirMetrics() throws {
        /// A capacity metric's value in 2025 over the model's variables at their lower bounds (2025 retires
        /// nothing and builds nothing, so its capacity is the data's).
        func baseYear(_ metric: String, _ sets: [(String, TOMLNode)]) throws -> (Double, Double) {
            let chain = ChainModel(inputs: try Self.inputs(sets))
            let m = try #require(chain.inputs.chain.metric(metric))
            let atLower: (Variable) -> Double = { chain.model.bounds(of: $0).lower }
            let num = chain.measure(m.numerator, scope: "province", year: 2025).value(atLower)
            let den = m.isRatio ? chain.measure(m.denominator, scope: "province", year: 2025).value(atLower) : 1
            return (num, den)
        }
        let (benchmarkShipped, smelting) = try baseYear("benchmark_share", [])
        let (benchmarkLoose, _) = try baseYear("benchmark_share", [("energy.benchmark_ac_kwh_per_t", .integer(13_300))])
        let (benchmarkStrict, _) = try baseYear("benchmark_share", [("energy.benchmark_ac_kwh_per_t", .integer(12_900))])
        // Recomputed from the data: capacity of plants whose process's AC is at most the level.
        let data = try Self.inputs([])
        func capacity(_ keep: (Double) -> Bool) -> Double {
            data.plants.filter { p in data.chain.process(p.process)!.stage == .smelting && keep(data.chain.process(p.process)!.acKWhPerT ?? .infinity) }
                .reduce(0) { $0 + $1.capacityT } / 1000
        }
        #expect(abs(benchmarkShipped - capacity { $0 <= 13_000 }) < 1e-6)
        #expect(abs(benchmarkLoose - capacity { $0 <= 13_300 }) < 1e-6)
        #expect(benchmarkLoose > benchmarkShipped + 1, "benchmark 13,300 kWh/t: \(benchmarkLoose) kt vs \(benchmarkShipped) kt")
        #expect(benchmarkStrict == 0, "no smelter runs at ≤ 12,900 kWh/t")
        #expect(smelting > 0)
        let (belowShipped, _) = try baseYear("below_baseline_capacity", [])
        let (belowLoose, _) = try baseYear("below_baseline_capacity", [("energy.baseline_ac_kwh_per_t", .integer(13_600))])
        #expect(abs(belowShipped - capacity { $0 > 13_350 }) < 1e-6 && belowShipped > 0)
        #expect(belowLoose == 0, "baseline 13,600 kWh/t: no smelter is worse")
    }

    /// A metric filter that names something other than a numeric setting is a located data error.
    @Test func filterNamingAnUnknownSettingIsAnError() throws {
        var raw = try RawInputs.read(Locations.guizhou)
        try ScenarioApplier.set("metrics.benchmark_share.numerator", .array([.table(["measure": .string("capacity"), "ac_max": .string("energy.benchmark")])]),
                                in: &raw, file: "test")
        let error = #expect(throws: DataError.self) { try InputLoader.load(raw) }
        #expect(error?.rule == "unknown-setting", "\(String(describing: error))")
        #expect(error?.description.contains("energy.benchmark_ac_kwh_per_t") == true, "\(String(describing: error))")
    }

    /// docs/DATA.md's settings table lists exactly the declared keys, with the declared unit and default.
    @Test func dataDocumentationAgreesWithTheSchema() throws {
        let text = try String(contentsOf: Locations.root.appendingPathComponent("docs/DATA.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### `Inputs/guizhou/settings.toml`").dropFirst().first?
            .components(separatedBy: "\n### ").first)
        var documented: [String: (unit: String, defaultValue: String)] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let key = cells[1].replacingOccurrences(of: "`", with: "")
            #expect(documented[key] == nil, "docs/DATA.md lists \(key) twice")
            documented[key] = (cells[2], cells[3].replacingOccurrences(of: "`", with: ""))
        }
        #expect(Set(documented.keys) == Set(SettingsSchema.declarations.map(\.key)),
                "docs/DATA.md: \(Set(documented.keys).symmetricDifference(SettingsSchema.declarations.map(\.key)).sorted())")
        for d in SettingsSchema.declarations {
            guard let doc = documented[d.key] else { continue }
            #expect(doc.unit == d.unit, "\(d.key): docs/DATA.md says unit \(doc.unit), the schema \(d.unit)")
            #expect(doc.defaultValue == (d.defaultValue.map { $0.isEmpty ? "\"\"" : $0 } ?? "required"),
                    "\(d.key): docs/DATA.md says default \(doc.defaultValue), the schema \(d.defaultValue ?? "required")")
        }
    }
}
