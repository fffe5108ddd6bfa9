import AlChainIO
import Foundation

/// The folder `alchain alternatives --out DIR` writes, as the report needs it: each plan's cost (plans.csv) and
/// the decisions × plans table (alternatives.csv).
public struct AlternativesFolder: Sendable {
    /// One plan of the search (the optimum first).
    public struct Plan: Sendable {
        public let name: String
        public let status: String
        public let objectiveMillionYuan: Double?
        public let vsOptimumPercent: Double?
        public let stoppedAtTimeLimit: Bool
    }

    /// One decision across the plans.
    public struct Row: Sendable {
        public let decision: String
        public let unit: String
        public let year: Int
        public let amountUnit: String
        /// By plan, in `plans` order; `nil` where the plan does not take it.
        public let amounts: [Double?]
        public let mustHave: Bool
    }

    public let path: String
    public let plans: [Plan]
    public let rows: [Row]

    /// Reads `path`/plans.csv and `path`/alternatives.csv; a missing file or a malformed row is a `DataError` naming
    /// file, line and column.
    public static func read(_ path: String) throws(DataError) -> AlternativesFolder {
        func table(_ name: String) throws(DataError) -> CSVTable {
            let file = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DataError(file: file, expected: "the \(name) that `alchain alternatives --out DIR` writes", found: "no such file", rule: "missing-file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw DataError(file: file, expected: "a readable UTF-8 CSV file", found: "unreadable bytes", rule: "encoding")
            }
            return try CSVTable.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: file)
        }
        let plansTable = try table("plans.csv")
        try plansTable.require(["plan", "status", "objective_million_yuan", "vs_optimum_pct", "stopped_at_time_limit"])
        var plans: [Plan] = []
        for row in plansTable.rows {
            plans.append(Plan(name: try row.requiredText("plan"), status: try row.text("status"), objectiveMillionYuan: try row.optionalNumber("objective_million_yuan"),
                              vsOptimumPercent: try row.optionalNumber("vs_optimum_pct"), stoppedAtTimeLimit: try row.text("stopped_at_time_limit") == "yes"))
        }
        let decisions = try table("alternatives.csv")
        try decisions.require(["decision", "unit", "year", "amount_unit", "class"] + plans.map(\.name))
        var rows: [Row] = []
        for row in decisions.rows {
            var amounts: [Double?] = []
            for p in plans { amounts.append(try row.optionalNumber(p.name)) }
            rows.append(Row(decision: try row.requiredText("decision"), unit: try row.requiredText("unit"), year: try row.integer("year"),
                            amountUnit: try row.text("amount_unit"), amounts: amounts, mustHave: try row.choice("class", ["must-have", "free choice"]) == "must-have"))
        }
        return AlternativesFolder(path: path, plans: plans, rows: rows)
    }
}

/// The report's section and workbook sheet for near-optimal alternatives.
enum ReportAlternatives {
    /// The unit's name, or the indices' wording for `buy_indices`.
    static func name(_ r: AlternativesFolder.Row, _ run: RunFolder, _ s: Strings, _ language: Language) -> String {
        r.decision == "buy_indices" ? s["dec.indices"] : run.names.name("unit", r.unit, language)
    }

    static func decisionWord(_ r: AlternativesFolder.Row, _ s: Strings) -> String {
        s[r.decision]
    }

    static func amount(_ x: Double?, _ r: AlternativesFolder.Row, _ f: NumberFormat) -> String {
        guard let x else { return "—" }
        return r.amountUnit == "t" ? f.tonnes(x) : NumberFormat.grouped(x, decimals: x == x.rounded() ? 0 : 2)
    }

    /// `<section id="alternatives">`: each plan's cost against the optimum, then the decisions × plans table,
    /// must-have decisions first.
    static func section(_ alt: AlternativesFolder, _ run: RunFolder, _ s: Strings, _ f: NumberFormat, _ language: Language) -> String {
        var h = "<section id=\"alternatives\"><h2>\(s["sec.alternatives"])</h2><p class=\"lead\">\(s["alt.lead"])</p>"
        var costRows: [[String]] = []
        for p in alt.plans {
            let note = p.stoppedAtTimeLimit ? " <span class=\"small\">(\(HTML.escape(s["alt.timeLimit"])))</span>" : ""
            costRows.append([HTML.escape(p.name == "base" ? s["alt.base"] : p.name) + note, p.objectiveMillionYuan.map { HTML.escape(f.money(millionYuan: $0)) } ?? "",
                             p.vsOptimumPercent.map { HTML.escape(($0 >= 0 ? "+" : "−") + NumberFormat.grouped(abs($0), decimals: 2) + "%") } ?? "",
                             "\(alt.rows.count { r in r.amounts[alt.plans.firstIndex { $0.name == p.name }!] != nil })"])
        }
        h += ReportPage.table([s["alt.plan"], s["objective"], s["alt.vsOptimum"], s["alt.decisions"]], costRows, numeric: [1, 2, 3], id: "alternative-costs")
        let must = alt.rows.filter(\.mustHave).count
        h += "<p>\(HTML.escape(s["alt.mustHave"])): <b>\(must)</b> · \(HTML.escape(s["alt.free"])): <b>\(alt.rows.count - must)</b></p>"
        var rows: [[String]] = []
        var attributes: [String] = []
        for r in alt.rows.filter(\.mustHave) + alt.rows.filter({ !$0.mustHave }) {
            rows.append(["\(r.year)", HTML.escape(decisionWord(r, s)), HTML.escape(name(r, run, s, language))]
                        + r.amounts.map { HTML.escape(amount($0, r, f)) } + [HTML.escape(s[r.mustHave ? "alt.mustHave" : "alt.free"])])
            attributes.append(r.mustHave ? " class=\"must\"" : "")
        }
        let header = [s["col.year"], s["col.decision"], s["col.unit"]] + alt.plans.map { $0.name == "base" ? s["alt.base"] : $0.name } + [s["alt.class"]]
        h += "<div class=\"wide\">" + ReportPage.table(header, rows, numeric: Set(3..<(3 + alt.plans.count)), id: "alternatives-table", rowAttributes: attributes) + "</div>"
        return h + "</section>\n"
    }

    /// The workbook sheet: the same table, amounts as numbers, with each plan's objective in a first row.
    static func sheet(_ alt: AlternativesFolder, _ run: RunFolder, language: Language) -> XLSXWriter.Sheet {
        let s = Strings(language)
        let header = [s["col.year"], s["col.decision"], s["col.unit"], s["alt.unitName"], s["alt.amountUnit"]] + alt.plans.map(\.name) + [s["alt.class"]]
        var rows: [[XLSXWriter.Cell]] = [[.empty, .text(s["objective"] + " (" + s["alt.millionYuan"] + ")"), .empty, .empty, .empty]
            + alt.plans.map { $0.objectiveMillionYuan.map { .number($0) } ?? .empty } + [.empty]]
        for r in alt.rows {
            rows.append([.integer(r.year), .text(decisionWord(r, s)), .text(r.unit), .text(name(r, run, s, language)), .text(r.amountUnit)]
                        + r.amounts.map { $0.map { .number($0) } ?? .empty } + [.text(s[r.mustHave ? "alt.mustHave" : "alt.free"])])
        }
        return .init(name: language == .zh ? "备选方案" : "Alternatives", header: header, rows: rows)
    }
}
