import Foundation
import Participation
public import Store
public import Surveys
public import WijkpeilCore

/// The routes of `wijkpeil serve`, apart from sockets: a request in, a response out (through
/// `reply`, because storing a response waits for its commit). Resident pages are HTML, Dutch
/// by default (`?lang=en`); the API speaks JSON under `/api/v1/`.
public final class FormApplication: Sendable {
    let surveys: [SurveyDefinition]
    let hashes: [String: String]
    let store: Store
    let adminToken: String
    let tokens: FormTokens
    let limiter: AttemptLimiter
    /// Every survey's empty form per language, rendered once with the two hidden fields left
    /// open: a GET only fills in a fresh key and its token.
    let emptyForms: [String: CachedForm]
    static let keyMark = "\u{E000}KEY\u{E000}", csrfMark = "\u{E000}CSRF\u{E000}"

    /// Registers every survey's definition in the store, so each response is kept with the
    /// definition it was answered against.
    public init(surveys: [SurveyDefinition], store: Store, adminToken: String, secret: [UInt8], limiter: AttemptLimiter = AttemptLimiter()) throws(StoreError) {
        self.surveys = surveys
        var hashes: [String: String] = [:]
        for survey in surveys { hashes[survey.id] = try store.register(survey) }
        self.hashes = hashes
        self.store = store
        self.adminToken = adminToken
        self.tokens = FormTokens(secret: secret)
        self.limiter = limiter
        var forms: [String: CachedForm] = [:]
        for survey in surveys {
            for language in Language.allCases {
                let html = FormPage(language: language).form(survey, state: FormPage.FormState(submissionKey: Self.keyMark, csrf: Self.csrfMark))
                forms[survey.id + "|" + language.rawValue] = CachedForm(html: html)
            }
        }
        emptyForms = forms
    }

    /// A survey's form with its two blanks: the submission key, then its token.
    struct CachedForm: Sendable {
        let beforeKey: [UInt8], betweenKeyAndToken: [UInt8], afterToken: [UInt8]

        init(html: String) {
            let parts = html.components(separatedBy: FormApplication.keyMark)
            let rest = parts[1].components(separatedBy: FormApplication.csrfMark)
            precondition(parts.count == 2 && rest.count == 2, "the form has one key and one token")
            beforeKey = Array(parts[0].utf8)
            betweenKeyAndToken = Array(rest[0].utf8)
            afterToken = Array(rest[1].utf8)
        }
    }

    static let formHeaders: [(name: String, value: String)] = [("Content-Type", "text/html; charset=utf-8")] + securityHeaders + [("Cache-Control", "no-store")]

    /// A fresh empty form: the cached page with a new submission key and its token.
    func emptyForm(_ survey: SurveyDefinition, language: Language) -> HTTPResponse {
        guard let form = emptyForms[survey.id + "|" + language.rawValue] else { return refusal(404, reason: "no such survey", api: false, language: language) }
        let key = FormTokens.randomKey(), csrf = tokens.csrf(survey: survey.id, key: key)
        var body: [UInt8] = []
        body.reserveCapacity(form.beforeKey.count + form.betweenKeyAndToken.count + form.afterToken.count + 128)
        body.appendBytes(form.beforeKey)
        body.append(contentsOf: key.utf8)
        body.appendBytes(form.betweenKeyAndToken)
        body.append(contentsOf: csrf.utf8)
        body.appendBytes(form.afterToken)
        return HTTPResponse(status: 200, headers: Self.formHeaders, body: body)
    }

    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// The headers of every page and API answer, made once.
    private static let htmlHeaders = [("Content-Type", "text/html; charset=utf-8")] + securityHeaders + [("Cache-Control", "no-store")]
    private static let jsonHeaders = [("Content-Type", "application/json")] + securityHeaders + [("Cache-Control", "no-store")]

