import AlChainIO
import AlChainSolver
import Foundation

/// A batch's reports: `summary.csv` and the JUnit XML.
extension BatchRunner {
    /// Writes `summary.csv` into `directory` and, when `junitPath` is given, the JUnit XML to it (both atomically).
    public static func writeSummary(_ outcomes: [ScenarioOutcome], to directory: String, junit junitPath: String?, excelBOM: Bool) throws {
        try AtomicPath.write(summary(outcomes).data(excelBOM: excelBOM), to: (directory as NSString).appendingPathComponent("summary.csv"))
        if let junitPath { try AtomicPath.write(Data(junit(outcomes).utf8), to: junitPath) }
    }

    /// `summary.csv`: one row per scenario; per target its achieved value in the first year it applies and
    /// whether it is met in every year. Deterministic (times live in the manifests).
    public static func summary(_ outcomes: [ScenarioOutcome]) -> CSVWriter {
        var targetColumns: [String] = []
        for o in outcomes { for t in o.targets where !targetColumns.contains(t.target) { targetColumns.append(t.target) } }
        var headlineKeys: [String] = []
        for o in outcomes { for h in o.headline where !headlineKeys.contains(h[0]) && !["scenario", "status", "objective", "objective_million_yuan"].contains(h[0]) { headlineKeys.append(h[0]) } }
        var csv = CSVWriter(header: ["scenario", "expect", "status", "met_expectation", "objective_million_yuan"]
            + targetColumns.flatMap { ["\($0):achieved", "\($0):met"] } + headlineKeys + ["message"])
        for o in outcomes {
            var row = [o.name, o.expect, o.status, o.metExpectation ? "yes" : "no", o.objectiveMillionYuan.map { CSVWriter.number($0, decimals: 3) } ?? ""]
            for column in targetColumns {
                if let t = o.targets.first(where: { $0.target == column }) {
                    row += [CSVWriter.number(t.achieved, decimals: 4), t.metAllYears ? "yes" : "no"]
                } else {
                    row += ["", ""]
                }
            }
            for key in headlineKeys { row.append(o.headline.first { $0[0] == key }?[1] ?? "") }
            row.append(o.message ?? "")
            csv.appendRow(row)
        }
        return csv
    }

    /// JUnit XML: one test case per scenario, a failure where the outcome differs from the expectation.
    public static func junit(_ outcomes: [ScenarioOutcome], seconds: [String: Double] = [:]) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let failures = outcomes.filter { !$0.metExpectation }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(outcomes.count)\" failures=\"\(failures)\">\n"
        xml += "  <testsuite name=\"alchain-batch\" tests=\"\(outcomes.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for o in outcomes {
            let time = String(format: "%.3f", seconds[o.name] ?? 0)
            xml += "    <testcase classname=\"scenarios\" name=\"\(escape(o.name))\" time=\"\(time)\""
            if o.metExpectation {
                xml += "/>\n"
            } else {
                xml += ">\n      <failure message=\"expected \(escape(o.expect)), got \(escape(o.status))\">\(escape(o.message ?? ""))</failure>\n    </testcase>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
