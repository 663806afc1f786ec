public import WijkpeilCore

/// What changed between two versions of a survey, judged by their questions only (a changed
/// title, intro or `feedback` does not split a survey), and whether answers to the earlier
/// version may be read as answers to the later one.
///
/// Joined, and said: a question added (earlier answers leave it empty), a question removed (its
/// earlier answers are left out), options added, a question's wording or help changed, a limit
/// changed that earlier answers keep to. Refused, because the answers mean different things: a
/// question of another type, a rating on another scale, an option removed or given another
/// meaning (label), another session's stickers; and, because residents answered under the
/// earlier version's promise, a question's privacy made less strict or strict otherwise (only
/// `none` → anything and anything → `direct` are joined), or a number's generalisation changed.
public struct DefinitionChanges: Sendable, Hashable {
    /// One change, for the question it concerns.
    public struct Change: Sendable, Hashable {
        public var question: String
        public var text: LocalizedText
    }

    /// Changes that leave the earlier answers meaning the same.
    public var joined: [Change] = []
    /// Changes after which the earlier answers mean something else.
    public var conflicts: [Change] = []

    /// Whether answers to `earlier` may be read as answers to the later version.
    public var compatible: Bool { conflicts.isEmpty }

    /// The changes from `earlier` to `later`.
    public init(from earlier: SurveyDefinition, to later: SurveyDefinition) {
        for question in later.questions where earlier.question(question.id) == nil {
            joined.append(Change(question: question.id, text: LocalizedText(nl: "vraag toegevoegd", en: "question added")))
        }
        for old in earlier.questions {
            guard let new = later.question(old.id) else {
                joined.append(
                    Change(
                        question: old.id, text: LocalizedText(nl: "vraag vervallen; de antwoorden daarop blijven buiten", en: "question removed; its answers are left out")
                    ))
                continue
            }
            guard old != new else { continue }
            compare(old, new)
        }
    }

    private mutating func compare(_ old: Question, _ new: Question) {
        let before = joined.count + conflicts.count
        defer {
            // Anything else (required, a limit): said, and joined; the export follows the later version.
            if joined.count + conflicts.count == before {
                joined.append(Change(question: old.id, text: LocalizedText(nl: "instellingen gewijzigd", en: "settings changed")))
            }
        }
        func join(_ nl: String, _ en: String) { joined.append(Change(question: old.id, text: LocalizedText(nl: nl, en: en))) }
        func refuse(_ nl: String, _ en: String) { conflicts.append(Change(question: old.id, text: LocalizedText(nl: nl, en: en))) }
        if old.text != new.text || old.help != new.help { join("tekst van de vraag gewijzigd", "wording of the question changed") }
        // Residents answered under the earlier version's promise: an export may protect their
        // answers more than it said (a question made direct is never exported; one that was
        // `none` may be scrubbed or generalised), never less or otherwise.
        if old.privacy != new.privacy, new.privacy != .direct, old.privacy != .none {
            refuse(
                "privacy gewijzigd (\(old.privacy.rawValue) → \(new.privacy.rawValue)); de antwoorden zijn gegeven onder de eerdere belofte",
                "privacy changed (\(old.privacy.rawValue) → \(new.privacy.rawValue)); the answers were given under the earlier promise")
        }
        if case .number(_, _, let before?) = old.kind, case .number(_, _, let after) = new.kind, after != before {
            refuse(
                "andere vergroving bij export (\(before.rawValue) → \(after?.rawValue ?? "geen"))",
                "another generalisation on export (\(before.rawValue) → \(after?.rawValue ?? "none"))")
        }
        guard old.kind.typeName == new.kind.typeName else {
            refuse("ander vraagtype (\(old.kind.typeName) → \(new.kind.typeName))", "another type of question (\(old.kind.typeName) → \(new.kind.typeName))")
            return
        }
        switch (old.kind, new.kind) {
        case (.rating(let oldMin, let oldMax, _), .rating(let newMin, let newMax, _)):
            if oldMin != newMin || oldMax != newMax {
                refuse("andere schaal (\(oldMin)–\(oldMax) → \(newMin)–\(newMax))", "another scale (\(oldMin)–\(oldMax) → \(newMin)–\(newMax))")
            }
        case (.sessionStickers(let oldAllotment), .sessionStickers(let newAllotment)) where oldAllotment.session != newAllotment.session:
            refuse("stickers van een andere sessie", "stickers of another session")
        case (.approval(let oldOptions, let oldBudget, _, _, let oldMaxCost), .approval(let newOptions, let newBudget, _, _, let newMaxCost)):
            // A ballot approved proposals at their price within a budget: other prices or another
            // budget would make the same ballot a different vote.
            if oldBudget != newBudget { refuse("ander budget (\(oldBudget) → \(newBudget))", "another budget (\(oldBudget) → \(newBudget))") }
            if oldMaxCost != newMaxCost { refuse("andere regel voor het totaal (maxCost)", "another rule for the total (maxCost)") }
            let repriced = oldOptions.filter { option in newOptions.contains { $0.id == option.id && $0.cost != option.cost } }
            if !repriced.isEmpty {
                let ids = repriced.map(\.id).joined(separator: ", ")
                refuse("voorstel(len) met een ander bedrag: \(ids)", "proposal(s) with another cost: \(ids)")
            }
        case (.stickers, .sessionStickers), (.sessionStickers, .stickers):
            refuse("stickers van één kleur ↔ stickers van een sessie", "stickers of one colour ↔ stickers of a session")
        default:
            break
        }
        let oldOptions = old.kind.options, newOptions = new.kind.options
        let removed = oldOptions.filter { option in !newOptions.contains { $0.id == option.id } }
        if !removed.isEmpty {
            let ids = removed.map(\.id).joined(separator: ", ")
            refuse("optie(s) vervallen: \(ids)", "option(s) removed: \(ids)")
        }
        let relabelled = oldOptions.filter { option in newOptions.contains { $0.id == option.id && $0.label.nl != option.label.nl } }
        if !relabelled.isEmpty {
            let ids = relabelled.map(\.id).joined(separator: ", ")
            refuse("optie(s) met een andere betekenis: \(ids)", "option(s) given another meaning: \(ids)")
        }
        let added = newOptions.filter { option in !oldOptions.contains { $0.id == option.id } }
        if !added.isEmpty {
            let ids = added.map(\.id).joined(separator: ", ")
            join("optie(s) toegevoegd: \(ids)", "option(s) added: \(ids)")
        }
    }
}
