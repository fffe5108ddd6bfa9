import AlChainIO

/// The physical bounds of a number in the data (a CSV column or a setting), declared with it in `TableSchema`
/// or `SettingsSchema`; the loader refuses a value outside them.
public struct ValueRange: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    /// `false` for a half-open range such as a discount rate in [0, 1).
    public let upperIncluded: Bool

    public init(_ lower: Double, _ upper: Double = .infinity, upperIncluded: Bool = true) {
        self.lower = lower
        self.upper = upper
        self.upperIncluded = upperIncluded
    }

    /// ≥ 0.
    public static let nonNegative = ValueRange(0)
    /// A fraction in [0, 1].
    public static let fraction = ValueRange(0, 1)

    public func contains(_ x: Double) -> Bool { x >= lower && (upperIncluded ? x <= upper : x < upper) }

    /// As docs/DATA.md writes it: `≥ 0`, `0–1`, `10000–16000`, `[0, 1)`.
    public var text: String {
        if upper == .infinity { return "≥ \(CSVWriter.number(lower))" }
        if !upperIncluded { return "[\(CSVWriter.number(lower)), \(CSVWriter.number(upper)))" }
        return "\(CSVWriter.number(lower))–\(CSVWriter.number(upper))"
    }

    /// What an error says was expected, and its rule: the two ranges the data use most keep their own words.
    func expectation(_ what: String, unit: String) -> (expected: String, rule: DataRule) {
        if self == .nonNegative { return ("\(what) ≥ 0", "negative-value") }
        if self == .fraction && what == "a number" { return ("a fraction between 0 and 1", "out-of-range") }
        let unitText = unit == "–" || unit.isEmpty ? "" : " \(unit)"
        if !upperIncluded { return ("\(what) in [\(CSVWriter.number(lower)), \(CSVWriter.number(upper)))\(unitText)", "physical-range") }
        return ("\(what) between \(Self.grouped(lower)) and \(Self.grouped(upper))\(unitText)", "physical-range")
    }
}

extension ValueRange {
    /// `x` with thousands separators (16,000), as messages write large bounds.
    static func grouped(_ x: Double) -> String {
        let text = CSVWriter.number(x)
        guard abs(x) >= 10_000, !text.contains(".") else { return text }
        var digits = Array(text.drop { $0 == "-" }), out = ""
        while digits.count > 3 { out = "," + String(digits.suffix(3)) + out; digits.removeLast(3) }
        return (x < 0 ? "-" : "") + String(digits) + out
    }
}

/// How far a one-off override (`--set key=value` on the command line, the web explorer's controls) may move a
/// value, declared with the column or setting it applies to; `OverrideRanges` evaluates it against the data.
/// Narrower than the physical `ValueRange`: it keeps what-ifs within what a planner would ask.
public enum OverrideRange: Sendable, Equatable {
    /// Fixed bounds, with where they come from.
    case fixed(min: Double, max: Double, unit: String, basis: String)
    /// One of the model years (settings.toml `years`), a whole number.
    case modelYears
    /// 0 to `factor` × the shipped value of the same key.
    case upToShipped(factor: Double, unit: String)
    /// 0 to the value of another setting (`what` names it for the message).
    case upToSetting(String, unit: String, what: String)
    /// 0 to the row's shipped whole number (e.g. a candidate's units: 0 forbids it).
    case upToShippedCount(unit: String)
    /// A target's value: 0–100 for a `%` target, else 0 to `targetStretch` × the shipped value (tonnage targets:
    /// or the provincial quota, whichever is larger).
    case targetValue
}
