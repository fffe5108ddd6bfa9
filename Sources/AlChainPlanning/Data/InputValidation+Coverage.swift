import AlChainIO

/// Checks of documented columns the loader reads without judging them (issue 15): the allowed sets that
/// `TableSchema` leaves to `validate`, id lengths, and calibration.csv.
extension InputValidation {
    /// Findings for allowed sets (declared in `TableSchema`), calibration facts and id lengths.
    public static func coverageFindings(_ raw: RawInputs, _ inputs: PlanInputs) -> [Finding] {
        var out = TableSchema.validationFindings(raw)
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
