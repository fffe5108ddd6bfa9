import Foundation

/// A CSV file read into memory with each record's line number, so every error can name file, line and column.
///
/// Written by hand rather than taken from a CSV package because errors must carry the physical line of each
/// record (quoted fields may span lines) and the parser must reject, not guess, on malformed quoting.
public struct CSVTable: Sendable {
    /// One data record.
    public struct Row: Sendable {
        /// The file's name, for messages.
        public let file: String
        /// 1-based physical line where the record starts.
        public let line: Int
        var fields: [String]
        let index: [String: Int]
        /// Cells changed by a scenario: column → where the change was made (`file`, `key`), so errors about
        /// the new value name the scenario rather than the CSV line it replaced.
        public private(set) var overrides: [String: (file: String, key: String)] = [:]

        /// Sets a cell; returns false when the table has no such column.
        public mutating func set(_ column: String, _ value: String, from origin: (file: String, key: String)) -> Bool {
            guard let i = index[column] else { return false }
            fields[i] = value
            overrides[column] = origin
            return true
        }

        /// The raw cells, in header order.
        public var cells: [String] { fields }

        /// The raw text of `column` ("" when empty).
        public func text(_ column: String) throws(DataError) -> String {
            guard let i = index[column] else {
                throw DataError(file: file, line: line, column: column, expected: "a column named '\(column)'", found: nil, rule: "missing-column")
            }
            return fields[i].trimmingCharacters(in: .whitespaces)
        }

        /// The text of `column`, or `nil` when empty.
        public func optionalText(_ column: String) throws(DataError) -> String? {
            let t = try text(column)
            return t.isEmpty ? nil : t
        }

        /// A required non-empty text field.
        public func requiredText(_ column: String) throws(DataError) -> String {
            let t = try text(column)
            guard !t.isEmpty else { throw error(column, expected: "a value", found: t, rule: "missing-value") }
            return t
        }

        /// A number, or `nil` when empty.
        public func optionalNumber(_ column: String) throws(DataError) -> Double? {
            let t = try text(column)
            if t.isEmpty { return nil }
            guard let x = Double(t), x.isFinite else { throw error(column, expected: "a number", found: t, rule: "not-a-number") }
            guard NumericPolicy.problem(x) == nil else {
                throw error(column, expected: "a number within ±1e15 (docs/DATA.md, numeric policy)", found: t, rule: "out-of-range")
            }
            return x
        }

        /// A required number.
        public func number(_ column: String) throws(DataError) -> Double {
            guard let x = try optionalNumber(column) else {
                throw error(column, expected: "a number", found: "", rule: "missing-value")
            }
            return x
        }

        /// A required number ≥ 0.
        public func nonNegative(_ column: String) throws(DataError) -> Double {
            let x = try number(column)
            guard x >= 0 else { throw error(column, expected: "a number ≥ 0", found: try text(column), rule: "negative-value") }
            return x
        }

        /// An optional number ≥ 0.
        public func optionalNonNegative(_ column: String) throws(DataError) -> Double? {
            guard let x = try optionalNumber(column) else { return nil }
            guard x >= 0 else { throw error(column, expected: "a number ≥ 0", found: try text(column), rule: "negative-value") }
            return x
        }

        /// A fraction in [0, 1], or `nil` when empty.
        public func optionalFraction(_ column: String) throws(DataError) -> Double? {
            guard let x = try optionalNumber(column) else { return nil }
            guard (0...1).contains(x) else { throw error(column, expected: "a fraction between 0 and 1", found: try text(column), rule: "out-of-range") }
            return x
        }

        /// An optional whole number (e.g. a year).
        public func optionalInteger(_ column: String) throws(DataError) -> Int? {
            let t = try text(column)
            if t.isEmpty { return nil }
            guard let x = Int(t) else { throw error(column, expected: "a whole number", found: t, rule: "not-an-integer") }
            return x
        }

        /// A required whole number.
        public func integer(_ column: String) throws(DataError) -> Int {
            guard let x = try optionalInteger(column) else { throw error(column, expected: "a whole number", found: "", rule: "missing-value") }
            return x
        }

        /// The words `flag` reads as yes or no.
        public static let flagWords = ["yes", "true", "1", "y", "no", "false", "0", "n"]

        /// `yes`/`no` (also true/false, 1/0); `defaultValue` when empty.
        public func flag(_ column: String, default defaultValue: Bool) throws(DataError) -> Bool {
            switch try text(column).lowercased() {
            case "": return defaultValue
            case "yes", "true", "1", "y": return true
            case "no", "false", "0", "n": return false
            case let t: throw error(column, expected: "yes or no", found: t, rule: "not-a-flag")
            }
        }

