import CGLPK
import Foundation

/// A starting point for branch-and-cut that is made only if the search needs one: when GLPK still has no
/// incumbent after `afterNodes` nodes, `make` runs and its point is offered as a heuristic solution.
///
/// The trigger is a node count, not a time, so a solve stays deterministic. `make` runs on a thread of its own
/// while the search waits (GLPK keeps its state per OS thread, and a second problem solved inside the search's
/// callback would share it). Its point must be feasible for the whole problem — e.g. a solve of the same model
/// with more variables fixed — one value per column; GLPK checks only that integer columns are integral.
public final class DeferredStart: Sendable, Equatable {
    /// Nodes of branch-and-cut without an incumbent after which the point is made.
    public let afterNodes: Int
    private let make: @Sendable () -> [Double]?

    /// A start made by `make` after `afterNodes` nodes without an incumbent.
    public init(afterNodes: Int, _ make: @escaping @Sendable () -> [Double]?) {
        self.afterNodes = afterNodes
        self.make = make
    }

    public static func == (a: DeferredStart, b: DeferredStart) -> Bool { a === b }

    /// Makes the point on a new thread and waits for it.
    func point() -> [Double]? {
        final class Box: @unchecked Sendable { var value: [Double]? }  // written by the thread before it signals
        let box = Box(), done = DispatchSemaphore(value: 0)
        let thread = Thread { [make] in
            box.value = make()
            glp_free_env()  // the thread's own GLPK environment; every problem it made is deleted by now
            done.signal()
        }
        thread.stackSize = 16 << 20  // as the server's solve threads: GLPK's branch-and-cut recurses
        thread.start()
        done.wait()
        return box.value
    }
}
