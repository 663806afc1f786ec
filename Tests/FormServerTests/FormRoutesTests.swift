import FormServer
import HTTPCore
import HTTPServer
import Foundation
import Store
import Surveys
import Testing
import WijkpeilCore

private func post(_ path: String, form: String, origin: String? = "http://t", host: String = "t") -> String {
    "POST \(path) HTTP/1.1\nHost: \(host)\nContent-Type: application/x-www-form-urlencoded\n" + (origin.map { "Origin: \($0)\n" } ?? "")
        + "Content-Length: \(form.utf8.count)\n\n\(form)"
}

private func postJSON(_ path: String, _ json: String) -> String {
    "POST \(path) HTTP/1.1\nHost: t\nContent-Type: application/json\nContent-Length: \(json.utf8.count)\n\n\(json)"
}

private func count(_ store: Store, _ survey: String) throws -> Int {
    try store.responseCounts()[survey] ?? 0
}

@Suite("Form and API routes", .serialized)
struct FormRoutesTests {
    @Test("a budget vote's form shows each proposal with its cost and the budget to spend")
    func budgetVoteForm() throws {
        let fixture = try ServerFixture()
        let form = try fixture.request("GET /s/wijkbudget HTTP/1.1\nHost: t\n\n")
        #expect(form.status == 200)
        #expect(form.body.contains("Er is €\u{00A0}50.000 te verdelen. Kies de voorstellen die u wilt."))
        #expect(form.body.contains("Speeltuin Noordhof vernieuwen — €\u{00A0}18.000"))
        #expect(form.body.contains("type=\"checkbox\" id=\"i-voorstellen\" name=\"voorstellen\" value=\"speeltuin-noord\""))
    }

