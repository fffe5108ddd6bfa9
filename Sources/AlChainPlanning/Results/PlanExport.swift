import AlChainIO
import AlChainSolver
import Foundation

/// Writes a plan as CSV files (RFC 4180, UTF-8; optional BOM for Excel). Columns are documented in README.md.
public enum PlanExport {
    /// The files written, in order.
    public static let fileNames = ["flows.csv", "capacity.csv", "compliance.csv", "rules.csv", "costs.csv", "power.csv", "power_use.csv", "clusters.csv", "summary.csv"]

    static func n(_ x: Double, _ decimals: Int = 3) -> String { CSVWriter.number(x, decimals: decimals) }

    /// The CSV files of a plan, by file name.
    public static func files(_ r: PlanResult) -> [(String, CSVWriter)] {
        var flows = CSVWriter(header: ["year", "kind", "cluster", "park", "unit", "process", "commodity", "origin", "destination", "mode", "tonnes"])
        for f in r.flows {
            flows.appendRow(["\(f.year)", f.kind.rawValue, f.cluster, f.park, f.unit, f.process, f.commodity, f.origin, f.destination, f.mode, n(f.tonnes)])
        }
        var capacity = CSVWriter(header: ["year", "unit", "name_zh", "origin", "cluster", "park", "process", "stage", "initial_t", "kept_t", "built_t", "retired_t", "capacity_t", "output_t"])
        for c in r.capacities {
            capacity.appendRow(["\(c.year)", c.unit, c.nameZh, c.origin, c.cluster, c.park, c.process, c.stage, n(c.initialT), n(c.keptT), n(c.builtT), n(c.retiredT), n(c.capacityT), n(c.outputT)])
        }
        var compliance = CSVWriter(header: ["target", "metric", "scope", "year", "op", "required", "achieved", "unit", "met", "binding", "shadow_price_myuan", "price_holds_from", "price_holds_to", "source", "numerator", "denominator", "ratio_unit"])
        for c in r.compliance {
            compliance.appendRow([c.target, c.metric, c.scope, "\(c.year)", c.op, n(c.required, 4), n(c.achieved, 4), c.unit, c.met ? "yes" : "no", c.binding ? "yes" : "no", c.shadowPrice.map { n($0, 4) } ?? "",
                                  c.priceHoldsFrom.map { n($0, 4) } ?? "", c.priceHoldsTo.map { n($0, 4) } ?? "", c.source,
                                  c.numerator.map { n($0, 3) } ?? "", c.denominator.map { n($0, 3) } ?? "", c.ratioUnit ?? ""])
        }
        var rules = CSVWriter(header: ["rule", "scope", "year", "value_t", "limit_t", "met", "description"])
        for x in r.rules {
            rules.appendRow([x.rule, x.scope, x.year.map(String.init) ?? "", n(x.lhs), n(x.bound), x.met ? "yes" : "no", x.description])
        }
        var costs = CSVWriter(header: ["year", "category", "million_yuan", "discounted_million_yuan"])
        for c in r.costs { costs.appendRow(["\(c.year)", c.category.rawValue, n(c.millionYuan), n(c.discountedMillionYuan)]) }
        var power = CSVWriter(header: ["year", "cluster", "source", "gwh", "clean", "co2_kt"])
        for p in r.power { power.appendRow(["\(p.year)", p.cluster, p.source, n(p.gwh), p.clean ? "yes" : "no", n(p.co2Kt)]) }
        var powerUse = CSVWriter(header: ["year", "cluster", "stages", "use_gwh", "clean_allocated_gwh"])
        for u in r.powerUse { powerUse.appendRow(["\(u.year)", u.cluster, u.stages, n(u.useGWh), n(u.cleanGWh)]) }
        var clusters = CSVWriter(header: ["year", "cluster", "output_value_yi_yuan", "process_co2_kt", "power_co2_kt"])
        for c in r.clusterYears { clusters.appendRow(["\(c.year)", c.cluster, n(c.outputValueYi), n(c.processCO2Kt), n(c.powerCO2Kt)]) }
        var summary = CSVWriter(header: ["key", "value"])
        for (k, v) in headline(r) { summary.appendRow([k, v]) }
        return [("flows.csv", flows), ("capacity.csv", capacity), ("compliance.csv", compliance), ("rules.csv", rules),
                ("costs.csv", costs), ("power.csv", power), ("power_use.csv", powerUse), ("clusters.csv", clusters), ("summary.csv", summary)]
    }

    /// Headline figures as (key, value) text pairs, shared by summary.csv, the text report and JSON.
    public static func headline(_ r: PlanResult) -> [(String, String)] {
        var out: [(String, String)] = [
            ("scenario", r.scenario), ("status", r.status.rawValue), ("objective", r.objectiveSense),
            ("objective_million_yuan", r.objectiveMillionYuan.map { n($0) } ?? ""),
            ("mip_gap", r.mipGap.map { n($0, 6) } ?? ""),
            ("targets_met", "\(r.compliance.filter(\.met).count)/\(r.compliance.count)"),
            ("rules_met", "\(r.rules.filter(\.met).count)/\(r.rules.count)"),
        ]
        for y in Set(r.clusterYears.map(\.year)).sorted() {
            out.append(("output_value_yi_yuan_\(y)", n(r.provinceOutputValue(y))))
            let smelting = r.capacities.filter { $0.year == y && $0.stage == "smelting" }.reduce(0) { $0 + $1.capacityT }
            out.append(("electrolytic_capacity_t_\(y)", n(smelting)))
        }
        for (project, year) in r.projects { out.append(("project_\(project)", year.map { "built \($0)" } ?? "not built")) }
        return out
    }

    /// Writes every file into `directory` (created if needed). Each file is written atomically.
    public static func write(_ r: PlanResult, to directory: String, excelBOM: Bool) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ModelError(.cannotWrite, "cannot create the output folder: \(error.localizedDescription)", file: directory)
        }
        for (name, csv) in files(r) {
            try AtomicPath.write(csv.data(excelBOM: excelBOM), to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
