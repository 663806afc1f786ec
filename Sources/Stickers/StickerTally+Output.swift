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
    /// support and a hatched one for concerns (told apart without colour), counts on the bars.
    /// The hatching is drawn as lines, not as an SVG pattern, so that it survives every
    /// conversion to PNG or PDF.
    public func svg(session: StickerSession, language: Language) -> String {
        let rowHeight = 56, top = 130, labelWidth = 420, barWidth = 520, width = labelWidth + barWidth + 80
        let height = top + rowHeight * max(options.count, 1) + 30
        let largest = max(1, options.map { max($0.support, $0.concern) }.max() ?? 1)
        let nl = language == .nl
        let title = session.title.text(in: language)
        let description = options.map { "\($0.rank). \($0.label.text(in: language)): \($0.support) \(nl ? "steun" : "support"), \($0.concern) \(nl ? "zorgen" : "concerns")" }
            .joined(separator: "; ")
        var counted = "\(stickers) stickers"
        if let participants {
            counted =
                (nl ? "\(participants) \(participants == 1 ? "deelnemer" : "deelnemers")" : "\(participants) \(participants == 1 ? "participant" : "participants")") + " · "
                + counted
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="t d" font-family="sans-serif">
            <title id="t">\(Markup.escape(title))</title>
            <desc id="d">\(Markup.escape(counted)). \(Markup.escape(description))</desc>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="20" y="40" font-size="26" font-weight="bold" fill="#111">\(Markup.escape(title))</text>
            <text x="20" y="70" font-size="18" fill="#333">\(Markup.escape(counted))</text>
            <rect x="20" y="86" width="28" height="16" fill="#1b5e20"/><text x="56" y="100" font-size="16" fill="#111">\(nl ? "steun: vindt men het belangrijkst" : "support: matters most")</text>
            \(Self.hatched(x: 380, y: 86, width: 28, height: 16))<text x="416" y="100" font-size="16" fill="#111">\(nl ? "zorgen: baart men zorgen" : "concerns: worries people")</text>

            """
        for (index, option) in options.enumerated() {
            let y = top + index * rowHeight
            let supportWidth = option.support * barWidth / largest, concernWidth = option.concern * barWidth / largest
            svg += """
                <text x="\(labelWidth - 12)" y="\(y + 24)" font-size="18" text-anchor="end" fill="#111">\(option.rank). \(Markup.escape(option.label.text(in: language)))</text>
                <rect x="\(labelWidth)" y="\(y + 6)" width="\(supportWidth)" height="22" fill="#1b5e20"/>
                <text x="\(labelWidth + supportWidth + 8)" y="\(y + 23)" font-size="16" fill="#111">\(option.support)</text>
                \(Self.hatched(x: labelWidth, y: y + 30, width: concernWidth, height: 16))
                <text x="\(labelWidth + concernWidth + 8)" y="\(y + 44)" font-size="14" fill="#a50e0e">\(option.concern)</text>

                """
        }
        return svg + "</svg>\n"
    }

    /// A light red box with dark red 45° lines, 8 units apart, each cut off at the box's edges.
    static func hatched(x: Int, y: Int, width: Int, height: Int) -> String {
        guard width > 0 else { return "" }
        var path = ""
        // The line through (x + t, y + height) rising to the right; s runs along it.
        for t in stride(from: -height, to: width, by: 8) {
            let from = max(0, -t), to = min(height, width - t)
            guard from < to else { continue }
            path += "M\(x + t + from) \(y + height - from)L\(x + t + to) \(y + height - to)"
        }
        return
            "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"#fde0dc\"/><path d=\"\(path)\" stroke=\"#a50e0e\" stroke-width=\"3\"/><rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#a50e0e\"/>"
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
