/// Checks for names that become file or folder names (scenario names in a batch's `--out`).
public enum PathName {
    /// Why `name` cannot be used as one path component inside an output folder, or `nil` when it can:
    /// not empty, not `.` or `..`, no `/`, `\` or NUL, not starting with `.` (hidden and temporary files),
    /// at most 200 bytes, and not one of `reserved` (the folder's own files, such as a batch's summary).
    public static func problem(_ name: String, reserved: Set<String> = []) -> String? {
        if name.isEmpty { return "is empty" }
        if name == "." || name == ".." { return "is '\(name)', which names a folder, not a new one" }
        if name.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) { return "contains a path separator" }
        if name.hasPrefix(".") { return "starts with '.' (reserved for hidden and temporary files)" }
        if name.utf8.count > 200 { return "is \(name.utf8.count) bytes long; at most 200 are allowed" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return "contains a control character" }
        if reserved.contains(name) { return "collides with a file the batch writes itself (\(name))" }
        return nil
    }
}
