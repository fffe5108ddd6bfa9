import AlChainIO
import AlChainReport
import Foundation
import Testing
import ZIPFoundation

/// The decision report of the tiny plan: golden files, decisions, the Sankey's sums, the workbook's cells.
@Suite struct ReportTests {
    @Test func reportMatchesGoldenFiles() throws {
        let run = try TinyReport.run()
        try TinyReport.expectGolden(ReportPage.html(run, base: nil, language: .zh), "tiny.report.zh.html")
        try TinyReport.expectGolden(ReportPage.html(run, base: nil, language: .en), "tiny.report.en.html")
        try TinyReport.expectGolden(DecisionSummary.text(run, language: .zh), "tiny.summary.zh.txt")
        try TinyReport.expectGolden(DecisionSummary.text(run, language: .en), "tiny.summary.en.txt")
    }

    /// The hand-derived decisions: the 50 kt line in 2026 at 8,000 元/t (400 million yuan) and 50 kt of indices at
    /// 1,000 元/t (50 million yuan); nothing retired.
    @Test func decisionsAreCapacityChangesWithTheirCapitalCost() throws {
        let run = try TinyReport.run()
        let decisions = Decision.of(run)
        let changes = run.capacity.filter { $0.builtT > 0.5 || $0.retiredT > 0.5 }
        #expect(decisions.filter { $0.kind != .buyIndices }.count == changes.count)
        let line = try #require(decisions.first { $0.unit == "new_line" })
        #expect(line.kind == .build && line.year == 2026 && abs(line.tonnes - 50_000) < 1e-6 && line.units == 1)
        #expect(abs((line.capexMillionYuan ?? 0) - 400) < 1e-6)
        #expect(line.cellClass == "ka500" && line.acKWhPerT == 12_950)
        let indices = try #require(decisions.first { $0.kind == .buyIndices })
        #expect(indices.year == 2026 && abs(indices.tonnes - 50_000) < 1e-3 && abs((indices.capexMillionYuan ?? 0) - 50) < 1e-6)
        let page = ReportPage.html(run, base: nil, language: .zh)
        #expect(page.contains("data-year=\"2026\" data-kind=\"build\" data-unit=\"new_line\" data-tonnes=\"50000\""))
        #expect(page.contains("4.00 亿元") && page.contains("5,000 万元"), "capital costs in 亿元 / 万元")
    }

    /// Without decisions.csv (a folder from before the report) the decisions still come from capacity.csv and
    /// the capital cost says it is not recorded; the index purchase comes from costs.csv.
    @Test func oldRunFolderWithoutDecisionsCSV() throws {
        var files = try TinyReport.files()
        files["decisions.csv"] = nil
        files["names.csv"] = nil
        let run = try RunFolder(path: "old", files: files)
        let decisions = Decision.of(run)
        #expect(decisions.first { $0.unit == "new_line" }?.capexMillionYuan == nil)
        #expect(decisions.first { $0.kind == .buyIndices }.map { abs(($0.capexMillionYuan ?? 0) - 50) < 1e-6 } == true)
        let page = ReportPage.html(run, base: nil, language: .zh)
        #expect(page.contains("未记录"))
        #expect(page.contains("没有 manifest.json"))
    }

