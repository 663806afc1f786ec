public import WijkpeilCore

extension NeighbourhoodAnalysis {
    /// A self-contained report a council member reads in five minutes: per theme a chart (the
    /// mean with its 95% interval against the reference), the SWOT draft, who took part, and the
    /// caveats in plain words. No scripts, no external assets.
    public func html(language: Language) -> String {
        let nl = language == .nl
        let title = Markup.escape(self.title.text(in: language))
        var body = "<h1>\(title)</h1>\n" + (area.map { "<p class=\"area\"><strong>\(Markup.escape($0.line))</strong></p>\n" } ?? "")
        body +=
            "<p>"
            + Markup.escape(
                nl
                    ? "Wijkanalyse van \(participation.responses) reacties" + (participation.referenceResponses.map { ", vergeleken met een referentie van \($0) reacties" } ?? "")
                        + "."
                    : "Neighbourhood analysis of \(participation.responses) responses"
                        + (participation.referenceResponses.map { ", compared with a reference of \($0) responses" } ?? "") + ".") + "</p>\n"
        body += "<section><h2>\(nl ? "Let op" : "Read this first")</h2><ul>" + caveats(language: language).map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></section>\n"
        body += "<section><h2>SWOT</h2><div class=\"swot\">"
        for (heading, entries) in swotSections(language: language) {
            body += "<div><h3>\(heading)</h3><ul>"
            body +=
                entries.isEmpty
                ? "<li class=\"none\">\(nl ? "niets volgens de regels" : "nothing under the rules")</li>"
                : entries.map { "<li>\(Markup.escape($0.text.text(in: language)))</li>" }.joined()
            body += "</ul></div>"
        }
        body +=
            "</div><p class=\"note\">"
            + Markup.escape(
                nl
                    ? "Regels: sterk = duidelijk beter dan de referentie (in de wijk of in één buurt) of een indicator ≥ 10% beter; zwak = duidelijk slechter of een indicator ≥ 10% slechter; kansen = verbeterende indicatoren en bewoners die willen meehelpen; bedreigingen = verslechterende indicatoren."
                    : "Rules: strength = significantly better than the reference (in the wijk or in one buurt) or an indicator ≥ 10% better; weakness = significantly worse or an indicator ≥ 10% worse; opportunities = improving indicators and residents willing to help; threats = worsening indicators."
            ) + "</p></section>\n"
        body += "<section><h2>\(nl ? "Thema's" : "Themes")</h2>\n"
        for theme in themes {
            body += "<article><h3>\(Markup.escape(theme.label.text(in: language)))</h3>\n" + chart(theme, language: language)
            body += "<p>" + Markup.escape(summary(of: theme, language: language)) + "</p>"
            if !theme.indicators.isEmpty {
                body +=
                    "<div class=\"scroll\" role=\"region\" aria-label=\"\(Markup.escape(theme.label.text(in: language))): \(nl ? "indicatoren" : "indicators")\" tabindex=\"0\"><table><caption>\(nl ? "Indicatoren" : "Indicators")</caption><thead><tr><th scope=\"col\">\(nl ? "indicator" : "indicator")</th><th scope=\"col\">\(nl ? "waarde" : "value")</th><th scope=\"col\">\(nl ? "referentie" : "reference")</th><th scope=\"col\">\(nl ? "verschil" : "gap")</th><th scope=\"col\">\(nl ? "trend" : "trend")</th></tr></thead><tbody>"
                for indicator in theme.indicators {
                    let name = indicator.name + (indicator.buurt.map { " (\($0))" } ?? "")
                    let gap = (indicator.gap > 0 ? (nl ? "slechter " : "worse ") : indicator.gap < 0 ? (nl ? "beter " : "better ") : "") + language.percent(abs(indicator.gap))
                    let trend: String =
                        switch indicator.trend {
                        case .improving?: nl ? "verbetert" : "improving"
                        case .worsening?: nl ? "verslechtert" : "worsening"
                        case .stable?: nl ? "gelijk" : "stable"
                        case nil: "–"
                        }
                    body +=
                        "<tr><th scope=\"row\">\(Markup.escape(name))</th><td>\(language.number(indicator.value))</td><td>\(language.number(indicator.reference))</td><td>\(gap)</td><td>\(trend)</td></tr>"
                }
                body += "</tbody></table></div>"
            }
            body += "</article>\n"
        }
        body += "</section>\n"
        if let previous { body += previous.htmlSection(language: language) }
        body += participationSection(language: language)
        return Markup.page(
            title: self.title.text(in: language) + (area.map { " — " + $0.line } ?? ""), language: language,
            style: """
                h1 { font-size: 1.8rem; }
                .swot { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
                @media (max-width: 40rem) { .swot { grid-template-columns: 1fr; } }
                .swot > div { border: 1px solid #999; padding: .5rem 1rem; }
                .none, .note { color: #444; }
                svg { max-width: 100%; height: auto; }
                """, body: body)
    }

