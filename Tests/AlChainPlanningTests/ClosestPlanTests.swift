import AlChainIO
import AlChainPlanning
import AlChainSolver
import Foundation
import Testing

/// What-ifs that show only their effect (docs/MODEL.md): among the plans within the MIP gap of a scenario's
/// optimum, the one closest to the base plan is returned.
@Suite struct ClosestPlanTests {
    /// The default plan's inputs with `--set`-style overrides.
    static func inputs(_ settings: [String: TOMLNode]) throws -> PlanInputs {
        let extra = settings.sorted { $0.key < $1.key }.map { Scenario.Setting(key: $0.key, value: $0.value, file: "--set") }
        return try ScenarioCatalog(scenarios: [:]).inputs("base", base: try RawInputs.read(Locations.guizhou), extra: extra)
    }

    /// Solves `inputs` drawn towards `reference` and exports it like `ExportedPlan.solve`.
    static func solveClosest(_ inputs: PlanInputs, to reference: PlanReference) throws -> ExportedPlan {
        try ExportedPlan.solve(inputs, closestTo: reference)
    }

    /// A target that binds in no year of the default plan, relaxed by a tenth, gives back the base plan's
    /// capacity.csv and flows.csv byte for byte.
    @Test func relaxingANonBindingTargetReturnsTheBasePlanExactly() throws {
        let base = try DefaultPlan.get()
        let byTarget = Dictionary(grouping: base.result.compliance, by: \.target)
        let slack = byTarget.keys.sorted().filter { id in
            let rows = byTarget[id]!
            return rows.allSatisfy { !$0.binding && $0.met } && rows.first!.op == ">=" && rows.first!.required > 0
        }
        let id = try #require(slack.first, "the default plan has a target that binds in no year")
        let target = try #require(base.inputs.targets.first { $0.id == id })
        let relaxed = try Self.inputs(["targets.\(id).value": .double(target.value * 0.9)])
        let reference = try #require(PlanReference(base.plan))
        let whatIf = try Self.solveClosest(relaxed, to: reference)
        #expect(whatIf.result.status == .optimal)
        #expect(whatIf.files["capacity.csv"] == base.files["capacity.csv"], "capacity.csv differs after relaxing \(id)")
        #expect(whatIf.files["flows.csv"] == base.files["flows.csv"], "flows.csv differs after relaxing \(id)")
        #expect(whatIf.result.solverStatus.contains("closest plan: decision distance 0"), "\(whatIf.result.solverStatus)")
    }

    /// A what-if that binds: the closest plan stays within the MIP gap of the scenario's own optimum, meets
    /// every target, and is no farther from the base plan in capacity than the first-stage plan.
    @Test func closestPlanOfABindingWhatIfStaysWithinTheGap() throws {
        let base = try DefaultPlan.get()
        let inputs = try Self.inputs(["targets.recycled-share.value": .integer(25)])
        let first = try ExportedPlan.solve(inputs)
        let closest = try Self.solveClosest(inputs, to: try #require(PlanReference(base.plan)))
        let z = try #require(first.result.objectiveMillionYuan), zc = try #require(closest.result.objectiveMillionYuan)
        let gap = inputs.settings.mipGap
        #expect(zc <= z + gap * abs(z) + 1e-6 * max(1, abs(z)), "closest plan \(zc) beyond the gap of \(z)")
        #expect(closest.result.compliance.allSatisfy { $0.met })
        #expect(closest.result.rules.allSatisfy { $0.met })
        func distance(_ p: ExportedPlan) -> Double {
            let b = Dictionary(uniqueKeysWithValues: base.result.capacities.map { ("\($0.unit)|\($0.year)", $0.capacityT) })
            var d = 0.0
            var seen = Set<String>()
            for c in p.result.capacities {
                let k = "\(c.unit)|\(c.year)"
                seen.insert(k)
                d += abs(c.capacityT - (b[k] ?? 0))
            }
            for (k, v) in b where !seen.contains(k) { d += abs(v) }
            return d
        }
        #expect(distance(closest) <= distance(first) + 1, "closest \(distance(closest)) t vs first stage \(distance(first)) t")
    }

    /// A what-if whose decisions move (the Wuchuan refinery a year late): stage 2 starts from the nearest plan
    /// that keeps the decisions the first-stage plan shares with the base, which is nearer than the first-stage
    /// plan, and ends no farther than that start.
    @Test func theDecisionStageStartsFromTheDecisionsSharedWithTheBase() throws {
        let base = try DefaultPlan.get()
        let late = try Self.inputs(["candidates.wuchuan_refinery_imported.planned_year": .integer(2028)])
        let closest = try Self.solveClosest(late, to: try #require(PlanReference(base.plan)))
        #expect(closest.result.status == .optimal)
        let status = closest.result.solverStatus
        let numbers = { (prefix: String) -> Double? in
            status.range(of: prefix).flatMap { r in Double(status[r.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "," }.filter { $0 != "," }) }
        }
        let start = try #require(numbers("shared decisions held at distance "), "\(status)")
        let firstStage = try #require(numbers("(first-stage plan "), "\(status)")
        let decided = try #require(numbers("decision distance "), "\(status)")
        #expect(start < firstStage, "\(status)")
        #expect(decided <= start + 1e-6, "\(status)")
    }
}
