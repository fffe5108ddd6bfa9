import AlChainIO
import AlChainPlanning
import Foundation

/// The body of `POST /api/solve`: `{"scenario": NAME, "set": {"key.path": value}}`, both optional. Decoding
/// checks the shape only; keys, types and ranges are then checked by the same code as `--set`.
struct SolveRequest: Sendable, Equatable {
    var scenario: String?
    var overrides: [(key: String, value: TOMLNode)]

    static func == (a: SolveRequest, b: SolveRequest) -> Bool {
        a.scenario == b.scenario && a.overrides.map(\.key) == b.overrides.map(\.key) && a.overrides.map(\.value) == b.overrides.map(\.value)
    }

    /// The overrides as `--set` settings (their errors name `--set` and the key, as on the command line).
    var settings: [Scenario.Setting] { overrides.map { Scenario.Setting(key: $0.key, value: $0.value, file: "--set") } }

    /// The overrides as text, for the history and the manifest.
    var setText: [String: String] { Dictionary(overrides.map { ($0.key, $0.value.text) }, uniquingKeysWith: { _, b in b }) }

    /// The request as an answer repeats it (`request`): the scenario (`base` for none) and the overrides as text.
    var echo: [String: Any] { ["scenario": scenario ?? "base", "set": setText] }

    /// Reads a request body; throws `APIError.badRequest` with a message a planner can act on.
    static func decode(_ data: Data, scenarios: [String]) throws(APIError) -> SolveRequest {
        if data.isEmpty { return SolveRequest(scenario: nil, overrides: []) }
        let object: JSONValue
        do { object = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw .badRequest("the body is not JSON: expected {\"scenario\": NAME, \"set\": {\"key.path\": value}}")
        }
        guard case .object(let body) = object else { throw .badRequest("expected a JSON object {\"scenario\": NAME, \"set\": {…}}, found \(object.kind)") }
        for key in body.keys.sorted() where key != "scenario" && key != "set" {
            throw .badRequest("unknown field '\(key)': expected only \"scenario\" and \"set\"")
        }
        var request = SolveRequest(scenario: nil, overrides: [])
        switch body["scenario"] {
        case nil, .null?: break
        case .string(let name)?:
            if looksLikePath(name) { throw .badRequest("scenario: expected the name of a shipped scenario (\(scenarios.joined(separator: ", "))), found a file path '\(name)'; the server opens no file a client names") }
            guard name == "base" || scenarios.contains(name) else {
                throw .badRequest("scenario: expected base or a shipped scenario (\(scenarios.joined(separator: ", "))), found '\(name)'")
            }
            request.scenario = name == "base" ? nil : name
        case let other?: throw .badRequest("scenario: expected the name of a shipped scenario, found \(other.kind)")
        }
        switch body["set"] {
        case nil, .null?: break
        case .object(let set)?:
            for key in set.keys.sorted() { request.overrides.append((key, try value(set[key]!, key: key))) }
        case let other?: throw .badRequest("set: expected an object of key paths and values, found \(other.kind)")
        }
        return request
    }

    /// A JSON value as the TOML value `--set key=value` would read; arrays, objects, null and paths are refused.
    static func value(_ v: JSONValue, key: String) throws(APIError) -> TOMLNode {
        switch v {
        case .bool(let b): return .bool(b)
        case .integer(let i): return .integer(i)
        case .number(let d): return .double(d)
        case .string(let s):
            if looksLikePath(s) { throw .badRequest("--set: key '\(key)': expected a number, true/false or a word, found a file path '\(s)'; the server opens no file a client names") }
            return .string(s)
        default: throw .badRequest("--set: key '\(key)': expected a number, true/false or text, found \(v.kind)")
        }
    }

    /// Text that names a file or folder: a slash or backslash, a leading `~` or `.`, or a `.toml`/`.csv` ending.
    static func looksLikePath(_ s: String) -> Bool {
        s.contains("/") || s.contains("\\") || s.hasPrefix("~") || s.hasPrefix(".") || s.hasSuffix(".toml") || s.hasSuffix(".csv") || s.contains("\0")
    }
}

/// A JSON value as the request may carry it.
indirect enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// What the value is, for messages.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .integer, .number: "a number"
        case .string: "text"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// An answer other than 200: the status and a message for the planner.
enum APIError: Error, Sendable {
    case badRequest(String)
    case notFound(String)
    case busy(String)
    case failed(String)

    var message: String {
        switch self {
        case .badRequest(let m), .notFound(let m), .busy(let m), .failed(let m): m
        }
    }
}
