import AlChainIO
import AlChainReport
import ArgumentParser
import Foundation

extension Language: ExpressibleByArgument {}

/// `alchain report`: the decision report of a run folder, as report.html and plan.xlsx.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write RUN_DIR/report.html (decisions first, targets, capacity, flows, costs, power, provenance) and RUN_DIR/plan.xlsx.",
        discussion: "RUN_DIR is a folder written by `alchain solve --out` or one scenario of `alchain batch`. Exit 66 when it is missing, 65 when a file in it is malformed, 73 when the report cannot be written.")

    @Argument(help: "The run folder.")
    var runDir: String

    @Option(help: "A base run folder: the report adds what changed against it.")
    var base: String?

    @Option(help: "A folder written by `alchain alternatives --out`: the report adds the near-optimal plans side by side (decisions × plans, cost of each) and a workbook sheet.")
    var alternatives: String?

    @Option(help: "Language of the report: zh (Chinese, default) or en.")
    var lang: Language = .zh

    @Option(help: "A folder written by `alchain sample`: the report adds each decision's probability and the cost distribution.")
    var sample: String?

    func run() throws {
        let run = try readRun(runDir)
        let baseRun = try base.map(readRun)
        let sampleResults = try sample.map { dir in try catchingDataErrors { try SampleResults.read(dir) } }
        let alternativesFolder = try alternatives.map { path in try catchingDataErrors { try AlternativesFolder.read(path) } }
        let clock = Date()
        let paths = try writeReport(run, base: baseRun, language: lang, sample: sampleResults, alternatives: alternativesFolder)
        print(String(format: "wrote %@ (%.3f s)", paths.joined(separator: ", "), Date().timeIntervalSince(clock)))
    }
}

/// Reads a run folder; a missing folder exits 66, a malformed file 65 (with file, line and column).
func readRun(_ path: String) throws -> RunFolder {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        printError("error: \(path): no such run folder (write one with `alchain solve --out DIR`)")
        throw ExitStatus.inputMissing.exitCode
    }
    return try catchingDataErrors { try RunFolder.read(path) }
}

/// Writes report.html and plan.xlsx into the run folder; a write failure exits 73.
func writeReport(_ run: RunFolder, base: RunFolder?, language: Language, sample: SampleResults? = nil, alternatives: AlternativesFolder? = nil) throws -> [String] {
    do {
        return try ReportWriter.write(run, base: base, language: language, sample: sample, alternatives: alternatives)
    } catch {
        printError("error: \(run.path): cannot write the report: \(error.localizedDescription)")
        throw ExitStatus.cannotWrite.exitCode
    }
}
