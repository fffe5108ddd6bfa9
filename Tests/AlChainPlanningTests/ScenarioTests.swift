import AlChainIO
import AlChainPlanning
import Foundation
import Testing

/// What-if scenarios at the library level (docs/SCENARIOS.md): how `extends`, `[set]`, `[[edit]]` and `--set`
/// overrides change the base data, and that every mistake in a scenario is a `DataError` naming the scenario
/// file and the key. Nothing here solves a plan.
@Suite struct ScenarioTests {
    // MARK: helpers

    /// The shipped base data as read (Models/ + Inputs/guizhou/), read once.
    private static let rawBase: Result<RawInputs, any Error> = Result { try RawInputs.read(Locations.guizhou) }
    /// The same, typed: what every scenario is compared with.
    private static let typedBase: Result<PlanInputs, any Error> = Result { try InputLoader.load(try rawBase.get()) }

    static func base() throws -> RawInputs { try rawBase.get() }
    static func baseInputs() throws -> PlanInputs { try typedBase.get() }

    /// A temporary folder holding scenario files (file name → TOML text); removed by `body`'s caller.
    struct Folder {
        let url: URL
        init(_ files: [String: String]) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-scenario-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files {
                let file = url.appendingPathComponent(name)  // a name may hold sub-folders
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            }
        }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    /// Writes `files`, reads them as a catalog and returns the inputs of scenario `name` (with `extra` on top).
    static func inputs(_ name: String, _ files: [String: String], extra: [Scenario.Setting] = []) throws -> PlanInputs {
        let folder = try Folder(files)
        defer { folder.remove() }
        return try ScenarioCatalog.read([folder.url.path]).inputs(name, base: try base(), extra: extra)
    }

    /// The `DataError` that reading the catalog in `files` and building scenario `name`'s inputs throws.
    static func dataError(_ name: String, _ files: [String: String], extra: [Scenario.Setting] = []) throws -> (DataError, Folder) {
        let folder = try Folder(files)
        do {
            _ = try ScenarioCatalog.read([folder.url.path]).inputs(name, base: try base(), extra: extra)
        } catch let error as DataError {
            return (error, folder)
        }
        folder.remove()
        throw ExpectedDataError(scenario: name)
    }

    struct ExpectedDataError: Error, CustomStringConvertible {
        let scenario: String
        var description: String { "scenario \(scenario) loaded without a DataError" }
    }

    static func target(_ inputs: PlanInputs, _ id: String) throws -> Target {
        try #require(inputs.targets.first { $0.id == id }, "no target \(id)")
    }

    static func power(_ inputs: PlanInputs, _ cluster: String, _ source: String) throws -> PowerSource {
        try #require(inputs.power.first { $0.cluster == cluster && $0.id == source }, "no power source \(cluster):\(source)")
    }

    // MARK: extends

