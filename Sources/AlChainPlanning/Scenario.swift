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
            if case .table(let sub) = table[key]! { out += flatten(sub, prefix: path) } else { out.append((path, table[key]!)) }
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

/// Applies scenarios to raw inputs.
public enum ScenarioApplier {
    /// The columns whose values, joined by ":", identify a row of each table in key paths.
    public static let keyColumns: [String: [String]] = [
        "commodities": ["id"], "processes": ["id"], "process_io": ["process", "commodity"],
        "clusters": ["id"], "plants": ["id"], "candidates": ["id"], "targets": ["id"], "calibration": ["fact"],
        "prices": ["commodity", "year"], "market": ["commodity", "year"], "scrap_arisings": ["cluster", "year"],
        "transport": ["from", "to", "mode"], "power": ["cluster", "source_id"],
    ]

    /// The scenario chain from the root to `scenario`, following `extends` among `known`; cycles are errors.
    public static func chain(_ scenario: Scenario, known: [String: Scenario]) throws -> [Scenario] {
        var chain = [scenario]
        var seen: Set<String> = [scenario.name]
        var current = scenario
        while let parent = current.extends {
            guard let next = known[parent] else {
                throw DataError(file: current.file, column: "extends", expected: "the name of another scenario (\(known.keys.sorted().joined(separator: ", "))) or base", found: parent, rule: "unknown-scenario")
            }
            guard seen.insert(next.name).inserted else {
                throw DataError(file: current.file, column: "extends", expected: "no cycle of extends", found: (chain.map(\.name) + [next.name]).joined(separator: " → "), rule: "extends-cycle")
            }
            chain.append(next)
            current = next
        }
        return chain.reversed()
    }

    /// `raw` with every scenario in `chain` applied in order (root first).
    public static func apply(_ chain: [Scenario], to raw: RawInputs) throws -> RawInputs {
        var raw = raw
        for scenario in chain {
            for setting in scenario.settings { try set(setting.key, setting.value, in: &raw, file: setting.file) }
            for edit in scenario.edits { try apply(edit, to: &raw) }
        }
        return raw
    }

    /// Applies one `key = value`: `settings.<toml key>`, `metrics.<toml key>` or `<table>.<row key>.<column>`.
    public static func set(_ key: String, _ value: TOMLNode, in raw: inout RawInputs, file: String) throws {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first, parts.count >= 2 else {
            throw DataError(file: file, column: key, expected: "a key path like settings.discount_rate or targets.<id>.value", found: key, rule: "unknown-key")
        }
        if head == "settings" || head == "metrics" {
            let path = parts.dropFirst().joined(separator: ".")
            if head == "settings" {
                // Only values: a whole table (`settings.energy`) would silently reset its keys to their defaults.
                let settable = InputLoader.settingsKeys.filter { $0.contains(".") || !["replacement", "refining", "energy", "transport", "solver"].contains($0) }
                guard settable.contains(path) else {
                    throw DataError(file: file, column: key, expected: "a settings key (\(settable.sorted().joined(separator: ", ")))", found: path, rule: "unknown-key")
                }
                raw.settings.set(path, value)
                raw.settingsOverrides[path] = (file, key)
            } else {
                guard raw.metrics.node(path) != nil else {
                    throw DataError(file: file, column: key, expected: "an existing key of Models/metrics.toml", found: path, rule: "unknown-key")
                }
                raw.metrics.set(path, value)
                raw.metricsOverrides[path] = (file, key)
            }
            return
        }
        guard var table = raw.tables[head], let keyColumns = keyColumns[head] else {
            throw DataError(file: file, column: key, expected: "settings, metrics or a table (\(keyColumns.keys.sorted().joined(separator: ", ")))", found: head, rule: "unknown-table")
        }
        guard parts.count == 3 else {
            throw DataError(file: file, column: key, expected: "\(head).<\(keyColumns.joined(separator: ":"))>.<column>", found: key, rule: "unknown-key")
        }
        let rows = try matchingRows(table, rowKey: parts[1], keyColumns: keyColumns, file: file, key: key)
        guard table.header.contains(parts[2]) else {
            throw DataError(file: file, column: key, expected: "a column of \(head) (\(table.header.joined(separator: ", ")))", found: parts[2], rule: "unknown-column")
        }
        for i in rows { _ = table.rows[i].set(parts[2], value.text, from: (file, key)) }
        raw.tables[head] = table
    }

    static func matchingRows(_ table: CSVTable, rowKey: String, keyColumns: [String], file: String, key: String) throws -> [Int] {
        if rowKey == "*" { return Array(table.rows.indices) }
        var wanted = rowKey.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        while wanted.count < keyColumns.count { wanted.append("") }
        let matches = table.rows.indices.filter { i in
            zip(keyColumns, wanted).allSatisfy { (try? table.rows[i].text($0.0)) == $0.1 }
        }
        guard !matches.isEmpty else {
            throw DataError(file: file, column: key, expected: "a row of \(table.file) keyed \(keyColumns.joined(separator: ":"))", found: rowKey, rule: "unknown-row")
        }
        return matches
    }

