import AlChainIO
import Foundation
import Testing

/// The CSV reader every input table goes through: RFC 4180, and errors that name file, physical line and column.
@Suite struct CSVTableTests {
    /// The error `body` throws, as a `DataError`.
    func dataError(_ body: () throws -> Void) -> DataError? {
        do { try body() } catch let e as DataError { return e } catch { Issue.record("not a DataError: \(error)") }
        return nil
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "id,name,note\n1,\"Guiyang, Qingzhen\",\"He said \"\"liquid\"\"\"\n2,\"two\nlines\",plain\n3,清镇经开区,\"\"\n"
        let t = try CSVTable.parse(text, file: "q.csv")
        #expect(t.header == ["id", "name", "note"])
        #expect(t.rows.count == 3)
        #expect(try t.rows[0].text("name") == "Guiyang, Qingzhen")
        #expect(try t.rows[0].text("note") == "He said \"liquid\"")
        #expect(try t.rows[1].text("name") == "two\nlines")
        #expect(try t.rows[2].text("name") == "清镇经开区")
        #expect(try t.rows[2].optionalText("note") == nil)
        // Lines are physical: the record after a two-line field starts on line 5.
        #expect(t.rows.map(\.line) == [2, 3, 5])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let t = try CSVTable.parse("\u{FEFF}id,value\r\na,1\r\n\r\nb,2\r\n", file: "bom.csv")
        #expect(t.header == ["id", "value"], "the BOM is not part of the first column name")
        #expect(try t.rows.map { try $0.number("value") } == [1, 2])
        #expect(t.rows.map(\.line) == [2, 4], "a blank line is skipped but counted")
        // The same through read(): Excel-saved files start with a BOM.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-bom-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data([0xEF, 0xBB, 0xBF] + Array("id,名称\nx,铝液\n".utf8)).write(to: file)
        let read = try CSVTable.read(file.path, displayName: "bom.csv")
        #expect(read.header == ["id", "名称"])
        #expect(try read.rows[0].text("名称") == "铝液")
    }

    @Test func fieldCountErrorNamesThePhysicalLine() throws {
        let e = try #require(dataError { _ = try CSVTable.parse("a,b\n1,\"x\ny\"\n1,2,3\n", file: "count.csv") })
        #expect(e.file == "count.csv")
        #expect(e.line == 4)
        #expect(e.rule == "csv-field-count")
        #expect(e.description.hasPrefix("count.csv:4: expected 2 fields as in the header, found '3 fields'"))
        let short = try #require(dataError { _ = try CSVTable.parse("a,b,c\n1,2,3\n4,5\n", file: "short.csv") })
        #expect(short.line == 3 && short.rule == "csv-field-count")
    }

    @Test func malformedQuotingIsRejected() throws {
        let open = try #require(dataError { _ = try CSVTable.parse("a,b\n1,\"never closed\n2,3\n", file: "open.csv") })
        #expect(open.line == 2 && open.rule == "csv-syntax", "an unclosed quote is reported where its record starts")
        let stray = try #require(dataError { _ = try CSVTable.parse("a,b\n1,ab\"c\n", file: "stray.csv") })
        #expect(stray.line == 2 && stray.rule == "csv-syntax")
        let after = try #require(dataError { _ = try CSVTable.parse("a,b\n1,\"x\"y\n", file: "after.csv") })
        #expect(after.line == 2 && after.rule == "csv-syntax")
        let header = try #require(dataError { _ = try CSVTable.parse("a,a\n1,2\n", file: "header.csv") })
        #expect(header.line == 1 && header.column == "a" && header.rule == "csv-header")
    }

    @Test func typedFieldErrorsNameLineAndColumn() throws {
        let t = try CSVTable.parse("id,capacity_t,share\np1,lots,0.5\np2,-3,1.5\np1,4,0\n", file: "plants.csv")
        let text = try #require(dataError { _ = try t.rows[0].number("capacity_t") })
        #expect(text.description == "plants.csv:2: column 'capacity_t': expected a number, found 'lots' [not-a-number]")
        let negative = try #require(dataError { _ = try t.rows[1].nonNegative("capacity_t") })
        #expect(negative.line == 3 && negative.column == "capacity_t" && negative.found == "-3" && negative.rule == "negative-value")
        let fraction = try #require(dataError { _ = try t.rows[1].optionalFraction("share") })
        #expect(fraction.line == 3 && fraction.rule == "out-of-range")
        let duplicate = try #require(dataError { try t.requireUnique(["id"]) })
        #expect(duplicate.line == 4 && duplicate.column == "id" && duplicate.found == "p1" && duplicate.rule == "duplicate-key")
        let missing = try #require(dataError { try t.require(["id", "cluster"]) })
        #expect(missing.line == 1 && missing.column == "cluster" && missing.rule == "missing-column")
        let absent = try #require(dataError { _ = try t.rows[0].text("park") })
        #expect(absent.line == 2 && absent.column == "park" && absent.rule == "missing-column")
    }

