import Foundation

/// Builds RFC 4180 CSV text (UTF-8, `\r\n` line ends, fields quoted only when needed).
public struct CSVWriter: Sendable {
    private(set) var text = ""

    /// A writer whose first line is `header`.
    public init(header: [String]) { appendRow(header) }

    /// Appends a record.
    public mutating func appendRow(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\r\n"
    }

    /// The CSV bytes; with `excelBOM`, prefixed by a UTF-8 byte-order mark so Excel reads Chinese text correctly.
    public func data(excelBOM: Bool = false) -> Data {
        var d = Data()
        if excelBOM { d.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        d.append(contentsOf: text.utf8)
        return d
    }

    /// A field, quoted when it holds a comma, quote or line break.
    public static func escape(_ field: String) -> String {
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// A number in a stable, round-trippable form: whole numbers without a decimal point, others rounded to
    /// `decimals` places with trailing zeros removed. Tiny solver noise (|x| < 1e-9) prints as 0.
    public static func number(_ x: Double, decimals: Int = 6) -> String {
        guard x.isFinite else { return x.isNaN ? "" : (x > 0 ? "inf" : "-inf") }
        if abs(x) < 1e-9 { return "0" }
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}
