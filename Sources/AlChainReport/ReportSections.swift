import AlChainIO
import Foundation

/// The sections of report.html, each built from the run folder's tables.
enum ReportSections {
    typealias Row = [String]

    // MARK: Decisions

    /// Headline figures of the decisions, shared by the page and the text summary: (label key, value).
    static func headline(_ run: RunFolder, _ decisions: [Decision], _ f: NumberFormat) -> [(String, String)] {
        let smelting = decisions.filter { $0.stage == "smelting" }
        let retired = smelting.filter { $0.kind == .retire }.reduce(0) { $0 + $1.tonnes }
        let built = smelting.filter { $0.kind == .build }.reduce(0) { $0 + $1.tonnes }
        let indices = decisions.filter { $0.kind == .buyIndices }
        let indexT = indices.reduce(0) { $0 + ($1.tonnes.isFinite ? $1.tonnes : 0) }
        let capex = decisions.compactMap(\.capexMillionYuan).reduce(0, +)
        var out = [("kpi.retired", f.tonnes(retired)), ("kpi.built", f.tonnes(built)),
                   ("kpi.indices", indices.isEmpty ? f.tonnes(0) : (indices.allSatisfy { $0.tonnes.isFinite } ? f.tonnes(indexT) : "—")),
                   ("kpi.capex", f.money(millionYuan: capex))]
        if let last = run.years.last {
            out.append(("kpi.capacity", f.tonnes(run.capacity.filter { $0.year == last && $0.stage == "smelting" }.reduce(0) { $0 + $1.capacityT })))
            out.append(("kpi.value", f.money(millionYuan: 100 * run.clusters.filter { $0.year == last }.reduce(0) { $0 + $1.outputValueYi })))
        }
        return out
    }

    /// The cells of one decision row: year, decision, unit, cluster/park, cells, AC, units, capacity, capital cost.
    static func decisionCells(_ d: Decision, _ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language, html: Bool) -> Row {
        let name = d.kind == .buyIndices ? s["dec.indices"] : run.names.name("unit", d.unit, language)
        let kind = s[d.kind.rawValue]
        let capex: String = d.kind == .retire ? "—" : (d.capexMillionYuan.map { f.money(millionYuan: $0) } ?? s["capex.unknown"])
        let kindCell: String = html ? "<span class=\"\(d.kind == .retire ? "retire" : "build")\">\(HTML.escape(kind))</span>" : kind
        let unitCell: String = html ? HTML.escape(name) + (d.unit.isEmpty ? "" : " <span class=\"small\">\(HTML.escape(d.unit))</span>") : name
        let cluster: String = d.cluster == "province" ? s["province"] : SankeyDiagram.shortCluster(run.names.name("cluster", d.cluster, language))
        let ac: String = d.acKWhPerT.map { NumberFormat.grouped($0) } ?? ""
        // Whole units only: continuous expansions have a nominal unit size that says nothing here.
        let units: String = d.units.flatMap { abs($0 - $0.rounded()) < 1e-6 ? NumberFormat.grouped($0) : nil } ?? ""
        let tonnes: String = d.tonnes.isFinite ? f.tonnes(d.tonnes) : "—"
        let cells: [String] = ["\(d.year)", kindCell, unitCell, cluster, d.park, d.cellClass, ac, units, tonnes, capex]
        return html ? cells.enumerated().map { $0 == 1 || $0 == 2 ? $1 : HTML.escape($1) } : cells
    }

    /// A decision's facts as data attributes of its table row, for checks and scripts.
    static func rowData(_ d: Decision) -> String {
        " data-year=\"\(d.year)\" data-kind=\"\(d.kind.rawValue)\" data-unit=\"\(HTML.escape(d.unit))\" data-tonnes=\"\(SVGChart.plain(d.tonnes))\""
    }

    static let decisionHeader = ["col.year", "col.decision", "col.unit", "col.cluster", "col.park", "col.cells", "col.ac", "col.units", "col.capacity", "col.capex"]