        /// One of `allowed`.
        public func choice(_ column: String, _ allowed: [String]) throws(DataError) -> String {
            let t = try requiredText(column)
            guard allowed.contains(t) else { throw error(column, expected: "one of \(allowed.joined(separator: ", "))", found: t, rule: "unknown-value") }
            return t
        }

        /// A `;`-separated list (empty when the field is empty).
        public func list(_ column: String) throws(DataError) -> [String] {
            try text(column).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        /// An error located at this row and `column`.
        public func error(_ column: String, expected: String, found: String?, rule: DataRule? = nil) -> DataError {
            if let origin = overrides[column] {
                return DataError(file: origin.file, column: origin.key, expected: expected, found: found, rule: rule)
            }
            return DataError(file: file, line: line, column: column, expected: expected, found: found, rule: rule)
        }
    }

    /// The file's name as given, for messages.
    public let file: String
    /// Header names in order.
    public let header: [String]
    /// Data records.
    public var rows: [Row]

    /// Appends a record given as column → text (missing columns empty); unknown columns are an error at `origin`.
    public mutating func append(_ values: [String: String], line: Int = 0, from origin: (file: String, key: String)) throws(DataError) {
        for column in values.keys.sorted() where !header.contains(column) {
            throw DataError(file: origin.file, column: "\(origin.key).\(column)", expected: "a column of \(file) (\(header.joined(separator: ", ")))", found: column, rule: "unknown-column")
        }
        let index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        var row = Row(file: file, line: line, fields: header.map { values[$0] ?? "" }, index: index)
        for column in values.keys { _ = row.set(column, values[column]!, from: (origin.file, "\(origin.key).\(column)")) }
        rows.append(row)
    }

    /// Reads and parses a CSV file. A UTF-8 BOM is accepted (Excel writes one).
    public static func read(_ path: String, displayName: String? = nil) throws -> CSVTable {
        let name = displayName ?? path
        return try parse(try readUTF8(path, displayName: name, kind: "CSV"), file: name)
    }

    /// Parses CSV text (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks).
    public static func parse(_ text: String, file: String) throws(DataError) -> CSVTable {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedFieldEnded = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            field = ""
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
            quotedFieldEnded = false
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let d = next() {
                        if d == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; quotedFieldEnded = true; pending = d }
                    } else { inQuotes = false; quotedFieldEnded = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                quotedFieldEnded = false
            case "\r":
                continue
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !quotedFieldEnded else {
                    throw DataError(file: file, line: line, expected: "a quote only at the start of a field", found: field + "\"", rule: "csv-syntax")
                }
                inQuotes = true
            default:
                if quotedFieldEnded {
                    throw DataError(file: file, line: line, expected: "a comma or line end after a closing quote", found: String(c), rule: "csv-syntax")
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw DataError(file: file, line: recordLine, expected: "a closing quote", found: "end of file", rule: "csv-syntax") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            throw DataError(file: file, line: 1, expected: "a header row", found: "an empty file", rule: "csv-syntax")
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            guard !name.isEmpty else {
                throw DataError(file: file, line: first.line, column: "#\(i + 1)", expected: "a column name", found: "", rule: "csv-header")
            }
            guard index.updateValue(i, forKey: name) == nil else {
                throw DataError(file: file, line: first.line, column: name, expected: "unique column names", found: "'\(name)' twice", rule: "csv-header")
            }
        }
        var rows: [Row] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw DataError(
                    file: file, line: record.line, expected: "\(header.count) fields as in the header",
                    found: "\(record.fields.count) fields", rule: "csv-field-count")
            }
            rows.append(Row(file: file, line: record.line, fields: record.fields, index: index))
        }
        return CSVTable(file: file, header: header, rows: rows)
    }

    /// Throws unless every name in `columns` is in the header.
    public func require(_ columns: [String]) throws(DataError) {
        for c in columns where !header.contains(c) {
            throw DataError(file: file, line: 1, column: c, expected: "a column named '\(c)' in the header", found: header.joined(separator: ","), rule: "missing-column")
        }
    }

    /// Throws on a repeated key (the text of `columns` joined).
    public func requireUnique(_ columns: [String]) throws(DataError) {
        var seen: [String: Int] = [:]
        for row in rows {
            var parts: [String] = []
            for c in columns { parts.append(try row.text(c)) }
            let key = parts.joined(separator: ", ")
            if let first = seen[key] {
                throw DataError(
                    file: file, line: row.line, column: columns.joined(separator: "+"),
                    expected: "a unique key (first seen on line \(first))", found: key, rule: "duplicate-key")
            }
            seen[key] = row.line
        }
    }
}
