/// A route table: which paths exist and which methods each answers, so an application says
/// what it serves in one list, and 404 and 405 (with its `Allow` header) follow from that list
/// instead of from each branch of a `switch`.
///
/// A pattern is a path of literal segments and parameters (`/s/:survey/bedankt`); a parameter
/// matches one non-empty segment. HEAD is answered wherever GET is. `Route` is the
/// application's own name for what to do, usually an enum it switches over.
public struct Router<Route: Sendable>: Sendable {
    /// What a request's method and path come to.
    public enum Outcome {
        /// The route, and the parameters' values in the order the pattern names them.
        case found(Route, parameters: [String])
        /// The path exists but not for this method; `allow` is the `Allow` header's value.
        case methodNotAllowed(allow: String)
        case notFound
    }

    @usableFromInline enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter
    }

    @usableFromInline struct Entry: Sendable {
        @usableFromInline var segments: [Segment]
        @usableFromInline var methods: [String]
        @usableFromInline var route: Route
    }

    // Inlinable, so an application's lookups are specialised for its `Route` rather than generic.
    @usableFromInline var entries: [Entry] = []

    public init() {}

    /// Adds `route` for `methods` (`"GET"`, `"POST"`; HEAD comes with GET) at `pattern`.
    /// A pattern may appear more than once, with other methods.
    public mutating func add(_ methods: [String], _ pattern: String, _ route: Route) {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            part.hasPrefix(":") ? Segment.parameter : .literal(String(part))
        }
        entries.append(Entry(segments: segments, methods: methods, route: route))
    }

    /// The route for `method` at the path `segments` (the path split on `/`, without the empty
    /// first element: `/s/x` is `["s", "x"]`, `/` is `[""]`).
    @inlinable public func route(method: String, segments: [String]) -> Outcome {
        let asked = method == "HEAD" ? "GET" : method
        var allowed: Set<String> = []
        for entry in entries {
            guard let parameters = Self.match(entry.segments, segments) else { continue }
            if entry.methods.contains(asked) { return .found(entry.route, parameters: parameters) }
            allowed.formUnion(entry.methods)
        }
        guard !allowed.isEmpty else { return .notFound }
        if allowed.contains("GET") { allowed.insert("HEAD") }
        let order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
        let listed = order.filter(allowed.contains) + allowed.subtracting(order).sorted()
        return .methodNotAllowed(allow: listed.joined(separator: ", "))
    }

    /// The parameters' values when `path` fits `pattern`; nil when it does not.
    @inlinable static func match(_ pattern: [Segment], _ path: [String]) -> [String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String] = []
        for (segment, part) in zip(pattern, path) {
            switch segment {
            case .literal(let text):
                guard text == part else { return nil }
            case .parameter:
                guard !part.isEmpty else { return nil }
                parameters.append(part)
            }
        }
        return parameters
    }
}
