import AlChainIO
import AlChainPlanning
import Foundation
import Testing

@testable import AlChainServer

/// The plan service on the tiny fixture of AlChainPlanningTests: real GLPK solves, runs stored, refusals worded
/// as `--set` words them, controls with the ranges the checks use.
struct PlanServiceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AlChainPlanningTests/Fixtures/tiny")

    func service() throws -> (PlanService, String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("alchain-service-\(UUID().uuidString)").path
        let data = DataLocation(modelsDirectory: Self.fixture.appendingPathComponent("Models").path, inputsDirectory: Self.fixture.appendingPathComponent("Inputs").path)
        let configuration = ServerConfiguration(data: data, scenariosDirectory: out + "/no-scenarios", outDirectory: out, alchainVersion: "test", glpkVersion: "test")
        let store = try RunStore(directory: out + "/runs")
        return (try PlanService(configuration: configuration, store: store), out)
    }

    func request(_ set: [String: TOMLNode]) -> SolveRequest {
        SolveRequest(scenario: nil, overrides: set.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    @Test func aRequestIsSolvedAndStoredAsACompleteRun() throws {
        let (service, out) = try service()
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .solved(let entry, let data) = service.solve(request(["targets.benchmark-share.value": .integer(80)]), baseRun: nil) else {
            Issue.record("expected a solved run")
            return
        }
        #expect(entry.status == "optimal" && entry.set == ["targets.benchmark-share.value": "80"])
        let answer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(answer["status"] as? String == "optimal")
        #expect(answer["run"] as? String == entry.id)
        let compliance = try #require(answer["compliance"] as? [[String: Any]])
        #expect(compliance.contains { $0["target"] as? String == "benchmark-share" && $0["required"] as? Double == 80 })
        let decisions = try #require(answer["decisions"] as? [[String: Any]])
        #expect(decisions.contains { $0["decision"] as? String == "build" && $0["unit"] as? String == "new_line" })
        #expect(Set(entry.files).isSuperset(of: ["flows.csv", "decisions.csv", "names.csv", "manifest.json", "answer.json"]))
        #expect(try RunStore(directory: out + "/runs").all.map(\.id) == [entry.id])
    }

    @Test func aRepeatedRequestIsAnsweredFromTheStoreWithoutASecondRun() throws {
        let (service, out) = try service()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let ask = request(["targets.benchmark-share.value": .integer(80)])
        guard case .solved(let first, let firstData) = service.solve(ask, baseRun: nil),
              case .solved(let again, let againData) = service.solve(ask, baseRun: nil),
              case .solved(let other, _) = service.solve(request(["targets.benchmark-share.value": .integer(75)]), baseRun: nil),
              // A control left at the data's value (70) is dropped, so this asks for the base plan: a run of its own.
              case .solved(let base, _) = service.solve(request(["targets.benchmark-share.value": .integer(70)]), baseRun: nil),
              case .solved(let baseAgain, let baseAgainData) = service.solve(request([:]), baseRun: nil) else {
            Issue.record("expected solved runs")
            return
        }
        let a = try #require(try JSONSerialization.jsonObject(with: firstData) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: againData) as? [String: Any])
        #expect(again.id == first.id && a["from_store"] == nil && b["from_store"] as? Bool == true)
        #expect(b["run"] as? String == first.id && b["objective"] as? Double == a["objective"] as? Double && a["objective"] != nil)
        #expect((b["decisions"] as? [[String: Any]])?.count == (a["decisions"] as? [[String: Any]])?.count)
        #expect(other.id != first.id && base.id != first.id && base.id != other.id)
        let c = try #require(try JSONSerialization.jsonObject(with: baseAgainData) as? [String: Any])
        #expect(baseAgain.id == base.id && c["from_store"] as? Bool == true)
        #expect(try RunStore(directory: out + "/runs").all.map(\.id) == [first.id, other.id, base.id])
    }

    @Test func refusalsCarryTheMessagesOfSet() throws {
        let (service, out) = try service()
        defer { try? FileManager.default.removeItem(atPath: out) }
        func refusal(_ set: [String: TOMLNode]) -> String {
            if case .invalid(let message) = service.solve(request(set), baseRun: nil) { return message }
            return "not refused"
        }
        #expect(refusal(["targets.benchmark-share.value": .integer(150)])
            == "error: --set: key 'targets.benchmark-share.value': expected a value in 0–100 % (a share), found '150' [out-of-range]")
        #expect(refusal(["candidates.new_line.max_units": .integer(2)]).contains("expected a value in 0–1 units"))
        #expect(refusal(["candidates.new_line.earliest_year": .double(2025.5)]).contains("[not-an-integer]"))
        #expect(refusal(["targets.benchmark-share.value": .string("lots")]).contains("lots"))
        #expect(refusal(["targets.nope.value": .integer(1)]).contains("[unknown-row]"))
        #expect(refusal(["settings.nope": .integer(1)]).contains("[unknown-key]"))
        #expect(try RunStore(directory: out + "/runs").all.isEmpty)
    }

    @Test func controlsShowUnitsAndTheRangesTheChecksUse() throws {
        let (service, out) = try service()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let controls = ControlCatalog.controls(service.base, try InputLoader.load(service.base))
        let share = try #require(controls.first { $0.key == "targets.benchmark-share.value" })
        #expect(share.unit == "%" && share.min == 0 && share.max == 100 && share.value == 70)
        let units = try #require(controls.first { $0.key == "candidates.new_line.max_units" })
        #expect(units.min == 0 && units.max == 1 && units.integer)
        let indexLimit = try #require(controls.first { $0.key == "settings.replacement.max_index_purchase_t" })
        #expect(indexLimit.max == 100_000 && indexLimit.value == 50_000)
        for c in controls where c.choices == nil { #expect(c.value.map { c.min <= $0 && $0 <= c.max } == true, "\(c.key)") }
        // Build decisions: a potline forced into a model year after the base year, or forbidden.
        let decision = try #require(controls.first { $0.key == "candidates.new_line.planned_year" })
        let years = try InputLoader.load(service.base).settings.years
        #expect(decision.choices == Array(years.dropFirst()) && decision.value == nil && decision.unit == "year")
        #expect(decision.forbidKey == "candidates.new_line.forbidden")
    }
}
