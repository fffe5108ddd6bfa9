import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One finished child process: wall time from spawn to exit, CPU time, exit status.
struct ChildRun {
    let seconds: Double
    /// User + system CPU time of the child, from `wait4`'s rusage.
    let cpuSeconds: Double
    let exitStatus: Int32
}

/// Runs a program the way a shell would, with standard output and error sent to files (or /dev/null), and
/// measures it with `wait4` (Foundation's `Process` gives no rusage).
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String], stdout: String = "/dev/null", stderr: String = "/dev/null") throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        let start = ContinuousClock.now
        let code = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(code)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(executable): \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - start
        // WIFEXITED / WEXITSTATUS, which Swift does not import: low 7 bits 0 means a normal exit.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildRun(seconds: elapsed.seconds, cpuSeconds: usage.cpuSeconds, exitStatus: exitStatus)
    }

    /// The peak RSS in bytes of one run, measured by GNU time (`/usr/bin/time -f %M`). Not from `wait4`: Linux
    /// carries the parent's peak RSS into a spawned child at exec, so a child of this large process would report
    /// at least this process's own peak.
    static func peakBytes(_ executable: String, _ arguments: [String], scratch: URL) throws -> Int? {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else { return nil }
        let report = scratch.appendingPathComponent("time-report").path
        let run = try run(time, ["-f", "%M", "-o", report, executable] + arguments)
        guard run.exitStatus < 64 else { throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with \(run.exitStatus)") }
        let text = try String(contentsOfFile: report, encoding: .utf8)
        // GNU time writes "Command exited with non-zero status N" first when the program fails.
        return text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
    }
}

/// This process's resource usage so far.
func selfUsage() -> rusage {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)  // Glibc imports the `who` constants as an enum
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return usage
}

/// This process's peak resident set size in bytes.
func peakResidentBytes() -> Int { maxrssBytes(selfUsage()) }

/// This process's CPU time (user + system) so far.
func cpuSeconds() -> Double { selfUsage().cpuSeconds }

extension rusage {
    var cpuSeconds: Double {
        Double(ru_utime.tv_sec) + Double(ru_utime.tv_usec) * 1e-6 + Double(ru_stime.tv_sec) + Double(ru_stime.tv_usec) * 1e-6
    }
}

/// `ru_maxrss` in bytes: Linux reports KiB, macOS bytes.
func maxrssBytes(_ usage: rusage) -> Int {
    #if os(Linux)
    Int(usage.ru_maxrss) * 1024
    #else
    Int(usage.ru_maxrss)
    #endif
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The median of a non-empty sample.
func median(_ xs: [Double]) -> Double { quantile(xs, 0.5) }

/// The `q`-quantile of a non-empty sample, interpolated between order statistics (q = 0.5: the median).
func quantile(_ xs: [Double], _ q: Double) -> Double {
    let s = xs.sorted()
    let position = q * Double(s.count - 1)
    let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
    return s[lower] + (s[upper] - s[lower]) * (position - Double(lower))
}
