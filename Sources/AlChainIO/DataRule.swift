/// The rule a data error breaks, e.g. `unknown-cluster`: a typed code that the CLI and tests compare and that
/// messages print in brackets. Written as a string literal where an error is raised.
public struct DataRule: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    /// A file that does not exist (exit 66, not 65).
    public static let missingFile: DataRule = "missing-file"
}