    func html(_ status: Int, _ text: String, extra: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: extra.isEmpty ? Self.htmlHeaders : Self.htmlHeaders + extra, body: Array(text.utf8))
    }

    func json(_ status: Int, _ value: JSONValue, extra: [(name: String, value: String)] = []) -> HTTPResponse {
        var body = value.compactBytes
        body.append(UInt8(ascii: "\n"))
        return HTTPResponse(status: status, headers: extra.isEmpty ? Self.jsonHeaders : Self.jsonHeaders + extra, body: body)
    }

    /// An error page or JSON error for a refused request, in the resident's language.
    public func refusal(_ status: Int, reason: String, api: Bool, language: Language = .nl) -> HTTPResponse {
        if api { return json(status, ["error": .string(reason)]) }
        let page = FormPage(language: language)
        let (title, detail): (LocalizedText, LocalizedText) = switch status {
        case 404: (LocalizedText(nl: "Niet gevonden", en: "Not found"), LocalizedText(nl: "Deze pagina bestaat niet.", en: "This page does not exist."))
        case 408: (LocalizedText(nl: "Te traag", en: "Too slow"), LocalizedText(nl: "Het verzoek kwam te langzaam binnen. Probeer het opnieuw.", en: "The request arrived too slowly. Please try again."))
        case 413: (LocalizedText(nl: "Te groot", en: "Too large"), LocalizedText(nl: "Het formulier is te groot. Maak uw antwoorden korter.", en: "The form is too large. Please shorten your answers."))
        case 429: (LocalizedText(nl: "Even wachten", en: "Please wait"), LocalizedText(nl: "Er zijn te veel onjuiste codes geprobeerd vanaf dit netwerk. Probeer het over enkele minuten opnieuw.", en: "Too many wrong codes were tried from this network. Please try again in a few minutes."))
        case 503: (LocalizedText(nl: "Even niet beschikbaar", en: "Temporarily unavailable"), LocalizedText(nl: "Uw antwoorden zijn niet opgeslagen. Probeer het over een minuut opnieuw.", en: "Your answers were not saved. Please try again in a minute."))
        default: (LocalizedText(nl: "Dit lukte niet", en: "This did not work"), LocalizedText(nl: "Het verzoek kon niet worden verwerkt (\(status)).", en: "The request could not be handled (\(status))."))
        }
        return html(status, page.message(status: status, title: title, detail: detail))
    }

    func survey(_ id: String) -> SurveyDefinition? {
        surveys.first { $0.id == id }
    }

    /// Handles one request. `peer` is the client's address, used only to limit failed
    /// invitation codes; it is never logged or stored.
    public func handle(_ request: HTTPRequest, peer: String, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        let segments = request.path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map { String(decoding: $0, as: UTF8.self) }
        let query = (try? URLEncodedForm(query: request.query)) ?? URLEncodedForm(pairs: [])
        let language = Language(code: query.value("lang") ?? "") ?? .nl
        let api = segments.first == "api"
        let method = request.method == "HEAD" ? "GET" : request.method

        /// `methods` is "GET, HEAD", "GET, HEAD, POST" or "POST": the Allow header as sent.
        func allow(_ methods: String, _ body: () -> Void) {
            let allowed: Bool = switch method {
            case "GET": methods.hasPrefix("GET")
            case "POST": methods.hasSuffix("POST")
            default: false
            }
            if allowed {
                body()
            } else {
                var response = refusal(405, reason: "method not allowed", api: api, language: language)
                response.headers.append(("Allow", methods))
                reply(response)
            }
        }

        switch segments {
        case [""]:
            allow("GET, HEAD") { reply(html(200, FormPage(language: language).index(surveys))) }
        case ["healthz"]:
            allow("GET, HEAD") { reply(json(200, ["status": "ok"])) }
        case ["static", "wijkpeil.css"]:
            allow("GET, HEAD") {
                reply(HTTPResponse(status: 200, contentType: "text/css; charset=utf-8", text: FormPage.styleSheet,
                                   headers: Self.securityHeaders + [("Cache-Control", "public, max-age=3600")]))
            }
        case let path where path.count == 2 && path[0] == "s":
            guard let survey = survey(path[1]) else { return reply(refusal(404, reason: "no such survey", api: false, language: language)) }
            allow("GET, HEAD, POST") {
                if method == "GET" {
                    reply(emptyForm(survey, language: language))
                } else {
                    postForm(request, survey: survey, peer: peer, language: language, reply: reply)
                }
            }
        case let path where path.count == 3 && path[0] == "s" && path[2] == "bedankt":
            guard let survey = survey(path[1]) else { return reply(refusal(404, reason: "no such survey", api: false, language: language)) }
            allow("GET, HEAD") { reply(html(200, FormPage(language: language).thanks(survey))) }
        case ["api", "v1", "surveys"]:
            allow("GET, HEAD") {
                reply(json(200, .array(surveys.map { survey in
                    .object(["id": .string(survey.id), "version": .number(Double(survey.version)), "title": survey.title.jsonValue,
                             "level": .string(survey.level.rawValue), "requiresInvite": .bool(survey.requiresInvite)])
                })))
            }
        case let path where path.count == 4 && path[0] == "api" && path[1] == "v1" && path[2] == "surveys":
            guard let survey = survey(path[3]) else { return reply(refusal(404, reason: "no such survey", api: true)) }
            allow("GET, HEAD") { reply(json(200, survey.jsonValue)) }
        case let path where path.count == 5 && path[0] == "api" && path[1] == "v1" && path[2] == "surveys" && path[4] == "responses":
            guard let survey = survey(path[3]) else { return reply(refusal(404, reason: "no such survey", api: true)) }
            allow("POST") { postJSON(request, survey: survey, peer: peer, reply: reply) }
        case let path where path.count == 5 && path[0] == "api" && path[1] == "v1" && path[2] == "surveys" && path[4] == "results":
            guard let survey = survey(path[3]) else { return reply(refusal(404, reason: "no such survey", api: true)) }
            allow("GET, HEAD") { results(request, survey: survey, reply: reply) }
        default:
            reply(refusal(404, reason: "not found", api: api, language: language))
        }
    }

    // MARK: The resident form

    private func postForm(_ request: HTTPRequest, survey: SurveyDefinition, peer: String, language: Language, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return reply(refusal(415, reason: "send the form as application/x-www-form-urlencoded", api: false, language: language))
        }
        // Browsers send Origin with a form post; it must be this server. The pages set their
        // referrer policy to same-origin (the header says no-referrer), so a browser posting our
        // own form names our origin; "null" comes only from a page elsewhere that hides itself.
        if let origin = request.header("origin"), let host = request.header("host"), origin != "http://\(host)", origin != "https://\(host)" {
            return reply(refusal(403, reason: "the form was posted from another site", api: false, language: language))
        }
        guard let fields = try? URLEncodedForm(request.body) else {
            return reply(refusal(400, reason: "the form could not be read", api: false, language: language))
        }
        let key = fields.value("_key") ?? ""
        guard !key.isEmpty, key.count <= 100, tokens.isValid(csrf: fields.value("_csrf") ?? "", survey: survey.id, key: key) else {
            return reply(refusal(403, reason: "the form's token is missing or wrong; open the form again", api: false, language: language))
        }
        let page = FormPage(language: language)
        @Sendable func again(_ errors: [AnswerError]) -> HTTPResponse {
            html(422, page.form(survey, state: FormPage.FormState(fields: fields, errors: errors, submissionKey: key, csrf: tokens.csrf(survey: survey.id, key: key))))
        }
        if survey.requiresInvite, let wait = limiter.retryAfter(peer) {
            var response = refusal(429, reason: "too many wrong codes", api: false, language: language)
            response.headers.append(("Retry-After", String(wait)))
            return reply(response)
        }
        let response: ValidatedResponse
        do {
            response = try AnswerValidator.validate(FormAnswers.raw(from: fields, definition: survey), against: survey)
        } catch {
            return reply(again(error.errors))
        }
        var invite: InviteCode?
        if survey.requiresInvite {
            do {
                invite = try InviteCode(parsing: fields.value("_invite") ?? "")
            } catch {
                limiter.recordFailure(peer)
                return reply(again([Self.inviteError(empty: (fields.value("_invite") ?? "").trimmingWhitespace.isEmpty)]))
            }
        }
        // A binding ballot is shown back before it is cast.
        if survey.level == .codecide, fields.value("_confirm") != "ja" {
            if fields.value("_confirm") == "wijzig" { return reply(again([])) }
            return reply(html(200, page.confirm(survey, response: response, fields: fields)))
        }
        let submission = Submission(response: response, definition: survey, definitionHash: hashes[survey.id] ?? "", submissionKey: "web-" + key, source: .web, invite: invite)
        // Answered once committed; no thread waits meanwhile.
        store.submit(submission) { result in
            switch result {
            case .success:
                reply(HTTPResponse(status: 303, headers: Self.securityHeaders + [("Location", "/s/\(survey.id)/bedankt\(page.languageQuery)")]))
            case .failure(let error) where error.kind == .inviteRejected:
                self.limiter.recordFailure(peer)
                reply(again([Self.inviteError(empty: false)]))
            case .failure:
                reply(self.refusal(503, reason: "the answers could not be stored", api: false, language: language))
            }
        }
    }

    static func inviteError(empty: Bool) -> AnswerError {
        AnswerError(question: "_invite", code: empty ? .missing : .wrongType, message: empty
            ? LocalizedText(nl: "Vul de code van uw uitnodiging in.", en: "Enter the code from your invitation.")
            : LocalizedText(nl: "Deze code klopt niet of is al gebruikt. Controleer de code op uw uitnodiging.", en: "This code is not right or has been used. Check the code on your invitation."))
    }

    // MARK: The JSON API

    private func postJSON(_ request: HTTPRequest, survey: SurveyDefinition, peer: String, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/json") else {
            return reply(refusal(415, reason: "send JSON with Content-Type: application/json", api: true))
        }
        @Sendable func problem(_ status: Int, _ errors: [AnswerError]) -> HTTPResponse {
            json(status, ["errors": .array(errors.map { error in
                .object(["question": .string(error.question), "code": .string(error.code.rawValue), "message": .string(error.message.nl), "messageEn": .string(error.message.en ?? error.message.nl)])
            })])
        }
        guard let body = try? JSONValue.parse(request.body), case .object(let fields) = body else {
            return reply(refusal(400, reason: "the body is not a JSON object", api: true))
        }
        guard case .string(let key)? = fields["submissionKey"], !key.trimmingWhitespace.isEmpty, key.count <= 200 else {
            return reply(refusal(400, reason: "submissionKey (a string of at most 200 characters) is required", api: true))
        }
        guard case .object(let answers)? = fields["answers"] else {
            return reply(refusal(400, reason: "answers (an object) is required", api: true))
        }
        if let unknown = fields.keys.sorted().first(where: { !["submissionKey", "answers", "invite"].contains($0) }) {
            return reply(refusal(400, reason: "unknown field \"\(unknown)\"", api: true))
        }
        if survey.requiresInvite, let wait = limiter.retryAfter(peer) {
            var response = refusal(429, reason: "too many wrong invitation codes from this address", api: true)
            response.headers.append(("Retry-After", String(wait)))
            return reply(response)
        }
        let response: ValidatedResponse
        do {
            response = try AnswerValidator.validate(answers, against: survey)
        } catch {
            return reply(problem(422, error.errors))
        }
        var invite: InviteCode?
        if survey.requiresInvite {
            guard case .string(let text)? = fields["invite"], let code = try? InviteCode(parsing: text) else {
                limiter.recordFailure(peer)
                return reply(problem(422, [Self.inviteError(empty: fields["invite"] == nil)].map { var error = $0; error.question = "invite"; return error }))
            }
            invite = code
        }
        let submission = Submission(response: response, definition: survey, definitionHash: hashes[survey.id] ?? "", submissionKey: "api-" + key, source: .api, invite: invite)
        // Answered once committed; no thread waits meanwhile.
        store.submit(submission) { result in
            switch result {
            case .success(let receipt):
                reply(self.json(receipt.isDuplicate ? 200 : 201, ["id": .number(Double(receipt.id))]))
            case .failure(let error) where error.kind == .inviteRejected:
                self.limiter.recordFailure(peer)
                var inviteError = Self.inviteError(empty: false)
                inviteError.question = "invite"
                reply(problem(422, [inviteError]))
            case .failure:
                reply(self.refusal(503, reason: "the response could not be stored; nothing was stored", api: true))
            }
        }
    }

    private func results(_ request: HTTPRequest, survey: SurveyDefinition, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        let authorised: Bool
        if let header = request.header("authorization"), header.hasPrefix("Bearer ") {
            authorised = FormTokens.constantTimeEqual(String(header.dropFirst(7)), adminToken)
        } else {
            authorised = false
        }
        guard authorised || survey.publicResults else {
            return reply(json(401, ["error": "these results need Authorization: Bearer <admin token>"], extra: [("WWW-Authenticate", "Bearer")]))
        }
        let store = self.store
        Task {
            do {
                var summary = ResultsSummary(survey: survey)
                try store.forEachResponse(survey: survey.id) { summary.add($0.answers) }
                reply(self.json(200, summary.jsonValue(publicView: !authorised)))
            } catch {
                reply(self.refusal(503, reason: "the results could not be read", api: true))
            }
        }
    }
}
