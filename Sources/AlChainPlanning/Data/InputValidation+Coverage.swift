import AlChainIO

/// Checks of documented columns the loader reads without judging them (issue 15): the allowed sets of
/// docs/DATA.md, cells that must not be empty, signs that make no physical sense, and calibration.csv.
extension InputValidation {
    /// Columns whose values come from a documented set (docs/DATA.md); blank is allowed where the docs allow it.
    static let allowedValues: [(table: String, column: String, allowed: Set<String>, blankAllowed: Bool)] = [
        ("processes", "cell_class", ["lt400", "ka400", "ka500"], true),
        ("processes", "ore", ["diasporic", "imported"], true),
        ("power", "clean", ["yes", "no", "true", "false", "1", "0", "y", "n"], false),
    ]

    /// Columns that must be ≥ 0 when given (the loader reads them as plain numbers).
    static let nonNegativeColumns: [(table: String, column: String)] = [("processes", "process_co2_t_per_t")]

    /// Findings for allowed sets, required cells, signs and calibration facts.
    public static func coverageFindings(_ raw: RawInputs, _ inputs: PlanInputs) -> [Finding] {
        var out: [Finding] = []
        for rule in allowedValues {
            guard let table = raw.tables[rule.table], table.header.contains(rule.column) else { continue }
            for row in table.rows {
                let text = (try? row.text(rule.column)) ?? ""
                if text.isEmpty {
                    if !rule.blankAllowed {
                        out.append(finding(.error, table, row, rule.column, "missing-value", "a value is required (one of \(rule.allowed.sorted().joined(separator: ", ")))"))
                    }
                } else if !rule.allowed.contains(text.lowercased()) {
                    out.append(finding(.error, table, row, rule.column, "unknown-value", "'\(text)' is not one of \(rule.allowed.sorted().joined(separator: ", "))"))
                }
            }
        }
        for (name, column) in nonNegativeColumns {
            guard let table = raw.tables[name], table.header.contains(column) else { continue }
            for row in table.rows {
                if let x = try? row.optionalNumber(column), x < 0 {
                    out.append(finding(.error, table, row, column, "negative-value", "\(x) is negative; an emission factor is ≥ 0"))
                }
            }
        }
        out += calibrationFindings(raw, inputs)
        out += idLengthFindings(raw)
        return out
    }

    /// The longest id accepted: ids become parts of the solver's row and column names, which GLPK limits to
    /// 255 bytes, and a name joins up to three ids with an index.
    static let maxIDBytes = 64

    /// Ids (the `id` key column of a table) longer than `maxIDBytes`: reported at the row, not as a nameless
    /// solver column later.
    static func idLengthFindings(_ raw: RawInputs) -> [Finding] {
        var out: [Finding] = []
        for schema in TableSchema.all where schema.key == ["id"] {
            guard let table = raw.tables[schema.name] else { continue }
            for row in table.rows {
                guard let id = try? row.text("id"), id.utf8.count > maxIDBytes else { continue }
                out.append(finding(.error, table, row, "id", "out-of-range", "the id is \(id.utf8.count) bytes long; at most \(maxIDBytes) are allowed (ids become solver names)"))
            }
        }
        return out
    }

    /// calibration.csv: every quantity one AlChain computes, and no fact twice (the same quantity, scope and year).
    static func calibrationFindings(_ raw: RawInputs, _ inputs: PlanInputs) -> [Finding] {
        guard let table = raw.tables["calibration"] else { return [] }
        var out: [Finding] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let quantity = try? row.text("quantity") else { continue }
            if !Calibration.quantities.contains(quantity) {
                out.append(finding(.error, table, row, "quantity", "unknown-value",
                                   "unknown quantity '\(quantity)'; expected one of \(Calibration.quantities.joined(separator: ", "))"))
            }
            let key = [quantity, (try? row.text("scope")) ?? "", (try? row.text("year")) ?? ""].joined(separator: "|")
            if let first = seen[key] {
                out.append(finding(.error, table, row, "fact", "duplicate-key", "the same fact (quantity, scope, year) as line \(first)"))
            } else {
                seen[key] = row.line
            }
        }
        return out
    }
}
