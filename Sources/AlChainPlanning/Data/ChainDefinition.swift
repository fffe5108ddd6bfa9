/// A commodity of the chain (`Models/commodities.csv`).
public struct Commodity: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var unit: String
    /// Tags that metrics select on: ore, alumina, primary, fab_metal, product, scrap, secondary, byproduct, …
    public var tags: Set<String>
    /// Whether it moves between clusters; if not, it is balanced per park (liquid metal, molten feed).
    public var transportable: Bool
    public var source: String
}

/// The stages processes belong to; metrics and rules select processes by stage.
public enum Stage: String, Sendable, CaseIterable, Codable {
    case mining, refining, smelting, casting
    case primaryConversion = "primary_conversion"
    case secondaryConversion = "secondary_conversion"
    case fabrication, recycling, nonmetal
    case redMudUse = "red_mud_use"
}

/// A process (technology) with its per-unit inputs and outputs (`Models/processes.csv`, `process_io.csv`).
/// One unit of activity is one tonne of its main output.
public struct Process: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var stage: Stage
    /// Electrolysis cell class (lt400, ka400, ka500) and amperage, for smelting.
    public var cellClass: String?
    public var cellKA: Double?
    /// AC power per tonne of aluminium (kWh/t), for smelting — the energy-benchmark measure.
    public var acKWhPerT: Double?
    /// Electricity bought per unit of activity (kWh).
    public var powerKWhPerT: Double
    /// Process CO2 per unit (t), excluding electricity.
    public var processCO2PerT: Double
    /// Natural gas per unit (m³).
    public var gasM3PerT: Double
    /// Other operating cost per unit (元), excluding purchased commodities and electricity.
    public var variableCostPerT: Double
    /// The ore a refining process consumes (diasporic, imported).
    public var ore: String?
    /// Commodity → coefficient per unit of activity (negative = input).
    public var coefficients: [String: Double]
    /// The commodity with coefficient +1.
    public var mainOutput: String
    public var source: String
}

/// A measure a metric sums (see `Models/metrics.toml`).
public struct MeasureTerm: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case input, output, capacity
        case outputValue = "output_value"
        case cleanPower = "clean_power"
        case power, sales
    }
    public var kind: Kind
    /// Stages selected (empty = all).
    public var stages: Set<Stage>
    /// Commodity tags selected (empty = all).
    public var tags: Set<String>
    /// Capacity filters.
    public var acMax: Double?
    public var acAbove: Double?
    public var cellKABelow: Double?
    /// Multiplier on the measure (e.g. -1 to subtract sales from production).
    public var factor: Double = 1
}

/// A policy metric: a total, or a ratio of two totals (`Models/metrics.toml`).
public struct Metric: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var isRatio: Bool
    public var numerator: [MeasureTerm]
    public var denominator: [MeasureTerm]
}

/// The chain as data: everything in `Models/`.
public struct ChainDefinition: Sendable {
    public var commodities: [Commodity]
    public var processes: [Process]
    public var metrics: [Metric]
    /// Cost categories that count as value added (`Models/cost_categories.csv`): left out of the `value` objective.
    public var valueAdded: Set<CostCategory> = [.operating, .fixedOM]

    public func commodity(_ id: String) -> Commodity? { commodities.first { $0.id == id } }
    public func process(_ id: String) -> Process? { processes.first { $0.id == id } }
    public func metric(_ id: String) -> Metric? { metrics.first { $0.id == id } }
}
