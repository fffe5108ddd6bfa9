/// One key of `settings.toml`, declared once: its type, default, unit, physical range, how far `--set` may move
/// it, meaning and what it drives. The loader (known keys, defaults, types, ranges), the scenario applier (which
/// keys `--set settings.…` may change), `OverrideRanges` (the `--set` range), metric filters that name a setting,
/// and docs/DATA.md (checked by a test) all read `SettingsSchema.declarations`.
public struct SettingDeclaration: Sendable {
    /// The TOML type of the value.
    public enum ValueType: String, Sendable { case text, number, integer, bool, numbers, integers }
    /// What a change of the value changes (a test changes each setting and checks that this moves).
    public enum Drives: String, Sendable {
        /// The LP/MIP (bounds, coefficients, rows, metric filters).
        case model
        /// The solver's options.
        case solver
        /// The plan's label in reports and files.
        case label
        /// Nothing the program computes: a note for the file's reader, so `--set` refuses it.
        case documentation
    }

    /// The dotted key, e.g. `energy.benchmark_ac_kwh_per_t`.
    public let key: String
    public let type: ValueType
    /// The default as written in TOML; `nil` when the key is required.
    public let defaultValue: String?
    /// The unit as docs/DATA.md writes it (`–` for none).
    public let unit: String
    public let drives: Drives
    /// One line for the documentation.
    public let meaning: String
    /// The physical bounds of a numeric value (the loader refuses a value outside them).
    public var range: ValueRange? = nil
    /// How far a one-off override (`--set`, the explorer) may move it.
    public var override: OverrideRange? = nil

    /// The range as docs/DATA.md's `range` column writes it (`–` for none).
    public var rangeText: String { range?.text ?? "–" }

    /// The default as a number, for numeric keys that have one.
    public var defaultNumber: Double? { defaultValue.flatMap(Double.init) }
}

