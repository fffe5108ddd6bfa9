import Foundation

/// report.html: one self-contained page (inline CSS, SVG and a few lines of script; no network request) that
/// opens offline and prints, decisions first, then the evidence.
public enum ReportPage {
    /// The page for `run`, compared with `base` when given, with a sample's section and near-optimal `alternatives` side by side when given.
    public static func html(_ run: RunFolder, base: RunFolder?, language: Language, sample: SampleResults? = nil, alternatives: AlternativesFolder? = nil) -> String {
        let s = Strings(language), f = NumberFormat(language)
        let decisions = Decision.of(run)
        var h = "<!DOCTYPE html>\n<html lang=\"\(language.htmlTag)\"><head><meta charset=\"utf-8\">"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        h += "<title>\(HTML.escape(s["title"])) · \(HTML.escape(run.scenario))</title><style>\(PageStyle.css)</style></head><body>\n"
        h += header(run, base: base, s, f)
        h += "<nav><b>\(s["nav"])</b>"
        for (id, key) in sections(base != nil, sample: sample != nil, alternatives: alternatives != nil) { h += " <a href=\"#\(id)\">\(HTML.escape(s[key]))</a>" }
        h += "</nav>\n"
        h += ReportSections.decisions(run, decisions, s, f, language)
        h += ReportSections.targets(run, s, f, language)
        h += ReportSections.capacity(run, s, f, language)
        h += ReportSections.flows(run, s, f, language)
        h += ReportSections.costs(run, s, f, language)
        h += ReportSections.power(run, s, f, language)
        if let base { h += ReportComparison.section(run, base: base, s, f, language) }
        if let sample { h += SampleSection.html(sample, run: run, s, f, language) }
        if let alternatives { h += ReportAlternatives.section(alternatives, run, s, f, language) }
        h += ReportSections.provenance(run, decisions, s, f, language)
        h += "<script>\(PageStyle.script)</script>\n</body></html>\n"
        return h
    }

    /// Section ids and title keys, in page order.
    static func sections(_ withBase: Bool, sample: Bool = false, alternatives: Bool = false) -> [(String, String)] {
        [("decisions", "sec.decisions"), ("targets", "sec.targets"), ("capacity", "sec.capacity"), ("flows", "sec.flows"), ("costs", "sec.costs"), ("power", "sec.power")]
            + (withBase ? [("changes", "sec.changes")] : []) + (sample ? [("sample", "sec.sample")] : []) + (alternatives ? [("alternatives", "sec.alternatives")] : [])
            + [("provenance", "sec.provenance")]
    }

    static func header(_ run: RunFolder, base: RunFolder?, _ s: Strings, _ f: NumberFormat) -> String {
        var h = "<header><h1>\(HTML.escape(s["title"]))</h1><dl>"
        h += "<dt>\(s["scenario"])</dt><dd id=\"scenario\">\(HTML.escape(run.scenario))"
        if let d = run.outcome?.description, !d.isEmpty { h += " — \(HTML.escape(d))" }
        h += "</dd>"
        let status = run.summaryValue("status") ?? run.outcome?.status ?? ""
        h += "<dt>\(s["status"])</dt><dd>\(HTML.escape(s.status(status)))</dd>"
        if let obj = run.summaryValue("objective_million_yuan").flatMap(Double.init) {
            let sense = run.summaryValue("objective") ?? "cost"
            h += "<dt>\(s["objective"])</dt><dd>\(HTML.escape(s["objective." + sense])): \(HTML.escape(f.money(millionYuan: obj)))</dd>"
        }
        if let met = run.summaryValue("targets_met") { h += "<dt>\(s["targets_met"])</dt><dd>\(HTML.escape(met))</dd>" }
        if let base { h += "<dt>\(s["base"])</dt><dd>\(HTML.escape(base.scenario))</dd>" }
        return h + "</dl></header>\n"
    }

