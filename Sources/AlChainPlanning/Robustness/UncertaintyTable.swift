import AlChainIO
import Foundation

/// `uncertainty.csv`: the uncertain inputs a sample draws (docs/ROBUSTNESS.md). Read with the tables' CSV loader,
/// so every error names file, line and column; keys are checked against the data they change and ranges against
/// the keys' physical bounds (OverrideRanges, the bounds `--set` is held to).
public enum UncertaintyTable {
    /// The file's name in an inputs folder.
    public static let fileName = "uncertainty.csv"
    /// Its columns, in order.
    public static let columns = ["key", "scale", "distribution", "low", "mode", "high", "mean", "sd", "source"]

    /// The parameters of `path`, checked against `raw` (the data the sample's draws change).
    public static func read(_ path: String, base raw: RawInputs) throws -> [UncertainParameter] {
        let table = try InputLoader.table(path)
        try table.require(columns)
        try table.requireUnique(["key"])
        return try table.rows.map { try parameter($0, raw: raw) }
    }

    /// The numbers a key selects in the data: one per row with a value (`label` names the row), or the setting.
    public static func dataValues(_ key: String, in raw: RawInputs) throws -> [(label: String, value: Double)] {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let fail = { (expected: String, found: String) in DataError(file: "", column: key, expected: expected, found: found, rule: "unknown-key") }
        guard parts.count >= 2 else { throw fail("a key path like settings.discount_rate or power.*:grid.price_yuan_per_kwh", key) }
        if parts[0] == "settings" {
            let path = parts.dropFirst().joined(separator: ".")
            guard SettingsSchema.valueKeys.contains(path), let x = raw.settings.node(path)?.number else {
                throw fail("a numeric settings key (\(SettingsSchema.valueKeys.sorted().joined(separator: ", ")))", path)
            }
            return [(path, x)]
        }
        guard let table = raw.tables[parts[0]], let keyColumns = ScenarioApplier.keyColumns[parts[0]] else {
            throw fail("settings or a table (\(ScenarioApplier.keyColumns.keys.sorted().joined(separator: ", ")))", parts[0])
        }
        guard parts.count == 3 else { throw fail("\(parts[0]).<\(keyColumns.joined(separator: ":"))>.<column>", key) }
        guard table.header.contains(parts[2]) else { throw fail("a column of \(parts[0]) (\(table.header.joined(separator: ", ")))", parts[2]) }
        let rows = try ScenarioApplier.matchingRows(table, rowKey: parts[1], keyColumns: keyColumns, file: "", key: key)
        var values: [(String, Double)] = []
        for i in rows {
            let text = try table.rows[i].text(parts[2])
            if text.isEmpty { continue }
            guard let x = Double(text) else { throw fail("a numeric column", "'\(text)' in \(parts[2])") }
            values.append((try keyColumns.map { try table.rows[i].text($0) }.joined(separator: ":"), x))
        }
        guard !values.isEmpty else { throw fail("selected rows with values", "every selected cell of \(parts[2]) is empty") }
        return values
    }

