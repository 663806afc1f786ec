import Hashing
public import Surveys
public import WijkpeilCore

/// What an analysis of one survey looks at: its themes (every rating question that names a
/// theme), the question to break results down by (a buurt), and the questions that say whether
/// a resident wants to help. Built once from the definition; the samples and the analysis
/// follow it.
public struct AnalysisPlan: Sendable {
    /// A theme with the rating questions that name it. All its questions share one scale.
    public struct Theme: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var questions: [String]
        /// Per question, a hash of its wording (Dutch and English): a wave compares only
        /// questions asked in the same words.
        public var wordings: [String] = []
        public var scale: ClosedRange<Int>
    }

    /// The first 16 hex digits of the SHA-256 of a question's wording.
    static func wording(_ question: Question) -> String {
        String(SHA256.hex(Array((question.text.nl + "\u{1F}" + (question.text.en ?? "")).utf8)).prefix(16))
    }

    public let survey: SurveyDefinition
    public let themes: [Theme]
    /// The single-choice question whose options are the groups (`--by buurt`).
    public let groupBy: Question?

    /// - Parameters:
    ///   - themeSet: labels for the themes; without it a theme is labelled by its id.
    ///   - groupBy: the id of a single-choice question, or nil.
    public init(survey: SurveyDefinition, themeSet: ThemeSet?, groupBy: String?) throws(InvalidInput) {
        var findings = Findings()
        var themes: [Theme] = []
        for question in survey.questions {
            guard case .rating(let min, let max, _) = question.kind, let theme = question.theme else { continue }
            if let index = themes.firstIndex(where: { $0.id == theme }) {
                guard themes[index].scale == min...max else {
                    findings.error(
                        "mixed-scales", at: Location(path: "questions.\(question.id)"),
                        nl:
                            "thema \"\(theme)\" heeft vragen met verschillende schalen (\(themes[index].scale.lowerBound)–\(themes[index].scale.upperBound) en \(min)–\(max)); geef ze één schaal of verschillende thema's",
                        en:
                            "theme \"\(theme)\" has questions on different scales (\(themes[index].scale.lowerBound)–\(themes[index].scale.upperBound) and \(min)–\(max)); give them one scale or different themes"
                    )
                    continue
                }
                themes[index].questions.append(question.id)
                themes[index].wordings.append(Self.wording(question))
            } else {
                let label = themeSet?.theme(theme)?.label ?? LocalizedText(nl: theme)
                themes.append(Theme(id: theme, label: label, questions: [question.id], wordings: [Self.wording(question)], scale: min...max))
            }
        }
        if themes.isEmpty {
            findings.error(
                "no-themes", at: Location(path: "questions"),
                nl: "enquête \"\(survey.id)\" heeft geen rapportcijfervragen met een thema; een analyse vergelijkt thema's",
                en: "survey \"\(survey.id)\" has no rating questions with a theme; an analysis compares themes")
        }
        var group: Question?
        if let groupBy {
            let singles = survey.questions.filter { if case .single = $0.kind { true } else { false } }
            if let question = singles.first(where: { $0.id == groupBy }) {
                group = question
            } else {
                let hint = Identifier.closest(to: groupBy, in: singles.map(\.id)).map { " (\($0)?)" } ?? ""
                findings.error(
                    "unknown-group", at: Location(path: "--by"),
                    nl: "\"\(groupBy)\" is geen keuzevraag (één antwoord) van \"\(survey.id)\"\(hint); indelen kan naar: \(singles.map(\.id).joined(separator: ", "))",
                    en: "\"\(groupBy)\" is not a single-choice question of \"\(survey.id)\"\(hint); you can break down by: \(singles.map(\.id).joined(separator: ", "))")
            }
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        self.survey = survey
        self.themes = themes
        self.groupBy = group
    }

    /// The groups, in the order of the group question's options.
    public var groups: [Option] { groupBy?.kind.options ?? [] }
}
