public import WijkpeilCore

extension NeighbourhoodAnalysis {
    /// A self-contained report a council member reads in five minutes: "In het kort" (what, when,
    /// from whom, what stands out, and one chart of all themes), then per theme a chart with the
    /// buurten and plain sentences, the SWOT draft, who took part, and at the end how it was
    /// computed (the statistical terms live there, not in the body). No scripts, no external
    /// assets; it prints on A4 without splitting a chart or a table.
    public func html(language: Language) -> String {
        let nl = language == .nl
        let title = Markup.escape(self.title.text(in: language))
        // The neighbourhood and period open "In het kort".
        var body = "<h1>\(title)</h1>\n"
        body += "<section class=\"short\"><h2>\(nl ? "In het kort" : "In short")</h2>\n"
        body += "<ul class=\"facts\">" + facts(language: language).map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>\n"
        body += "<ul class=\"highlights\">" + highlights(language: language).map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>\n"
        body +=
            "<figure>" + overviewChart(language: language) + "<figcaption>"
            + Markup.escape(
                nl
                    ? "Het gemiddelde rapportcijfer per thema (stip) met de onzekerheid (streep), tegen de referentie (verticaal streepje). Vet met ▼: duidelijk slechter; ▲: duidelijk beter."
                    : "The mean mark per theme (dot) with its uncertainty (line), against the reference (small upright line). Bold with ▼: clearly worse; ▲: clearly better.")
            + "</figcaption></figure>\n</section>\n"
        body +=
            "<section><h2>\(nl ? "Let op" : "Read this first")</h2><ul>" + plainCaveats(language: language).map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></section>\n"
        body += "<section><h2>\(nl ? "Per thema" : "Per theme")</h2>\n"
        for theme in themes {
            let flagged = theme.flags.contains(.worse) || theme.flags.contains(.better)
            body += "<article class=\"theme\(flagged ? " flagged" : "")\"><h3>\(Markup.escape(theme.label.text(in: language)))</h3>\n" + chart(theme, language: language)
            body += "<p>" + Markup.escape(plainSummary(of: theme, language: language)) + "</p>"
            if !theme.indicators.isEmpty {
                body +=
                    "<div class=\"scroll\" role=\"region\" aria-label=\"\(Markup.escape(theme.label.text(in: language))): \(nl ? "cijfers van CBS en gemeente" : "figures from statistics")\" tabindex=\"0\"><table><caption>\(nl ? "Cijfers van CBS en gemeente" : "Figures from statistics")</caption><thead><tr><th scope=\"col\">\(nl ? "cijfer" : "figure")</th><th scope=\"col\">\(nl ? "wijk" : "wijk")</th><th scope=\"col\">\(nl ? "referentie" : "reference")</th><th scope=\"col\">\(nl ? "verschil" : "difference")</th><th scope=\"col\">\(nl ? "ontwikkeling" : "trend")</th></tr></thead><tbody>"
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
        body += "<section><h2>\(nl ? "Sterk en zwak, kansen en bedreigingen (SWOT)" : "Strengths, weaknesses, opportunities and threats (SWOT)")</h2><div class=\"swot\">"
        for (heading, entries) in swotSections(language: language) {
            body += "<div><h3>\(heading)</h3><ul>"
            body +=
                entries.isEmpty
                ? "<li class=\"none\">\(nl ? "niets volgens de regels" : "nothing under the rules")</li>"
                : entries.map { "<li>\(Markup.escape(($0.plain ?? $0.text).text(in: language)))</li>" }.joined()
            body += "</ul></div>"
        }
        body += "</div></section>\n"
        if let previous { body += previous.htmlSection(language: language) }
        body += participationSection(language: language)
        body += methodSection(language: language)
        return Markup.page(
            title: self.title.text(in: language) + (area.map { " — " + $0.line } ?? ""), language: language,
            style: """
                h1 { font-size: 1.8rem; }
                .short { border: 3px solid #1b4f72; padding: 0 1rem 1rem; }
                .short h2 { border: 0; }
                .facts { padding-left: 1.2rem; } .highlights li { margin: .4rem 0; font-weight: 600; }
                figure { margin: 1rem 0; } figcaption { color: #333; font-size: .95rem; }
                .swot { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
                @media (max-width: 40rem) { .swot { grid-template-columns: 1fr; } }
                .swot > div { border: 1px solid #999; padding: .5rem 1rem; }
                .flagged h3::after { content: " — opvallend"; font-weight: normal; color: #7a1f1f; }
                :lang(en) .flagged h3::after { content: " — stands out"; }
                .none, .note { color: #444; }
                svg { width: 100%; max-width: 36rem; height: auto; display: block; }
                .method dt { font-weight: 600; margin-top: .5rem; } .method dd { margin-left: 0; }
                @page { size: A4; margin: 15mm; }
                @media print {
                  body { max-width: none; padding: 0; font-size: 10.5pt; }
                  h2 { break-after: avoid; }
                  article, figure, table, .scroll, .swot > div, svg { break-inside: avoid; }
                  .scroll { overflow: visible; }
                  svg { max-width: 100mm; }
                  .swot { grid-template-columns: 1fr 1fr; }
                }
                """, body: body)
    }

    /// What the report is based on: the neighbourhood and period, the respondents by channel,
    /// the reference and the statistics.
    func facts(language: Language) -> [String] {
        let nl = language == .nl
        var facts: [String] = []
        if let area {
            facts.append((nl ? "Wijk: " : "Neighbourhood: ") + area.name + (area.cbs.map { " (CBS \($0))" } ?? ""))
            if let period = area.period { facts.append((nl ? "Periode: " : "Period: ") + period) }
        }
        facts.append(tookPart(language: language))
        if let reference = participation.referenceResponses {
            facts.append(
                nl
                    ? "Vergeleken met een referentie van \(language.grouped(reference)) antwoorden (zoals de hele stad)"
                    : "Compared with a reference of \(language.grouped(reference)) answers (such as the whole city)")
        }
        let indicators = themes.reduce(0) { $0 + $1.indicators.count }
        if indicators > 0 { facts.append(nl ? "\(indicators) cijfers van CBS en gemeente" : "\(indicators) figures from statistics") }
        return facts
    }

    /// "172 bewoners deden mee: 140 via een bestand, 32 op papier", or with one way in
    /// "140 bewoners deden mee, via een bestand".
    func tookPart(language: Language) -> String {
        let nl = language == .nl
        let total = nl ? "\(language.grouped(participation.responses)) bewoners deden mee" : "\(language.grouped(participation.responses)) residents took part"
        let channels = participation.channels.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        if channels.count == 1, let only = channels.first {
            let phrase = Self.channelPhrase(only.key, count: only.value, language: language)
            return total + ", " + phrase.drop { $0 != " " }.dropFirst()
        }
        return total + (channels.isEmpty ? "" : ": " + channels.map { Self.channelPhrase($0.key, count: $0.value, language: language) }.joined(separator: ", "))
    }

    /// "140 via een bestand": how a channel's responses came in, in words.
    static func channelPhrase(_ channel: String, count: Int, language: Language) -> String {
        let nl = language == .nl
        let grouped = language.grouped(count)
        switch channel {
        case "web": return nl ? "\(grouped) via het formulier op de website" : "\(grouped) through the web form"
        case "api": return nl ? "\(grouped) via een koppeling" : "\(grouped) through a link with another system"
        case "paper": return nl ? "\(grouped) op papier" : "\(grouped) on paper"
        case "file": return nl ? "\(grouped) via een bestand" : "\(grouped) from a file"
        default: return nl ? "\(grouped) via \(channel)" : "\(grouped) through \(channel)"
        }
    }

    /// At most five sentences on what stands out: themes clearly worse or better than the
    /// reference, buurten that stand out, themes on which the buurten differ, who was missing.
    func highlights(language: Language) -> [String] {
        let nl = language == .nl
        func label(_ theme: Theme) -> String { theme.label.text(in: language) }
        func list(_ items: [String]) -> String {
            guard items.count > 1 else { return items.first ?? "" }
            return items.dropLast().joined(separator: ", ") + (nl ? " en " : " and ") + items[items.count - 1]
        }
        func markAgainst(_ theme: Theme) -> String? {
            guard let mean = theme.marks.mean, let reference = theme.comparison?.reference.mean else { return nil }
            return "\(label(theme)) (\(language.decimal(mean)) \(nl ? "tegen" : "against") \(language.decimal(reference)))"
        }
        var sentences: [String] = []
        let worse = themes.filter { $0.flags.contains(.worse) }, better = themes.filter { $0.flags.contains(.better) }
        if !worse.isEmpty {
            let named = worse.prefix(4).map { markAgainst($0) ?? label($0) }
            sentences.append(
                nl
                    ? "Duidelijk slechter dan de referentie: \(list(named)). Het gemiddelde rapportcijfer staat tussen haakjes."
                    : "Clearly worse than the reference: \(list(named)). The mean mark is in brackets.")
        }
        if !better.isEmpty {
            sentences.append(
                nl
                    ? "Duidelijk beter dan de referentie: \(list(better.prefix(4).map { markAgainst($0) ?? label($0) }))."
                    : "Clearly better than the reference: \(list(better.prefix(4).map { markAgainst($0) ?? label($0) })).")
        }
        if worse.isEmpty, better.isEmpty, themes.contains(where: { $0.comparison != nil }) {
            sentences.append(nl ? "Geen thema wijkt duidelijk af van de referentie." : "No theme differs clearly from the reference.")
        }
        var buurten: [(String, [String])] = []
        for theme in themes {
            for group in theme.groups where group.marks.flags.contains(.worse) {
                let name = group.label.text(in: language)
                if let index = buurten.firstIndex(where: { $0.0 == name }) { buurten[index].1.append(label(theme)) } else { buurten.append((name, [label(theme)])) }
            }
        }
        if !buurten.isEmpty {
            let named = buurten.prefix(4).map { "\($0.0) (\(list($0.1)))" }
            sentences.append(nl ? "Buurten die duidelijk slechter scoren: \(list(named))." : "Buurten that score clearly worse: \(list(named)).")
        }
        let mixed = themes.filter { $0.flags.contains(.mixed) }
        if !mixed.isEmpty {
            sentences.append(
                nl ? "Bij \(list(mixed.prefix(4).map(label))) verschillen de buurten duidelijk van elkaar." : "On \(list(mixed.prefix(4).map(label))) the buurten differ clearly.")
        }
        let missing = participation.representation.flatMap { group in group.categories.filter(\.underRepresented).map { "\($0.name) (\(group.question))" } }
        if !missing.isEmpty {
            sentences.append(nl ? "Minder mee dan hun aandeel in de wijk deden: \(list(missing))." : "Fewer took part than their share of the neighbourhood: \(list(missing)).")
        }
        return Array(sentences.prefix(5))
    }

    /// The caveats without statistical terms; those are in "Hoe is dit berekend".
    func plainCaveats(language: Language) -> [String] {
        let nl = language == .nl
        var caveats = [
            nl
                ? "Wie een enquête invult of naar een bewonersavond komt, is geen toevallige greep uit de wijk: de cijfers zeggen iets over de \(participation.responses) bewoners die reageerden, niet zeker over de hele wijk."
                : "Residents who answer a survey or come to an evening are not a random choice from the neighbourhood: the figures describe the \(participation.responses) residents who responded, not for certain the whole neighbourhood."
        ]
        if themes.contains(where: { $0.flags.contains(.indicative) || $0.groups.contains { $0.marks.flags.contains(.indicative) } }) {
            caveats.append(
                nl
                    ? "Bij minder dan \(Self.indicativeN) antwoorden is een uitkomst een aanwijzing, geen vaststelling. Bij minder dan \(Self.minimumN) tonen we alleen het aantal, zodat niemand herkenbaar is."
                    : "With fewer than \(Self.indicativeN) answers a result is a pointer, not a finding. With fewer than \(Self.minimumN) only the count is shown, so nobody can be recognised."
            )
        }
        if themes.allSatisfy({ $0.comparison == nil }) {
            caveats.append(Self.noReference.text(in: language))
        } else {
            caveats.append(
                nl
                    ? "‘Duidelijk slechter’ of ‘duidelijk beter’ staat er alleen als het verschil te groot is om toeval te zijn. Geen duidelijk verschil betekent niet dat er geen verschil is."
                    : "‘Clearly worse’ or ‘clearly better’ is said only when the difference is too large to be chance. No clear difference does not mean there is none.")
        }
        return caveats
    }

    /// The theme in plain sentences: its mark against the reference, the share dissatisfied,
    /// how many answered; buurten that stand out.
    func plainSummary(of theme: Theme, language: Language) -> String {
        let nl = language == .nl
        guard let mean = theme.marks.mean else {
            return nl ? "Te weinig antwoorden (\(theme.marks.n)) om een gemiddelde te tonen." : "Too few answers (\(theme.marks.n)) to show a mean."
        }
        var text = nl ? "Gemiddeld rapportcijfer \(language.decimal(mean))" : "Mean mark \(language.decimal(mean))"
        if let reference = theme.comparison?.reference.mean {
            text += nl ? ", de referentie \(language.decimal(reference)): " : ", the reference \(language.decimal(reference)): "
            text +=
                theme.flags.contains(.worse)
                ? (nl ? "duidelijk slechter." : "clearly worse.")
                : theme.flags.contains(.better) ? (nl ? "duidelijk beter." : "clearly better.") : (nl ? "geen duidelijk verschil." : "no clear difference.")
        } else {
            text += "."
        }
        if let share = theme.marks.dissatisfied?.share {
            text += nl ? " \(language.percent(share)) is ontevreden (een 5 of lager)." : " \(language.percent(share)) are dissatisfied (5 or lower)."
        }
        text += nl ? " \(theme.marks.n) bewoners gaven een cijfer." : " \(theme.marks.n) residents gave a mark."
        let worse = theme.groups.filter { $0.marks.flags.contains(.worse) }.map { $0.label.text(in: language) }
        if !worse.isEmpty { text += nl ? " Duidelijk slechter in: \(worse.joined(separator: ", "))." : " Clearly worse in: \(worse.joined(separator: ", "))." }
        if theme.flags.contains(.mixed) { text += nl ? " De buurten verschillen duidelijk van elkaar." : " The buurten differ clearly." }
        if theme.flags.contains(.indicative) { text += nl ? " Weinig antwoorden: een aanwijzing." : " Few answers: a pointer." }
        return text
    }

    /// How it was computed, with the statistical terms and the figures behind "duidelijk".
    private func methodSection(language: Language) -> String {
        let nl = language == .nl
        var html = "<section class=\"method\"><h2>\(nl ? "Hoe is dit berekend" : "How this was computed")</h2><dl>"
        let terms: [(String, String)] =
            nl
            ? [
                (
                    "Gemiddelde en onzekerheid",
                    "Per thema het gemiddelde van de rapportcijfers van alle vragen over dat thema, met het 95%-betrouwbaarheidsinterval (t-verdeling): de streep in de grafieken. n is het aantal cijfers."
                ),
                (
                    "Duidelijk slechter of beter",
                    "Het gemiddelde is getoetst met Welch' t-toets, het aandeel ontevreden (5 of lager) met de toets voor twee proporties. ‘Duidelijk’ betekent p < 0,05 na de Holm-correctie voor het aantal getoetste thema's. Een buurt is getoetst tegen dezelfde referentie."
                ),
                ("Buurten die verschillen", "Of de buurten onderling verschillen, is getoetst met een variantieanalyse (ANOVA), ook bij p < 0,05."),
                (
                    "Wie deden mee",
                    "De leeftijden en buurten van de deelnemers zijn met een chi-kwadraattoets vergeleken met de bevolking; een groep is ondervertegenwoordigd als haar aandeel onder de deelnemers duidelijk kleiner is."
                ),
                ("Weinig antwoorden", "Onder \(Self.indicativeN) cijfers heet een uitkomst indicatief; onder \(Self.minimumN) tonen we alleen het aantal."),
                (
                    "SWOT",
                    "Sterk = duidelijk beter dan de referentie (in de wijk of in één buurt) of een cijfer van CBS of gemeente ≥ 10% beter; zwak = duidelijk slechter of ≥ 10% slechter; kansen = verbeterende cijfers en bewoners die willen meehelpen; bedreigingen = verslechterende cijfers."
                ),
            ]
            : [
                (
                    "Mean and uncertainty",
                    "Per theme the mean of the marks of all its questions, with the 95% confidence interval (t distribution): the line in the charts. n is the number of marks."
                ),
                (
                    "Clearly worse or better",
                    "The mean is tested with Welch's t-test, the share dissatisfied (5 or lower) with the two-proportion test. ‘Clearly’ means p < 0.05 after Holm's correction for the number of themes tested. A buurt is tested against the same reference."
                ),
                ("Buurten that differ", "Whether the buurten differ from each other is tested with an analysis of variance (ANOVA), also at p < 0.05."),
                (
                    "Who took part",
                    "The ages and buurten of the participants are compared with the population by a chi-square test; a group is under-represented when its share among participants is clearly smaller."
                ),
                ("Few answers", "Under \(Self.indicativeN) marks a result is indicative; under \(Self.minimumN) only the count is shown."),
                (
                    "SWOT",
                    "Strength = clearly better than the reference (in the wijk or one buurt) or a statistic ≥ 10% better; weakness = clearly worse or ≥ 10% worse; opportunities = improving statistics and residents willing to help; threats = worsening statistics."
                ),
            ]
        for (term, meaning) in terms { html += "<dt>\(Markup.escape(term))</dt><dd>\(Markup.escape(meaning))</dd>" }
        html += "</dl>"
        // The figures behind every "clearly": per theme the sentence with n, interval and p.
        html += "<h3>\(nl ? "De cijfers per thema" : "The figures per theme")</h3><ul>"
        for theme in themes {
            var line = summary(of: theme, language: language)
            if let comparison = theme.comparison {
                let p = [
                    comparison.pMeanHolm.map { (nl ? "gemiddelde: " : "mean: ") + language.pStatement($0) },
                    comparison.pShareHolm.map { (nl ? "ontevreden: " : "dissatisfied: ") + language.pStatement($0) },
                ]
                .compactMap { $0 }
                if !p.isEmpty { line += " Holm: " + p.joined(separator: "; ") + "." }
            }
            if let pGroups = theme.pGroups { line += " ANOVA: " + language.pStatement(pGroups) + "." }
            html += "<li>\(Markup.escape(line))</li>"
        }
        html += "</ul>"
        let tested = participation.representation.filter { $0.p != nil }
        if !tested.isEmpty {
            html += "<p>" + tested.map { Markup.escape("\($0.question): chi-kwadraat \(language.pStatement($0.p ?? 1))") }.joined(separator: "; ") + ".</p>"
        }
        return html + "</section>\n"
    }

    /// All themes in one chart: the wijk's mean with its interval, the reference as a short
    /// upright line per row; a theme clearly worse or better is bold and marked ▼ or ▲. Drawn
    /// 360 units wide with 15-unit text, so that the text stays at least 12 px on a 320 px phone.
    func overviewChart(language: Language) -> String {
        let nl = language == .nl
        let shown = themes.filter { $0.marks.mean != nil }
        let scale = shown.first?.scale ?? 1...10
        let left = 150.0, width = 190.0, rowHeight = 30.0, top = 30.0
        let height = top + rowHeight * Double(max(shown.count, 1)) + 10
        func x(_ value: Double) -> String {
            let span = Double(scale.upperBound - scale.lowerBound)
            return String(Int((left + width * (value - Double(scale.lowerBound)) / (span > 0 ? span : 1)).rounded()))
        }
        let description = shown.map { theme in
            (theme.marks.mean.map { "\(theme.label.text(in: language)) \(language.decimal($0))" } ?? "")
                + (theme.comparison?.reference.mean.map { nl ? ", referentie \(language.decimal($0))" : ", reference \(language.decimal($0))" } ?? "")
                + (theme.flags.contains(.worse)
                    ? (nl ? ", duidelijk slechter" : ", clearly worse") : theme.flags.contains(.better) ? (nl ? ", duidelijk beter" : ", clearly better") : "")
        }.joined(separator: "; ")
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 \(Int(height))\" role=\"img\" aria-labelledby=\"t-overzicht d-overzicht\" font-family=\"sans-serif\" font-size=\"15\">"
        svg +=
            "<title id=\"t-overzicht\">\(nl ? "Alle thema's tegen de referentie" : "All themes against the reference")</title><desc id=\"d-overzicht\">\(Markup.escape(description))</desc>"
        // Every mark of a scale up to ten; on a longer one every other, so the numbers do not touch.
        let step = scale.count <= 10 ? 1 : 2
        for mark in scale where (mark - scale.lowerBound) % step == 0 {
            svg += "<line x1=\"\(x(Double(mark)))\" y1=\"\(Int(top - 6))\" x2=\"\(x(Double(mark)))\" y2=\"\(Int(height - 6))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(x(Double(mark)))\" y=\"\(Int(top - 12))\" text-anchor=\"middle\" fill=\"#333\">\(mark)</text>"
        }
        for (index, theme) in shown.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            let worse = theme.flags.contains(.worse), better = theme.flags.contains(.better)
            let colour = worse ? "#a50e0e" : better ? "#1b5e20" : "#1b4f72"
            let marker = worse ? "▼ " : better ? "▲ " : ""
            svg +=
                "<text x=\"\(Int(left - 8))\" y=\"\(Int(y + 5))\" text-anchor=\"end\" fill=\"\(worse || better ? colour : "#111")\"\(worse || better ? " font-weight=\"bold\"" : "")>\(marker)\(Markup.escape(Self.shortened(theme.label.text(in: language), to: 16)))</text>"
            if let reference = theme.comparison?.reference.mean {
                svg += "<line x1=\"\(x(reference))\" y1=\"\(Int(y - 11))\" x2=\"\(x(reference))\" y2=\"\(Int(y + 11))\" stroke=\"#7a4b00\" stroke-width=\"3\"/>"
            }
            if let ci = theme.marks.ci95 {
                svg += "<line x1=\"\(x(ci.lowerBound))\" y1=\"\(Int(y))\" x2=\"\(x(ci.upperBound))\" y2=\"\(Int(y))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            }
            if let mean = theme.marks.mean {
                svg += "<circle cx=\"\(x(mean))\" cy=\"\(Int(y))\" r=\"6\" fill=\"\(colour)\"/>"
            }
        }
        return svg + "</svg>"
    }

    /// A label cut to `length` characters with an ellipsis, for a chart's narrow margin.
    static func shortened(_ label: String, to length: Int) -> String {
        label.count <= length ? label : String(label.prefix(length - 1)).trimmingWhitespace + "…"
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
    /// as a dashed line. Intervals are whiskers; shapes and labels carry the meaning, not colour:
    /// a buurt clearly worse or better is bold and marked ▼ or ▲. Drawn 360 units wide with
    /// 15-unit text, as the overview.
    func chart(_ theme: Theme, language: Language) -> String {
        let nl = language == .nl
        let scale = theme.marks.summary.scale
        let left = 150.0, width = 190.0, rowHeight = 30.0, top = 30.0
        var rows: [(String, Marks)] = [(nl ? "hele wijk" : "whole wijk", theme.marks)]
        rows += theme.groups.map { ($0.label.text(in: language), $0.marks) }
        let height = top + rowHeight * Double(rows.count) + 22
        func x(_ value: Double) -> String {
            let span = Double(scale.upperBound - scale.lowerBound)
            let position = left + width * (value - Double(scale.lowerBound)) / (span > 0 ? span : 1)
            return String(Int(position.rounded()))
        }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 \(Int(height))\" role=\"img\" aria-labelledby=\"t-\(theme.theme) d-\(theme.theme)\" font-family=\"sans-serif\" font-size=\"15\">"
        svg += "<title id=\"t-\(theme.theme)\">\(Markup.escape(theme.label.text(in: language)))</title>"
        svg += "<desc id=\"d-\(theme.theme)\">\(Markup.escape(plainSummary(of: theme, language: language)))</desc>"
        let step = scale.count <= 10 ? 1 : 2
        for mark in scale where (mark - scale.lowerBound) % step == 0 {
            svg += "<line x1=\"\(x(Double(mark)))\" y1=\"\(Int(top - 6))\" x2=\"\(x(Double(mark)))\" y2=\"\(Int(height - 20))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(x(Double(mark)))\" y=\"\(Int(top - 12))\" text-anchor=\"middle\" fill=\"#333\">\(mark)</text>"
        }
        if let reference = theme.comparison?.reference.mean {
            svg +=
                "<line x1=\"\(x(reference))\" y1=\"\(Int(top - 6))\" x2=\"\(x(reference))\" y2=\"\(Int(height - 20))\" stroke=\"#7a4b00\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            svg +=
                "<text x=\"\(x(reference))\" y=\"\(Int(height - 4))\" text-anchor=\"middle\" fill=\"#7a4b00\">\(nl ? "referentie" : "reference") \(language.decimal(reference))</text>"
        }
        for (index, (label, marks)) in rows.enumerated() {
            let y = top + rowHeight * Double(index) + rowHeight / 2
            let worse = marks.flags.contains(.worse), better = marks.flags.contains(.better)
            let colour = worse ? "#a50e0e" : better ? "#1b5e20" : "#1b4f72"
            let marker = worse ? "▼ " : better ? "▲ " : ""
            svg +=
                "<text x=\"\(Int(left - 8))\" y=\"\(Int(y + 5))\" text-anchor=\"end\" fill=\"\(worse || better ? colour : "#111")\"\(index == 0 || worse || better ? " font-weight=\"bold\"" : "")>\(marker)\(Markup.escape(Self.shortened(label, to: 11))) (\(marks.n))</text>"
            guard let mean = marks.mean else {
                svg += "<text x=\"\(Int(left + 6))\" y=\"\(Int(y + 5))\" fill=\"#555\">\(nl ? "te weinig antwoorden" : "too few answers")</text>"
                continue
            }
            if let ci = marks.ci95 {
                svg += "<line x1=\"\(x(ci.lowerBound))\" y1=\"\(Int(y))\" x2=\"\(x(ci.upperBound))\" y2=\"\(Int(y))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                for end in [ci.lowerBound, ci.upperBound] {
                    svg += "<line x1=\"\(x(end))\" y1=\"\(Int(y - 6))\" x2=\"\(x(end))\" y2=\"\(Int(y + 6))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                }
            }
            svg += "<circle cx=\"\(x(mean))\" cy=\"\(Int(y))\" r=\"\(index == 0 ? 7 : 5)\" fill=\"\(colour)\"/>"
        }
        return svg + "</svg>\n"
    }

    private func participationSection(language: Language) -> String {
        let nl = language == .nl
        var html = "<section><h2>\(nl ? "Wie deden mee" : "Who took part")</h2><p>"
        html += Markup.escape(tookPart(language: language) + ".") + "</p>"
        for group in participation.representation {
            let missing = group.categories.filter(\.underRepresented)
            guard !missing.isEmpty else { continue }
            let named = missing.map {
                nl
                    ? "\($0.name) (\(language.percent($0.respondentShare ?? 0)) van de deelnemers, \(language.percent($0.populationShare)) van de bewoners)"
                    : "\($0.name) (\(language.percent($0.respondentShare ?? 0)) of participants, \(language.percent($0.populationShare)) of residents)"
            }
            html +=
                "<p><strong>"
                + Markup.escape(
                    nl
                        ? "Naar \(group.question) deden minder mee dan hun aandeel: \(named.joined(separator: "; ")). Hun stem ontbreekt grotendeels."
                        : "By \(group.question), fewer took part than their share: \(named.joined(separator: "; ")). Their voice is largely missing.") + "</strong></p>"
        }
        if participation.askedWillingness > 0 {
            html +=
                "<p>"
                + (nl
                    ? "\(participation.willing) van de \(participation.askedWillingness) bewoners die de vraag beantwoordden willen meehelpen."
                    : "\(participation.willing) of the \(participation.askedWillingness) residents who answered want to help.") + "</p>"
        }
        for group in participation.representation {
            html +=
                "<div class=\"scroll\" role=\"region\" aria-label=\"\(Markup.escape(group.question)): \(nl ? "wie deden mee" : "who took part")\" tabindex=\"0\"><table><caption>\(Markup.escape(group.question))</caption>"
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
