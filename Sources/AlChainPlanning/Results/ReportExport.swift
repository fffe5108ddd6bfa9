import AlChainIO
import AlChainSolver
import Crypto
import Foundation

/// The two CSV files the decision report needs beyond the plan's own files: each decision with its capital
/// cost (`decisions.csv`), and the names of every id the plan's files use (`names.csv`). Kept apart from
/// `PlanExport` so that the plan's nine files stay exactly as they are.
public enum ReportExport {
    /// The files written, in order.
    public static let fileNames = ["decisions.csv", "names.csv"]

    /// `decisions.csv`: potlines and other units built or retired (from the capacity change of each year),
    /// capacity indices bought, with the unit's cell class, AC power and the capital cost of the decision.
    public static func decisions(_ plan: SolvedPlan, _ result: PlanResult) -> CSVWriter {
        let inputs = plan.chain.inputs
        let candidates = Dictionary(inputs.candidates.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let plants = Dictionary(inputs.plants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var csv = CSVWriter(header: ["year", "decision", "unit", "name_zh", "name_en", "cluster", "park", "process", "project", "cell_class",
                                     "cell_ka", "ac_kwh_per_t", "units", "capacity_t", "capex_million_yuan", "source"])
        func n(_ x: Double?, _ d: Int = 3) -> String { x.map { CSVWriter.number($0, decimals: d) } ?? "" }
        let s = inputs.settings
        for d in PlanDecision.all(plan, result) {
            guard let c = d.capacity else {
                csv.appendRow(["\(d.year)", d.decision, "", "电解铝产能指标(省外购入)", "electrolytic capacity indices bought outside the province", d.unit, "",
                               "", "", "", "", "", "", n(d.tonnes), n(d.tonnes * s.indexPricePerT / 1e6),
                               "settings.toml [replacement] index_price_yuan_per_t = \(CSVWriter.number(s.indexPricePerT))"])
                continue
            }
            let p = inputs.chain.process(c.process)
            let candidate = candidates[c.unit], plant = plants[c.unit]
            let built = d.decision == "build"
            let tonnes = d.tonnes
            let unitT = candidate?.unitT ?? plant?.unitT
            let capex = built ? candidate.map { tonnes * $0.capexPerT / 1e6 } : nil
            csv.appendRow([
                "\(c.year)", d.decision, c.unit, c.nameZh, candidate?.nameEn ?? plant?.nameEn ?? c.unit, c.cluster, c.park,
                c.process, candidate?.project ?? "", p?.cellClass ?? "", n(p?.cellKA), n(p?.acKWhPerT), unitT.map { n(tonnes / $0) } ?? "",
                n(tonnes), built ? n(capex ?? 0) : "", candidate?.source ?? plant?.source ?? "",
            ])
        }
        return csv
    }

    /// `names.csv`: kind, id, Chinese and English name and provenance of every cluster, commodity, process,
    /// unit, power source, metric and target, so the report shows names as in the data.
    public static func names(_ inputs: PlanInputs) -> CSVWriter {
        var csv = CSVWriter(header: ["kind", "id", "name_zh", "name_en", "source"])
        for c in inputs.clusters { csv.appendRow(["cluster", c.id, c.nameZh, c.nameEn, c.source]) }
        for c in inputs.chain.commodities { csv.appendRow(["commodity", c.id, c.nameZh, c.nameEn, c.source]) }
        for p in inputs.chain.processes { csv.appendRow(["process", p.id, p.nameZh, p.nameEn, p.source]) }
        for p in inputs.plants { csv.appendRow(["unit", p.id, p.nameZh, p.nameEn, p.source]) }
        for c in inputs.candidates { csv.appendRow(["unit", c.id, c.nameZh, c.nameEn, c.source]) }
        var seen = Set<String>()
        for p in inputs.power where seen.insert(p.id).inserted { csv.appendRow(["power_source", p.id, p.nameZh, p.id, ""]) }
        for m in inputs.chain.metrics { csv.appendRow(["metric", m.id, m.nameZh, m.nameEn, ""]) }
        for t in inputs.targets { csv.appendRow(["target", t.id, inputs.chain.metric(t.metric)?.nameZh ?? t.metric, inputs.chain.metric(t.metric)?.nameEn ?? t.metric, t.source]) }
        return csv
    }

    /// Writes `decisions.csv` and `names.csv` into `directory` (which must exist), atomically.
    public static func write(_ plan: SolvedPlan, _ result: PlanResult, to directory: String, excelBOM: Bool) throws {
        guard !result.flows.isEmpty else { return }
        for (name, csv) in [("decisions.csv", decisions(plan, result)), ("names.csv", names(plan.chain.inputs))] {
            try AtomicPath.write(csv.data(excelBOM: excelBOM), to: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// The plan's nine CSV files and the report's two, as text by file name (what `solve --out` writes, without BOM).
    public static func csvTexts(_ plan: SolvedPlan, _ result: PlanResult) -> [String: String] {
        var texts: [String: String] = [:]
        for (name, csv) in PlanExport.files(result) { texts[name] = String(decoding: csv.data(), as: UTF8.self) }
        texts["decisions.csv"] = String(decoding: decisions(plan, result).data(), as: UTF8.self)
        texts["names.csv"] = String(decoding: names(plan.chain.inputs).data(), as: UTF8.self)
        return texts
    }

    /// Writes the plan's CSV files (`PlanExport`) and the report's two into `directory`.
    public static func writePlan(_ plan: SolvedPlan, _ result: PlanResult, to directory: String, excelBOM: Bool) throws {
        try PlanExport.write(result, to: directory, excelBOM: excelBOM)
        try write(plan, result, to: directory, excelBOM: excelBOM)
    }

    /// SHA-256 of every `.csv` and `.toml` file in `folders` and of `extraFiles`, by path; for the manifest of a
    /// `solve --out` run (a batch writes its own).
    public static func inputHashes(folders: [String], extraFiles: [String]) -> [String: String] {
        var paths = extraFiles
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            paths += names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".toml") }.map { (folder as NSString).appendingPathComponent($0) }
        }
        var hashes: [String: String] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            hashes[path] = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        }
        return hashes
    }

    /// A manifest (the schema of a batch scenario's) for a run outside a batch.
    public static func manifest(alchainVersion: String, glpkVersion: String, scenario: String, inputHashes: [String: String], overrides: [String],
                                solveSeconds: Double) -> RunManifest {
        RunManifest(alchainVersion: alchainVersion, glpkVersion: glpkVersion, scenario: scenario, inputHashes: inputHashes, overrides: overrides,
                    solver: [:], solveSeconds: solveSeconds)
    }

    /// Writes `manifest.json` (the same schema as a batch scenario's) into `directory`.
    public static func writeManifest(_ manifest: RunManifest, to directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            try AtomicPath.write(try encoder.encode(manifest), to: (directory as NSString).appendingPathComponent("manifest.json"))
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.cannotWrite, "cannot write manifest.json: \(error.localizedDescription)", file: directory)
        }
    }
}
