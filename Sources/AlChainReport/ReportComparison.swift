import Foundation

/// What changed against a base plan: decisions first, then targets, costs and flows.
enum ReportComparison {
    /// Decisions present in only one plan, or with a different size: (decision, in this plan?, in base?).
    static func changedDecisions(_ run: [Decision], base: [Decision]) -> [(Decision, here: Bool, inBase: Bool)] {
        func key(_ d: Decision) -> String { "\(d.year)|\(d.kind.rawValue)|\(d.unit)|\(d.tonnes.isFinite ? Int(d.tonnes.rounded()) : -1)" }
        let baseKeys = Set(base.map(key)), runKeys = Set(run.map(key))
        return run.filter { !baseKeys.contains(key($0)) }.map { ($0, true, false) } + base.filter { !runKeys.contains(key($0)) }.map { ($0, false, true) }
    }

    static func section(_ run: RunFolder, base: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        var h = "<section id=\"changes\"><h2>\(s["sec.changes"])</h2><p class=\"lead\">\(s["chg.lead"]) \(s["base"]): <b>\(HTML.escape(base.scenario))</b></p>"
        // Decisions.
        h += "<h3>\(s["chg.decisions"])</h3>"
        let changed = changedDecisions(Decision.of(run), base: Decision.of(base))
        if changed.isEmpty { h += "<p class=\"small\">\(s["chg.none"])</p>" } else {
            let header = [s["col.change"]] + ReportSections.decisionHeader.map { s[$0] }
            h += ReportPage.table(header, changed.map { d, here, _ in
                [here ? "<span class=\"build\">\(s["chg.only_here"])</span>" : "<span class=\"retire\">\(s["chg.only_base"])</span>"]
                    + ReportSections.decisionCells(d, here ? run : base, s, f, language, html: true)
            }, numeric: [1, 7, 8, 9, 10], id: "changed-decisions")
        }
        // Targets: achieved values that moved.
        var baseTargets: [String: RunFolder.Target] = [:]
        for t in base.targets { baseTargets["\(t.target)|\(t.scope)|\(t.year)"] = t }
        let moved = run.targets.compactMap { t -> (RunFolder.Target, RunFolder.Target?)? in
            let b = baseTargets["\(t.target)|\(t.scope)|\(t.year)"]
            guard let b else { return (t, nil) }
            let tolerance = max(1e-6, 1e-4 * max(abs(b.achieved), abs(t.achieved)))
            return abs(b.achieved - t.achieved) > tolerance || b.required != t.required || b.met != t.met ? (t, b) : nil
        }
        h += "<h3>\(s["chg.targets"])</h3>"
        if moved.isEmpty { h += "<p class=\"small\">\(s["chg.none"])</p>" } else {
            h += ReportPage.table([s["col.target"], s["col.scope"], s["col.year"], s["col.base"], s["col.this"], s["col.change"]], moved.map { t, b in
                [HTML.escape(run.names.name("target", t.target, language)), HTML.escape(t.scope == "province" ? s["province"] : run.names.name("cluster", t.scope, language)), "\(t.year)",
                 b.map { HTML.escape(f.value($0.achieved, unit: $0.unit)) + ($0.met ? "" : " ✗") } ?? "—",
                 HTML.escape(f.value(t.achieved, unit: t.unit)) + (t.met ? "" : " ✗"),
                 b.map { HTML.escape(signed(t.achieved - $0.achieved, unit: t.unit, f)) } ?? ""]
            }, numeric: [2, 3, 4, 5], id: "changed-targets")
        }
        // Costs over all years, by category.
        var costs: [String: (Double, Double)] = [:]
        for c in run.costs { costs[c.category, default: (0, 0)].1 += c.millionYuan }
        for c in base.costs { costs[c.category, default: (0, 0)].0 += c.millionYuan }
        let categories = ReportSections.ordered(base.costs.map(\.category) + run.costs.map(\.category)).filter { abs(costs[$0]!.1 - costs[$0]!.0) > 0.05 }
        h += "<h3>\(s["chg.costs"])</h3>"
        h += categories.isEmpty ? "<p class=\"small\">\(s["chg.none"])</p>" : ReportPage.table([s["col.item"], s["col.base"], s["col.this"], s["col.change"]], categories.map { c in
            let (b, r) = costs[c]!
            return [HTML.escape(s["cost." + c]), HTML.escape(f.money(millionYuan: b)), HTML.escape(f.money(millionYuan: r)), HTML.escape(signedMoney(r - b, f))]
        }, numeric: [1, 2, 3], id: "changed-costs")
        // Flows in the last year, by kind and commodity.
        if let year = run.years.last {
            var flows: [String: (Double, Double)] = [:]
            var keys: [String] = []
            for (list, isRun) in [(base.flows, false), (run.flows, true)] {
                for x in list where x.year == year && x.kind != "transport" {
                    let k = "\(x.kind)|\(x.commodity)"
                    if flows[k] == nil { keys.append(k) }
                    if isRun { flows[k, default: (0, 0)].1 += x.tonnes } else { flows[k, default: (0, 0)].0 += x.tonnes }
                }
            }
            let changedFlows = keys.filter { let (b, r) = flows[$0]!; return abs(r - b) >= max(500, 0.01 * max(b, r)) }
            h += "<h3>\(s["chg.flows"].replacingOccurrences(of: "{year}", with: "\(year)"))</h3>"
            h += changedFlows.isEmpty ? "<p class=\"small\">\(s["chg.none"])</p>" : ReportPage.table([s["col.item"], s["col.base"], s["col.this"], s["col.change"]], changedFlows.map { k in
                let parts = k.split(separator: "|").map(String.init), (b, r) = flows[k]!
                return [HTML.escape("\(run.names.name("commodity", parts[1], language)) · \(s["kind." + parts[0]])"), HTML.escape(f.tonnes(b)), HTML.escape(f.tonnes(r)),
                        HTML.escape((r >= b ? "+" : "−") + f.tonnes(abs(r - b)))]
            }, numeric: [1, 2, 3], id: "changed-flows")
        }
        return h + "</section>\n"
    }

    static func signed(_ x: Double, unit: String, _ f: NumberFormat) -> String {
        (x >= 0 ? "+" : "−") + (unit == "%" ? NumberFormat.grouped(abs(x), decimals: 1) + " pp" : f.value(abs(x), unit: unit))
    }

    static func signedMoney(_ x: Double, _ f: NumberFormat) -> String { (x >= 0 ? "+" : "−") + f.money(millionYuan: abs(x)) }
}