    /// A chain grand ← parent ← child is applied root first: each key takes the value of the last scenario in
    /// the chain that sets it, and a key set only by an ancestor still applies.
    @Test func extendsChainAppliesRootFirstAndChildWins() throws {
        let files = [
            "grand.toml": """
                [set]
                "targets.recycled-share.value" = 22
                "settings.discount_rate" = 0.07
                "settings.energy.co2_price_yuan_per_t" = 10
                """,
            "parent.toml": """
                extends = "grand"
                [set]
                "targets.recycled-share.value" = 24
                "settings.energy.co2_price_yuan_per_t" = 20
                [[edit]]
                action = "scale"
                table = "power"
                rows = ["*"]
                column = "price_yuan_per_kwh"
                factor = 2
                """,
            "child.toml": """
                extends = "parent"
                [set]
                "settings.energy.co2_price_yuan_per_t" = 30
                "power.qianxi:grid.price_yuan_per_kwh" = 0.5
                """,
        ]
        let folder = try Folder(files)
        defer { folder.remove() }
        let catalog = try ScenarioCatalog.read([folder.url.path])
        let chain = try ScenarioApplier.chain(try #require(catalog.scenarios["child"]), known: catalog.scenarios)
        #expect(chain.map(\.name) == ["grand", "parent", "child"])

        let base = try Self.baseInputs()
        let child = try catalog.inputs("child", base: try Self.base())
        #expect(try Self.target(child, "recycled-share").value == 24)  // parent's set wins over grand's
        #expect(child.settings.discountRate == 0.07)  // set by grand alone, still applied
        #expect(child.settings.co2PricePerT == 30)  // the child's own set wins over both ancestors
        #expect(child.settings.name == "child")
        // The parent's edit applies before the child's set: every price doubled, except the cell the child set.
        for source in base.power {
            let changed = try Self.power(child, source.cluster, source.id)
            let expected = source.cluster == "qianxi" && source.id == "grid" ? 0.5 : source.pricePerKWh * 2
            #expect(close(changed.pricePerKWh, expected), "\(source.cluster):\(source.id): \(changed.pricePerKWh)")
        }

        let parent = try catalog.inputs("parent", base: try Self.base())
        #expect(try Self.target(parent, "recycled-share").value == 24)
        #expect(parent.settings.co2PricePerT == 20)
        #expect(try Self.power(parent, "qianxi", "grid").pricePerKWh == base.power.first { $0.cluster == "qianxi" && $0.id == "grid" }!.pricePerKWh * 2)
        // The base itself is untouched by building scenarios from it.
        #expect(try InputLoader.load(try Self.base()).settings.co2PricePerT == base.settings.co2PricePerT)
    }

    /// `extends = "base"` means no parent; a scenario's name defaults to its file name.
    @Test func extendsBaseIsTheRootAndNameDefaultsToTheFileName() throws {
        let folder = try Folder(["my-case.toml": "extends = \"base\"\n[set]\n\"settings.discount_rate\" = 0.05\n"])
        defer { folder.remove() }
        let catalog = try ScenarioCatalog.read([folder.url.path])
        #expect(catalog.names == ["my-case"])
        let scenario = try #require(catalog.scenarios["my-case"])
        #expect(scenario.extends == nil)
        #expect(scenario.expect == .optimal)
        #expect(try ScenarioApplier.chain(scenario, known: catalog.scenarios).map(\.name) == ["my-case"])
        #expect(try catalog.inputs("my-case", base: try Self.base()).settings.discountRate == 0.05)
    }

    // MARK: [set]

    /// `[set]` reaches settings (top level and in tables), targets, plants, markets by `commodity:year` and
    /// prices by their all-years row `commodity:` (blank year); everything not set stays as in the base.
    @Test func setChangesSettingsTargetsPlantsAndPrices() throws {
        let changed = try Self.inputs("s", [
            "s.toml": """
                [set]
                "settings.discount_rate" = 0.08
                "settings.objective" = "value"
                "settings.replacement.quota_t" = 1900000
                "settings.refining.forbid_new_diasporic_refining" = false
                "targets.recycled-share.value" = 25
                "targets.cell-exit.from_year" = 2026
                "plants.mine_qingzhen.capacity_t" = 3500000
                "prices.al_ingot:.sale_price_yuan_per_t" = 21000
                "market.extrusion:2026.max_sales_t" = 600000

                [set.targets.processing-capacity]
                value = 2500000
                """,
        ])
        let base = try Self.baseInputs()

        #expect(changed.settings.discountRate == 0.08)
        #expect(changed.settings.objective == .value)
        #expect(changed.settings.quotaT == 1_900_000)
        #expect(changed.settings.forbidNewDiasporicRefining == false)
        var settings = changed.settings
        settings.discountRate = base.settings.discountRate
        settings.objective = base.settings.objective
        settings.quotaT = base.settings.quotaT
        settings.forbidNewDiasporicRefining = base.settings.forbidNewDiasporicRefining
        settings.name = base.settings.name
        #expect(settings == base.settings, "a setting changed that the scenario does not set")

        #expect(try Self.target(changed, "recycled-share").value == 25)
        #expect(try Self.target(changed, "cell-exit").fromYear == 2026)
        #expect(try Self.target(changed, "processing-capacity").value == 2_500_000)  // nested [set.targets.x] form
        let setTargets: Set<String> = ["recycled-share", "cell-exit", "processing-capacity"]
        #expect(changed.targets.filter { !setTargets.contains($0.id) } == base.targets.filter { !setTargets.contains($0.id) })

        #expect(changed.plants.first { $0.id == "mine_qingzhen" }?.capacityT == 3_500_000)
        #expect(changed.plants.filter { $0.id != "mine_qingzhen" } == base.plants.filter { $0.id != "mine_qingzhen" })

        // The all-years al_ingot row: its sale price in every year, its import price untouched.
        for year in base.settings.years {
            let price = try #require(changed.price("al_ingot", year))
            #expect(price.salePrice == 21000)
            #expect(price.importPrice == base.price("al_ingot", year)?.importPrice)
        }
        #expect(changed.prices.filter { $0.commodity != "al_ingot" } == base.prices.filter { $0.commodity != "al_ingot" })

        // One market row, by commodity and year; the other years keep theirs.
        #expect(changed.marketRow("extrusion", 2026)?.maxSalesT == 600_000)
        #expect(changed.market.filter { !($0.commodity == "extrusion" && $0.year == 2026) }
            == base.market.filter { !($0.commodity == "extrusion" && $0.year == 2026) })
        #expect(changed.candidates == base.candidates)
        #expect(changed.power == base.power)
    }

