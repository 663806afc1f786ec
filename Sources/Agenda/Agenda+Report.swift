import Participation
public import WijkpeilCore

extension Agenda {
    public static func tableHeader(language: Language) -> [String] {
        language == .nl
            ? ["#", "thema", "stickers", "genoemd", "enquête", "cijfers", "score", "stabiliteit", "speerpunt", "let op"]
            : ["#", "theme", "stickers", "named", "survey", "statistics", "score", "stability", "priority", "flags"]
    }

    /// Rows for the terminal, in rank order: the normalised signals, the score, the stability.
    public func table(language: Language) -> [[String]] {
        themes.map { theme in
            [String(theme.rank), theme.label.text(in: language)]
                + Signal.allCases.map { signal in theme.signals[signal] == nil ? "–" : language.decimal(theme.normalised[signal] ?? 0, digits: 2) }
                + [
                    language.decimal(theme.score, digits: 3), language.percent(theme.stability),
                    theme.selected ? (language == .nl ? "ja" : "yes") : "", theme.flags.joined(separator: ","),
                ]
        }
    }

    /// How many weight vectors the stability was counted over: 1,771 with four signals.
    var stabilityPoints: Int {
        Self.grid(present: Signal.allCases.filter { signal in themes.contains { $0.signals[signal] != nil } }).count
    }

    /// The weights in words: "stickers van bewoners 40%, ontevredenheid in de enquête 30%, …".
    func weightsText(language: Language) -> String {
        Signal.allCases.filter { appliedWeights[$0] > 0 }
            .map { "\($0.label.text(in: language)) \(language.percent(appliedWeights[$0]))" }
            .joined(separator: ", ")
    }

    /// The council's answer in a sentence.
    func answerText(for theme: String, language: Language) -> String {
        let nl = language == .nl
        guard let response = responses[theme] else {
            return nl ? "De raad heeft nog niet geantwoord." : "The council has not answered yet."
        }
        return sentence(response, language: language, first: nl ? "De raad: " : "The council: ")
    }

    /// Earlier answers to a priority, oldest first, each in a sentence: residents see when and
    /// why an answer changed.
    func historyText(for theme: String, language: Language) -> [String] {
        (responses[theme]?.history ?? []).map { sentence($0, language: language, first: language == .nl ? "Eerder: " : "Earlier: ") }
    }

    private func sentence(_ response: CouncilResponse, language: Language, first: String) -> String {
        let nl = language == .nl
        var text = first + response.decision.label.text(in: language)
        if let frame = response.frame { text += nl ? " (kader: \(frame))" : " (frame: \(frame))" }
        if !response.date.isEmpty { text += " (\(CalendarDate(response.date).map { language.longDate($0) } ?? response.date))" }
        if let reason = response.reason { text += (nl ? ". Waarom: " : ". Why: ") + reason }
        return text.last.map { ".!?".contains($0) } == true ? text : text + "."
    }

    /// "drie", "vier": how many signals counted, in words.
    func signalCount(language: Language) -> String {
        let count = Signal.allCases.filter { appliedWeights[$0] > 0 }.count
        let words = language == .nl ? ["geen", "één ding", "twee dingen", "drie dingen", "vier dingen"] : ["nothing", "one thing", "two things", "three things", "four things"]
        return count < words.count ? words[count] : String(count)
    }

