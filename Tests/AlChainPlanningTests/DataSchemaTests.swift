import AlChainIO
import AlChainModeling
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// `SettingsSchema` and `TableSchema` are the one declaration of the data: every declared setting drives what
/// it says it drives, metric filters read the energy benchmark and baseline from it, the shipped files have the
/// declared columns and keys, and docs/DATA.md agrees with both.
@Suite struct DataSchemaTests {
    /// The shipped data with `settings.<key> = value` overrides, as `--set` applies them.
    static func inputs(_ sets: [(String, TOMLNode)]) throws -> PlanInputs {
        let base = try RawInputs.read(Locations.guizhou)
        return try ScenarioCatalog(scenarios: [:]).prepare(
            "base", base: base, extra: sets.map { Scenario.Setting(key: "settings." + $0.0, value: $0.1, file: "DataSchemaTests --set") }).inputs
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
        "refining.restricted_ore": .string("imported"),
        "energy.benchmark_ac_kwh_per_t": .integer(13_300),
        "energy.baseline_ac_kwh_per_t": .integer(13_600),
        "energy.gas_price_yuan_per_m3": .double(4),
        "energy.co2_price_yuan_per_t": .integer(80),
        "transport.road_yuan_per_tkm": .double(0.5),
        "transport.rail_yuan_per_tkm": .double(0.2),
        "transport.rail_fixed_yuan_per_t": .integer(30),
        "transport.road_fixed_yuan_per_t": .integer(5),
        "scrap.collection_yuan_per_t": .integer(16_000),
        "scrap.import_haulage_yuan_per_t": .integer(500),
        "lead_times.refining": .integer(4),
        "lead_times.smelting": .integer(3),
        "lead_times.casting": .integer(3),
        "lead_times.primary_conversion": .integer(2),
        "lead_times.secondary_conversion": .integer(2),
        "lead_times.fabrication": .integer(3),
        "lead_times.recycling": .integer(3),
        "lead_times.nonmetal": .integer(3),
        "lead_times.red_mud_use": .integer(3),
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

    /// A restricted ore that no process uses is an error at the `--set` that named it, not a silently void rule.
    @Test func unknownRestrictedOreIsAnError() throws {
        let error = #expect(throws: DataError.self) { try Self.inputs([("refining.restricted_ore", .string("diaspore"))]) }
        #expect(error?.rule == "unknown-value" && error?.file == "DataSchemaTests --set", "\(String(describing: error))")
    }

    /// Which cost categories count as value added is data: marking `operating` as not value added puts it
    /// into the `value` objective; a category without a row is an error.
    @Test func valueAddedCategoriesAreData() throws {
        func objective(_ sets: [(String, TOMLNode)]) throws -> [Double] {
            let base = try RawInputs.read(Locations.guizhou)
            let inputs = try ScenarioCatalog(scenarios: [:]).prepare("base", base: base, extra: sets.map {
                Scenario.Setting(key: $0.0, value: $0.1, file: "DataSchemaTests --set") }).inputs
            return ChainModel(inputs: inputs).model.problem.objective
        }
        let value: (String, TOMLNode) = ("settings.objective", .string("value"))
        #expect(try objective([value]) != objective([value, ("cost_categories.operating.value_added", .string("no"))]))
        // gas is already not value added: a setting that would change nothing is an error (issue 15).
        let same = #expect(throws: DataError.self) { try objective([value, ("cost_categories.gas.value_added", .string("no"))]) }
        #expect(same?.rule == "no-change", "\(String(describing: same))")

        let models = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-models-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: models) }
        try FileManager.default.copyItem(atPath: Locations.guizhou.modelsDirectory, toPath: models.path)
        let file = models.appendingPathComponent("cost_categories.csv")
        let kept = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("transport,") }
        try (kept.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let location = DataLocation(modelsDirectory: models.path, inputsDirectory: Locations.guizhou.inputsDirectory)
        let error = #expect(throws: DataError.self) { try InputLoader.load(location) }
        #expect(error?.rule == "missing-row" && error?.found?.contains("transport") == true, "\(String(describing: error))")
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

    /// docs/DATA.md's settings table lists exactly the declared keys, with the declared unit, default and range.
    @Test func settingsDocumentationAgreesWithTheSchema() throws {
        let (header, rows) = try Self.documentedTable("Inputs/guizhou/settings.toml")
        #expect(header.prefix(4) == ["key", "unit", "default", "range"])
        #expect(rows.map(\.key) == SettingsSchema.declarations.map(\.key), "docs/DATA.md: \(rows.map(\.key))")
        let documented = Dictionary(rows.map { ($0.key, $0.cells) }, uniquingKeysWith: { a, _ in a })
        for d in SettingsSchema.declarations {
            guard let cells = documented[d.key] else { continue }
            #expect(cells[1] == d.unit, "\(d.key): docs/DATA.md says unit \(cells[1]), the schema \(d.unit)")
            let documentedDefault = cells[2].replacingOccurrences(of: "`", with: "")
            #expect(documentedDefault == (d.defaultValue.map { $0.isEmpty ? "\"\"" : $0 } ?? "required"),
                    "\(d.key): docs/DATA.md says default \(documentedDefault), the schema \(d.defaultValue ?? "required")")
            #expect(cells[3] == d.rangeText, "\(d.key): docs/DATA.md says range \(cells[3]), the schema \(d.rangeText)")
        }
    }

    /// The rows of the first Markdown table in docs/DATA.md's section `heading`: first cell (backticks
    /// removed; cells naming several keys split at ", ") → the header's cells and the row's cells.
    static func documentedTable(_ heading: String) throws -> (header: [String], rows: [(key: String, cells: [String])]) {
        let text = try String(contentsOf: Locations.root.appendingPathComponent("docs/DATA.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### `\(heading)`").dropFirst().first?.components(separatedBy: "\n### ").first,
                                   "docs/DATA.md has no section ### `\(heading)`")
        func cells(_ line: Substring) -> [String] {
            Array(line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }.dropFirst().dropLast())
        }
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        let header = try cells(#require(lines.first))
        var rows: [(String, [String])] = []
        for line in lines.dropFirst(2) {
            let c = cells(line)
            for key in c[0].components(separatedBy: ", ") { rows.append((key.replacingOccurrences(of: "`", with: ""), c)) }
        }
        return (header, rows)
    }

    /// docs/DATA.md documents every table's columns as `TableSchema` declares them: the same units, and the same
    /// types, ranges and allowed values (the `type` column is `Column.typeText`, with backticks allowed).
    @Test(arguments: TableSchema.all.map(\.name))
    func tableDocumentationAgreesWithTheSchema(_ name: String) throws {
        let schema = try #require(TableSchema.named(name))
        let (header, rows) = try Self.documentedTable("\(schema.folder.rawValue)/\(name).csv")
        #expect(header.prefix(3) == ["column", "unit", "type"], "\(name): the table should start | column | unit | type |")
        #expect(rows.map(\.key) == schema.columnNames, "\(name): docs/DATA.md lists \(rows.map(\.key)), the schema \(schema.columnNames)")
        let documented = Dictionary(rows.map { ($0.key, $0.cells) }, uniquingKeysWith: { a, _ in a })
        for c in schema.columns {
            let cells = documented[c.name] ?? []
            #expect(cells.count > 2 && cells[1] == c.unit, "\(name).\(c.name): docs/DATA.md says unit \(cells.dropFirst().first ?? "nothing"), the schema \(c.unit)")
            let type = cells.count > 2 ? cells[2].replacingOccurrences(of: "`", with: "") : "nothing"
            #expect(type == c.typeText, "\(name).\(c.name): docs/DATA.md says type \(type), the schema \(c.typeText)")
        }
    }

    /// Every cell type is checked where the data are loaded, and `--set` is checked against it at once: a
    /// text in a number column, a year out of range, a value outside a closed set, a fraction above 1 and a
    /// physical range, each named at the `--set` key.
    @Test(arguments: [
        ("plants.smelt_zunyi.capacity_t", "lots", "not-a-number"),
        ("candidates.new_ka500_qingzhen.earliest_year", "3000", "out-of-range"),
        ("transport.qianzhong:qianxi:road.mode", "ship", "unknown-value"),
        ("power.qianxi:hydro_pv.max_share", "1.5", "out-of-range"),
        ("processes.smelt_ka400.ac_kwh_per_t", "1325", "physical-range"),
        ("candidates.new_ka500_qingzhen.max_units", "-1", "negative-value"),
        ("targets.cell-exit.enabled", "maybe", "not-a-flag"),
    ])
    func cellTypesAreCheckedAtTheSet(_ key: String, _ value: String, _ rule: String) throws {
        var raw = try RawInputs.read(Locations.guizhou)
        let error = #expect(throws: DataError.self) { try ScenarioApplier.set(key, .string(value), in: &raw, file: "--set") }
        #expect(error?.rule?.rawValue == rule && error?.file == "--set" && error?.column == key, "\(key)=\(value): \(String(describing: error))")
    }

    /// The override ranges of `--set` are read from the declarations: every declared one evaluates on the
    /// shipped data, and a key without a declaration has none.
    @Test func overrideRangesComeFromTheDeclarations() throws {
        let raw = try RawInputs.read(Locations.guizhou)
        for key in ["settings.energy.co2_price_yuan_per_t", "settings.replacement.index_price_yuan_per_t", "settings.replacement.max_index_purchase_t",
                    "power.qianxi:grid.price_yuan_per_kwh", "targets.cell-exit.from_year", "candidates.new_ka500_qingzhen.max_units"] {
            #expect(OverrideRanges.declared(key) != nil && OverrideRanges.bound(key, in: raw) != nil, "\(key)")
        }
        #expect(OverrideRanges.bound("settings.discount_rate", in: raw) == nil)
        let quota = try raw.settings.number("replacement.quota_t")
        #expect(OverrideRanges.bound("settings.replacement.max_index_purchase_t", in: raw)?.max == quota)
    }

    /// The shipped files have exactly the declared columns (no undeclared extra), and the tiny fixture too.
    @Test func shippedFilesHaveTheDeclaredColumns() throws {
        for location in [Locations.guizhou] {
            let raw = try RawInputs.read(location)
            for schema in TableSchema.all {
                let table = try #require(raw.tables[schema.name])
                #expect(table.header == schema.columnNames, "\(schema.name).csv: \(table.header) vs \(schema.columnNames)")
                #expect(throws: Never.self) { try schema.check(table) }
            }
        }
    }
}
