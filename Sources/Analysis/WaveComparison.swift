public import WijkpeilCore

/// This wave of the neighbourhood survey against an earlier one (Arnhem's monitor every two
/// years): per theme the change in the mean mark and in the share dissatisfied, each with its
/// test (Welch's t, the two-proportion z), Holm-adjusted over the themes. A theme is compared
/// only when both waves asked it with the same questions, in the same words, on the same scale;
/// otherwise the comparison says why not.
public struct WaveComparison: Sendable, Hashable {
    /// One theme's figures as an analysis JSON records them.
    struct Wave: Sendable, Hashable {
        var theme: String
        var label: LocalizedText
        var questions: [String]
        var wordings: [String]
        var scale: [Double]
        var mean: Double?
        var sd: Double?
        var n: Int
        var dissatisfied: Int?
    }

    public struct Change: Sendable, Hashable {
        public var theme: String
        public var label: LocalizedText
        /// Why the theme is not compared; nil when it is.
        public var notCompared: LocalizedText?
        public var meanBefore: Double?
        public var meanNow: Double?
        public var pMean: Double?
        public var pMeanHolm: Double?
        public var shareBefore: Double?
        public var shareNow: Double?
        public var pShare: Double?
        public var pShareHolm: Double?

        /// Clearly better, clearly worse (Holm-adjusted p < 0,05 on the mean or the share), or nil.
        public var clearly: String? {
            if let p = pMeanHolm, p < 0.05, let before = meanBefore, let now = meanNow { return now > before ? "better" : "worse" }
            if let p = pShareHolm, p < 0.05, let before = shareBefore, let now = shareNow { return now < before ? "better" : "worse" }
            return nil
        }
    }

    /// The earlier analysis's file.
    public var previousFile: String
    public var changes: [Change]

    /// Compares `current` with `previous`, both analyses as JSON (`wijkpeil analyse --format json`).
    public init(current: JSONValue, previous: JSONValue, previousFile: String) throws(InvalidInput) {
        self.previousFile = previousFile
        let now = Self.waves(current)
        guard let before = Self.waves(previous) else {
            var findings = Findings()
            findings.error(
                "not-an-analysis", at: Location(file: previousFile),
                nl: "dit is geen analyse; geef de uitvoer van wijkpeil analyse --format json van de vorige meting",
                en: "this is not an analysis; give the output of wijkpeil analyse --format json of the earlier wave")
            throw InvalidInput(findings)
        }
        var changes: [Change] = []
        for wave in now ?? [] {
            var change = Change(theme: wave.theme, label: wave.label, meanNow: wave.mean, shareNow: wave.dissatisfied.map { Double($0) / Double(max(1, wave.n)) })
            guard let earlier = before.first(where: { $0.theme == wave.theme }) else {
                change.notCompared = LocalizedText(nl: "niet eerder gevraagd", en: "not asked before")
                changes.append(change)
                continue
            }
            change.meanBefore = earlier.mean
            change.shareBefore = earlier.dissatisfied.map { Double($0) / Double(max(1, earlier.n)) }
            if earlier.questions != wave.questions {
                change.notCompared = LocalizedText(
                    nl: "andere vragen (\(earlier.questions.joined(separator: ", ")) toen, \(wave.questions.joined(separator: ", ")) nu)",
                    en: "other questions (\(earlier.questions.joined(separator: ", ")) then, \(wave.questions.joined(separator: ", ")) now)")
            } else if earlier.scale != wave.scale {
                change.notCompared = LocalizedText(nl: "andere schaal", en: "another scale")
            } else if earlier.wordings.isEmpty || earlier.wordings != wave.wordings {
                change.notCompared = LocalizedText(
                    nl: earlier.wordings.isEmpty ? "vraagtekst toen onbekend" : "andere vraagtekst",
                    en: earlier.wordings.isEmpty ? "wording then unknown" : "other wording")
            } else {
                if let a = wave.mean, let sa = wave.sd, let b = earlier.mean, let sb = earlier.sd {
                    change.pMean = SignificanceTest.welch(mean: a, sd: sa, n: wave.n, mean: b, sd: sb, n: earlier.n)
                }
                if let x = wave.dissatisfied, let y = earlier.dissatisfied, wave.n > 0, earlier.n > 0 {
                    change.pShare = SignificanceTest.twoProportion(Proportion(count: x, n: wave.n), Proportion(count: y, n: earlier.n))
                }
            }
            changes.append(change)
        }
        let meanHolm = SignificanceTest.holm(changes.map(\.pMean)), shareHolm = SignificanceTest.holm(changes.map(\.pShare))
        for index in changes.indices {
            changes[index].pMeanHolm = meanHolm[index]
            changes[index].pShareHolm = shareHolm[index]
        }
        self.changes = changes
    }

