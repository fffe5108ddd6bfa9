import AlChainSolver
import Foundation

/// A fixed set of OS threads that run solves one at a time each. GLPK keeps its state per thread, so a solve
/// runs start to end synchronously on one of these threads and never crosses an `await`. Callers wait in a
/// FIFO queue; a caller whose task is cancelled (its client left) while still queued is dropped unsolved, and
/// one whose solve is running has its `SolveCancellation` set.
final class SolvePool: @unchecked Sendable {
    /// Thrown to a caller whose task was cancelled before its work started.
    struct Dropped: Error {}
    /// Thrown when the queue is full.
    struct QueueFull: Error {}

    private final class Job: @unchecked Sendable {
        let work: () -> Void
        let drop: () -> Void
        init(work: @escaping () -> Void, drop: @escaping () -> Void) { self.work = work; self.drop = drop }
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var running = 0
    private let maxQueued: Int

    /// Starts `threads` solve threads.
    init(threads: Int, maxQueued: Int) {
        self.maxQueued = maxQueued
        for i in 0..<max(1, threads) {
            let thread = Thread { [unowned self] in self.loop() }
            thread.name = "alchain-solve-\(i)"
            thread.stackSize = 16 << 20  // GLPK's branch-and-cut recurses; the default 512 KiB of secondary threads is tight
            thread.start()
        }
    }

    /// Solves waiting for a thread and solves running now.
    var load: (queued: Int, running: Int) {
        condition.lock(); defer { condition.unlock() }
        return (queue.count, running)
    }

    /// Runs `work` on a solve thread and returns its result; throws `Dropped` if the task is cancelled while queued.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await run { (_: SolveCancellation) in work() }
    }

    /// Runs `work` on a solve thread with a cancellation flag that is set when the task is cancelled (its client
    /// left) while `work` runs, so the solve can stop early; throws `Dropped` if the task is cancelled while queued.
    func run<T: Sendable>(_ work: @escaping @Sendable (SolveCancellation) -> T) async throws -> T {
        let box = JobBox()
        let cancellation = SolveCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                let job = Job(work: { continuation.resume(returning: work(cancellation)) }, drop: { continuation.resume(throwing: Dropped()) })
                condition.lock()
                if Task.isCancelled || queue.count >= maxQueued {
                    condition.unlock()
                    continuation.resume(throwing: Task.isCancelled ? Dropped() as Error : QueueFull())
                    return
                }
                queue.append(job)
                box.job = job
                condition.signal()
                condition.unlock()
            }
        } onCancel: {
            condition.lock()
            let job = box.job.flatMap { job in queue.firstIndex { $0 === job }.map { queue.remove(at: $0) } }
            condition.unlock()
            // Still queued: dropped unsolved. Already running: asked to stop (a no-op once it has finished).
            if let job { job.drop() } else { cancellation.cancel() }
        }
    }

    private final class JobBox: @unchecked Sendable { var job: Job? }

    /// The key of the thread-dictionary entry that marks a pool thread (for tests and assertions).
    static let threadMarker = "alchain.solve-pool"

    private func loop() {
        Thread.current.threadDictionary[SolvePool.threadMarker] = true
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let job = queue.removeFirst()
            running += 1
            condition.unlock()
            job.work()
            condition.lock()
            running -= 1
            condition.unlock()
        }
    }
}
