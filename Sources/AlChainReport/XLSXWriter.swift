import AlChainIO
import Foundation
import ZIPFoundation

/// A minimal Office Open XML (SpreadsheetML) workbook: sheets of text and number cells, a bold frozen header
/// row, column widths by content. Written by hand over ZIPFoundation because the parts needed are few and
/// fixed, and no Swift XLSX writer is in the package mirror; Excel, WPS, LibreOffice and openpyxl read it.
struct XLSXWriter {
    /// A cell: text (kept exactly, Chinese included) or a number stored as a number.
    enum Cell {
        case text(String)
        case number(Double)
        /// A number shown without separators (a year).
        case integer(Int)
        case empty
    }

    /// One worksheet: a name (≤ 31 characters), a header row and data rows.
    struct Sheet {
        var name: String
        var header: [String]
        var rows: [[Cell]]
    }

    var sheets: [Sheet] = []

    /// The workbook's bytes (a ZIP archive; entries dated 1980-01-01 so equal workbooks are equal files).
    func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let fixedDate = Date(timeIntervalSince1970: 315_532_800)
        func add(_ path: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let xmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        var types = xmlHead + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        types += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        types += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for i in sheets.indices {
            types += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        try add("[Content_Types].xml", types + "</Types>")
        try add("_rels/.rels", xmlHead + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        var workbook = xmlHead + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        var rels = xmlHead + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(HTML.escape(String(sheet.name.prefix(31))))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        rels += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        workbook += "</sheets><definedNames>"
        for (i, sheet) in sheets.enumerated() {
            workbook += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">'\(HTML.escape(String(sheet.name.prefix(31))))'!$1:$1</definedName>"
        }
        try add("xl/workbook.xml", workbook + "</definedNames></workbook>")
        try add("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        // Styles: 0 default, 1 bold header with fill, 2 number with separators, 3 number with separators and 2 decimals.
        try add("xl/styles.xml", xmlHead + """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0##"/></numFmts>\
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF5"/></patternFill></fill></fills>\
            <borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
            <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """)
        for (i, sheet) in sheets.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet)) }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A worksheet's XML: frozen first row, widths from the longest cell (by display width), inline strings.
    func worksheet(_ sheet: Sheet) -> String {
        var widths = sheet.header.map { DisplayWidth.of($0) }
        for row in sheet.rows {
            for (i, c) in row.enumerated() where i < widths.count {
                let w: Int
                switch c {
                case .text(let t): w = DisplayWidth.of(t)
                case .number(let x): w = NumberFormat.grouped(x, decimals: x == x.rounded() ? 0 : 3).count
                case .integer(let n): w = String(n).count
                case .empty: w = 0
                }
                widths[i] = max(widths[i], w)
            }
        }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        x += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        x += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        x += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        for (i, w) in widths.enumerated() { x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(min(36, max(8, w + 2)))\" customWidth=\"1\"/>" }
        x += "</cols><sheetData>"
        func ref(_ column: Int, _ row: Int) -> String {
            var name = "", c = column + 1
            while c > 0 { name = String(UnicodeScalar(UInt8(65 + (c - 1) % 26))) + name; c = (c - 1) / 26 }
            return name + String(row)
        }
        x += "<row r=\"1\">" + sheet.header.enumerated().map { "<c r=\"\(ref($0, 1))\" s=\"1\" t=\"inlineStr\"><is><t>\(HTML.escape($1))</t></is></c>" }.joined() + "</row>"
        for (r, row) in sheet.rows.enumerated() {
            x += "<row r=\"\(r + 2)\">"
            for (c, cell) in row.enumerated() {
                switch cell {
                case .text(let t): x += "<c r=\"\(ref(c, r + 2))\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(HTML.escape(t))</t></is></c>"
                case .number(let v): x += "<c r=\"\(ref(c, r + 2))\" s=\"\(v == v.rounded() ? 2 : 3)\"><v>\(CSVWriter.number(v, decimals: 6))</v></c>"
                case .integer(let n): x += "<c r=\"\(ref(c, r + 2))\"><v>\(n)</v></c>"
                case .empty: break
                }
            }
            x += "</row>"
        }
        // Printed landscape, as wide as the page, as many pages down as needed; the header row on every page.
        x += "</sheetData><pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.5\" header=\"0.3\" footer=\"0.3\"/>"
        return x + "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>"
    }
}
