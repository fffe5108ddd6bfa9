import Foundation

/// A pre-check of an MPS file's BOUNDS section, run before `glp_read_mps`: GLPK's reader reports most repeated
/// bounds of a column as "duplicate lower/upper bound", but a repeated FX, FR or BV line trips an assertion in
/// its api/mps.c (`(flag[j] & mask) == 0x00`) and aborts the process. This check applies GLPK's own rule —
/// each column's lower and upper bound may be set once — so it rejects exactly what GLPK would reject, with a
/// located message instead of an abort. Everything else is left to GLPK's reader.
enum MPSBoundsCheck {
    /// Which of a column's bounds a bound type sets (1 lower, 2 upper), and whether a value follows it.
    static let boundTypes: [String: (mask: UInt8, hasValue: Bool)] = [
        "LO": (1, true), "MI": (1, false), "LI": (1, true),
        "UP": (2, true), "PL": (2, false), "UI": (2, true),
        "FX": (3, true), "FR": (3, false), "BV": (3, false),
    ]

    /// Throws `.malformedFile` at the first bound line that sets a bound its column already has.
    static func check(_ path: String, format: ModelFileFormat) throws(ModelError) {
        guard format != .lp, let data = FileManager.default.contents(atPath: path) else { return }
        var flags: [Substring: UInt8] = [:]
        var inBounds = false, lineNumber = 0
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let first = line.first, first != "*" else { continue }
            if first != " " && first != "\t" {  // a section header
                inBounds = line.hasPrefix("BOUNDS")
                continue
            }
            guard inBounds, let (type, column) = boundLine(line, fixed: format == .fixedMPS),
                  let (mask, _) = boundTypes[type] else { continue }
            let seen = flags[column, default: 0]
            if seen & mask != 0 {
                let which = seen & mask == 3 ? "lower and upper" : (seen & mask == 1 ? "lower" : "upper")
                throw ModelError(.malformedFile, "invalid \(format.rawValue.uppercased()) file: \(type) bound for column '\(column)' repeats its \(which) bound, already set above",
                                 file: path, line: lineNumber)
            }
            flags[column] = seen | mask
        }
    }

    /// The bound type and column of a BOUNDS line: by position in fixed MPS (field 1 in columns 2–3, field 3 in
    /// 15–22), by whitespace-separated field in free MPS (`TYPE [BOUND] COLUMN [VALUE]`).
    static func boundLine(_ line: Substring, fixed: Bool) -> (String, Substring)? {
        if fixed {
            let chars = Array(line)
            guard chars.count >= 15 else { return nil }
            let type = String(chars[1..<min(3, chars.count)]).trimmingCharacters(in: .whitespaces)
            let column = String(chars[14..<min(22, chars.count)]).trimmingCharacters(in: .whitespaces)
            return column.isEmpty ? nil : (type, Substring(column))
        }
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        guard fields.count >= 2, let kind = boundTypes[String(fields[0])] else { return nil }
        // With a value the column is the field before it; without, the last field (a BV with a value: the third).
        let index = kind.hasValue ? fields.count - 2 : (fields.count >= 4 ? 2 : fields.count - 1)
        return index >= 1 ? (String(fields[0]), fields[index]) : nil
    }
}
