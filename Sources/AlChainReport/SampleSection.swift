import AlChainIO
import Foundation

/// What `alchain sample` found, as the decision report shows it: each decision's probability over the feasible
/// draws and the distribution of the objective (read from the sample folder's decisions.csv and draws.csv).
public struct SampleResults: Sendable {
    /// One row of the sample's decisions.csv.
    public struct Share: Sendable, Equatable {
        public var decision: String
        public var unit: String
        public var year: Int
        public var share: Double
        public var robust: Bool
        public var inPointPlan: Bool
    }

    public var path: String
    public var shares: [Share]
    /// The objective of every feasible draw (million yuan), in draw order.
    public var objectives: [Double]
    /// Draws by status, most frequent first.
    public var statusCounts: [(status: String, count: Int)]
    public var draws: Int

    /// Reads a sample folder (exit 65 through DataError for a malformed file, 66 when the files are missing).
    public static func read(_ directory: String) throws -> SampleResults {
        func table(_ name: String) throws -> CSVTable {
            try CSVTable.read((directory as NSString).appendingPathComponent(name), displayName: (directory as NSString).appendingPathComponent(name))
        }
        let decisions = try table("decisions.csv"), draws = try table("draws.csv")
        try decisions.require(["decision", "unit", "year", "share", "robust", "in_point_plan"])
        try draws.require(["draw", "status", "objective_million_yuan"])
        var counts: [String: Int] = [:]
        var objectives: [Double] = []
        for r in draws.rows {
            let status = try r.text("status")
            counts[status, default: 0] += 1
            if status == "optimal", let x = try r.optionalNumber("objective_million_yuan") { objectives.append(x) }
        }
        return SampleResults(
            path: directory,
            shares: try decisions.rows.map {
                Share(decision: try $0.text("decision"), unit: try $0.text("unit"), year: try $0.integer("year"), share: try $0.number("share"),
                      robust: try $0.text("robust") == "yes", inPointPlan: try $0.text("in_point_plan") == "yes")
            },
            objectives: objectives, statusCounts: counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) },
            draws: draws.rows.count)
    }
}

/// The report's section on a sample: the robust core, the decisions that vary, and a histogram of the objective.
enum SampleSection {
    static func html(_ sample: SampleResults, run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        let feasible = sample.objectives.count
        let robust = sample.shares.filter(\.robust)
        var h = "<section id=\"sample\"><h2>\(HTML.escape(s["sec.sample"]))</h2>"
        let counts = sample.statusCounts.map { "\($0.count) \(s.status($0.status))" }.joined(separator: ", ")
        h += "<p class=\"lead\">\(HTML.escape(s["sample.lead"].replacingOccurrences(of: "{draws}", with: "\(sample.draws)").replacingOccurrences(of: "{counts}", with: counts).replacingOccurrences(of: "{robust}", with: "\(robust.count)")))</p>"
        h += "<div class=\"charts\"><div><h3>\(HTML.escape(s["sample.histogram"]))</h3>\(histogram(sample.objectives, s, f))</div></div>"
        // This report's own plan, which need not be the sample's point plan.
        let taken = Set(Decision.of(run).map { "\($0.kind.rawValue)|\($0.kind == .buyIndices ? $0.cluster : $0.unit)|\($0.year)" })
        func rows(_ shares: [SampleResults.Share]) -> [[String]] {
            shares.map { d in
                let unit = d.decision == "buy_indices" ? s["dec.indices"] : run.names.name("unit", d.unit, language)
                return ["<span class=\"\(d.decision == "retire" ? "retire" : "build")\">\(HTML.escape(s[d.decision]))</span>", HTML.escape(unit),
                        "<code>\(HTML.escape(d.unit))</code>", "\(d.year)", f.percent(100 * d.share), taken.contains("\(d.decision)|\(d.unit)|\(d.year)") ? "✓" : ""]
            }
        }
        let header = [s["sample.decision"], s["sample.unit"], s["sample.id"], s["sample.year"], s["sample.share"], s["sample.inPlan"]]
        h += "<h3>\(HTML.escape(s["sample.robust"]))</h3>"
        h += ReportPage.table(header, rows(robust), numeric: [3, 4], id: "sample-robust")
        h += "<h3>\(HTML.escape(s["sample.varying"]))</h3>"
        h += ReportPage.table(header, rows(sample.shares.filter { !$0.robust }), numeric: [3, 4], id: "sample-varying")
        h += "<p class=\"caveat\">\(HTML.escape(s["sample.caveat"].replacingOccurrences(of: "{feasible}", with: "\(feasible)").replacingOccurrences(of: "{path}", with: sample.path)))</p>"
        return h + "</section>\n"
    }

