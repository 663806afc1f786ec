public import WijkpeilCore

extension NeighbourhoodAnalysis {
    /// Rows for the terminal: theme, n, mean, 95% interval, dissatisfied, reference mean,
    /// index, the Holm-adjusted p of the means and of the shares, flags (with the test that made
    /// a `worse` or `better`).
    public func table(language: Language) -> [[String]] {
        var rows: [[String]] = []
        for theme in themes {
            rows.append(row(theme.label.text(in: language), theme.marks, comparison: theme.comparison, language: language))
            for group in theme.groups {
                rows.append(row("  " + group.label.text(in: language), group.marks, comparison: group.comparison, language: language))
            }
        }
        return rows
    }

    public static func tableHeader(language: Language) -> [String] {
        language == .nl
            ? ["thema", "n", "gem.", "interval", "ontevr.", "ref.", "index", "p gem.", "p aand.", "let op"]
            : ["theme", "n", "mean", "interval", "dissat.", "ref.", "index", "p mean", "p share", "flags"]
    }

    private func row(_ label: String, _ marks: Marks, comparison: Comparison?, language: Language) -> [String] {
        [
            label, String(marks.n),
            marks.mean.map { language.decimal($0) } ?? "–",
            marks.ci95.map { "\(language.decimal($0.lowerBound))–\(language.decimal($0.upperBound))" } ?? "–",
            marks.dissatisfied?.share.map { language.percent($0) } ?? "–",
            comparison?.reference.mean.map { language.decimal($0) } ?? "–",
            marks.index.map { String(Int($0.rounded())) } ?? "–",
            comparison?.pMeanHolm.map { language.pValue($0) } ?? "–",
            comparison?.pShareHolm.map { language.pValue($0) } ?? "–",
            marks.flags.map { flag in
                // A flag of worse or better says which test made it: slechter (aandeel).
                guard flag == .worse || flag == .better, let basis = comparison?.basis else { return flag.label(language) }
                return "\(flag.label(language)) (\(basis.label(language)))"
            }.joined(separator: ", "),
        ]
    }

    /// The caveat when nothing was compared: the report and the terminal say it alike.
    static let noReference = LocalizedText(
        nl: "Er is geen referentie (zoals de stad) opgegeven: of de wijk beter of slechter scoort, valt hier niet te zeggen.",
        en: "No reference (such as the city) was given: whether the neighbourhood does better or worse cannot be said here.")

    /// The caveats a council member must read before drawing conclusions, in plain words.
    public func caveats(language: Language) -> [String] {
        let nl = language == .nl
        var caveats: [String] = []
        let responses = participation.responses
        caveats.append(
            nl
                ? "Wie een enquête invult of naar een bewonersavond komt, is geen aselecte steekproef: de cijfers zeggen iets over de \(responses) bewoners die reageerden, niet zeker over de hele wijk."
                : "Residents who answer a survey or come to an evening are not a random sample: the figures describe the \(responses) residents who responded, not for certain the whole neighbourhood."
        )
        if themes.contains(where: { $0.flags.contains(.indicative) || $0.groups.contains { $0.marks.flags.contains(.indicative) } }) {
            caveats.append(
                nl
                    ? "Bij minder dan \(Self.indicativeN) antwoorden is een uitkomst indicatief: het 95%-interval is breed. Bij minder dan \(Self.minimumN) tonen we alleen het aantal, om bewoners niet herkenbaar te maken."
                    : "With fewer than \(Self.indicativeN) answers a result is indicative: the 95% interval is wide. With fewer than \(Self.minimumN) only the count is shown, so residents cannot be recognised."
            )
        }
        if themes.allSatisfy({ $0.comparison == nil }) {
            caveats.append(Self.noReference.text(in: language))
        } else {
            caveats.append(
                nl
                    ? "\"Beter\" of \"slechter\" dan de referentie staat er alleen als het verschil na correctie voor het aantal getoetste thema's (Holm) significant is (p < 0,05). Geen verschil gevonden betekent niet dat er geen verschil is."
                    : "\"Better\" or \"worse\" than the reference is shown only when the difference is significant (p < 0.05) after correcting for the number of themes tested (Holm). No difference found does not mean there is none."
            )
        }
        for group in participation.representation {
            for category in group.categories where category.underRepresented {
                let share = category.respondentShare ?? 0
                caveats.append(
                    nl
                        ? "Ondervertegenwoordigd: \(group.question) \(category.name) — \(language.percent(share)) van de respondenten tegen \(language.percent(category.populationShare)) van de bewoners. Hun stem ontbreekt grotendeels."
                        : "Under-represented: \(group.question) \(category.name) — \(language.percent(share)) of respondents against \(language.percent(category.populationShare)) of residents. Their voice is largely missing."
                )
            }
        }
        return caveats
    }

    /// A short report in Markdown: the themes, the SWOT draft and the caveats.
    public func markdown(language: Language) -> String {
        let nl = language == .nl
        var text = "# \(title.text(in: language))\n\n" + (area.map { "**\($0.line)**\n\n" } ?? "")
        text += nl ? "Wijkanalyse van \(participation.responses) reacties" : "Neighbourhood analysis of \(participation.responses) responses"
        text += " (" + participation.channels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ").\n\n"
        text += "## " + (nl ? "Thema's" : "Themes") + "\n\n"
        let header = Self.tableHeader(language: language)
        text += "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: header.count) + "\n"
        for row in table(language: language) {
            text += "| " + row.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        if let previous { text += "\n" + previous.markdown(language: language) }
        text += "\n## SWOT\n\n"
        for (title, entries) in swotSections(language: language) {
            text += "**\(title)**\n\n"
            text += entries.isEmpty ? (nl ? "- (niets volgens de regels)\n" : "- (nothing under the rules)\n") : entries.map { "- \($0.text.text(in: language))\n" }.joined()
            text += "\n"
        }
        text += "## " + (nl ? "Let op" : "Caveats") + "\n\n" + caveats(language: language).map { "- \($0)\n" }.joined()
        return text
    }

    func swotSections(language: Language) -> [(String, [Swot.Entry])] {
        let nl = language == .nl
        return [
            (nl ? "Sterktes" : "Strengths", swot.strengths), (nl ? "Zwaktes" : "Weaknesses", swot.weaknesses),
            (nl ? "Kansen" : "Opportunities", swot.opportunities), (nl ? "Bedreigingen" : "Threats", swot.threats),
        ]
    }
}

extension NeighbourhoodAnalysis.Basis {
    /// The word in a table: `gem.`/`mean`, `aandeel`/`share`, `beide`/`both`.
    public func label(_ language: Language) -> String {
        switch self {
        case .mean: language == .nl ? "gem." : "mean"
        case .share: language == .nl ? "aandeel" : "share"
        case .both: language == .nl ? "beide" : "both"
        }
    }
}
