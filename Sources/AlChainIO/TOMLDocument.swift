import Foundation
import TOMLKit

/// A TOML value as a plain Swift tree (TOMLKit's objects wrap C++ pointers; this copy is a `Sendable` value).
public indirect enum TOMLNode: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([TOMLNode])
    case table([String: TOMLNode])

    /// A short name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }

    /// The value as a number, where it is one.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// A compact rendering for messages.
    public var text: String {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): String(b)
        case .array(let a): "[" + a.map(\.text).joined(separator: ", ") + "]"
        case .table: "{…}"
        }
    }

    init(_ value: TOMLValueConvertible) {
        switch value.type {
        case .string: self = .string(value.string ?? "")
        case .int: self = .integer(value.int ?? 0)
        case .double: self = .double(value.double ?? 0)
        case .bool: self = .bool(value.bool ?? false)
        case .array: self = .array((value.array.map { Array($0) } ?? []).map { TOMLNode($0) })
        case .table: self = .table(TOMLNode.entries(value.table))
        default: self = .string(value.debugDescription)  // dates and times: kept as text
        }
    }

    static func entries(_ table: TOMLTable?) -> [String: TOMLNode] {
        guard let table else { return [:] }
        var out: [String: TOMLNode] = [:]
        for key in table.keys { if let v = table[key] { out[key] = TOMLNode(v) } }
        return out
    }
}

/// A TOML file with typed, key-path access whose errors name the file and the key.
public struct TOMLDocument: Sendable {
    /// The file's name, for messages.
    public let file: String
    /// Top-level keys.
    public var root: [String: TOMLNode]
    /// The parsed text's lines, to find the line a key is written on (TOMLKit gives positions only for syntax errors).
    var sourceLines: [Substring] = []
    /// Key paths changed by `set` after parsing: the file's line for them would point at the replaced value.
    var setPaths: Set<String> = []

    /// A document from already-parsed entries.
    public init(file: String, root: [String: TOMLNode]) {
        self.file = file
        self.root = root
    }

    /// Reads and parses a TOML file; syntax errors carry TOMLKit's line and column.
    public static func read(_ path: String, displayName: String? = nil) throws -> TOMLDocument {
        let name = displayName ?? path
        return try parse(try readUTF8(path, displayName: name, kind: "TOML"), file: name)
    }

    /// Parses TOML text.
    public static func parse(_ text: String, file: String) throws -> TOMLDocument {
        do {
            let table = try TOMLTable(string: text)
            var doc = TOMLDocument(file: file, root: TOMLNode.entries(table))
            doc.sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return doc
        } catch let error as TOMLParseError {
            throw DataError(
                file: file, line: error.source.begin.line, column: nil,
                expected: "valid TOML", found: "\(error.description) (at column \(error.source.begin.column))", rule: "toml-syntax")
        }
    }

    /// The value at a dotted key path (`replacement.ratio`), or `nil`.
    public func node(_ path: String) -> TOMLNode? {
        var current: TOMLNode = .table(root)
        for part in path.split(separator: ".") {
            guard case .table(let t) = current, let next = t[String(part)] else { return nil }
            current = next
        }
        return current
    }

    /// Sets the value at a dotted key path, creating tables on the way.
    public mutating func set(_ path: String, _ value: TOMLNode) {
        func assign(_ table: [String: TOMLNode], _ parts: ArraySlice<Substring>) -> [String: TOMLNode] {
            var t = table
            let key = String(parts.first!)
            if parts.count == 1 {
                t[key] = value
            } else {
                var sub: [String: TOMLNode] = [:]
                if case .table(let existing)? = t[key] { sub = existing }
                t[key] = .table(assign(sub, parts.dropFirst()))
            }
            return t
        }
        root = assign(root, path.split(separator: ".")[...])
        setPaths.insert(path)
    }

