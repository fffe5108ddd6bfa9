import CGLPK
import Foundation

/// Collects what GLPK prints while one scope runs; GLPK's terminal hook is per thread, like its environment.
// @unchecked Sendable: the instance is touched only by the GLPK hook and the scope that installed it, both on
// the one thread that owns the GLPK environment.
final class GLPKTerminalCapture: @unchecked Sendable {
    /// Logs longer than this keep their head only; a solve's verdict never depends on the log.
    static let maxBytes = 1 << 20
    private(set) var text = ""
    /// The last progress line branch-and-cut printed ("+ <iterations>: mip = <incumbent> >= <bound> <gap>% …"),
    /// kept apart from `text` so that it survives a log longer than `maxBytes`.
    var lastMIPProgress: String?
    let echo: Bool

    init(echo: Bool) { self.echo = echo }

    func receive(_ s: String) {
        if echo { FileHandle.standardError.write(Data(s.utf8)) }
        if s.hasPrefix("+") { lastMIPProgress = s }
        if text.utf8.count < Self.maxBytes { text += s }
    }

    /// Runs `body` with GLPK's output routed here; restores GLPK's default output afterwards.
    static func capturing<R>(echo: Bool, _ body: (GLPKTerminalCapture) throws -> R) rethrows -> R {
        let capture = GLPKTerminalCapture(echo: echo)
        glp_term_hook({ info, s in
            guard let info, let s else { return 1 }
            Unmanaged<GLPKTerminalCapture>.fromOpaque(info).takeUnretainedValue().receive(String(cString: s))
            return 1  // non-zero: GLPK does not print the line itself
        }, Unmanaged.passUnretained(capture).toOpaque())
        defer { glp_term_hook(nil, nil) }
        return try withExtendedLifetime(capture) { try body(capture) }
    }
}
