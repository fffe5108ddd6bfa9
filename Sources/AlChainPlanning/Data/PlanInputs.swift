/// A cluster (集聚区) and its parks (`clusters.csv`).
public struct Cluster: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var parks: [String]
    public var source: String
}

/// A plant that exists in the base year (`plants.csv`).
public struct Plant: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var cluster: String
    public var park: String
    public var process: String
    /// Base-year capacity (t/yr of main output).
    public var capacityT: Double
    /// Share of kept capacity that must run.
    public var minUtilisation: Double
    /// Potline unit size; capacity retires in whole units (smelters).
    public var unitT: Double?
    /// Year from which the plant must be closed.
    public var retireYear: Int?
    /// The share of capacity the plant ran at in the base year, as observed (`nil`: chosen by the model).
    public var baseYearUtilisation: Double?
    public var source: String
    public var line: Int
}

/// Capacity that may be built (`candidates.csv`); rows sharing `project` are one go/no-go decision.
public struct Candidate: Sendable, Equatable {
    public var id: String
    public var nameZh: String
    public var nameEn: String
    public var cluster: String
    public var park: String
    public var process: String
    public var unitT: Double
    public var maxUnits: Int
    public var earliestYear: Int
    public var capexPerT: Double
    public var fixedOMPerTYear: Double
    public var project: String?
    /// Least share of its built capacity the candidate runs at once built (0–1; 0 = may stand idle).
    public var minUtilisation: Double
    /// A committed project's planned year: it is built exactly then (its first unit, for a modular candidate).
    /// `nil` for a free candidate, which the model may build from its earliest year on.
    public var plannedYear: Int?
    /// A forbidden candidate is never built (a scenario's "no" to a project).
    public var forbidden: Bool
    /// The smallest expansion worth building (t/yr): each year's expansion is 0 or at least this; `nil`: any
    /// size (whole units of `unitT` where the candidate is modular).
    public var minBuildT: Double? = nil
    public var source: String
    public var line: Int

    /// Whether the candidate is a committed project with a planned year.
    public var isCommitted: Bool { plannedYear != nil }
}

/// Prices of one commodity, for all years (`year == nil`) or one year (`prices.csv`).
public struct PriceRow: Sendable, Equatable {
    public var commodity: String
    public var year: Int?
    public var salePrice: Double?
    public var importPrice: Double?
    public var valuePrice: Double?
}

/// Province-level sales limits (`market.csv`).
public struct MarketRow: Sendable, Equatable {
    public var commodity: String
    public var year: Int?
    public var minSalesT: Double?
    public var maxSalesT: Double?
}

/// A transport link between clusters (`transport.csv`).
/// A way to ship between clusters (`transport.csv`'s `mode`); its rates are settings (`transport.*`).
public enum TransportMode: String, Sendable, CaseIterable {
    case road, rail
}

/// The whole-province scope of targets, metrics and calibration facts (otherwise a scope is a cluster id).
public enum PlanScope {
    public static let province = "province"
}

public struct TransportLink: Sendable, Equatable {
    public var from: String
    public var to: String
    public var mode: String
    public var distanceKm: Double
}

/// An electricity source in a cluster (`power.csv`).
public struct PowerSource: Sendable, Equatable {
    public var cluster: String
    public var id: String
    public var nameZh: String
    public var pricePerKWh: Double
    public var co2KgPerKWh: Double
    public var clean: Bool
    public var maxShare: Double?
    /// Electricity bought from the source in the base year (GWh), as observed (e.g. green-power contracts);
    /// `nil` leaves the base year's purchase to the model.
    public var baseYearGWh: Double?
}

/// A policy target (`targets.csv`).
public struct Target: Sendable, Equatable {
    public enum Op: String, Sendable, CaseIterable { case atLeast = ">=", atMost = "<=", equal = "=" }
    public var id: String
    public var metric: String
    /// `province` or a cluster id.
    public var scope: String
    public var op: Op
    /// As written: percent for `%`, tonnes for `t`, 亿元 for `亿元`.
    public var value: Double
    public var unit: String
    public var fromYear: Int
    public var toYear: Int?
    public var enabled: Bool
    public var source: String
    public var line: Int

