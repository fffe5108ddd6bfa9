// The families are @inlinable so that they are specialised for the caller's key type: through unspecialised
// generics, hashing and copying keys made `addVariables` the slowest step of building a large model.

/// Handles by key, kept in insertion order; the storage of both family types.
@usableFromInline
struct KeyedHandles<Key: Hashable & Sendable, Handle: Hashable & Sendable>: Sendable {
    /// Keys in insertion order.
    @usableFromInline var keys: [Key] = []
    /// Handles in insertion order, parallel to `keys`, so iterating needs no hashing.
    @usableFromInline var members: [Handle] = []
    @usableFromInline var byKey: [Key: Handle] = [:]

    @inlinable
    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        members.reserveCapacity(capacity)
        byKey.reserveCapacity(capacity)
    }

    /// Adds `handle` at `key`; a repeated key keeps its place and takes the new handle.
    @inlinable
    mutating func insert(_ key: Key, _ handle: Handle) {
        if let old = byKey.updateValue(handle, forKey: key) {
            members[members.firstIndex(of: old)!] = handle
        } else {
            keys.append(key)
            members.append(handle)
        }
    }
}

/// Variables indexed by a domain key (cluster, year, process, …), kept in insertion order.
public struct VariableFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each variable's name.
    public let name: String
    @usableFromInline var storage: KeyedHandles<Key, Variable>

    @inlinable
    init(name: String, capacity: Int = 0) {
        self.name = name
        storage = KeyedHandles(capacity: capacity)
    }

    @inlinable
    mutating func insert(_ key: Key, _ variable: Variable) { storage.insert(key, variable) }

    /// Keys in insertion order.
    public var keys: [Key] { storage.keys }

    /// The variable at `key`, or `nil` where the family has none.
    @inlinable
    public subscript(_ key: Key) -> Variable? { storage.byKey[key] }

    /// Number of variables.
    public var count: Int { storage.keys.count }

    /// (key, variable) pairs in insertion order.
    @inlinable
    public var elements: [(key: Key, variable: Variable)] { zip(storage.keys, storage.members).map { ($0, $1) } }
}

/// Constraints indexed by a domain key, kept in insertion order.
public struct ConstraintFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each constraint's name.
    public let name: String
    @usableFromInline var storage: KeyedHandles<Key, Constraint>

    @inlinable
    init(name: String, capacity: Int = 0) {
        self.name = name
        storage = KeyedHandles(capacity: capacity)
    }

    @inlinable
    mutating func insert(_ key: Key, _ constraint: Constraint) { storage.insert(key, constraint) }

    /// Keys in insertion order.
    public var keys: [Key] { storage.keys }

    /// The constraint at `key`, or `nil` where the family has none.
    @inlinable
    public subscript(_ key: Key) -> Constraint? { storage.byKey[key] }

    /// Number of constraints.
    public var count: Int { storage.keys.count }

    /// (key, constraint) pairs in insertion order.
    @inlinable
    public var elements: [(key: Key, constraint: Constraint)] { zip(storage.keys, storage.members).map { ($0, $1) } }
}
