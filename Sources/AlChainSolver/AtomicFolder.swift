import CGLPK
import Foundation

/// A run folder written as a whole: every file goes into a temporary sibling folder (`.NAME.tmp-PID-…`),
/// which then replaces the folder in one rename (Linux `renameat2(RENAME_EXCHANGE)`: readers see the complete
/// previous run or the complete new one, never a mix). Leftovers of killed runs — staging folders beside the
/// folder and `AtomicPath` temporaries inside it — are removed when the next run starts, if their process is gone.
public struct AtomicFolder: Sendable {
    /// The final folder.
    public let path: String
    /// Where the run is written first.
    public let stagingPath: String

    /// Prepares a staging folder for `path`. Refuses to replace an existing, non-empty folder that is not a run
    /// folder (one holding none of `markers`), so that `--out` never deletes a folder of other files.
    public init(_ path: String, markers: Set<String>) throws(ModelError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        self.path = url.path
        let parent = url.deletingLastPathComponent().path
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: self.path, isDirectory: &isDirectory) {
            let contents = (try? fm.contentsOfDirectory(atPath: self.path)) ?? []
            guard isDirectory.boolValue, contents.isEmpty || contents.contains(where: markers.contains) else {
                throw ModelError(.cannotWrite, "exists and is not a run folder (no \(markers.sorted().joined(separator: " or "))); refusing to replace it", file: path)
            }
        }
        do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw ModelError(.cannotWrite, "cannot create the folder that holds the run folder", file: parent)
        }
        Self.removeLeftovers(in: parent)
        Self.removeLeftovers(in: self.path)
        stagingPath = (parent as NSString).appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        guard mkdir(stagingPath, 0o755) == 0 else {
            throw ModelError(.cannotWrite, "cannot create a temporary folder beside it: \(String(cString: strerror(errno)))", file: path)
        }
    }

    /// Puts the staged run in place of the folder; the previous run, if any, is then removed.
    public func commit() throws(ModelError) {
        if alchain_rename_exchange(stagingPath, path) == 0 {
            discard()  // the staging path now holds the previous run
            return
        }
        // No previous folder (ENOENT) or a file system without exchange: plain rename, which replaces an empty
        // folder; a non-empty one is first moved aside (a kill in between leaves it there, complete, and the
        // next run removes it).
        if rename(stagingPath, path) == 0 { return }
        let aside = stagingPath + "-old"
        guard rename(path, aside) == 0, rename(stagingPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw ModelError(.cannotWrite, "cannot move the written run into place: \(reason)", file: path)
        }
        try? FileManager.default.removeItem(atPath: aside)
    }

    /// Removes the staging folder and what it holds.
    public func discard() { try? FileManager.default.removeItem(atPath: stagingPath) }

    /// Removes, in `folder`, AlChain's temporaries (`.NAME.tmp-PID-…`, files or folders) whose process is gone.
    public static func removeLeftovers(in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(".") {
            guard let range = entry.range(of: ".tmp-") else { continue }
            let pidText = entry[range.upperBound...].prefix { $0.isNumber }
            guard let pid = Int32(pidText), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(entry))
        }
    }
}
