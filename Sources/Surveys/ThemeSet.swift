public import WijkpeilCore

/// A named list of themes that survey questions and sticker options are counted under: the parts
/// of a neighbourhood analysis, or Almelo's six ambitions. Lives in `surveys/themes/*.json`.
public struct ThemeSet: Sendable, Hashable, Identifiable {
    public struct Theme: Sendable, Hashable, Identifiable {
        public var id: String
        public var label: LocalizedText

        public init(id: String, label: LocalizedText) {
            self.id = id
            self.label = label
        }
    }

    public var id: String
    public var title: LocalizedText
    public var themes: [Theme]

    public init(id: String, title: LocalizedText, themes: [Theme]) {
        self.id = id
        self.title = title
        self.themes = themes
    }

    public func theme(_ id: String) -> Theme? {
        themes.first { $0.id == id }
    }

    /// Reads a theme set, reporting every problem at its JSON path.
    public static func read(_ json: JSONValue, findings: inout Findings) -> ThemeSet? {
        let errorsBefore = findings.errors.count
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { return nil }
        reader.warnUnknownKeys(allowed: ["id", "title", "themes", "description"], findings: &findings)
        let id = reader.identifier("id", required: true, findings: &findings)
        let title = reader.localizedText("title", required: true, findings: &findings)
        let elements = reader.array("themes", required: true, findings: &findings) ?? []
        var themes: [Theme] = []
        var seen: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let path = JSONPath.root.appending("themes").appending(index)
            guard let item = JSONObjectReader(element, at: path, findings: &findings) else { continue }
            item.warnUnknownKeys(allowed: ["id", "label", "description"], findings: &findings)
            let themeId = item.identifier("id", required: true, findings: &findings)
            let label = item.localizedText("label", required: true, findings: &findings)
            if let themeId {
                if let first = seen[themeId] {
                    findings.error(
                        "duplicate-id", at: path.appending("id").location,
                        nl: "thema-id \"\(themeId)\" staat ook al bij themes[\(first)]; ids moeten uniek zijn",
                        en: "theme id \"\(themeId)\" is also used at themes[\(first)]; ids must be unique")
                } else {
                    seen[themeId] = index
                }
            }
            if let themeId, let label { themes.append(Theme(id: themeId, label: label)) }
        }
        if reader.has("themes"), elements.isEmpty {
            findings.error(
                "empty-theme-set", at: JSONPath.root.appending("themes").location,
                nl: "de themaset heeft geen thema's", en: "the theme set has no themes")
        }
        guard let id, let title, findings.errors.count == errorsBefore else { return nil }
        return ThemeSet(id: id, title: title, themes: themes)
    }
}