    /// The row key `*` sets a column in every row of a table.
    @Test func starRowKeySetsEveryRow() throws {
        let changed = try Self.inputs("s", ["s.toml": "[set]\n\"power.*.co2_kg_per_kwh\" = 0.3\n"])
        let base = try Self.baseInputs()
        #expect(changed.power.count == base.power.count)
        #expect(changed.power.allSatisfy { $0.co2KgPerKWh == 0.3 })
        #expect(changed.power.map(\.pricePerKWh) == base.power.map(\.pricePerKWh))
    }

    /// Within one scenario, `[[edit]]`s apply after `[set]`, in order.
    @Test func editsApplyAfterSetInOrder() throws {
        let changed = try Self.inputs("s", [
            "s.toml": """
                [set]
                "power.qianzhong:grid.price_yuan_per_kwh" = 0.5
                [[edit]]
                action = "scale"
                table = "power"
                rows = ["qianzhong:grid"]
                column = "price_yuan_per_kwh"
                factor = 2
                [[edit]]
                action = "scale"
                table = "power"
                rows = ["qianzhong:grid"]
                column = "price_yuan_per_kwh"
                factor = 1.5
                """,
        ])
        #expect(close(try Self.power(changed, "qianzhong", "grid").pricePerKWh, 1.5))
    }

    // MARK: [[edit]]

    /// `remove` drops rows, `add` appends one (missing columns empty, source defaulting to the scenario file),
    /// `scale` multiplies a column of the selected rows and leaves empty cells empty.
    @Test func editsAddRemoveAndScale() throws {
        let folder = try Folder([
            "edits.toml": """
                [[edit]]
                action = "remove"
                table = "candidates"
                rows = ["new_ka500_qianbei", "new_ka500_xingren"]

                [[edit]]
                action = "add"
                table = "plants"
                values = { id = "mine_test", name_zh = "测试矿", name_en = "Test mine", cluster = "qianbei", park = "务川自治县", process = "mine_bauxite", capacity_t = 100000 }

                [[edit]]
                action = "scale"
                table = "power"
                rows = ["*"]
                column = "max_share"
                factor = 0.5

                [[edit]]
                action = "scale"
                table = "power"
                rows = ["qianxi:grid", "qianxi:captive_coal"]
                column = "price_yuan_per_kwh"
                factor = 1.25
                """,
        ])
        defer { folder.remove() }
        let catalog = try ScenarioCatalog.read([folder.url.path])
        let scenario = try #require(catalog.scenarios["edits"])
        #expect(scenario.edits.map(\.action) == [.remove, .add, .scale, .scale])
        let raw = try ScenarioApplier.apply([scenario], to: try Self.base())
        let changed = try InputLoader.load(raw)
        let base = try Self.baseInputs()

        // remove
        #expect(Set(changed.candidates.map(\.id)) == Set(base.candidates.map(\.id)).subtracting(["new_ka500_qianbei", "new_ka500_xingren"]))
        #expect(changed.candidates.count == base.candidates.count - 2)

        // add: given values, empty optional columns, source naming the scenario file
        #expect(changed.plants.count == base.plants.count + 1)
        let added = try #require(changed.plants.last)
        #expect(added.id == "mine_test")
        #expect(added.capacityT == 100_000)
        #expect(added.cluster == "qianbei" && added.park == "务川自治县" && added.process == "mine_bauxite")
        #expect(added.unitT == nil && added.retireYear == nil && added.minUtilisation == 0)
        #expect(added.source.contains("edits.toml"), "source of an added row: \(added.source)")
        let addedRow = try #require(raw.tables["plants"]?.rows.last)
        #expect(try addedRow.text("unit_t") == "" && addedRow.text("retire_year") == "" && addedRow.text("min_utilisation") == "")

        // scale: numbers multiplied, empty cells stay empty (not 0)
        let basePower = try #require(Self.base().tables["power"])
        let scaledPower = try #require(raw.tables["power"])
        #expect(basePower.rows.contains { (try? $0.text("max_share")) == "" }, "the base has sources without a share limit")
        for (before, after) in zip(basePower.rows, scaledPower.rows) {
            let share = try before.text("max_share")
            if share.isEmpty {
                #expect(try after.text("max_share") == "")
            } else {
                #expect(close(try #require(Double(try after.text("max_share"))), try #require(Double(share)) * 0.5))
            }
        }
        for source in base.power {
            let now = try Self.power(changed, source.cluster, source.id)
            if let share = source.maxShare {
                #expect(close(try #require(now.maxShare), share * 0.5), "\(source.cluster):\(source.id)")
            } else {
                #expect(now.maxShare == nil, "\(source.cluster):\(source.id): an empty max_share stays empty")
            }
            let factor = source.cluster == "qianxi" && ["grid", "captive_coal"].contains(source.id) ? 1.25 : 1
            #expect(close(now.pricePerKWh, source.pricePerKWh * factor), "\(source.cluster):\(source.id)")
        }
    }

