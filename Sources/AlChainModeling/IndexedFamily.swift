// The families are @inlinable so that they are specialised for the caller's key type: through unspecialised
// generics, hashing and copying keys made `addVariables` the slowest step of building a large model.

/// Variables indexed by a domain key (cluster, year, process, …), kept in insertion order.
public struct VariableFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each variable's name.
    public let name: String
    /// Keys in insertion order.
    public var keys: [Key] { orderedKeys }
    @usableFromInline var orderedKeys: [Key] = []
    /// Variables in insertion order, parallel to `keys`.
    @usableFromInline var members: [Variable] = []
    @usableFromInline var handles: [Key: Variable] = [:]

    @inlinable
    init(name: String, capacity: Int = 0) {
        self.name = name
        orderedKeys.reserveCapacity(capacity)
        members.reserveCapacity(capacity)
        handles.reserveCapacity(capacity)
    }

    @inlinable
    mutating func insert(_ key: Key, _ variable: Variable) {
        if let old = handles.updateValue(variable, forKey: key) {
            members[members.firstIndex(of: old)!] = variable
        } else {
            orderedKeys.append(key)
            members.append(variable)
        }
    }

    /// The variable at `key`, or `nil` where the family has none.
    @inlinable
    public subscript(_ key: Key) -> Variable? { handles[key] }

    /// Number of variables.
    public var count: Int { orderedKeys.count }

    /// (key, variable) pairs in insertion order.
    @inlinable
    public var elements: [(key: Key, variable: Variable)] { zip(orderedKeys, members).map { ($0, $1) } }
}

/// Constraints indexed by a domain key, kept in insertion order.
public struct ConstraintFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each constraint's name.
    public let name: String
    /// Keys in insertion order.
    public var keys: [Key] { orderedKeys }
    @usableFromInline var orderedKeys: [Key] = []
    /// Constraints in insertion order, parallel to `keys`.
    @usableFromInline var members: [Constraint] = []
    @usableFromInline var handles: [Key: Constraint] = [:]

    @inlinable
    init(name: String, capacity: Int = 0) {
        self.name = name
        orderedKeys.reserveCapacity(capacity)
        members.reserveCapacity(capacity)
        handles.reserveCapacity(capacity)
    }

    @inlinable
    mutating func insert(_ key: Key, _ constraint: Constraint) {
        if let old = handles.updateValue(constraint, forKey: key) {
            members[members.firstIndex(of: old)!] = constraint
        } else {
            orderedKeys.append(key)
            members.append(constraint)
        }
    }

    /// The constraint at `key`, or `nil` where the family has none.
    @inlinable
    public subscript(_ key: Key) -> Constraint? { handles[key] }

    /// Number of constraints.
    public var count: Int { orderedKeys.count }

    /// (key, constraint) pairs in insertion order.
    @inlinable
    public var elements: [(key: Key, constraint: Constraint)] { zip(orderedKeys, members).map { ($0, $1) } }
}