    @Test("the form: a bad answer comes back with its error, answers kept; a good one is stored once")
    func formFlow() throws {
        let fixture = try ServerFixture()
        let form = try fixture.request("GET /s/wijkanalyse HTTP/1.1\nHost: t\n\n")
        #expect(form.status == 200 && form.body.contains("<html lang=\"nl\">"))
        let key = try #require(hidden("_key", in: form.body)), csrf = try #require(hidden("_csrf", in: form.body))
        let bad = try fixture.request(post("/s/wijkanalyse", form: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=7&leeftijd=200&opmerking=%3Cb%3Ehoi%3C%2Fb%3E", origin: "http://t"))
        #expect(bad.status == 422)
        #expect(bad.body.contains("href=\"#i-leeftijd\""))
        #expect(bad.body.contains("id=\"e-leeftijd\""))
        #expect(bad.body.contains("value=\"7\" checked"))
        // The answer is escaped, never markup.
        #expect(bad.body.contains("&lt;b&gt;hoi&lt;/b&gt;") && !bad.body.contains("<b>hoi"))
        let good = "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=7&eerst-beter=verkeer&eerst-beter=wonen&leeftijd=44"
        let stored = try fixture.request(post("/s/wijkanalyse", form: good, origin: "http://t"))
        #expect(stored.status == 303 && stored.headers["location"] == "/s/wijkanalyse/bedankt")
        // A double tap: the same key stores nothing more.
        #expect(try fixture.request(post("/s/wijkanalyse", form: good)).status == 303)
        #expect(try count(fixture.store, "wijkanalyse") == 1)
        let thanks = try fixture.request("GET /s/wijkanalyse/bedankt?lang=en HTTP/1.1\nHost: t\n\n")
        #expect(thanks.body.contains("Your answers have been saved") && thanks.body.contains("do not bind the decision"))
        // The survey's own promise of when residents hear back.
        #expect(thanks.body.contains("When you will hear back") && thanks.body.contains("which priorities the council chooses"))
    }

    @Test("a form post without its token, or from another site, is refused and stores nothing")
    func csrf() throws {
        let fixture = try ServerFixture()
        let form = try fixture.request("GET /s/wijkanalyse HTTP/1.1\nHost: t\n\n")
        let key = try #require(hidden("_key", in: form.body)), csrf = try #require(hidden("_csrf", in: form.body))
        #expect(try fixture.request(post("/s/wijkanalyse", form: "_key=\(key)&cijfer-wonen=7")).status == 403)
        #expect(try fixture.request(post("/s/wijkanalyse", form: "_key=other&_csrf=\(csrf)&cijfer-wonen=7")).status == 403)
        // Neither Origin nor Referer: not our own form.
        #expect(try fixture.request(post("/s/wijkanalyse", form: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=7", origin: nil)).status == 403)
        let refererOnly =
            "POST /s/wijkanalyse HTTP/1.1\nHost: t\nReferer: http://evil.example/s/wijkanalyse\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 5\n\na=b&c"
        #expect(try fixture.request(refererOnly).status == 403)
        #expect(try fixture.request(post("/s/wijkanalyse", form: "_key=\(key)&_csrf=\(csrf)&cijfer-wonen=7", origin: "http://evil.example")).status == 403)
        let wrongType = "POST /s/wijkanalyse HTTP/1.1\nHost: t\nContent-Type: text/plain\nContent-Length: 3\n\nabc"
        #expect(try fixture.request(wrongType).status == 415)
        #expect(try count(fixture.store, "wijkanalyse") == 0)
    }

    @Test("the JSON API: 201, the same key again 200 with the same id, 422 with errors per question")
    func api() throws {
        let fixture = try ServerFixture()
        let first = try fixture.request(postJSON("/api/v1/surveys/wijkanalyse/responses", #"{"submissionKey": "k1", "answers": {"cijfer-wonen": 8, "buurt": "noord"}}"#))
        #expect(first.status == 201)
        let again = try fixture.request(postJSON("/api/v1/surveys/wijkanalyse/responses", #"{"submissionKey": "k1", "answers": {"cijfer-wonen": 8, "buurt": "noord"}}"#))
        #expect(again.status == 200 && again.body == first.body)
        let invalid = try fixture.request(postJSON("/api/v1/surveys/wijkanalyse/responses", #"{"submissionKey": "k2", "answers": {"cijfer-wonen": 11, "buurt": "nergens"}}"#))
        #expect(invalid.status == 422)
        let errors = try JSONValue.parse(Data(invalid.body.utf8))
        guard case .object(let object) = errors, case .array(let list)? = object["errors"] else { Issue.record("no errors"); return }
        #expect(list.count == 2)
        #expect(invalid.body.contains(#""question":"cijfer-wonen""#) && invalid.body.contains(#""code":"out-of-range""#))
        #expect(try fixture.request(postJSON("/api/v1/surveys/wijkanalyse/responses", "[1]")).status == 400)
        #expect(try fixture.request(postJSON("/api/v1/surveys/wijkanalyse/responses", #"{"answers": {}}"#)).status == 400)
        let text = "POST /api/v1/surveys/wijkanalyse/responses HTTP/1.1\nHost: t\nContent-Type: text/plain\nContent-Length: 2\n\n{}"
        #expect(try fixture.request(text).status == 415)
        #expect(try count(fixture.store, "wijkanalyse") == 1)
        let list2 = try fixture.request("GET /api/v1/surveys HTTP/1.1\nHost: t\n\n")
        #expect(list2.status == 200 && list2.body.contains(#""id":"wijkanalyse""#))
        let definition = try fixture.request("GET /api/v1/surveys/wijkanalyse HTTP/1.1\nHost: t\n\n")
        #expect(definition.body.contains(#""questions""#))
    }

    @Test("results: the admin token for closed surveys; public results hide counts under 5")
    func results() throws {
        let fixture = try ServerFixture()
        for index in 0..<6 {
            let buurt = index < 5 ? "noord" : "zuid"
            #expect(
                try fixture.request(
                    postJSON("/api/v1/surveys/wijkanalyse/responses", #"{"submissionKey": "r\#(index)", "answers": {"cijfer-wonen": \#(index + 4), "buurt": "\#(buurt)"}}"#)
                ).status == 201)
        }
        // wijkanalyse has publicResults: true. The public view is over the first 5 of the 6
        // responses, and leaves out buurt (quasi).
        let open = try fixture.request("GET /api/v1/surveys/wijkanalyse/results HTTP/1.1\nHost: t\n\n")
        #expect(open.status == 200)
        #expect(!open.body.contains("noord") && !open.body.contains("\"buurt\""))
        #expect(open.body.contains(#""cijfer-wonen":{"mean":6,"n":5}"#))
        #expect(open.body.contains(#""n":5,"#))
        #expect(open.body.contains(#""cijfer-bewoners":{"mean":null,"n":"<5"}"#))
        let admin = try fixture.request("GET /api/v1/surveys/wijkanalyse/results HTTP/1.1\nHost: t\nAuthorization: Bearer \(fixture.adminToken)\n\n")
        #expect(admin.body.contains(#""zuid":1"#) && admin.body.contains(#""cijfer-wonen":{"mean":6.5,"n":6}"#))
        // A token that is sent must be right, also for public results.
        #expect(try fixture.request("GET /api/v1/surveys/wijkanalyse/results HTTP/1.1\nHost: t\nAuthorization: Bearer wrong\n\n").status == 401)
        // The ballot's results are not public.
        #expect(try fixture.request("GET /api/v1/surveys/stemming/results HTTP/1.1\nHost: t\n\n").status == 401)
        #expect(try fixture.request("GET /api/v1/surveys/stemming/results HTTP/1.1\nHost: t\nAuthorization: Bearer wrong\n\n").status == 401)
        #expect(try fixture.request("GET /api/v1/surveys/stemming/results HTTP/1.1\nHost: t\nAuthorization: Bearer \(fixture.adminToken)\n\n").status == 200)
    }

    @Test("a budget ballot is shown back with its total against the budget before it is cast, and counted once cast")
    func budgetBallot() throws {
        let fixture = try ServerFixture()
        let code = try #require(try fixture.store.createInvites(survey: "wijkbudget", count: 1).first).description
        let form = try fixture.request("GET /s/wijkbudget HTTP/1.1\nHost: t\n\n")
        let key = try #require(hidden("_key", in: form.body)), csrf = try #require(hidden("_csrf", in: form.body))
        let fields = "_key=\(key)&_csrf=\(csrf)&_invite=\(URLEncodedForm.encode(code))&voorstellen=speeltuin-noord&voorstellen=bankjes-zuid"
        let confirm = try fixture.request(post("/s/wijkbudget", form: fields))
        #expect(confirm.status == 200 && confirm.body.contains("Controleer uw stem"))
        #expect(confirm.body.contains("Speeltuin Noordhof vernieuwen, Bankjes op het Zuidplein (samen €\u{00A0}22.000 van het budget van €\u{00A0}50.000)"))
        #expect(try count(fixture.store, "wijkbudget") == 0)
        #expect(try fixture.request(post("/s/wijkbudget", form: fields + "&_confirm=ja")).status == 303)
        #expect(try count(fixture.store, "wijkbudget") == 1)
    }

    @Test("a knapsack ballot over the budget comes back with its choices kept and the code unspent; under it, it is cast")
    func knapsackBallot() throws {
        let fixture = try ServerFixture()
        let code = try #require(try fixture.store.createInvites(survey: "buurtpot", count: 1).first).description
        let form = try fixture.request("GET /s/buurtpot HTTP/1.1\nHost: t\n\n")
        #expect(form.body.contains("Samen mogen ze niet meer kosten dan het budget."))
        let key = try #require(hidden("_key", in: form.body)), csrf = try #require(hidden("_csrf", in: form.body))
        let base = "_key=\(key)&_csrf=\(csrf)&_invite=\(URLEncodedForm.encode(code))"
        // € 600 + € 500 is over the € 1.000: refused, and also when confirmed straight away.
        for confirm in ["", "&_confirm=ja"] {
            let over = try fixture.request(post("/s/buurtpot", form: base + "&plannen=bank&plannen=boom" + confirm))
            #expect(over.status == 422 && over.body.contains("Uw keuze kost samen € 1.100, meer dan het budget van € 1.000."))
            #expect(over.body.contains("value=\"bank\" checked") && over.body.contains("value=\"boom\" checked"))
            #expect(!over.body.contains("value=\"bak\" checked"))
        }
        #expect(try count(fixture.store, "buurtpot") == 0)
        // The code was not spent: the same code casts a ballot within the budget.
        let confirm = try fixture.request(post("/s/buurtpot", form: base + "&plannen=bank&plannen=bak"))
        #expect(confirm.status == 200 && confirm.body.contains("(samen €\u{00A0}900 van het budget van €\u{00A0}1.000)"))
        #expect(try fixture.request(post("/s/buurtpot", form: base + "&plannen=bank&plannen=bak&_confirm=ja")).status == 303)
        #expect(try count(fixture.store, "buurtpot") == 1)
    }

    @Test("an invitation card's link opens the ballot with its code filled in; a code of the wrong shape is not echoed")
    func cardLinkFillsInTheCode() throws {
        let fixture = try ServerFixture()
        let code = try #require(try fixture.store.createInvites(survey: "stemming", count: 1).first)
        let form = try fixture.request("GET /s/stemming?code=\(code.symbols.lowercased()) HTTP/1.1\nHost: t\n\n")
        #expect(form.status == 200 && form.body.contains("name=\"_invite\""))
        #expect(form.body.contains("value=\"\(code)\""))
        let key = try #require(hidden("_key", in: form.body)), csrf = try #require(hidden("_csrf", in: form.body))
        let cast = "_key=\(key)&_csrf=\(csrf)&_invite=\(URLEncodedForm.encode(code.description))&keuze=a&_confirm=ja"
        #expect(try fixture.request(post("/s/stemming", form: cast)).status == 303)
        let wrong = try fixture.request("GET /s/stemming?code=%3Cscript%3E HTTP/1.1\nHost: t\n\n")
        #expect(wrong.status == 200 && !wrong.body.contains("<script>") && !wrong.body.contains("&lt;script"))
    }

    @Test("a binding ballot: the code (pasted with spaces, any case), a confirmation step, one vote per code")
    func ballot() throws {
        let fixture = try ServerFixture()
        let code = try #require(try fixture.store.createInvites(survey: "stemming", count: 1).first).description
        let form = try fixture.request("GET /s/stemming HTTP/1.1\nHost: t\n\n")
        #expect(form.body.contains("name=\"_invite\""))
        let key = try #require(hidden("_key", in: form.body)), csrf = try #require(hidden("_csrf", in: form.body))
        let pasted = URLEncodedForm.encode(" " + code.lowercased().replacingOccurrences(of: "-", with: " ") + " ")
        let fields = "_key=\(key)&_csrf=\(csrf)&_invite=\(pasted)&keuze=b"
        let confirm = try fixture.request(post("/s/stemming", form: fields))
        #expect(confirm.status == 200 && confirm.body.contains("Controleer uw stem") && confirm.body.contains("Ontwerp B"))
        #expect(try count(fixture.store, "stemming") == 0)
        let cast = try fixture.request(post("/s/stemming", form: fields + "&_confirm=ja"))
        #expect(cast.status == 303)
        let thanks = try fixture.request("GET /s/stemming/bedankt HTTP/1.1\nHost: t\n\n")
        #expect(thanks.body.contains("Uw stem is uitgebracht") && !thanks.body.contains("Uw antwoorden zijn opgeslagen"))
        #expect(try count(fixture.store, "stemming") == 1)
        // The same code on a new form: refused, named at the code field.
        let second = try fixture.request("GET /s/stemming HTTP/1.1\nHost: t\n\n")
        let key2 = try #require(hidden("_key", in: second.body)), csrf2 = try #require(hidden("_csrf", in: second.body))
        let reused = try fixture.request(post("/s/stemming", form: "_key=\(key2)&_csrf=\(csrf2)&_invite=\(pasted)&keuze=a&_confirm=ja"))
        #expect(reused.status == 422 && reused.body.contains("href=\"#i-_invite\""))
        #expect(try count(fixture.store, "stemming") == 1)
        // Refused before the confirmation step too: a used code, and a code never issued.
        let early = try fixture.request(post("/s/stemming", form: "_key=\(key2)&_csrf=\(csrf2)&_invite=\(pasted)&keuze=a"))
        #expect(early.status == 422 && early.body.contains("href=\"#i-_invite\"") && !early.body.contains("Controleer uw stem"))
        let unknown = URLEncodedForm.encode(InviteCode.generate().description)
        let never = try fixture.request(post("/s/stemming", form: "_key=\(key2)&_csrf=\(csrf2)&_invite=\(unknown)&keuze=a"))
        #expect(never.status == 422 && never.body.contains("href=\"#i-_invite\"") && !never.body.contains("Controleer uw stem"))
    }

    @Test("wrong codes are slowed down, never refused: a valid code from the same address is accepted at once")
    func guessingIsSlowedNotRefused() throws {
        let fixture = try ServerFixture(limiter: AttemptLimiter(burst: 3, refill: .milliseconds(50), maxDelay: .milliseconds(200)))
        let code = try #require(try fixture.store.createInvites(survey: "stemming", count: 1).first).description
        for attempt in 0..<8 {
            let response = try fixture.request(
                postJSON("/api/v1/surveys/stemming/responses", #"{"submissionKey": "x\#(attempt)", "invite": "AAAAA-AAAAA-AAAAA", "answers": {"keuze": "a"}}"#))
            #expect(response.status == 422)
        }
        let valid = try fixture.request(postJSON("/api/v1/surveys/stemming/responses", #"{"submissionKey": "echt", "invite": "\#(code)", "answers": {"keuze": "a"}}"#))
        #expect(valid.status == 201)
        // A retry of the stored ballot is answered as a repeat, and another tap with the used
        // code is told it was used (neither counts as a guess).
        let retry = try fixture.request(postJSON("/api/v1/surveys/stemming/responses", #"{"submissionKey": "echt", "invite": "\#(code)", "answers": {"keuze": "a"}}"#))
        #expect(retry.status == 200 && retry.body == valid.body)
        let used = try fixture.request(postJSON("/api/v1/surveys/stemming/responses", #"{"submissionKey": "ander", "invite": "\#(code)", "answers": {"keuze": "b"}}"#))
        #expect(used.status == 422 && used.body.contains("already cast"))
        #expect(try count(fixture.store, "stemming") == 1)
    }

    @Test("a full disk answers 503 and acknowledges nothing")
    func fullDisk() throws {
        let fixture = try ServerFixture()
        let folder = NSTemporaryDirectory() + "wijkpeil-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = Store.Configuration()
        configuration.maxPageCount = 24
        let tiny = try Store(path: folder + "/tiny.sqlite", configuration: configuration)
        let survey = try ServerFixture.survey(at: ServerFixture.packageRoot + "/surveys/wijkanalyse.json", themes: ServerFixture.packageRoot + "/surveys/themes/wijkanalyse.json")
        let application = try FormApplication(surveys: [survey], store: tiny, adminToken: fixture.adminToken, secret: [1, 2, 3])
        let long = String(repeating: "lang verhaal ", count: 150)
        var statuses: [Int] = []
        // 24 pages of 16 KB: the schema and a few dozen responses of this length.
        for index in 0..<400 {
            let body = #"{"submissionKey": "f\#(index)", "answers": {"opmerking": "\#(long)"}}"#
            let request = HTTPRequest(
                method: "POST", target: "/api/v1/surveys/wijkanalyse/responses", headers: [("host", "t"), ("content-type", "application/json")], body: Array(body.utf8))
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var status = 0
            application.handle(request, peer: "127.0.0.1") { response in
                status = response.status
                done.signal()
            }
            done.wait()
            statuses.append(status)
        }
        #expect(statuses.contains(503))
        #expect(Set(statuses).isSubset(of: [201, 503]))
        #expect(try tiny.responseCounts()["wijkanalyse"] ?? 0 == statuses.filter { $0 == 201 }.count)
    }
}
