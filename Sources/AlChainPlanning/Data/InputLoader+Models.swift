import AlChainIO
import Foundation

/// `Models/`: commodities, processes and their coefficients, cost categories, and metrics.
extension InputLoader {

    /// The chain of `Models/`; metric filters that name a setting read it from `settings` (validated already).
    static func loadChain(commodities commodityTable: CSVTable, processes processTable: CSVTable, io ioTable: CSVTable, metrics: TOMLDocument,
                          settings: TOMLDocument, costCategories: CSVTable) throws -> ChainDefinition {
        try TableSchema.of("commodities").check(commodityTable)
        var commodities: [Commodity] = []
        for row in commodityTable.rows {
            commodities.append(Commodity(
                id: try checkID(row, "id"), nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"),
                unit: try row.text("unit"), tags: Set(try row.list("tags")),
                transportable: try row.flag("transportable", default: true), source: try row.requiredText("source")))
        }
        let commodityIDs = Set(commodities.map(\.id))

        try TableSchema.of("process_io").check(ioTable)
        var coefficients: [String: [String: Double]] = [:]
        var ioLines: [String: Int] = [:]
        for row in ioTable.rows {
            let process = try row.requiredText("process")
            let commodity = try row.requiredText("commodity")
            guard commodityIDs.contains(commodity) else {
                throw row.error("commodity", expected: "a commodity of commodities.csv", found: commodity, rule: "unknown-commodity")
            }
            let c = try row.number("coefficient")
            guard c != 0 else { throw row.error("coefficient", expected: "a non-zero coefficient", found: "0", rule: "zero-coefficient") }
            coefficients[process, default: [:]][commodity] = c
            ioLines[process] = ioLines[process] ?? row.line
        }

        try TableSchema.of("processes").check(processTable)
        var processes: [Process] = []
        for row in processTable.rows {
            let id = try checkID(row, "id")
            let stageText = try row.choice("stage", Stage.allCases.map(\.rawValue))
            let stage = Stage(rawValue: stageText)!
            let coefs = coefficients[id] ?? [:]
            let mains = coefs.filter { $0.value == 1 }.map(\.key).sorted()
            guard mains.count >= 1 else {
                throw row.error("id", expected: "exactly one output with coefficient +1 in process_io.csv", found: "\(mains.count)", rule: "no-main-output")
            }
            // With several +1 outputs, the one named in the id wins; otherwise the first alphabetically.
            let main = mains.first { id.contains($0) } ?? mains[0]
            var p = Process(
                id: id, nameZh: try row.text("name_zh"), nameEn: try row.text("name_en"), stage: stage,
                cellClass: try row.optionalText("cell_class"), cellKA: try row.optionalNonNegative("cell_ka"),
                acKWhPerT: try row.optionalNonNegative("ac_kwh_per_t"),
                powerKWhPerT: try row.optionalNonNegative("power_kwh_per_t") ?? 0,
                processCO2PerT: try row.optionalNonNegative("process_co2_t_per_t") ?? 0,
                gasM3PerT: try row.optionalNonNegative("gas_m3_per_t") ?? 0,
                variableCostPerT: try row.optionalNumber("variable_cost_yuan_per_t") ?? 0,
                ore: try row.optionalText("ore"), coefficients: coefs, mainOutput: main,
                source: try row.requiredText("source"))
            if stage == .smelting, p.acKWhPerT == nil || p.cellKA == nil {
                throw row.error("ac_kwh_per_t", expected: "AC power and cell amperage for a smelting process", found: "", rule: "missing-value")
            }
            p.coefficients = coefs
            processes.append(p)
        }
        let processIDs = Set(processes.map(\.id))
        for (process, line) in ioLines where !processIDs.contains(process) {
            throw DataError(file: ioTable.file, line: line, column: "process", expected: "a process of processes.csv", found: process, rule: "unknown-process")
        }

        return ChainDefinition(commodities: commodities, processes: processes, metrics: try loadMetrics(metrics, commodities: commodities, settings: settings),
                               valueAdded: try loadValueAdded(costCategories))
    }

    /// The cost categories that count as value added; every category of `CostCategory` must be listed once.
    static func loadValueAdded(_ t: CSVTable) throws -> Set<CostCategory> {
        try TableSchema.of("cost_categories").check(t)
        var valueAdded = Set<CostCategory>(), listed = Set<CostCategory>()
        for row in t.rows {
            let category = try row.choice("id", CostCategory.allCases.map(\.rawValue))
            listed.insert(CostCategory(rawValue: category)!)
            if try row.choice("value_added", ["yes", "no"]) == "yes" { valueAdded.insert(CostCategory(rawValue: category)!) }
        }
        if let missing = CostCategory.allCases.first(where: { !listed.contains($0) }) {
            throw DataError(file: t.file, column: "id", expected: "a row for every cost category the model computes", found: "none for \(missing.rawValue)", rule: "missing-row")
        }
        return valueAdded
    }

