import Foundation

/// Reads a text file as UTF-8; `kind` names what was expected ("CSV", "TOML") in the error.
func readUTF8(_ path: String, displayName: String, kind: String) throws(DataError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw DataError(file: displayName, expected: "a readable \(kind) file", found: "no such file", rule: .missingFile)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        let (line, offset, byte) = firstInvalidUTF8(data)
        throw DataError(file: displayName, line: line, expected: "UTF-8 text",
                        found: String(format: "byte 0x%02X at byte offset %d, which is not UTF-8", byte, offset), rule: "encoding")
    }
    return text
}

/// The 1-based line, the byte offset and the value of the first byte that does not decode as UTF-8.
func firstInvalidUTF8(_ data: Data) -> (line: Int, offset: Int, byte: UInt8) {
    let bytes = [UInt8](data)
    var line = 1, i = 0
    while i < bytes.count {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
        // A lead byte needs its continuation bytes; overlong and surrogate forms are rare enough to report at
        // the lead byte via the decoder's own verdict on the sequence.
        guard length > 0, i + length <= bytes.count, bytes[i + 1 ..< i + length].allSatisfy({ $0 >> 6 == 0b10 }),
              String(bytes: bytes[i ..< i + length], encoding: .utf8) != nil
        else { return (line, i, b) }
        if b == 0x0A { line += 1 }
        i += length
    }
    return (line, max(0, bytes.count - 1), bytes.last ?? 0)
}

/// Invalid input data, located precisely enough to fix: file, line, column or key, what was expected, what was found.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// 1-based line, where the error is on a line.
    public var line: Int?
    /// Column name (CSV) or key path (TOML).
    public var column: String?
    /// What was expected.
    public var expected: String
    /// What was found.
    public var found: String?
    /// The rule broken (validation findings name one), e.g. `unknown-cluster`.
    public var rule: DataRule?

    /// An error at a position in a file.
    public init(file: String, line: Int? = nil, column: String? = nil, expected: String, found: String? = nil, rule: DataRule? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
        self.rule = rule
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var text = "\(place): "
        // A position on a line is a CSV column; without a line it is a key path (TOML, scenario, --set).
        if let column { text += line == nil || file.hasSuffix(".toml") ? "key '\(column)': " : "column '\(column)': " }
        text += "expected \(expected)"
        if let found { text += ", found \(found.isEmpty ? "an empty field" : "'\(found)'")" }
        if let rule { text += " [\(rule)]" }
        return text
    }
}
