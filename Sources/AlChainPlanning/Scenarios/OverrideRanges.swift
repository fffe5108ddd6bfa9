import AlChainIO
import Foundation

/// The allowed range of a one-off override (`--set key=value`, the web explorer's controls): each column or
/// setting declares its `OverrideRange` in `TableSchema` or `SettingsSchema`, and this evaluates it against the
/// data (a range may depend on the shipped value or another setting). `--set` on the command line and
/// `alchain serve` check against it (scenario files are not range-checked), so both give the same message.
public enum OverrideRanges {
    /// A key's range: inclusive bounds in `unit`, whole numbers only when `integer`, and how it was derived.
    public struct Bound: Sendable, Equatable {
        public var min: Double
        public var max: Double
        public var unit: String
        public var integer: Bool
        /// Where the bounds come from, for the docs and the page's tooltip.
        public var basis: String
    }

    /// The usual price of industrial power; outside it `validate` warns and an override is refused.
    public static let powerPrice: ClosedRange<Double> = 0.25...0.8
    /// Carbon price ceiling in 元/t CO2. ASSUMED: above the EU ETS peak (about 100 €/t ≈ 800 元/t), more than ten times China's ETS price.
    public static let maxCarbonPrice = 1_000.0
    /// How far a tonnage or value target may be raised above its shipped value. ASSUMED: far beyond any plan, yet
    /// wide enough for what-ifs that test infeasibility (processing capacity 20 Mt, output value 3,000 亿元).
    public static let targetStretch = 10.0

    /// The declared override range of `key` (a scenario key path), if any.
    public static func declared(_ key: String) -> OverrideRange? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts[0] == "settings" { return SettingsSchema.declaration(parts.dropFirst().joined(separator: "."))?.override }
        guard parts.count == 3 else { return nil }
        return TableSchema.named(parts[0])?.column(parts[2])?.override
    }

    /// The range of `key` (a scenario key path) in `raw`, or nil when the key has no range beyond its type
    /// (the loader still checks types, physical ranges and references).
    public static func bound(_ key: String, in raw: RawInputs) -> Bound? {
        guard let declared = declared(key) else { return nil }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let setting: (String) -> Double? = { try? raw.settings.number($0) }
        switch declared {
        case .fixed(let min, let max, let unit, let basis):
            return Bound(min: min, max: max, unit: unit, integer: false, basis: basis)
        case .modelYears:
            let years = (try? raw.settings.numbers("years")) ?? []
            return Bound(min: years.first ?? 2025, max: years.last ?? 2035, unit: "year", integer: true, basis: "the model years in settings.toml (years)")
        case .upToShipped(let factor, let unit):
            let shipped = setting(parts.dropFirst().joined(separator: ".")) ?? 0
            return Bound(min: 0, max: factor * shipped, unit: unit, integer: false, basis: "0 to \(CSVWriter.number(factor))× the price in settings.toml")
        case .upToSetting(let other, let unit, let what):
            return Bound(min: 0, max: setting(other) ?? 0, unit: unit, integer: false, basis: "0 to \(what) (settings.toml \(other))")
        case .upToShippedCount(let unit):
            guard let row = row(raw, parts[0], id: parts[1]), let most = try? row.number(parts[2]) else { return nil }
            return Bound(min: 0, max: most, unit: unit, integer: true, basis: "0 (forbidden) to the units \(parts[0]).csv allows")
        case .targetValue:
            guard let row = row(raw, parts[0], id: parts[1]), let unit = try? row.text("unit") else { return nil }
            if unit == "%" { return Bound(min: 0, max: 100, unit: "%", integer: false, basis: "a share") }
            let shipped = (try? row.number("value")) ?? 0
            let reference = unit == "t" ? max(shipped, setting("replacement.quota_t") ?? 0) : shipped
            return Bound(min: 0, max: targetStretch * reference, unit: unit, integer: false,
                         basis: "0 to \(CSVWriter.number(targetStretch))× the shipped value\(unit == "t" ? " or the provincial quota" : "") (ASSUMED)")
        }
    }

    /// Throws the `--set` error when `setting`'s value is a number outside its key's range (or not whole where it must be).
    public static func check(_ setting: Scenario.Setting, in raw: RawInputs) throws {
        guard let b = bound(setting.key, in: raw), let x = setting.value.number ?? Double(setting.value.text) else { return }
        let span = "\(CSVWriter.number(b.min))–\(CSVWriter.number(b.max)) \(b.unit)"
        if !(b.min...b.max).contains(x) || !x.isFinite {
            throw DataError(file: setting.file, column: setting.key, expected: "a value in \(span) (\(b.basis))", found: setting.value.text, rule: "out-of-range")
        }
        if b.integer && x.rounded() != x {
            throw DataError(file: setting.file, column: setting.key, expected: "a whole number in \(span)", found: setting.value.text, rule: "not-an-integer")
        }
    }

    static func row(_ raw: RawInputs, _ table: String, id: String) -> CSVTable.Row? {
        raw.tables[table]?.rows.first { (try? $0.text("id")) == id }
    }
}
