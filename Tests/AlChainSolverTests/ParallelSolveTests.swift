import AlChainSolver
import AlChainTestSupport
import Foundation
import Testing

/// Solves on several threads at once give exactly the results of the serial run: GLPK's environment is per
/// thread, and nothing in the solver layer is shared between solves.
@Suite struct ParallelSolveTests {
    /// What a solve reported, bit for bit.
    struct Fingerprint: Equatable, CustomStringConvertible {
        let status: TerminationStatus
        let objective: UInt64?
        let columns: [UInt64]
        let rows: [UInt64]

        init(_ r: SolveResult) {
            status = r.status
            objective = r.objective?.bitPattern
            columns = r.columnValues.map(\.bitPattern)
            rows = r.rowActivities.map(\.bitPattern)
        }

        var description: String {
            guard let objective else { return "\(status)" }
            return "\(status) \(Double(bitPattern: objective))"
        }
    }

    struct Job: Sendable {
        let problem: ExpectedProblem
        let read: LinearProblem
        let method: Method

        /// Solves through the file (`entry` 0) or the library (`entry` 1). The two may differ in the last bits:
        /// GLPK stores the matrix in the order it is given, which differs between its reader and `load`.
        func run(entry: Int) throws -> Fingerprint {
            entry == 0
                ? Fingerprint(try ModelFile.solve(problem.path, options: method.options).result)
                : Fingerprint(try Solver.solve(read, options: method.options))
        }
    }

    /// Collects results from many threads.
    // @unchecked Sendable: every access to `results` and `errors` holds `lock`.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [[Int]: [Fingerprint]] = [:]
        private(set) var errors: [String] = []
        func add(_ key: [Int], _ f: Fingerprint) { lock.withLock { results[key, default: []].append(f) } }
        func fail(_ message: String) { lock.withLock { errors.append(message) } }
        func all(_ key: [Int]) -> [Fingerprint] { lock.withLock { results[key] ?? [] } }
    }

    @Test(.timeLimit(.minutes(2)))
    func parallelSolvesEqualTheSerialRun() throws {
        // Every LP with three methods; the MIPs with the MIP presolver (without it lseu takes about a second).
        let jobs = try LPData.problems().flatMap { p in
            let read = try ModelFile.read(p.path)
            let methods: [Method] = p.isMIP ? [.presolve] : [.primal, .dual, .interior]
            return methods.map { Job(problem: p, read: read, method: $0) }
        }
        let serial = try jobs.map { job in [try job.run(entry: 0), try job.run(entry: 1)] }

        // Four threads at once, each solving every job through both entry points, each thread in its own order.
        let threads = 4
        let results = Results()
        let done = DispatchGroup()
        for t in 0..<threads {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                for k in 0..<jobs.count {
                    let j = t.isMultiple(of: 2) ? (k + 7 * t) % jobs.count : jobs.count - 1 - k
                    for entry in [t % 2, 1 - t % 2] {
                        do { results.add([j, entry], try jobs[j].run(entry: entry)) } catch { results.fail("\(jobs[j].problem.name): \(error)") }
                    }
                }
            }
            thread.stackSize = 8 << 20  // as much stack as the main thread: GLPK's branch-and-cut recurses
            thread.start()
        }
        done.wait()
        #expect(results.errors.isEmpty, "\(results.errors)")
        for (j, job) in jobs.enumerated() {
            for entry in 0..<2 {
                let seen = results.all([j, entry])
                #expect(seen.count == threads)
                #expect(seen.allSatisfy { $0 == serial[j][entry] }, "\(job.problem.name) \(job.method) entry \(entry): \(Set(seen.map(\.description))) vs \(serial[j][entry])")
            }
            // The two entry points reach the same verdict.
            #expect(serial[j][0].status == serial[j][1].status)
        }
    }
}
