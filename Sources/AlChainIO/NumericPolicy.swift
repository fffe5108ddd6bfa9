/// Which magnitudes AlChain accepts in data files (docs/DATA.md "Numeric policy"): finite, and at most 1e15
/// in absolute value. The largest real quantity in the data is about 1e8 (yuan per candidate unit), so the
/// limit leaves seven orders of magnitude of headroom while keeping every product GLPK forms in its pivoting,
/// scaling and presolve (≈ 1e15 × 1e15 = 1e30) far from overflow, where GLPK's assertions abort the process.
public enum NumericPolicy {
    /// The largest absolute value accepted in data and model files.
    public static let maxMagnitude = 1e15

    /// Why `x` breaks the policy ("… is not finite", "… exceeds …"), or `nil` when it is accepted.
    public static func problem(_ x: Double) -> String? {
        if !x.isFinite { return "\(x) is not a finite number" }
        if abs(x) > maxMagnitude { return "\(x) exceeds the largest magnitude AlChain accepts (1e15)" }
        return nil
    }

    /// `x` as an `Int` when it is a whole number in `range`, else `nil` (never traps, unlike `Int(x)`).
    public static func wholeNumber(_ x: Double, in range: ClosedRange<Int> = -1_000_000_000...1_000_000_000) -> Int? {
        guard x.isFinite, x.rounded() == x, Double(range.lowerBound) <= x, x <= Double(range.upperBound) else { return nil }
        return Int(x)
    }
}
