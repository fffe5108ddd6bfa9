import AlChainIO
import Foundation

/// Where a plan's data live: the chain definition folder (`Models/`) and a region's input folder.
public struct DataLocation: Sendable {
    /// Folder with commodities.csv, processes.csv, process_io.csv, metrics.toml.
    public var modelsDirectory: String
    /// Folder with settings.toml and the region's CSV tables.
    public var inputsDirectory: String

    public init(modelsDirectory: String, inputsDirectory: String) {
        self.modelsDirectory = modelsDirectory
        self.inputsDirectory = inputsDirectory
    }

    /// The shipped Guizhou data, found from the working directory or the executable's checkout.
    public static func defaultGuizhou() -> DataLocation? {
        var candidates = [FileManager.default.currentDirectoryPath]
        if let env = ProcessInfo.processInfo.environment["ALCHAIN_HOME"] { candidates.insert(env, at: 0) }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        for root in candidates {
            let models = (root as NSString).appendingPathComponent("Models")
            let inputs = (root as NSString).appendingPathComponent("Inputs/guizhou")
            if FileManager.default.fileExists(atPath: (inputs as NSString).appendingPathComponent("settings.toml")) {
                return DataLocation(modelsDirectory: models, inputsDirectory: inputs)
            }
        }
        return nil
    }
}
