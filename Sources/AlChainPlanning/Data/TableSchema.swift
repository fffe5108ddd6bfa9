import AlChainIO

/// One CSV table of `Models/` or a region's `Inputs/`, declared once: its columns with their units, and the
/// columns that identify a row. The reader (which files), the loader (required columns, unique keys), the
/// scenario applier (row keys of `--set table.<key>.<column>` and edits) and docs/DATA.md (checked by a
/// test) all read `TableSchema.all`.
public struct TableSchema: Sendable {
    /// Where the file lives.
    public enum Folder: String, Sendable {
        /// `Models/`: the chain, shared by every region.
        case models = "Models"
        /// A region's `Inputs/<region>/`.
        case inputs = "Inputs/guizhou"
    }

    /// One column and its unit as docs/DATA.md writes it (`–` for none).
    public struct Column: Sendable {
        public let name: String
        public let unit: String
    }

    /// The file's name without `.csv`.
    public let name: String
    public let folder: Folder
    /// The columns whose values, joined by ":", identify a row (unique in the file).
    public let key: [String]
    /// Every column the file must have, in documentation order.
    public let columns: [Column]

    init(_ name: String, _ folder: Folder, key: [String], _ columns: [(String, String)]) {
        self.name = name
        self.folder = folder
        self.key = key
        self.columns = columns.map { Column(name: $0.0, unit: $0.1) }
    }

    /// The column names.
    public var columnNames: [String] { columns.map(\.name) }

    /// Checks that `table` has every column and that its keys are unique.
    public func check(_ table: CSVTable) throws(DataError) {
        try table.require(columnNames)
        try table.requireUnique(key)
    }

    /// Every table, `Models/` first.
    public static let all: [TableSchema] = [
        TableSchema("commodities", .models, key: ["id"], [
            ("id", "–"), ("name_zh", "–"), ("name_en", "–"), ("unit", "–"), ("tags", "–"), ("transportable", "–"), ("source", "–"),
        ]),
        TableSchema("processes", .models, key: ["id"], [
            ("id", "–"), ("name_zh", "–"), ("name_en", "–"), ("stage", "–"), ("cell_class", "–"), ("cell_ka", "kA"),
            ("ac_kwh_per_t", "kWh/t"), ("power_kwh_per_t", "kWh/t"), ("process_co2_t_per_t", "t/t"), ("gas_m3_per_t", "m³/t"),
            ("variable_cost_yuan_per_t", "元/t"), ("ore", "–"), ("source", "–"),
        ]),
        TableSchema("process_io", .models, key: ["process", "commodity"], [
            ("process", "–"), ("commodity", "–"), ("coefficient", "t per unit activity"), ("source", "–"),
        ]),
        TableSchema("cost_categories", .models, key: ["id"], [("id", "–"), ("name_en", "–"), ("value_added", "–"), ("source", "–")]),
                TableSchema("clusters", .inputs, key: ["id"], [("id", "–"), ("name_zh", "–"), ("name_en", "–"), ("parks", "–"), ("source", "–")]),
        TableSchema("plants", .inputs, key: ["id"], [
            ("id", "–"), ("name_zh", "–"), ("name_en", "–"), ("cluster", "–"), ("park", "–"), ("process", "–"), ("capacity_t", "t/yr"),
            ("min_utilisation", "0–1"), ("unit_t", "t/yr"), ("retire_year", "year"), ("base_year_utilisation", "0–1"), ("source", "–"),
        ]),
        TableSchema("candidates", .inputs, key: ["id"], [
            ("id", "–"), ("name_zh", "–"), ("name_en", "–"), ("cluster", "–"), ("park", "–"), ("process", "–"), ("unit_t", "t/yr"),
            ("max_units", "–"), ("earliest_year", "year"), ("capex_yuan_per_t", "元 per t/yr of capacity"),
            ("fixed_om_yuan_per_t_yr", "元/t·yr"), ("project", "–"), ("min_utilisation", "0–1"), ("planned_year", "year"),
            ("forbidden", "–"), ("min_build_t", "t/yr"), ("source", "–"),
        ]),
        TableSchema("prices", .inputs, key: ["commodity", "year"], [
            ("commodity", "–"), ("year", "–"), ("sale_price_yuan_per_t", "元/t"), ("import_price_yuan_per_t", "元/t"),
            ("value_price_yuan_per_t", "元/t"), ("source", "–"),
        ]),
        TableSchema("market", .inputs, key: ["commodity", "year"], [
            ("commodity", "–"), ("year", "–"), ("min_sales_t", "t/yr"), ("max_sales_t", "t/yr"), ("source", "–"),
        ]),
        TableSchema("scrap_arisings", .inputs, key: ["cluster", "year"], [
            ("cluster", "–"), ("year", "–"), ("eol_scrap_t", "t/yr"), ("source", "–"),
        ]),
        TableSchema("transport", .inputs, key: ["from", "to", "mode"], [
            ("from", "–"), ("to", "–"), ("mode", "–"), ("distance_km", "km"), ("source", "–"),
        ]),
        TableSchema("power", .inputs, key: ["cluster", "source_id"], [
            ("cluster", "–"), ("source_id", "–"), ("name_zh", "–"), ("price_yuan_per_kwh", "元/kWh"), ("co2_kg_per_kwh", "kg/kWh"),
            ("clean", "–"), ("max_share", "0–1"), ("base_year_gwh", "GWh"), ("source", "–"),
        ]),
        TableSchema("targets", .inputs, key: ["id"], [
            ("id", "–"), ("metric", "–"), ("scope", "–"), ("op", "–"), ("value", "`unit`"), ("unit", "–"), ("from_year", "year"),
            ("to_year", "year"), ("enabled", "–"), ("source", "–"),
        ]),
        TableSchema("calibration", .inputs, key: ["fact"], [
            ("fact", "–"), ("quantity", "–"), ("scope", "–"), ("year", "year"), ("value", "`unit`"), ("unit", "–"), ("tolerance", "–"),
            ("source", "–"),
        ]),
    ]

    /// The schema of a table by name.
    public static func named(_ name: String) -> TableSchema? { all.first { $0.name == name } }
    /// The schema of a table the loader reads (its name is one of `all`'s; a missing one is a bug).
    static func of(_ name: String) -> TableSchema { named(name)! }
}
