import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// Broken model files give `.malformedFile` at the line GLPK's reader stopped on; missing ones `.fileNotFound`.
@Suite struct MalformedFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let fileName: String
        let text: String
        let line: Int
        var testDescription: String { label }
    }

    static let mpsHead = "NAME t\nROWS\n N obj\n L c1\nCOLUMNS\n"

    static let cases: [Case] = [
        Case(label: "MPS: word where a number belongs", fileName: "badnum.mps",
             text: mpsHead + " x obj 1 c1 abc\nRHS\n rhs c1 4\nENDATA\n", line: 6),
        Case(label: "MPS: undeclared row", fileName: "badrow.mps",
             text: mpsHead + " x obj 1 c9 1\nRHS\n rhs c1 4\nENDATA\n", line: 6),
        Case(label: "MPS: unknown section", fileName: "badsec.mps",
             text: mpsHead + " x obj 1 c1 1\nBOGUS\nENDATA\n", line: 7),
        Case(label: "MPS: no ENDATA", fileName: "noend.mps",
             text: mpsHead + " x obj 1 c1 1\nRHS\n rhs c1 4\n", line: 9),
        Case(label: "MPS: empty file", fileName: "empty.mps", text: "", line: 1),
        Case(label: "LP: text after the right-hand side", fileName: "bad.lp",
             text: "Minimize\n obj: x + y\nSubject To\n c1: x + y >= 2 3\nEnd\n", line: 4),
        Case(label: "LP: unknown character", fileName: "bad2.lp",
             text: "Minimize\n obj: x + y\nSubject To\n c1: x + * y >= 2\nEnd\n", line: 4),
        Case(label: "LP: bound without a value", fileName: "bad3.lp",
             text: "Maximize\n obj: x\nSubject To\n c1: x <= 4\nBounds\n x <=\nEnd\n", line: 7),
    ]

    @Test(arguments: cases)
    func malformedFileGivesItsLine(_ c: Case) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(c.fileName).path
        try c.text.write(toFile: path, atomically: true, encoding: .utf8)
        for attempt in [{ _ = try ModelFile.read(path) }, { _ = try ModelFile.solve(path) }] {
            let error = #expect(throws: ModelError.self) { try attempt() }
            #expect(error?.kind == .malformedFile)
            #expect(error?.file == path)
            #expect(error?.line == c.line, "\(error?.description ?? "no error")")
            #expect(error?.description.hasPrefix("\(path):\(c.line): ") == true)
        }
    }

    @Test func missingFileIsNotFound() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in [folder.appendingPathComponent("absent.mps").path, folder.path + "/absent.lp"] {
            let read = #expect(throws: ModelError.self) { try ModelFile.read(path) }
            #expect(read?.kind == .fileNotFound && read?.file == path)
            let solve = #expect(throws: ModelError.self) { try ModelFile.solve(path) }
            #expect(solve?.kind == .fileNotFound)
        }
        // A folder named like a model is not a model file either.
        let dir = folder.appendingPathComponent("folder.mps")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false)
        #expect((#expect(throws: ModelError.self) { try ModelFile.read(dir.path) })?.kind == .fileNotFound)
    }

    @Test func unknownExtensionIsUnsupported() throws {
        let error = #expect(throws: ModelError.self) { try ModelFile.read("model.txt") }
        #expect(error?.kind == .unsupportedFormat)
        // With the format given, any name is fine.
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.txt").path
        try "Maximize\n obj: x\nSubject To\n c1: x <= 4\nEnd\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ModelFile.solve(path, format: .lp)
        #expect(r.result.status == .optimal && r.result.objective == 4)
    }

    @Test func freeMPSReadAsFixedIsMalformed() throws {
        let blending = LPData.directory.appendingPathComponent("blending.mps").path
        let error = #expect(throws: ModelError.self) { try ModelFile.read(blending, format: .fixedMPS) }
        #expect(error?.kind == .malformedFile && error?.line == 3)
    }
}
