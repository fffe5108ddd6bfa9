import AlChainPlanning
import Foundation
import Testing

/// "Capacities that limit the plan" ranks only units that can still run (issue 10, item 4).
@Suite struct LimitingCapacityTests {
    /// No unit appears in a year in which policy has closed it (its retire year has come).
    @Test func noPolicyClosedUnitIsRanked() throws {
        let plan = try DefaultPlan.get()
        let retire = Dictionary(uniqueKeysWithValues: plan.inputs.plants.compactMap { p in p.retireYear.map { (p.id, $0) } })
        #expect(!plan.result.limitingCapacities.isEmpty, "the default plan has capacities that limit it")
        let capacity = Dictionary(plan.result.capacities.map { ("\($0.unit)|\($0.year)", $0.capacityT) }, uniquingKeysWith: +)
        for limit in plan.result.limitingCapacities {
            if let year = retire[limit.unit] { #expect(limit.year < year, "\(limit.unit) in \(limit.year) is closed since \(year)") }
            // Anshun's cells are below 400 kA: cell exit closes it from 2027, and capacity.csv shows it at 0.
            #expect((capacity["\(limit.unit)|\(limit.year)"] ?? 0) > 0, "\(limit.unit) has no capacity in \(limit.year) but is ranked")
        }
        #expect(!plan.result.limitingCapacities.contains { $0.unit == "smelt_anshun" && $0.year >= 2027 })
    }
}
