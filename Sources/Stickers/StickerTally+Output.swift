import Participation
public import Surveys
public import WijkpeilCore

extension StickerTally {
    /// The tally as JSON: `{"session", "options": [...], "posters", "participants", "stickers",
    /// "excluded": [{"file", "line", "code", "reason"}], "warnings": [...]}`, options in rank order.
    public func jsonValue(language: Language) -> JSONValue {
        .object([
            "session": .string(session),
            "options": .array(
                options.map { option in
                    var object: [String: JSONValue] = [
                        "id": .string(option.id), "label": option.label.jsonValue,
                        "counts": .object(option.counts.mapValues { .number(Double($0)) }),
                        "support": .number(Double(option.support)), "concern": .number(Double(option.concern)),
                        "share": .number(option.share), "rank": .number(Double(option.rank)),
                    ]
                    object["theme"] = option.theme.map(JSONValue.string) ?? .null
                    return .object(object)
                }),
            "posters": .object(
                posters.mapValues { options in
                    .object(options.mapValues { colours in .object(colours.mapValues { .number(Double($0)) }) })
                }),
            "participants": participants.map { .number(Double($0)) } ?? .null,
            "stickers": .number(Double(stickers)),
            "excluded": .array(
                excluded.map { exclusion in
                    .object([
                        "file": .string(exclusion.file), "line": .number(Double(exclusion.line)), "code": .string(exclusion.code),
                        "reason": .string(exclusion.reason.text(in: language)),
                    ])
                }),
            "warnings": .array(warnings.map { .string($0.text(in: language)) }),
        ])
    }

    /// One CSV row per option in rank order: `rank,option,label,support,concern,share,<colours…>`.
    public func csv(session: StickerSession, language: Language) -> String {
        var text = CSVWriter.line(["rank", "option", "label", "support", "concern", "share"] + session.colours.map(\.id))
        for option in options {
            text += CSVWriter.line(
                [
                    String(option.rank), option.id, option.label.text(in: language), String(option.support), String(option.concern),
                    String(format3(option.share)),
                ] + session.colours.map { String(option.counts[$0.id] ?? 0) })
        }
        return text
    }