    /// Whether the target holds in `year`.
    public func applies(in year: Int) -> Bool { enabled && year >= fromYear && year <= (toYear ?? Int.max) }
    /// The value in model terms: a fraction for `%` targets, kt for tonnes, 亿元 for money.
    public var modelValue: Double {
        switch unit {
        case "%": value / 100
        case "t": value / 1000
        default: value
        }
    }
}

/// A base-year fact the 2025 solution is compared with (`calibration.csv`).
public struct CalibrationFact: Sendable, Equatable {
    public var fact: String
    public var quantity: String
    public var scope: String
    public var year: Int
    public var value: Double
    public var unit: String
    public var tolerance: Double
    public var source: String
}

/// Scenario-wide settings (`settings.toml`).
public struct PlanSettings: Sendable, Equatable {
    public enum Objective: String, Sendable, CaseIterable { case cost, value }
    public var name: String
    public var description: String
    public var years: [Int]
    public var yearWeights: [Double]
    public var baseYear: Int
    public var discountRate: Double
    public var objective: Objective
    public var replacementRatio: Double
    public var minCellKA: Double
    public var maxNewLineACKWhPerT: Double
    public var quotaT: Double
    public var indexPricePerT: Double
    public var maxIndexPurchaseT: Double
    public var forbidNewDiasporicRefining: Bool
    public var benchmarkACKWhPerT: Double
    public var baselineACKWhPerT: Double
    public var roadPerTKm: Double
    public var railPerTKm: Double
    public var railFixedPerT: Double
    public var gasPricePerM3: Double
    public var co2PricePerT: Double
    public var mipGap: Double
    public var timeLimitSeconds: Double
    /// Loading and transfer per tonne by road (元/t); with `railFixedPerT`, what each mode charges besides distance.
    public var roadFixedPerT: Double
    /// New refining lines may not use this ore (a value of `processes.csv`'s `ore`), while
    /// `forbidNewDiasporicRefining` holds.
    public var restrictedOre: String
    /// Construction lead time of new capacity by stage (years from the base year to its first year online).
    public var leadTimeYears: [Stage: Int] = [:]
    /// Collecting and sorting a tonne of local end-of-life scrap (元/t); `nil` charges the `eol` import price.
    public var scrapCollectionPerT: Double? = nil
    /// Haulage of a tonne of imported end-of-life scrap from outside the province (元/t), on top of its price.
    public var scrapImportHaulagePerT: Double = 0

    /// The first year a free candidate of a stage can be online: the base year plus the stage's lead time.
    public func firstBuildYear(_ stage: Stage) -> Int { baseYear + (leadTimeYears[stage] ?? 1) }

    /// A transport mode's freight rates: per tonne-kilometre and per tonne (元).
    public func freight(_ mode: TransportMode) -> (perTKm: Double, fixedPerT: Double) {
        switch mode {
        case .road: (roadPerTKm, roadFixedPerT)
        case .rail: (railPerTKm, railFixedPerT)
        }
    }
}

/// Everything a plan is solved from: the chain (`Models/`) and one region's data (`Inputs/<region>/`).
public struct PlanInputs: Sendable {
    public var chain: ChainDefinition
    public var settings: PlanSettings
    public var clusters: [Cluster]
    public var plants: [Plant]
    public var candidates: [Candidate]
    public var prices: [PriceRow]
    public var market: [MarketRow]
    /// End-of-life scrap collectable per cluster and year (t).
    public var scrapArisings: [String: [Int: Double]]
    public var transport: [TransportLink]
    public var power: [PowerSource]
    public var targets: [Target]
    public var calibration: [CalibrationFact]

    /// The price row for a commodity in a year: a year-specific row wins over an all-years row.
    public func price(_ commodity: String, _ year: Int) -> PriceRow? {
        prices.first { $0.commodity == commodity && $0.year == year } ?? prices.first { $0.commodity == commodity && $0.year == nil }
    }

    /// The market row for a commodity in a year.
    public func marketRow(_ commodity: String, _ year: Int) -> MarketRow? {
        market.first { $0.commodity == commodity && $0.year == year } ?? market.first { $0.commodity == commodity && $0.year == nil }
    }

    /// The cluster a park belongs to.
    public func cluster(ofPark park: String) -> String? { clusters.first { $0.parks.contains(park) }?.id }
}
