import AlChainIO
import Foundation

/// Where a plan's data live: the chain definition folder (`Models/`) and a region's input folder.
public struct DataLocation: Sendable {
    /// Folder with commodities.csv, processes.csv, process_io.csv, metrics.toml.
    public var modelsDirectory: String
    /// Folder with settings.toml and the region's CSV tables.
    public var inputsDirectory: String

    public init(modelsDirectory: String, inputsDirectory: String) {
        self.modelsDirectory = modelsDirectory
        self.inputsDirectory = inputsDirectory
    }

    /// The shipped Guizhou data, found from the working directory or the executable's checkout.
    public static func defaultGuizhou() -> DataLocation? {
        var candidates = [FileManager.default.currentDirectoryPath]
        if let env = ProcessInfo.processInfo.environment["ALCHAIN_HOME"] { candidates.insert(env, at: 0) }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        for root in candidates {
            let models = (root as NSString).appendingPathComponent("Models")
            let inputs = (root as NSString).appendingPathComponent("Inputs/guizhou")
            if FileManager.default.fileExists(atPath: (inputs as NSString).appendingPathComponent("settings.toml")) {
                return DataLocation(modelsDirectory: models, inputsDirectory: inputs)
            }
        }
        return nil
    }
}

/// The input files as read, before typing: what scenarios edit. Tables are keyed by file stem
/// (`plants`, `processes`, …); `settings` and `metrics` are the two TOML files.
public struct RawInputs: Sendable {
    /// CSV tables of `Models/` and `Inputs/<region>/`, by file stem.
    public var tables: [String: CSVTable]
    /// `Inputs/<region>/settings.toml`.
    public var settings: TOMLDocument
    /// `Models/metrics.toml`.
    public var metrics: TOMLDocument
    /// Settings keys changed by a scenario: key → where the change was made.
    public var settingsOverrides: [String: (file: String, key: String)] = [:]
    /// Metrics keys changed by a scenario: key → where the change was made.
    public var metricsOverrides: [String: (file: String, key: String)] = [:]

    /// The CSV files of the chain definition.
    public static let modelTables = TableSchema.all.filter { $0.folder == .models }.map(\.name)
    /// The CSV files of a region.
    public static let inputTables = TableSchema.all.filter { $0.folder == .inputs }.map(\.name)

    /// Reads every file of a data location.
    public static func read(_ location: DataLocation) throws -> RawInputs {
        func path(_ dir: String, _ name: String) -> String { (dir as NSString).appendingPathComponent(name) }
        var tables: [String: CSVTable] = [:]
        for name in modelTables { tables[name] = try InputLoader.table(path(location.modelsDirectory, name + ".csv")) }
        for name in inputTables { tables[name] = try InputLoader.table(path(location.inputsDirectory, name + ".csv")) }
        let settingsPath = path(location.inputsDirectory, "settings.toml")
        let metricsPath = path(location.modelsDirectory, "metrics.toml")
        return RawInputs(
            tables: tables, settings: try TOMLDocument.read(settingsPath, displayName: InputLoader.display(settingsPath)),
            metrics: try TOMLDocument.read(metricsPath, displayName: InputLoader.display(metricsPath)))
    }
}

/// Reads `Models/` and a region's `Inputs/` into `PlanInputs`, checking every reference between tables.
public enum InputLoader {
    /// Loads and cross-checks all tables. Errors are `DataError`s naming file, line and column.
    public static func load(_ location: DataLocation) throws -> PlanInputs {
        try load(try RawInputs.read(location))
    }