    /// The 1-based line where the key at `path` is written, or failing that its nearest enclosing table;
    /// `nil` for keys set after parsing or absent from the text. `years[2]` gives the line of `years`.
    public func line(of path: String) -> Int? {
        func normalised(_ key: Substring) -> String {
            key.split(separator: ".").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) }.joined(separator: ".")
        }
        func find(_ path: String) -> Int? {
            var table = ""
            var inMultilineString = false
            for (i, raw) in sourceLines.enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                let delimiters = line.components(separatedBy: "\"\"\"").count + line.components(separatedBy: "'''").count
                let inside = inMultilineString
                if delimiters % 2 == 1 { inMultilineString.toggle() }  // an odd number of """ or ''' opens or closes one
                if inside || line.hasPrefix("#") { continue }
                if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                    table = normalised(line[line.index(after: line.startIndex)..<close].drop { $0 == "[" })
                    if table == path { return i + 1 }
                } else if let eq = line.firstIndex(of: "=") {
                    let key = normalised(line[..<eq])
                    if (table.isEmpty ? key : "\(table).\(key)") == path { return i + 1 }
                }
            }
            return nil
        }
        var candidate = String(path.prefix { $0 != "[" })
        if setPaths.contains(where: { candidate == $0 || candidate.hasPrefix($0 + ".") }) { return nil }
        while !candidate.isEmpty {
            if let line = find(candidate) { return line }
            guard let dot = candidate.lastIndex(of: ".") else { return nil }
            candidate = String(candidate[..<dot])
        }
        return nil
    }

    func mismatch(_ path: String, _ expected: String, _ node: TOMLNode?) -> DataError {
        DataError(file: file, line: line(of: path), column: path, expected: expected, found: node.map { "\($0.typeName) \($0.text)" } ?? "nothing (the key is missing)", rule: node == nil ? "missing-key" : "wrong-type")
    }

    /// A required number.
    public func number(_ path: String) throws(DataError) -> Double {
        guard let x = node(path)?.number, x.isFinite else { throw mismatch(path, "a number", node(path)) }
        guard NumericPolicy.problem(x) == nil else { throw mismatch(path, "a number within ±1e15 (numeric policy)", node(path)) }
        return x
    }

    /// A number, or `defaultValue` when the key is absent.
    public func number(_ path: String, default defaultValue: Double) throws(DataError) -> Double {
        node(path) == nil ? defaultValue : try number(path)
    }

    /// A required whole number.
    public func integer(_ path: String) throws(DataError) -> Int {
        guard case .integer(let i)? = node(path) else { throw mismatch(path, "a whole number", node(path)) }
        return i
    }

    /// A required string.
    public func string(_ path: String) throws(DataError) -> String {
        guard case .string(let s)? = node(path) else { throw mismatch(path, "a string", node(path)) }
        return s
    }

    /// A string, or `defaultValue` when the key is absent.
    public func string(_ path: String, default defaultValue: String) throws(DataError) -> String {
        node(path) == nil ? defaultValue : try string(path)
    }

    /// A boolean, or `defaultValue` when the key is absent.
    public func bool(_ path: String, default defaultValue: Bool) throws(DataError) -> Bool {
        guard let n = node(path) else { return defaultValue }
        guard case .bool(let b) = n else { throw mismatch(path, "true or false", n) }
        return b
    }

    /// A required array of numbers.
    public func numbers(_ path: String) throws(DataError) -> [Double] {
        guard case .array(let a)? = node(path) else { throw mismatch(path, "an array of numbers", node(path)) }
        var out: [Double] = []
        for (i, e) in a.enumerated() {
            guard let x = e.number, x.isFinite else { throw mismatch("\(path)[\(i)]", "a number", e) }
            guard NumericPolicy.problem(x) == nil else { throw mismatch("\(path)[\(i)]", "a number within ±1e15 (numeric policy)", e) }
            out.append(x)
        }
        return out
    }

    /// Throws on the first key (as a dotted path) that is not in `known`; a known table's own keys are checked
    /// only where `known` lists paths below it.
    public func rejectUnknownKeys(_ known: Set<String>) throws(DataError) {
        func walk(_ table: [String: TOMLNode], prefix: String) throws(DataError) {
            for key in table.keys.sorted() {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                guard known.contains(path) else {
                    throw DataError(file: file, line: line(of: path), column: path, expected: "a known key (\(known.sorted().joined(separator: ", ")))", found: path, rule: "unknown-key")
                }
                if case .table(let sub)? = table[key], known.contains(where: { $0.hasPrefix(path + ".") }) {
                    try walk(sub, prefix: path)
                }
            }
        }
        try walk(root, prefix: "")
    }
}
