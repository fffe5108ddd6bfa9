import AlChainIO

/// The checks every table gets from its declaration: columns, unique keys, and each cell's type and range,
/// located at the cell (or at the `--set` or scenario key that changed it).
extension TableSchema {
    /// The years a `year` cell may hold.
    static let years = 1990...2100

    /// Checks that `table` has every column, that every cell fits its column's declaration, and that keys are unique.
    public func check(_ table: CSVTable) throws(DataError) {
        try table.require(columnNames)
        for row in table.rows {
            for column in columns { try column.check(row) }
        }
        try table.requireUnique(key)
    }

    /// Findings for the columns `validate` judges (`checkedBy: .validation`): a blank required cell, a value
    /// outside the allowed set.
    static func validationFindings(_ raw: RawInputs) -> [InputValidation.Finding] {
        var out: [InputValidation.Finding] = []
        for schema in all {
            guard let table = raw.tables[schema.name] else { continue }
            for column in schema.columns where column.checkedBy == .validation && table.header.contains(column.name) {
                let allowed: [String]
                switch column.type {
                case .choice(let values): allowed = values.sorted()
                case .flag: allowed = CSVTable.Row.flagWords.sorted()
                default: continue
                }
                for row in table.rows {
                    let text = (try? row.text(column.name)) ?? ""
                    if text.isEmpty {
                        if column.required {
                            out.append(InputValidation.finding(.error, table, row, column.name, "missing-value", "a value is required (one of \(allowed.joined(separator: ", ")))"))
                        }
                    } else if !allowed.contains(text.lowercased()) {
                        out.append(InputValidation.finding(.error, table, row, column.name, "unknown-value", "'\(text)' is not one of \(allowed.joined(separator: ", "))"))
                    }
                }
            }
        }
        return out
    }
}

extension TableSchema.Column {
    /// Checks one cell as the loader does: a blank required cell, a cell of the wrong type, a number outside its
    /// range, a value outside a closed set. References to other tables are checked by the loader, which has them.
    public func check(_ row: CSVTable.Row) throws(DataError) {
        let text = try row.text(name)
        if text.isEmpty {
            guard required, checkedBy == .loader else { return }
            let expected = switch type {
            case .number: "a number"
            case .integer: "a whole number"
            case .year: "a year"
            default: "a value"
            }
            throw row.error(name, expected: expected, found: text, rule: "missing-value")
        }
        switch type {
        case .text, .list, .reference:
            return
        case .id:
            _ = try InputLoader.checkID(row, name)
        case .number:
            try checkRange(try row.number(name), row, "a number")
        case .integer:
            try checkRange(Double(try row.integer(name)), row, "a whole number")
        case .year:
            let year = try row.integer(name)
            guard TableSchema.years.contains(year) else {
                throw row.error(name, expected: "a year between \(TableSchema.years.lowerBound) and \(TableSchema.years.upperBound)", found: "\(year)", rule: "out-of-range")
            }
        case .flag:
            _ = try row.flag(name, default: false)
        case .choice(let values):
            guard checkedBy == .loader, !values.contains(text) else { return }
            throw row.error(name, expected: "one of \(values.joined(separator: ", "))", found: text, rule: "unknown-value")
        }
    }

    func checkRange(_ x: Double, _ row: CSVTable.Row, _ what: String) throws(DataError) {
        guard let range, !range.contains(x) else { return }
        let (expected, rule) = range.expectation(what, unit: unit)
        throw row.error(name, expected: expected, found: try row.text(name), rule: rule)
    }
}
