import AlChainIO
import Foundation
import Testing

/// Issue 15: a file that is not UTF-8 is an error naming the line and the byte, not only the file.
@Suite struct EncodingErrorTests {
    @Test func invalidByteIsLocated() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-encoding-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("id,name\na,é\n".utf8 + [0x62, 0x2C, 0xFF, 0x0A]).write(to: url)
        let error = #expect(throws: DataError.self) { try CSVTable.read(url.path, displayName: "bad.csv") }
        #expect(error?.line == 3, "\(String(describing: error))")
        #expect(error?.description.contains("byte 0xFF at byte offset 15") == true, "\(String(describing: error))")
        #expect(error?.rule == "encoding")
    }
}
