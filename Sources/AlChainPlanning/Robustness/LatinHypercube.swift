import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014; the seeding generator of Java's `SplittableRandom` and xoshiro): a
/// 64-bit state advanced by a constant and mixed by two multiply-xorshift rounds. Written here rather than taken
/// from a package because the draws must stay byte-identical across releases and platforms: the standard
/// library's generator is not seedable, and no package on the mirror promises a fixed algorithm; these ten lines
/// do, and pass BigCrush as a stream generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose stream is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A seed for the sub-stream named by `parts` (the sample's seed, a parameter, a draw): each part is mixed in
    /// through one SplitMix64 step, so nearby names give unrelated streams.
    public static func stream(_ parts: UInt64...) -> SplitMix64 {
        var seed: UInt64 = 0x5851_F42D_4C95_7F2D
        for part in parts {
            var g = SplitMix64(seed: seed ^ part)
            seed = g.next()
        }
        return SplitMix64(seed: seed)
    }
}

/// A Latin hypercube design: for each parameter the unit interval cut into `draws` equal strata, each stratum
/// used by exactly one draw (a random permutation per parameter), with a random point inside it.
public enum LatinHypercube {
    /// The design's uniform numbers, `[draw][parameter]` in [0, 1). Parameter k's permutation comes from the
    /// stream (seed, k) and draw i's point in its stratum from (seed, k, i): the design depends on the seed, the
    /// number of draws and the parameters' order only — never on threads or on which draws were solved before.
    public static func design(draws: Int, parameters: Int, seed: UInt64) -> [[Double]] {
        var u = Array(repeating: Array(repeating: 0.0, count: parameters), count: draws)
        for k in 0 ..< parameters {
            var order = Array(0 ..< draws)
            var g = SplitMix64.stream(seed, 1, UInt64(k))
            // Fisher–Yates; the modulo's bias is below 2^-40 for any number of draws under a million.
            if draws > 1 {
                for i in stride(from: draws - 1, to: 0, by: -1) {
                    order.swapAt(i, Int(g.next() % UInt64(i + 1)))
                }
            }
            for i in 0 ..< draws {
                var point = SplitMix64.stream(seed, 2, UInt64(k), UInt64(i))
                u[i][k] = (Double(order[i]) + point.unit()) / Double(draws)
            }
        }
        return u
    }
}
