import AlChainIO
import AlChainTestSupport
import Foundation
import Testing

/// `alchain solve` end to end on the Guizhou plan: the built binary, its files and its exit codes.
/// Uses `runAlchain`, `repositoryRoot`, `temporaryDirectory` and `jsonObject` from AlChainTestSupport.
@Suite struct PlanCLITests {
    static let models = repositoryRoot.appendingPathComponent("Models").path
    static let guizhou = repositoryRoot.appendingPathComponent("Inputs/guizhou")
    static let tiny = repositoryRoot.appendingPathComponent("Tests/AlChainPlanningTests/Fixtures/tiny")

    /// A temporary folder holding a copy of Inputs/guizhou as `guizhou/`; runs started in the folder with
    /// `--inputs guizhou` name its files `guizhou/<file>` in messages.
    static func copyOfInputs() throws -> URL {
        let folder = try temporaryDirectory()
        try FileManager.default.copyItem(at: guizhou, to: folder.appendingPathComponent("guizhou"))
        return folder
    }

    /// Runs `alchain solve` in `folder` on its `guizhou/` copy.
    static func solveCopy(_ folder: URL, _ extra: [String] = []) throws -> RunResult {
        try runAlchain(["solve", "--models", models, "--inputs", "guizhou"] + extra, in: folder)
    }

    // MARK: infeasible targets (exit 1)

    struct Impossible: Sendable, CustomTestStringConvertible {
        let target: String
        let value: String
        var testDescription: String { "\(target) = \(value)" }
    }

    /// A target no plan can meet makes `solve` exit 1 and name it. (Recycled share 95 % is not such a target
    /// with the shipped data: end-of-life scrap and secondary aluminium can be imported without limit, so the
    /// plan shrinks smelting and recycles bought scrap. Clean power is capped by each source's max_share, and the
    /// output value by capacities and markets.)
    @Test(arguments: [Impossible(target: "clean-power-share", value: "95"), Impossible(target: "output-value", value: "100000")])
    func impossibleTargetExitsOneAndIsNamed(_ c: Impossible) throws {
        let folder = try Self.copyOfInputs()
        defer { try? FileManager.default.removeItem(at: folder) }
        let targets = folder.appendingPathComponent("guizhou/targets.csv")
        var lines = try CSVLines(targets)
        let i = try lines.index { $0.first == c.target }
        lines.rows[i][lines.column("value")] = c.value
        try lines.write(targets)
        let run = try Self.solveCopy(folder)
        #expect(run.exitCode == 1, "\(run.stderr)")
        #expect(run.stderr.contains(c.target), "\(run.stderr)")
        #expect(run.stdout.contains("infeasible"))
    }

    /// Two targets that are each feasible alone but not together: `solve`'s first message names both (the
    /// conflict refiner's members), not only the one a relaxation would move.
    @Test func twoConflictingTargetsAreBothNamed() throws {
        let run = try runAlchain(["solve", "--models", Self.models, "--inputs", Self.guizhou.path,
                                  "--set", "targets.output-value.value=1350", "--set", "targets.recycled-share.value=60"])
        #expect(run.exitCode == 1, "\(run.stderr)")
        let message = try #require(run.stderr.split(separator: "\n").first { $0.contains("the plan is infeasible") }, "\(run.stderr)")
        #expect(message.contains("output-value (province, 2027)") && message.contains("recycled-share (province, 2027)"), "\(message)")
        // Each alone is feasible: the conflict needs both.
        for set in ["targets.output-value.value=1350", "targets.recycled-share.value=60"] {
            let alone = try runAlchain(["solve", "--models", Self.models, "--inputs", Self.guizhou.path, "--set", set])
            #expect(alone.exitCode == 0, "\(set): \(alone.stderr)")
        }
    }

    // MARK: malformed data (exit 65)

    struct Malformed: Sendable, CustomTestStringConvertible {
        let label: String
        /// Edits the copy in `folder/guizhou`; returns the message's start and end: `file:line: column 'x':`
        /// and `found '…' [rule]`.
        let edit: @Sendable (URL) throws -> (place: String, ending: String)
        var testDescription: String { label }
    }

