import AlChainPlanning
import AlChainReport
import Foundation
import Hummingbird

/// `alchain serve`: the what-if explorer's HTTP server (Hummingbird 2): one page and a small JSON API
/// (docs/SERVER.md). Solves run on a bounded pool of threads; runs are kept in the run store under `--out`.
public final class ExplorerServer: Sendable {
    let configuration: ServerConfiguration
    let service: PlanService
    let store: RunStore
    let pool: SolvePool
    let controls: [ControlCatalog.Control]
    let baseRunID: String
    let baseRun: RunFolder
    let page: String

    /// Loads the data, opens the run store, and solves the base plan (or finds it among the stored runs).
    public init(_ configuration: ServerConfiguration) async throws {
        self.configuration = configuration
        let store = try RunStore(directory: (configuration.outDirectory as NSString).appendingPathComponent("runs"))
        let service = try PlanService(configuration: configuration, store: store)
        let pool = SolvePool(threads: configuration.solveThreads, maxQueued: configuration.maxQueued)
        let baseInputs = try InputLoader.load(service.base)
        self.store = store
        self.service = service
        self.pool = pool
        self.controls = ControlCatalog.controls(service.base, baseInputs)
        // The base plan's run: reused when the data has not changed since it was stored.
        let hashes = service.inputHashes
        if let stored = store.all.last(where: { $0.scenario == nil && $0.set.isEmpty && $0.status == "optimal" }),
           let folder = store.folder(stored.id), let run = try? RunFolder.read(folder), run.manifest?.inputHashes == hashes {
            baseRunID = stored.id
            baseRun = run
            service.answers.remember(stored.id, for: AnswerCache.Key(scenario: "base", settings: [:]))
        } else {
            let outcome = try await pool.run { service.solve(SolveRequest(scenario: nil, overrides: []), baseRun: nil) }
            guard case .solved(let entry, _) = outcome, entry.status == "optimal", let folder = store.folder(entry.id) else {
                throw APIError.failed("the base plan does not solve to optimality: \(outcome)")
            }
            baseRunID = entry.id
            baseRun = try RunFolder.read(folder)
        }
        page = ExplorerPage.html(css: ReportDashboard.css, script: ReportDashboard.script)
    }

