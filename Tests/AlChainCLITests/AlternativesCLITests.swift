import AlChainIO
import AlChainTestSupport
import Foundation
import Testing

/// `alchain alternatives` and `report --alternatives` through the binary, on the tiny fixture plan (the default
/// plan's alternatives are checked in `AlternativesTests`).
@Suite struct AlternativesCLITests {
    static var tinyData: [String] { ReportCLITests.tinyData }

    /// The search writes a plan folder per plan, alternatives.csv and plans.csv; the report of the base plan with
    /// `--alternatives` carries the section and a workbook sheet "Alternatives".
    @Test func alternativesWriteFoldersTablesAndReport() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("alts")
        let run = try runAlchain(["alternatives"] + Self.tinyData + ["--slack", "0.5", "--count", "2", "--out", out.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("must-have (taken by all"), "\(run.stdout)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        for name in ["base", "alt-1", "alternatives.csv", "plans.csv"] { #expect(names.contains(name), "\(name) missing: \(names)") }
        for name in ["flows.csv", "compliance.csv", "decisions.csv", "summary.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("alt-1/\(name)").path), "alt-1/\(name) missing")
        }
        let plans = try CSVTable.read(out.appendingPathComponent("plans.csv").path)
        #expect(try plans.rows.map { try $0.text("plan") }.prefix(2) == ["base", "alt-1"])
        for row in plans.rows { #expect(try row.text("within_slack") == "yes" && row.text("status") == "optimal", "plans.csv:\(row.line)") }
        let table = try CSVTable.read(out.appendingPathComponent("alternatives.csv").path)
        try table.require(["decision", "unit", "year", "amount_unit", "base", "alt-1", "plans_taking", "class"])

        let report = try runAlchain(["report", out.appendingPathComponent("base").path, "--alternatives", out.path, "--lang", "en"])
        #expect(report.exitCode == 0, "\(report.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("base/report.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"alternatives\">") && html.contains("id=\"alternatives-table\"") && html.contains("Near-optimal alternatives"))
        let sheets = try python(["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())",
                                 out.appendingPathComponent("base/plan.xlsx").path])
        #expect(sheets.contains("name=\"Alternatives\""), "\(sheets)")
    }

    /// Bad flags are usage errors (64); a folder of other files is not replaced (73); a missing alternatives
    /// folder for the report is 66.
    @Test func errorsExitWithDocumentedCodes() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let slack = try runAlchain(["alternatives"] + Self.tinyData + ["--slack", "2", "--out", folder.appendingPathComponent("a").path])
        #expect(slack.exitCode == 64 && slack.stderr.contains("--slack"), "\(slack.stderr)")
        let count = try runAlchain(["alternatives"] + Self.tinyData + ["--count", "0", "--out", folder.appendingPathComponent("a").path])
        #expect(count.exitCode == 64 && count.stderr.contains("--count"), "\(count.stderr)")
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: other.appendingPathComponent("notes.txt"))
        let refused = try runAlchain(["alternatives"] + Self.tinyData + ["--count", "1", "--out", other.path])
        #expect(refused.exitCode == 73, "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
        let run = folder.appendingPathComponent("run")
        #expect(try runAlchain(["solve"] + Self.tinyData + ["--out", run.path]).exitCode == 0)
        let missing = try runAlchain(["report", run.path, "--alternatives", folder.appendingPathComponent("nowhere").path])
        #expect(missing.exitCode == 66 && missing.stderr.contains("plans.csv"), "\(missing.stderr)")
    }

    /// Runs python3 with `arguments` and returns its standard output.
    func python(_ arguments: [String]) throws -> String {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
