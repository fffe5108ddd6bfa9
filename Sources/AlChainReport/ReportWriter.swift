import Foundation

/// Writes a run folder's report.html and plan.xlsx, and a batch's summary.html; each file atomically.
public enum ReportWriter {
    /// The files `write` produces.
    public static let fileNames = ["report.html", "plan.xlsx"]

    /// Writes `run.path`/report.html and plan.xlsx (compared with `base` when given, with a sample's section and
    /// near-optimal `alternatives` when given); returns their paths.
    @discardableResult
    public static func write(_ run: RunFolder, base: RunFolder?, language: Language, sample: SampleResults? = nil, alternatives: AlternativesFolder? = nil) throws -> [String] {
        let html = ReportPage.html(run, base: base, language: language, sample: sample, alternatives: alternatives)
        var book = PlanWorkbook.workbook(run, language: language)
        if let sample { book.sheets.append(SampleSection.sheet(sample, run: run, Strings(language), language)) }
        if let alternatives { book.sheets.append(ReportAlternatives.sheet(alternatives, run, language: language)) }
        let xlsx = try book.data()
        let paths = fileNames.map { (run.path as NSString).appendingPathComponent($0) }
        try atomicWrite(Data(html.utf8), to: paths[0])
        try atomicWrite(xlsx, to: paths[1])
        return paths
    }

    /// Writes `directory`/summary.html for the scenarios in `runs` (name, folder or nil when it has no plan).
    public static func writeSummary(_ runs: [(name: String, run: RunFolder?, outcome: RunFolder.Outcome?)], base: RunFolder?, to directory: String, language: Language) throws {
        try atomicWrite(Data(BatchSummaryPage.html(runs, base: base, language: language).utf8), to: (directory as NSString).appendingPathComponent("summary.html"))
    }

    /// Writes through a temporary file in the same folder and a rename, so a reader never sees half a file.
    static func atomicWrite(_ data: Data, to path: String) throws {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// summary.html: the scenarios of a batch side by side, each linking to its report.
enum BatchSummaryPage {
    static func html(_ runs: [(name: String, run: RunFolder?, outcome: RunFolder.Outcome?)], base: RunFolder?, language: Language) -> String {
        let s = Strings(language), f = NumberFormat(language)
        var h = "<!DOCTYPE html>\n<html lang=\"\(language.htmlTag)\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        h += "<title>\(HTML.escape(s["sum.title"]))</title><style>\(PageStyle.css) .wide{overflow-x:auto} .wide table{width:auto} .wide td,.wide th{white-space:nowrap}</style></head><body>"
        h += "<header><h1>\(HTML.escape(s["sum.title"]))</h1><p class=\"lead\">\(s["sum.lead"])</p>"
        if let base { h += "<p>\(s["base"]): <b>\(HTML.escape(base.scenario))</b></p>" }
        h += "</header><div class=\"wide\">"
        // Rows: status, objective and headline figures, then each target in its last year; one column per scenario.
        let headlineKeys = ["kpi.retired", "kpi.built", "kpi.indices", "kpi.capex", "kpi.capacity", "kpi.value"]
        var header = [HTML.escape(s["col.item"])]
        var columns: [[String: String]] = []
        var targetKeys: [String] = []
        var targetNames: [String: String] = [:]
        for entry in runs {
            let link = entry.run != nil ? "<a href=\"\(HTML.escape(entry.name))/report.html\">\(HTML.escape(entry.name))</a>" : HTML.escape(entry.name)
            header.append(link)
            var col: [String: String] = [:]
            let status = entry.outcome?.status ?? entry.run?.summaryValue("status") ?? ""
            col["status"] = HTML.escape(s.status(status)) + (entry.outcome.map { $0.status == $0.expect ? "" : " ✗ (\(s["sum.expect"]) \(HTML.escape($0.expect)))" } ?? "")
            if let run = entry.run {
                col["objective"] = run.summaryValue("objective_million_yuan").flatMap(Double.init).map { HTML.escape(f.money(millionYuan: $0)) } ?? ""
                col["targets_met"] = HTML.escape(run.summaryValue("targets_met") ?? "")
                for (k, v) in ReportSections.headline(run, Decision.of(run), f) { col[k] = HTML.escape(v) }
                let lastYear = run.targets.map(\.year).max()
                for t in run.targets where t.year == lastYear {
                    let k = "t:\(t.target)|\(t.scope)"
                    if targetNames[k] == nil { targetKeys.append(k); targetNames[k] = run.names.name("target", t.target, language) + (t.scope == "province" ? "" : " · " + run.names.name("cluster", t.scope, language)) + " \(t.year)" }
                    col[k] = "<span class=\"\(t.met ? (t.binding ? "met bind" : "met") : "unmet")\">\(HTML.escape(f.value(t.achieved, unit: t.unit)))</span>"
                }
            } else if let message = entry.outcome?.message {
                col["objective"] = "<span class=\"small\">\(HTML.escape(String(message.prefix(160))))</span>"
            }
            columns.append(col)
        }
        var rows: [[String]] = []
        for (key, label) in [("status", s["status"]), ("objective", s["objective"]), ("targets_met", s["targets_met"])] + headlineKeys.map({ ($0, s[$0]) }) + targetKeys.map({ ($0, targetNames[$0]!) }) {
            rows.append([HTML.escape(label)] + columns.map { $0[key] ?? "" })
        }
        h += ReportPage.table(header, rows, numeric: Set(1...max(1, runs.count)), id: "scenarios", headerIsHTML: true)
        return h + "</div></body></html>\n"
    }
}