    /// The agenda in Markdown, for the council's papers.
    public func markdown(language: Language) -> String {
        let nl = language == .nl
        var text = "# " + (nl ? "Wijkagenda: speerpunten" : "Neighbourhood agenda: priorities") + "\n\n" + (area.map { "**\($0)**\n\n" } ?? "")
        for (position, id) in priorities.enumerated() {
            guard let theme = themes.first(where: { $0.theme == id }) else { continue }
            text += "\(position + 1). **\(theme.label.text(in: language))** — \(theme.explanation.text(in: language))"
            if theme.flags.contains("fragile") { text += nl ? " *(wankel: hangt af van de weging)*" : " *(fragile: depends on the weights)*" }
            text += "  \n   " + answerText(for: id, language: language) + "\n"
            for earlier in historyText(for: id, language: language) { text += "   " + earlier + "\n" }
        }
        if !councilPriorities.isEmpty {
            text +=
                "\n" + (nl ? "Door de raad toegevoegd (telt niet mee bij de speerpunten van bewoners):" : "Added by the council (not one of the residents' priorities):") + "\n\n"
            for priority in councilPriorities {
                text += "- **\(priority.label.text(in: language))** (\(priority.date)): \(priority.reason)\n"
            }
        }
        text += "\n" + (nl ? "Gewogen: " : "Weighed: ") + weightsText(language: language) + ".\n\n"
        let header = Self.tableHeader(language: language)
        text += "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: header.count) + "\n"
        for row in table(language: language) { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }

    /// The page for residents: the priorities, how they were weighed, and the council's answer
    /// to each — "what happened with your input". Self-contained, no scripts.
    public func html(language: Language) -> String {
        let nl = language == .nl
        let title = nl ? "Wijkagenda: wat er met uw inbreng gebeurde" : "Neighbourhood agenda: what happened with your input"
        var body = "<h1>\(title)</h1>\n" + (area.map { "<p class=\"area\"><strong>\(Markup.escape($0))</strong></p>\n" } ?? "")
        if let evening, let line = eveningLine(evening, language: language) { body += "<p class=\"evening\">\(Markup.escape(line))</p>\n" }
        body += "<p class=\"promise\">" + Markup.escape(level.promise.text(in: language)) + "</p>\n"
        body += "<h2>\(nl ? "De speerpunten" : "The priorities")</h2>\n<ol class=\"priorities\">"
        for id in priorities {
            guard let theme = themes.first(where: { $0.theme == id }) else { continue }
            let decision = responses[id]?.decision
            body += "<li><h3>\(Markup.escape(theme.label.text(in: language)))</h3>"
            body += "<p class=\"reason\">\(Markup.escape(plainReason(for: theme, language: language)))</p>"
            body +=
                "<p class=\"figures\">\(nl ? "In cijfers" : "In figures"): \(Markup.escape(String(theme.explanation.text(in: language).drop { $0 != ":" }.dropFirst()).trimmingWhitespace))</p>"
            if theme.flags.contains("fragile") {
                body +=
                    "<p class=\"note\">"
                    + (nl
                        ? "Let op: dit speerpunt hangt af van de weging; bij \(Markup.escape(language.percent(1 - theme.stability))) van de andere wegingen was een ander thema gekozen."
                        : "Note: this priority depends on the weights; under \(Markup.escape(language.percent(1 - theme.stability))) of other weightings another theme would have been chosen.")
                    + "</p>"
            }
            body += "<p class=\"answer \(decision?.rawValue ?? "open")\"><strong>\(Markup.escape(answerText(for: id, language: language)))</strong></p>"
            for earlier in historyText(for: id, language: language) { body += "<p class=\"earlier\">\(Markup.escape(earlier))</p>" }
            body += "</li>"
        }
        body += "</ol>\n"
        if !councilPriorities.isEmpty {
            body +=
                "<h2>\(nl ? "Door de raad toegevoegd" : "Added by the council")</h2>\n<p>"
                + (nl
                    ? "Deze speerpunten kiest de raad zelf; ze tellen niet mee bij de speerpunten van bewoners."
                    : "The council chose these priorities itself; they are not among the residents' priorities.")
                + "</p><ul class=\"council\">"
            for priority in councilPriorities {
                body +=
                    "<li><strong>\(Markup.escape(priority.label.text(in: language)))</strong> (\(Markup.escape(CalendarDate(priority.date).map { language.longDate($0) } ?? priority.date))): \(Markup.escape(priority.reason))</li>"
            }
            body += "</ul>\n"
        }
        body += "<h2>\(nl ? "Hoe er is gewogen" : "How the themes were weighed")</h2>\n<p>"
        body +=
            Markup.escape(
                nl
                    ? "Per thema tellen \(signalCount(language: language)) mee: \(weightsText(language: language)). Elk is gedeeld door de hoogste waarde van alle thema's, zodat ze vergelijkbaar zijn. De \(max) thema's met de hoogste score zijn de speerpunten. De stabiliteit zegt bij welk deel van \(stabilityPoints) wegingen een thema ook gekozen was."
                    : "Per theme, \(signalCount(language: language)) count: \(weightsText(language: language)). Each is divided by the highest value over the themes, so they compare. The \(max) themes with the highest scores are the priorities. Stability says under what share of \(stabilityPoints) weightings a theme would also have been chosen."
            ) + "</p>\n"
        body += "<figure>" + scoreChart(language: language) + "</figure>\n"
        // The figures behind the chart, for whoever wants to check them, folded away.
        body += "<details><summary>\(nl ? "De cijfers per thema" : "The figures per theme")</summary>"
        body +=
            "<div class=\"scroll\" role=\"region\" aria-label=\"\(nl ? "weging per thema" : "weighing per theme")\" tabindex=\"0\"><table><thead><tr>"
            + Self.tableHeader(language: language).map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in table(language: language) {
            body +=
                "<tr>" + row.enumerated().map { index, cell in index == 1 ? "<th scope=\"row\">\(Markup.escape(cell))</th>" : "<td>\(Markup.escape(cell))</td>" }.joined() + "</tr>"
        }
        body += "</tbody></table></div></details>\n"
        body += "<details class=\"check\"><summary>\(nl ? "Controleer deze uitslag" : "Check this outcome")</summary><p>"
        body += Markup.escape(
            nl
                ? "Deze agenda is berekend met Wijkpeil \(version) uit de bestanden hieronder. Wie ze heeft, kan met het programma Wijkpeil (de opdracht agenda verify) nagaan dat de uitkomst klopt. Elk bestand heeft een vingerafdruk (SHA-256): is het bestand veranderd, dan klopt de vingerafdruk niet meer."
                : "This agenda was computed with Wijkpeil \(version) from the files below. Anyone who has them can check the outcome with the Wijkpeil program (the command agenda verify). Each file has a fingerprint (SHA-256): if the file changed, the fingerprint no longer matches."
        )
        body += "</p><ul>"
        for input in inputs {
            body +=
                "<li>\(Markup.escape(Self.roleName(input.role, language: language))): \(Markup.escape(input.file))<br><span class=\"hash\">\(Markup.escape(input.sha256))</span></li>"
        }
        body += "</ul></details>\n"
        return Markup.page(
            title: title + (area.map { " — " + $0 } ?? ""), language: language, maxWidth: "48rem",
            style: """
                body { line-height: 1.5; font-size: 1.05rem; }
                .promise { background: #eef4f8; border-left: 6px solid #1b4f72; padding: .75rem 1rem; }
                .priorities li { margin-bottom: 1.25rem; }
                .answer { padding: .5rem .75rem; border: 2px solid #1b4f72; }
                .answer.rejected, .answer.outside-frames { border-color: #8a1c1c; } .answer.open { border-style: dashed; border-color: #555; }
                .earlier { color: #444; margin-top: .25rem; }
                .reason { font-size: 1.1rem; } .figures { color: #333; font-size: .95rem; }
                .evening { font-weight: 600; }
                .note { color: #5a3b00; }
                table { width: 100%; font-size: .95rem; }
                .hash { word-break: break-all; font-size: .85rem; font-family: ui-monospace, monospace; }
                figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
                details { margin: 1rem 0; } summary { cursor: pointer; font-weight: 600; }
                """, body: body)
    }

    /// "Op de bewonersavond van 10 december 2026 deden 26 bewoners mee."
    func eveningLine(_ evening: Evening, language: Language) -> String? {
        let nl = language == .nl
        let date = evening.date.map { text in CalendarDate(text).map { language.longDate($0) } ?? text }
        switch (date, evening.participants) {
        case (let date?, let count?):
            return nl ? "Op de bewonersavond van \(date) deden \(count) bewoners mee." : "\(count) residents took part in the resident evening of \(date)."
        case (let date?, nil):
            return nl ? "Gekozen na de bewonersavond van \(date)." : "Chosen after the resident evening of \(date)."
        case (nil, let count?):
            return nl ? "Op de bewonersavond deden \(count) bewoners mee." : "\(count) residents took part in the resident evening."
        case (nil, nil):
            return nil
        }
    }

    /// One sentence in plain Dutch (B1) on why a theme became a priority, from the two signals
    /// that added most to its score: "Veiligheid komt op de agenda, vooral omdat 8 van de 10
    /// bewoners dit als eerste noemden en de cijfers slechter zijn dan de referentie." Shares
    /// are said as "x van de 10", the way people count. A rendering of the recorded signals:
    /// the stored explanation is left as it is.
    public func plainReason(for theme: Theme, language: Language) -> String {
        let nl = language == .nl
        func tenths(_ share: Double) -> Int { Swift.max(1, Swift.min(10, Int((share * 10).rounded()))) }
        let strongest = theme.contributions.filter { $0.value > Self.tolerance }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .prefix(2).map(\.key)
        let largest = themes.compactMap { $0.signals[.residents] }.max() ?? 0
        let stickers = theme.signals[.residents] ?? 0
        let mostStickers = largest > 0 && stickers >= largest - Self.tolerance, manyStickers = largest > 0 && stickers / largest >= 2.0 / 3
        let reasons = strongest.compactMap { signal -> String? in
            guard let value = theme.signals[signal] else { return nil }
            switch signal {
            case .residents:
                if mostStickers { return nl ? "bewoners er op de avond de meeste stickers op plakten" : "residents put the most stickers on it at the evening" }
                if manyStickers { return nl ? "bewoners er op de avond veel stickers op plakten" : "residents put many stickers on it at the evening" }
                return nl ? "bewoners er op de avond stickers op plakten" : "residents put stickers on it at the evening"
            case .mentions:
                return nl ? "\(tenths(value)) van de 10 bewoners dit als eerste noemden wat beter moet" : "\(tenths(value)) in 10 residents named it first as what should improve"
            case .survey:
                return nl ? "\(tenths(value)) van de 10 bewoners hierover ontevreden zijn" : "\(tenths(value)) in 10 residents are dissatisfied with it"
            case .indicators:
                return nl ? "de cijfers van CBS en gemeente slechter zijn dan de referentie" : "the statistics are worse than the reference"
            }
        }
        let label = theme.label.text(in: language)
        guard !reasons.isEmpty else { return nl ? "\(label) komt op de agenda." : "\(label) is on the agenda." }
        let joined = reasons.joined(separator: nl ? " en " : " and ")
        return nl ? "\(label) komt op de agenda, vooral omdat \(joined)." : "\(label) is on the agenda, mainly because \(joined)."
    }

    /// What a file was to the agenda, in words: `analyse`, `stickeruitslag`.
    static func roleName(_ role: String, language: Language) -> String {
        let nl = language == .nl
        switch role {
        case "analysis": return nl ? "analyse" : "analysis"
        case "stickers": return nl ? "stickeruitslag" : "sticker tally"
        case "agenda": return nl ? "agenda" : "agenda"
        default: return role
        }
    }

    /// Each theme's score as a bar, the priorities dark and the rest light, with the score and
    /// the rank written beside it: 360 wide, so that its 13-pixel text stays legible on a phone.
    func scoreChart(language: Language) -> String {
        let nl = language == .nl
        // Room for the longest label ("Woonomgeving en voorzieningen") at 13 pixels.
        let width = 360.0, labelWidth = 212.0, barWidth = 108.0, row = 24.0
        let height = Double(themes.count) * row + 4
        let words =
            (nl ? "Score per thema (hoogste is 1): " : "Score per theme (highest is 1): ")
            + themes.map { "\($0.label.text(in: language)) \(language.decimal($0.score, digits: 2))\($0.selected ? (nl ? ", speerpunt" : ", priority") : "")" }
            .joined(separator: "; ") + "."
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markup.escape(words))\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
        let top = themes.map(\.score).max() ?? 1
        for (index, theme) in themes.enumerated() {
            let y = Double(index) * row + 2
            let length = top > 0 ? barWidth * Swift.max(0, theme.score) / top : 0
            svg += "<text x=\"0\" y=\"\(y + 14)\"\(theme.selected ? " font-weight=\"bold\"" : "")>\(Markup.escape(theme.label.text(in: language)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"16\" fill=\"\(theme.selected ? "#1b4f72" : "#a9c3d6")\"/>"
            svg += "<text x=\"\(labelWidth + length + 5)\" y=\"\(y + 14)\">\(language.decimal(theme.score, digits: 2))</text>"
        }
        return svg + "</svg>"
    }
}