    /// One sentence per theme, for the report and for screen readers.
    func summary(of theme: Theme, language: Language) -> String {
        let nl = language == .nl
        let label = theme.label.text(in: language)
        guard let mean = theme.marks.mean else {
            return nl ? "\(label): \(theme.marks.n) antwoorden — te weinig om een gemiddelde te tonen." : "\(label): \(theme.marks.n) answers — too few to show a mean."
        }
        var text = nl ? "\(label): gemiddeld \(language.decimal(mean)) (n = \(theme.marks.n))" : "\(label): mean \(language.decimal(mean)) (n = \(theme.marks.n))"
        if let ci = theme.marks.ci95 {
            text +=
                nl
                ? ", 95%-interval \(language.decimal(ci.lowerBound))–\(language.decimal(ci.upperBound))"
                : ", 95% interval \(language.decimal(ci.lowerBound))–\(language.decimal(ci.upperBound))"
        }
        if let share = theme.marks.dissatisfied?.share {
            text += nl ? "; \(language.percent(share)) ontevreden" : "; \(language.percent(share)) dissatisfied"
        }
        if let reference = theme.comparison?.reference.mean {
            text += nl ? "; referentie \(language.decimal(reference))" : "; reference \(language.decimal(reference))"
            if theme.flags.contains(.worse) {
                text += nl ? ", duidelijk slechter" : ", significantly worse"
            } else if theme.flags.contains(.better) {
                text += nl ? ", duidelijk beter" : ", significantly better"
            } else {
                text += nl ? ", geen duidelijk verschil" : ", no clear difference"
            }
        }
        if theme.flags.contains(.mixed) {
            text += nl ? "; de buurten verschillen duidelijk van elkaar" : "; the buurten differ clearly from each other"
        }
        if theme.flags.contains(.indicative) { text += nl ? " (indicatief)" : " (indicative)" }
        return text + "."
    }