    static let malformed: [Malformed] = [
        Malformed(label: "unknown cluster in plants.csv") { folder in
            let file = folder.appendingPathComponent("guizhou/plants.csv")
            var csv = try CSVLines(file)
            var row = csv.rows[1]
            row[csv.column("id")] = "test_plant"
            row[csv.column("cluster")] = "qiannan"
            let line = csv.append(row)
            try csv.write(file)
            return ("guizhou/plants.csv:\(line): column 'cluster': expected a cluster of clusters.csv", "found 'qiannan' [unknown-cluster]")
        },
        Malformed(label: "negative capacity") { folder in
            let file = folder.appendingPathComponent("guizhou/plants.csv")
            var csv = try CSVLines(file)
            var row = csv.rows[1]
            row[csv.column("id")] = "test_plant"
            row[csv.column("capacity_t")] = "-1000"
            let line = csv.append(row)
            try csv.write(file)
            return ("guizhou/plants.csv:\(line): column 'capacity_t': expected a number ≥ 0", "found '-1000' [negative-value]")
        },
        Malformed(label: "missing column") { folder in
            let file = folder.appendingPathComponent("guizhou/transport.csv")
            var csv = try CSVLines(file)
            let c = csv.column("distance_km")
            csv.rows = csv.rows.map { var r = $0; r.remove(at: c); return r }
            try csv.write(file)
            return ("guizhou/transport.csv:1: column 'distance_km': expected a column named 'distance_km' in the header", "[missing-column]")
        },
        Malformed(label: "text in a number column") { folder in
            let file = folder.appendingPathComponent("guizhou/candidates.csv")
            var csv = try CSVLines(file)
            csv.rows[1][csv.column("capex_yuan_per_t")] = "ten thousand"
            try csv.write(file)
            return ("guizhou/candidates.csv:2: column 'capex_yuan_per_t': expected a number", "found 'ten thousand' [not-a-number]")
        },
        Malformed(label: "duplicate key") { folder in
            let file = folder.appendingPathComponent("guizhou/plants.csv")
            var csv = try CSVLines(file)
            let id = csv.rows[1][csv.column("id")]
            let line = csv.append(csv.rows[1])
            try csv.write(file)
            return ("guizhou/plants.csv:\(line): column 'id': expected a unique key (first seen on line 2)", "found '\(id)' [duplicate-key]")
        },
        Malformed(label: "misspelled key in settings.toml") { folder in
            let line = try replaceKey(in: folder.appendingPathComponent("guizhou/settings.toml"), "discount_rate", with: "discount_rat")
            return ("guizhou/settings.toml:\(line): key 'discount_rat': expected a known key", "found 'discount_rat' [unknown-key]")
        },
        Malformed(label: "misspelled key in a settings table") { folder in
            let line = try replaceKey(in: folder.appendingPathComponent("guizhou/settings.toml"), "quota_t", with: "quota_tt")
            return ("guizhou/settings.toml:\(line): key 'replacement.quota_tt': expected a known key", "found 'replacement.quota_tt' [unknown-key]")
        },
    ]

    /// Renames the key written at the start of a line of a TOML file; returns that line's number.
    static func replaceKey(in file: URL, _ key: String, with newKey: String) throws -> Int {
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let i = try #require(lines.firstIndex { $0.hasPrefix(key + " ") || $0.hasPrefix(key + "=") }, "no key \(key) in \(file.path)")
        lines[i] = newKey + lines[i].dropFirst(key.count)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return i + 1
    }

    @Test(arguments: malformed)
    func malformedDataExits65NamingFileLineAndColumn(_ c: Malformed) throws {
        let folder = try Self.copyOfInputs()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (place, ending) = try c.edit(folder)
        let run = try Self.solveCopy(folder)
        #expect(run.exitCode == 65, "\(run.stderr)")
        let message = run.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(message.hasPrefix("error: " + place), "\(message)")
        #expect(message.hasSuffix(ending), "\(message)")
        #expect(message.split(separator: "\n").count == 1, "one message: \(message)")
        #expect(run.stdout.isEmpty)
    }

    // MARK: the model file

