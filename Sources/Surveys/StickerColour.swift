public import WijkpeilCore

/// A colour of sticker and what putting it on an option means.
public struct StickerColour: Sendable, Hashable, Identifiable {
    public enum Meaning: String, Sendable, Hashable, Codable, CaseIterable {
        /// "This matters most to me."
        case support
        /// "This worries me."
        case concern

        /// The meaning in a word: `steun`, `zorgen`.
        public var label: LocalizedText {
            switch self {
            case .support: LocalizedText(nl: "steun", en: "support")
            case .concern: LocalizedText(nl: "zorgen", en: "concerns")
            }
        }
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

extension StickerColour {
    /// Reads the `colours` of a session (or of a stickers question that carries them), every
    /// mistake at its path; nil when any is wrong or none means support.
    public static func readColours(_ reader: JSONObjectReader, findings: inout Findings) -> [StickerColour]? {
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

/// What a participant gets to place in a sticker session: its options, the colours with their
/// allotment each, and the cap per option per colour. A survey's stickers question that names a
/// session takes these, so the dots on phones are the stickers on the posters.
public struct StickerAllotment: Sendable, Hashable {
    /// The session's id.
    public var session: String
    public var options: [Option]
    public var colours: [StickerColour]
    /// The most stickers of one colour one participant may put on one option.
    public var maxPerOption: Int

    public init(session: String, options: [Option], colours: [StickerColour], maxPerOption: Int) {
        self.session = session
        self.options = options
        self.colours = colours
        self.maxPerOption = maxPerOption
    }
}