    /// A horizontal bar chart to show on a projector the same evening: per option a solid bar for
    /// support and a hatched one for concern (told apart without colour), counts on the bars.
    public func svg(session: StickerSession, language: Language) -> String {
        let rowHeight = 56, top = 110, labelWidth = 420, barWidth = 520, width = labelWidth + barWidth + 80
        let height = top + rowHeight * max(options.count, 1) + 30
        let largest = max(1, options.map { max($0.support, $0.concern) }.max() ?? 1)
        let nl = language == .nl
        let title = session.title.text(in: language)
        let description = options.map { "\($0.rank). \($0.label.text(in: language)): \($0.support) \(nl ? "steun" : "support"), \($0.concern) \(nl ? "zorg" : "concern")" }
            .joined(separator: "; ")
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="t d" font-family="sans-serif">
            <title id="t">\(Markup.escape(title))</title>
            <desc id="d">\(Markup.escape(description))</desc>
            <defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#fde0dc"/><line x1="0" y1="0" x2="0" y2="8" stroke="#a50e0e" stroke-width="4"/></pattern></defs>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="20" y="40" font-size="26" font-weight="bold" fill="#111">\(Markup.escape(title))</text>
            <rect x="20" y="62" width="28" height="16" fill="#1b5e20"/><text x="56" y="76" font-size="16" fill="#111">\(nl ? "steun (belangrijk)" : "support (matters most)")</text>
            <rect x="250" y="62" width="28" height="16" fill="url(#hatch)" stroke="#a50e0e"/><text x="286" y="76" font-size="16" fill="#111">\(nl ? "zorg" : "concern")</text>

            """
        for (index, option) in options.enumerated() {
            let y = top + index * rowHeight
            let supportWidth = option.support * barWidth / largest, concernWidth = option.concern * barWidth / largest
            svg += """
                <text x="\(labelWidth - 12)" y="\(y + 24)" font-size="18" text-anchor="end" fill="#111">\(option.rank). \(Markup.escape(option.label.text(in: language)))</text>
                <rect x="\(labelWidth)" y="\(y + 6)" width="\(supportWidth)" height="22" fill="#1b5e20"/>
                <text x="\(labelWidth + supportWidth + 8)" y="\(y + 23)" font-size="16" fill="#111">\(option.support)</text>
                <rect x="\(labelWidth)" y="\(y + 30)" width="\(concernWidth)" height="16" fill="url(#hatch)" stroke="#a50e0e"/>
                <text x="\(labelWidth + concernWidth + 8)" y="\(y + 44)" font-size="14" fill="#a50e0e">\(option.concern)</text>

                """
        }
        return svg + "</svg>\n"
    }

    /// A table for the terminal.
    public func table(session: StickerSession, language: Language) -> [[String]] {
        options.map { option in
            [
                String(option.rank), option.id, option.label.text(in: language), String(option.support), String(option.concern),
                String(Int((option.share * 100).rounded())) + "%",
            ] + session.colours.map { String(option.counts[$0.id] ?? 0) }
        }
    }

    private func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}

extension StickerSession {
    /// A printable page per option (A3): the option in large type, boxes to stick on, and the
    /// colour legend. Self-contained HTML; print it from a browser.
    public func posterHTML(language: Language) -> String {
        let nl = language == .nl
        let legend = colours.map { colour in
            "<li><span class=\"dot \(colour.meaning.rawValue)\"></span>\(Markup.escape(colour.label.text(in: language))): "
                + (colour.meaning == .support ? (nl ? "dit vind ik het belangrijkst" : "this matters most to me") : (nl ? "dit baart mij zorgen" : "this worries me"))
                + " — \(colour.perParticipant) \(nl ? "per persoon" : "per person")</li>"
        }.joined()
        let boxes = String(repeating: "<div class=\"box\"></div>", count: 48)
        let pages = options.map { option in
            """
            <section class="poster">
              <p class="session">\(Markup.escape(title.text(in: language)))</p>
              <h1>\(Markup.escape(option.label.text(in: language)))</h1>
              <div class="boxes">\(boxes)</div>
              <ul class="legend">\(legend)<li>\(nl ? "Hoogstens \(maxPerOption) stickers van een kleur op dit onderwerp." : "At most \(maxPerOption) stickers of a colour on this subject.")</li></ul>
              <p class="code">\(Markup.escape(id)) / \(Markup.escape(option.id)) — \(nl ? "poster-id" : "poster id"): ______</p>
            </section>
            """
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><title>\(Markup.escape(title.text(in: language)))</title>
            <style>
            @page { size: A3 portrait; margin: 15mm; }
            body { font-family: sans-serif; color: #111; margin: 0; }
            .poster { page-break-after: always; break-after: page; min-height: 380mm; padding: 10mm; box-sizing: border-box; }
            .session { font-size: 20pt; margin: 0; }
            h1 { font-size: 72pt; margin: 8mm 0; }
            .boxes { display: grid; grid-template-columns: repeat(8, 30mm); gap: 4mm; margin: 10mm 0; }
            .box { width: 30mm; height: 30mm; border: 1mm dashed #555; border-radius: 50%; }
            .legend { font-size: 20pt; list-style: none; padding: 0; }
            .dot { display: inline-block; width: 12mm; height: 12mm; border-radius: 50%; border: 1mm solid #111; vertical-align: middle; margin-right: 4mm; }
            .dot.support { background: #1b5e20; }
            .dot.concern { background: repeating-linear-gradient(45deg, #a50e0e 0 3mm, #fde0dc 3mm 6mm); }
            .code { font-size: 14pt; color: #444; }
            </style></head>
            <body>
            \(pages)
            </body></html>

            """
    }

    /// A session for the digital `stickers` question of a survey: one support colour with the
    /// question's budget, its options and cap. Its id is the survey's.
    public init(survey: SurveyDefinition, question: Question) {
        var options: [Option] = [], budget = 1, cap = 1
        switch question.kind {
        case .stickers(let questionOptions, let stickers, let maxPerOption):
            (options, budget, cap) = (questionOptions, stickers, maxPerOption)
        case .sessionStickers(let allotment):
            // The session's own colours, so the phones' dots and the posters' stickers add up.
            self.init(
                id: allotment.session, title: question.text, level: survey.level, themeSet: survey.themeSet, options: allotment.options,
                colours: allotment.colours, maxPerOption: allotment.maxPerOption)
            return
        default:
            break
        }
        self.init(
            id: survey.id, title: question.text, level: survey.level, themeSet: survey.themeSet, options: options,
            colours: [StickerColour(id: "stip", label: LocalizedText(nl: "stip", en: "dot"), meaning: .support, perParticipant: budget)],
            maxPerOption: cap)
    }
}
