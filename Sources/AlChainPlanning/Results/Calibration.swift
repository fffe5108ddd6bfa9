import AlChainIO

/// The base-year check: the solved plan's figures beside the facts in `calibration.csv`.
public enum Calibration {
    /// One fact compared.
    public struct Comparison: Sendable, Equatable {
        public var fact: CalibrationFact
        /// The model's figure, or `nil` when the quantity is unknown to AlChain.
        public var model: Double?
        /// (model − fact) / fact.
        public var deviation: Double? { model.map { fact.value == 0 ? $0 : ($0 - fact.value) / fact.value } }
        public var withinTolerance: Bool { deviation.map { abs($0) <= fact.tolerance + 1e-12 } ?? false }
    }

    /// Quantities a calibration row may name.
    public static let quantities = ["smelting_capacity", "park_capacity_share", "park_local_conversion", "output_value", "park_output_value",
                                    "clean_power_share"]

    /// Compares every fact with the plan.
    public static func compare(_ result: PlanResult, inputs: PlanInputs) -> [Comparison] {
        inputs.calibration.map { Comparison(fact: $0, model: value(of: $0, result, inputs)) }
    }

    static func inScope(cluster: String, park: String, _ scope: String) -> Bool {
        scope == PlanScope.province || scope == cluster || scope == park
    }

    static func value(of fact: CalibrationFact, _ r: PlanResult, _ inputs: PlanInputs) -> Double? {
        let y = fact.year
        let smelting = r.capacities.filter { $0.year == y && $0.stage == Stage.smelting.rawValue }
        func outputValue(_ scope: String) -> Double {
            var total = 0.0
            for f in r.flows where f.year == y && f.kind == .production && inScope(cluster: f.cluster, park: f.park, scope) {
                total += f.tonnes * (inputs.price(f.commodity, y)?.valuePrice ?? 0) / 1e8
            }
            return total
        }
        switch fact.quantity {
        case "smelting_capacity":
            return smelting.filter { inScope(cluster: $0.cluster, park: $0.park, fact.scope) }.reduce(0) { $0 + $1.capacityT }
        case "park_capacity_share":
            let all = smelting.reduce(0) { $0 + $1.capacityT }
            let part = smelting.filter { inScope(cluster: $0.cluster, park: $0.park, fact.scope) }.reduce(0) { $0 + $1.capacityT }
            return all > 0 ? 100 * part / all : nil
        case "park_local_conversion":
            // Liquid metal (primary and unable to travel) used where it was made, over liquid metal produced.
            let primary = Set(inputs.chain.commodities.filter { $0.tags.contains("primary") && !$0.transportable }.map(\.id))
            let stageOf = Dictionary(uniqueKeysWithValues: inputs.chain.processes.map { ($0.id, $0.stage) })
            var produced = 0.0, converted = 0.0
            for f in r.flows where f.year == y && primary.contains(f.commodity) && inScope(cluster: f.cluster, park: f.park, fact.scope) {
                if f.kind == .production, stageOf[f.process] == .smelting { produced += f.tonnes }
                if f.kind == .consumption, stageOf[f.process] == .primaryConversion { converted += f.tonnes }
            }
            return produced > 0 ? 100 * converted / produced : nil
        case "output_value":
            return fact.scope == PlanScope.province ? r.provinceOutputValue(y) : outputValue(fact.scope)
        case "park_output_value":
            return outputValue(fact.scope)
        case "clean_power_share":
            // Clean electricity allocated to electrolysis over electrolysis's electricity (powerUse.csv).
            let uses = r.powerUse.filter { $0.year == y && $0.stages == Stage.smelting.rawValue && inScope(cluster: $0.cluster, park: "", fact.scope) }
            let use = uses.reduce(0) { $0 + $1.useGWh }
            return use > 0 ? 100 * uses.reduce(0) { $0 + $1.cleanGWh } / use : nil
        default:
            return nil
        }
    }

    /// The comparison as a text table.
    public static func text(_ comparisons: [Comparison]) -> String {
        var rows: [[String]] = []
        for c in comparisons {
            rows.append([
                c.fact.fact, c.fact.scope, "\(c.fact.year)", CSVWriter.number(c.fact.value, decimals: 2) + " " + c.fact.unit,
                c.model.map { CSVWriter.number($0, decimals: 2) + " " + c.fact.unit } ?? "unknown quantity '\(c.fact.quantity)'",
                c.deviation.map { String(format: "%+.2f %%", 100 * $0) } ?? "",
                String(format: "±%.0f %%", 100 * c.fact.tolerance), c.withinTolerance ? "yes" : "NO",
            ])
        }
        return PlanReport.table(["fact", "scope", "year", "fact value", "model", "deviation", "tolerance", "within"], rows)
    }
}
