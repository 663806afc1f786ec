import Participation
import QRCode
public import WijkpeilCore

/// A survey as printed A4 forms for residents without a phone: numbered per print run (`A001`,
/// `A002` …, the prefix keeping runs and venues apart), every sheet headed with its form number,
/// boxes to tick and to write marks in, and the QR code of the online form. What is typed in
/// from it goes into `surveys template`'s spreadsheet under the same question ids.
///
/// Each form starts on a new sheet and is a named page of its own, whose margin boxes carry its
/// number on every sheet it takes (CSS paged media, as Chromium prints it); questions are never
/// split over two sheets. Checked in print by `scripts/browser-check.sh`.
public struct PaperForm: Sendable {
    public var survey: SurveyDefinition
    public var language: Language
    /// Letters before the number: one prefix per print run.
    public var prefix: String
    public var first: Int
    public var count: Int
    /// The address of the online form's server (`http://wijkpeil.lan:8080/`), for the QR code.
    public var publicURL: String?

    public init(survey: SurveyDefinition, language: Language, prefix: String, first: Int = 1, count: Int, publicURL: String?) {
        self.survey = survey
        self.language = language
        self.prefix = prefix
        self.first = first
        self.count = count
        self.publicURL = publicURL
    }

    /// The questions a paper form asks: stickers go on the posters, not on paper forms.
    var questions: [(number: Int, question: Question)] {
        Array(survey.questions.filter { !$0.kind.isStickers }.enumerated().map { ($0.offset + 1, $0.element) })
    }

    /// A form's number: `A001`.
    public func number(_ index: Int) -> String {
        let digits = String(first + index)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    public var html: String {
        let nl = language == .nl
        let address = publicURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + "s/\(survey.id)" + (nl ? "" : "?lang=en") }
        let code = address.flatMap { try? QRCode(encoding: $0) }
        let formWord = nl ? "Formulier" : "Form"
        var body = "<h1 class=\"screen\">\(esc(survey.title)) — \(nl ? "\(count) papieren formulieren" : "\(count) paper forms") (\(number(0))–\(number(count - 1)))</h1>\n"
        var pages = ""
        for index in 0..<count {
            let formNumber = number(index)
            // A named page per form: its margin boxes repeat the number on each of its sheets.
            pages +=
                "@page form-\(formNumber) { @top-right { content: \"\(formWord) \(formNumber)\"; font: 600 12pt system-ui, sans-serif; } @bottom-right { content: \"\(formWord) \(formNumber)\"; font: 9pt system-ui, sans-serif; } }\n"
            body += "<section class=\"form\" style=\"page: form-\(formNumber)\" aria-label=\"\(formWord) \(formNumber)\">"
            body += "<p class=\"number\">\(formWord) <strong>\(formNumber)</strong></p>"
            body += "<div class=\"top\"><div><h2>\(esc(survey.title))</h2>"
            if let intro = survey.intro { body += "<p>\(esc(intro))</p>" }
            body += "<p class=\"promise\">\(esc(survey.level.promise))</p>"
            body +=
                "<p>\(nl ? "Zet een kruisje in het hokje van uw antwoord. Vragen met ‘(niet verplicht)’ mag u overslaan." : "Put a cross in the box of your answer. Questions marked ‘(optional)’ may be skipped.")</p></div>"
            if let code, let address {
                body +=
                    "<div class=\"qr\">\(code.svg(moduleSize: 3, quietZone: 4, title: address))<p>\(nl ? "Liever op uw telefoon? Scan de code." : "Rather on your phone? Scan the code.")</p></div>"
            }
            body += "</div>"
            for item in questions { body += question(item.number, item.question) }
            body +=
                "<p class=\"end\">\(nl ? "Einde van formulier \(formNumber). Bedankt! Lever het in bij de organisatie." : "End of form \(formNumber). Thank you! Hand it in to the organisers.")</p>"
            body += "</section>\n"
        }
        return Markup.page(
            title: "\(survey.title.text(in: language)) — \(nl ? "papieren formulieren" : "paper forms")", language: language, maxWidth: "48rem",
            style: """
                @page { size: A4; margin: 16mm 14mm; }
                \(pages)
                .form { border-top: 4px solid #999; padding-top: .5rem; margin-top: 2rem; }
                .number { font-size: 1.1rem; border-bottom: 2px solid #111; margin: 0 0 .5rem; }
                .top { display: flex; gap: 1rem; align-items: flex-start; } .top > div:first-child { flex: 1; }
                .qr { width: 9rem; text-align: center; font-size: .85rem; } .qr svg { width: 100%; height: auto; }
                h2 { border: 0; margin: .25rem 0; }
                .promise { border-left: 4px solid #1b4f72; padding-left: .5rem; }
                .q { margin: .6rem 0; break-inside: avoid; } .q h3 { font-size: 1rem; margin: 0 0 .25rem; }
                .opt { display: inline-flex; align-items: center; gap: .3rem; margin: .15rem 1.2rem .15rem 0; min-width: 40%; }
                .box { display: inline-block; width: 1.1rem; height: 1.1rem; border: 2px solid #111; flex: none; }
                .marks { display: flex; flex-wrap: wrap; gap: .35rem; } .mark { display: inline-flex; flex-direction: column; align-items: center; }
                .cells { display: inline-flex; gap: .2rem; } .cell { width: 1.6rem; height: 1.9rem; border: 2px solid #111; }
                .line { border-bottom: 1px solid #111; height: 1.6rem; } .hint { color: #333; font-size: .9rem; margin: 0 0 .2rem; }
                .end { margin-top: 1rem; font-weight: 600; }
                @media print { .screen { display: none; } body { padding: 0; max-width: none; font-size: 10.5pt; }
                  .form { break-before: page; border: 0; margin: 0; padding: 0; } }
                """, body: body)
    }

