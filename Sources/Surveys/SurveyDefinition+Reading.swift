import Participation
public import WijkpeilCore

extension SurveyDefinition {
    /// Reads and checks a survey definition, reporting every mistake at its JSON path with the
    /// fix, not just the first. Returns `nil` when there is any error.
    ///
    /// - Parameter themeSets: the theme sets the survey may name, by id; `nil` to trust the themes
    ///   named (for a definition read back from the store).
    ///   - sessions: the sticker sessions a stickers question may name (`"session"`), by id.
    public static func read(
        _ json: JSONValue, themeSets: [String: ThemeSet]?, sessions: [String: StickerAllotment] = [:], findings: inout Findings
    ) -> SurveyDefinition? {
        var reading = DefinitionReading(themeSets: themeSets, sessions: sessions)
        let definition = reading.survey(json)
        findings.append(contentsOf: reading.findings)
        return reading.findings.hasErrors ? nil : definition
    }
}

/// The state of reading one definition: the findings so far and the theme set in force.
struct DefinitionReading {
    var themes: ThemeContext
    let sessions: [String: StickerAllotment]
    var findings = Findings()

    init(themeSets: [String: ThemeSet]?, sessions: [String: StickerAllotment] = [:]) {
        themes = ThemeContext(themeSets: themeSets)
        self.sessions = sessions
    }

