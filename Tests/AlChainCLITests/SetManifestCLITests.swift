import AlChainIO
import AlChainTestSupport
import Foundation
import Testing

/// A one-off `--set` run leaves a record (issue 10, item 5): labelled `+set`, with a manifest of the overrides.
@Suite struct SetManifestCLITests {
    @Test func setRunIsLabelledAndWritesItsOverrides() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        let run = try runAlchain(["solve", "--models", PlanCLITests.models, "--inputs", PlanCLITests.guizhou.path,
                                  "--set", "targets.recycled-share.value=25", "--no-closest-plan", "--out", out.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let summary = try CSVTable.read(out.appendingPathComponent("summary.csv").path)
        let scenario = try #require(summary.rows.first { (try? $0.text("key")) == "scenario" })
        #expect(try scenario.text("value") == "guizhou-base+set")
        let manifest = try jsonObject(try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8))
        #expect(manifest["overrides"] as? [String] == ["--set targets.recycled-share.value = 25 (an integer)"])
        #expect(manifest["scenario"] as? String == "guizhou-base+set")
    }
}
