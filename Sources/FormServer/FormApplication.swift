public import HTTPCore
import Dispatch
import Foundation
import Participation
import Synchronization
public import Store
public import Surveys
public import WijkpeilCore

/// The routes of `wijkpeil serve`, apart from sockets: a request in, a response out (through
/// `reply`, because storing a response waits for its commit). Resident pages are HTML, Dutch
/// by default (`?lang=en`); the API speaks JSON under `/api/v1/`.
public final class FormApplication: Sendable {
    let surveys: [SurveyDefinition]
    /// Every survey with the hash its responses are filed under.
    let registered: [String: RegisteredSurvey]
    let store: Store
    let adminToken: String
    let tokens: FormTokens
    let limiter: AttemptLimiter
    /// The host names and addresses this server answers to (lower-case, without a port), or
    /// `nil` for any: a page reached through another name (DNS rebinding) is refused.
    let allowedHosts: Set<String>?
    let publicResults = PublicResults()
    /// The organisation, privacy statement and contact every page names.
    let settings: SiteSettings
    /// Where one line goes when storing starts or stops failing (never answers or addresses).
    let log: @Sendable (String) -> Void
    /// Why writes fail now, or `nil` while they succeed: `/healthz` says it.
    private let writeFailure = Mutex<String?>(nil)
    /// The addresses residents can open (`http://192.168.1.20:8080/`), known once the server
    /// listens: the projector page shows the first as a QR code.
    private let addresses = Mutex<[String]>([])

    /// Tells the pages where residents reach the server: `--public-url` first, then the
    /// network addresses.
    public func announce(addresses given: [String]) {
        addresses.withLock { $0 = given }
    }
    /// Every survey's empty form per language, rendered once with the two hidden fields left
    /// open: a GET only fills in a fresh key and its token.
    let emptyForms: [String: CachedForm]
    static let keyMark = "\u{E000}KEY\u{E000}", csrfMark = "\u{E000}CSRF\u{E000}"