    /// A histogram of `values` (million yuan) in up to 20 equal bins; each bar carries its bin and count as data attributes.
    static func histogram(_ values: [Double], _ s: Strings, _ f: NumberFormat, width: Double = 680, height: Double = 240) -> String {
        let left = 44.0, right = 16.0, top = 26.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        var svg = "<svg class=\"chart\" id=\"sample-histogram\" viewBox=\"0 0 \(SVGChart.fmt(width)) \(SVGChart.fmt(height))\" role=\"img\" aria-label=\"\(HTML.escape(s["sample.histogram"]))\" xmlns=\"http://www.w3.org/2000/svg\">"
        guard let lo = values.min(), let hi = values.max() else { return svg + "</svg>" }
        let bins = hi - lo < 1e-9 ? 1 : min(20, max(5, Int(Double(values.count).squareRoot())))
        let width1 = max(hi - lo, 1e-9) / Double(bins)
        var counts = Array(repeating: 0, count: bins)
        for v in values { counts[min(bins - 1, Int((v - lo) / width1))] += 1 }
        let ticks = SVGChart.niceTicks(low: 0, high: Double(counts.max() ?? 1))
        let top1 = ticks.last ?? 1
        let y = { (c: Double) in top + plotH * (1 - c / max(top1, 1e-12)) }
        svg += "<text class=\"axis-title\" x=\"4\" y=\"10\">\(HTML.escape(s["sample.drawsAxis"]))</text>"
        for t in ticks {
            svg += "<line class=\"grid\" x1=\"\(SVGChart.fmt(left))\" x2=\"\(SVGChart.fmt(width - right))\" y1=\"\(SVGChart.fmt(y(t)))\" y2=\"\(SVGChart.fmt(y(t)))\"/>"
            svg += "<text class=\"tick\" x=\"\(SVGChart.fmt(left - 6))\" y=\"\(SVGChart.fmt(y(t) + 4))\" text-anchor=\"end\">\(SVGChart.plain(t))</text>"
        }
        let band = plotW / Double(bins)
        for (i, c) in counts.enumerated() {
            let from = lo + Double(i) * width1
            svg += "<rect x=\"\(SVGChart.fmt(left + Double(i) * band + 1))\" y=\"\(SVGChart.fmt(y(Double(c))))\" width=\"\(SVGChart.fmt(max(band - 2, 1)))\" height=\"\(SVGChart.fmt(y(0) - y(Double(c))))\" fill=\"\(SVGChart.palette[0])\" data-from=\"\(SVGChart.plain(from))\" data-to=\"\(SVGChart.plain(from + width1))\" data-count=\"\(c)\"><title>\(HTML.escape(f.money(millionYuan: from))) – \(HTML.escape(f.money(millionYuan: from + width1))): \(c)</title></rect>"
        }
        for (i, x) in [(0, lo), (bins, hi)] {
            let anchor = i == 0 ? "start" : "end"
            svg += "<text class=\"tick\" x=\"\(SVGChart.fmt(left + Double(i) * band))\" y=\"\(SVGChart.fmt(height - bottom + 16))\" text-anchor=\"\(anchor)\">\(HTML.escape(f.money(millionYuan: x)))</text>"
        }
        svg += "<text class=\"axis-title\" x=\"\(SVGChart.fmt(left + plotW / 2))\" y=\"\(SVGChart.fmt(height - 6))\" text-anchor=\"middle\">\(HTML.escape(s["sample.costAxis"]))</text>"
        return svg + "</svg>"
    }

    /// The workbook's sheet: every decision's probability.
    static func sheet(_ sample: SampleResults, run: RunFolder, _ s: Strings, _ language: Language) -> XLSXWriter.Sheet {
        let zh = language == .zh
        return .init(
            name: zh ? "抽样稳健性" : "Sample",
            header: zh ? ["决策", "单元编号", "单元名称", "年份", "概率", "稳健(≥90%)", "点值方案中"] : ["decision", "unit", "unit name", "year", "probability", "robust (≥ 90 %)", "in the point plan"],
            rows: sample.shares.map { d in
                [.text(s[d.decision]), .text(d.unit), .text(d.decision == "buy_indices" ? s["dec.indices"] : run.names.name("unit", d.unit, language)),
                 .integer(d.year), .number(d.share), .text(d.robust ? (zh ? "是" : "yes") : (zh ? "否" : "no")), .text(d.inPointPlan ? (zh ? "是" : "yes") : (zh ? "否" : "no"))]
            })
    }
}
