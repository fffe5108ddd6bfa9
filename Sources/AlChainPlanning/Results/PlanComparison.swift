import AlChainIO
import Foundation

/// What changed between two plans written by `solve --out` or `batch` (folders with summary, compliance,
/// capacity and flows CSV files): objective, each target, capacity by unit and flows above a threshold.
public enum PlanComparison {
    /// One difference.
    public struct Change: Sendable, Equatable {
        /// objective, target, capacity or flow.
        public var section: String
        public var item: String
        public var year: String
        public var a: Double?
        public var b: Double?
        public var delta: Double { (b ?? 0) - (a ?? 0) }
    }

    /// Differences between folder `a` and folder `b`; flows count only when they move by more than `threshold` t.
    public static func compare(_ a: String, _ b: String, threshold: Double) throws -> [Change] {
        var changes: [Change] = []
        func table(_ dir: String, _ name: String) throws -> CSVTable {
            try CSVTable.read((dir as NSString).appendingPathComponent(name))
        }
        func keyed(_ t: CSVTable, key: [String], value: String) throws -> [String: (year: String, item: String, value: Double)] {
            var out: [String: (String, String, Double)] = [:]
            for row in t.rows {
                let parts = try key.map { try row.text($0) }
                let year = (try? row.text("year")) ?? ""
                let item = parts.filter { !$0.isEmpty && $0 != year }.joined(separator: " ")
                out[parts.joined(separator: "|"), default: (year, item, 0)].2 += try row.optionalNumber(value) ?? 0
            }
            return out
        }
        func diff(_ section: String, _ file: String, key: [String], value: String, minimum: Double) throws {
            let left = try keyed(try table(a, file), key: key, value: value)
            let right = try keyed(try table(b, file), key: key, value: value)
            for k in Set(left.keys).union(right.keys).sorted() {
                let l = left[k], r = right[k]
                if abs((r?.value ?? 0) - (l?.value ?? 0)) > minimum {
                    changes.append(Change(section: section, item: (l ?? r)!.item, year: (l ?? r)!.year, a: l?.value, b: r?.value))
                }
            }
        }
        let summaryA = try table(a, "summary.csv"), summaryB = try table(b, "summary.csv")
        func objective(_ t: CSVTable) throws -> Double? {
            try t.rows.first { (try? $0.text("key")) == "objective_million_yuan" }.flatMap { try $0.optionalNumber("value") }
        }
        let oa = try objective(summaryA), ob = try objective(summaryB)
        // Always first, so that a planner sees whether the two plans cost the same.
        changes.append(Change(section: "objective", item: "objective_million_yuan", year: "", a: oa, b: ob))
        try diff("target", "compliance.csv", key: ["target", "scope", "year"], value: "achieved", minimum: 1e-6)
        try diff("capacity", "capacity.csv", key: ["unit", "year"], value: "capacity_t", minimum: 0.5)
        try diff("flow", "flows.csv", key: ["year", "kind", "unit", "commodity", "origin", "destination", "mode"], value: "tonnes", minimum: threshold)
        return changes
    }

    /// The changes as CSV.
    public static func csv(_ changes: [Change]) -> CSVWriter {
        var w = CSVWriter(header: ["section", "item", "year", "a", "b", "delta"])
        for c in changes {
            w.appendRow([c.section, c.item, c.year, c.a.map { CSVWriter.number($0, decimals: 4) } ?? "", c.b.map { CSVWriter.number($0, decimals: 4) } ?? "", CSVWriter.number(c.delta, decimals: 4)])
        }
        return w
    }

    /// The changes as a text table.
    public static func text(_ changes: [Change]) -> String {
        let objective = changes.first { $0.section == "objective" }
        let others = changes.filter { $0.section != "objective" }
        var out = ""
        if let objective {
            if let a = objective.a, let b = objective.b, sameCost(a, b) {
                out += "objective: the two plans cost the same (\(CSVWriter.number(a, decimals: 2)) million yuan)\n"
            } else {
                out += "objective: \(objective.a.map { CSVWriter.number($0, decimals: 2) } ?? "—") → \(objective.b.map { CSVWriter.number($0, decimals: 2) } ?? "—") million yuan (\(CSVWriter.number(objective.delta, decimals: 2)))\n"
            }
        }
        if others.isEmpty { return out + (objective == nil ? "no differences\n" : "no other differences\n") }
        return out + PlanReport.table(["section", "item", "year", "a", "b", "delta"], others.map {
            [$0.section, $0.item, $0.year, $0.a.map { CSVWriter.number($0, decimals: 2) } ?? "—", $0.b.map { CSVWriter.number($0, decimals: 2) } ?? "—", CSVWriter.number($0.delta, decimals: 2)]
        })
    }

    /// Whether two objectives are equal up to the precision summary.csv keeps (1e-6 relative).
    public static func sameCost(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a), abs(b)) }
}