    private func esc(_ text: LocalizedText) -> String { Markup.escape(text.text(in: language)) }

    private func question(_ number: Int, _ question: Question) -> String {
        let nl = language == .nl
        let optional = question.required ? "" : " <span class=\"hint\">(\(nl ? "niet verplicht" : "optional"))</span>"
        var html = "<div class=\"q\"><h3>\(number). \(esc(question.text))\(optional)</h3>"
        if let help = question.help { html += "<p class=\"hint\">\(esc(help))</p>" }
        func box(_ label: String) -> String { "<span class=\"opt\"><span class=\"box\"></span>\(label)</span>" }
        func cells(_ count: Int) -> String { "<span class=\"cells\">" + String(repeating: "<span class=\"cell\"></span>", count: count) + "</span>" }
        switch question.kind {
        case .rating(let min, let max, let labels):
            let ends = [labels[min].map { "\(min) = \(esc($0))" }, labels[max].map { "\(max) = \(esc($0))" }].compactMap { $0 }
            if !ends.isEmpty { html += "<p class=\"hint\">\(ends.joined(separator: ", "))</p>" }
            html += "<div class=\"marks\">" + (min...max).map { "<span class=\"mark\"><span class=\"box\"></span>\($0)</span>" }.joined() + "</div>"
        case .single(let options):
            html += "<p class=\"hint\">\(nl ? "Kruis één hokje aan." : "Tick one box.")</p>" + options.map { box(esc($0.label)) }.joined()
        case .multi(let options, _, let maxChoices):
            let hint = maxChoices.map { nl ? "Kruis er hoogstens \($0) aan." : "Tick at most \($0)." } ?? (nl ? "Kruis aan wat past." : "Tick what applies.")
            html += "<p class=\"hint\">\(hint)</p>" + options.map { box(esc($0.label)) }.joined()
        case .approval(let options, let budget, _, _, _):
            html += "<p class=\"hint\">\(nl ? "Te verdelen: € \(language.grouped(budget))." : "To spend: € \(language.grouped(budget)).")</p>"
            html += options.map { box(esc($0.label) + " — €\u{00A0}" + language.grouped($0.cost ?? 0)) }.joined()
        case .number(_, let max, _):
            let digits = max.map { String(Int($0)).count } ?? 6
            html += cells(digits)
        case .text: html += String(repeating: "<div class=\"line\"></div>", count: 4)
        case .postcode: html += cells(4) + " " + cells(2)
        case .date: html += cells(2) + " - " + cells(2) + " - " + cells(4) + " <span class=\"hint\">(\(nl ? "dd-mm-jjjj" : "dd-mm-yyyy"))</span>"
        case .email: html += "<div class=\"line\"></div>"
        case .consent: html += box(nl ? "Ja" : "Yes") + box(nl ? "Nee" : "No")
        case .stickers, .sessionStickers: break
        }
        return html + "</div>"
    }
}
