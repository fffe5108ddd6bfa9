/// Misuse of the solver layer: a model or file that GLPK must not be given. Thrown before any C call.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of misuse.
    public enum Kind: String, Sendable {
        case invalidName, invalidBound, nonFinite, indexOutOfRange, duplicateEntry, nonIntegralBound
        case tooLarge, invalidOption, fileNotFound, malformedFile, cannotWrite, unsupportedFormat
    }
    /// The kind.
    public var kind: Kind
    /// A sentence for people: what was expected and what was found.
    public var message: String
    /// The file, where the error is in one.
    public var file: String?
    /// The 1-based line in `file`, where known.
    public var line: Int?

    /// An error of `kind` with a message, optionally located in a file.
    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        switch (file, line) {
        case let (f?, l?): "\(f):\(l): \(message)"
        case let (f?, nil): "\(f): \(message)"
        default: message
        }
    }
}
