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

    /// Moves the temporary file into place (rename is atomic within a file system). A destination that is a
    /// device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written into instead: renaming onto it would
    /// replace the device with a regular file (as root, `/dev/null` itself).
    public func commit() throws {
        if isSpecialFile(path) {
            defer { discard() }
            guard let data = FileManager.default.contents(atPath: temporaryPath), let handle = FileHandle(forWritingAtPath: path) else {
                throw ModelError(.cannotWrite, "cannot write into this device or pipe", file: path)
            }
            defer { try? handle.close() }
            do { try handle.write(contentsOf: data) } catch {
                throw ModelError(.cannotWrite, "cannot write into this device or pipe: \(error.localizedDescription)", file: path)
            }
            return
        }
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

/// Whether `path` exists and is neither a regular file nor a folder (a device, pipe or socket), following links.
func isSpecialFile(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let kind = info.st_mode & S_IFMT
    return kind != S_IFREG && kind != S_IFDIR
}