    static func decisions(_ run: RunFolder, _ decisions: [Decision], _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        var h = "<section id=\"decisions\"><h2>\(s["sec.decisions"])</h2><p class=\"lead\">\(s["dec.lead"])</p><div class=\"kpis\">"
        for (key, value) in headline(run, decisions, f) { h += "<div class=\"kpi\"><b>\(HTML.escape(value))</b><span>\(HTML.escape(s[key]))</span></div>" }
        h += "</div>"
        let header = decisionHeader.map { s[$0] }
        let groups: [(String, [Decision])] = [
            ("dec.potlines", decisions.filter { $0.stage == "smelting" && $0.kind != .buyIndices }),
            ("dec.indices", decisions.filter { $0.kind == .buyIndices }),
            ("dec.other", decisions.filter { $0.stage != "smelting" }),
        ]
        for (key, list) in groups {
            h += "<h3>\(s[key])</h3>"
            if list.isEmpty { h += "<p class=\"small\">\(s["dec.none"])</p>"; continue }
            let rows = list.map { decisionCells($0, run, s, f, language, html: true) }
            h += ReportPage.table(header, rows, numeric: [0, 6, 7, 8, 9], cls: "decisions", rowAttributes: list.map(rowData))
        }
        // Projects (go/no-go decisions) and their build years.
        let projects = Decision.projects(run)
        if !projects.isEmpty {
            h += "<h3>\(s["dec.projects"])</h3>"
            let capexByProject = Dictionary(grouping: decisions.filter { !$0.project.isEmpty }, by: \.project).mapValues { $0.compactMap(\.capexMillionYuan).reduce(0, +) }
            h += ReportPage.table([s["col.project"], s["col.built_in"], s["col.capex"]], projects.map { p in
                [HTML.escape(p.project), p.year.map { "<span class=\"build\">\($0)</span>" } ?? "<span class=\"small\">\(s["not_built"])</span>",
                 p.year == nil ? "—" : HTML.escape(capexByProject[p.project].map { f.money(millionYuan: $0) } ?? s["capex.unknown"])]
            }, numeric: [1, 2], id: "projects")
        }
        return h + "</section>\n"
    }

    // MARK: Targets

    static func opSymbol(_ op: String) -> String { op == ">=" ? "≥" : (op == "<=" ? "≤" : "=") }

    static func targets(_ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        var h = "<section id=\"targets\"><h2>\(s["sec.targets"])</h2><p class=\"lead\">\(s["tgt.lead"])</p>"
        let years = Array(Set(run.targets.map(\.year))).sorted()
        var keys: [String] = []
        var byKey: [String: [Int: RunFolder.Target]] = [:]
        for t in run.targets {
            let k = t.target + "|" + t.scope
            if byKey[k] == nil { keys.append(k) }
            byKey[k, default: [:]][t.year] = t
        }
        let header = [s["col.target"], s["col.scope"]] + years.map(String.init)
        var rows: [Row] = []
        for k in keys {
            let cells = byKey[k]!
            let any = cells.values.first!
            var row = [HTML.escape(run.names.name("target", any.target, language)) + " <span class=\"small\">\(HTML.escape(any.target))</span>",
                       HTML.escape(any.scope == "province" ? s["province"] : run.names.name("cluster", any.scope, language))]
            for y in years {
                guard let t = cells[y] else { row.append(""); continue }
                let cls = t.met ? (t.binding ? "met bind" : "met") : "unmet"
                row.append("<span class=\"\(cls)\" data-target=\"\(HTML.escape(t.target))\" data-year=\"\(y)\" data-achieved=\"\(CSVWriter.number(t.achieved, decimals: 4))\" data-met=\"\(t.met ? "yes" : "no")\">\(HTML.escape(f.value(t.achieved, unit: t.unit)))</span><br><span class=\"small\">\(opSymbol(t.op)) \(HTML.escape(f.value(t.required, unit: t.unit)))\(t.met ? "" : " ✗")</span>")
            }
            rows.append(row)
        }
        h += ReportPage.table(header, rows, numeric: Set(2..<(2 + years.count)), id: "targets-table")
        // Binding targets: what one more unit costs, year by year, with the range over which the price holds.
        let binding = run.targets.filter { $0.binding && ($0.shadowPrice ?? 0) != 0 }
        if !binding.isEmpty {
            var bindingKeys: [String] = []
            var prices: [String: RunFolder.Target] = [:]
            for t in binding {
                let k = t.target + "|" + t.scope
                if !bindingKeys.contains(k) { bindingKeys.append(k) }
                prices["\(k)|\(t.year)"] = t
            }
            let priceYears = Array(Set(binding.map(\.year))).sorted()
            h += "<h3>\(s["col.price"])</h3>"
            h += ReportPage.table([s["col.target"], s["col.required"]] + priceYears.map(String.init) + [s["col.source"]], bindingKeys.map { k in
                let any = binding.first { $0.target + "|" + $0.scope == k }!
                return [HTML.escape(run.names.name("target", any.target, language)) + (any.scope == "province" ? "" : " · " + HTML.escape(run.names.name("cluster", any.scope, language))),
                        "\(opSymbol(any.op)) \(HTML.escape(f.value(any.required, unit: any.unit)))"]
                    + priceYears.map { y in
                        guard let t = prices["\(k)|\(y)"] else { return "" }
                        let range = [t.holdsFrom, t.holdsTo].map { $0.map { $0.isFinite ? f.value($0, unit: t.unit) : ($0 > 0 ? "∞" : "−∞") } ?? "–" }.joined(separator: "…")
                        return "<b>\(HTML.escape(NumberFormat.grouped(t.shadowPrice ?? 0, decimals: 2)))</b><br><span class=\"small\">\(HTML.escape(range))</span>"
                    }
                    + ["<span class=\"small\">\(HTML.escape(any.source))</span>"]
            }, numeric: Set(2..<(2 + priceYears.count)), id: "binding-table")
            h += "<p class=\"caveat\">\(s["tgt.caveat"])</p>"
        }
        h += "<h3>\(s["rules"])</h3>"
        h += ReportPage.table([s["col.rule"], s["col.scope"], s["col.year"], s["col.value"], s["col.limit"], s["col.met"]], run.rules.map { r in
            ["\(HTML.escape(r.rule))<br><span class=\"small\">\(HTML.escape(r.description))</span>", HTML.escape(r.scope == "province" ? s["province"] : run.names.name("cluster", r.scope, language)),
             r.year.map(String.init) ?? "", HTML.escape(f.tonnes(r.valueT)), HTML.escape(f.tonnes(r.limitT)), r.met ? "<span class=\"met\">\(s["met.yes"])</span>" : "<span class=\"unmet\">\(s["met.no"])</span>"]
        }, numeric: [2, 3, 4])
        return h + "</section>\n"
    }

