import AlChainIO

/// One CSV table of `Models/` or a region's `Inputs/`, declared once: its columns with their types, units and
/// ranges, and the columns that identify a row. The reader (which files), the loader (required columns, unique
/// keys, every cell's type and range: `check`), validation (the allowed sets it reports as findings), the
/// scenario applier (row keys of `--set table.<key>.<column>` and edits, the type of a `--set` cell), the
/// override ranges of `--set` and docs/DATA.md (checked by a test) all read `TableSchema.all`.
public struct TableSchema: Sendable {
    /// Where the file lives.
    public enum Folder: String, Sendable {
        /// `Models/`: the chain, shared by every region.
        case models = "Models"
        /// A region's `Inputs/<region>/`.
        case inputs = "Inputs/guizhou"
    }

    /// What a column's cells hold.
    public enum ColumnType: Sendable, Equatable {
        /// Free text (names, provenance).
        case text
        /// An identifier of lowercase letters, digits, `_` or `-`.
        case id
        /// A `;`-separated list.
        case list
        /// A finite number.
        case number
        /// A whole number.
        case integer
        /// A calendar year (1990–2100).
        case year
        /// yes/no (also true/false, y/n, 1/0).
        case flag
        /// One of a closed set of values.
        case choice([String])
        /// The key of a row of another table (a foreign key), or one of `also`.
        case reference(String, also: [String] = [])
    }

    /// Who reports a cell outside its declaration: the loader (an error that stops every command) or `validate`
    /// (a finding; the loader reads the cell as text and judges nothing).
    public enum CheckedBy: Sendable { case loader, validation }

    /// One column: its unit as docs/DATA.md writes it (`–` for none), type, whether a cell may be blank, physical
    /// range and how far `--set` may move it.
    public struct Column: Sendable {
        public let name: String
        public let unit: String
        public let type: ColumnType
        /// A blank cell is an error (otherwise blank means "not given").
        public let required: Bool
        /// Physical bounds of a number.
        public let range: ValueRange?
        /// Where a cell outside the allowed set (or a blank required one) is reported.
        public let checkedBy: CheckedBy
        /// How far a one-off override may move the value.
        public let override: OverrideRange?

        /// The type as docs/DATA.md's `type` column writes it, e.g. `number ≥ 0, required`.
        public var typeText: String {
            var text: String
            switch type {
            case .text: text = "text"
            case .id: text = "id"
            case .list: text = "list"
            case .number: text = "number"
            case .integer: text = "whole number"
            case .year: text = "year"
            case .flag: text = "yes/no"
            case .choice(let values): text = "one of " + values.joined(separator: ", ")
            case .reference(let table, let also): text = "id of \(table)" + also.map { " or \($0)" }.joined()
            }
            if let range { text += " " + range.text }
            if required { text += ", required" }
            if checkedBy == .validation { text += " (validate)" }
            return text
        }
    }

    /// The file's name without `.csv`.
    public let name: String
    public let folder: Folder
    /// The columns whose values, joined by ":", identify a row (unique in the file).
    public let key: [String]
    /// Every column the file must have, in documentation order.
    public let columns: [Column]

    init(_ name: String, _ folder: Folder, key: [String], _ columns: [Column]) {
        self.name = name
        self.folder = folder
        self.key = key
        self.columns = columns
    }

    /// The column names.
    public var columnNames: [String] { columns.map(\.name) }

