import AlChainIO
import AlChainTestSupport
import Foundation
import Testing

/// `alchain report` and `solve --report` through the binary, on the tiny fixture plan.
@Suite struct ReportCLITests {
    static let tiny = repositoryRoot.appendingPathComponent("Tests/AlChainPlanningTests/Fixtures/tiny")
    static var tinyData: [String] {
        ["--models", tiny.appendingPathComponent("Models").path, "--inputs", tiny.appendingPathComponent("Inputs").path]
    }

    /// solve --out --report writes the CSV files, manifest.json, report.html and plan.xlsx; the text report opens
    /// with the decision summary; `report --lang en --base` rewrites the report in English with the changes section.
    @Test func solveWithReportAndReportAgainstBase() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        let solved = try runAlchain(["solve"] + Self.tinyData + ["--out", run.path, "--report"])
        #expect(solved.exitCode == 0, "\(solved.stderr)")
        #expect(solved.stdout.hasPrefix("一、规划决策\n"), "\(solved.stdout.prefix(200))")
        #expect(solved.stdout.contains("新电解系列") && solved.stdout.contains("4.00 亿元"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: run.path))
        for name in ["flows.csv", "decisions.csv", "names.csv", "manifest.json", "report.html", "plan.xlsx"] { #expect(files.contains(name), "\(name) missing") }
        let html = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"zh-CN\">") && html.contains("id=\"provenance\"") && !html.contains("id=\"changes\""))
        #expect(html.contains("Inputs/settings.toml"), "the manifest's input hashes are shown")
        let external = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!external.contains("http://") && !external.contains("https://") && !external.contains(" src="), "nothing fetched from the network")

        let english = try runAlchain(["report", run.path, "--base", run.path, "--lang", "en"])
        #expect(english.exitCode == 0, "\(english.stderr)")
        let en = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(en.contains("<html lang=\"en\">") && en.contains("id=\"changes\"") && en.contains("no change"))
    }

    @Test func reportErrorsExitWithDocumentedCodes() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try runAlchain(["report", folder.appendingPathComponent("nowhere").path])
        #expect(missing.exitCode == 66 && missing.stderr.contains("no such run folder"))
        let empty = try runAlchain(["report", folder.path])
        #expect(empty.exitCode == 66 && empty.stderr.contains("flows.csv"), "\(empty.stderr)")
        let usage = try runAlchain(["solve"] + Self.tinyData + ["--report"])
        #expect(usage.exitCode == 64 && usage.stderr.contains("--report needs --out"), "\(usage.stderr)")
        // A malformed number: file, line and column.
        let run = folder.appendingPathComponent("run")
        #expect(try runAlchain(["solve"] + Self.tinyData + ["--out", run.path]).exitCode == 0)
        let costs = run.appendingPathComponent("costs.csv")
        try Data("year,category,million_yuan,discounted_million_yuan\r\n2025,capex,1.5e,1\r\n".utf8).write(to: costs)
        let bad = try runAlchain(["report", run.path])
        #expect(bad.exitCode == 65 && bad.stderr.contains("costs.csv:2: column 'million_yuan'"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("report.html").path), "no report from a broken folder")
    }
}
