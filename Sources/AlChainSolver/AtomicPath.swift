import Foundation

/// A destination written through a temporary file in the same folder and renamed into place, so readers never
/// see a half-written file.
public struct AtomicPath: Sendable {
    /// The final path.
    public let path: String
    /// Where the content is written first.
    public let temporaryPath: String

    /// A temporary sibling of `path`.
    public init(_ path: String) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))").path
    }

    /// Moves the temporary file into place (rename is atomic within a file system).
    public func commit() throws {
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw ModelError(.cannotWrite, "cannot move the written file into place: \(reason)", file: path)
        }
    }

    /// Removes the temporary file, if any.
    public func discard() { unlink(temporaryPath) }

    /// Writes `data` to `path` atomically. The temporary file is written directly (Foundation's own atomic
    /// option would add a second hidden temporary that an interrupted run leaves behind).
    public static func write(_ data: Data, to path: String) throws {
        let target = AtomicPath(path)
        do {
            try data.write(to: URL(fileURLWithPath: target.temporaryPath), options: [.withoutOverwriting])
        } catch {
            target.discard()
            throw ModelError(.cannotWrite, "cannot create the file (does the folder exist and is it writable?)", file: path)
        }
        try target.commit()
    }
}
