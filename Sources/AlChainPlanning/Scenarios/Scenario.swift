import AlChainIO
import Foundation

/// A what-if: a name, a description, the scenario it extends, and overrides of input values, targets and
/// tables (`Inputs/scenarios/*.toml`, see docs/SCENARIOS.md).
public struct Scenario: Sendable {
    /// The outcome a scenario is expected to have; a batch fails the scenarios whose outcome differs.
    public enum Expectation: String, Sendable, CaseIterable { case optimal, infeasible, unbounded }

    /// One `key = value` override.
    public struct Setting: Sendable {
        public var key: String
        public var value: TOMLNode
        public var file: String
        public init(key: String, value: TOMLNode, file: String) {
            self.key = key
            self.value = value
            self.file = file
        }
    }

    /// One table-level edit.
    public struct TableEdit: Sendable {
        public enum Action: String, Sendable, CaseIterable { case add, remove, scale }
        public var action: Action
        public var table: String
        /// Row keys (`*` = every row) for remove and scale.
        public var rows: [String]
        public var column: String?
        public var factor: Double?
        /// Column → value, for add.
        public var values: [String: String]
        public var file: String
        /// `edit[i]`, for messages.
        public var key: String
    }

    public var name: String
    public var description: String
    public var file: String
    public var extends: String?
    public var expect: Expectation
    public var settings: [Setting]
    public var edits: [TableEdit]

    /// The base plan as a scenario with no overrides.
    public static let base = Scenario(name: "base", description: "the shipped Guizhou plan", file: "", extends: nil, expect: .optimal, settings: [], edits: [])

    /// The files a batch writes into `--out` itself; a scenario's folder must not take their names.
    static let batchReservedNames: Set<String> = ["summary.csv", "summary.html", "junit.xml", BatchManifest.fileName]

    static let knownKeys: Set<String> = ["name", "description", "extends", "expect", "set", "edit"]

    /// Reads a scenario file. Its `extends` is resolved later, against the other scenarios.
    public static func read(_ path: String) throws -> Scenario {
        let display = InputLoader.display(path)
        let doc = try TOMLDocument.read(path, displayName: display)
        for key in doc.root.keys.sorted() where !knownKeys.contains(key) {
            throw DataError(file: display, column: key, expected: "a scenario key (\(knownKeys.sorted().joined(separator: ", ")))", found: key, rule: "unknown-key")
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let expectText = try doc.string("expect", default: "optimal")
        guard let expect = Expectation(rawValue: expectText) else {
            throw DataError(file: display, column: "expect", expected: "one of \(Expectation.allCases.map(\.rawValue).joined(separator: ", "))", found: expectText, rule: "unknown-value")
        }
        var settings: [Setting] = []
        if let node = doc.node("set") {
            guard case .table(let table) = node else {
                throw DataError(file: display, column: "set", expected: "a table of \"key.path\" = value", found: node.typeName, rule: "wrong-type")
            }
            settings = flatten(table, prefix: "").map { Setting(key: $0.0, value: $0.1, file: display) }
        }
        var edits: [TableEdit] = []
        if let node = doc.node("edit") {
            guard case .array(let items) = node else {
                throw DataError(file: display, column: "edit", expected: "an array of tables ([[edit]])", found: node.typeName, rule: "wrong-type")
            }
            for (i, item) in items.enumerated() {
                edits.append(try edit(item, file: display, key: "edit[\(i)]"))
            }
        }
        let name = try doc.string("name", default: stem)
        // The name becomes a folder in a batch's --out and the problem's name in GLPK: check it as a path component.
        if let why = PathName.problem(name, reserved: batchReservedNames) ?? (name.hasPrefix("shard-") ? "starts with 'shard-', which names a batch shard's folder" : nil) {
            throw DataError(file: display, line: doc.line(of: "name"), column: "name", expected: "a scenario name usable as a folder name", found: "\(name.debugDescription) \(why)", rule: "bad-name")
        }
        let extends = doc.node("extends") == nil ? nil : try doc.string("extends")
        return Scenario(
            name: name, description: try doc.string("description", default: ""), file: display,
            extends: extends == "base" ? nil : extends, expect: expect, settings: settings, edits: edits)
    }

    /// Dotted keys may be written nested (`[set.targets.recycled-share]`) or quoted (`"targets.x.value" = 25`).
    static func flatten(_ table: [String: TOMLNode], prefix: String) -> [(String, TOMLNode)] {
        var out: [(String, TOMLNode)] = []
        for key in table.keys.sorted() {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            // An empty table (`"key" = {}`) is kept as a value, so that applying it is an error, not a no-op.
            if case .table(let sub) = table[key]!, !sub.isEmpty { out += flatten(sub, prefix: path) } else { out.append((path, table[key]!)) }
        }
        return out
    }

    static func edit(_ node: TOMLNode, file: String, key: String) throws -> TableEdit {
        guard case .table(let t) = node else {
            throw DataError(file: file, column: key, expected: "a table", found: node.typeName, rule: "wrong-type")
        }
        let doc = TOMLDocument(file: file, root: t)
        func located(_ body: () throws -> TableEdit) throws -> TableEdit {
            do { return try body() } catch var e as DataError {
                e.column = "\(key).\(e.column ?? "")"
                throw e
            }
        }
        return try located {
            try doc.rejectUnknownKeys(["action", "table", "rows", "column", "factor", "values"])
            let actionText = try doc.string("action")
            guard let action = TableEdit.Action(rawValue: actionText) else {
                throw DataError(file: file, column: "action", expected: "add, remove or scale", found: actionText, rule: "unknown-value")
            }
            var values: [String: String] = [:]
            if case .table(let v)? = doc.node("values") { for (k, x) in v { values[k] = x.text } }
            if action == .add, values.isEmpty {
                throw DataError(file: file, column: "values", expected: "the new row's values, e.g. values = { id = \"…\", … }", found: nil, rule: "missing-key")
            }
            if action == .scale, doc.node("factor")?.number == nil || doc.node("column") == nil {
                throw DataError(file: file, column: "factor", expected: "a column and a numeric factor for scale", found: nil, rule: "missing-key")
            }
            let rows = try InputLoader.strings(doc, "rows")
            if action != .add, rows.isEmpty {
                throw DataError(file: file, column: "rows", expected: "the row keys to \(action.rawValue) (\"*\" for all)", found: nil, rule: "missing-key")
            }
            return TableEdit(
                action: action, table: try doc.string("table"), rows: rows, column: doc.node("column").map(\.text),
                factor: doc.node("factor")?.number, values: values, file: file, key: key)
        }
    }
}
