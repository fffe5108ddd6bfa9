import Foundation

/// Reads a text file as UTF-8; `kind` names what was expected ("CSV", "TOML") in the error.
func readUTF8(_ path: String, displayName: String, kind: String) throws(DataError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw DataError(file: displayName, expected: "a readable \(kind) file", found: "no such file", rule: .missingFile)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw DataError(file: displayName, expected: "UTF-8 text", found: "bytes that are not UTF-8", rule: "encoding")
    }
    return text
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
