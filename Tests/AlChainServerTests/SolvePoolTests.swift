import Foundation
import Testing

@testable import AlChainServer

/// The solve pool: work runs on its own threads, at most one job per thread, and a queued job whose caller
/// is cancelled (its client left) never runs.
struct SolvePoolTests {
    final class Flag: @unchecked Sendable {
        let lock = NSLock()
        var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    @Test func workRunsOnAPoolThread() async throws {
        let pool = SolvePool(threads: 2, maxQueued: 4)
        let onPool = try await pool.run { Thread.current.threadDictionary[SolvePool.threadMarker] as? Bool ?? false }
        #expect(onPool)
    }

    @Test func aQueuedCallerThatIsCancelledIsDroppedUnrun() async throws {
        let pool = SolvePool(threads: 1, maxQueued: 4)
        let release = DispatchSemaphore(value: 0)
        let busy = Task { try await pool.run { release.wait(); return 1 } }
        for _ in 0..<400 where pool.load.running == 0 { try await Task.sleep(nanoseconds: 5_000_000) }
        let ran = Flag()
        let queued = Task { try await pool.run { ran.set(); return 2 } }
        for _ in 0..<200 where pool.load.queued == 0 { try await Task.sleep(nanoseconds: 5_000_000) }
        #expect(pool.load == (queued: 1, running: 1))
        queued.cancel()
        await #expect(throws: SolvePool.Dropped.self) { try await queued.value }
        #expect(pool.load.queued == 0)
        release.signal()
        #expect(try await busy.value == 1)
        #expect(!ran.isSet)
    }

    @Test func aFullQueueIsRefused() async throws {
        let pool = SolvePool(threads: 1, maxQueued: 1)
        let release = DispatchSemaphore(value: 0)
        let busy = Task { try await pool.run { release.wait(); return 1 } }
        for _ in 0..<400 where pool.load.running == 0 { try await Task.sleep(nanoseconds: 5_000_000) }
        let waiting = Task { try await pool.run { 2 } }
        for _ in 0..<200 where pool.load.queued == 0 { try await Task.sleep(nanoseconds: 5_000_000) }
        await #expect(throws: SolvePool.QueueFull.self) { try await pool.run { 3 } }
        release.signal()
        #expect(try await busy.value == 1)
        #expect(try await waiting.value == 2)
    }
}
