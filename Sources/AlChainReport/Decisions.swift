import Foundation

/// One decision of a plan: a unit built or retired in a year (a change in capacity.csv), or capacity indices
/// bought; with its capital cost where the run folder records it (decisions.csv).
public struct Decision: Sendable, Equatable {
    public enum Kind: String, Sendable { case retire, build, buyIndices = "buy_indices" }
    public var year: Int
    public var kind: Kind
    public var unit: String
    public var cluster: String
    public var park: String
    public var process: String
    public var stage: String
    public var project: String
    public var cellClass: String
    public var acKWhPerT: Double?
    /// Whole units (potlines, lines) where the unit size is known.
    public var units: Double?
    public var tonnes: Double
    /// Undiscounted capital cost in million yuan; `nil` when not recorded (a folder without decisions.csv).
    public var capexMillionYuan: Double?
    public var source: String

    /// Smelting (potlines) first, then the rest of the chain; within each, retirements before builds, by year.
    static let stageOrder = ["smelting", "refining", "mining", "casting", "primary_conversion", "fabrication", "secondary_conversion", "recycling", "nonmetal", "red_mud_use"]

    /// The decisions of `run`: every capacity change above half a tonne, joined with decisions.csv, then the
    /// index purchases (decisions.csv, else the capacity_indices cost line without tonnes).
    public static func of(_ run: RunFolder) -> [Decision] {
        var extra: [String: RunFolder.DecisionRow] = [:]
        for d in run.decisionRows ?? [] where d.decision != "buy_indices" { extra["\(d.year)|\(d.unit)|\(d.decision)"] = d }
        var out: [Decision] = []
        for c in run.capacity where c.builtT > 0.5 || c.retiredT > 0.5 {
            let kind: Kind = c.builtT > 0.5 ? .build : .retire
            let d = extra["\(c.year)|\(c.unit)|\(kind.rawValue)"]
            out.append(Decision(
                year: c.year, kind: kind, unit: c.unit, cluster: c.cluster, park: c.park, process: c.process, stage: c.stage,
                project: d?.project ?? "", cellClass: d?.cellClass ?? "", acKWhPerT: d?.acKWhPerT, units: d?.units,
                tonnes: kind == .build ? c.builtT : c.retiredT, capexMillionYuan: kind == .build ? d?.capexMillionYuan : 0, source: d?.source ?? ""))
        }
        let stageRank = { (s: String) in stageOrder.firstIndex(of: s) ?? stageOrder.count }
        out.sort {
            ($0.kind == .build ? 1 : 0, stageRank($0.stage), $0.year, $0.cluster, $0.park, $0.unit)
                < ($1.kind == .build ? 1 : 0, stageRank($1.stage), $1.year, $1.cluster, $1.park, $1.unit)
        }
        if let rows = run.decisionRows {
            for d in rows where d.decision == "buy_indices" {
                out.append(Decision(year: d.year, kind: .buyIndices, unit: "", cluster: d.cluster, park: "", process: "", stage: "smelting", project: "",
                                    cellClass: "", acKWhPerT: nil, units: nil, tonnes: d.capacityT, capexMillionYuan: d.capexMillionYuan, source: d.source))
            }
        } else {
            for c in run.costs where c.category == "capacity_indices" && c.millionYuan > 1e-6 {
                out.append(Decision(year: c.year, kind: .buyIndices, unit: "", cluster: "province", park: "", process: "", stage: "smelting", project: "",
                                    cellClass: "", acKWhPerT: nil, units: nil, tonnes: .nan, capexMillionYuan: c.millionYuan, source: "costs.csv"))
            }
        }
        return out
    }

    /// Projects (go/no-go) and their build year from summary.csv, in file order: (project, year or nil).
    public static func projects(_ run: RunFolder) -> [(project: String, year: Int?)] {
        run.summary.filter { $0.key.hasPrefix("project_") }.map {
            (String($0.key.dropFirst("project_".count)), $0.value.hasPrefix("built ") ? Int($0.value.dropFirst("built ".count)) : nil)
        }
    }
}
