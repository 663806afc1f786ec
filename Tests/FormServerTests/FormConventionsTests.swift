import FormServer
import Foundation
import Participation
import HTTPCore
import QRCode
import Store
import Surveys
import Testing
import WijkpeilCore

/// The resident's form in the conventions of Dutch and British government forms: optional
/// questions marked, a way to clear a choice, the error summary first, widths that fit, a running
/// count of stickers, and the organisation behind it named on every page.
@Suite("The form as government forms are")
struct FormConventionsTests {
    /// A survey with a required mark, an optional choice, an optional age, a postcode and a session's stickers.
    static let survey = SurveyDefinition(
        id: "avond", title: LocalizedText(nl: "Avond", en: "Evening"), level: .consult,
        questions: [
            Question(id: "cijfer", text: LocalizedText(nl: "Welk cijfer geeft u de buurt?"), required: true, kind: .rating(min: 1, max: 10, labels: [:])),
            Question(
                id: "buurt", text: LocalizedText(nl: "In welke buurt woont u?"), privacy: .quasi,
                kind: .single(options: [Option(id: "noord", label: LocalizedText(nl: "Noord")), Option(id: "zuid", label: LocalizedText(nl: "Zuid"))])),
            Question(id: "leeftijd", text: LocalizedText(nl: "Wat is uw leeftijd?"), kind: .number(min: 16, max: 120, generalise: nil)),
            Question(id: "postcode", text: LocalizedText(nl: "Wat is uw postcode?"), kind: .postcode),
            Question(
                id: "stippen", text: LocalizedText(nl: "Waar moeten we mee aan de slag?"),
                kind: .sessionStickers(
                    StickerAllotment(
                        session: "avond", options: [Option(id: "veiligheid", label: LocalizedText(nl: "Veiligheid")), Option(id: "groen", label: LocalizedText(nl: "Groen"))],
                        colours: [
                            StickerColour(id: "groen", label: LocalizedText(nl: "groen", en: "green"), meaning: .support, perParticipant: 3),
                            StickerColour(id: "rood", label: LocalizedText(nl: "rood", en: "red"), meaning: .concern, perParticipant: 1),
                        ], maxPerOption: 2))),
        ])
    static let other = SurveyDefinition(
        id: "anders", title: LocalizedText(nl: "Een andere peiling"), level: .inform,
        questions: [
            Question(id: "vraag", text: LocalizedText(nl: "Vraag?"), kind: .text(maxLength: 100))
        ])

