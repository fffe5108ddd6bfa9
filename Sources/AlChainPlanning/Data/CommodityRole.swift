/// A commodity's role in the model, given by a tag in `Models/commodities.csv` (the Swift knows the role,
/// the data says which commodity plays it).
public enum CommodityRole: String, Sendable, CaseIterable {
    /// A by-product: it may be disposed of (stored) where it arises.
    case byproduct
    /// End-of-life scrap: collected in each cluster up to `scrap_arisings.csv`.
    case endOfLifeScrap = "eol"

    /// The tag that gives a commodity this role.
    public var tag: String { rawValue }
}

extension Commodity {
    /// Whether the commodity plays `role`.
    public func plays(_ role: CommodityRole) -> Bool { tags.contains(role.tag) }
}
