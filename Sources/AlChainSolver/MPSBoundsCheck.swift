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
    ///
    /// The file is scanned as bytes (a `memchr` per line) and only the BOUNDS section's lines are decoded: on a
    /// 7 MB generated LP, splitting the whole text into Swift `Character`s cost 8 % of `solve-file`'s time.
    static func check(_ path: String, format: ModelFileFormat) throws(ModelError) {
        guard format != .lp, let data = FileManager.default.contents(atPath: path) else { return }
        let failure: ModelError? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var flags: [String: UInt8] = [:]
            var inBounds = false, lineNumber = 0, start = 0
            while start < raw.count {
                let end = memchr(base + start, 0x0A, raw.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? raw.count
                defer { start = end + 1 }
                lineNumber += 1
                guard end > start, base[start] != UInt8(ascii: "*") else { continue }
                if base[start] != UInt8(ascii: " ") && base[start] != UInt8(ascii: "\t") {  // a section header
                    inBounds = end - start >= 6 && memcmp(base + start, "BOUNDS", 6) == 0
                    continue
                }
                guard inBounds else { continue }
                let line = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
                guard let (type, column) = boundLine(Substring(line), fixed: format == .fixedMPS),
                      let (mask, _) = boundTypes[type] else { continue }
                let seen = flags[String(column), default: 0]
                if seen & mask != 0 {
                    let which = seen & mask == 3 ? "lower and upper" : (seen & mask == 1 ? "lower" : "upper")
                    return ModelError(.malformedFile, "invalid \(format.rawValue.uppercased()) file: \(type) bound for column '\(column)' repeats its \(which) bound, already set above",
                                      file: path, line: lineNumber)
                }
                flags[String(column)] = seen | mask
            }
            return nil
        }
        if let failure { throw failure }
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
