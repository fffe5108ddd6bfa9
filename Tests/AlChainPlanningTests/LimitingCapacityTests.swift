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
        for limit in plan.result.limitingCapacities {
            if let year = retire[limit.unit] { #expect(limit.year < year, "\(limit.unit) in \(limit.year) is closed since \(year)") }
        }
    }
}