    mutating func survey(_ json: JSONValue) -> SurveyDefinition? {
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { return nil }
        reader.warnUnknownKeys(
            allowed: ["id", "version", "title", "intro", "level", "themeSet", "requiresInvite", "publicResults", "questions", "feedback"],
            findings: &findings)
        let id = reader.identifier("id", required: true, findings: &findings)
        let version = reader.integer("version", required: true, findings: &findings)
        if let version, version < 1 {
            findings.error(
                "invalid-version", at: reader.path.appending("version").location,
                nl: "version moet 1 of hoger zijn; verhoog het bij elke inhoudelijke wijziging",
                en: "version must be 1 or more; raise it with every change of substance")
        }
        let title = reader.localizedText("title", required: true, findings: &findings)
        let intro = reader.localizedText("intro", findings: &findings)
        let feedback = reader.localizedText("feedback", findings: &findings)
        let level = ParticipationPlan.readLevel(reader, findings: &findings)
        themes.readThemeSet(reader, findings: &findings)
        let requiresInvite = reader.bool("requiresInvite", findings: &findings) ?? false
        let publicResults = reader.bool("publicResults", findings: &findings) ?? false
        if level == .codecide, !requiresInvite {
            findings.error(
                "codecide-needs-invites", at: reader.path.appending("requiresInvite").location,
                nl: "een enquête op niveau codecide (meebeslissen) moet \"requiresInvite\": true zetten: alleen met uitnodigingscodes telt één bewoner één stem",
                en: "a survey at level codecide must set \"requiresInvite\": true: only invitation codes make one resident, one vote")
        }
        let elements = reader.array("questions", required: true, findings: &findings) ?? []
        if reader.has("questions"), elements.isEmpty {
            findings.error(
                "no-questions", at: reader.path.appending("questions").location,
                nl: "de enquête heeft geen vragen", en: "the survey has no questions")
        }
        var questions: [Question] = []
        var firstIndex: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let path = JSONPath.root.appending("questions").appending(index)
            // Duplicates are found from the raw id, so that a question that fails to read for
            // another reason still claims its id.
            if case .object(let fields) = element, case .string(let id)? = fields["id"] {
                if let first = firstIndex[id] {
                    findings.error(
                        "duplicate-id", at: path.appending("id").location,
                        nl: "vraag-id \"\(id)\" staat ook al bij questions[\(first)]; ids moeten uniek zijn",
                        en: "question id \"\(id)\" is also used at questions[\(first)]; ids must be unique")
                    continue
                }
                firstIndex[id] = index
            }
            guard let question = question(element, at: path) else { continue }
            questions.append(question)
        }
        checkConsentBeforeDirect(questions, indices: firstIndex)
        for question in questions {
            guard case .approval = question.kind, level != .codecide else { continue }
            findings.error(
                "approval-needs-codecide", at: JSONPath.root.appending("questions").appending(firstIndex[question.id] ?? 0).location,
                nl: "een budgetstemming (type \"approval\") hoort in een enquête op niveau codecide met \"requiresInvite\": true: bewoners beslissen",
                en: "a budget vote (type \"approval\") belongs in a survey at level codecide with \"requiresInvite\": true: residents decide")
        }
        guard let id, let version, let title, let level else { return nil }
        return SurveyDefinition(
            id: id, version: version, title: title, intro: intro, level: level, themeSet: themes.themeSetId,
            requiresInvite: requiresInvite, publicResults: publicResults, questions: questions, feedback: feedback)
    }

    /// A question that identifies a person may only be asked after a consent question.
    private mutating func checkConsentBeforeDirect(_ questions: [Question], indices: [String: Int]) {
        var consentSeen = false
        for question in questions {
            if case .consent = question.kind { consentSeen = true }
            guard question.privacy == .direct, let index = indices[question.id] else { continue }
            let path = JSONPath.root.appending("questions").appending(index)
            if !consentSeen {
                findings.error(
                    "direct-without-consent", at: path.appending("privacy").location,
                    nl: "vraag \"\(question.id)\" vraagt iets dat een persoon identificeert; zet er een vraag van type \"consent\" vóór (AVG: eerst toestemming)",
                    en: "question \"\(question.id)\" asks for something that identifies a person; put a question of type \"consent\" before it (GDPR: consent first)")
            }
            if question.required {
                findings.warning(
                    "direct-required", at: path.appending("required").location,
                    nl: "vraag \"\(question.id)\" identificeert een persoon en is verplicht; bewoners moeten anoniem kunnen meedoen",
                    en: "question \"\(question.id)\" identifies a person and is required; residents must be able to take part anonymously")
            }
        }
    }

    private static let commonKeys: Set<String> = ["id", "type", "text", "help", "required", "privacy", "theme"]
    private static let kindKeys: [String: Set<String>] = [
        "rating": ["min", "max", "labels"],
        "single": ["options"],
        "multi": ["options", "minChoices", "maxChoices"],
        "approval": ["options", "budget", "minChoices", "maxChoices", "maxCost"],
        "number": ["min", "max", "generalise"],
        "text": ["maxLength"],
        "postcode": ["generalise"],
        "email": [],
        "date": ["generalise"],
        "consent": [],
        "stickers": ["options", "stickers", "maxPerOption", "session", "colours"],
    ]

    private mutating func question(_ json: JSONValue, at path: JSONPath) -> Question? {
        guard let reader = JSONObjectReader(json, at: path, findings: &findings) else { return nil }
        let id = reader.identifier("id", required: true, findings: &findings)
        let text = reader.localizedText("text", required: true, findings: &findings)
        let help = reader.localizedText("help", findings: &findings)
        let required = reader.bool("required", findings: &findings) ?? false
        let privacy = self.privacy(reader)
        let theme = themes.theme(reader, key: "theme", findings: &findings)
        guard let type = reader.string("type", required: true, findings: &findings) else { return nil }
        guard let extraKeys = Self.kindKeys[type] else {
            let hint = Identifier.closest(to: type, in: QuestionKind.typeNames)
            findings.error(
                "unknown-type", at: path.appending("type").location,
                nl: "onbekend vraagtype \"\(type)\"; kies uit \(QuestionKind.typeNames.joined(separator: ", "))" + (hint.map { "; bedoelt u \($0)?" } ?? ""),
                en: "unknown question type \"\(type)\"; choose one of \(QuestionKind.typeNames.joined(separator: ", "))" + (hint.map { "; did you mean \($0)?" } ?? ""))
            return nil
        }
        reader.warnUnknownKeys(allowed: Self.commonKeys.union(extraKeys), findings: &findings)
        guard let kind = kind(type, reader) else { return nil }
        if privacy == .direct, !["email", "text", "number", "single", "postcode", "date"].contains(type) {
            findings.warning(
                "direct-on-\(type)", at: path.appending("privacy").location,
                nl: "privacy \"direct\" bij een vraag van type \(type) is ongebruikelijk; controleer of dit klopt",
                en: "privacy \"direct\" on a question of type \(type) is unusual; check that it is right")
        }
        guard let id, let text, let privacy else { return nil }
        return Question(id: id, text: text, help: help, required: required, privacy: privacy, theme: theme, kind: kind)
    }

    private mutating func privacy(_ reader: JSONObjectReader) -> Privacy? {
        guard let text = reader.string("privacy", findings: &findings) else { return Privacy.none }
        guard let privacy = Privacy(rawValue: text) else {
            let names = Privacy.allCases.map(\.rawValue)
            findings.error(
                "unknown-privacy", at: reader.path.appending("privacy").location,
                nl: "onbekende privacy \"\(text)\"; kies uit \(names.joined(separator: ", "))",
                en: "unknown privacy \"\(text)\"; choose one of \(names.joined(separator: ", "))")
            return nil
        }
        return privacy
    }

    private mutating func kind(_ type: String, _ reader: JSONObjectReader) -> QuestionKind? {
        let path = reader.path
        switch type {
        case "rating":
            let min = reader.integer("min", required: true, findings: &findings)
            let max = reader.integer("max", required: true, findings: &findings)
            guard let min, let max else { return nil }
            guard min < max else {
                findings.error(
                    "invalid-scale", at: path.appending("max").location,
                    nl: "max (\(max)) moet groter zijn dan min (\(min)), bijvoorbeeld min 1 en max 10",
                    en: "max (\(max)) must be greater than min (\(min)), for example min 1 and max 10")
                return nil
            }
            if max - min > 100 {
                findings.error(
                    "invalid-scale", at: path.appending("max").location,
                    nl: "een schaal van meer dan 101 punten is niet te beantwoorden; gebruik type \"number\"",
                    en: "a scale of more than 101 points cannot be answered; use type \"number\"")
                return nil
            }
            var labels: [Int: LocalizedText] = [:]
            if let labelReader = reader.object("labels", findings: &findings) {
                for key in labelReader.fields.keys.sorted() {
                    let labelPath = labelReader.path.appending(key)
                    guard let point = Int(key), point >= min, point <= max else {
                        findings.error(
                            "invalid-label", at: labelPath.location,
                            nl: "label \"\(key)\" is geen punt van de schaal \(min)–\(max)",
                            en: "label \"\(key)\" is not a point of the scale \(min)–\(max)")
                        continue
                    }
                    if let value = labelReader.fields[key], let text = JSONObjectReader.localizedText(value, at: labelPath, findings: &findings) {
                        labels[point] = text
                    }
                }
            }
            return .rating(min: min, max: max, labels: labels)
        case "single":
            guard let options = themes.options(reader, findings: &findings) else { return nil }
            return .single(options: options)
        case "multi":
            guard let options = themes.options(reader, findings: &findings) else { return nil }
            let minChoices = reader.integer("minChoices", findings: &findings) ?? 0
            let maxChoices = reader.integer("maxChoices", findings: &findings)
            if minChoices < 0 {
                findings.error(
                    "invalid-choices", at: path.appending("minChoices").location,
                    nl: "minChoices mag niet negatief zijn", en: "minChoices may not be negative")
                return nil
            }
            if minChoices > options.count {
                findings.error(
                    "invalid-choices", at: path.appending("minChoices").location,
                    nl: "minChoices (\(minChoices)) is meer dan het aantal opties (\(options.count))",
                    en: "minChoices (\(minChoices)) is more than the number of options (\(options.count))")
                return nil
            }
            if let maxChoices, maxChoices < max(1, minChoices) {
                findings.error(
                    "invalid-choices", at: path.appending("maxChoices").location,
                    nl: "maxChoices (\(maxChoices)) moet minstens 1 en minstens minChoices (\(minChoices)) zijn",
                    en: "maxChoices (\(maxChoices)) must be at least 1 and at least minChoices (\(minChoices))")
                return nil
            }
            return .multi(options: options, minChoices: minChoices, maxChoices: maxChoices)
        case "approval":
            guard let options = themes.options(reader, findings: &findings) else { return nil }
            guard let budget = reader.integer("budget", required: true, findings: &findings) else { return nil }
            let minChoices = reader.integer("minChoices", findings: &findings) ?? 0
            let maxChoices = reader.integer("maxChoices", findings: &findings)
            var valid = true
            if budget <= 0 {
                findings.error(
                    "invalid-budget", at: path.appending("budget").location, nl: "het budget is een heel bedrag boven 0",
                    en: "the budget is a whole amount above 0")
                valid = false
            }
            for (index, option) in options.enumerated() {
                let costPath = path.appending("options").appending(index).appending("cost")
                guard let cost = option.cost, cost > 0 else {
                    findings.error(
                        "missing-cost", at: costPath.location,
                        nl: "voorstel \"\(option.id)\" heeft een bedrag nodig: \"cost\", hele euro's boven 0",
                        en: "proposal \"\(option.id)\" needs an amount: \"cost\", whole euros above 0")
                    valid = false
                    continue
                }
                if budget > 0, cost > budget {
                    findings.error(
                        "cost-over-budget", at: costPath.location,
                        nl: "voorstel \"\(option.id)\" kost \(cost), meer dan het hele budget (\(budget))",
                        en: "proposal \"\(option.id)\" costs \(cost), more than the whole budget (\(budget))")
                    valid = false
                }
            }
            if minChoices < 0 || minChoices > options.count || (maxChoices.map { $0 < max(1, minChoices) } ?? false) {
                findings.error(
                    "invalid-choices", at: path.appending("minChoices").location,
                    nl: "minChoices en maxChoices passen niet bij de \(options.count) voorstellen",
                    en: "minChoices and maxChoices do not fit the \(options.count) proposals")
                valid = false
            }
            guard valid else { return nil }
            return .approval(
                options: options, budget: budget, minChoices: minChoices, maxChoices: maxChoices,
                maxCost: reader.bool("maxCost", findings: &findings) ?? false)
        case "number":
            let min = reader.number("min", findings: &findings)
            let max = reader.number("max", findings: &findings)
            if let min, let max, min > max {
                findings.error(
                    "invalid-range", at: path.appending("max").location,
                    nl: "max (\(max)) is kleiner dan min (\(min))", en: "max (\(max)) is less than min (\(min))")
                return nil
            }
            let generalise = generalisation(reader, allowed: [.ageBand])
            return .number(min: min, max: max, generalise: generalise)
        case "text":
            let maxLength = reader.integer("maxLength", findings: &findings) ?? 2000
            guard (1...100_000).contains(maxLength) else {
                findings.error(
                    "invalid-length", at: path.appending("maxLength").location,
                    nl: "maxLength moet tussen 1 en 100000 liggen", en: "maxLength must lie between 1 and 100000")
                return nil
            }
            return .text(maxLength: maxLength)
        case "postcode":
            _ = generalisation(reader, allowed: [.pc4])
            return .postcode
        case "date":
            _ = generalisation(reader, allowed: [.isoWeek])
            return .date
        case "email":
            return .email
        case "consent":
            return .consent
        case "stickers" where reader.has("session"):
            return sessionStickers(reader, at: path)
        case "stickers":
            guard let options = themes.options(reader, findings: &findings) else { return nil }
            let stickers = reader.integer("stickers", required: true, findings: &findings)
            let maxPerOption = reader.integer("maxPerOption", findings: &findings)
            guard let stickers else { return nil }
            guard stickers >= 1 else {
                findings.error(
                    "invalid-sticker-budget", at: path.appending("stickers").location,
                    nl: "iedere deelnemer heeft minstens 1 sticker nodig (stickers ≥ 1)",
                    en: "every participant needs at least 1 sticker (stickers ≥ 1)")
                return nil
            }
            let cap = maxPerOption ?? stickers
            guard cap >= 1, cap <= stickers else {
                findings.error(
                    "invalid-sticker-cap", at: path.appending("maxPerOption").location,
                    nl: "maxPerOption (\(cap)) moet tussen 1 en het aantal stickers (\(stickers)) liggen",
                    en: "maxPerOption (\(cap)) must lie between 1 and the number of stickers (\(stickers))")
                return nil
            }
            return .stickers(options: options, stickers: stickers, maxPerOption: cap)
        default:
            return nil
        }
    }

    /// A stickers question that names a session: the session's options, colours and cap, as
    /// the store keeps them (written out) or looked up among the sessions of the folder.
    private mutating func sessionStickers(_ reader: JSONObjectReader, at path: JSONPath) -> QuestionKind? {
        guard let session = reader.identifier("session", required: true, findings: &findings) else { return nil }
        if reader.has("colours") {
            guard let options = themes.options(reader, findings: &findings),
                let colours = StickerColour.readColours(reader, findings: &findings),
                let cap = reader.integer("maxPerOption", required: true, findings: &findings)
            else { return nil }
            return .sessionStickers(StickerAllotment(session: session, options: options, colours: colours, maxPerOption: cap))
        }
        if reader.has("options") || reader.has("stickers") || reader.has("maxPerOption") {
            findings.error(
                "session-and-own-stickers", at: path.appending("session").location,
                nl: "een stickervraag met \"session\" neemt de opties, kleuren en grenzen van die sessie over; laat options, stickers en maxPerOption weg",
                en: "a stickers question with \"session\" takes the options, colours and caps of that session; leave out options, stickers and maxPerOption")
            return nil
        }
        guard let allotment = sessions[session] else {
            let closest = Identifier.closest(to: session, in: sessions.keys.sorted())
            findings.error(
                "unknown-sticker-session", at: path.appending("session").location,
                nl: "er is geen stickersessie \"\(session)\" in deze map" + (closest.map { "; bedoelt u \($0)?" } ?? ""),
                en: "there is no sticker session \"\(session)\" in this folder" + (closest.map { "; did you mean \($0)?" } ?? ""))
            return nil
        }
        return .sessionStickers(allotment)
    }

    private mutating func generalisation(_ reader: JSONObjectReader, allowed: [Generalisation]) -> Generalisation? {
        guard let text = reader.string("generalise", findings: &findings) else { return nil }
        guard let value = Generalisation(rawValue: text), allowed.contains(value) else {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            findings.error(
                "invalid-generalisation", at: reader.path.appending("generalise").location,
                nl: "generalise \"\(text)\" past niet bij deze vraag; mogelijk: \(names)",
                en: "generalise \"\(text)\" does not fit this question; possible: \(names)")
            return nil
        }
        return value
    }

}