    /// The declaration of column `name`, if any.
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// Every table, `Models/` first.
    public static let all: [TableSchema] = [
        TableSchema("commodities", .models, key: ["id"], [
            id, text("name_zh"), text("name_en"), text("unit"), col("tags", .list), col("transportable", .flag), source,
        ]),
        TableSchema("processes", .models, key: ["id"], [
            id, text("name_zh"), text("name_en"), col("stage", .choice(Stage.allCases.map(\.rawValue)), required: true),
            col("cell_class", .choice(["lt400", "ka400", "ka500"]), checkedBy: .validation), col("cell_ka", .number, unit: "kA", range: .nonNegative),
            col("ac_kwh_per_t", .number, unit: "kWh/t", range: ValueRange(10_000, 16_000)), col("power_kwh_per_t", .number, unit: "kWh/t", range: .nonNegative),
            col("process_co2_t_per_t", .number, unit: "t/t", range: .nonNegative), col("gas_m3_per_t", .number, unit: "m³/t", range: .nonNegative),
            col("variable_cost_yuan_per_t", .number, unit: "元/t"), col("ore", .choice(["diasporic", "imported"]), checkedBy: .validation), source,
        ]),
        TableSchema("process_io", .models, key: ["process", "commodity"], [
            col("process", .reference("processes"), required: true), col("commodity", .reference("commodities"), required: true),
            col("coefficient", .number, unit: "t per unit activity", required: true), text("source"),
        ]),
        TableSchema("cost_categories", .models, key: ["id"], [
            col("id", .choice(CostCategory.allCases.map(\.rawValue)), required: true), text("name_en"),
            col("value_added", .choice(["yes", "no"]), required: true), text("source"),
        ]),
        TableSchema("clusters", .inputs, key: ["id"], [id, text("name_zh"), text("name_en"), col("parks", .list), source]),
        TableSchema("plants", .inputs, key: ["id"], [
            id, text("name_zh"), text("name_en"), cluster("cluster"), park, process,
            col("capacity_t", .number, unit: "t/yr", required: true, range: .nonNegative), utilisation("min_utilisation"),
            col("unit_t", .number, unit: "t/yr", range: .nonNegative), col("retire_year", .year, unit: "year"),
            utilisation("base_year_utilisation"), source,
        ]),
        TableSchema("candidates", .inputs, key: ["id"], [
            id, text("name_zh"), text("name_en"), cluster("cluster"), park, process,
            col("unit_t", .number, unit: "t/yr", required: true, range: .nonNegative),
            col("max_units", .integer, required: true, range: .nonNegative, override: .upToShippedCount(unit: "units")),
            col("earliest_year", .year, unit: "year", override: .modelYears),
            col("capex_yuan_per_t", .number, unit: "元 per t/yr of capacity", required: true, range: .nonNegative),
            col("fixed_om_yuan_per_t_yr", .number, unit: "元/t·yr", range: .nonNegative), text("project"), utilisation("min_utilisation"),
            col("planned_year", .year, unit: "year"), col("forbidden", .flag),
            col("min_build_t", .number, unit: "t/yr", range: .nonNegative), source,
        ]),
        TableSchema("prices", .inputs, key: ["commodity", "year"], [
            commodity, col("year", .year), price("sale_price_yuan_per_t"), price("import_price_yuan_per_t"), price("value_price_yuan_per_t"), source,
        ]),
        TableSchema("market", .inputs, key: ["commodity", "year"], [
            commodity, col("year", .year), tonnes("min_sales_t"), tonnes("max_sales_t"), source,
        ]),
        TableSchema("scrap_arisings", .inputs, key: ["cluster", "year"], [
            cluster("cluster"), col("year", .year, required: true), col("eol_scrap_t", .number, unit: "t/yr", required: true, range: .nonNegative), source,
        ]),
        TableSchema("transport", .inputs, key: ["from", "to", "mode"], [
            cluster("from"), cluster("to"), col("mode", .choice(TransportMode.allCases.map(\.rawValue)), required: true),
            col("distance_km", .number, unit: "km", required: true, range: .nonNegative), source,
        ]),
        TableSchema("power", .inputs, key: ["cluster", "source_id"], [
            cluster("cluster"), col("source_id", .id, required: true), text("name_zh"),
            col("price_yuan_per_kwh", .number, unit: "元/kWh", required: true, range: ValueRange(0, 5, upperIncluded: false),
                override: .fixed(min: OverrideRanges.powerPrice.lowerBound, max: OverrideRanges.powerPrice.upperBound, unit: "元/kWh",
                                 basis: "the usual price of industrial power (as validate)")),
            col("co2_kg_per_kwh", .number, unit: "kg/kWh", required: true, range: .nonNegative),
            col("clean", .flag, required: true, checkedBy: .validation), col("max_share", .number, unit: "0–1", range: .fraction),
            col("base_year_gwh", .number, unit: "GWh", range: .nonNegative), source,
        ]),
        TableSchema("targets", .inputs, key: ["id"], [
            id, col("metric", .reference("metrics.toml"), required: true), col("scope", .reference("clusters", also: [PlanScope.province]), required: true),
            col("op", .choice(Target.Op.allCases.map(\.rawValue)), required: true), col("value", .number, unit: "`unit`", required: true, override: .targetValue),
            col("unit", .choice(["%", "t", "亿元"]), required: true), col("from_year", .year, unit: "year", required: true, override: .modelYears),
            col("to_year", .year, unit: "year", override: .modelYears), col("enabled", .flag), source,
        ]),
        TableSchema("calibration", .inputs, key: ["fact"], [
            col("fact", .text, required: true), col("quantity", .text, required: true), col("scope", .text, required: true),
            col("year", .year, unit: "year", required: true), col("value", .number, unit: "`unit`", required: true), text("unit"),
            col("tolerance", .number, range: .fraction), source,
        ]),
    ]

    /// A column; most are optional text.
    static func col(_ name: String, _ type: ColumnType, unit: String = "–", required: Bool = false, range: ValueRange? = nil,
                    checkedBy: CheckedBy = .loader, override: OverrideRange? = nil) -> Column {
        Column(name: name, unit: unit, type: type, required: required, range: range, checkedBy: checkedBy, override: override)
    }
    static func text(_ name: String) -> Column { col(name, .text) }
    static func cluster(_ name: String) -> Column { col(name, .reference("clusters"), required: true) }
    static func utilisation(_ name: String) -> Column { col(name, .number, unit: "0–1", range: .fraction) }
    static func price(_ name: String) -> Column { col(name, .number, unit: "元/t", range: .nonNegative) }
    static func tonnes(_ name: String) -> Column { col(name, .number, unit: "t/yr", range: .nonNegative) }
    static let id = col("id", .id, required: true)
    static let source = col("source", .text, required: true)
    static let park = col("park", .reference("clusters.parks"), required: true)
    static let process = col("process", .reference("processes"), required: true)
    static let commodity = col("commodity", .reference("commodities"), required: true)

    /// The schema of a table by name.
    public static func named(_ name: String) -> TableSchema? { all.first { $0.name == name } }
    /// The schema of a table the loader reads (its name is one of `all`'s; a missing one is a bug).
    static func of(_ name: String) -> TableSchema { named(name)! }
}