    /// Every link of the Sankey, summed by its supplying and its using end, gives flows.csv's rows of the year.
    @Test func sankeyLinksAddUpToFlows() throws {
        let run = try TinyReport.run()
        let page = ReportPage.html(run, base: nil, language: .en)
        for year in run.years {
            let start = try #require(page.range(of: "<svg class=\"sankey\(year == 2026 ? " active" : "")\" data-year=\"\(year)\""))
            let svg = page[start.lowerBound...]
            let end = try #require(svg.range(of: "</svg>"))
            let body = String(svg[..<end.upperBound])
            var drawn: [String: Double] = [:]
            for path in body.components(separatedBy: "<path class=\"link").dropFirst() {
                func attr(_ name: String) -> String {
                    guard let r = path.range(of: " data-\(name)=\"") else { return "" }
                    return String(path[r.upperBound...].prefix { $0 != "\"" })
                }
                let tonnes = try #require(Double(attr("tonnes")))
                drawn["\(attr("from"))|\(attr("commodity"))", default: 0] += tonnes
                drawn["\(attr("to"))|\(attr("commodity"))", default: 0] += tonnes
            }
            var flows: [String: Double] = [:]
            for f in run.flows where f.year == year && f.kind != "transport" { flows["\(f.kind)|\(f.commodity)", default: 0] += f.tonnes }
            #expect(Set(drawn.keys) == Set(flows.keys), "\(year)")
            for (k, v) in flows { #expect(abs((drawn[k] ?? 0) - v) < 0.01, "\(year) \(k): drawn \(drawn[k] ?? 0), flows.csv \(v)") }
        }
    }

    /// plan.xlsx is a ZIP of SpreadsheetML parts; numbers are stored as numbers, Chinese text as it is.
    @Test func workbookHoldsNumbersAsNumbers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in try TinyReport.files() { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let run = try RunFolder.read(folder.path)
        let paths = try ReportWriter.write(run, base: nil, language: .zh)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["report.html", "plan.xlsx"])
        let archive = try Archive(url: folder.appendingPathComponent("plan.xlsx"), accessMode: .read)
        func part(_ path: String) throws -> String {
            let entry = try #require(archive[path], "no \(path) in plan.xlsx")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let workbook = try part("xl/workbook.xml")
        for name in ["决策", "目标", "产能", "物流", "成本", "电力"] { #expect(workbook.contains("name=\"\(name)\"")) }
        let capacity = try part("xl/worksheets/sheet3.xml")
        #expect(capacity.contains("state=\"frozen\"") && capacity.contains("<col "))
        #expect(capacity.contains("<v>50000</v>"), "the new line's 2026 capacity as a number")
        #expect(!capacity.contains("E+"))
        let flows = try part("xl/worksheets/sheet4.xml")
        #expect(flows.contains("<v>2025</v>") && flows.contains("<t xml:space=\"preserve\">氧化铝</t>"))
    }

    @Test func numbersForPeople() {
        let zh = NumberFormat(.zh), en = NumberFormat(.en)
        #expect(NumberFormat.grouped(1_789_000) == "1,789,000")
        #expect(NumberFormat.grouped(-1234.5, decimals: 1) == "−1,234.5")
        #expect(zh.tonnes(1_789_000) == "179 万吨" && en.tonnes(1_789_000) == "1,789 kt")
        #expect(zh.tonnes(9_832) == "9,832 吨")
        #expect(zh.money(millionYuan: 14_600) == "146 亿元" && zh.money(millionYuan: 5.96) == "596 万元")
        #expect(en.money(millionYuan: 14_600) == "14.6 bn yuan")
        #expect(zh.energy(gwh: 20_600) == "206 亿千瓦时" && zh.energy(gwh: 0) == "0 亿千瓦时")
        for x in [1e-12, 2e6, 1.789e6, 3.2e10, -7e8] { #expect(!zh.tonnes(x).contains("e") && !zh.money(millionYuan: x).contains("E")) }
    }

    @Test func displayWidthCountsChineseAsTwoColumns() {
        #expect(DisplayWidth.of("黔中ab") == 6)
        #expect(DisplayWidth.of("（〔2024〕）") == 12)
        #expect(DisplayWidth.pad("铝", to: 5) == "铝   ")
        #expect(DisplayWidth.pad("12", to: 4, right: true) == "  12")
        // The summary's decision table: the header, the rule and every row are equally wide on screen.
        let text = (try? TinyReport.run()).map { DecisionSummary.text($0, language: .zh) } ?? ""
        let lines = text.split(separator: "\n").map(String.init)
        let rule = lines.firstIndex { $0.contains("----") } ?? 0
        let block = lines[max(0, rule - 1)...].prefix { !$0.isEmpty }
        #expect(block.count >= 4, "header, rule, the line and the indices")
        #expect(Set(block.map { DisplayWidth.of($0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)) }).count == 1)
    }

    /// The explorer's reduced read (capacity, decisions, costs, names) lists exactly the decisions of the whole run.
    @Test func theDecisionsViewListsWhatTheWholeRunLists() throws {
        let files = try TinyReport.files()
        let whole = try RunFolder(path: "tiny", files: files)
        let view = try RunFolder.decisions(path: "tiny", files: files.filter { $0.key != "flows.csv" && $0.key != "compliance.csv" })
        #expect(!Decision.of(whole).isEmpty && Decision.of(view) == Decision.of(whole))
        #expect(view.flows.isEmpty && view.targets.isEmpty && view.names.name("unit", "new_line", .zh) == whole.names.name("unit", "new_line", .zh))
    }

    /// A missing file is a located error, not a crash.
    @Test func missingOrMalformedFilesAreLocatedErrors() throws {
        var files = try TinyReport.files()
        files["flows.csv"] = nil
        #expect(throws: DataError.self) { try RunFolder(path: "x", files: files) }
        do { _ = try RunFolder(path: "x", files: files) } catch { #expect(error.rule == "missing-file" && error.file == "x/flows.csv") }
        files = try TinyReport.files()
        files["costs.csv"] = "year,category,million_yuan,discounted_million_yuan\r\n2025,capex,lots,1\r\n"
        do { _ = try RunFolder(path: "x", files: files); Issue.record("accepted 'lots' as a number") } catch {
            #expect(error.file == "x/costs.csv" && error.line == 2 && error.column == "million_yuan")
        }
    }
}