    /// The application, bound as configured; `onRunning` receives the address actually bound (port 0 picks one).
    public func application(onRunning: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.get("/") { _, _ in Self.response(.ok, self.page, type: "text/html; charset=utf-8") }
        router.get("/api/controls") { _, _ in try self.controlsAnswer() }
        router.get("/api/runs") { _, _ in try Self.json(.ok, RunList(baseRun: self.baseRunID, runs: self.store.all.reversed())) }
        router.get("/api/runs/:id") { _, context in try self.file(context.parameters.require("id"), "answer.json") }
        router.get("/api/runs/:id/files/:name") { _, context in
            try self.file(context.parameters.require("id"), context.parameters.require("name"))
        }
        router.get("/api/runs/:id/dashboard") { request, context in
            try self.dashboard(context.parameters.require("id"), base: request.uri.queryParameters.get("base"),
                               language: Language(rawValue: request.uri.queryParameters.get("lang") ?? "zh") ?? .zh)
        }
        router.post("/api/solve") { request, _ in try await self.solve(request) }
        router.get("/api/health") { _, _ in
            let load = self.pool.load
            return try Self.json(.ok, ["queued": load.queued, "running": load.running, "threads": self.configuration.solveThreads])
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "alchain"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? self.configuration.port
                onRunning("http://\(self.configuration.host.contains(":") ? "[\(self.configuration.host)]" : self.configuration.host):\(port)/")
            })
    }

    struct RunList: Encodable {
        var baseRun: String
        var runs: [RunStore.Entry]
        enum CodingKeys: String, CodingKey { case baseRun = "base_run", runs }
    }

    struct ControlsAnswer: Encodable {
        var baseRun: String
        var scenarios: [[String: String]]
        var controls: [ControlCatalog.Control]
        var limits: [String: Double]
        enum CodingKeys: String, CodingKey { case baseRun = "base_run", scenarios, controls, limits }
    }

    func controlsAnswer() throws -> Response {
        let scenarios = service.catalog.names.map { ["name": $0, "description": service.catalog.scenarios[$0]?.description ?? ""] }
        return try Self.json(.ok, ControlsAnswer(baseRun: baseRunID, scenarios: scenarios, controls: controls,
                                                 limits: ["max_body_bytes": Double(configuration.maxBodyBytes), "solve_time_limit_s": configuration.solveTimeLimit,
                                                          "solve_threads": Double(configuration.solveThreads)]))
    }

    /// `POST /api/solve`: size-checked body, shape-checked request, then a queued solve that is dropped if the
    /// client leaves while it waits, and stopped (not stored) if it leaves while it runs.
    func solve(_ request: Request) async throws -> Response {
        let limit = configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Self.error(.badRequest, "the request body has \(length) bytes; at most \(limit) are accepted")
        }
        do {
            return try await request.body.consumeWithCancellationOnInboundClose { body in
                let buffer: ByteBuffer
                // Too large a body surfaces as NIO's NIOTooManyBytesError, which Hummingbird maps to 413 (an HTTPResponseError).
                do { buffer = try await body.collect(upTo: limit) } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                    return Self.error(.badRequest, "the request body is larger than \(limit) bytes")
                }
                let solveRequest: SolveRequest
                do { solveRequest = try SolveRequest.decode(Data(buffer.readableBytesView), scenarios: self.service.catalog.names) } catch let error as APIError {
                    return Self.error(.badRequest, error.message)
                }
                let service = self.service, baseRun = self.baseRun
                let outcome: PlanService.Outcome
                do { outcome = try await self.pool.run { service.solve(solveRequest, baseRun: baseRun, cancellation: $0) } } catch is SolvePool.QueueFull {
                    return Self.error(.serviceUnavailable, "\(self.configuration.maxQueued) solves are waiting already; try again shortly")
                }
                switch outcome {
                case .invalid(let message): return Self.error(.badRequest, message)
                case .failed(let message): return Self.error(.internalServerError, message)
                case .solved(_, let data): return Self.response(.ok, data, type: "application/json; charset=utf-8")
                case .cancelled: return Self.error(.serviceUnavailable, "the client left; its solve was stopped and not stored")
                }
            }
        } catch is SolvePool.Dropped {
            return Self.error(.serviceUnavailable, "the client left before its solve started")
        } catch is CancellationError {
            return Self.error(.serviceUnavailable, "the client left before its solve started")
        }
    }

    /// A run's file by allow-listed name; report.html and plan.xlsx are written on first request (atomically).
    func file(_ id: String, _ name: String) throws -> Response {
        guard let entry = store.entry(id) else { return Self.error(.notFound, "no run '\(id)'") }
        guard RunStore.downloadable.contains(name) else {
            return Self.error(.notFound, "no file '\(name)'; a run offers \(RunStore.downloadable.sorted().joined(separator: ", "))")
        }
        if ReportWriter.fileNames.contains(name), entry.files.contains("flows.csv"), store.file(id, name) == nil, let folder = store.folder(id) {
            try ReportWriter.write(RunFolder.read(folder), base: id == baseRunID ? nil : baseRun, language: .zh)
            store.noteFiles(id)
        }
        guard let path = store.file(id, name), let data = FileManager.default.contents(atPath: path) else {
            return Self.error(.notFound, "run '\(id)' has no \(name) (an infeasible plan has no plan files)")
        }
        let type = name.hasSuffix(".html") ? "text/html; charset=utf-8" : name.hasSuffix(".json") ? "application/json; charset=utf-8"
            : name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        var response = Self.response(.ok, data, type: type)
        if !name.hasSuffix(".json") { response.headers[.contentDisposition] = "attachment; filename=\"\(id)-\(name)\"" }
        return response
    }

    /// The dashboard of a run as an HTML fragment, compared with `base` (the base plan unless another run is named).
    func dashboard(_ id: String, base: String?, language: Language) throws -> Response {
        guard let entry = store.entry(id), let folder = store.folder(id) else { return Self.error(.notFound, "no run '\(id)'") }
        guard entry.files.contains("flows.csv") else { return Self.error(.notFound, "run '\(id)' has no plan (\(entry.status))") }
        let baseID = base ?? baseRunID
        guard let baseFolder = store.folder(baseID), store.entry(baseID)?.files.contains("flows.csv") == true else {
            return Self.error(.notFound, "no run '\(baseID)' with a plan to compare with")
        }
        let run = try RunFolder.read(folder)
        let html = ReportDashboard.html(run, base: baseID == id ? nil : try (baseID == baseRunID ? baseRun : RunFolder.read(baseFolder)), language: language)
        return Self.response(.ok, html, type: "text/html; charset=utf-8")
    }

    static func response(_ status: HTTPResponse.Status, _ text: String, type: String) -> Response {
        response(status, Data(text.utf8), type: type)
    }

    static func response(_ status: HTTPResponse.Status, _ data: Data, type: String) -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return response(status, try encoder.encode(value), type: "application/json; charset=utf-8")
    }

    /// An error answer: `{"error": message, "status": code}`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(status, ["error": message, "status": "\(status.code)"])) ?? response(status, message, type: "text/plain; charset=utf-8")
    }
}
