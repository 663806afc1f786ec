public import Participation
public import Surveys
public import WijkpeilCore

/// A sticker (dot) voting session at a resident evening: the options on the posters, the
/// colours of sticker each participant gets, and the cap on one option.
///
/// In a file (`surveys/bewonersavond.json` is the bundled one):
/// ```json
/// {"id": "bewonersavond", "title": {"nl": "…"}, "level": "consult", "themeSet": "wijkanalyse",
///  "options": [{"id": "veiligheid", "label": {"nl": "Veiligheid"}, "theme": "veiligheid"}],
///  "colours": [{"id": "groen", "label": {"nl": "groen"}, "meaning": "support", "perParticipant": 3}],
///  "maxPerOption": 2, "attendance": 40}
/// ```
public struct StickerSession: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: LocalizedText
    public var intro: LocalizedText?
    public var level: ParticipationLevel
    public var themeSet: String?
    public var options: [Option]
    public var colours: [StickerColour]
    /// The most stickers of one colour one participant may put on one option.
    public var maxPerOption: Int
    /// How many people attended, when it was counted at the door.
    public var attendance: Int?

    public init(
        id: String, title: LocalizedText, intro: LocalizedText? = nil, level: ParticipationLevel, themeSet: String? = nil,
        options: [Option], colours: [StickerColour], maxPerOption: Int, attendance: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.intro = intro
        self.level = level
        self.themeSet = themeSet
        self.options = options
        self.colours = colours
        self.maxPerOption = maxPerOption
        self.attendance = attendance
    }
}

/// A colour of sticker and what putting it on an option means.
public struct StickerColour: Sendable, Hashable, Identifiable {
    public enum Meaning: String, Sendable, Hashable, Codable, CaseIterable {
        /// "This matters most to me."
        case support
        /// "This worries me."
        case concern
    }

    public var id: String
    public var label: LocalizedText
    public var meaning: Meaning
    /// How many stickers of this colour each participant gets.
    public var perParticipant: Int

    public init(id: String, label: LocalizedText, meaning: Meaning, perParticipant: Int) {
        self.id = id
        self.label = label
        self.meaning = meaning
        self.perParticipant = perParticipant
    }
}

extension StickerSession {
    /// Whether a JSON document is a sticker session rather than a survey: it has `colours`.
    public static func looksLikeSession(_ json: JSONValue) -> Bool {
        if case .object(let fields) = json { return fields["colours"] != nil }
        return false
    }

    /// Reads and checks a session definition, reporting every mistake at its JSON path.
    public static func read(_ json: JSONValue, themeSets: [String: ThemeSet], findings: inout Findings) -> StickerSession? {
        var local = Findings()
        var themes = ThemeContext(themeSets: themeSets)
        guard let reader = JSONObjectReader(json, at: .root, findings: &local) else {
            findings.append(contentsOf: local)
            return nil
        }
        reader.warnUnknownKeys(
            allowed: ["id", "title", "intro", "level", "themeSet", "options", "colours", "maxPerOption", "attendance"],
            findings: &local)
        let id = reader.identifier("id", required: true, findings: &local)
        let title = reader.localizedText("title", required: true, findings: &local)
        let intro = reader.localizedText("intro", findings: &local)
        let level = ParticipationPlan.readLevel(reader, findings: &local)
        themes.readThemeSet(reader, findings: &local)
        let options = themes.options(reader, findings: &local)
        let colours = readColours(reader, findings: &local)
        let maxPerOption = reader.integer("maxPerOption", required: true, findings: &local)
        if let maxPerOption {
            let largest = colours?.map(\.perParticipant).max() ?? maxPerOption
            if maxPerOption < 1 {
                local.error(
                    "invalid-sticker-cap", at: reader.path.appending("maxPerOption").location,
                    nl: "maxPerOption moet minstens 1 zijn", en: "maxPerOption must be at least 1")
            } else if maxPerOption > largest {
                local.warning(
                    "cap-above-allotment", at: reader.path.appending("maxPerOption").location,
                    nl: "maxPerOption (\(maxPerOption)) is groter dan het aantal stickers van elke kleur (\(largest)) en begrenst dus niets",
                    en: "maxPerOption (\(maxPerOption)) is larger than every colour's allotment (\(largest)) and so limits nothing")
            }
        }
        let attendance = reader.integer("attendance", findings: &local)
        if let attendance, attendance < 0 {
            local.error(
                "invalid-attendance", at: reader.path.appending("attendance").location,
                nl: "attendance (aantal aanwezigen) kan niet negatief zijn", en: "attendance cannot be negative")
        }
        findings.append(contentsOf: local)
        guard !local.hasErrors, let id, let title, let level, let options, let colours, let maxPerOption else { return nil }
        return StickerSession(
            id: id, title: title, intro: intro, level: level, themeSet: themes.themeSetId, options: options,
            colours: colours, maxPerOption: maxPerOption, attendance: attendance)
    }

    private static func readColours(_ reader: JSONObjectReader, findings: inout Findings) -> [StickerColour]? {
        guard let elements = reader.array("colours", required: true, findings: &findings) else { return nil }
        let path = reader.path.appending("colours")
        var colours: [StickerColour] = []
        var seen: [String: Int] = [:]
        var complete = true
        for (index, element) in elements.enumerated() {
            guard let item = JSONObjectReader(element, at: path.appending(index), findings: &findings) else {
                complete = false
                continue
            }
            item.warnUnknownKeys(allowed: ["id", "label", "meaning", "perParticipant"], findings: &findings)
            let id = item.identifier("id", required: true, findings: &findings)
            let label = item.localizedText("label", required: true, findings: &findings)
            let perParticipant = item.integer("perParticipant", required: true, findings: &findings)
            var meaning: StickerColour.Meaning?
            if let text = item.string("meaning", required: true, findings: &findings) {
                meaning = StickerColour.Meaning(rawValue: text)
                if meaning == nil {
                    findings.error(
                        "unknown-meaning", at: item.path.appending("meaning").location,
                        nl: "betekenis \"\(text)\" is onbekend; kies support (steun) of concern (zorg)",
                        en: "meaning \"\(text)\" is unknown; choose support or concern")
                }
            }
            if let perParticipant, perParticipant < 1 {
                findings.error(
                    "invalid-sticker-budget", at: item.path.appending("perParticipant").location,
                    nl: "iedere deelnemer krijgt minstens 1 sticker van een kleur (perParticipant ≥ 1)",
                    en: "every participant gets at least 1 sticker of a colour (perParticipant ≥ 1)")
                complete = false
            }
            if let id, let first = seen[id] {
                findings.error(
                    "duplicate-id", at: item.path.appending("id").location,
                    nl: "kleur-id \"\(id)\" staat ook al bij colours[\(first)]", en: "colour id \"\(id)\" is also used at colours[\(first)]")
                complete = false
            } else if let id {
                seen[id] = index
            }
            guard let id, let label, let meaning, let perParticipant else {
                complete = false
                continue
            }
            colours.append(StickerColour(id: id, label: label, meaning: meaning, perParticipant: perParticipant))
        }
        if elements.isEmpty || (complete && !colours.contains { $0.meaning == .support }) {
            findings.error(
                "no-support-colour", at: path.location,
                nl: "de sessie heeft minstens één kleur met betekenis \"support\" nodig; daarop wordt gerangschikt",
                en: "the session needs at least one colour with meaning \"support\"; the ranking is based on it")
            return nil
        }
        return complete ? colours : nil
    }
}
