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

/// Handles (variables or constraints) indexed by a domain key (cluster, year, process, …), kept in insertion order.
public struct IndexedFamily<Key: Hashable & Sendable, Handle: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each member's name.
    public let name: String
    @usableFromInline var storage: KeyedHandles<Key, Handle>

    @inlinable
    init(name: String, capacity: Int = 0) {
        self.name = name
        storage = KeyedHandles(capacity: capacity)
    }

    @inlinable
    mutating func insert(_ key: Key, _ handle: Handle) { storage.insert(key, handle) }

    /// Keys in insertion order.
    public var keys: [Key] { storage.keys }

    /// The member at `key`, or `nil` where the family has none.
    @inlinable
    public subscript(_ key: Key) -> Handle? { storage.byKey[key] }

    /// Number of members.
    public var count: Int { storage.keys.count }

    /// (key, handle) pairs in insertion order.
    @inlinable
    public var elements: [(key: Key, handle: Handle)] { zip(storage.keys, storage.members).map { ($0, $1) } }
}

/// Variables indexed by a domain key.
public typealias VariableFamily<Key: Hashable & Sendable> = IndexedFamily<Key, Variable>
/// Constraints indexed by a domain key.
public typealias ConstraintFamily<Key: Hashable & Sendable> = IndexedFamily<Key, Constraint>
