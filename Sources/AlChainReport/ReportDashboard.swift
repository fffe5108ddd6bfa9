import Foundation

/// The report's pieces for a page that shows one plan at a time (`alchain serve`): what changed against a base
/// first, then the decisions, the targets and the Sankey; the same sections report.html is built from.
public enum ReportDashboard {
    /// The dashboard of `run` as an HTML fragment (no `<html>`), compared with `base` when given.
    public static func html(_ run: RunFolder, base: RunFolder?, language: Language) -> String {
        let s = Strings(language), f = NumberFormat(language)
        let decisions = Decision.of(run)
        var h = ReportPage.header(run, base: base, s, f)
        if let base { h += ReportComparison.section(run, base: base, s, f, language) }
        h += ReportSections.decisions(run, decisions, s, f, language)
        h += ReportSections.targets(run, s, f, language)
        h += ReportSections.flows(run, s, f, language)
        return h
    }

    /// Decisions in only one of the two plans, or of a different size: each with whether it is in `run` (else in `base`).
    public static func changedDecisions(_ run: RunFolder, base: RunFolder) -> [(decision: Decision, here: Bool)] {
        changedDecisions(Decision.of(run), base: Decision.of(base))
    }

    /// The same from decisions already listed (`Decision.of`).
    public static func changedDecisions(_ decisions: [Decision], base: [Decision]) -> [(decision: Decision, here: Bool)] {
        ReportComparison.changedDecisions(decisions, base: base).map { ($0.0, $0.here) }
    }

    /// The report's stylesheet, for a page that embeds the dashboard.
    public static var css: String { PageStyle.css }

    /// The report's script (the Sankey's year selector); run it again after inserting a dashboard.
    public static var script: String { PageStyle.script }

    /// The headline figures of the decisions (retired, built, indices, capital cost, capacity, value) with their labels.
    public static func headline(_ run: RunFolder, language: Language) -> [(label: String, value: String)] {
        let s = Strings(language)
        return ReportSections.headline(run, Decision.of(run), NumberFormat(language)).map { (s[$0.0], $0.1) }
    }
}