    /// Mean and 95% interval of the wijk and of each group on the theme's scale, the reference
    /// as a dashed line. Intervals are whiskers; shapes and labels carry the meaning, not colour.
    func chart(_ theme: Theme, language: Language) -> String {
        let nl = language == .nl
        let scale = theme.marks.summary.scale
        let left = 170.0, width = 420.0, rowHeight = 30.0, top = 34.0
        var rows: [(String, Marks)] = [(nl ? "hele wijk" : "whole wijk", theme.marks)]
        rows += theme.groups.map { ($0.label.text(in: language), $0.marks) }
        let height = top + rowHeight * Double(rows.count) + 16
        func x(_ value: Double) -> String {
            let span = Double(scale.upperBound - scale.lowerBound)
            let position = left + width * (value - Double(scale.lowerBound)) / (span > 0 ? span : 1)
            return String(Int(position.rounded()))
        }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 620 \(Int(height))\" width=\"620\" height=\"\(Int(height))\" role=\"img\" aria-labelledby=\"t-\(theme.theme) d-\(theme.theme)\" font-family=\"sans-serif\" font-size=\"13\">"
        svg += "<title id=\"t-\(theme.theme)\">\(Markup.escape(theme.label.text(in: language)))</title>"
        svg += "<desc id=\"d-\(theme.theme)\">\(Markup.escape(summary(of: theme, language: language)))</desc>"
        for mark in scale {
            svg += "<line x1=\"\(x(Double(mark)))\" y1=\"\(Int(top - 6))\" x2=\"\(x(Double(mark)))\" y2=\"\(Int(height - 14))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(x(Double(mark)))\" y=\"\(Int(top - 12))\" text-anchor=\"middle\" fill=\"#333\">\(mark)</text>"
        }
        if let reference = theme.comparison?.reference.mean {
            svg +=
                "<line x1=\"\(x(reference))\" y1=\"\(Int(top - 6))\" x2=\"\(x(reference))\" y2=\"\(Int(height - 14))\" stroke=\"#7a4b00\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            svg +=
                "<text x=\"\(x(reference))\" y=\"\(Int(height - 2))\" text-anchor=\"middle\" fill=\"#7a4b00\">\(nl ? "referentie" : "reference") \(language.decimal(reference))</text>"
        }
        for (index, (label, marks)) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            svg +=
                "<text x=\"\(Int(left - 10))\" y=\"\(Int(y + 4))\" text-anchor=\"end\" fill=\"#111\"\(index == 0 ? " font-weight=\"bold\"" : "")>\(Markup.escape(label)) (n=\(marks.n))</text>"
            guard let mean = marks.mean else {
                svg += "<text x=\"\(Int(left + 6))\" y=\"\(Int(y + 4))\" fill=\"#555\">\(nl ? "te weinig antwoorden" : "too few answers")</text>"
                continue
            }
            if let ci = marks.ci95 {
                svg += "<line x1=\"\(x(ci.lowerBound))\" y1=\"\(Int(y))\" x2=\"\(x(ci.upperBound))\" y2=\"\(Int(y))\" stroke=\"#1b4f72\" stroke-width=\"2\"/>"
                for end in [ci.lowerBound, ci.upperBound] {
                    svg += "<line x1=\"\(x(end))\" y1=\"\(Int(y - 6))\" x2=\"\(x(end))\" y2=\"\(Int(y + 6))\" stroke=\"#1b4f72\" stroke-width=\"2\"/>"
                }
            }
            svg += "<circle cx=\"\(x(mean))\" cy=\"\(Int(y))\" r=\"\(index == 0 ? 7 : 5)\" fill=\"#1b4f72\"/>"
        }
        return svg + "</svg>\n"
    }

    private func participationSection(language: Language) -> String {
        let nl = language == .nl
        var html = "<section><h2>\(nl ? "Wie deden mee" : "Who took part")</h2><p>"
        html += participation.channels.sorted { $0.key < $1.key }.map { "\(Markup.escape($0.key)): \($0.value)" }.joined(separator: " · ") + "</p>"
        if participation.askedWillingness > 0 {
            html +=
                "<p>"
                + (nl
                    ? "\(participation.willing) van de \(participation.askedWillingness) bewoners die de vraag beantwoordden willen meehelpen."
                    : "\(participation.willing) of the \(participation.askedWillingness) residents who answered want to help.") + "</p>"
        }
        for group in participation.representation {
            html +=
                "<div class=\"scroll\" role=\"region\" aria-label=\"\(Markup.escape(group.question)): \(nl ? "wie deden mee" : "who took part")\" tabindex=\"0\"><table><caption>\(Markup.escape(group.question))\(group.p.map { nl ? " — chi-kwadraat \(language.pStatement($0))" : " — chi-square \(language.pStatement($0))" } ?? "")</caption>"
            html +=
                "<thead><tr><th scope=\"col\">\(nl ? "groep" : "group")</th><th scope=\"col\">\(nl ? "bewoners" : "residents")</th><th scope=\"col\">\(nl ? "respondenten" : "respondents")</th><th scope=\"col\">\(nl ? "opvallend" : "notable")</th></tr></thead><tbody>"
            for category in group.categories {
                html +=
                    "<tr><th scope=\"row\">\(Markup.escape(category.name))</th><td>\(language.percent(category.populationShare))</td><td>\(category.respondentShare.map { language.percent($0) } ?? "–") (\(category.respondents))</td><td>\(category.underRepresented ? (nl ? "ondervertegenwoordigd" : "under-represented") : "")</td></tr>"
            }
            html += "</tbody></table></div>"
        }
        return html + "</section>\n"
    }
}