    static func apply(_ edit: Scenario.TableEdit, to raw: inout RawInputs) throws {
        guard var table = raw.tables[edit.table], let keyColumns = keyColumns[edit.table] else {
            throw DataError(file: edit.file, column: "\(edit.key).table", expected: "a table (\(keyColumns.keys.sorted().joined(separator: ", ")))", found: edit.table, rule: "unknown-table")
        }
        switch edit.action {
        case .add:
            var values = edit.values
            if values["source"] == nil { values["source"] = "scenario \(edit.file)" }
            try table.append(values, from: (edit.file, "\(edit.key).values"))
        case .remove:
            var drop = Set<Int>()
            for rowKey in edit.rows { drop.formUnion(try matchingRows(table, rowKey: rowKey, keyColumns: keyColumns, file: edit.file, key: "\(edit.key).rows")) }
            table.rows = table.rows.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        case .scale:
            let column = edit.column!, factor = edit.factor!
            guard table.header.contains(column) else {
                throw DataError(file: edit.file, column: "\(edit.key).column", expected: "a column of \(edit.table) (\(table.header.joined(separator: ", ")))", found: column, rule: "unknown-column")
            }
            var rows = Set<Int>()
            for rowKey in edit.rows { rows.formUnion(try matchingRows(table, rowKey: rowKey, keyColumns: keyColumns, file: edit.file, key: "\(edit.key).rows")) }
            for i in rows.sorted() {
                let text = try table.rows[i].text(column)
                if text.isEmpty { continue }
                guard let x = Double(text) else {
                    throw DataError(file: edit.file, column: "\(edit.key).column", expected: "a numeric column to scale", found: "'\(text)' in \(column)", rule: "not-a-number")
                }
                _ = table.rows[i].set(column, CSVWriter.number(x * factor, decimals: 9), from: (edit.file, "\(edit.key).factor"))
            }
        }
        raw.tables[edit.table] = table
    }
}

/// Finds scenarios by file or name and turns them into plan inputs.
public struct ScenarioCatalog: Sendable {
    /// Scenarios by name.
    public var scenarios: [String: Scenario]

    /// A catalog of the given scenarios.
    public init(scenarios: [String: Scenario]) { self.scenarios = scenarios }

    /// Reads every `*.toml` in the given files and folders; names must be unique.
    public static func read(_ paths: [String]) throws -> ScenarioCatalog {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DataError(file: path, expected: "a scenario file or folder", found: "no such file", rule: "missing-file")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".toml") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var scenarios: [String: Scenario] = [:]
        for file in files {
            let s = try Scenario.read(file)
            if let other = scenarios[s.name] {
                throw DataError(file: s.file, column: "name", expected: "a scenario name not used by \(other.file)", found: s.name, rule: "duplicate-key")
            }
            scenarios[s.name] = s
        }
        return ScenarioCatalog(scenarios: scenarios)
    }

    /// A scenario file and the files of its `extends` chain, read from the same folder by name
    /// (`<name>.toml`); other files in the folder are not read.
    public static func chain(from path: String) throws -> (catalog: ScenarioCatalog, name: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let selected = try Scenario.read(path)
        var scenarios = [selected.name: selected]
        var next = selected.extends
        while let parent = next, scenarios[parent] == nil {
            let file = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("\(parent).toml")
            guard FileManager.default.fileExists(atPath: file) else { break }  // reported as an unknown parent
            let s = try Scenario.read(file)
            scenarios[s.name] = s
            next = s.extends
        }
        return (ScenarioCatalog(scenarios: scenarios), selected.name)
    }

    /// Scenario names in order.
    public var names: [String] { scenarios.keys.sorted() }

    /// The inputs of a scenario: its `extends` chain applied to the base data, then `extra` settings on top.
    public func inputs(_ name: String, base: RawInputs, extra: [Scenario.Setting] = []) throws -> PlanInputs {
        try prepare(name, base: base, extra: extra).inputs
    }

    /// The edited raw data and the typed inputs of a scenario (the raw data locate validation findings).
    public func prepare(_ name: String, base: RawInputs, extra: [Scenario.Setting] = []) throws -> (raw: RawInputs, inputs: PlanInputs) {
        var chain = try scenarios[name].map { try ScenarioApplier.chain($0, known: scenarios) } ?? []
        if !extra.isEmpty {
            for setting in extra { try OverrideRanges.check(setting, in: base) }
            chain.append(Scenario(name: "command line", description: "", file: "--set", extends: nil, expect: .optimal, settings: extra, edits: []))
        }
        let raw = try ScenarioApplier.apply(chain, to: base)
        var inputs = try InputLoader.load(raw)
        if let scenario = scenarios[name] { inputs.settings.name = scenario.name }
        return (raw, inputs)
    }
}
