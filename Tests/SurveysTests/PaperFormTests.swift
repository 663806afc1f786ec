import Foundation
import Participation
import QRCode
import Surveys
import Testing
import WijkpeilCore

@Suite("Paper forms to print")
struct PaperFormTests {
    static let survey = SurveyDefinition(
        id: "avond", title: LocalizedText(nl: "Avond", en: "Evening"), level: .consult,
        questions: [
            Question(id: "cijfer", text: LocalizedText(nl: "Welk cijfer?"), required: true, kind: .rating(min: 1, max: 10, labels: [1: LocalizedText(nl: "heel slecht")])),
            Question(id: "buurt", text: LocalizedText(nl: "Welke buurt?"), kind: .single(options: [Option(id: "noord", label: LocalizedText(nl: "Noord"))])),
            Question(id: "leeftijd", text: LocalizedText(nl: "Leeftijd?"), kind: .number(min: 16, max: 120, generalise: nil)),
            Question(id: "toestemming", text: LocalizedText(nl: "Mogen we mailen?"), kind: .consent),
            Question(id: "email", text: LocalizedText(nl: "Uw e-mailadres"), privacy: .direct, kind: .email),
            Question(
                id: "stippen", text: LocalizedText(nl: "Stippen"),
                kind: .stickers(options: [Option(id: "a", label: LocalizedText(nl: "A"))], stickers: 3, maxPerOption: 2)),
        ])

    @Test("numbered per print run, each form a named page whose margins carry its number, the QR code of the online form")
    func numbered() throws {
        let form = PaperForm(survey: Self.survey, language: .nl, prefix: "B", first: 9, count: 3, publicURL: "http://wijkpeil.lan:8080")
        let html = form.html
        #expect((0..<3).map(form.number) == ["B009", "B010", "B011"])
        for number in ["B009", "B010", "B011"] {
            #expect(html.contains("<section class=\"form\" style=\"page: form-\(number)\""))
            #expect(html.contains("@page form-\(number) { @top-right { content: \"Formulier \(number)\""))
            #expect(html.contains("Einde van formulier \(number)."))
        }
        let code = try QRCode(encoding: "http://wijkpeil.lan:8080/s/avond")
        #expect(html.contains(code.svg(moduleSize: 3, quietZone: 4, title: "http://wijkpeil.lan:8080/s/avond")))
        #expect(html.contains("@page { size: A4;") && html.contains("break-inside: avoid"))
    }

    @Test("questions in the definition's order (consent before the personal one), boxes for what is written, no sticker question")
    func questions() {
        let html = PaperForm(survey: Self.survey, language: .nl, prefix: "A", count: 1, publicURL: nil).html
        let consent = html.range(of: "4. Mogen we mailen?")!, email = html.range(of: "5. Uw e-mailadres")!
        #expect(consent.lowerBound < email.lowerBound)
        #expect(!html.contains("Stippen") && !html.contains("<svg"))
        #expect(html.contains("1 = heel slecht") && html.contains("2. Welke buurt? <span class=\"hint\">(niet verplicht)</span>"))
        // Three cells for an age up to 120; ten boxes for marks 1–10.
        #expect(html.contains("3. Leeftijd?") && html.components(separatedBy: "<span class=\"cell\"></span>").count - 1 == 3)
        #expect(html.components(separatedBy: "<span class=\"mark\">").count - 1 == 10)
        let english = PaperForm(survey: Self.survey, language: .en, prefix: "A", count: 1, publicURL: nil).html
        #expect(english.contains("Put a cross in the box of your answer.") && english.contains("content: \"Form A001\""))
    }
}
