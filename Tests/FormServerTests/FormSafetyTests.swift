import FormServer
import HTTPCore
import HTTPServer
import Foundation
import Participation
import Synchronization
import Store
import Surveys
import Testing
import WijkpeilCore

private let jsonHeaders = [("host", "t"), ("content-type", "application/json")]

/// A store in a fresh folder and the bundled wijkanalyse survey.
private final class Setting {
    let folder = NSTemporaryDirectory() + "wijkpeil-safety-" + UUID().uuidString
    let survey: SurveyDefinition
    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        survey = try ServerFixture.survey(at: ServerFixture.packageRoot + "/surveys/wijkanalyse.json", themes: ServerFixture.packageRoot + "/surveys/themes/wijkanalyse.json")
    }
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func application(_ store: Store, secret: [UInt8] = [7], allowedHosts: Set<String>? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> FormApplication {
        try FormApplication(surveys: [survey], store: store, adminToken: "admin-token-0123456789", secret: secret, allowedHosts: allowedHosts, log: log)
    }
}

@Suite("The forms keep what residents give them", .serialized)
struct FormSafetyTests {
    @Test("a form sent again with changed answers is told they were already received; the first answers stay")
    func changedAnswersAreAConflict() throws {
        let setting = try Setting()
        let store = try Store(path: setting.folder + "/w.sqlite")
        let application = try setting.application(store)
        let form = text(respond(application, "GET", "/s/wijkanalyse"))
        let key = try #require(hidden("_key", in: form)), csrf = try #require(hidden("_csrf", in: form))
        let first = respond(application, "POST", "/s/wijkanalyse", headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=7")
        #expect(first.status == 303)
        let changed = respond(application, "POST", "/s/wijkanalyse", headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=3")
        #expect(changed.status == 409)
        #expect(text(changed).contains("Uw antwoorden waren al ontvangen") && text(changed).contains("niet gewijzigd"))
        var stored: [JSONValue] = []
        try store.forEachResponse(survey: "wijkanalyse") { stored.append($0.answers) }
        #expect(stored == [["cijfer-wonen": 7]])
        // The API: the same key with other answers is 409, never 200 with the first id.
        #expect(
            respond(application, "POST", "/api/v1/surveys/wijkanalyse/responses", headers: jsonHeaders, body: #"{"submissionKey": "a", "answers": {"cijfer-wonen": 8}}"#).status
                == 201)
        let conflict = respond(application, "POST", "/api/v1/surveys/wijkanalyse/responses", headers: jsonHeaders, body: #"{"submissionKey": "a", "answers": {"cijfer-wonen": 2}}"#)
        #expect(conflict.status == 409 && text(conflict).contains("already used for other answers"))
        #expect(try store.responseCount(survey: "wijkanalyse") == 2)
    }

    @Test("a form opened before a restart is accepted after it: the secret is kept in the database")
    func formsOutliveARestart() throws {
        let setting = try Setting()
        let path = setting.folder + "/w.sqlite"
        let (key, csrf): (String, String)
        do {
            let store = try Store(path: path)
            let before = try setting.application(store, secret: try store.secret(named: "form-tokens"))
            let form = text(respond(before, "GET", "/s/wijkanalyse"))
            key = try #require(hidden("_key", in: form))
            csrf = try #require(hidden("_csrf", in: form))
        }
        let store = try Store(path: path)
        let after = try setting.application(store, secret: try store.secret(named: "form-tokens"))
        let sent = respond(after, "POST", "/s/wijkanalyse", headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=7")
        #expect(sent.status == 303)
        #expect(try store.secret(named: "form-tokens").count == 32)
    }

    @Test("a refused token shows the form again with every answer kept and what to do, and stores nothing")
    func refusedTokenKeepsTheAnswers() throws {
        let setting = try Setting()
        let store = try Store(path: setting.folder + "/w.sqlite")
        let application = try setting.application(store, secret: [1, 2, 3])
        let page = respond(application, "POST", "/s/wijkanalyse", headers: formHeaders, body: "_key=oud&_csrf=verlopen&cijfer-wonen=7&opmerking=mooie%20speeltuin")
        #expect(page.status == 403)
        let html = text(page)
        #expect(html.contains("Dit formulier was verlopen") && html.contains("mooie speeltuin") && html.contains("value=\"7\" checked"))
        let freshKey = try #require(hidden("_key", in: html)), freshToken = try #require(hidden("_csrf", in: html))
        #expect(freshKey != "oud")
        #expect(try store.responseCount(survey: "wijkanalyse") == 0)
        // Sent again from that page, it is stored.
        let again = respond(application, "POST", "/s/wijkanalyse", headers: formHeaders, body: "_key=\(freshKey)&_csrf=\(freshToken)&cijfer-wonen=7&opmerking=mooie%20speeltuin")
        #expect(again.status == 303)
    }

    @Test("when storing fails the form comes back with the answers and a sentence, /healthz says why, and one line is logged")
    func failingWritesAreVisible() throws {
        let setting = try Setting()
        var configuration = Store.Configuration()
        configuration.maxPageCount = 24
        let store = try Store(path: setting.folder + "/tiny.sqlite", configuration: configuration)
        let lines = LogLines()
        let application = try setting.application(store, log: { lines.append($0) })
        #expect(respond(application, "GET", "/healthz").status == 200)
        let long = String(repeating: "lang%20verhaal%20", count: 120)
        var failed: HTTPResponse?
        // 24 pages of 16 KB: the schema and a few dozen responses of this length.
        for _ in 0..<400 {
            let form = text(respond(application, "GET", "/s/wijkanalyse"))
            let key = try #require(hidden("_key", in: form)), csrf = try #require(hidden("_csrf", in: form))
            let response = respond(application, "POST", "/s/wijkanalyse", headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=6&opmerking=\(long)")
            if response.status == 503 { failed = response; break }
        }
        let page = text(try #require(failed))
        #expect(page.contains("nog niet opgeslagen") && page.contains("lang verhaal") && page.contains("value=\"6\" checked"))
        let health = respond(application, "GET", "/healthz")
        #expect(health.status == 503 && text(health).contains("disk full"))
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("answers cannot be stored: disk full") == true)
        #expect(lines.all.allSatisfy { !$0.contains("lang verhaal") })
    }

    @Test("only the host names the server was started for are answered (DNS rebinding)")
    func hostsAreChecked() throws {
        let setting = try Setting()
        let store = try Store(path: setting.folder + "/w.sqlite")
        let application = try setting.application(store, allowedHosts: ["192.168.1.20", "localhost", "::1", "wijkpeil.lan"])
        #expect(respond(application, "GET", "/", headers: [("host", "192.168.1.20:8080")]).status == 200)
        #expect(respond(application, "GET", "/", headers: [("host", "[::1]:8080")]).status == 200)
        #expect(respond(application, "GET", "/", headers: [("host", "WIJKPEIL.lan")]).status == 200)
        #expect(respond(application, "GET", "/", headers: [("host", "rebind.evil.example:8080")]).status == 421)
        #expect(respond(application, "GET", "/healthz", headers: []).status == 421)
    }
}

@Suite("Public results cannot be differenced", .serialized)
struct PublicResultsTests {
    func post(_ application: FormApplication, _ index: Int, mark: Int, age: Int) -> Int {
        respond(
            application, "POST", "/api/v1/surveys/wijkanalyse/responses", headers: jsonHeaders,
            body: #"{"submissionKey": "p\#(index)", "answers": {"cijfer-wonen": \#(mark), "leeftijd": \#(age), "opmerking": "iets"}}"#
        ).status
    }

    @Test("readings before and after one response are the same; they move in steps of five; no quasi, direct or free text")
    func stepsOfFive() throws {
        let setting = try Setting()
        let store = try Store(path: setting.folder + "/w.sqlite")
        let application = try setting.application(store)
        for index in 0..<7 { #expect(post(application, index, mark: 5 + index % 3, age: 30 + index) == 201) }
        let before = text(respond(application, "GET", "/api/v1/surveys/wijkanalyse/results"))
        #expect(post(application, 7, mark: 10, age: 88) == 201)
        let after = text(respond(application, "GET", "/api/v1/surveys/wijkanalyse/results"))
        #expect(before == after)
        #expect(before.contains(#""n":5,"#))
        // The first five marks: 5, 6, 7, 5, 6.
        #expect(before.contains(#""cijfer-wonen":{"mean":5.8,"n":5}"#))
        for hidden in ["leeftijd", "postcode", "buurt", "email", "opmerking"] { #expect(!before.contains("\"\(hidden)\"")) }
        for index in 8..<10 { #expect(post(application, index, mark: 9, age: 40) == 201) }
        let ten = text(respond(application, "GET", "/api/v1/surveys/wijkanalyse/results"))
        #expect(ten.contains(#""n":10,"#))
        // The snapshot moved forward over the stored answers, the same as a count from scratch.
        var marks: [Double] = []
        try store.forEachResponse(survey: "wijkanalyse") { response in
            if case .object(let answers) = response.answers, case .number(let mark)? = answers["cijfer-wonen"] { marks.append(mark) }
        }
        #expect(ten.contains(#""cijfer-wonen":{"mean":\#(marks.prefix(10).reduce(0, +) / 10),"n":10}"#))
    }

    @Test("under five responses nothing but \"<5\" is shown")
    func underFive() throws {
        let setting = try Setting()
        let store = try Store(path: setting.folder + "/w.sqlite")
        let application = try setting.application(store)
        for index in 0..<4 { _ = post(application, index, mark: 7, age: 50) }
        let body = text(respond(application, "GET", "/api/v1/surveys/wijkanalyse/results"))
        #expect(body.contains(#""n":"<5""#) && !body.contains("\"mean\":7"))
    }
}

@Suite("Slowing down guessed invitation codes")
struct AttemptLimiterTests {
    @Test("a burst goes undelayed; beyond it each wrong code waits longer, up to the cap; time refills the bucket")
    func tokenBucket() {
        let limiter = AttemptLimiter(burst: 3, refill: .seconds(10), maxDelay: .seconds(30))
        let start = ContinuousClock.now
        let delays = (0..<7).map { _ in limiter.failure("venue", now: start) }
        #expect(delays == [.zero, .zero, .zero, .seconds(10), .seconds(20), .seconds(30), .seconds(30)])
        // Another address is not slowed by this one.
        #expect(limiter.failure("elsewhere", now: start) == .zero)
        // After a quiet hour the bucket is full again.
        #expect(limiter.failure("venue", now: start + .seconds(3600)) == .zero)
    }
}

/// Lines logged by the application, collected for a test.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite("The addresses serve prints")
struct LocalAddressesTests {
    @Test("network addresses leave out loopback and link-local ones, IPv4 first")
    func noLoopback() {
        let addresses = LocalAddresses.network()
        #expect(!addresses.contains("127.0.0.1") && !addresses.contains("::1"))
        #expect(!addresses.contains { $0.lowercased().hasPrefix("fe80") })
        let firstIPv6 = addresses.firstIndex { $0.contains(":") } ?? addresses.count
        #expect(addresses[firstIPv6...].allSatisfy { $0.contains(":") })
    }
}

@Suite("JSON with a key twice")
struct DuplicateKeyTests {
    @Test("an API body with a key twice is refused and stores nothing (not \"last one wins\")")
    func apiRefusesDuplicateKeys() throws {
        let setting = try Setting()
        let store = try Store(path: setting.folder + "/w.sqlite")
        let application = try setting.application(store)
        let response = respond(
            application, "POST", "/api/v1/surveys/wijkanalyse/responses", headers: jsonHeaders,
            body: #"{"submissionKey": "d", "answers": {"cijfer-wonen": 99, "cijfer-wonen": 5}}"#)
        #expect(response.status == 400 && text(response).contains(#"the key \"cijfer-wonen\" appears twice"#))
        #expect(try store.responseCount(survey: "wijkanalyse") == 0)
    }
}

@Suite("A session's stickers on the phone form")
struct SessionStickersFormTests {
    @Test("the form offers each colour of the session, and stores what was placed per colour")
    func placesDotsPerColour() throws {
        let allotment = StickerAllotment(
            session: "bewonersavond", options: ["veiligheid", "verkeer"].map { Option(id: $0, label: LocalizedText(nl: $0.capitalized)) },
            colours: [
                StickerColour(id: "groen", label: LocalizedText(nl: "groen", en: "green"), meaning: .support, perParticipant: 3),
                StickerColour(id: "rood", label: LocalizedText(nl: "rood", en: "red"), meaning: .concern, perParticipant: 1),
            ],
            maxPerOption: 2)
        let survey = SurveyDefinition(
            id: "stippen", title: LocalizedText(nl: "Stippen"), level: .consult,
            questions: [Question(id: "stippen", text: LocalizedText(nl: "Waar?"), required: true, kind: .sessionStickers(allotment))])
        let folder = NSTemporaryDirectory() + "wijkpeil-stippen-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try Store(path: folder + "/w.sqlite")
        let application = try FormApplication(surveys: [survey], store: store, adminToken: "admin-token-0123456789", secret: [9])
        let form = text(respond(application, "GET", "/s/stippen"))
        #expect(form.contains("name=\"stippen.groen.veiligheid\"") && form.contains("name=\"stippen.rood.verkeer\""))
        #expect(form.contains("Groen: 3 stickers voor wat u het belangrijkst vindt"))
        let key = try #require(hidden("_key", in: form)), csrf = try #require(hidden("_csrf", in: form))
        let tooMany = respond(application, "POST", "/s/stippen", headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&stippen.rood.veiligheid=1&stippen.rood.verkeer=1")
        #expect(tooMany.status == 422 && text(tooMany).contains("U heeft 1 sticker (rood), maar u plakte er 2. Haal er 1 weg."))
        let placed = respond(application, "POST", "/s/stippen", headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&stippen.groen.veiligheid=2&stippen.rood.verkeer=1")
        #expect(placed.status == 303)
        #expect(try store.stickerCounts(survey: "stippen", question: "stippen").stickers == ["groen": ["veiligheid": 2], "rood": ["verkeer": 1]])
    }
}