    // MARK: Capacity

    /// Series of `values(key, year)` for `keys`, coloured in order.
    static func series(_ keys: [String], _ years: [Int], label: (String) -> String, colorOffset: Int = 0, _ values: (String, Int) -> Double) -> [ChartSeries] {
        keys.enumerated().map { i, k in
            ChartSeries(key: k, label: label(k), values: years.map { values(k, $0) }, color: SVGChart.palette[(i + colorOffset) % SVGChart.palette.count])
        }
    }

    /// Distinct values in first-seen order.
    static func ordered<S: Sequence>(_ xs: S) -> [String] where S.Element == String {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    static func capacity(_ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        var h = "<section id=\"capacity\"><h2>\(s["sec.capacity"])</h2><p class=\"lead\">\(s["cap.lead"])</p><div class=\"charts\">"
        let years = run.years
        let stages = Decision.stageOrder.filter { st in run.capacity.contains { $0.stage == st } }
        var sums: [String: Double] = [:]
        for c in run.capacity { sums["\(c.cluster)|\(c.stage)|\(c.year)", default: 0] += c.capacityT }
        for cluster in ordered(run.capacity.map(\.cluster)) {
            let name = run.names.name("cluster", cluster, language)
            h += "<div><h3>\(HTML.escape(name))</h3>"
            h += SVGChart.stackedBars(id: "cap-\(cluster)", years: years, series: series(stages, years, label: { s["stage." + $0] }) { st, y in sums["\(cluster)|\(st)|\(y)"] ?? 0 },
                                      axis: .tonnes, axisTitle: language == .zh ? "万吨/年" : "kt/yr", format: f)
            h += "</div>"
        }
        let smelters = ordered(run.capacity.filter { $0.stage == "smelting" }.map(\.process)).sorted()
        var cells: [String: Double] = [:]
        for c in run.capacity where c.stage == "smelting" { cells["\(c.process)|\(c.year)", default: 0] += c.capacityT }
        h += "<div><h3>\(s["cap.cells"])</h3>"
        h += SVGChart.stackedBars(id: "cap-cells", years: years, series: series(smelters, years, label: { run.names.name("process", $0, language) }, colorOffset: 3) { p, y in cells["\(p)|\(y)"] ?? 0 },
                                  axis: .tonnes, axisTitle: language == .zh ? "万吨/年" : "kt/yr", format: f)
        return h + "</div></div></section>\n"
    }

    // MARK: Flows

    static func flows(_ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        let years = Array(Set(run.flows.map(\.year))).sorted()
        let selected = years.first { $0 >= 2027 } ?? years.last ?? 0
        var h = "<section id=\"flows\"><h2>\(s["sec.flows"])</h2><p class=\"lead\">\(s["flow.lead"])</p>"
        h += "<div class=\"year-select\"><label for=\"sankey-year\">\(s["flow.year"]) </label><select id=\"sankey-year\">"
        for y in years { h += "<option value=\"\(y)\"\(y == selected ? " selected" : "")>\(y)</option>" }
        h += "</select></div>"
        for y in years { h += SankeyDiagram.svg(run, year: y, language: language, active: y == selected) }
        for y in years {
            let t = SankeyDiagram.transports(run, year: y)
            guard !t.isEmpty else { continue }
            h += "<div class=\"transport\" data-year=\"\(y)\"\(y == selected ? "" : " hidden")><h3>\(s["flow.transport"]) \(y)</h3>"
            h += ReportPage.table([s["col.item"], s["col.route"], s["col.mode"], s["col.tonnes"]], t.map {
                [HTML.escape(run.names.name("commodity", $0.commodity, language)),
                 HTML.escape("\(run.names.name("cluster", $0.from, language)) → \(run.names.name("cluster", $0.to, language))"), HTML.escape($0.mode), HTML.escape(f.tonnes($0.tonnes))]
            }, numeric: [3])
            h += "</div>"
        }
        return h + "</section>\n"
    }

    // MARK: Costs and value

    static func costs(_ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        let years = Array(Set(run.costs.map(\.year))).sorted()
        let categories = ordered(run.costs.map(\.category))
        var sums: [String: Double] = [:]
        for c in run.costs { sums["\(c.category)|\(c.year)", default: 0] += c.millionYuan }
        var h = "<section id=\"costs\"><h2>\(s["sec.costs"])</h2><p class=\"lead\">\(s["cost.lead"])</p><div class=\"charts\"><div>"
        h += SVGChart.stackedBars(id: "costs-chart", years: years, series: series(categories, years, label: { s["cost." + $0] }) { c, y in sums["\(c)|\(y)"] ?? 0 },
                                  axis: .millionYuan, axisTitle: language == .zh ? "亿元" : "bn yuan", format: f)
        let clusters = ordered(run.clusters.map(\.cluster))
        var value: [String: Double] = [:]
        for c in run.clusters { value["\(c.cluster)|\(c.year)"] = c.outputValueYi * 100 }
        h += "</div><div><h3>\(s["cost.value"])</h3>"
        h += SVGChart.stackedBars(id: "value-chart", years: years, series: series(clusters, years, label: { run.names.name("cluster", $0, language) }, colorOffset: 5) { c, y in value["\(c)|\(y)"] ?? 0 },
                                  axis: .millionYuan, axisTitle: language == .zh ? "亿元" : "bn yuan", format: f)
        h += "</div></div>"
        h += ReportPage.table([s["col.item"]] + years.map(String.init), categories.map { c in
            [HTML.escape(s["cost." + c])] + years.map { HTML.escape(f.money(millionYuan: sums["\(c)|\($0)"] ?? 0)) }
        } + [[s["col.total"]] + years.map { y in HTML.escape(f.money(millionYuan: categories.reduce(0) { $0 + (sums["\($1)|\(y)"] ?? 0) })) }],
            numeric: Set(1...max(1, years.count)), id: "costs-table")
        return h + "</section>\n"
    }

    // MARK: Power

    static func power(_ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        let years = Array(Set(run.power.map(\.year))).sorted()
        let sources = ordered(run.power.map(\.source))
        var sums: [String: Double] = [:], clean: [Int: Double] = [:], total: [Int: Double] = [:]
        for p in run.power {
            sums["\(p.source)|\(p.year)", default: 0] += p.gwh
            total[p.year, default: 0] += p.gwh
            if p.clean { clean[p.year, default: 0] += p.gwh }
        }
        let share = years.map { (total[$0] ?? 0) > 0 ? 100 * (clean[$0] ?? 0) / total[$0]! : 0 }
        var h = "<section id=\"power\"><h2>\(s["sec.power"])</h2><p class=\"lead\">\(s["power.lead"])</p>"
        h += SVGChart.stackedBars(id: "power-chart", years: years, series: series(sources, years, label: { run.names.name("power_source", $0, language) }, colorOffset: 7) { src, y in sums["\(src)|\(y)"] ?? 0 },
                                  axis: .gwh, axisTitle: language == .zh ? "亿千瓦时" : "GWh", format: f,
                                  line: ChartSeries(key: "clean_share", label: s["power.clean_share"], values: share, color: "#17803d"))
        h += ReportPage.table([s["col.item"]] + years.map(String.init), sources.map { src in
            [HTML.escape(run.names.name("power_source", src, language))] + years.map { HTML.escape(f.energy(gwh: sums["\(src)|\($0)"] ?? 0)) }
        } + [[s["power.clean_share"]] + share.map { HTML.escape(f.percent($0)) }], numeric: Set(1...max(1, years.count)), id: "power-table")
        return h + "</section>\n"
    }

    // MARK: Provenance

    static func provenance(_ run: RunFolder, _ decisions: [Decision], _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        var h = "<section id=\"provenance\"><h2>\(s["sec.provenance"])</h2><p class=\"lead\">\(s["prov.lead"])</p>"
        h += "<p>\(s["prov.folder"]): <code>\(HTML.escape((run.path as NSString).lastPathComponent))</code></p>"
        if let m = run.manifest {
            h += "<p>\(s["prov.version"]): AlChain \(HTML.escape(m.alchainVersion)), GLPK \(HTML.escape(m.glpkVersion))</p>"
            h += "<h3>\(s["prov.hashes"])</h3>"
            h += ReportPage.table([s["col.file"], s["col.sha"]], m.inputHashes.sorted { $0.key < $1.key }.map {
                ["<code>\(HTML.escape(shortPath($0.key)))</code>", "<code>\(HTML.escape($0.value))</code>"]
            }, id: "hashes")
            h += "<h3>\(s["prov.overrides"])</h3>"
            h += m.overrides.isEmpty ? "<p class=\"small\">\(s["prov.no_overrides"])</p>" : "<ul>" + m.overrides.map { "<li><code>\(HTML.escape($0))</code></li>" }.joined() + "</ul>"
            if !m.solver.isEmpty {
                h += "<h3>\(s["prov.solver"])</h3><p class=\"small\">" + m.solver.sorted { $0.key < $1.key }.map { "\(HTML.escape($0.key)) = \(HTML.escape($0.value))" }.joined(separator: "; ") + "</p>"
            }
        } else {
            h += "<p class=\"small\">\(s["prov.no_manifest"])</p>"
        }
        h += "<h3>\(s["prov.assumed"])</h3>"
        let assumed = assumedBehindBinding(run, decisions, language)
        h += assumed.isEmpty ? "<p class=\"small\">\(s["prov.no_assumed"])</p>"
            : ReportPage.table([s["col.item"], s["col.source"]], assumed.map { [HTML.escape($0.0), "<span class=\"small\">\(HTML.escape($0.1))</span>"] }, id: "assumed")
        return h + "</section>\n"
    }

    /// What the binding constraints rest on that is marked ASSUMED: binding targets' sources, the sources of
    /// units the plan builds or retires (capital costs, sizes), and the capacity-index price when indices are bought.
    static func assumedBehindBinding(_ run: RunFolder, _ decisions: [Decision], _ language: Language) -> [(String, String)] {
        var out: [(String, String)] = []
        var seen = Set<String>()
        for t in run.targets where t.binding && t.source.contains("ASSUMED") && seen.insert("t:" + t.target).inserted {
            out.append(("\(run.names.name("target", t.target, language)) (\(t.target))", t.source))
        }
        for d in decisions where d.source.contains("ASSUMED") && seen.insert("u:" + d.unit + d.kind.rawValue).inserted {
            out.append((d.kind == .buyIndices ? Strings(language)["dec.indices"] : "\(run.names.name("unit", d.unit, language)) (\(d.unit))", d.source))
        }
        return out
    }

    /// The last two components of a path (inputs live in different checkouts on different machines).
    static func shortPath(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }
}