    /// Types and cross-checks raw inputs (possibly edited by a scenario).
    public static func load(_ raw: RawInputs) throws -> PlanInputs {
        let t = raw.tables
        let settings: PlanSettings
        do {
            settings = try loadSettings(raw.settings)
        } catch var error as DataError {
            if let key = error.column, let origin = raw.settingsOverrides[key] {
                error.file = origin.file
                error.column = origin.key
            }
            throw error
        }
        let chain: ChainDefinition
        do {
            chain = try loadChain(commodities: t["commodities"]!, processes: t["processes"]!, io: t["process_io"]!, metrics: raw.metrics,
                                  settings: raw.settings, costCategories: t["cost_categories"]!)
        } catch var error as DataError {
            // A metrics key set by a scenario (or a key below it) is reported where it was set.
            if error.file == raw.metrics.file, let key = error.column,
               let origin = raw.metricsOverrides.first(where: { key == $0.key || key.hasPrefix($0.key + ".") || key.hasPrefix($0.key + "[") })?.value {
                error.file = origin.file
                error.column = origin.key
                error.line = nil
            }
            throw error
        }
        // A restricted ore the data name must exist (a typo would silently void the rule); the default may not.
        let ores = Set(chain.processes.compactMap(\.ore))
        guard raw.settings.node("refining.restricted_ore") == nil || ores.contains(settings.restrictedOre) else {
            let key = "refining.restricted_ore", origin = raw.settingsOverrides[key]
            throw DataError(file: origin?.file ?? raw.settings.file, column: origin?.key ?? key, expected: "an ore of Models/processes.csv (\(ores.sorted().joined(separator: ", ")))",
                            found: settings.restrictedOre, rule: "unknown-value")
        }
        let clusters = try loadClusters(t["clusters"]!)
        return PlanInputs(
            chain: chain, settings: settings, clusters: clusters,
            plants: try loadPlants(t["plants"]!, chain: chain, clusters: clusters),
            candidates: try loadCandidates(t["candidates"]!, chain: chain, clusters: clusters, settings: settings),
            prices: try loadPrices(t["prices"]!, chain: chain, settings: settings),
            market: try loadMarket(t["market"]!, chain: chain, settings: settings),
            scrapArisings: try loadScrap(t["scrap_arisings"]!, clusters: clusters, settings: settings),
            transport: try loadTransport(t["transport"]!, clusters: clusters),
            power: try loadPower(t["power"]!, clusters: clusters),
            targets: try loadTargets(t["targets"]!, chain: chain, clusters: clusters, settings: settings),
            calibration: try loadCalibration(t["calibration"]!))
    }

    /// A path as shown in messages: relative to the working directory where possible.
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    static func table(_ path: String) throws -> CSVTable {
        try CSVTable.read(path, displayName: display(path))
    }

