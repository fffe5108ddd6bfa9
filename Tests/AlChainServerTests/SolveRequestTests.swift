import AlChainIO
import Foundation
import Testing

@testable import AlChainServer

/// The shape checks of `POST /api/solve` bodies: what is refused before any data is touched, and how.
struct SolveRequestTests {
    let scenarios = ["recycled-25", "power-dearer"]

    func refusal(_ body: String) -> String? {
        do {
            _ = try SolveRequest.decode(Data(body.utf8), scenarios: scenarios)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func wellFormedBodiesDecodeToTheSettingsOfSet() throws {
        let r = try SolveRequest.decode(Data(#"{"scenario": "recycled-25", "set": {"targets.recycled-share.value": 25, "settings.discount_rate": 0.08, "targets.x.enabled": "no", "refining.forbid": true}}"#.utf8), scenarios: scenarios)
        #expect(r.scenario == "recycled-25")
        #expect(r.overrides.map(\.key) == ["refining.forbid", "settings.discount_rate", "targets.recycled-share.value", "targets.x.enabled"])
        #expect(r.overrides.map(\.value) == [.bool(true), .double(0.08), .integer(25), .string("no")])
        #expect(r.settings.allSatisfy { $0.file == "--set" })
        #expect(try SolveRequest.decode(Data(), scenarios: scenarios) == SolveRequest(scenario: nil, overrides: []))
        #expect(try SolveRequest.decode(Data(#"{"scenario": "base"}"#.utf8), scenarios: scenarios).scenario == nil)
    }

    @Test func malformedBodiesAreRefusedWithWhatWasExpected() {
        #expect(refusal("{not json")?.contains("not JSON") == true)
        #expect(refusal("[1, 2]")?.contains("expected a JSON object") == true)
        #expect(refusal(#"{"scenario": "base", "path": "x"}"#) == #"unknown field 'path': expected only "scenario" and "set""#)
        #expect(refusal(#"{"scenario": 3}"#)?.contains("found a number") == true)
        #expect(refusal(#"{"scenario": "nope"}"#)?.contains("found 'nope'") == true)
        #expect(refusal(#"{"set": [1]}"#)?.contains("set: expected an object") == true)
        #expect(refusal(#"{"set": {"targets.a.value": [1]}}"#) == "--set: key 'targets.a.value': expected a number, true/false or text, found an array")
        #expect(refusal(#"{"set": {"targets.a.value": null}}"#)?.contains("found null") == true)
    }

    @Test func pathLikeNamesAndValuesAreRefused() {
        for body in [#"{"scenario": "../recycled-25"}"#, #"{"scenario": "Inputs/scenarios/recycled-25.toml"}"#, #"{"scenario": "recycled-25.toml"}"#,
                     #"{"set": {"settings.name": "/etc/passwd"}}"#, #"{"set": {"settings.name": "~/x"}}"#, #"{"set": {"settings.name": "..\\x"}}"#] {
            #expect(refusal(body)?.contains("file path") == true, "\(body)")
        }
    }
}
