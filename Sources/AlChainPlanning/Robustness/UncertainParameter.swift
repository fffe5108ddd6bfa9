import Foundation

/// One uncertain input (a row of `uncertainty.csv`): a key path as `--set` takes it, how its draws relate to the
/// data's value, a distribution, and its provenance.
public struct UncertainParameter: Sendable, Equatable {
    /// The shape of the draws.
    public enum Distribution: String, Sendable, CaseIterable {
        /// Equally likely anywhere in [low, high].
        case uniform
        /// Most likely at `mode`, falling linearly to zero at `low` and `high`.
        case triangular
        /// Normal with `mean` and `sd`, truncated to [low, high] (default: the key's physical range).
        case normal
        /// Lognormal whose own mean and standard deviation are `mean` and `sd`, truncated like `normal`.
        case lognormal
    }

    /// What a drawn number is.
    public enum Scale: String, Sendable, CaseIterable {
        /// The value itself, in the key's unit.
        case value
        /// A factor multiplying the data's value (every row's own value for a `*` key).
        case factor
    }

    public var key: String
    public var scale: Scale
    public var distribution: Distribution
    public var low: Double?
    public var mode: Double?
    public var high: Double?
    public var mean: Double?
    public var sd: Double?
    public var source: String
    /// `uncertainty.csv:<line>`, where the parameter is defined (overrides made from it name it).
    public var origin: String
    /// The range draws are kept in: [low, high] where given, else the key's physical range (normal, lognormal).
    public var lower: Double
    public var upper: Double

    /// The value at cumulative probability `u` in [0, 1) (inverse transform sampling, so that a Latin hypercube
    /// stratum of `u` is a stratum of the distribution).
    public func quantile(_ u: Double) -> Double {
        let x: Double
        switch distribution {
        case .uniform:
            x = lower + u * (upper - lower)
        case .triangular:
            let a = lower, b = upper, c = mode ?? lower
            guard b > a else { return a }
            let split = (c - a) / (b - a)
            x = u < split ? a + (u * (b - a) * (c - a)).squareRoot() : b - ((1 - u) * (b - a) * (b - c)).squareRoot()
        case .normal:
            x = Self.truncatedNormal(u, mu: mean ?? 0, sigma: sd ?? 0, lower: lower, upper: upper)
        case .lognormal:
            // The mean m and standard deviation s of the value give the log's σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
            let m = mean ?? 1, s = sd ?? 0
            guard s > 0 else { return min(max(m, lower), upper) }
            let sigma2 = log(1 + (s * s) / (m * m))
            let y = Self.truncatedNormal(u, mu: log(m) - sigma2 / 2, sigma: sigma2.squareRoot(),
                                         lower: lower > 0 ? log(lower) : -.infinity, upper: log(upper))
            x = exp(y)
        }
        return min(max(x, lower), upper)
    }

    /// The point value: the distribution collapsed to one number (mode, mean, or the middle of a uniform range).
    public var point: Double {
        switch distribution {
        case .uniform: (lower + upper) / 2
        case .triangular: mode ?? lower
        case .normal, .lognormal: mean ?? lower
        }
    }

    /// Inverse transform of a normal truncated to [lower, upper]; σ = 0 gives μ (kept in range).
    static func truncatedNormal(_ u: Double, mu: Double, sigma: Double, lower: Double, upper: Double) -> Double {
        guard sigma > 0 else { return min(max(mu, lower), upper) }
        let pa = normalCDF((lower - mu) / sigma), pb = normalCDF((upper - mu) / sigma)
        guard pb > pa else { return min(max(mu, lower), upper) }
        return mu + sigma * normalQuantile(pa + u * (pb - pa))
    }

    /// Φ(z), the standard normal's cumulative probability.
    static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9), refined by one Halley step.
    static func normalQuantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = normalCDF(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
