import AlChainModeling
import AlChainSolver
import Foundation


/// What a flow is, as `flows.csv`'s `kind` column writes it.
public enum FlowKind: String, Sendable, CaseIterable {
    case production, consumption, `import`, export, transport, disposal, collection

    /// The far end of a flow that crosses the plan's boundary (import, export, collection, disposal).
    var outside: String {
        switch self {
        case .collection: "end-of-life"
        case .disposal: "storage"
        default: "outside"
        }
    }
}

/// One movement of a commodity in one year, in tonnes.
public struct FlowRecord: Sendable, Equatable {
    public var year: Int
    public var kind: FlowKind
    public var cluster: String
    public var park: String
    public var unit: String
    public var process: String
    public var commodity: String
    public var origin: String
    public var destination: String
    public var mode: String
    public var tonnes: Double
}

/// A unit's capacity in one year (t/yr).
public struct CapacityRecord: Sendable, Equatable {
    public var year: Int
    public var unit: String
    public var nameZh: String
    public var origin: String
    public var cluster: String
    public var park: String
    public var process: String
    public var stage: String
    public var initialT: Double
    public var keptT: Double
    public var builtT: Double
    public var retiredT: Double
    public var capacityT: Double
    public var outputT: Double
}

/// A target checked in one year.
public struct ComplianceRecord: Sendable, Equatable {
    public var target: String
    public var metric: String
    public var scope: String
    public var year: Int
    public var op: String
    public var required: Double
    public var achieved: Double
    public var unit: String
    public var met: Bool
    /// Discounted objective worsening (million yuan) per unit of tightening (1 percentage point, 1 kt, 1 亿元).
    public var shadowPrice: Double?
    /// The range of the required value over which the shadow price holds (same basis), in the target's unit.
    public var priceHoldsFrom: Double?
    public var priceHoldsTo: Double?
    public var binding: Bool
    public var source: String
    /// For a ratio target: its numerator and denominator (t for tonnages, GWh for power, 亿元 for values), so
    /// that a share met by shrinking its denominator shows.
    public var numerator: Double? = nil
    public var denominator: Double? = nil
    /// The unit of `numerator` and `denominator`.
    public var ratioUnit: String? = nil
}

/// A capacity-replacement or technology rule checked.
public struct RuleRecord: Sendable, Equatable {
    public var rule: String
    public var scope: String
    public var year: Int?
    public var lhs: Double
    public var bound: Double
    public var met: Bool
    public var description: String
}

/// A cost or revenue line in one year (million yuan).
public struct CostRecord: Sendable, Equatable {
    public var year: Int
    public var category: CostCategory
    public var millionYuan: Double
    public var discountedMillionYuan: Double
}

/// Electricity by source and its CO2 in one cluster and year.
public struct PowerRecord: Sendable, Equatable {
    public var year: Int
    public var cluster: String
    public var source: String
    public var gwh: Double
    public var clean: Bool
    public var co2Kt: Double
}

/// Electricity used by a stage set in a cluster and year, and the clean power allocated to it (GWh).
public struct PowerUseRecord: Sendable, Equatable {
    public var year: Int
    public var cluster: String
    /// Stages joined by `+`, e.g. `smelting`.
    public var stages: String
    public var useGWh: Double
    public var cleanGWh: Double
}

/// Output value and CO2 of a cluster in a year.
public struct ClusterYearRecord: Sendable, Equatable {
    public var year: Int
    public var cluster: String
    public var outputValueYi: Double
    public var processCO2Kt: Double
    public var powerCO2Kt: Double
}