    static func loadMetrics(_ doc: TOMLDocument, commodities: [Commodity], settings: TOMLDocument) throws -> [Metric] {
        let allTags = Set(commodities.flatMap(\.tags))
        var metrics: [Metric] = []
        for id in doc.root.keys.sorted() {
            guard case .table = doc.root[id]! else {
                throw DataError(file: doc.file, column: id, expected: "a table per metric", found: doc.root[id]!.typeName, rule: "wrong-type")
            }
            let kind = try doc.string("\(id).kind", default: "total")
            guard kind == "ratio" || kind == "total" else {
                throw DataError(file: doc.file, column: "\(id).kind", expected: "ratio or total", found: kind, rule: "unknown-value")
            }
            func terms(_ key: String) throws -> [MeasureTerm] {
                guard let node = doc.node("\(id).\(key)") else { return [] }
                guard case .array(let items) = node else {
                    throw DataError(file: doc.file, column: "\(id).\(key)", expected: "an array of measure tables", found: node.typeName, rule: "wrong-type")
                }
                return try items.enumerated().map { i, item in
                    let at = "\(id).\(key)[\(i)]"
                    guard case .table(let t) = item else {
                        throw DataError(file: doc.file, column: at, expected: "a table like { measure = \"output\", stages = [...] }", found: item.typeName, rule: "wrong-type")
                    }
                    let sub = TOMLDocument(file: doc.file, root: t)
                    func prefixed(_ e: DataError) -> DataError { var e = e; e.column = "\(at).\(e.column ?? "")"; return e }
                    do {
                        try sub.rejectUnknownKeys(["measure", "stages", "tags", "ac_max", "ac_above", "cell_ka_below", "factor"])
                        let m = try sub.string("measure")
                        guard let measure = MeasureTerm.Kind(rawValue: m) else {
                            throw DataError(file: doc.file, column: "measure", expected: "one of \(MeasureTerm.Kind.allCases.map(\.rawValue).joined(separator: ", "))", found: m, rule: "unknown-value")
                        }
                        let stages = try strings(sub, "stages").map { s throws(DataError) -> Stage in
                            guard let st = Stage(rawValue: s) else {
                                throw DataError(file: doc.file, column: "stages", expected: "a stage (\(Stage.allCases.map(\.rawValue).joined(separator: ", ")))", found: s, rule: "unknown-stage")
                            }
                            return st
                        }
                        let tags = try strings(sub, "tags")
                        for tag in tags where !allTags.contains(tag) {
                            throw DataError(file: doc.file, column: "tags", expected: "a tag used in commodities.csv", found: tag, rule: "unknown-tag")
                        }
                        /// A filter's threshold: a number, or the key of a numeric setting whose value it takes.
                        func threshold(_ key: String) throws(DataError) -> Double? {
                            guard let node = sub.node(key) else { return nil }
                            if case .string(let name) = node {
                                guard let setting = SettingsSchema.declaration(name), setting.type == .number || setting.type == .integer else {
                                    throw DataError(file: doc.file, column: key, expected: "a number or a numeric setting (\(SettingsSchema.numericKeys.joined(separator: ", ")))",
                                                    found: name, rule: "unknown-setting")
                                }
                                if let d = setting.defaultNumber { return try settings.number(name, default: d) }
                                return try settings.number(name)
                            }
                            guard let value = node.number else {
                                throw DataError(file: doc.file, column: key, expected: "a number or a setting key", found: node.typeName, rule: "wrong-type")
                            }
                            return value
                        }
                        return MeasureTerm(
                            kind: measure, stages: Set(stages), tags: Set(tags),
                            acMax: try threshold("ac_max"), acAbove: try threshold("ac_above"),
                            cellKABelow: try threshold("cell_ka_below"), factor: try sub.number("factor", default: 1))
                    } catch let e as DataError { throw prefixed(e) }
                }
            }
            let numerator = try terms("numerator")
            let denominator = try terms("denominator")
            guard !numerator.isEmpty else {
                throw DataError(file: doc.file, column: "\(id).numerator", expected: "at least one measure", found: "none", rule: "missing-key")
            }
            if kind == "ratio", denominator.isEmpty {
                throw DataError(file: doc.file, column: "\(id).denominator", expected: "at least one measure for a ratio", found: "none", rule: "missing-key")
            }
            try doc.rejectUnknownKeys(Set(doc.root.keys.flatMap { k in ["name_zh", "name_en", "kind", "numerator", "denominator", "unit", "description", "source"].map { "\(k).\($0)" } + [k] }))
            metrics.append(Metric(
                id: id, nameZh: try doc.string("\(id).name_zh", default: id), nameEn: try doc.string("\(id).name_en", default: id),
                isRatio: kind == "ratio", numerator: numerator, denominator: denominator))
        }
        return metrics
    }

    static func strings(_ doc: TOMLDocument, _ key: String) throws(DataError) -> [String] {
        guard let node = doc.node(key) else { return [] }
        switch node {
        case .string(let s): return [s]
        case .array(let a):
            var out: [String] = []
            for e in a {
                guard case .string(let s) = e else { throw DataError(file: doc.file, column: key, expected: "strings", found: e.typeName, rule: "wrong-type") }
                out.append(s)
            }
            return out
        default: throw DataError(file: doc.file, column: key, expected: "a string or an array of strings", found: node.typeName, rule: "wrong-type")
        }
    }
}
