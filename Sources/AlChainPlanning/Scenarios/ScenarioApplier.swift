import AlChainIO
import Foundation

/// Applies scenarios to raw inputs.
public enum ScenarioApplier {
    /// The columns whose values, joined by ":", identify a row of each table in key paths.
    public static let keyColumns: [String: [String]] = Dictionary(uniqueKeysWithValues: TableSchema.all.map { ($0.name, $0.key) })

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
        if case .table = value {  // `"key" = {}` would be written as the text "{…}" or replace a settings table
            throw DataError(file: file, column: key, expected: "a value: a number, text, true/false or a list", found: "a table {…}", rule: "wrong-type")
        }
        if head == "settings" || head == "metrics" {
            let path = parts.dropFirst().joined(separator: ".")
            if (head == "settings" ? raw.settings : raw.metrics).node(path) == value {
                throw noChange(key, value, file: file)
            }
            if head == "settings" {
                // Only values: a whole table (`settings.energy`) would silently reset its keys to their defaults.
                let settable = SettingsSchema.valueKeys
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
        if try rows.allSatisfy({ try table.rows[$0].text(parts[2]) == value.text }) { throw noChange(key, value, file: file) }
        for i in rows { _ = table.rows[i].set(parts[2], value.text, from: (file, key)) }
        // The cell's declared type and range, checked here so that the error names this key at once.
        if let column = TableSchema.named(head)?.column(parts[2]) {
            for i in rows { try column.check(table.rows[i]) }
        }
        raw.tables[head] = table
    }

    /// A `--set` or `[set]` value that is already the data's: a typo or a stale scenario, never intended.
    static func noChange(_ key: String, _ value: TOMLNode, file: String) -> DataError {
        DataError(file: file, column: key, expected: "a value different from the data's", found: "\(value.text), which the data already holds; the setting would change nothing", rule: "no-change")
    }

    static func matchingRows(_ table: CSVTable, rowKey: String, keyColumns: [String], file: String, key: String) throws -> [Int] {
        if rowKey == "*" { return Array(table.rows.indices) }
        var wanted = rowKey.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        while wanted.count < keyColumns.count { wanted.append("") }
        let matches = table.rows.indices.filter { i in
            // A part `*` matches every value of its key column (`power.*:grid.price_yuan_per_kwh`: grid power in every cluster).
            zip(keyColumns, wanted).allSatisfy { $0.1 == "*" || (try? table.rows[i].text($0.0)) == $0.1 }
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
            if let why = NumericPolicy.problem(factor) ?? (factor == 1 ? "1 changes nothing" : nil) {
                throw DataError(file: edit.file, column: "\(edit.key).factor", expected: "a finite factor other than 1, within ±1e15", found: why, rule: "out-of-range")
            }
            var rows = Set<Int>()
            for rowKey in edit.rows { rows.formUnion(try matchingRows(table, rowKey: rowKey, keyColumns: keyColumns, file: edit.file, key: "\(edit.key).rows")) }
            // An edit that changes nothing is an error: it is a typo (a text column, rows whose cells are empty).
            guard try rows.contains(where: { !(try table.rows[$0].text(column)).isEmpty }) else {
                throw DataError(file: edit.file, column: "\(edit.key).column", expected: "selected rows with values to scale", found: "every selected cell of \(column) is empty; the edit would change nothing", rule: "no-change")
            }
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