    /// Whether a key selects a column over rows (a `*` in its row key) rather than one cell or setting.
    public static func isColumn(_ key: String) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] != "settings" && parts[1].split(separator: ":", omittingEmptySubsequences: false).contains("*")
    }

    static func parameter(_ row: CSVTable.Row, raw: RawInputs) throws -> UncertainParameter {
        let key = try row.requiredText("key")
        let values: [(label: String, value: Double)]
        do { values = try dataValues(key, in: raw) } catch let e as DataError {
            throw row.error("key", expected: e.expected, found: e.found, rule: e.rule)
        }
        let scale = UncertainParameter.Scale(rawValue: try row.choice("scale", UncertainParameter.Scale.allCases.map(\.rawValue)))!
        if scale == .value, isColumn(key) || values.count > 1 {
            throw row.error("scale", expected: "factor for a key over several rows (each row keeps its own value, multiplied)", found: "value", rule: "unknown-value")
        }
        let distribution = UncertainParameter.Distribution(rawValue: try row.choice("distribution", UncertainParameter.Distribution.allCases.map(\.rawValue)))!
        let needed: [String] = switch distribution {
        case .uniform: ["low", "high"]
        case .triangular: ["low", "mode", "high"]
        case .normal, .lognormal: ["mean", "sd"]
        }
        let optional: Set<String> = distribution == .normal || distribution == .lognormal ? ["low", "high"] : []
        var number: [String: Double] = [:]
        for column in ["low", "mode", "high", "mean", "sd"] {
            let x = try row.optionalNumber(column)
            if needed.contains(column), x == nil {
                throw row.error(column, expected: "a number (a \(distribution.rawValue) distribution takes \(needed.joined(separator: ", ")))", found: "", rule: "missing-value")
            }
            if let x, !needed.contains(column), !optional.contains(column) {
                throw row.error(column, expected: "an empty field (a \(distribution.rawValue) distribution takes \(needed.joined(separator: ", ")))", found: CSVWriter.number(x), rule: "unknown-value")
            }
            number[column] = x
        }
        if let sd = number["sd"], sd < 0 { throw row.error("sd", expected: "a standard deviation ≥ 0", found: CSVWriter.number(sd), rule: "out-of-range") }
        if distribution == .lognormal, let m = number["mean"], m <= 0 {
            throw row.error("mean", expected: "a mean > 0 (a lognormal value is positive)", found: CSVWriter.number(m), rule: "out-of-range")
        }
        // Order: low ≤ mode ≤ high, and a normal's mean inside its truncation.
        let order: [(String, String)] = [("low", "mode"), ("mode", "high"), ("low", "high"), ("low", "mean"), ("mean", "high")]
        for (a, b) in order {
            if let x = number[a], let y = number[b], x > y {
                throw row.error(b, expected: "a value ≥ \(a) (\(CSVWriter.number(x)))", found: CSVWriter.number(y), rule: "out-of-range")
            }
        }
        let physical = physicalRange(key, scale: scale, values: values, raw: raw)
        for column in ["low", "mode", "high", "mean"] {
            if let x = number[column], !(physical.min...physical.max).contains(x) {
                throw row.error(column, expected: physical.text, found: CSVWriter.number(x), rule: "out-of-range")
            }
        }
        let source = try row.requiredText("source")
        return UncertainParameter(
            key: key, scale: scale, distribution: distribution, low: number["low"], mode: number["mode"], high: number["high"],
            mean: number["mean"], sd: number["sd"], source: source, origin: "\(row.file):\(row.line)",
            lower: number["low"] ?? physical.min, upper: number["high"] ?? physical.max)
    }

    /// The range a parameter's numbers must stay in, in its scale: the key's bound (OverrideRanges) where it has one,
    /// and never negative where the data is not, turned into a factor range over every row the key selects.
    static func physicalRange(_ key: String, scale: UncertainParameter.Scale, values: [(label: String, value: Double)], raw: RawInputs)
        -> (min: Double, max: Double, text: String)
    {
        let bound = OverrideRanges.bound(key, in: raw)
        let floor = values.allSatisfy { $0.value >= 0 } ? 0.0 : -NumericPolicy.maxMagnitude
        let lo = max(bound?.min ?? floor, floor), hi = min(bound?.max ?? NumericPolicy.maxMagnitude, NumericPolicy.maxMagnitude)
        let why = bound.map { "\(CSVWriter.number($0.min))–\(CSVWriter.number($0.max)) \($0.unit), \($0.basis)" } ?? (floor == 0 ? "not negative" : "within ±1e15")
        guard bound != nil else {
            // No bound beyond the sign: the data's own values are not negative, nor may a draw be.
            return (scale == .factor ? 0 : lo, NumericPolicy.maxMagnitude, scale == .factor ? "a factor ≥ 0 (\(why))" : "a value ≥ \(CSVWriter.number(lo)) (\(why))")
        }
        guard scale == .factor else {
            return (lo, hi, "a value in \(CSVWriter.number(lo))–\(CSVWriter.number(hi)) (\(why))")
        }
        var fmin = 0.0, fmax = NumericPolicy.maxMagnitude
        for (_, v) in values where v > 0 {
            fmin = max(fmin, lo / v)
            fmax = min(fmax, hi / v)
        }
        let span = "\(CSVWriter.number(fmin, decimals: 3))–\(CSVWriter.number(fmax, decimals: 3))"
        return (fmin, fmax, "a factor in \(span), which keeps every selected value \(why)")
    }
}
