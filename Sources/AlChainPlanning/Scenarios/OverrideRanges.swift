import AlChainIO
import Foundation

/// The allowed range of a one-off override (`--set key=value`, the web explorer's controls), derived in this one
/// place from the data until a data schema declares ranges: `--set` on the command line and `alchain serve`
/// check against it (scenario files are not range-checked), so both give the same message.
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

    /// The range of `key` (a scenario key path) in `raw`, or nil when the key has no range beyond its type
    /// (the loader still checks types, signs and references).
    public static func bound(_ key: String, in raw: RawInputs) -> Bound? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        let years = (try? raw.settings.numbers("years")) ?? []
        let yearRange = (years.first ?? 2025)...(years.last ?? 2035)
        let yearBound = Bound(min: yearRange.lowerBound, max: yearRange.upperBound, unit: "year", integer: true,
                              basis: "the model years in settings.toml (years)")
        switch (parts[0], parts[2]) {
        case ("settings", _):
            switch parts[1] + "." + parts[2] {
            case "energy.co2_price_yuan_per_t":
                return Bound(min: 0, max: maxCarbonPrice, unit: "元/t CO2", integer: false, basis: "ASSUMED ceiling, above the EU ETS peak")
            case "replacement.index_price_yuan_per_t":
                let base = (try? raw.settings.number("replacement.index_price_yuan_per_t")) ?? 10_000
                return Bound(min: 0, max: 5 * base, unit: "元/t", integer: false, basis: "0 to 5× the price in settings.toml")
            case "replacement.max_index_purchase_t":
                let quota = (try? raw.settings.number("replacement.quota_t")) ?? 0
                return Bound(min: 0, max: quota, unit: "t", integer: false, basis: "0 to the provincial quota (settings.toml replacement.quota_t)")
            default: return nil
            }
        case ("targets", "value"):
            guard let row = row(raw, "targets", id: parts[1]), let unit = try? row.text("unit") else { return nil }
            if unit == "%" { return Bound(min: 0, max: 100, unit: "%", integer: false, basis: "a share") }
            let shipped = (try? row.number("value")) ?? 0
            let reference = unit == "t" ? max(shipped, (try? raw.settings.number("replacement.quota_t")) ?? 0) : shipped
            return Bound(min: 0, max: targetStretch * reference, unit: unit, integer: false,
                         basis: "0 to \(CSVWriter.number(targetStretch))× the shipped value\(unit == "t" ? " or the provincial quota" : "") (ASSUMED)")
        case ("targets", "from_year"), ("targets", "to_year"), ("candidates", "earliest_year"):
            return yearBound
        case ("candidates", "max_units"):
            guard let row = row(raw, "candidates", id: parts[1]), let most = try? row.number("max_units") else { return nil }
            return Bound(min: 0, max: most, unit: "units", integer: true, basis: "0 (forbidden) to the units candidates.csv allows")
        case ("power", "price_yuan_per_kwh"):
            return Bound(min: powerPrice.lowerBound, max: powerPrice.upperBound, unit: "元/kWh", integer: false, basis: "the usual price of industrial power (as validate)")
        default:
            return nil
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