    final class Setting {
        let folder = NSTemporaryDirectory() + "wijkpeil-conventions-" + UUID().uuidString
        let store: Store
        let application: FormApplication
        init(settings: SiteSettings = SiteSettings()) throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            store = try Store(path: folder + "/w.sqlite")
            application = try FormApplication(
                surveys: [FormConventionsTests.other, FormConventionsTests.survey], store: store, adminToken: "admin-token-0123456789", secret: [3], settings: settings)
        }
        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// Posts `fields` on a fresh form of `avond`.
        func post(_ fields: String, lang: String = "") -> HTTPResponse {
            let form = text(respond(application, "GET", "/s/avond" + lang))
            let key = hidden("_key", in: form) ?? "", csrf = hidden("_csrf", in: form) ?? ""
            return respond(application, "POST", "/s/avond" + lang, headers: formHeaders, body: "_key=\(key)&_csrf=\(csrf)&" + fields)
        }
    }

    @Test("only optional questions are marked, the top says what is needed, and an optional choice offers 'Geen antwoord'")
    func optionalMarked() throws {
        let setting = try Setting()
        let form = text(respond(setting.application, "GET", "/s/avond"))
        #expect(form.contains("Beantwoord alle vragen, behalve de vragen met ‘(niet verplicht)’ erbij."))
        #expect(form.contains("In welke buurt woont u? <span class=\"optional\">(niet verplicht)</span>"))
        #expect(!form.contains("Welk cijfer geeft u de buurt? <span class=\"optional\">"))
        #expect(!form.contains("(verplicht)"))
        // The optional choice can be cleared; the required mark cannot; nothing is chosen beforehand.
        #expect(form.contains("id=\"i-buurt-geen\" name=\"buurt\" value=\"\"") && !form.contains("id=\"i-cijfer-geen\""))
        #expect(!form.contains(" checked"))
        let english = text(respond(setting.application, "GET", "/s/avond?lang=en"))
        #expect(english.contains("(optional)") && english.contains(">No answer</label>"))
        // "Geen antwoord" stores no answer to that question.
        let sent = setting.post("cijfer=7&buurt=")
        #expect(sent.status == 303)
        var stored: [String] = []
        try setting.store.forEachResponse(survey: "avond") { stored.append($0.answers.compactText) }
        #expect(stored == [#"{"cijfer":7}"#])
    }

    @Test("the error summary stands above the heading, takes focus, and its links say what stands beside the field")
    func errorSummary() throws {
        let setting = try Setting()
        let page = text(setting.post("leeftijd=200&postcode=12"))
        let summary = try #require(page.range(of: "<div class=\"error-summary\""))
        let heading = try #require(page.range(of: "<h1>"))
        #expect(summary.lowerBound < heading.lowerBound)
        #expect(page.contains("id=\"fouten\" autofocus><h2 id=\"fouten-titel\">Er is een probleem</h2>"))
        let missing = "Kies een antwoord bij ‘Welk cijfer geeft u de buurt?’"
        #expect(page.contains("<a href=\"#i-cijfer\">\(missing)</a>"))
        #expect(page.contains("<span class=\"visually-hidden\">Fout: </span>\(missing)</p>"))
        #expect(page.contains("<a href=\"#i-leeftijd\">Vul een getal in van hoogstens 120.</a>"))
        // Label, hint, error, field: the message stands between the range hint and the input.
        let hint = try #require(page.range(of: "Een getal vanaf 16 tot en met 120."))
        let message = try #require(page.range(of: "<p class=\"error\" id=\"e-leeftijd\">"))
        let input = try #require(page.range(of: "<input id=\"i-leeftijd\""))
        #expect(hint.lowerBound < message.lowerBound && message.lowerBound < input.lowerBound)
        let english = text(setting.post("", lang: "?lang=en"))
        #expect(english.contains(">There is a problem</h2>") && english.contains("Choose an answer to ‘Welk cijfer geeft u de buurt?’"))
    }

    @Test("widths fit the answer: an age in three characters, a postcode in seven")
    func widths() throws {
        let setting = try Setting()
        let form = text(respond(setting.application, "GET", "/s/avond"))
        #expect(form.contains("<input id=\"i-leeftijd\" name=\"leeftijd\" type=\"text\" class=\"chars-3\""))
        #expect(form.contains("<input id=\"i-postcode\" name=\"postcode\" type=\"text\" class=\"chars-7\""))
        let sheet = text(respond(setting.application, "GET", "/static/wijkpeil.css"))
        #expect(sheet.contains("input.chars-3 {") && sheet.contains("input.chars-7 {"))
        // Options stacked one per line; only a rating scale stands in a row.
        #expect(sheet.contains(".choices { display: flex; flex-direction: column;") && sheet.contains(".choices.scale { flex-direction: row;"))
    }

    @Test("the stickers left are counted on the page as sent, without storing, and errors name the subject")
    func stickersLeft() throws {
        let setting = try Setting()
        let form = text(respond(setting.application, "GET", "/s/avond"))
        #expect(form.contains(">Groen: nog 3 over.</p>") && form.contains(">Rood: nog 1 over.</p>"))
        #expect(form.contains("<script src=\"/static/wijkpeil.js\" defer></script>"))
        let counted = setting.post("stippen.groen.veiligheid=2&stippen.rood.groen=1&_count=ja")
        #expect(counted.status == 200)
        #expect(text(counted).contains(">Groen: nog 1 over.</p>") && text(counted).contains(">Rood: alle stickers verdeeld.</p>"))
        #expect(!text(counted).contains("error-summary"))
        #expect(try setting.store.responseCount(survey: "avond") == 0)
        let over = text(setting.post("cijfer=5&stippen.groen.veiligheid=2&stippen.groen.groen=2"))
        #expect(over.contains(">Groen: 1 te veel verdeeld.</p>"))
        #expect(over.contains("U heeft 3 stickers (groen), maar u plakte er 4. Haal er 1 weg."))
        let capped = text(setting.post("cijfer=5&stippen.groen.groen=3"))
        #expect(capped.contains("U plakte 3 stickers (groen) op ‘Groen’; dat mogen er hoogstens 2 zijn."))
        let english = text(setting.post("stippen.groen.veiligheid=3&_count=ja", lang: "?lang=en"))
        #expect(english.contains(">Green: all stickers placed.</p>"))
    }

    @Test("the running count's script is served from this server, as the page's security policy allows")
    func script() throws {
        let setting = try Setting()
        let script = respond(setting.application, "GET", "/static/wijkpeil.js")
        #expect(script.status == 200 && script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(text(script).contains("data-group") || text(script).contains("dataset.group"))
        let policy = try #require(respond(setting.application, "GET", "/s/avond").header("Content-Security-Policy"))
        #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
    }

    @Test("every page names the organisation, its privacy statement and a contact; the main survey is listed first, with its promise")
    func settings() throws {
        let setting = try Setting(
            settings: SiteSettings(organisation: "Gemeente Almelo", privacyURL: "https://www.almelo.nl/privacy", contact: "wijkteam@almelo.nl", mainSurvey: "avond"))
        for path in ["/", "/s/avond", "/s/avond/bedankt", "/bestaat-niet"] {
            let page = text(respond(setting.application, "GET", path))
            #expect(page.contains("<footer><p>Deze vragenlijsten zijn van Gemeente Almelo."), "\(path)")
            #expect(page.contains("<a href=\"https://www.almelo.nl/privacy\">Privacyverklaring</a>"), "\(path)")
            #expect(page.contains("Vragen? <a href=\"mailto:wijkteam@almelo.nl\">wijkteam@almelo.nl</a>"), "\(path)")
        }
        let list = text(respond(setting.application, "GET", "/"))
        let main = try #require(list.range(of: ">Avond</a>")), other = try #require(list.range(of: ">Een andere peiling</a>"))
        #expect(main.lowerBound < other.lowerBound)
        #expect(list.contains("Uw antwoorden wegen mee, maar zijn niet bindend.") && !list.contains("(Raadplegen)"))
        // Without settings: no footer, the surveys in their own order.
        let bare = try Setting()
        let plain = text(respond(bare.application, "GET", "/"))
        #expect(!plain.contains("<footer>"))
        #expect(try #require(plain.range(of: ">Een andere peiling</a>")).lowerBound < #require(plain.range(of: ">Avond</a>")).lowerBound)
    }

    @Test(
        "a contact is offered as what it is: a mail address, a telephone number, a web address or plain text",
        arguments: [
            ("wijkteam@almelo.nl", "mailto:wijkteam@almelo.nl"), ("0546 541 111", "tel:0546541111"), ("+31 546 541 111", "tel:+31546541111"),
            ("https://www.almelo.nl/contact", "https://www.almelo.nl/contact"), ("bij de balie van het wijkcentrum", nil),
        ])
    func contact(_ given: String, _ href: String?) throws {
        let setting = try Setting(settings: SiteSettings(contact: given))
        let page = text(respond(setting.application, "GET", "/"))
        if let href {
            #expect(page.contains("<a href=\"\(href)\">\(given)</a>"))
        } else {
            #expect(page.contains("Vragen? \(given)</p>") && !page.contains("Vragen? <a"))
        }
    }

    @Test("a settings file: every problem named at its JSON path, and nothing taken from a file with an error")
    func settingsFile() throws {
        var findings = Findings()
        let good = try JSONValue.parse(
            Array(#"{"organisation": "Wijkteam Noord", "privacyUrl": "https://noord.nl/privacy", "contact": "0546 111 222", "mainSurvey": "wijkanalyse"}"#.utf8))
        #expect(
            SiteSettings.read(good, findings: &findings)
                == SiteSettings(organisation: "Wijkteam Noord", privacyURL: "https://noord.nl/privacy", contact: "0546 111 222", mainSurvey: "wijkanalyse"))
        #expect(findings.errors.isEmpty)
        var bad = Findings()
        let wrong = try JSONValue.parse(Array(#"{"organisation": "", "privacyUrl": "www.noord.nl/privacy", "contact": 5, "mainSurvey": "Wijk Analyse", "kleur": "rood"}"#.utf8))
        #expect(SiteSettings.read(wrong, findings: &bad) == nil)
        let located = bad.all.map { $0.location.description }
        #expect(bad.errors.count == 4, "\(bad.all)")
        for path in ["organisation", "privacyUrl", "contact", "mainSurvey"] { #expect(located.contains { $0.contains(path) }, "\(path) in \(located)") }
        #expect(bad.warnings.contains { $0.location.description.contains("kleur") })
        // The bundled example reads, and names everything a page needs.
        var example = Findings()
        let bundled = try JSONValue.parse(try #require(FileManager.default.contents(atPath: ServerFixture.packageRoot + "/samples/kerkwijk/wijkpeil.json")))
        #expect(SiteSettings.read(bundled, findings: &example)?.missing == [] && example.all.isEmpty)
        // Flags take the place of the file's values, one by one.
        let merged = SiteSettings(organisation: "A", contact: "x@y.nl").overridden(by: SiteSettings(organisation: "B"))
        #expect(merged == SiteSettings(organisation: "B", contact: "x@y.nl"))
        #expect(merged.missing == ["privacyUrl"])
    }

    @Test("the projector page: the main survey's address as a QR code and written out, from the address residents can reach")
    func projector() throws {
        let setting = try Setting(settings: SiteSettings(mainSurvey: "avond"))
        let alone = text(respond(setting.application, "GET", "/qr"))
        #expect(alone.contains("alleen op deze computer te bereiken"))
        setting.application.announce(addresses: ["http://192.168.1.20:8080/"])
        let page = text(respond(setting.application, "GET", "/qr"))
        #expect(page.contains("<h1>Doe mee: scan de code</h1>") && page.contains("<strong>http://192.168.1.20:8080/s/avond</strong>"))
        #expect(page.contains("<title>QR-code voor http://192.168.1.20:8080/s/avond</title>") && !page.contains("alleen op deze computer"))
        // The code on the page is the encoder's for that address.
        let code = try QRCode(encoding: "http://192.168.1.20:8080/s/avond")
        #expect(page.contains(code.svg(moduleSize: 10, quietZone: 4, title: "QR-code voor http://192.168.1.20:8080/s/avond")))
        let other = text(respond(setting.application, "GET", "/qr?s=anders&lang=en"))
        #expect(other.contains("<strong>http://192.168.1.20:8080/s/anders?lang=en</strong>") && other.contains("Take part: scan the code"))
    }

    @Test("the live results for the projector: refreshing by itself, on this machine always, elsewhere only when public, in steps of five")
    func liveResults() throws {
        let setting = try Setting()
        let early = respond(setting.application, "GET", "/s/avond/uitslag")
        #expect(early.status == 200 && text(early).contains("<meta http-equiv=\"refresh\" content=\"5\">"))
        #expect(text(early).contains("Tot nu toe: <strong>minder dan 5</strong> deelnemers"))
        // Whoever reads at their own pace can stop it.
        let still = text(respond(setting.application, "GET", "/s/avond/uitslag?ververs=nee"))
        #expect(!still.contains("http-equiv=\"refresh\"") && still.contains(">Weer verversen</a>"))
        #expect(text(early).contains("<a href=\"/s/avond/uitslag?ververs=nee\">Niet verversen</a>"))
        // From a phone on the Wi-Fi: refused, the survey's results are not public.
        #expect(respond(setting.application, "GET", "/s/avond/uitslag", peer: "192.168.1.33").status == 403)
        #expect(respond(setting.application, "GET", "/s/avond/uitslag", peer: "::ffff:127.0.0.1").status == 200)
        // Six forms with stickers: the projector shows the first five (a step of five).
        for _ in 0..<6 { #expect(setting.post("cijfer=6&stippen.groen.veiligheid=2&stippen.rood.groen=1").status == 303) }
        let page = text(respond(setting.application, "GET", "/s/avond/uitslag"))
        #expect(page.contains("Tot nu toe: <strong>5</strong> deelnemers"))
        #expect(page.contains("<span class=\"label\">Veiligheid — groen</span> <span class=\"figure\">10</span>"))
        #expect(page.contains("<span class=\"label\">Groen — rood</span> <span class=\"figure\">5</span>"))
        #expect(page.contains("<span class=\"label\">gemiddeld</span> <span class=\"figure\">6,0</span>"))
        // The buurt (quasi-identifying) is never shown.
        #expect(!page.contains("In welke buurt woont u?"))
        // The posters' counts, stored with `stickers store`, are added (posters on a wall are public).
        let poster = Array("poster,option,colour,count\ntafel1,veiligheid,groen,7\ntafel1,groen,rood,2\n".utf8)
        _ = try setting.store.storeStickerFiles([StickerFile(sessionId: "avond", fileName: "tafel1.csv", entry: nil, bytes: poster)])
        let withPaper = text(respond(setting.application, "GET", "/s/avond/uitslag"))
        #expect(withPaper.contains("Tot nu toe: <strong>5</strong> deelnemers, en 9 stickers op de posters"))
        #expect(withPaper.contains("<span class=\"label\">Veiligheid — groen</span> <span class=\"figure\">17</span>"))
        #expect(withPaper.contains("<span class=\"label\">Groen — rood</span> <span class=\"figure\">7</span>"))
        // A first entry whose second is not typed in yet: not counted, and said so.
        _ = try setting.store.storeStickerFiles([StickerFile(sessionId: "avond", fileName: "anna.csv", entry: "anna", bytes: poster + Array("\n".utf8))])
        let unsettled = text(respond(setting.application, "GET", "/s/avond/uitslag"))
        #expect(unsettled.contains("De papieren tellingen tellen nog niet mee") && unsettled.contains("<span class=\"figure\">10</span>"))
    }
}