    /// The themes of an analysis JSON; nil if it is not one.
    static func waves(_ json: JSONValue) -> [Wave]? {
        guard case .object(let root) = json, case .array(let themes)? = root["themes"] else { return nil }
        return themes.compactMap { element in
            guard case .object(let theme) = element, case .string(let id)? = theme["theme"] else { return nil }
            func number(_ value: JSONValue?) -> Double? { if case .number(let x)? = value { x } else { nil } }
            var questions: [String] = [], wordings: [String] = []
            if case .array(let list)? = theme["questions"] {
                for case .object(let question) in list {
                    if case .string(let questionId)? = question["id"] { questions.append(questionId) }
                    if case .string(let wording)? = question["wording"] { wordings.append(wording) }
                }
            }
            var scale: [Double] = []
            if case .array(let ends)? = theme["scale"] { scale = ends.compactMap { number($0) } }
            var dissatisfied: Int?
            if case .object(let share)? = theme["dissatisfied"], let count = number(share["count"]) { dissatisfied = Int(count) }
            let label = theme["label"].flatMap { value -> LocalizedText? in
                guard case .object(let texts) = value, case .string(let nl)? = texts["nl"] else { return nil }
                if case .string(let en)? = texts["en"] { return LocalizedText(nl: nl, en: en) }
                return LocalizedText(nl: nl)
            }
            return Wave(
                theme: id, label: label ?? LocalizedText(nl: id), questions: questions, wordings: wordings, scale: scale, mean: number(theme["mean"]),
                sd: number(theme["sd"]), n: Int(number(theme["n"]) ?? 0), dissatisfied: dissatisfied)
        }
    }

    // MARK: Showing it

    public var jsonValue: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        return .object([
            "file": .string(previousFile),
            "themes": .array(
                changes.map { change in
                    .object([
                        "theme": .string(change.theme), "compared": .bool(change.notCompared == nil), "why": change.notCompared?.jsonValue ?? .null,
                        "meanBefore": number(change.meanBefore), "meanNow": number(change.meanNow), "pMean": number(change.pMean),
                        "pMeanHolm": number(change.pMeanHolm), "shareBefore": number(change.shareBefore), "shareNow": number(change.shareNow),
                        "pShare": number(change.pShare), "pShareHolm": number(change.pShareHolm), "clearly": change.clearly.map { .string($0) } ?? .null,
                    ])
                }),
        ])
    }

    public static func header(language: Language) -> [String] {
        language == .nl
            ? ["thema", "gemiddelde", "ontevreden", "verandering"]
            : ["theme", "mean", "dissatisfied", "change"]
    }

    /// One row per theme, in words a council member reads: then → now; 80 columns wide.
    public func rows(language: Language) -> [[String]] {
        let nl = language == .nl
        return changes.map { change in
            let verdict: String
            if let why = change.notCompared {
                verdict = (nl ? "niet vergeleken: " : "not compared: ") + why.text(in: language)
            } else if let clearly = change.clearly {
                verdict = clearly == "better" ? (nl ? "duidelijk beter" : "clearly better") : (nl ? "duidelijk slechter" : "clearly worse")
            } else {
                verdict = nl ? "geen duidelijk verschil" : "no clear change"
            }
            func span(_ before: String?, _ now: String?) -> String { (before ?? "–") + " → " + (now ?? "–") }
            return [
                change.label.text(in: language), span(change.meanBefore.map { language.decimal($0) }, change.meanNow.map { language.decimal($0) }),
                span(change.shareBefore.map { language.percent($0) }, change.shareNow.map { language.percent($0) }), verdict,
            ]
        }
    }

    /// The same as an HTML section, for the analysis page.
    public func htmlSection(language: Language) -> String {
        let nl = language == .nl
        var html = "<section><h2>\(nl ? "Vergeleken met de vorige meting" : "Compared with the earlier wave")</h2>\n"
        html +=
            "<div class=\"scroll\" role=\"region\" aria-label=\"\(nl ? "vergelijking met de vorige meting" : "comparison with the earlier wave")\" tabindex=\"0\"><table><thead><tr>"
        html += Self.header(language: language).map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows(language: language) {
            html += "<tr><th scope=\"row\">\(Markup.escape(row[0]))</th>" + row.dropFirst().map { "<td>\(Markup.escape($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>\n<p class=\"note\">"
            + Markup.escape(
                nl
                    ? "Getoetst met Welch (gemiddelde) en de twee-proportietoets (aandeel ontevreden), Holm-gecorrigeerd over de thema's; duidelijk bij p < 0,05."
                    : "Tested with Welch (mean) and the two-proportion test (share dissatisfied), Holm-adjusted over the themes; clear at p < 0.05.")
            + "</p></section>\n"
    }

    /// The same in Markdown.
    public func markdown(language: Language) -> String {
        var text = "## " + (language == .nl ? "Vergeleken met de vorige meting" : "Compared with the earlier wave") + "\n\n"
        text += "| " + Self.header(language: language).joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: 4) + "\n"
        for row in rows(language: language) { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }
}