    /// Registers every survey's definition in the store, so each response is kept with the
    /// definition it was answered against.
    ///
    /// `secret` keys the forms' CSRF tokens: keep it across restarts (``Store/secret(named:bytes:)``)
    /// so that a form opened before a restart can still be sent. `allowedHosts` are the names and
    /// addresses the server was started for; `nil` answers any `Host`.
    public init(
        surveys: [SurveyDefinition], store: Store, adminToken: String, secret: [UInt8], limiter: AttemptLimiter = AttemptLimiter(),
        allowedHosts: Set<String>? = nil, settings: SiteSettings = SiteSettings(), log: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(StoreError) {
        self.log = log
        self.settings = settings
        self.surveys = surveys
        self.allowedHosts = allowedHosts.map { Set($0.map { $0.lowercased() }) }
        var registered: [String: RegisteredSurvey] = [:]
        for survey in surveys { registered[survey.id] = try store.registered(survey) }
        self.registered = registered
        self.store = store
        self.adminToken = adminToken
        self.tokens = FormTokens(secret: secret)
        self.limiter = limiter
        var forms: [String: CachedForm] = [:]
        for survey in surveys {
            for language in Language.allCases {
                let html = FormPage(language: language, settings: settings).form(survey, state: FormPage.FormState(submissionKey: Self.keyMark, csrf: Self.csrfMark))
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
        ("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
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
        let page = self.page(language)
        let (title, detail): (LocalizedText, LocalizedText) =
            switch status {
            case 404: (LocalizedText(nl: "Niet gevonden", en: "Not found"), LocalizedText(nl: "Deze pagina bestaat niet.", en: "This page does not exist."))
            case 408:
                (
                    LocalizedText(nl: "Te traag", en: "Too slow"),
                    LocalizedText(nl: "Het verzoek kwam te langzaam binnen. Probeer het opnieuw.", en: "The request arrived too slowly. Please try again.")
                )
            case 413:
                (
                    LocalizedText(nl: "Te groot", en: "Too large"),
                    LocalizedText(nl: "Het formulier is te groot. Maak uw antwoorden korter.", en: "The form is too large. Please shorten your answers.")
                )
            case 421:
                (
                    LocalizedText(nl: "Verkeerd adres", en: "Wrong address"),
                    LocalizedText(
                        nl: "Deze server is niet via dit adres te bereiken. Gebruik het adres op de poster of het formulier.",
                        en: "This server is not reached through this address. Use the address on the poster or the form.")
                )
            case 503:
                (
                    LocalizedText(nl: "Even niet beschikbaar", en: "Temporarily unavailable"),
                    LocalizedText(nl: "Uw antwoorden zijn niet opgeslagen. Probeer het over een minuut opnieuw.", en: "Your answers were not saved. Please try again in a minute.")
                )
            default:
                (
                    LocalizedText(nl: "Dit lukte niet", en: "This did not work"),
                    LocalizedText(nl: "Het verzoek kon niet worden verwerkt (\(status)).", en: "The request could not be handled (\(status)).")
                )
            }
        return html(status, page.message(status: status, title: title, detail: detail))
    }

    /// The pages in `language`, with the organiser's settings.
    func page(_ language: Language) -> FormPage {
        FormPage(language: language, settings: settings)
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
        if let allowedHosts, !allowedHosts.contains(Self.hostName(request.header("host") ?? "")) {
            return reply(refusal(421, reason: "this server does not answer to that host name", api: api, language: language))
        }

        let survey: SurveyDefinition?
        let route: FormRoute
        switch Self.routes.route(method: request.method, segments: segments) {
        case .notFound:
            return reply(refusal(404, reason: "not found", api: api, language: language))
        case .methodNotAllowed(let allow):
            var response = refusal(405, reason: "method not allowed", api: api, language: language)
            response.headers.append(("Allow", allow))
            return reply(response)
        case .found(let found, let parameters):
            // A route with a parameter names a survey, which must exist.
            survey = parameters.first.flatMap { self.survey($0) }
            if !parameters.isEmpty, survey == nil { return reply(refusal(404, reason: "no such survey", api: api, language: language)) }
            route = found
        }

        switch (route, survey) {
        case (.projector, _):
            let target = query.value("s").flatMap { self.survey($0) } ?? settings.mainSurvey.flatMap { self.survey($0) }
            let base = addresses.withLock { $0.first } ?? "http://\(request.header("host") ?? "localhost")/"
            reply(html(200, page(language).projector(survey: target, base: base, reachable: addresses.withLock { !$0.isEmpty })))
        case (.index, _):
            reply(html(200, page(language).index(surveys)))
        case (.health, _):
            if let reason = writeFailure.withLock({ $0 }) {
                reply(json(503, ["status": "failing", "reason": .string(reason)]))
            } else {
                reply(json(200, ["status": "ok"]))
            }
        case (.styleSheet, _):
            reply(
                HTTPResponse(
                    status: 200, contentType: "text/css; charset=utf-8", text: FormPage.styleSheet,
                    headers: Self.securityHeaders + [("Cache-Control", "public, max-age=3600")]))
        case (.script, _):
            reply(
                HTTPResponse(
                    status: 200, contentType: "text/javascript; charset=utf-8", text: StickersLeft.script,
                    headers: Self.securityHeaders + [("Cache-Control", "public, max-age=3600")]))
        case (.form, let survey?):
            if request.method == "POST" {
                postForm(request, survey: survey, peer: peer, language: language, reply: reply)
            } else if survey.requiresInvite, let code = query.value("code").flatMap({ try? InviteCode(parsing: $0) }) {
                // An invitation card's QR code: the ballot with its code filled in. The code is
                // only echoed into the field (a code of the wrong shape is dropped), never logged.
                let key = FormTokens.randomKey()
                let state = FormPage.FormState(
                    fields: URLEncodedForm(pairs: [("_invite", code.description)]), submissionKey: key, csrf: tokens.csrf(survey: survey.id, key: key))
                reply(html(200, page(language).form(survey, state: state)))
            } else {
                reply(emptyForm(survey, language: language))
            }
        case (.liveResults, let survey?):
            // The projector: this machine (loopback) always, others only where results are public;
            // in either case the public view, which moves five responses at a time.
            guard Self.isLoopback(peer) || survey.publicResults else {
                return reply(
                    html(
                        403,
                        page(language).message(
                            status: 403, title: LocalizedText(nl: "Niet openbaar", en: "Not public"),
                            detail: LocalizedText(
                                nl: "De uitslag van deze vragenlijst is alleen te zien op de computer van de organisator.",
                                en: "The results of this survey are shown on the organiser's computer only."))))
            }
            let store = self.store
            // Reading the store blocks: on a dispatch queue, never on the cooperative pool.
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    let paper = try PaperStickers(survey: survey, store: store)
                    let results = try self.publicResults.json(for: survey, store: store, adding: paper.counts)
                    let refreshing = query.value("ververs") != "nee"
                    reply(self.html(200, self.page(language).liveResults(survey, results: results, paper: paper, refreshing: refreshing)))
                } catch {
                    reply(self.refusal(503, reason: "the results could not be read", api: false, language: language))
                }
            }
        case (.thanks, let survey?):
            reply(html(200, page(language).thanks(survey)))
        case (.surveyList, _):
            reply(
                json(
                    200,
                    .array(
                        surveys.map { survey in
                            .object([
                                "id": .string(survey.id), "version": .number(Double(survey.version)), "title": survey.title.jsonValue,
                                "level": .string(survey.level.rawValue), "requiresInvite": .bool(survey.requiresInvite),
                            ])
                        })))
        case (.surveyDefinition, let survey?):
            reply(json(200, survey.jsonValue))
        case (.responses, let survey?):
            postJSON(request, survey: survey, peer: peer, reply: reply)
        case (.results, let survey?):
            results(request, survey: survey, reply: reply)
        case (.form, nil), (.thanks, nil), (.liveResults, nil), (.surveyDefinition, nil), (.responses, nil), (.results, nil):
            reply(refusal(404, reason: "no such survey", api: api, language: language))
        }
    }

    /// What the server serves: the routes below, and nothing else (404), each for its methods
    /// only (405 with `Allow`).
    enum FormRoute: Sendable {
        case index, projector, health, styleSheet, script, form, liveResults, thanks, surveyList, surveyDefinition, responses, results
    }

    static let routes: Router<FormRoute> = {
        var routes = Router<FormRoute>()
        routes.add(["GET"], "/", .index)
        routes.add(["GET"], "/qr", .projector)
        routes.add(["GET"], "/healthz", .health)
        routes.add(["GET"], "/static/wijkpeil.css", .styleSheet)
        routes.add(["GET"], "/static/wijkpeil.js", .script)
        routes.add(["GET", "POST"], "/s/:survey", .form)
        routes.add(["GET"], "/s/:survey/bedankt", .thanks)
        routes.add(["GET"], "/s/:survey/uitslag", .liveResults)
        routes.add(["GET"], "/api/v1/surveys", .surveyList)
        routes.add(["GET"], "/api/v1/surveys/:survey", .surveyDefinition)
        routes.add(["POST"], "/api/v1/surveys/:survey/responses", .responses)
        routes.add(["GET"], "/api/v1/surveys/:survey/results", .results)
        return routes
    }()

    // MARK: The resident form

    private func postForm(_ request: HTTPRequest, survey: SurveyDefinition, peer: String, language: Language, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return reply(refusal(415, reason: "send the form as application/x-www-form-urlencoded", api: false, language: language))
        }
        // Browsers send Origin with a form post, and Referer as the pages ask (same-origin): one
        // of them must name this server. A post with neither is not from our own form.
        guard Self.isSameOrigin(request) else {
            return reply(refusal(403, reason: "the form was posted from another site", api: false, language: language))
        }
        guard let fields = try? URLEncodedForm(request.body) else {
            return reply(refusal(400, reason: "the form could not be read", api: false, language: language))
        }
        let page = self.page(language)
        let key = fields.value("_key") ?? ""
        guard !key.isEmpty, key.count <= 100, tokens.isValid(csrf: fields.value("_csrf") ?? "", survey: survey.id, key: key) else {
            // A form from before a change of secret, or another survey's: shown again with every
            // answer kept and a fresh key, never a bare error page.
            let fresh = FormTokens.randomKey()
            let state = FormPage.FormState(fields: fields, submissionKey: fresh, csrf: tokens.csrf(survey: survey.id, key: fresh), notice: Self.expiredNotice)
            return reply(html(403, page.form(survey, state: state)))
        }
        @Sendable func again(_ errors: [AnswerError], status: Int = 422, notice: LocalizedText? = nil) -> HTTPResponse {
            html(
                status,
                page.form(survey, state: FormPage.FormState(fields: fields, errors: errors, submissionKey: key, csrf: tokens.csrf(survey: survey.id, key: key), notice: notice)))
        }
        // "Tel mijn stickers": the form again with its running counts, nothing checked or stored.
        if fields.value("_count") != nil { return reply(again([], status: 200)) }
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
                // A code of the wrong shape is a typo, not a guess: it is not counted.
                return reply(again([Self.inviteError(empty: (fields.value("_invite") ?? "").trimmingWhitespace.isEmpty)]))
            }
        }
        // A binding ballot is shown back before it is cast.
        if survey.level == .codecide, fields.value("_confirm") != "ja" {
            if fields.value("_confirm") == "wijzig" { return reply(again([])) }
            let confirmation = html(200, page.confirm(survey, response: response, fields: fields))
            guard let invite else { return reply(confirmation) }
            // A spent or unknown code is refused now, not after the resident has confirmed.
            let store = self.store
            DispatchQueue.global(qos: .userInitiated).async {
                switch try? store.inviteStatus(invite, survey: survey.id) {
                case .used?: reply(again([Self.inviteUsedError]))
                case .unknown?: self.afterGuess(peer) { reply(again([Self.inviteError(empty: false)])) }
                case .unused?, nil: reply(confirmation)
                }
            }
            return
        }
        guard let filed = registered[survey.id] else { return reply(refusal(404, reason: "no such survey", api: false, language: language)) }
        let submission = Intake.submission(response, to: filed, key: "web-" + key, source: .web, invite: invite)
        // Answered once committed; no thread waits meanwhile.
        store.submit(submission) { result in
            self.noteWrite(result)
            switch result {
            case .success:
                reply(HTTPResponse(status: 303, headers: Self.securityHeaders + [("Location", "/s/\(survey.id)/bedankt\(page.languageQuery)")]))
            case .failure(let error) where error.kind == .keyConflict:
                reply(self.html(409, page.message(status: 409, title: Self.alreadyReceived.title, detail: Self.alreadyReceived.detail, link: "/s/\(survey.id)")))
            case .failure(let error) where error.kind == .inviteUsed:
                reply(again([Self.inviteUsedError]))
            case .failure(let error) where error.kind == .inviteRejected:
                self.afterGuess(peer) { reply(again([Self.inviteError(empty: false)])) }
            case .failure:
                reply(again([], status: 503, notice: Self.notStoredNotice))
            }
        }
    }

    /// Keeps `/healthz` true to whether answers can be stored, and logs one line when that
    /// changes: an operator sees a full disk at once, not from residents' complaints.
    private func noteWrite(_ result: Result<Receipt, StoreError>) {
        let failure: String?
        switch result {
        case .success: failure = nil
        case .failure(let error) where error.isRejection: return
        case .failure(let error): failure = error.kind == .full ? "disk full: \(error)" : error.description
        }
        let changed = writeFailure.withLock { current in
            defer { current = failure }
            return (current == nil) != (failure == nil)
        }
        guard changed else { return }
        log(failure.map { "answers cannot be stored: \($0)" } ?? "answers are being stored again")
    }

    /// Answers a wrong invitation code, as late as the limiter says: guessing is slowed, while
    /// a right code is never held up.
    private func afterGuess(_ peer: String, _ answer: @escaping @Sendable () -> Void) {
        let delay = limiter.failure(peer)
        guard delay > .zero else { return answer() }
        let (seconds, attoseconds) = delay.components
        DispatchQueue.global().asyncAfter(deadline: .now() + Double(seconds) + Double(attoseconds) / 1e18, execute: answer)
    }

    /// Whether a form post names this server in `Origin`, or else in `Referer`.
    static func isSameOrigin(_ request: HTTPRequest) -> Bool {
        guard let host = request.header("host"), !host.isEmpty else { return false }
        if let origin = request.header("origin") {
            return origin == "http://\(host)" || origin == "https://\(host)"
        }
        if let referer = request.header("referer") {
            return referer.hasPrefix("http://\(host)/") || referer.hasPrefix("https://\(host)/")
        }
        return false
    }

    /// Whether a peer is this machine: 127.0.0.0/8, ::1, or an IPv4-mapped loopback address.
    static func isLoopback(_ peer: String) -> Bool {
        let address = peer.hasPrefix("::ffff:") ? String(peer.dropFirst(7)) : peer
        return address == "::1" || address.hasPrefix("127.")
    }

    /// The host of a `Host` header, lower-case and without its port: `[::1]:8080` → `::1`.
    static func hostName(_ header: String) -> String {
        var host = Substring(header.lowercased())
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return String(host) }
            return String(host[host.index(after: host.startIndex)..<close])
        }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return String(host)
    }

    static let expiredNotice = LocalizedText(
        nl: "Dit formulier was verlopen, bijvoorbeeld doordat de computer van de organisatie opnieuw is gestart. Uw antwoorden staan er nog: kijk ze na en verstuur opnieuw.",
        en: "This form had expired, for instance because the organisers' computer was restarted. Your answers are still here: check them and send again.")
    static let notStoredNotice = LocalizedText(
        nl: "Uw antwoorden zijn nog niet opgeslagen: er ging iets mis bij het bewaren. Ze staan er nog; probeer het over een minuut opnieuw, of meld het bij de organisatie.",
        en: "Your answers have not been saved yet: something went wrong while storing them. They are still here; try again in a minute, or tell the organisers.")
    static let alreadyReceived = (
        title: LocalizedText(nl: "Uw antwoorden waren al ontvangen", en: "Your answers had already been received"),
        detail: LocalizedText(
            nl:
                "Dit formulier was al verstuurd. De antwoorden van de eerste keer zijn bewaard en niet gewijzigd. Wilt u een nieuw formulier invullen? Open de vragenlijst opnieuw.",
            en: "This form had already been sent. The answers from the first time are kept and were not changed. Do you want to fill in a new form? Open the survey again.")
    )
    static let inviteUsedError = AnswerError(
        question: "_invite", code: .wrongType,
        message: LocalizedText(nl: "Deze code is al gebruikt: met deze uitnodiging is al gestemd.", en: "This code has been used: a vote was already cast with this invitation."))

    static func inviteError(empty: Bool) -> AnswerError {
        AnswerError(
            question: "_invite", code: empty ? .missing : .wrongType,
            message: empty
                ? LocalizedText(nl: "Vul de code van uw uitnodiging in.", en: "Enter the code from your invitation.")
                : LocalizedText(
                    nl: "Deze code klopt niet of is al gebruikt. Controleer de code op uw uitnodiging.",
                    en: "This code is not right or has been used. Check the code on your invitation."))
    }

    // MARK: The JSON API

    private func postJSON(_ request: HTTPRequest, survey: SurveyDefinition, peer: String, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        guard (request.header("content-type") ?? "").lowercased().hasPrefix("application/json") else {
            return reply(refusal(415, reason: "send JSON with Content-Type: application/json", api: true))
        }
        @Sendable func problem(_ status: Int, _ errors: [AnswerError]) -> HTTPResponse {
            json(
                status,
                [
                    "errors": .array(
                        errors.map { error in
                            .object([
                                "question": .string(error.question), "code": .string(error.code.rawValue), "message": .string(error.message.nl),
                                "messageEn": .string(error.message.en ?? error.message.nl),
                            ])
                        })
                ])
        }
        let body: JSONValue
        do throws(JSONSyntaxError) {
            body = try JSONValue.parse(request.body)
        } catch {
            return reply(refusal(400, reason: "the body is not valid JSON: \(error.detail)", api: true))
        }
        guard case .object(let fields) = body else {
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
        let response: ValidatedResponse
        do {
            response = try AnswerValidator.validate(answers, against: survey)
        } catch {
            return reply(problem(422, error.errors))
        }
        var invite: InviteCode?
        if survey.requiresInvite {
            guard case .string(let text)? = fields["invite"], let code = try? InviteCode(parsing: text) else {
                return reply(
                    problem(
                        422,
                        [Self.inviteError(empty: fields["invite"] == nil)].map {
                            var error = $0; error.question = "invite"; return error
                        }))
            }
            invite = code
        }
        guard let filed = registered[survey.id] else { return reply(refusal(404, reason: "no such survey", api: true)) }
        let submission = Intake.submission(response, to: filed, key: "api-" + key, source: .api, invite: invite)
        // Answered once committed; no thread waits meanwhile.
        store.submit(submission) { result in
            self.noteWrite(result)
            switch result {
            case .success(let receipt):
                reply(self.json(receipt.isDuplicate ? 200 : 201, ["id": .number(Double(receipt.id))]))
            case .failure(let error) where error.kind == .keyConflict:
                reply(self.json(409, ["error": "this submissionKey was already used for other answers; the first answers were kept and these were not stored"]))
            case .failure(let error) where error.kind == .inviteUsed:
                var inviteError = Self.inviteUsedError
                inviteError.question = "invite"
                reply(problem(422, [inviteError]))
            case .failure(let error) where error.kind == .inviteRejected:
                self.afterGuess(peer) {
                    var inviteError = Self.inviteError(empty: false)
                    inviteError.question = "invite"
                    reply(problem(422, [inviteError]))
                }
            case .failure:
                reply(self.refusal(503, reason: "the response could not be stored; nothing was stored", api: true))
            }
        }
    }

    private func results(_ request: HTTPRequest, survey: SurveyDefinition, reply: @escaping @Sendable (HTTPResponse) -> Void) {
        // A token that is sent must be right: a wrong one is not read as none.
        let authorised: Bool
        if let header = request.header("authorization") {
            guard header.hasPrefix("Bearer "), FormTokens.constantTimeEqual(String(header.dropFirst(7)), adminToken) else {
                return reply(
                    json(
                        401, ["error": "the admin token is wrong; send Authorization: Bearer <admin token>, or no Authorization header for the public results"],
                        extra: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")]))
            }
            authorised = true
        } else {
            authorised = false
        }
        guard authorised || survey.publicResults else {
            return reply(json(401, ["error": "these results need Authorization: Bearer <admin token>"], extra: [("WWW-Authenticate", "Bearer")]))
        }
        let store = self.store
        // Reading the store blocks: on a dispatch queue, never on the cooperative pool.
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                if authorised {
                    var summary = ResultsSummary(survey: survey)
                    try store.forEachResponse(survey: survey.id) { summary.add($0.answers) }
                    reply(self.json(200, summary.jsonValue(publicView: false)))
                } else {
                    reply(self.json(200, try self.publicResults.json(for: survey, store: store)))
                }
            } catch {
                reply(self.refusal(503, reason: "the results could not be read", api: true))
            }
        }
    }
}