/// The keys of `settings.toml`.
public enum SettingsSchema {
    /// Every setting, in the order docs/DATA.md lists them.
    public static let declarations: [SettingDeclaration] = [
        .init(key: "name", type: .text, defaultValue: "plan", unit: "–", drives: .label, meaning: "scenario label"),
        .init(key: "description", type: .text, defaultValue: "", unit: "–", drives: .documentation, meaning: "what the file describes (not settable)"),
        .init(key: "years", type: .integers, defaultValue: nil, unit: "–", drives: .model, meaning: "model years"),
        .init(key: "year_weights", type: .numbers, defaultValue: "1 each", unit: "yr", drives: .model, meaning: "years each model year stands for"),
        .init(key: "base_year", type: .integer, defaultValue: nil, unit: "–", drives: .model, meaning: "calibration year"),
        .init(key: "discount_rate", type: .number, defaultValue: nil, unit: "1/yr", drives: .model, meaning: "real discount rate", range: ValueRange(0, 1, upperIncluded: false)),
        .init(key: "objective", type: .text, defaultValue: "cost", unit: "–", drives: .model, meaning: "`cost` or `value`"),
        .init(key: "replacement.ratio", type: .number, defaultValue: "1", unit: "–", drives: .model, meaning: "t retired per t built", range: .nonNegative),
        .init(key: "replacement.min_cell_ka", type: .number, defaultValue: "400", unit: "kA", drives: .model, meaning: "smallest cell a new potline may use", range: .nonNegative),
        .init(key: "replacement.max_ac_kwh_per_t", type: .number, defaultValue: "13000", unit: "kWh/t", drives: .model, meaning: "most AC power a new potline may use", range: .nonNegative),
        .init(key: "replacement.quota_t", type: .number, defaultValue: nil, unit: "t", drives: .model, meaning: "provincial electrolytic capacity ceiling", range: .nonNegative),
        .init(key: "replacement.index_price_yuan_per_t", type: .number, defaultValue: nil, unit: "元/t", drives: .model, meaning: "price of capacity indices bought outside", range: .nonNegative, override: .upToShipped(factor: 5, unit: "元/t")),
        .init(key: "replacement.max_index_purchase_t", type: .number, defaultValue: nil, unit: "t", drives: .model, meaning: "indices obtainable, cumulative", range: .nonNegative, override: .upToSetting("replacement.quota_t", unit: "t", what: "the provincial quota")),
        .init(key: "refining.forbid_new_diasporic_refining", type: .bool, defaultValue: "true", unit: "bool", drives: .model, meaning: "no new refining lines on `refining.restricted_ore`"),
        .init(key: "refining.restricted_ore", type: .text, defaultValue: "diasporic", unit: "–", drives: .model, meaning: "the ore (`processes.csv` `ore`) new refining lines may not use"),
        .init(key: "energy.benchmark_ac_kwh_per_t", type: .number, defaultValue: "13000", unit: "kWh/t", drives: .model, meaning: "energy benchmark; `metrics.toml` filters name it", range: .nonNegative),
        .init(key: "energy.baseline_ac_kwh_per_t", type: .number, defaultValue: "13350", unit: "kWh/t", drives: .model, meaning: "energy baseline; `metrics.toml` filters name it", range: .nonNegative),
        .init(key: "energy.gas_price_yuan_per_m3", type: .number, defaultValue: "3.5", unit: "元/m³", drives: .model, meaning: "natural gas price", range: .nonNegative),
        .init(key: "energy.co2_price_yuan_per_t", type: .number, defaultValue: "0", unit: "元/t", drives: .model, meaning: "carbon price", range: .nonNegative,
              override: .fixed(min: 0, max: OverrideRanges.maxCarbonPrice, unit: "元/t CO2", basis: "ASSUMED ceiling, above the EU ETS peak")),
        .init(key: "transport.road_yuan_per_tkm", type: .number, defaultValue: nil, unit: "元/t·km", drives: .model, meaning: "road freight rate", range: .nonNegative),
        .init(key: "transport.rail_yuan_per_tkm", type: .number, defaultValue: nil, unit: "元/t·km", drives: .model, meaning: "rail freight rate", range: .nonNegative),
        .init(key: "transport.road_fixed_yuan_per_t", type: .number, defaultValue: "0", unit: "元/t", drives: .model, meaning: "loading and transfer per t by road", range: .nonNegative),
        .init(key: "transport.rail_fixed_yuan_per_t", type: .number, defaultValue: "0", unit: "元/t", drives: .model, meaning: "loading and transfer per t by rail", range: .nonNegative),
        .init(key: "scrap.collection_yuan_per_t", type: .number, defaultValue: "the eol import price", unit: "元/t", drives: .model, meaning: "collecting and sorting a tonne of local end-of-life scrap", range: .nonNegative),
        .init(key: "scrap.import_haulage_yuan_per_t", type: .number, defaultValue: "0", unit: "元/t", drives: .model, meaning: "haulage of a tonne of imported end-of-life scrap, on top of its price", range: .nonNegative),
    ] + Stage.allCases.filter { $0 != .mining }.map {  // no region builds mines: bauxite is mined or imported
        .init(key: "lead_times.\($0.rawValue)", type: .integer, defaultValue: "1", unit: "yr", drives: .model,
              meaning: "years from the base year to the first year new \($0.rawValue) capacity can run", range: ValueRange(1, 30))
    } + [
        .init(key: "solver.mip_gap", type: .number, defaultValue: "0.0001", unit: "–", drives: .solver, meaning: "relative MIP gap", range: .nonNegative),
        .init(key: "solver.time_limit_s", type: .number, defaultValue: "60", unit: "s", drives: .solver, meaning: "solver time limit (0 = none)", range: .nonNegative),
    ]

    /// The declaration of `key`, if any.
    public static func declaration(_ key: String) -> SettingDeclaration? { byKey[key] }
    static let byKey = Dictionary(uniqueKeysWithValues: declarations.map { ($0.key, $0) })

    /// The keys `--set settings.<key>` accepts: every declared key that drives something.
    public static var valueKeys: [String] { declarations.filter { $0.drives != .documentation }.map(\.key) }

    /// Every key `settings.toml` may hold: the declared keys and the tables that group them.
    public static let fileKeys: Set<String> = Set(declarations.flatMap { d -> [String] in
        guard let dot = d.key.firstIndex(of: ".") else { return [d.key] }
        return [d.key, String(d.key[..<dot])]
    })

    /// Numeric keys a metric filter may name instead of a number.
    public static var numericKeys: [String] { declarations.filter { $0.type == .number || $0.type == .integer }.map(\.key) }
}
