import AlChainIO
import AlChainPlanning
import Foundation
import Testing

/// `extends` from a scenario file may name a shipped scenario or a relative path (issue 10, item 5).
@Suite struct ScenarioExtendsTests {
    static let shipped = Locations.root.appendingPathComponent("Inputs/scenarios").path

    /// A file outside the shipped folder that extends `recycled-25` by name gets its setting, then its own.
    @Test func extendsAShippedScenarioByName() throws {
        let folder = try ScenarioTests.Folder(["mine.toml": "extends = \"recycled-25\"\n[set]\n\"settings.discount_rate\" = 0.07\n"])
        defer { folder.remove() }
        let (catalog, name) = try ScenarioCatalog.chain(from: folder.path("mine.toml"), shippedFolder: Self.shipped)
        #expect(name == "mine" && catalog.scenarios["recycled-25"] != nil)
        let inputs = try catalog.inputs(name, base: try ScenarioTests.base())
        #expect(try ScenarioTests.target(inputs, "recycled-share").value == 25)
        #expect(inputs.settings.discountRate == 0.07)
        #expect(inputs.settings.name == "mine")
    }

    /// A parent named by a path relative to the child file, in another folder, whose own parent is found
    /// beside it.
    @Test func extendsARelativePath() throws {
        let folder = try ScenarioTests.Folder([
            "shared/dear.toml": "extends = \"dearer-base\"\n[set]\n\"targets.recycled-share.value\" = 30\n",
            "shared/dearer-base.toml": "[set]\n\"settings.discount_rate\" = 0.09\n",
            "mine/child.toml": "extends = \"../shared/dear.toml\"\n",
        ])
        defer { folder.remove() }
        let (catalog, name) = try ScenarioCatalog.chain(from: folder.path("mine/child.toml"), shippedFolder: Self.shipped)
        let inputs = try catalog.inputs(name, base: try ScenarioTests.base())
        #expect(try ScenarioTests.target(inputs, "recycled-share").value == 30)
        #expect(inputs.settings.discountRate == 0.09)
    }

    /// A parent found nowhere is still the located unknown-scenario error.
    @Test func unknownParentIsAnError() throws {
        let folder = try ScenarioTests.Folder(["lost.toml": "extends = \"no-such-scenario\"\n"])
        defer { folder.remove() }
        let (catalog, name) = try ScenarioCatalog.chain(from: folder.path("lost.toml"), shippedFolder: Self.shipped)
        #expect(throws: DataError.self) { try catalog.inputs(name, base: try ScenarioTests.base()) }
    }
}
