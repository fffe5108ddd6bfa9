extension LinearProblem {
    /// The problem with every integer column fixed at its (rounded) value in `values` and made continuous: the
    /// LP whose duals price a MIP's rows.
    public func fixingIntegers(at values: [Double]) -> LinearProblem {
        var p = self
        for j in 0..<p.columnCount where p.columnKinds[j] != .continuous {
            let v = values[j].rounded()
            p.columnLower[j] = v
            p.columnUpper[j] = v
            p.columnKinds[j] = .continuous
        }
        return p
    }
}
