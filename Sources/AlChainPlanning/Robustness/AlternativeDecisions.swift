import AlChainIO
import Foundation

/// One decision of a plan: a row of its `decisions.csv` (`ReportExport.decisions`), identified by
/// (decision, unit — the cluster for `buy_indices` —, year), with its amount (units of the unit, or tonnes
/// where the decision has no unit count, as indices bought).
///
/// `PlanDecision` is the same row in memory (sampling keeps only its key); this is the row as the file states
/// it, with names and whole-unit amounts, which the alternatives table shows. Both share `PlanDecision.key`.
public struct AlternativeDecision: Sendable, Hashable {
    public let decision: String
    /// The unit id, or the cluster for a decision without a unit (`buy_indices`: `province`).
    public let unit: String
    public let year: Int
    /// Units built or retired, or tonnes where `amountUnit` is `t`.
    public let amount: Double
    /// `units` or `t`.
    public let amountUnit: String
    public let nameZh: String
    public let nameEn: String

    /// `decision|unit|year`, as `PlanDecision.key`.
    public var key: String { PlanDecision.key(decision, unit, year) }

    /// The decisions of a `decisions.csv` text; a malformed file is a located `DataError`.
    public static func read(_ text: String, file: String) throws(DataError) -> [AlternativeDecision] {
        let table = try CSVTable.parse(text, file: file)
        try table.require(["year", "decision", "unit", "cluster", "name_zh", "name_en", "units", "capacity_t"])
        var out: [AlternativeDecision] = []
        for row in table.rows {
            let unit = try row.text("unit")
            let units = try row.optionalNumber("units")
            let amount: Double
            if let units { amount = units } else { amount = try row.number("capacity_t") }
            let id: String
            if unit.isEmpty { id = try row.requiredText("cluster") } else { id = unit }
            out.append(AlternativeDecision(
                decision: try row.requiredText("decision"), unit: id, year: try row.integer("year"),
                amount: amount, amountUnit: units == nil ? "t" : "units",
                nameZh: try row.text("name_zh"), nameEn: try row.text("name_en")))
        }
        return out
    }

    /// The decisions of a solved plan, read from the `decisions.csv` it exports (so that the identity is exactly
    /// the file's).
    public static func of(_ plan: SolvedPlan, _ result: PlanResult) throws(DataError) -> [AlternativeDecision] {
        try read(String(decoding: ReportExport.decisions(plan, result).data(), as: UTF8.self), file: "decisions.csv")
    }
}
