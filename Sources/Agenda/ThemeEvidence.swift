import Surveys
public import WijkpeilCore

/// What the agenda knows of one theme before weighing: its four signals (nil where missing)
/// and the facts behind them, for the explanation.
public struct ThemeEvidence: Sendable, Hashable {
    public var theme: String
    public var label: LocalizedText
    /// Support stickers on the theme's options, over all tallies; nil without tallies.
    public var supportStickers: Int?
    /// All support stickers in the tallies (the denominator of the residents signal).
    public var allSupportStickers: Int?
    /// The share of respondents who named the theme first; nil when the survey does not ask or
    /// the analysis withheld it (fewer than 5 answered).
    public var mentioned: Double?
    /// The share of dissatisfied residents; nil when the analysis withheld it (n < 5).
    public var dissatisfied: Double?
    /// The theme's indicators that count: the wijk-wide ones, or the buurt ones when there are
    /// no wijk-wide ones.
    public var indicators: [(name: String, gap: Double)]

    public init(
        theme: String, label: LocalizedText, supportStickers: Int? = nil, allSupportStickers: Int? = nil,
        mentioned: Double? = nil, dissatisfied: Double? = nil, indicators: [(name: String, gap: Double)] = []
    ) {
        self.theme = theme
        self.mentioned = mentioned
        self.label = label
        self.supportStickers = supportStickers
        self.allSupportStickers = allSupportStickers
        self.dissatisfied = dissatisfied
        self.indicators = indicators
    }

    public static func == (lhs: ThemeEvidence, rhs: ThemeEvidence) -> Bool {
        lhs.theme == rhs.theme && lhs.label == rhs.label && lhs.supportStickers == rhs.supportStickers
            && lhs.allSupportStickers == rhs.allSupportStickers && lhs.mentioned == rhs.mentioned && lhs.dissatisfied == rhs.dissatisfied
            && lhs.indicators.map(\.name) == rhs.indicators.map(\.name) && lhs.indicators.map(\.gap) == rhs.indicators.map(\.gap)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(theme)
    }

    /// The signal in [0, 1] before normalising; nil when missing.
    public func signal(_ signal: Signal) -> Double? {
        switch signal {
        case .residents:
            guard let supportStickers, let allSupportStickers else { return nil }
            return allSupportStickers > 0 ? Double(supportStickers) / Double(allSupportStickers) : 0
        case .mentions:
            return mentioned
        case .survey:
            return dissatisfied
        case .indicators:
            guard !indicators.isEmpty else { return nil }
            return indicators.reduce(0) { $0 + min(1, max(0, $1.gap)) } / Double(indicators.count)
        }
    }

    /// Reads the evidence from an analysis (`wijkpeil analyse --format json`) and sticker
    /// tallies (`wijkpeil stickers tally --format json`). Themes are the analysis's, then any
    /// theme only the tallies name. Every problem is reported with its file and JSON path.
    public static func read(
        analysis: JSONValue, analysisFile: String, tallies: [(json: JSONValue, file: String)]
    ) throws(InvalidInput) -> [ThemeEvidence] {
        var findings = Findings()
        var evidence: [ThemeEvidence] = []
        var analysisFindings = Findings()
        if let reader = JSONObjectReader(analysis, at: .root, findings: &analysisFindings) {
            for (index, element) in (reader.array("themes", required: true, findings: &analysisFindings) ?? []).enumerated() {
                let path = JSONPath.root.appending("themes").appending(index)
                guard let theme = JSONObjectReader(element, at: path, findings: &analysisFindings),
                    let id = theme.string("theme", required: true, findings: &analysisFindings)
                else { continue }
                let label = theme.localizedText("label", findings: &analysisFindings) ?? LocalizedText(nl: id)
                /// A share in [0, 1] under `key` (`dissatisfied`, `mentioned`); nil where withheld.
                func share(_ key: String) -> Double? {
                    guard let object = theme.object(key, findings: &analysisFindings),
                        let value = object.number("share", findings: &analysisFindings)
                    else { return nil }
                    guard (0...1).contains(value) else {
                        analysisFindings.error(
                            "out-of-range", at: path.appending(key).appending("share").location,
                            nl: "een aandeel ligt tussen 0 en 1", en: "a share lies between 0 and 1")
                        return nil
                    }
                    return value
                }
                let dissatisfied = share("dissatisfied"), mentioned = share("mentioned")
                var wijk: [(String, Double)] = [], buurt: [(String, Double)] = []
                for (indicatorIndex, item) in (theme.array("indicators", findings: &analysisFindings) ?? []).enumerated() {
                    guard let indicator = JSONObjectReader(item, at: path.appending("indicators").appending(indicatorIndex), findings: &analysisFindings),
                        let name = indicator.string("indicator", required: true, findings: &analysisFindings),
                        let gap = indicator.number("gap", required: true, findings: &analysisFindings)
                    else { continue }
                    if let area = indicator.string("buurt", findings: &analysisFindings) {
                        buurt.append(("\(name) (\(area))", gap))
                    } else {
                        wijk.append((name, gap))
                    }
                }
                if evidence.contains(where: { $0.theme == id }) {
                    analysisFindings.error(
                        "duplicate-theme", at: path.appending("theme").location,
                        nl: "thema \"\(id)\" staat twee keer in de analyse", en: "theme \"\(id)\" is in the analysis twice")
                    continue
                }
                evidence.append(
                    ThemeEvidence(
                        theme: id, label: label, mentioned: mentioned, dissatisfied: dissatisfied, indicators: wijk.isEmpty ? buurt : wijk))
            }
        }
        findings.append(contentsOf: analysisFindings.inFile(analysisFile))
        if !tallies.isEmpty {
            var support: [String: Int] = [:]
            var total = 0
            for tally in tallies {
                var tallyFindings = Findings()
                guard let reader = JSONObjectReader(tally.json, at: .root, findings: &tallyFindings) else {
                    findings.append(contentsOf: tallyFindings.inFile(tally.file))
                    continue
                }
                for (index, element) in (reader.array("options", required: true, findings: &tallyFindings) ?? []).enumerated() {
                    let path = JSONPath.root.appending("options").appending(index)
                    guard let option = JSONObjectReader(element, at: path, findings: &tallyFindings),
                        let count = option.integer("support", required: true, findings: &tallyFindings)
                    else { continue }
                    guard count >= 0 else {
                        tallyFindings.error(
                            "out-of-range", at: path.appending("support").location,
                            nl: "een aantal stickers is 0 of meer", en: "a number of stickers is 0 or more")
                        continue
                    }
                    total += count
                    if let theme = option.string("theme", findings: &tallyFindings) {
                        support[theme, default: 0] += count
                        if !evidence.contains(where: { $0.theme == theme }) {
                            let label = option.localizedText("label", findings: &tallyFindings) ?? LocalizedText(nl: theme)
                            evidence.append(ThemeEvidence(theme: theme, label: label))
                        }
                    }
                }
                findings.append(contentsOf: tallyFindings.inFile(tally.file))
            }
            for index in evidence.indices {
                evidence[index].supportStickers = support[evidence[index].theme] ?? 0
                evidence[index].allSupportStickers = total
            }
        }
        if evidence.isEmpty, !findings.hasErrors {
            findings.error(
                "no-themes", at: Location(file: analysisFile, path: "themes"),
                nl: "de analyse noemt geen thema's; maak haar met wijkpeil analyse --format json",
                en: "the analysis names no themes; make it with wijkpeil analyse --format json")
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        return evidence
    }
}
