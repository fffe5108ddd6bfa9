/// Variables indexed by a domain key (cluster, year, process, …), kept in insertion order.
public struct VariableFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each variable's name.
    public let name: String
    /// Keys in insertion order.
    public private(set) var keys: [Key] = []
    private var handles: [Key: Variable] = [:]

    init(name: String) { self.name = name }

    mutating func insert(_ key: Key, _ variable: Variable) {
        if handles.updateValue(variable, forKey: key) == nil { keys.append(key) }
    }

    /// The variable at `key`, or `nil` where the family has none.
    public subscript(_ key: Key) -> Variable? { handles[key] }

    /// Number of variables.
    public var count: Int { keys.count }

    /// (key, variable) pairs in insertion order.
    public var elements: [(key: Key, variable: Variable)] { keys.map { ($0, handles[$0]!) } }
}

/// Constraints indexed by a domain key, kept in insertion order.
public struct ConstraintFamily<Key: Hashable & Sendable>: Sendable {
    /// The family's name, the stem of each constraint's name.
    public let name: String
    /// Keys in insertion order.
    public private(set) var keys: [Key] = []
    private var handles: [Key: Constraint] = [:]

    init(name: String) { self.name = name }

    mutating func insert(_ key: Key, _ constraint: Constraint) {
        if handles.updateValue(constraint, forKey: key) == nil { keys.append(key) }
    }

    /// The constraint at `key`, or `nil` where the family has none.
    public subscript(_ key: Key) -> Constraint? { handles[key] }

    /// Number of constraints.
    public var count: Int { keys.count }

    /// (key, constraint) pairs in insertion order.
    public var elements: [(key: Key, constraint: Constraint)] { keys.map { ($0, handles[$0]!) } }
}
