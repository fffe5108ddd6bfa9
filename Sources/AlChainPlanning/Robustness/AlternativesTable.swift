import AlChainIO
import AlChainSolver
import Foundation

/// Decisions × plans of a near-optimal search: which decision every plan takes ("must-have") and which vary
/// ("free choice"); written as `alternatives.csv`.
public struct AlternativesTable: Sendable {
    /// One decision across the plans.
    public struct Row: Sendable {
        public let decision: AlternativeDecision
        /// The amount in each plan (in `planNames` order), `nil` where the plan does not take it.
        public let amounts: [Double?]
        /// Taken by every plan (the amount may differ).
        public var mustHave: Bool { amounts.allSatisfy { $0 != nil } }
        public var plansTaking: Int { amounts.count { $0 != nil } }
    }

    public let planNames: [String]
    /// By year, then decision, then unit.
    public let rows: [Row]

    /// The table of `plans` (the optimum first).
    public init(_ plans: [(name: String, decisions: [AlternativeDecision])]) {
        planNames = plans.map(\.name)
        var first: [String: AlternativeDecision] = [:]
        var amounts: [String: [Double?]] = [:]
        for (i, plan) in plans.enumerated() {
            for d in plan.decisions {
                if first[d.key] == nil { first[d.key] = d; amounts[d.key] = Array(repeating: nil, count: plans.count) }
                amounts[d.key]![i] = (amounts[d.key]![i] ?? 0) + d.amount
            }
        }
        rows = first.values.sorted { ($0.year, $0.decision, $0.unit) < ($1.year, $1.decision, $1.unit) }
            .map { Row(decision: $0, amounts: amounts[$0.key]!) }
    }

    /// `alternatives.csv`: one row per decision, one amount column per plan (empty: not taken), how many plans
    /// take it, and `must-have` or `free choice`.
    public func csv() -> CSVWriter {
        var csv = CSVWriter(header: ["decision", "unit", "year", "name_zh", "name_en", "amount_unit"] + planNames + ["plans_taking", "class"])
        for r in rows {
            let d = r.decision
            csv.appendRow([d.decision, d.unit, "\(d.year)", d.nameZh, d.nameEn, d.amountUnit]
                + r.amounts.map { $0.map { CSVWriter.number($0, decimals: 3) } ?? "" }
                + ["\(r.plansTaking)", r.mustHave ? "must-have" : "free choice"])
        }
        return csv
    }
}

extension AlternativeSet {
    /// The decisions × plans table of this search.
    public var table: AlternativesTable { AlternativesTable(plans.map { ($0.name, $0.decisions) }) }

    /// The objective relative to the optimum, in percent of |optimum| (positive: dearer when minimising cost).
    public func relativeToOptimum(_ objective: Double) -> Double {
        let z = base.result.objectiveMillionYuan ?? 0
        return 100 * (sense == .minimize ? objective - z : z - objective) / max(abs(z), 1e-9)
    }

    /// `plans.csv`: each plan's status, objective, distance from the optimum, whether it keeps the bound, how
    /// many of its decisions the base does not take, and whether its diversity search stopped at the time limit.
    public func plansCSV() -> CSVWriter {
        var csv = CSVWriter(header: ["plan", "status", "objective_million_yuan", "vs_optimum_pct", "objective_bound_million_yuan", "within_slack",
                                     "decisions", "decisions_not_in_base", "stopped_at_time_limit", "diversity", "seconds"])
        let baseKeys = Set(base.decisions.map(\.key))
        for p in plans {
            let z = p.result.objectiveMillionYuan
            let within = z.map { sense == .minimize ? $0 <= objectiveBound + 1e-6 * max(1, abs($0)) : $0 >= objectiveBound - 1e-6 * max(1, abs($0)) } ?? false
            csv.appendRow([p.name, p.result.status.rawValue, z.map { CSVWriter.number($0, decimals: 3) } ?? "",
                           z.map { CSVWriter.number(relativeToOptimum($0), decimals: 4) } ?? "", CSVWriter.number(objectiveBound, decimals: 3),
                           within ? "yes" : "no", "\(p.decisions.count)", "\(p.decisions.count { !baseKeys.contains($0.key) })",
                           p.stoppedAtTimeLimit ? "yes" : "no", p.diversity.map { CSVWriter.number($0, decimals: 4) } ?? "",
                           CSVWriter.number(p.seconds, decimals: 3)])
        }
        return csv
    }

    /// Writes the search into `directory` as a whole (staged, then swapped in): a plan folder per plan (`base/`,
    /// `alt-1/`, … — what `solve --out` writes), `alternatives.csv` and `plans.csv`.
    public func write(to directory: String, excelBOM: Bool) throws {
        let folder = try AtomicFolder(directory, markers: ["alternatives.csv"])
        do {
            for p in plans {
                try ReportExport.writePlan(p.plan, p.result, to: (folder.stagingPath as NSString).appendingPathComponent(p.name), excelBOM: excelBOM)
            }
            for (name, csv) in [("alternatives.csv", table.csv()), ("plans.csv", plansCSV())] {
                try AtomicPath.write(csv.data(excelBOM: excelBOM), to: (folder.stagingPath as NSString).appendingPathComponent(name))
            }
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }
}