    /// The plan's optimum equals that of its own MPS file solved by `solve-file`.
    ///
    /// Both solves run with `--mip-gap 0`. With the plan's default gap g = 1e-4 each run only promises a point
    /// within g·|z| of the optimum (≈ 7 million yuan here), and the two runs — one with AlChain's MIP start, one
    /// without — may stop at different points, so they could differ by up to g·|z|: comparing them at 1e-6 would
    /// be flaky, and comparing them within the gap would miss any export error smaller than the gap (a
    /// coefficient printed with too few digits, a lost objective constant). Proven optima are unique, so they must
    /// agree to the solver's tolerance. `solve-file` gets `--cuts` because `solve` uses all cuts too (without
    /// them GLPK needs minutes to close the gap). The time limit only guards against a hung run.
    @Test func planOptimumEqualsItsMPSOptimum() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mps = folder.appendingPathComponent("plan.mps").path
        let plan = try runAlchain([
            "solve", "--models", Self.models, "--inputs", Self.guizhou.path, "--mip-gap", "0", "--time-limit", "900",
            "--write-model", mps, "--format", "json",
        ])
        #expect(plan.exitCode == 0, "\(plan.stderr)")
        let planJSON = try jsonObject(plan.stdout)
        #expect(planJSON["status"] as? String == "optimal")
        let planObjective = try #require(planJSON["objective"] as? Double)

