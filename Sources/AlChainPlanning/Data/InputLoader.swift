import AlChainIO
import Foundation

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
}
