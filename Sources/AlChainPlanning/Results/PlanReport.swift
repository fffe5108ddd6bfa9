import AlChainIO
import Foundation

/// The human and machine reports of a plan: a compliance table with headline figures, and JSON.
public enum PlanReport {
    /// The text report: headline figures, then target by target, then the replacement and technology rules.
    public static func text(_ r: PlanResult) -> String {
        var out = "AlChain plan '\(r.scenario)': \(r.status.rawValue)"
        if let obj = r.objectiveMillionYuan {
            out += String(format: ", objective (%@) %.1f million yuan", r.objectiveSense, obj)
        }
        out += "\nmodel: \(r.rows) rows, \(r.columns) columns (\(r.integers) integer), \(r.nonzeros) nonzeros"
        out += String(format: "; build %.3f s, solve %.3f s, duals %.3f s", r.timings.build, r.timings.solve, r.timings.duals)
        out += r.timings.closest > 0 ? String(format: ", closest plan %.3f s\n", r.timings.closest) : "\n"
        guard !r.compliance.isEmpty || !r.flows.isEmpty else {
            if !r.suspects.isEmpty { out += "these cannot hold together: \(r.suspects.joined(separator: ", "))\n" }
            return out
        }
        out += "\nHeadline\n"
        for (k, v) in PlanExport.headline(r).dropFirst(3) { out += "  \(k.padding(toLength: 34, withPad: " ", startingAt: 0)) \(v)\n" }
        out += "\nCompliance (shadow price: discounted million yuan per point / kt / 亿元 of tightening\(r.dualsFromFixedMIP ? "; from the LP with integer decisions fixed" : ""))\n"
        let header = ["target", "scope", "year", "required", "achieved", "met", "shadow price", "holds for required in", "ratio of"]
        var rows: [[String]] = []
        for c in r.compliance {
            let unit = c.unit == "%" ? "%" : (c.unit == "t" ? " t" : " 亿元")
            rows.append([
                c.target, c.scope, "\(c.year)", "\(c.op) \(CSVWriter.number(c.required, decimals: 2))\(unit)",
                "\(CSVWriter.number(c.achieved, decimals: 2))\(unit)", c.met ? "yes" : "NO",
                c.shadowPrice.map { CSVWriter.number($0, decimals: 2) } ?? "",
                c.binding ? (c.priceHoldsFrom.map { "\(CSVWriter.number($0, decimals: 2)) … " } ?? "") + (c.priceHoldsTo.map { CSVWriter.number($0, decimals: 2) } ?? "") : "",
                // A share can be met by shrinking what it is a share of: both parts are shown.
                c.numerator.map { n in "\(CSVWriter.number(n, decimals: 0)) / \(CSVWriter.number(c.denominator ?? 0, decimals: 0)) \(c.ratioUnit ?? "")" } ?? "",
            ])
        }
        out += table(header, rows)
        if !r.limitingCapacities.isEmpty {
            out += "\nCapacities that limit the plan most (discounted million yuan per extra kt of capacity)\n"
            out += table(["unit", "year", "worth"], r.limitingCapacities.map { [$0.unit, "\($0.year)", CSVWriter.number($0.valuePerKt, decimals: 2)] })
        }
        out += "\nCapacity replacement and technology rules\n"
        out += table(["rule", "scope", "year", "value t", "limit t", "met"], r.rules.map {
            [$0.rule, $0.scope, $0.year.map(String.init) ?? "all", CSVWriter.number($0.lhs, decimals: 0), CSVWriter.number($0.bound, decimals: 0), $0.met ? "yes" : "NO"]
        })
        return out
    }

    /// A plain aligned table, padded by display width (a Chinese character takes two terminal columns).
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(DisplayWidth.of)
        for row in rows { for (i, f) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(f)) } }
        func line(_ fields: [String]) -> String {
            "  " + fields.enumerated().map { DisplayWidth.pad($1, to: widths[$0]) }.joined(separator: "  ") + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    struct JSONPlan: Encodable {
        var status: String
        var objective: Double?
        var objective_sense: String
        var scenario: String
        var mip_gap: Double?
        var model: [String: Int]
        var timings_s: [String: Double]
        var headline: [String: String]
        var compliance: [JSONCompliance]
        var rules: [JSONRule]
        var suspects: [String]
        var solver_status: String
        var limiting_capacities: [[String: String]]
    }
    struct JSONCompliance: Encodable {
        var target, metric, scope, op, unit: String
        var year: Int
        var required, achieved: Double
        var met, binding: Bool
        var shadow_price_myuan: Double?
        var price_holds_from: Double?
        var price_holds_to: Double?
        var numerator, denominator: Double?
        var ratio_unit: String?
    }
    struct JSONRule: Encodable {
        var rule, scope, description: String
        var year: Int?
        var value_t, limit_t: Double
        var met: Bool
    }

    /// The JSON report, with top-level `status` and `objective` (million yuan).
    public static func json(_ r: PlanResult) -> String {
        let plan = JSONPlan(
            status: r.status.reportName,
            objective: r.objectiveMillionYuan, objective_sense: r.objectiveSense, scenario: r.scenario, mip_gap: r.mipGap,
            model: ["rows": r.rows, "columns": r.columns, "integers": r.integers, "nonzeros": r.nonzeros],
            timings_s: ["build": r.timings.build, "solve": r.timings.solve, "duals": r.timings.duals, "closest": r.timings.closest, "output": r.timings.output],
            headline: Dictionary(PlanExport.headline(r), uniquingKeysWith: { a, _ in a }),
            compliance: r.compliance.map {
                JSONCompliance(target: $0.target, metric: $0.metric, scope: $0.scope, op: $0.op, unit: $0.unit, year: $0.year,
                               required: $0.required, achieved: $0.achieved, met: $0.met, binding: $0.binding, shadow_price_myuan: $0.shadowPrice,
                               price_holds_from: $0.priceHoldsFrom, price_holds_to: $0.priceHoldsTo,
                               numerator: $0.numerator, denominator: $0.denominator, ratio_unit: $0.ratioUnit)
            },
            rules: r.rules.map { JSONRule(rule: $0.rule, scope: $0.scope, description: $0.description, year: $0.year, value_t: $0.lhs, limit_t: $0.bound, met: $0.met) },
            suspects: r.suspects, solver_status: r.solverStatus,
            limiting_capacities: r.limitingCapacities.map { ["unit": $0.unit, "year": "\($0.year)", "myuan_per_kt": CSVWriter.number($0.valuePerKt, decimals: 4)] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(plan)) ?? Data("{\"status\": \"error\"}".utf8), as: UTF8.self)
    }
}
