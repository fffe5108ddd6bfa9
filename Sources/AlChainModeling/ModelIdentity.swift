import AlChainSolver

/// Which model a handle belongs to: a random tag drawn when a model is created (copies of a model share it).
public struct ModelIdentity: Hashable, Sendable, CustomStringConvertible {
    let raw: UInt64
    init() { raw = UInt64.random(in: 1...UInt64.max) }
    public var description: String { "model #\(String(raw, radix: 16))" }
}

/// A handle used with a model it does not belong to.
public struct HandleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The handle was made by another model.
        case notOwned(handle: ModelIdentity, model: ModelIdentity)
        /// The handle was made by a later copy of this model (a row or column this copy does not have).
        case notInThisCopy(position: Int, count: Int)
    }
    public let kind: Kind
    /// The handle's kind and name, for the message.
    public let handle: String

    public var description: String {
        switch kind {
        case .notOwned(let h, let m): "\(handle) belongs to \(h), not to \(m)"
        case .notInThisCopy(let p, let n): "\(handle) is number \(p + 1) of a later copy of the model, which has \(n)"
        }
    }
}
