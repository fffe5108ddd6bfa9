import Foundation

/// A file's identity on disk (device and inode), so that following `extends` detects a cycle through the same
/// file however it is named — by a different `name` inside it, a symlink or `./a.toml` versus `a.toml`.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file at `path`, or `nil` when it cannot be read.
    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
