import AlChainReport
import Foundation
import Testing

/// The dashboard fragment `alchain serve` shows: the report's own sections, changes against the base first.
struct ReportDashboardTests {
    @Test func theDashboardIsTheReportsSectionsWithTheChangesFirst() throws {
        let run = try TinyReport.run()
        let alone = ReportDashboard.html(run, base: nil, language: .zh)
        #expect(!alone.contains("<html") && !alone.contains("id=\"changes\""))
        let order = ["id=\"decisions\"", "id=\"targets\"", "id=\"flows\"", "class=\"sankey"].map { alone.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
        let compared = ReportDashboard.html(run, base: run, language: .en)
        let changes = try #require(compared.range(of: "id=\"changes\"")), decisions = try #require(compared.range(of: "id=\"decisions\""))
        #expect(changes.lowerBound < decisions.lowerBound)
        #expect(ReportDashboard.changedDecisions(run, base: run).isEmpty)
        #expect(ReportDashboard.headline(run, language: .en).contains { $0.label == "Potlines built" && $0.value == "50.0 kt" })
    }
}