    static func checkID(_ row: CSVTable.Row, _ column: String) throws(DataError) -> String {
        let id = try row.requiredText(column)
        guard id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
            throw row.error(column, expected: "an identifier of lowercase letters, digits, '_' or '-'", found: id, rule: "bad-identifier")
        }
        return id
    }

    // MARK: Models/

    /// The chain of `Models/`; metric filters that name a setting read it from `settings` (validated already).
    static func loadChain(commodities commodityTable: CSVTable, processes processTable: CSVTable, io ioTable: CSVTable, metrics: TOMLDocument,
                          settings: TOMLDocument, costCategories: CSVTable) throws -> ChainDefinition {
        try TableSchema.of("commodities").check(commodityTable)
        var commodities: [Commodity] = []
        for row in commodityTable.rows {
            commodities.append(Commodity(
                id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"),
                unit: try row.text("unit"), tags: Set(try row.list("tags")),
                transportable: try row.flag("transportable", default: true), source: try row.requiredText("source")))
        }
        let commodityIDs = Set(commodities.map(\.id))

        try TableSchema.of("process_io").check(ioTable)
        var coefficients: [String: [String: Double]] = [:]
        var ioLines: [String: Int] = [:]
        for row in ioTable.rows {
            let process = try row.requiredText("process")
            let commodity = try row.requiredText("commodity")
            guard commodityIDs.contains(commodity) else {
                throw row.error("commodity", expected: "a commodity of commodities.csv", found: commodity, rule: "unknown-commodity")
            }
            let c = try row.number("coefficient")
            guard c != 0 else { throw row.error("coefficient", expected: "a non-zero coefficient", found: "0", rule: "zero-coefficient") }
            coefficients[process, default: [:]][commodity] = c
            ioLines[process] = ioLines[process] ?? row.line
        }

        try TableSchema.of("processes").check(processTable)
        var processes: [Process] = []
        for row in processTable.rows {
            let id = try checkID(row, "id")
            let stageText = try row.choice("stage", Stage.allCases.map(\.rawValue))
            let stage = Stage(rawValue: stageText)!
            let coefs = coefficients[id] ?? [:]
            let mains = coefs.filter { $0.value == 1 }.map(\.key).sorted()
            guard mains.count >= 1 else {
                throw row.error("id", expected: "exactly one output with coefficient +1 in process_io.csv", found: "\(mains.count)", rule: "no-main-output")
            }
            // With several +1 outputs, the one named in the id wins; otherwise the first alphabetically.
            let main = mains.first { id.contains($0) } ?? mains[0]
            var p = Process(
                id: id, nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), stage: stage,
                cellClass: try row.optionalText("cell_class"), cellKA: try row.optionalNonNegative("cell_ka"),
                acKWhPerT: try row.optionalNonNegative("ac_kwh_per_t"),
                powerKWhPerT: try row.optionalNonNegative("power_kwh_per_t") ?? 0,
                processCO2PerT: try row.optionalNumber("process_co2_t_per_t") ?? 0,
                gasM3PerT: try row.optionalNonNegative("gas_m3_per_t") ?? 0,
                variableCostPerT: try row.optionalNumber("variable_cost_yuan_per_t") ?? 0,
                ore: try row.optionalText("ore"), coefficients: coefs, mainOutput: main,
                source: try row.requiredText("source"))
            if stage == .smelting, p.acKWhPerT == nil || p.cellKA == nil {
                throw row.error("ac_kwh_per_t", expected: "AC power and cell amperage for a smelting process", found: "", rule: "missing-value")
            }
            if let ac = p.acKWhPerT, !(10_000...16_000).contains(ac) {
                throw row.error("ac_kwh_per_t", expected: "an AC power between 10,000 and 16,000 kWh/t", found: "\(ac)", rule: "physical-range")
            }
            p.coefficients = coefs
            processes.append(p)
        }
        let processIDs = Set(processes.map(\.id))
        for (process, line) in ioLines where !processIDs.contains(process) {
            throw DataError(file: ioTable.file, line: line, column: "process", expected: "a process of processes.csv", found: process, rule: "unknown-process")
        }

        return ChainDefinition(commodities: commodities, processes: processes, metrics: try loadMetrics(metrics, commodities: commodities, settings: settings),
                               valueAdded: try loadValueAdded(costCategories))
    }

    /// The cost categories that count as value added; every category of `CostCategory` must be listed once.
    static func loadValueAdded(_ t: CSVTable) throws -> Set<CostCategory> {
        try TableSchema.of("cost_categories").check(t)
        var valueAdded = Set<CostCategory>(), listed = Set<CostCategory>()
        for row in t.rows {
            let category = try row.choice("id", CostCategory.allCases.map(\.rawValue))
            listed.insert(CostCategory(rawValue: category)!)
            if try row.choice("value_added", ["yes", "no"]) == "yes" { valueAdded.insert(CostCategory(rawValue: category)!) }
        }
        if let missing = CostCategory.allCases.first(where: { !listed.contains($0) }) {
            throw DataError(file: t.file, column: "id", expected: "a row for every cost category the model computes", found: "none for \(missing.rawValue)", rule: "missing-row")
        }
        return valueAdded
    }

    static func loadMetrics(_ doc: TOMLDocument, commodities: [Commodity], settings: TOMLDocument) throws -> [Metric] {
        let allTags = Set(commodities.flatMap(\.tags))
        var metrics: [Metric] = []
        for id in doc.root.keys.sorted() {
            guard case .table = doc.root[id]! else {
                throw DataError(file: doc.file, column: id, expected: "a table per metric", found: doc.root[id]!.typeName, rule: "wrong-type")
            }
            let kind = try doc.string("\(id).kind", default: "total")
            guard kind == "ratio" || kind == "total" else {
                throw DataError(file: doc.file, column: "\(id).kind", expected: "ratio or total", found: kind, rule: "unknown-value")
            }
            func terms(_ key: String) throws -> [MeasureTerm] {
                guard let node = doc.node("\(id).\(key)") else { return [] }
                guard case .array(let items) = node else {
                    throw DataError(file: doc.file, column: "\(id).\(key)", expected: "an array of measure tables", found: node.typeName, rule: "wrong-type")
                }
                return try items.enumerated().map { i, item in
                    let at = "\(id).\(key)[\(i)]"
                    guard case .table(let t) = item else {
                        throw DataError(file: doc.file, column: at, expected: "a table like { measure = \"output\", stages = [...] }", found: item.typeName, rule: "wrong-type")
                    }
                    let sub = TOMLDocument(file: doc.file, root: t)
                    func prefixed(_ e: DataError) -> DataError { var e = e; e.column = "\(at).\(e.column ?? "")"; return e }
                    do {
                        try sub.rejectUnknownKeys(["measure", "stages", "tags", "ac_max", "ac_above", "cell_ka_below", "factor"])
                        let m = try sub.string("measure")
                        guard let measure = MeasureTerm.Kind(rawValue: m) else {
                            throw DataError(file: doc.file, column: "measure", expected: "one of \(MeasureTerm.Kind.allCases.map(\.rawValue).joined(separator: ", "))", found: m, rule: "unknown-value")
                        }
                        let stages = try strings(sub, "stages").map { s throws(DataError) -> Stage in
                            guard let st = Stage(rawValue: s) else {
                                throw DataError(file: doc.file, column: "stages", expected: "a stage (\(Stage.allCases.map(\.rawValue).joined(separator: ", ")))", found: s, rule: "unknown-stage")
                            }
                            return st
                        }
                        let tags = try strings(sub, "tags")
                        for tag in tags where !allTags.contains(tag) {
                            throw DataError(file: doc.file, column: "tags", expected: "a tag used in commodities.csv", found: tag, rule: "unknown-tag")
                        }
                        /// A filter's threshold: a number, or the key of a numeric setting whose value it takes.
                        func threshold(_ key: String) throws(DataError) -> Double? {
                            guard let node = sub.node(key) else { return nil }
                            if case .string(let name) = node {
                                guard let setting = SettingsSchema.declaration(name), setting.type == .number || setting.type == .integer else {
                                    throw DataError(file: doc.file, column: key, expected: "a number or a numeric setting (\(SettingsSchema.numericKeys.joined(separator: ", ")))",
                                                    found: name, rule: "unknown-setting")
                                }
                                if let d = setting.defaultNumber { return try settings.number(name, default: d) }
                                return try settings.number(name)
                            }
                            guard let value = node.number else {
                                throw DataError(file: doc.file, column: key, expected: "a number or a setting key", found: node.typeName, rule: "wrong-type")
                            }
                            return value
                        }
                        return MeasureTerm(
                            kind: measure, stages: Set(stages), tags: Set(tags),
                            acMax: try threshold("ac_max"), acAbove: try threshold("ac_above"),
                            cellKABelow: try threshold("cell_ka_below"), factor: try sub.number("factor", default: 1))
                    } catch let e as DataError { throw prefixed(e) }
                }
            }
            let numerator = try terms("numerator")
            let denominator = try terms("denominator")
            guard !numerator.isEmpty else {
                throw DataError(file: doc.file, column: "\(id).numerator", expected: "at least one measure", found: "none", rule: "missing-key")
            }
            if kind == "ratio", denominator.isEmpty {
                throw DataError(file: doc.file, column: "\(id).denominator", expected: "at least one measure for a ratio", found: "none", rule: "missing-key")
            }
            try doc.rejectUnknownKeys(Set(doc.root.keys.flatMap { k in ["name_zh", "name_en", "kind", "numerator", "denominator", "unit", "description", "source"].map { "\(k).\($0)" } + [k] }))
            metrics.append(Metric(
                id: id, nameZh: try doc.string("\(id).name_zh", default: id), nameEn: try doc.string("\(id).name_en", default: id),
                isRatio: kind == "ratio", numerator: numerator, denominator: denominator))
        }
        return metrics
    }

    static func strings(_ doc: TOMLDocument, _ key: String) throws(DataError) -> [String] {
        guard let node = doc.node(key) else { return [] }
        switch node {
        case .string(let s): return [s]
        case .array(let a):
            var out: [String] = []
            for e in a {
                guard case .string(let s) = e else { throw DataError(file: doc.file, column: key, expected: "strings", found: e.typeName, rule: "wrong-type") }
                out.append(s)
            }
            return out
        default: throw DataError(file: doc.file, column: key, expected: "a string or an array of strings", found: node.typeName, rule: "wrong-type")
        }
    }

    // MARK: Inputs/

    /// Settings as `SettingsSchema` declares them; any other key is an error (a typo must not pass silently).
    static func loadSettings(_ doc: TOMLDocument) throws -> PlanSettings {
        try doc.rejectUnknownKeys(SettingsSchema.fileKeys)
        /// The schema's default of a key (every key read below is declared; a missing declaration is a bug).
        func declared(_ key: String) -> SettingDeclaration { SettingsSchema.declaration(key)! }
        let years = try doc.numbers("years").map { Int($0) }
        guard !years.isEmpty, years == years.sorted(), Set(years).count == years.count else {
            throw DataError(file: doc.file, column: "years", expected: "a non-empty list of increasing years", found: years.map(String.init).joined(separator: ", "), rule: "bad-years")
        }
        let weights = try doc.node("year_weights") == nil ? years.map { _ in 1.0 } : doc.numbers("year_weights")
        guard weights.count == years.count, weights.allSatisfy({ $0 > 0 }) else {
            throw DataError(file: doc.file, column: "year_weights", expected: "one positive weight per year (\(years.count))", found: weights.map { "\($0)" }.joined(separator: ", "), rule: "bad-weights")
        }
        let baseYear = try doc.integer("base_year")
        guard years.contains(baseYear) else {
            throw DataError(file: doc.file, column: "base_year", expected: "one of the model years", found: "\(baseYear)", rule: "bad-years")
        }
        let objectiveText = try doc.string("objective", default: declared("objective").defaultValue!)
        guard let objective = PlanSettings.Objective(rawValue: objectiveText) else {
            throw DataError(file: doc.file, column: "objective", expected: "cost or value", found: objectiveText, rule: "unknown-value")
        }
        let rate = try doc.number("discount_rate")
        guard (0..<1).contains(rate) else {
            throw DataError(file: doc.file, column: "discount_rate", expected: "a rate in [0, 1)", found: "\(rate)", rule: "out-of-range")
        }
        func nonNegative(_ key: String) throws -> Double {
            let x = try declared(key).defaultNumber.map { try doc.number(key, default: $0) } ?? doc.number(key)
            guard x >= 0 else { throw DataError(file: doc.file, column: key, expected: "a number ≥ 0", found: "\(x)", rule: "negative-value") }
            return x
        }
        return PlanSettings(
            name: try doc.string("name", default: declared("name").defaultValue!),
            description: try doc.string("description", default: declared("description").defaultValue!),
            years: years, yearWeights: weights, baseYear: baseYear, discountRate: rate, objective: objective,
            replacementRatio: try nonNegative("replacement.ratio"), minCellKA: try nonNegative("replacement.min_cell_ka"),
            maxNewLineACKWhPerT: try nonNegative("replacement.max_ac_kwh_per_t"),
            quotaT: try nonNegative("replacement.quota_t"), indexPricePerT: try nonNegative("replacement.index_price_yuan_per_t"),
            maxIndexPurchaseT: try nonNegative("replacement.max_index_purchase_t"),
            forbidNewDiasporicRefining: try doc.bool("refining.forbid_new_diasporic_refining",
                                                     default: declared("refining.forbid_new_diasporic_refining").defaultValue == "true"),
            benchmarkACKWhPerT: try nonNegative("energy.benchmark_ac_kwh_per_t"),
            baselineACKWhPerT: try nonNegative("energy.baseline_ac_kwh_per_t"),
            roadPerTKm: try nonNegative("transport.road_yuan_per_tkm"), railPerTKm: try nonNegative("transport.rail_yuan_per_tkm"),
            railFixedPerT: try nonNegative("transport.rail_fixed_yuan_per_t"),
            gasPricePerM3: try nonNegative("energy.gas_price_yuan_per_m3"), co2PricePerT: try nonNegative("energy.co2_price_yuan_per_t"),
            mipGap: try nonNegative("solver.mip_gap"), timeLimitSeconds: try nonNegative("solver.time_limit_s"),
            roadFixedPerT: try nonNegative("transport.road_fixed_yuan_per_t"),
            restrictedOre: try doc.string("refining.restricted_ore", default: declared("refining.restricted_ore").defaultValue!))
    }

    static func loadClusters(_ t: CSVTable) throws -> [Cluster] {
        try TableSchema.of("clusters").check(t)
        var seenParks: [String: Int] = [:]
        return try t.rows.map { row in
            let parks = try row.list("parks")
            for p in parks {
                if let first = seenParks.updateValue(row.line, forKey: p) {
                    throw row.error("parks", expected: "each park in one cluster (also on line \(first))", found: p, rule: "duplicate-key")
                }
            }
            return Cluster(id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), parks: parks, source: try row.requiredText("source"))
        }
    }

    static func checkCluster(_ row: CSVTable.Row, _ column: String, _ clusters: [Cluster], allowProvince: Bool = false) throws(DataError) -> String {
        let id = try row.requiredText(column)
        if allowProvince, id == PlanScope.province { return id }
        guard clusters.contains(where: { $0.id == id }) else {
            throw row.error(column, expected: "a cluster of clusters.csv (\(clusters.map(\.id).joined(separator: ", "))\(allowProvince ? " or province" : ""))", found: id, rule: "unknown-cluster")
        }
        return id
    }

    static func checkPark(_ row: CSVTable.Row, cluster: String, _ clusters: [Cluster]) throws(DataError) -> String {
        let park = try row.requiredText("park")
        let parks = clusters.first { $0.id == cluster }?.parks ?? []
        guard parks.contains(park) else {
            throw row.error("park", expected: "a park of cluster \(cluster) (\(parks.joined(separator: ", ")))", found: park, rule: "unknown-park")
        }
        return park
    }

    static func checkProcess(_ row: CSVTable.Row, _ chain: ChainDefinition) throws(DataError) -> String {
        let id = try row.requiredText("process")
        guard chain.process(id) != nil else {
            throw row.error("process", expected: "a process of Models/processes.csv", found: id, rule: "unknown-process")
        }
        return id
    }

    static func checkCommodity(_ row: CSVTable.Row, _ chain: ChainDefinition) throws(DataError) -> String {
        let id = try row.requiredText("commodity")
        guard chain.commodity(id) != nil else {
            throw row.error("commodity", expected: "a commodity of Models/commodities.csv", found: id, rule: "unknown-commodity")
        }
        return id
    }

    static func checkYear(_ row: CSVTable.Row, _ column: String, _ settings: PlanSettings, required: Bool = false) throws(DataError) -> Int? {
        guard let y = try row.optionalInteger(column) else {
            if required { throw row.error(column, expected: "a year", found: "", rule: "missing-value") }
            return nil
        }
        guard (1990...2100).contains(y) else { throw row.error(column, expected: "a year between 1990 and 2100", found: "\(y)", rule: "out-of-range") }
        return y
    }

    static func loadPlants(_ t: CSVTable, chain: ChainDefinition, clusters: [Cluster]) throws -> [Plant] {
        try TableSchema.of("plants").check(t)
        return try t.rows.map { row in
            let cluster = try checkCluster(row, "cluster", clusters)
            let capacity = try row.nonNegative("capacity_t")
            let unit = try row.optionalNonNegative("unit_t")
            if let unit {
                guard unit > 0 else { throw row.error("unit_t", expected: "a potline unit size > 0", found: "0", rule: "out-of-range") }
                let units = capacity / unit
                guard abs(units - units.rounded()) < 1e-6 else {
                    throw row.error("unit_t", expected: "a unit size that divides capacity_t (\(capacity)) into whole units", found: "\(unit)", rule: "whole-units")
                }
            }
            return Plant(
                id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), cluster: cluster,
                park: try checkPark(row, cluster: cluster, clusters), process: try checkProcess(row, chain), capacityT: capacity,
                minUtilisation: try row.optionalFraction("min_utilisation") ?? 0, unitT: unit,
                retireYear: try row.optionalInteger("retire_year"), source: try row.requiredText("source"), line: row.line)
        }
    }

    static func loadCandidates(_ t: CSVTable, chain: ChainDefinition, clusters: [Cluster], settings: PlanSettings) throws -> [Candidate] {
        try TableSchema.of("candidates").check(t)
        return try t.rows.map { row in
            let cluster = try checkCluster(row, "cluster", clusters)
            let unit = try row.nonNegative("unit_t")
            guard unit > 0 else { throw row.error("unit_t", expected: "a unit size > 0", found: "0", rule: "out-of-range") }
            let maxUnits = try row.integer("max_units")
            guard maxUnits >= 0 else { throw row.error("max_units", expected: "a whole number ≥ 0", found: "\(maxUnits)", rule: "negative-value") }
            return Candidate(
                id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), cluster: cluster,
                park: try checkPark(row, cluster: cluster, clusters), process: try checkProcess(row, chain), unitT: unit,
                maxUnits: maxUnits, earliestYear: try checkYear(row, "earliest_year", settings) ?? settings.years[0],
                capexPerT: try row.nonNegative("capex_yuan_per_t"), fixedOMPerTYear: try row.optionalNonNegative("fixed_om_yuan_per_t_yr") ?? 0,
                project: try row.optionalText("project"), source: try row.requiredText("source"), line: row.line)
        }
    }

    static func loadPrices(_ t: CSVTable, chain: ChainDefinition, settings: PlanSettings) throws -> [PriceRow] {
        try TableSchema.of("prices").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            return PriceRow(
                commodity: try checkCommodity(row, chain), year: try checkYear(row, "year", settings),
                salePrice: try row.optionalNonNegative("sale_price_yuan_per_t"), importPrice: try row.optionalNonNegative("import_price_yuan_per_t"),
                valuePrice: try row.optionalNonNegative("value_price_yuan_per_t"))
        }
    }

    static func loadMarket(_ t: CSVTable, chain: ChainDefinition, settings: PlanSettings) throws -> [MarketRow] {
        try TableSchema.of("market").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            let r = MarketRow(
                commodity: try checkCommodity(row, chain), year: try checkYear(row, "year", settings),
                minSalesT: try row.optionalNonNegative("min_sales_t"), maxSalesT: try row.optionalNonNegative("max_sales_t"))
            if let lo = r.minSalesT, let hi = r.maxSalesT, lo > hi {
                throw row.error("min_sales_t", expected: "min_sales_t ≤ max_sales_t (\(hi))", found: "\(lo)", rule: "inverted-range")
            }
            return r
        }
    }

    static func loadScrap(_ t: CSVTable, clusters: [Cluster], settings: PlanSettings) throws -> [String: [Int: Double]] {
        try TableSchema.of("scrap_arisings").check(t)
        var out: [String: [Int: Double]] = [:]
        for row in t.rows {
            _ = try row.requiredText("source")
            let c = try checkCluster(row, "cluster", clusters)
            let y = try checkYear(row, "year", settings, required: true)!
            out[c, default: [:]][y] = try row.nonNegative("eol_scrap_t")
        }
        return out
    }

    static func loadTransport(_ t: CSVTable, clusters: [Cluster]) throws -> [TransportLink] {
        try TableSchema.of("transport").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            let from = try checkCluster(row, "from", clusters), to = try checkCluster(row, "to", clusters)
            guard from != to else { throw row.error("to", expected: "a cluster other than 'from'", found: to, rule: "self-link") }
            return TransportLink(from: from, to: to, mode: try row.choice("mode", TransportMode.allCases.map(\.rawValue)), distanceKm: try row.nonNegative("distance_km"))
        }
    }

    static func loadPower(_ t: CSVTable, clusters: [Cluster]) throws -> [PowerSource] {
        try TableSchema.of("power").check(t)
        return try t.rows.map { row in
            _ = try row.requiredText("source")
            let price = try row.nonNegative("price_yuan_per_kwh")
            guard price < 5 else { throw row.error("price_yuan_per_kwh", expected: "a price in 元/kWh (below 5)", found: "\(price)", rule: "unit-slip") }
            return PowerSource(
                cluster: try checkCluster(row, "cluster", clusters), id: try checkID(row, "source_id"), nameZh: try row.text("name_zh"),
                pricePerKWh: price, co2KgPerKWh: try row.nonNegative("co2_kg_per_kwh"), clean: try row.flag("clean", default: false),
                maxShare: try row.optionalFraction("max_share"))
        }
    }

    static func loadTargets(_ t: CSVTable, chain: ChainDefinition, clusters: [Cluster], settings: PlanSettings) throws -> [Target] {
        try TableSchema.of("targets").check(t)
        return try t.rows.map { row in
            let metric = try row.requiredText("metric")
            guard let m = chain.metric(metric) else {
                throw row.error("metric", expected: "a metric of Models/metrics.toml (\(chain.metrics.map(\.id).joined(separator: ", ")))", found: metric, rule: "unknown-metric")
            }
            let unit = try row.choice("unit", ["%", "t", "亿元"])
            if m.isRatio != (unit == "%") {
                throw row.error("unit", expected: m.isRatio ? "% for the ratio metric \(metric)" : "t or 亿元 for the total metric \(metric)", found: unit, rule: "unit-mismatch")
            }
            let value = try row.number("value")
            if unit == "%", !(0...100).contains(value) {
                throw row.error("value", expected: "a percentage between 0 and 100", found: "\(value)", rule: "out-of-range")
            }
            return Target(
                id: try checkID(row, "id"), metric: metric, scope: try checkCluster(row, "scope", clusters, allowProvince: true),
                op: Target.Op(rawValue: try row.choice("op", [">=", "<=", "="]))!, value: value, unit: unit,
                fromYear: try checkYear(row, "from_year", settings, required: true)!, toYear: try checkYear(row, "to_year", settings),
                enabled: try row.flag("enabled", default: true), source: try row.requiredText("source"), line: row.line)
        }
    }

    static func loadCalibration(_ t: CSVTable) throws -> [CalibrationFact] {
        try TableSchema.of("calibration").check(t)
        return try t.rows.map { row in
            CalibrationFact(
                fact: try row.requiredText("fact"), quantity: try row.requiredText("quantity"), scope: try row.requiredText("scope"),
                year: try row.integer("year"), value: try row.number("value"), unit: try row.text("unit"),
                tolerance: try row.optionalFraction("tolerance") ?? 0.05, source: try row.requiredText("source"))
        }
    }
}
