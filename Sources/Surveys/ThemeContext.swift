public import WijkpeilCore

/// The theme set a definition names, and the checks that go with it: every theme a question or
/// option names must be in it. Shared by survey definitions and sticker sessions.
public struct ThemeContext: Sendable {
    /// The known theme sets; `nil` to trust the themes a definition names (for definitions read
    /// back from the store, which were checked when they were stored).
    public let themeSets: [String: ThemeSet]?
    /// The theme set the definition names, once read and found.
    public private(set) var themeSet: ThemeSet?
    /// The id of the theme set the definition names, found or not.
    public private(set) var themeSetId: String?

    public init(themeSets: [String: ThemeSet]?) {
        self.themeSets = themeSets
    }

    /// Reads the definition's `themeSet` field and looks the set up.
    public mutating func readThemeSet(_ reader: JSONObjectReader, findings: inout Findings) {
        guard let setId = reader.identifier("themeSet", findings: &findings) else { return }
        themeSetId = setId
        guard let themeSets else { return }
        themeSet = themeSets[setId]
        if themeSet == nil {
            let known = themeSets.keys.sorted().joined(separator: ", ")
            findings.error(
                "unknown-theme-set", at: reader.path.appending("themeSet").location,
                nl: "themaset \"\(setId)\" bestaat niet; zet hem in surveys/themes/\(setId).json of kies een van: \(known)",
                en: "theme set \"\(setId)\" does not exist; put it in surveys/themes/\(setId).json or choose one of: \(known)")
        }
    }

    /// Reads a theme id and checks that the survey's theme set has it.
    public func theme(_ reader: JSONObjectReader, key: String, findings: inout Findings) -> String? {
        guard let theme = reader.identifier(key, findings: &findings) else { return nil }
        let location = reader.path.appending(key).location
        if themeSets == nil { return theme }
        if let themeSet {
            if themeSet.theme(theme) == nil {
                let hint = Identifier.closest(to: theme, in: themeSet.themes.map(\.id))
                findings.error(
                    "unknown-theme", at: location,
                    nl: "thema \"\(theme)\" staat niet in themaset \"\(themeSet.id)\""
                        + (hint.map { "; bedoelt u \"\($0)\"?" } ?? "; kies uit \(themeSet.themes.map(\.id).joined(separator: ", "))"),
                    en: "theme \"\(theme)\" is not in theme set \"\(themeSet.id)\""
                        + (hint.map { "; did you mean \"\($0)\"?" } ?? "; choose one of \(themeSet.themes.map(\.id).joined(separator: ", "))"))
            }
        } else if themeSetId == nil {
            findings.error(
                "theme-without-theme-set", at: location,
                nl: "thema \"\(theme)\" gebruikt, maar de enquête noemt geen \"themeSet\"; voeg die bovenaan toe",
                en: "theme \"\(theme)\" is used, but the survey names no \"themeSet\"; add one at the top")
        }
        return theme
    }

    /// Reads a non-empty list of options with unique ids and known themes.
    public func options(_ reader: JSONObjectReader, findings: inout Findings) -> [Option]? {
        let elements = reader.array("options", required: true, findings: &findings)
        guard let elements else { return nil }
        if elements.isEmpty {
            findings.error(
                "no-options", at: reader.path.appending("options").location,
                nl: "een keuzevraag heeft opties nodig; voeg {\"id\": …, \"label\": {\"nl\": …}} toe",
                en: "a choice question needs options; add {\"id\": …, \"label\": {\"nl\": …}}")
            return nil
        }
        var options: [Option] = []
        var seen: [String: Int] = [:]
        var complete = true
        for (index, element) in elements.enumerated() {
            let path = reader.path.appending("options").appending(index)
            guard let item = JSONObjectReader(element, at: path, findings: &findings) else {
                complete = false
                continue
            }
            item.warnUnknownKeys(allowed: ["id", "label", "theme", "willing", "cbs", "cost"], findings: &findings)
            let id = item.identifier("id", required: true, findings: &findings)
            let label = item.localizedText("label", required: true, findings: &findings)
            let theme = theme(item, key: "theme", findings: &findings)
            let willing = item.bool("willing", findings: &findings) ?? false
            let cbs = item.string("cbs", findings: &findings)
            let cost = item.integer("cost", findings: &findings)
            if let cbs, !Option.isCBSCode(cbs) {
                findings.error(
                    "bad-cbs-code", at: path.appending("cbs").location,
                    nl: "\"\(cbs)\" is geen CBS-code; een buurt is BU en acht cijfers (BU03440101), een wijk WK en zes (WK034401)",
                    en: "\"\(cbs)\" is not a CBS code; a buurt is BU and eight digits (BU03440101), a wijk WK and six (WK034401)")
            }
            guard let id, let label else {
                complete = false
                continue
            }
            if let first = seen[id] {
                findings.error(
                    "duplicate-id", at: path.appending("id").location,
                    nl: "optie-id \"\(id)\" staat ook al bij options[\(first)]; ids moeten uniek zijn binnen een vraag",
                    en: "option id \"\(id)\" is also used at options[\(first)]; ids must be unique within a question")
                complete = false
                continue
            }
            seen[id] = index
            options.append(Option(id: id, label: label, theme: theme, willing: willing, cbs: cbs, cost: cost))
        }
        return complete ? options : nil
    }
}