    /// A table with a header row; cells are HTML already; `numeric` columns are right-aligned.
    /// `rowAttributes[i]` (e.g. ` data-unit="x"`) goes into row i's `<tr>`.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = [], id: String? = nil, cls: String = "", rowAttributes: [String] = [], headerIsHTML: Bool = false) -> String {
        var t = "<table\(id.map { " id=\"\($0)\"" } ?? "")\(cls.isEmpty ? "" : " class=\"\(cls)\"")><thead><tr>"
        for (i, c) in header.enumerated() { t += "<th\(numeric.contains(i) ? " class=\"n\"" : "")>\(headerIsHTML ? c : HTML.escape(c))</th>" }
        t += "</tr></thead><tbody>"
        for (n, r) in rows.enumerated() {
            t += "<tr\(n < rowAttributes.count ? rowAttributes[n] : "")>"
            for (i, c) in r.enumerated() { t += "<td\(numeric.contains(i) ? " class=\"n\"" : "")>\(c)</td>" }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }
}

/// The page's stylesheet and its one script (the Sankey's year selector).
enum PageStyle {
    static let css = """
    :root{--ink:#1a1a1a;--muted:#5f6b7a;--line:#d9dee5;--accent:#1f4e79;--ok:#17803d;--bad:#c0392b}
    *{box-sizing:border-box}
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",system-ui,sans-serif;color:var(--ink);margin:0 auto;max-width:1120px;padding:20px 28px;line-height:1.5;font-size:14px}
    h1{font-size:24px;margin:0 0 8px;color:var(--accent)}h2{font-size:19px;border-bottom:2px solid var(--accent);padding-bottom:4px;margin:34px 0 12px;color:var(--accent)}h3{font-size:15px;margin:20px 0 8px}
    header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}header dt{color:var(--muted)}header dd{margin:0}
    nav{margin:14px 0;padding:8px 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}nav a{margin-right:12px;color:var(--accent);text-decoration:none}
    .lead{color:var(--muted);margin:4px 0 12px}.caveat{color:var(--muted);font-size:12.5px}
    table{border-collapse:collapse;width:100%;margin:6px 0 14px;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 7px;text-align:left;vertical-align:top}
    th{background:#f1f4f8;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:10px 0 16px}
    .kpi{border:1px solid var(--line);border-left:4px solid var(--accent);padding:8px 12px;border-radius:4px}.kpi b{display:block;font-size:20px;color:var(--accent)}.kpi span{color:var(--muted);font-size:12.5px}
    .retire{color:var(--bad);font-weight:600;white-space:nowrap}.build{color:var(--ok);font-weight:600;white-space:nowrap}
    .met{color:var(--ok)}.unmet{color:var(--bad);font-weight:700}.bind{background:#fff4d6}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:12px 20px}
    svg.chart{width:100%;height:auto;display:block}svg .grid{stroke:#e6e9ee}svg .zero{stroke:#333}svg .tick{font-size:11px;fill:var(--muted)}svg .axis-title{font-size:11px;fill:var(--muted)}
    svg .share{fill:none;stroke-width:2.2}
    .legend{font-size:12px;color:var(--muted);margin:2px 0 10px}.legend span{margin-right:12px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}
    svg.sankey{width:100%;height:auto;display:none}svg.sankey.active{display:block}svg.sankey .link{stroke-opacity:.42}svg.sankey .link:hover{stroke-opacity:.75}
    svg.sankey .node-label{font-size:11px;fill:#222}svg.sankey .v{fill:var(--muted)}
    .year-select{margin:6px 0}select{font:inherit;padding:2px 6px}
    .small{font-size:12px;color:var(--muted)}code{font-size:12px;word-break:break-all}
    @media print{body{max-width:none;padding:0;font-size:11px}nav,.year-select{display:none}section{break-inside:auto}h2{break-after:avoid}table,svg{break-inside:avoid}}
    """

    static let script = """
    (function(){var s=document.getElementById('sankey-year');if(!s)return;function show(){var y=s.value;document.querySelectorAll('svg.sankey').forEach(function(g){g.classList.toggle('active',g.getAttribute('data-year')===y)});document.querySelectorAll('.transport').forEach(function(t){t.hidden=t.getAttribute('data-year')!==y})}s.addEventListener('change',show);show()})();
    """
}
