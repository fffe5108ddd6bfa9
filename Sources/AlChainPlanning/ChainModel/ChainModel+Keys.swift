import AlChainModeling

/// The keys the model's variables and constraints are indexed by, and the target and rule rows it reports.
extension ChainModel {
    /// A (unit, year) key.
    public struct UnitYear: Hashable, Sendable {
        public var unit: String; public var year: Int
        public init(unit: String, year: Int) { self.unit = unit; self.year = year }
    }
    /// A (commodity, node, year) key; the node is a cluster, or a park for commodities that cannot travel.
    public struct FlowKey: Hashable, Sendable { public var commodity: String; public var node: String; public var year: Int }
    /// A shipment key.
    public struct ShipKey: Hashable, Sendable {
        public var commodity: String; public var from: String; public var to: String; public var mode: String; public var year: Int
    }
    /// A (cluster, power source, year) key.
    public struct PowerKey: Hashable, Sendable { public var cluster: String; public var source: String; public var year: Int }
    /// A target row: one target in one year.
    public struct TargetRow: Sendable {
        public var target: Target
        public var year: Int
        public var constraint: Constraint
        public var numerator: LinearExpression
        public var denominator: LinearExpression?
    }
    /// A named rule row (replacement, quota, technology, ore) for the compliance report.
    public struct RuleRow: Sendable {
        public var id: String
        public var scope: String
        public var year: Int?
        public var constraint: Constraint
        public var description: String
        /// The rule reads `value ≤ limit` (kt).
        public var value: LinearExpression
        public var limit: LinearExpression
    }

    /// A (cluster, stage set, year) key; `stages` as `stagesKey` writes it, e.g. `smelting`.
    public struct StagesKey: Hashable, Sendable { public var cluster: String; public var stages: String; public var year: Int }
}
