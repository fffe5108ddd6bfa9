import AlChainIO
import Foundation

/// Checks of the data before any solve: coefficients outside physical ranges (BRIEF §4), chains that cannot
/// close, unit slips. Errors stop a solve; warnings are printed. (Types, references, negative or missing
/// values and targets outside 0–100 % are already errors of the loader.)
public enum InputValidation {
    /// One finding, located in a file.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var file: String
        public var line: Int?
        public var column: String
        public var rule: DataRule
        public var message: String

        /// The finding as a data error (exit 65 in the CLI).
        public var asDataError: DataError {
            DataError(file: file, line: line, column: column, expected: "data within checks", found: message, rule: rule)
        }

        public var description: String {
            "\(severity.rawValue): \(file)\(line.map { ":\($0)" } ?? ""): \(line == nil ? "key" : "column") '\(column)': \(message) [\(rule)]"
        }
    }

    /// A finding at a cell; a cell changed by a scenario is reported at the scenario's file and key.
    static func finding(_ severity: Finding.Severity, _ table: CSVTable, _ row: CSVTable.Row, _ column: String, _ rule: DataRule, _ message: String) -> Finding {
        if let origin = row.overrides[column] {
            return Finding(severity: severity, file: origin.file, line: nil, column: origin.key, rule: rule, message: message)
        }
        return Finding(severity: severity, file: table.file, line: row.line, column: column, rule: rule, message: message)
    }

    /// A physical range for one kind of coefficient: outside `plausible` is a warning, outside `possible` an error.
    struct Range {
        var stage: Stage
        var tag: String
        var input: Bool
        var plausible: ClosedRange<Double>
        var possible: ClosedRange<Double>
        var what: String
    }

    /// BRIEF §4 ranges, per unit of the process's main output.
    static let ranges: [Range] = [
        Range(stage: .smelting, tag: "alumina", input: true, plausible: 1.889...2.0, possible: 1.85...2.2,
              what: "alumina per t aluminium (stoichiometric 1.889, plant practice 1.93–1.98)"),
        Range(stage: .refining, tag: "ore", input: true, plausible: 1.9...2.7, possible: 1.3...4.0,
              what: "bauxite per t alumina (Guizhou diaspore 1.9–2.6)"),
        Range(stage: .refining, tag: CommodityRole.byproduct.tag, input: false, plausible: 1.0...1.8, possible: 0.3...3.0,
              what: "red mud per t alumina (national range 1.0–1.8)"),
        Range(stage: .fabrication, tag: "fab_metal", input: true, plausible: 1.02...1.43, possible: 1.0...2.5,
              what: "metal fed per t product (yield 0.7–0.98; below 1 would create metal)"),
        Range(stage: .primaryConversion, tag: "primary", input: true, plausible: 1.0...1.05, possible: 1.0...1.2,
              what: "primary metal per t of fabrication feed (losses 0.5–3 %; below 1 would create metal)"),
        Range(stage: .recycling, tag: "scrap", input: true, plausible: 1.0...1.3, possible: 1.0...2.0,
              what: "scrap per t secondary aluminium (below 1 would create metal)"),
    ]

    /// All findings for raw inputs and the typed inputs loaded from them.
    public static func findings(_ raw: RawInputs, _ inputs: PlanInputs) -> [Finding] {
        var out: [Finding] = []
        let chain = inputs.chain
        let io = raw.tables["process_io"]!
        for row in io.rows {
            guard let processID = try? row.text("process"), let process = chain.process(processID),
                  let commodityID = try? row.text("commodity"), let commodity = chain.commodity(commodityID),
                  let c = try? row.number("coefficient") else { continue }
            for r in ranges where r.stage == process.stage && commodity.tags.contains(r.tag) && (c < 0) == r.input {
                let x = abs(c)
                if !r.possible.contains(x) {
                    out.append(finding(.error, io, row, "coefficient", "physical-range",
                                       "\(processID): \(x) \(r.what) is outside \(r.possible.lowerBound)–\(r.possible.upperBound)"))
                } else if !r.plausible.contains(x) {
                    out.append(finding(.warning, io, row, "coefficient", "physical-range",
                                       "\(processID): \(x) \(r.what) is outside the usual \(r.plausible.lowerBound)–\(r.plausible.upperBound)"))
                }
            }
        }
        let processes = raw.tables["processes"]!
        for row in processes.rows {
            if let ac = try? row.optionalNumber("ac_kwh_per_t"), !(12_900...13_600).contains(ac) {
                out.append(finding(.warning, processes, row, "ac_kwh_per_t", "physical-range",
                                   "AC power \(ac) kWh/t is outside the GB 21346-2022 span 12,900–13,600 kWh/t"))
            }
        }
        let power = raw.tables["power"]!
        for row in power.rows {
            if let p = try? row.number("price_yuan_per_kwh"), !OverrideRanges.powerPrice.contains(p) {
                out.append(finding(.warning, power, row, "price_yuan_per_kwh", "physical-range",
                                   "\(p) 元/kWh is outside the usual 0.25–0.80 元/kWh for industrial power"))
            }
            if let f = try? row.number("co2_kg_per_kwh"), f > 1.5 {
                out.append(finding(.error, power, row, "co2_kg_per_kwh", "physical-range",
                                   "\(f) kg CO2/kWh exceeds any power source (coal ≈ 0.85)"))
            }
        }
        out += chainClosure(raw, inputs)
        out += coverageFindings(raw, inputs)
        // Capacities are compared within a stage (a smelter with other smelters), prices within a commodity.
        let stage: (CSVTable.Row) -> String? = { row in (try? row.text("process")).flatMap { inputs.chain.process($0)?.stage.rawValue } }
        out += unitSlips(raw.tables["plants"]!, value: "capacity_t", peers: "stage", group: stage)
        out += unitSlips(raw.tables["candidates"]!, value: "unit_t", peers: "stage", group: stage)
        out += priceSlips(raw.tables["prices"]!)
        out += percentFractions(raw.tables["targets"]!)
        return out
    }

    /// A `%` target written as a fraction (0 < value ≤ 1: 0.25 meant as 25 %) is read as that many percent.
    static func percentFractions(_ table: CSVTable) -> [Finding] {
        table.rows.compactMap { row in
            guard (try? row.text("unit")) == "%", let x = try? row.number("value"), x > 0, x <= 1,
                  (try? row.text("enabled")).map({ $0 != "no" }) ?? true else { return nil }
            let id = (try? row.text("id")) ?? "?"
            return finding(.warning, table, row, "value", "percent-as-fraction",
                           "\(id): \(CSVWriter.number(x)) % looks like a fraction; percentage targets are written in percent (\(CSVWriter.number(x * 100)) for \(CSVWriter.number(x * 100)) %)")
        }
    }

    /// The prices of one commodity (sale, import, value, every year) lie within a few times of each other, so
    /// each is compared with the median of the others: a price typed in 万元/t is 10,000× below them.
    static func priceSlips(_ table: CSVTable) -> [Finding] {
        let columns = ["sale_price_yuan_per_t", "import_price_yuan_per_t", "value_price_yuan_per_t"]
        var cells: [String: [(row: CSVTable.Row, column: String, value: Double)]] = [:]
        var order: [String] = []
        for row in table.rows {
            guard let commodity = try? row.text("commodity") else { continue }
            for c in columns {
                guard let x = try? row.optionalNumber(c), x > 0 else { continue }
                if cells[commodity] == nil { order.append(commodity) }
                cells[commodity, default: []].append((row, c, x))
            }
        }
        var out: [Finding] = []
        for commodity in order {
            let all = cells[commodity]!
            for (i, cell) in all.enumerated() {
                let others = all.enumerated().filter { $0.offset != i }.map(\.element.value)
                if let f = slip(cell.value, peers: others, table: table, row: cell.row, column: cell.column, what: "of the other prices of '\(commodity)'") {
                    out.append(f)
                }
            }
        }
        return out
    }

    /// A finding when `x` is 100× (warning) or 1,000× (error) above or below the median of `peers`, saying which
    /// way and, near 1,000× or 10,000×, which unit was likely meant.
    static func slip(_ x: Double, peers: [Double], table: CSVTable, row: CSVTable.Row, column: String, what: String) -> Finding? {
        guard !peers.isEmpty else { return nil }
        let sorted = peers.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let ratio = max(x / median, median / x)
        guard ratio >= 100 else { return nil }
        let way = x < median ? "smaller" : "larger"
        let power = (log10(ratio)).rounded()
        let hint = abs(log10(ratio) - power) < 0.5 && (power == 3 || power == 4)
            ? (power == 3 ? (x < median ? " (thousands typed, e.g. kt for t?)" : " (e.g. kg for t?)") : (x < median ? " (万 typed, e.g. 万元 for 元?)" : " (×10,000?)"))
            : ""
        return finding(ratio >= 1000 ? .error : .warning, table, row, column, "unit-slip",
                       "\(CSVWriter.number(x)) is \(ratio < 1e15 ? String(Int(ratio.rounded())) : String(format: "%.1e", ratio))× \(way) than the median \(CSVWriter.number(median)) \(what) — a unit slip\(hint)?")
    }

    /// A commodity some unit consumes must be produced by some unit, imported or collected.
    static func chainClosure(_ raw: RawInputs, _ inputs: PlanInputs) -> [Finding] {
        let used = Set(inputs.plants.map(\.process) + inputs.candidates.map(\.process))
        var produced = Set<String>()
        for p in inputs.chain.processes where used.contains(p.id) {
            for (k, c) in p.coefficients where c > 0 { produced.insert(k) }
        }
        for row in inputs.prices where row.importPrice != nil { produced.insert(row.commodity) }
        if inputs.scrapArisings.values.contains(where: { $0.values.contains { $0 > 0 } }) {
            for k in inputs.chain.commodities where k.plays(.endOfLifeScrap) { produced.insert(k.id) }
        }
        var out: [Finding] = []
        let io = raw.tables["process_io"]!
        var reported = Set<String>()
        for row in io.rows {
            guard let process = try? row.text("process"), used.contains(process), let commodity = try? row.text("commodity"),
                  let c = try? row.number("coefficient"), c < 0, !produced.contains(commodity), reported.insert(commodity).inserted else { continue }
            out.append(finding(.error, io, row, "commodity", "chain-cannot-close",
                               "\(process) consumes \(commodity), which no plant or candidate produces and which cannot be imported"))
        }
        return out
    }

    /// Values a thousand times (error) or a hundred times (warning) above or below the median of their peers
    /// (the others of the same group, so that the slip does not move the median).
    static func unitSlips(_ table: CSVTable, value: String, peers: String, group: (CSVTable.Row) -> String?) -> [Finding] {
        var groups: [String: [CSVTable.Row]] = [:]
        for row in table.rows {
            guard let g = group(row), let x = try? row.optionalNumber(value), x > 0 else { continue }
            groups[g, default: []].append(row)
        }
        var out: [Finding] = []
        for (g, rows) in groups.sorted(by: { $0.key < $1.key }) where rows.count >= 3 {
            let values = rows.map { (try? $0.number(value)) ?? 0 }
            for (i, (row, x)) in zip(rows, values).enumerated() {
                let others = values.enumerated().filter { $0.offset != i }.map(\.element)
                if let f = slip(x, peers: others, table: table, row: row, column: value, what: "of its \(peers) '\(g)'") { out.append(f) }
            }
        }
        return out
    }
}
