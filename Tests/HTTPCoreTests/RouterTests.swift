import HTTPCore
import Testing

@Suite("The route table: what exists, for which methods")
struct RouterTests {
    enum Route: Sendable, Equatable { case home, form, thanks, responses }

    let router: Router<Route> = {
        var router = Router<Route>()
        router.add(["GET"], "/", .home)
        router.add(["GET", "POST"], "/s/:survey", .form)
        router.add(["GET"], "/s/:survey/bedankt", .thanks)
        router.add(["POST"], "/api/v1/surveys/:survey/responses", .responses)
        return router
    }()

    /// The path as the server splits it: `/s/x` is `["s", "x"]`.
    func route(_ method: String, _ path: String) -> Router<Route>.Outcome {
        router.route(method: method, segments: path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init))
    }

    func found(_ outcome: Router<Route>.Outcome) -> (Route, [String])? {
        if case .found(let route, let parameters) = outcome { return (route, parameters) }
        return nil
    }

    @Test(
        "a path that fits a pattern gives its route and the parameters in order",
        arguments: [
            ("GET", "/", Route.home, [String]()),
            ("HEAD", "/", .home, []),
            ("GET", "/s/wijkanalyse", .form, ["wijkanalyse"]),
            ("POST", "/s/wijkanalyse", .form, ["wijkanalyse"]),
            ("HEAD", "/s/evaluatie/bedankt", .thanks, ["evaluatie"]),
            ("POST", "/api/v1/surveys/evaluatie/responses", .responses, ["evaluatie"]),
        ])
    func fits(method: String, path: String, route: Route, parameters: [String]) {
        let result = found(self.route(method, path))
        #expect(result?.0 == route && result?.1 == parameters)
    }

    @Test(
        "a path that exists for other methods is 405 with the methods it does answer",
        arguments: [
            ("POST", "/", "GET, HEAD"),
            ("DELETE", "/s/wijkanalyse", "GET, HEAD, POST"),
            ("POST", "/s/wijkanalyse/bedankt", "GET, HEAD"),
            ("GET", "/api/v1/surveys/evaluatie/responses", "POST"),
            ("HEAD", "/api/v1/surveys/evaluatie/responses", "POST"),
        ])
    func wrongMethod(method: String, path: String, allow: String) {
        guard case .methodNotAllowed(let listed) = route(method, path) else {
            Issue.record("\(method) \(path) was not refused with 405")
            return
        }
        #expect(listed == allow)
    }

    @Test(
        "a path that fits no pattern is 404, whatever the method",
        arguments: [
            ("GET", "/s"), ("GET", "/s/"), ("GET", "/s/a/b"), ("POST", "/api/v1/surveys//responses"), ("GET", "//"), ("GET", "/S/wijkanalyse"),
            ("DELETE", "/nergens"),
        ])
    func noSuchPath(method: String, path: String) {
        guard case .notFound = route(method, path) else {
            Issue.record("\(method) \(path) was found")
            return
        }
    }
}
