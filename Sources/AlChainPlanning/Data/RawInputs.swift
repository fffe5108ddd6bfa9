import AlChainIO
import Foundation

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
