public import WijkpeilCore

/// An organiser's plan for how residents take part in one neighbourhood's cycle: for each step
/// used, the level promised, the instruments, and the survey or sticker session it uses.
///
/// In a file (see `docs/formats.md`):
/// ```json
/// {"id": "kerkwijk-2027", "title": {"nl": "…"}, "wijk": "Kerkwijk",
///  "steps": [{"step": "A5", "level": "consult", "instruments": ["digitale-peiling"],
///             "survey": "wijkanalyse", "stickers": "bewonersavond", "note": "…"}]}
/// ```
public struct ParticipationPlan: Sendable, Hashable {
    public var id: String
    public var title: LocalizedText?
    public var wijk: String?
    public var steps: [PlannedStep]

    public init(id: String, title: LocalizedText? = nil, wijk: String? = nil, steps: [PlannedStep]) {
        self.id = id
        self.title = title
        self.wijk = wijk
        self.steps = steps
    }
}

/// One step of a ``ParticipationPlan``.
public struct PlannedStep: Sendable, Hashable {
    public var step: CycleStep
    public var level: ParticipationLevel
    public var instruments: [String]
    public var survey: String?
    public var stickers: String?
    public var note: String?
    /// Where the step stands in the plan file, for findings.
    public var path: JSONPath

    public init(
        step: CycleStep, level: ParticipationLevel, instruments: [String] = [], survey: String? = nil,
        stickers: String? = nil, note: String? = nil, path: JSONPath = .root
    ) {
        self.step = step
        self.level = level
        self.instruments = instruments
        self.survey = survey
        self.stickers = stickers
        self.note = note
        self.path = path
    }
}

extension ParticipationPlan {
    /// Reads a plan from JSON, reporting unknown step ids and levels as errors at their path.
    public static func read(_ json: JSONValue, findings: inout Findings) -> ParticipationPlan? {
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { return nil }
        reader.warnUnknownKeys(allowed: ["id", "title", "wijk", "steps", "note"], findings: &findings)
        let id = reader.identifier("id", required: true, findings: &findings)
        let title = reader.localizedText("title", findings: &findings)
        let wijk = reader.string("wijk", findings: &findings)
        let elements = reader.array("steps", required: true, findings: &findings) ?? []
        if reader.has("steps"), elements.isEmpty {
            findings.error(
                "empty-plan", at: reader.path.appending("steps").location,
                nl: "het plan heeft geen stappen; voeg er minstens één toe",
                en: "the plan has no steps; add at least one")
        }
        var steps: [PlannedStep] = []
        for (index, element) in elements.enumerated() {
            let path = reader.path.appending("steps").appending(index)
            if let step = readStep(element, at: path, findings: &findings) { steps.append(step) }
        }
        guard let id, steps.count == elements.count else { return nil }
        return ParticipationPlan(id: id, title: title, wijk: wijk, steps: steps)
    }

    private static func readStep(_ value: JSONValue, at path: JSONPath, findings: inout Findings) -> PlannedStep? {
        guard let reader = JSONObjectReader(value, at: path, findings: &findings) else { return nil }
        reader.warnUnknownKeys(allowed: ["step", "level", "instruments", "survey", "stickers", "note"], findings: &findings)
        var step: CycleStep?
        if let stepId = reader.string("step", required: true, findings: &findings) {
            step = CycleStep.named(stepId)
            if step == nil {
                let hint = Identifier.closest(to: stepId.uppercased(), in: CycleStep.all.map(\.id))
                findings.error(
                    "unknown-step", at: path.appending("step").location,
                    nl: "onbekende stap \"\(stepId)\"; bekende stappen zijn A0–A6, B1–B5, C1–C8 en D1–D2 (zie `wijkpeil cycle`)"
                        + (hint.map { "; bedoelt u \($0)?" } ?? ""),
                    en: "unknown step \"\(stepId)\"; known steps are A0–A6, B1–B5, C1–C8 and D1–D2 (see `wijkpeil cycle`)"
                        + (hint.map { "; did you mean \($0)?" } ?? ""))
            }
        }
        let level = readLevel(reader, findings: &findings)
        let instruments = reader.identifiers("instruments", findings: &findings) ?? []
        let survey = reader.identifier("survey", findings: &findings)
        let stickers = reader.identifier("stickers", findings: &findings)
        let note = reader.string("note", findings: &findings)
        guard let step, let level else { return nil }
        return PlannedStep(step: step, level: level, instruments: instruments, survey: survey, stickers: stickers, note: note, path: path)
    }

    /// Reads the `level` field shared by plans, surveys and sticker sessions.
    public static func readLevel(_ reader: JSONObjectReader, required: Bool = true, findings: inout Findings) -> ParticipationLevel? {
        guard let text = reader.string("level", required: required, findings: &findings) else { return nil }
        guard let level = ParticipationLevel(rawValue: text) else {
            let names = ParticipationLevel.allCases.map(\.rawValue)
            let hint = Identifier.closest(to: text, in: names)
            findings.error(
                "unknown-level", at: reader.path.appending("level").location,
                nl: "onbekend participatieniveau \"\(text)\"; kies uit \(names.joined(separator: ", "))"
                    + (hint.map { "; bedoelt u \($0)?" } ?? ""),
                en: "unknown participation level \"\(text)\"; choose one of \(names.joined(separator: ", "))"
                    + (hint.map { "; did you mean \($0)?" } ?? ""))
            return nil
        }
        return level
    }
}