    /// What CSVWriter writes, CSVTable reads back unchanged.
    @Test func writerOutputReadsBack() throws {
        let rows = [["a,b", "say \"hi\"", "two\r\nlines"], ["铝液", "", " x "], ["1.5", "-0", "end"]]
        var w = CSVWriter(header: ["c1", "c2", "c3"])
        for r in rows { w.appendRow(r) }
        let data = w.data(excelBOM: true)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let t = try CSVTable.parse(try #require(String(data: data, encoding: .utf8)), file: "w.csv")
        #expect(t.header == ["c1", "c2", "c3"])
        // Every field reads back as written (raw cells: text() would trim the outer spaces of " x ").
        #expect(t.rows.map(\.cells) == rows)
    }
}

/// The TOML reader of settings.toml and metrics.toml: errors name file, line and key.
@Suite struct TOMLDocumentTests {
    func dataError(_ body: () throws -> Void) -> DataError? {
        do { try body() } catch let e as DataError { return e } catch { Issue.record("not a DataError: \(error)") }
        return nil
    }

    static let text = """
        # settings
        name = "tiny"
        years = [2025, 2026]
        discount_rate = "six percent"

        [replacement]
        ratio = 1.0
        quota_tt = 100
        """

    @Test func syntaxErrorNamesTheLine() throws {
        let e = try #require(dataError { _ = try TOMLDocument.parse("a = 1\nb = 2\nc = = 3\n", file: "bad.toml") })
        #expect(e.file == "bad.toml")
        #expect(e.line == 3)
        #expect(e.rule == "toml-syntax")
        #expect(e.description.hasPrefix("bad.toml:3: expected valid TOML"))
    }

    @Test func unknownKeyNamesLineAndKey() throws {
        let doc = try TOMLDocument.parse(Self.text, file: "settings.toml")
        let known: Set<String> = ["name", "years", "discount_rate", "replacement", "replacement.ratio", "replacement.quota_t"]
        let e = try #require(dataError { try doc.rejectUnknownKeys(known) })
        #expect(e.column == "replacement.quota_tt")
        #expect(e.line == 8)
        #expect(e.rule == "unknown-key")
        #expect(e.description.hasPrefix("settings.toml:8: key 'replacement.quota_tt': expected a known key"))
        let top = try TOMLDocument.parse("name = 1\nnmae = 2\n", file: "t.toml")
        let typo = try #require(dataError { try top.rejectUnknownKeys(["name"]) })
        #expect(typo.line == 2 && typo.column == "nmae")
    }

    @Test func wrongTypeNamesLineAndKey() throws {
        let doc = try TOMLDocument.parse(Self.text, file: "settings.toml")
        let e = try #require(dataError { _ = try doc.number("discount_rate") })
        #expect(e.column == "discount_rate" && e.line == 4 && e.rule == "wrong-type")
        #expect(e.description.hasPrefix("settings.toml:4: key 'discount_rate': expected a number, found '") && e.description.hasSuffix("[wrong-type]"))
        let element = try #require(dataError { _ = try TOMLDocument.parse("years = [2025, \"x\"]\n", file: "y.toml").numbers("years") })
        #expect(element.column == "years[1]" && element.line == 1 && element.rule == "wrong-type")
        #expect(try doc.number("replacement.ratio") == 1)
        #expect(try doc.numbers("years") == [2025, 2026])
        #expect(try doc.string("name") == "tiny")
    }

    @Test func missingKeyAndValuesSetLaterHaveNoFileLine() throws {
        var doc = try TOMLDocument.parse(Self.text, file: "settings.toml")
        let missing = try #require(dataError { _ = try doc.number("base_year") })
        #expect(missing.rule == "missing-key" && missing.column == "base_year" && missing.line == nil)
        // A value replaced after parsing (a scenario's override) is not on the file's line any more.
        doc.set("discount_rate", .string("still text"))
        let replaced = try #require(dataError { _ = try doc.number("discount_rate") })
        #expect(replaced.rule == "wrong-type" && replaced.line == nil)
    }
}
