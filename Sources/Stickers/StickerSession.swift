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

extension StickerSession {
    /// What a participant gets to place: for a survey's stickers question that names this session.
    public var allotment: StickerAllotment {
        StickerAllotment(session: id, options: options, colours: colours, maxPerOption: maxPerOption)
    }

    /// Whether a JSON document is a sticker session rather than a survey: it has `colours` (and
    /// no `questions`: a survey's stickers question may carry colours too).
    public static func looksLikeSession(_ json: JSONValue) -> Bool {
        if case .object(let fields) = json { return fields["colours"] != nil && fields["questions"] == nil }
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
        let colours = StickerColour.readColours(reader, findings: &local)
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
}