        let file = try runAlchain(["solve-file", mps, "--format", "json", "--mip-gap", "0", "--cuts", "--time-limit", "900"])
        #expect(file.exitCode == 0, "\(file.stderr)")
        let fileJSON = try jsonObject(file.stdout)
        #expect(fileJSON["status"] as? String == "optimal")
        #expect(fileJSON["mip"] as? Bool == true)
        let model = try #require(planJSON["model"] as? [String: Any])
        #expect(fileJSON["rows"] as? Int == model["rows"] as? Int && fileJSON["columns"] as? Int == model["columns"] as? Int)
        let fileObjective = try #require(fileJSON["objective"] as? Double)
        #expect(abs(planObjective - fileObjective) <= 1e-6 * max(1, abs(planObjective)), "plan \(planObjective), MPS \(fileObjective)")
    }

    // MARK: CSV output

    /// The columns of each plan file, as README.md documents them.
    static let documentedHeaders: [String: [String]] = [
        "flows.csv": ["year", "kind", "cluster", "park", "unit", "process", "commodity", "origin", "destination", "mode", "tonnes"],
        "capacity.csv": ["year", "unit", "name_zh", "origin", "cluster", "park", "process", "stage", "initial_t", "kept_t", "built_t", "retired_t", "capacity_t", "output_t"],
        "compliance.csv": ["target", "metric", "scope", "year", "op", "required", "achieved", "unit", "met", "binding", "shadow_price_myuan", "price_holds_from", "price_holds_to", "source", "numerator", "denominator", "ratio_unit"],
        "rules.csv": ["rule", "scope", "year", "value_t", "limit_t", "met", "description"],
        "costs.csv": ["year", "category", "million_yuan", "discounted_million_yuan"],
        "power.csv": ["year", "cluster", "source", "gwh", "clean", "co2_kt"],
        "power_use.csv": ["year", "cluster", "stages", "use_gwh", "clean_allocated_gwh"],
        "clusters.csv": ["year", "cluster", "output_value_yi_yuan", "process_co2_kt", "power_co2_kt"],
        "summary.csv": ["key", "value"],
        "decisions.csv": ["year", "decision", "unit", "name_zh", "name_en", "cluster", "park", "process", "project", "cell_class", "cell_ka", "ac_kwh_per_t", "units", "capacity_t", "capex_million_yuan", "source"],
        "names.csv": ["kind", "id", "name_zh", "name_en", "source"],
    ]

    /// Two runs, one with `--excel`: the Excel files are the plain files with a UTF-8 BOM in front and nothing
    /// else changed (so the runs are byte-identical apart from it); every file parses as RFC 4180 with the
    /// documented header and `\r\n` line ends; Chinese names from plants.csv arrive intact in capacity.csv.
    @Test func csvFilesAreExcelReadableDeterministicAndDocumented() async throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let excel = folder.appendingPathComponent("excel"), plain = folder.appendingPathComponent("plain")
        let arguments = ["solve", "--models", Self.models, "--inputs", Self.guizhou.path, "--out"]
        async let excelRun = runAlchain(arguments + [excel.path, "--excel"])
        async let plainRun = runAlchain(arguments + [plain.path])
        for run in try await [excelRun, plainRun] { #expect(run.exitCode == 0, "\(run.stderr)") }

        let bom = Data([0xEF, 0xBB, 0xBF])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: excel.path)) == Set(Self.documentedHeaders.keys))
        for (name, header) in Self.documentedHeaders.sorted(by: { $0.key < $1.key }) {
            let withBOM = try Data(contentsOf: excel.appendingPathComponent(name))
            let without = try Data(contentsOf: plain.appendingPathComponent(name))
            #expect(withBOM.starts(with: bom), "\(name): no BOM with --excel")
            #expect(!without.starts(with: bom), "\(name): BOM without --excel")
            #expect(withBOM.dropFirst(3) == without, "\(name): the two runs differ beyond the BOM")
            let text = try #require(String(data: without, encoding: .utf8), "\(name) is not UTF-8")
            #expect(text.hasPrefix(header.joined(separator: ",") + "\r\n") && text.hasSuffix("\r\n"), "\(name): line ends")
            let table = try CSVTable.parse(text, file: name)  // RFC 4180, every record as wide as the header
            #expect(table.header == header, "\(name)")
            #expect(!table.rows.isEmpty, "\(name) is empty")
            let excelTable = try CSVTable.parse(try #require(String(data: withBOM, encoding: .utf8)), file: name)
            #expect(excelTable.header == header && excelTable.rows.map(\.cells) == table.rows.map(\.cells))
        }

        // Chinese names as in the inputs.
        var names: [String: String] = [:]
        for file in ["plants.csv", "candidates.csv"] {
            for row in try CSVTable.read(Self.guizhou.appendingPathComponent(file).path).rows { names[try row.text("id")] = try row.text("name_zh") }
        }
        let capacity = try CSVTable.read(excel.appendingPathComponent("capacity.csv").path)
        var seen = Set<String>()
        for row in capacity.rows {
            let unit = try row.text("unit")
            let expected = try #require(names[unit], "capacity.csv:\(row.line): unknown unit \(unit)")
            #expect(try row.text("name_zh") == expected, "capacity.csv:\(row.line)")
            seen.insert(unit)
        }
        #expect(seen == Set(names.keys), "every plant and candidate has capacity rows")
        #expect(names.values.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
        let flows = try String(contentsOf: excel.appendingPathComponent("flows.csv"), encoding: .utf8)
        #expect(flows.contains("清镇经开区"), "park names in flows.csv")
    }

    // MARK: the hand-sized plan

    /// The tiny fixture of AlChainPlanningTests through the binary: 318 + (1,302 + 450)/1.1 million yuan (the
    /// derivation is in TinyPlanTests.swift).
    @Test func tinyPlanThroughTheBinary() throws {
        let run = try runAlchain([
            "solve", "--models", Self.tiny.appendingPathComponent("Models").path, "--inputs", Self.tiny.appendingPathComponent("Inputs").path,
            "--format", "json",
        ])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let json = try jsonObject(run.stdout)
        #expect(json["status"] as? String == "optimal")
        let objective = try #require(json["objective"] as? Double)
        let expected = 318 + (2 * 651 + 450) / 1.1
        #expect(abs(objective - expected) <= 1e-6 * expected, "\(objective)")
    }
}

/// A CSV file as lines of fields, for editing a copy of the inputs (RFC 4180 fields; one record per line, as in
/// the shipped inputs).
struct CSVLines {
    var rows: [[String]]

    init(_ file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        rows = text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }.map(Self.fields)
    }

    /// The fields of one line.
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let d = chars.next()
                    if d == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = d }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { out.append(field); field = "" } else { field.unicodeScalars.append(c) }
        }
        out.append(field)
        return out
    }

    /// The index of a header column.
    func column(_ name: String) -> Int { rows[0].firstIndex(of: name)! }

    /// The index of the first data row matching `predicate`.
    func index(_ predicate: ([String]) -> Bool) throws -> Int {
        try #require(rows.indices.dropFirst().first { predicate(rows[$0]) })
    }

    /// Appends a record; returns its line number.
    mutating func append(_ row: [String]) -> Int {
        rows.append(row)
        return rows.count
    }

    func write(_ file: URL) throws {
        try (rows.map { $0.map(CSVWriter.escape).joined(separator: ",") }.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