    // MARK: --set

    /// One-off settings (`alchain solve --set`) apply on top of the scenario's chain and win over it; on the base
    /// they apply alone.
    @Test func extraSettingsApplyOnTopOfTheChain() throws {
        let extra = [
            Scenario.Setting(key: "targets.recycled-share.value", value: .integer(27), file: "--set"),
            Scenario.Setting(key: "settings.discount_rate", value: .double(0.05), file: "--set"),
        ]
        let files = ["s.toml": "[set]\n\"targets.recycled-share.value\" = 25\n\"settings.energy.co2_price_yuan_per_t\" = 80\n"]
        let changed = try Self.inputs("s", files, extra: extra)
        #expect(try Self.target(changed, "recycled-share").value == 27)
        #expect(changed.settings.discountRate == 0.05)
        #expect(changed.settings.co2PricePerT == 80)
        #expect(changed.settings.name == "s")

        let onBase = try ScenarioCatalog(scenarios: [:]).inputs("base", base: try Self.base(), extra: extra)
        #expect(try Self.target(onBase, "recycled-share").value == 27)
        #expect(onBase.settings.discountRate == 0.05)
        #expect(onBase.settings.co2PricePerT == (try Self.baseInputs()).settings.co2PricePerT)
    }

    /// A `--set` value of the wrong type is reported at `--set` and its key, not at the CSV line it replaced.
    @Test func extraSettingOfWrongTypeNamesSetAndKey() throws {
        let extra = [Scenario.Setting(key: "targets.recycled-share.value", value: .string("twenty"), file: "--set")]
        let error = try #require(throws: DataError.self) {
            try ScenarioCatalog(scenarios: [:]).inputs("base", base: try Self.base(), extra: extra)
        }
        #expect(error.file == "--set")
        #expect(error.column == "targets.recycled-share.value")
        #expect(error.line == nil)
        #expect(error.found == "twenty")
        #expect(error.rule == "not-a-number")
        #expect(!error.description.contains("targets.csv"), "\(error)")
    }

    // MARK: errors naming the scenario file and key

    struct Broken: Sendable, CustomTestStringConvertible {
        let label: String
        let files: [String: String]
        /// The scenario whose inputs are built.
        let scenario: String
        /// The scenario files the error may name (one of them).
        let file: Set<String>
        let key: String
        let rule: String
        let found: String?
        var testDescription: String { label }
    }

    static let broken: [Broken] = [
        Broken(label: "unknown key in a scenario file", files: ["a.toml": "expects = \"infeasible\"\n"],
               scenario: "a", file: ["a.toml"], key: "expects", rule: "unknown-key", found: "expects"),
        Broken(label: "unknown expectation", files: ["a.toml": "expect = \"feasible\"\n"],
               scenario: "a", file: ["a.toml"], key: "expect", rule: "unknown-value", found: "feasible"),
        Broken(label: "unknown table in a key path", files: ["a.toml": "[set]\n\"plant.mine_qingzhen.capacity_t\" = 1\n"],
               scenario: "a", file: ["a.toml"], key: "plant.mine_qingzhen.capacity_t", rule: "unknown-table", found: "plant"),
        Broken(label: "unknown row in a key path", files: ["a.toml": "[set]\n\"plants.mine_nowhere.capacity_t\" = 1\n"],
               scenario: "a", file: ["a.toml"], key: "plants.mine_nowhere.capacity_t", rule: "unknown-row", found: "mine_nowhere"),
        Broken(label: "a year row where only the all-years row exists", files: ["a.toml": "[set]\n\"prices.al_ingot:2027.sale_price_yuan_per_t\" = 1\n"],
               scenario: "a", file: ["a.toml"], key: "prices.al_ingot:2027.sale_price_yuan_per_t", rule: "unknown-row", found: "al_ingot:2027"),
        Broken(label: "unknown column in a key path", files: ["a.toml": "[set]\n\"plants.mine_qingzhen.capacity\" = 1\n"],
               scenario: "a", file: ["a.toml"], key: "plants.mine_qingzhen.capacity", rule: "unknown-column", found: "capacity"),
        Broken(label: "key path without a column", files: ["a.toml": "[set]\n\"plants.mine_qingzhen\" = 1\n"],
               scenario: "a", file: ["a.toml"], key: "plants.mine_qingzhen", rule: "unknown-key", found: "plants.mine_qingzhen"),
        Broken(label: "unknown settings key", files: ["a.toml": "[set]\n\"settings.discount\" = 0.1\n"],
               scenario: "a", file: ["a.toml"], key: "settings.discount", rule: "unknown-key", found: "discount"),
        Broken(label: "a settings table instead of a key", files: ["a.toml": "[set]\n\"settings.energy\" = 1\n"],
               scenario: "a", file: ["a.toml"], key: "settings.energy", rule: "unknown-key", found: "energy"),
        Broken(label: "wrong type in a metrics key", files: ["a.toml": "[set]\n\"metrics.recycled_share.kind\" = 5\n"],
               scenario: "a", file: ["a.toml"], key: "metrics.recycled_share.kind", rule: "wrong-type", found: nil),
        Broken(label: "unknown metrics key", files: ["a.toml": "[set]\n\"metrics.recycled_share.label\" = \"x\"\n"],
               scenario: "a", file: ["a.toml"], key: "metrics.recycled_share.label", rule: "unknown-key", found: "recycled_share.label"),
        Broken(label: "text in a number cell", files: ["a.toml": "[set]\n\"targets.recycled-share.value\" = \"twenty\"\n"],
               scenario: "a", file: ["a.toml"], key: "targets.recycled-share.value", rule: "not-a-number", found: "twenty"),
        Broken(label: "text in a number setting", files: ["a.toml": "[set]\n\"settings.discount_rate\" = \"high\"\n"],
               scenario: "a", file: ["a.toml"], key: "settings.discount_rate", rule: "wrong-type", found: nil),
        Broken(label: "wrong type set by a parent", files: [
            "a.toml": "extends = \"b\"\n[set]\n\"settings.discount_rate\" = 0.05\n",
            "b.toml": "[set]\n\"plants.mine_qingzhen.capacity_t\" = \"large\"\n",
        ], scenario: "a", file: ["b.toml"], key: "plants.mine_qingzhen.capacity_t", rule: "not-a-number", found: "large"),
        Broken(label: "extends cycle a → b → a", files: ["a.toml": "extends = \"b\"\n", "b.toml": "extends = \"a\"\n"],
               scenario: "a", file: ["a.toml", "b.toml"], key: "extends", rule: "extends-cycle", found: "a → b → a"),
        Broken(label: "scenario extending itself", files: ["a.toml": "extends = \"a\"\n"],
               scenario: "a", file: ["a.toml"], key: "extends", rule: "extends-cycle", found: "a → a"),
        Broken(label: "unknown parent", files: ["a.toml": "extends = \"b\"\n", "b.toml": "extends = \"nowhere\"\n"],
               scenario: "a", file: ["b.toml"], key: "extends", rule: "unknown-scenario", found: "nowhere"),
        Broken(label: "duplicate scenario names", files: ["a.toml": "name = \"same\"\n", "b.toml": "name = \"same\"\n"],
               scenario: "same", file: ["b.toml"], key: "name", rule: "duplicate-key", found: "same"),
        Broken(label: "unknown key in an edit", files: ["a.toml": "[[edit]]\naction = \"scale\"\ntable = \"power\"\nrows = [\"*\"]\ncolum = \"price_yuan_per_kwh\"\nfactor = 2\n"],
               scenario: "a", file: ["a.toml"], key: "edit[0].colum", rule: "unknown-key", found: nil),
        Broken(label: "edit of an unknown table", files: ["a.toml": "[[edit]]\naction = \"remove\"\ntable = \"plant\"\nrows = [\"x\"]\n"],
               scenario: "a", file: ["a.toml"], key: "edit[0].table", rule: "unknown-table", found: "plant"),
        Broken(label: "removing an unknown row", files: ["a.toml": "[[edit]]\naction = \"remove\"\ntable = \"plants\"\nrows = [\"mine_qingzhen\", \"mine_nowhere\"]\n"],
               scenario: "a", file: ["a.toml"], key: "edit[0].rows", rule: "unknown-row", found: "mine_nowhere"),
        Broken(label: "scaling an unknown column", files: ["a.toml": "[[edit]]\naction = \"scale\"\ntable = \"power\"\nrows = [\"*\"]\ncolumn = \"price\"\nfactor = 2\n"],
               scenario: "a", file: ["a.toml"], key: "edit[0].column", rule: "unknown-column", found: "price"),
        Broken(label: "scaling a text column", files: ["a.toml": "[[edit]]\naction = \"scale\"\ntable = \"power\"\nrows = [\"*\"]\ncolumn = \"name_zh\"\nfactor = 2\n"],
               scenario: "a", file: ["a.toml"], key: "edit[0].column", rule: "not-a-number", found: nil),
        Broken(label: "adding a row with an unknown column", files: ["a.toml": "[[edit]]\naction = \"add\"\ntable = \"power\"\nvalues = { cluster = \"qianbei\", source_id = \"wind\", prize = 0.3 }\n"],
               scenario: "a", file: ["a.toml"], key: "edit[0].values.prize", rule: "unknown-column", found: "prize"),
        Broken(label: "adding a row with text in a number column", files: ["a.toml": """
            [[edit]]
            action = "add"
            table = "targets"
            values = { id = "more", metric = "recycled_share", scope = "province", op = ">=", value = "lots", unit = "%", from_year = 2028, source = "test" }
            """], scenario: "a", file: ["a.toml"], key: "edit[0].values.value", rule: "not-a-number", found: "lots"),
    ]

    /// Every broken scenario is a `DataError` whose file is the scenario file at fault (not a CSV table of the base)
    /// and whose key is the key path as written, with no CSV line.
    @Test(arguments: broken)
    func brokenScenarioNamesFileAndKey(_ c: Broken) throws {
        let (error, folder) = try Self.dataError(c.scenario, c.files)
        defer { folder.remove() }
        let named = c.file.map { folder.path($0) }
        #expect(named.contains { $0 == error.file || $0.hasSuffix("/" + error.file) }, "file: \(error.file)")
        #expect(error.column == c.key, "\(error)")
        #expect(error.rule?.rawValue == c.rule, "\(error)")
        if let found = c.found { #expect(error.found == found, "\(error)") }
        #expect(error.line == nil, "a scenario key has no CSV line: \(error)")
        #expect(error.description.contains(error.file) && error.description.contains("key '\(c.key)'"), "\(error)")
        #expect(!error.description.contains(".csv:"), "\(error)")
    }

    /// Two files with one name: the message names both files.
    @Test func duplicateNameMessageNamesBothFiles() throws {
        let (error, folder) = try Self.dataError("same", ["a.toml": "name = \"same\"\n", "b.toml": "name = \"same\"\n"])
        defer { folder.remove() }
        #expect(error.description.contains("a.toml") && error.description.contains("b.toml"), "\(error)")
    }

    /// A missing scenario file or folder is a missing-file error (exit 66 on the command line), not a data error.
    @Test func missingScenarioFileIsMissingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-no-such-\(UUID().uuidString).toml").path
        let error = try #require(throws: DataError.self) { try ScenarioCatalog.read([path]) }
        #expect(error.rule == "missing-file")
        #expect(error.file == path)
    }

    // MARK: shipped scenarios

    /// Every shipped scenario builds its inputs from the shipped data, and the documented combinations hold:
    /// recycled-25-power-dearer = recycled-25 + power ×1.10.
    @Test func shippedScenariosLoad() throws {
        let catalog = try ScenarioCatalog.read([Locations.root.appendingPathComponent("Inputs/scenarios").path])
        #expect(catalog.names.count >= 14)
        for name in catalog.names {
            let inputs = try catalog.inputs(name, base: try Self.base())
            #expect(inputs.settings.name == name)
        }
        let both = try catalog.inputs("recycled-25-power-dearer", base: try Self.base())
        let base = try Self.baseInputs()
        #expect(try Self.target(both, "recycled-share").value == 25)
        for source in base.power {
            #expect(close(try Self.power(both, source.cluster, source.id).pricePerKWh, source.pricePerKWh * 1.1))
        }
        #expect(catalog.scenarios["cell-exit-2025"]?.expect == .infeasible)
    }
}
