import Participation
import QRCode
public import WijkpeilCore

/// Invitation codes printed as cut-out cards, eight to an A4 sheet: the survey, what the vote
/// decides, the code in large type, the address to type, and a QR code that opens the ballot with
/// the code filled in. Made in the same run as the codes (`invites create --cards`), since codes
/// are shown once: the cards and the codes file are the only places a code is ever written.
public struct InvitationCards: Sendable {
    public var survey: SurveyDefinition
    public var codes: [InviteCode]
    public var language: Language
    /// The address of the server residents reach (`http://192.168.1.20:8080/`).
    public var publicURL: String
    /// The venue the codes are for, printed on each card; `nil` for any venue.
    public var venue: String?

    public static let perSheet = 8

    public init(survey: SurveyDefinition, codes: [InviteCode], language: Language, publicURL: String, venue: String? = nil) {
        self.survey = survey
        self.codes = codes
        self.language = language
        self.publicURL = publicURL.hasSuffix("/") ? publicURL : publicURL + "/"
        self.venue = venue
    }

    /// The address printed on every card, where a resident types the code by hand.
    public var address: String { publicURL + "s/\(survey.id)" + (language == .nl ? "" : "?lang=en") }

    /// The address a card's QR code opens: the ballot with `code` filled in.
    public func link(for code: InviteCode) -> String {
        publicURL + "s/\(survey.id)?" + (language == .nl ? "" : "lang=en&") + "code=\(code)"
    }

    public var html: String {
        let nl = language == .nl
        let sheets = (codes.count + Self.perSheet - 1) / Self.perSheet
        var body =
            "<h1 class=\"screen\">\(esc(survey.title)) — \(nl ? "\(codes.count) uitnodigingen op \(sheets) A4" : "\(codes.count) invitations on \(sheets) A4 sheets")</h1>\n"
        body +=
            "<p class=\"screen\">\(nl ? "Druk af op A4, staand, op ware grootte, en knip langs de stippellijnen. Bewaar of vernietig wat over is: elke code is één stem." : "Print on A4, portrait, at actual size, and cut along the dotted lines. Keep or destroy what is left: each code is one vote.")</p>\n"
        for start in stride(from: 0, to: codes.count, by: Self.perSheet) {
            body += "<div class=\"sheet\">"
            for code in codes[start..<min(start + Self.perSheet, codes.count)] { body += card(code) }
            body += "</div>\n"
        }
        return Markup.page(
            title: "\(survey.title.text(in: language)) — \(nl ? "uitnodigingen" : "invitations")", language: language, maxWidth: "52rem",
            style: """
                @page { size: A4; margin: 8mm; }
                .sheet { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 0; margin-bottom: 1rem; }
                .card { border: 1px dashed #555; padding: .6rem .7rem; display: flex; gap: .6rem; align-items: flex-start; break-inside: avoid; overflow: hidden; }
                .card > div:first-child { flex: 1; min-width: 0; }
                .card h2 { font-size: 1rem; margin: 0 0 .2rem; border: 0; padding: 0; }
                .card p { margin: .2rem 0; font-size: .85rem; line-height: 1.3; }
                .code { font: 700 1.15rem ui-monospace, monospace; letter-spacing: .04em; white-space: nowrap; margin: .35rem 0 !important; }
                .address { overflow-wrap: anywhere; }
                .qr { width: 6.5rem; flex: none; } .qr svg { width: 100%; height: auto; }
                @media print {
                  .screen { display: none; } body { padding: 0; max-width: none; font-size: 10pt; }
                  /* Eight cards of 97 × 68 mm: four rows fit the 281 mm between the margins. */
                  .sheet { grid-template-columns: 97mm 97mm; grid-auto-rows: 68mm; break-after: page; margin: 0; }
                  .sheet:last-child { break-after: auto; }
                  .card { height: 68mm; box-sizing: border-box; padding: 4mm; }
                  .card h2 { font-size: 11pt; } .card p { font-size: 9pt; } .card .code { font-size: 15pt; }
                  .qr { width: 27mm; }
                }
                """, body: body)
    }

    private func card(_ code: InviteCode) -> String {
        let nl = language == .nl
        var html = "<div class=\"card\"><div>"
        html += "<h2>\(esc(survey.title))</h2>"
        html += "<p>\(esc(survey.level.promise))</p>"
        if let venue { html += "<p>\(nl ? "Geldig bij" : "Valid at"): <strong>\(Markup.escape(venue))</strong></p>" }
        html += "<p class=\"code\">\(code)</p>"
        html += "<p class=\"address\">\(nl ? "Stem op" : "Vote at") \(Markup.escape(address))</p>"
        html += "<p>\(nl ? "Eén code, één stem. Deel hem niet." : "One code, one vote. Do not share it.")</p>"
        html += "</div>"
        let link = link(for: code)
        if let symbol = try? QRCode(encoding: link) {
            html +=
                "<div class=\"qr\">\(symbol.svg(moduleSize: 3, quietZone: 4, title: nl ? "QR-code: opent het stembiljet met deze code" : "QR code: opens the ballot with this code"))</div>"
        }
        return html + "</div>"
    }

    private func esc(_ text: LocalizedText) -> String { Markup.escape(text.text(in: language)) }
}
