import Surveys
public import WijkpeilCore

extension StickerSession {
    /// What a set of posters is printed for: the evening's date and the tables, each table with
    /// a poster per option. Without tables, one set with a line to write the table on.
    public struct PosterRun: Sendable, Hashable {
        public var date: CalendarDate?
        public var tables: [String]

        public init(date: CalendarDate? = nil, tables: [String] = []) {
            self.date = date
            self.tables = tables
        }
    }

    /// A printable A3 page per option and table: the session, date and table at the top, the
    /// option in large type (smaller when it is long, so that two lines still fit), seven by seven circles to stick on, the colour legend, and the
    /// poster's id for the tally. Self-contained HTML; print it from a browser at 100%.
    ///
    /// The circles fill the sheet's width inside 12 mm margins (7 × 32 mm and 6 gaps of 5 mm:
    /// 254 of 273 mm); the legend's dots are SVG, so they print without "background graphics".
    public func posterHTML(language: Language, run: PosterRun = PosterRun()) -> String {
        let nl = language == .nl
        let legend = colours.map { colour in
            "<li>\(Self.dot(colour.meaning))<span>\(Markup.escape(colour.label.text(in: language).capitalizedFirst)): "
                + (colour.meaning == .support ? (nl ? "dit vind ik het belangrijkst" : "this matters most to me") : (nl ? "dit baart mij zorgen" : "this worries me"))
                + " — \(colour.perParticipant) \(nl ? "per persoon" : "per person")</span></li>"
        }.joined()
        let circles = String(repeating: "<div class=\"box\"></div>", count: 49)
        let date = run.date.map { language.longDate($0) }
        let tables: [String?] = run.tables.isEmpty ? [nil] : run.tables.map { $0 }
        var pages: [String] = []
        for table in tables {
            for option in options {
                let tableText = table.map { (nl ? "Tafel " : "Table ") + Markup.escape($0) } ?? (nl ? "Tafel: ________" : "Table: ________")
                let posterID = table.map { Markup.escape(Self.posterID(table: $0, option: option.id)) } ?? "________"
                pages.append(
                    """
                    <section class="poster" aria-label="\(Markup.escape(option.label.text(in: language)))">
                      <p class="session"><span>\(Markup.escape(title.text(in: language)))</span><span>\(date.map(Markup.escape) ?? (nl ? "Datum: ________" : "Date: ________"))</span><span>\(tableText)</span></p>
                      <h2\(option.label.text(in: language).count > 14 ? " class=\"long\"" : "")>\(Markup.escape(option.label.text(in: language)))</h2>
                      <div class="boxes">\(circles)</div>
                      <ul class="legend">\(legend)<li class="cap">\(nl ? "Hoogstens \(maxPerOption) stickers van een kleur op dit onderwerp." : "At most \(maxPerOption) stickers of a colour on this subject.")</li></ul>
                      <p class="code">\(nl ? "Voor de telling" : "For the tally"): \(Markup.escape(id)) · \(Markup.escape(option.id)) · \(nl ? "poster" : "poster") \(posterID)</p>
                    </section>
                    """)
            }
        }
        let heading = title.text(in: language)
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(heading)) — \(nl ? "posters" : "posters")</title>
            <style>
            @page { size: A3 portrait; margin: 12mm; }
            body { font-family: system-ui, sans-serif; color: #111; margin: 0; }
            h1 { font-size: 1.25rem; }
            .poster { break-after: page; }
            .poster:last-child { break-after: auto; }
            .session { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 2rem; font-size: 1.25rem; margin: 0; border-bottom: 2px solid #111; padding-bottom: .25rem; }
            h2 { font-size: clamp(2rem, 12vw, 72pt); line-height: 1.1; margin: 1rem 0; overflow-wrap: anywhere; }
            .boxes { display: grid; grid-template-columns: repeat(7, 1fr); gap: .5rem; max-width: 254mm; }
            .box { aspect-ratio: 1; border: 2px dashed #555; border-radius: 50%; }
            .legend { font-size: 1.25rem; list-style: none; padding: 0; }
            .legend li { display: flex; align-items: center; gap: .75rem; margin: .4rem 0; }
            .legend svg { flex: none; width: 2.5rem; height: 2.5rem; }
            .code { color: #333; }
            @media screen { body { padding: 1rem; max-width: 60rem; margin: 0 auto; } .poster { border-bottom: 4px solid #999; margin-bottom: 2rem; padding-bottom: 1rem; } }
            @media print {
              .intro { display: none; }
              .session { font-size: 16pt; }
              h2 { font-size: 72pt; margin: 6mm 0; }
              h2.long { font-size: 44pt; }
              .boxes { grid-template-columns: repeat(7, 32mm); gap: 5mm; margin: 6mm 0; }
              .box { width: 32mm; height: 32mm; border-width: 1mm; }
              .legend { font-size: 18pt; margin: 6mm 0 3mm; }
              .legend svg { width: 12mm; height: 12mm; }
              .code { font-size: 12pt; }
            }
            </style></head>
            <body><main>
            <h1 class="intro">\(nl ? "Posters voor ‘\(Markup.escape(heading))’: \(pages.count) stuks, af te drukken op A3 (ware grootte, staand)" : "Posters for ‘\(Markup.escape(heading))’: \(pages.count), to print on A3 (actual size, portrait)")</h1>
            \(pages.joined(separator: "\n"))
            </main></body></html>

            """
    }

    /// The id a table's poster for `option` is tallied under: `1-veiligheid`.
    public static func posterID(table: String, option: String) -> String {
        let slug = table.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return slug + "-" + option
    }

    /// A legend dot drawn in SVG, as the stickers: solid green for support, red with white
    /// stripes for concern (told apart without colour).
    static func dot(_ meaning: StickerColour.Meaning) -> String {
        switch meaning {
        case .support:
            return "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\"><circle cx=\"12\" cy=\"12\" r=\"11\" fill=\"#1b5e20\" stroke=\"#111\" stroke-width=\"1.5\"/></svg>"
        case .concern:
            // Stripes as chords of the circle: no pattern or clip needed.
            var stripes = ""
            let root2 = 2.squareRoot()
            for distance in stride(from: -8.0, through: 8.0, by: 4.0) {
                // The chord at `distance` from the centre, running at 45°.
                let half = (121 - distance * distance).squareRoot()
                let start = (x: 12 + (distance - half) / root2, y: 12 + (-distance - half) / root2)
                let end = (x: 12 + (distance + half) / root2, y: 12 + (-distance + half) / root2)
                stripes += "M\(short(start.x)) \(short(start.y))L\(short(end.x)) \(short(end.y))"
            }
            return
                "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\"><circle cx=\"12\" cy=\"12\" r=\"11\" fill=\"#a50e0e\"/><path d=\"\(stripes)\" stroke=\"#fff\" stroke-width=\"1.6\"/><circle cx=\"12\" cy=\"12\" r=\"11\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/></svg>"
        }
    }

    private static func short(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }
}
