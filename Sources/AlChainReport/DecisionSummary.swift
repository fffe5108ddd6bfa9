import AlChainIO
import Foundation

/// The decision summary as terminal text, which opens `alchain solve`'s report: the headline figures and every
/// decision, in columns padded by display width (a Chinese character takes two columns).
public enum DecisionSummary {
    public static func text(_ run: RunFolder, language: Language) -> String {
        let s = Strings(language), f = NumberFormat(language)
        let decisions = Decision.of(run)
        var out = s["sec.decisions"] + "\n"
        let headline = ReportSections.headline(run, decisions, f)
        let labelWidth = headline.map { DisplayWidth.of(s[$0.0]) }.max() ?? 0
        for (key, value) in headline { out += "  " + DisplayWidth.pad(s[key], to: labelWidth) + "  " + value + "\n" }
        out += "\n"
        let header = ReportSections.decisionHeader.map { s[$0] }
        let rows = decisions.map { ReportSections.decisionCells($0, run, s, f, language, html: false) }
        out += rows.isEmpty ? "  " + s["dec.none"] + "\n" : table(header, rows, numeric: [0, 6, 7, 8, 9])
        let projects = Decision.projects(run)
        if !projects.isEmpty {
            out += "\n" + table([s["col.project"], s["col.built_in"]], projects.map { [$0.project, $0.year.map(String.init) ?? s["not_built"]] }, numeric: [1])
        }
        return out
    }

    /// An aligned table; `numeric` columns are right-aligned.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
        var widths = header.map(DisplayWidth.of)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { DisplayWidth.pad($1, to: widths[$0], right: numeric.contains($0)) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}
