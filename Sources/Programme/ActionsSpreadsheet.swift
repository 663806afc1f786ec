import Participation
public import WijkpeilCore

/// The programme's actions as a spreadsheet, because wijkmanagers draft in spreadsheets: one row
/// per action, a column per field, localised texts as `title` (Dutch) and `title_en`, lists
/// `;`-separated inside a cell. Exported, edited and imported again, it round-trips; the history
/// stays in the programme file, and an import appends to it.
public enum ActionsSpreadsheet {
    /// The columns, in the order they are written. An import needs `id`; every other column may be
    /// left out (an action's field is then kept, or a new action gets the default).
    public static let columns = [
        "id", "title", "title_en", "goals", "kind", "follows", "carriedFrom", "countsTowardsLimit", "owner", "partners", "level", "step",
        "vote", "scale", "buurt", "cost", "start", "end", "status", "reason", "reason_en", "alternative", "alternative_en", "quickWin",
    ]

    /// The actions as CSV text (comma-separated, CRLF, UTF-8).
    public static func csv(_ actions: [Action]) -> String {
        var text = CSVWriter.line(columns)
        for action in actions {
            let fields: [String] = [
                action.id, action.title.nl, action.title.en ?? "", action.goals.joined(separator: ";"), action.kind.rawValue, action.follows ?? "",
                action.carriedFrom.map(String.init) ?? "", action.countsTowardsLimit ? "ja" : "nee", action.owner,
                action.partners.joined(separator: ";"), action.level.rawValue, action.step ?? "", action.vote ?? "", action.scale.rawValue,
                action.buurt ?? "", String(action.cost), action.start ?? "", action.end ?? "", action.status.rawValue,
                action.notFeasible?.reason.nl ?? "", action.notFeasible?.reason.en ?? "", action.notFeasible?.alternative?.nl ?? "",
                action.notFeasible?.alternative?.en ?? "", action.quickWin ? "ja" : "nee",
            ]
            text += CSVWriter.line(fields)
        }
        return text
    }

    /// What an import changed.
    public struct Outcome: Sendable, Hashable {
        public var added: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        public var removed: [String] = []
    }

    /// Applies the rows of `bytes` (the file `file`) to `programme`: a row with a known id updates
    /// that action (a history entry names what changed), an unknown id adds one; actions missing
    /// from the file stay, unless `replace`. Every bad row is a finding with its line, and then
    /// nothing is changed.
    public static func apply(
        _ bytes: [UInt8], file: String, to programme: inout Programme, replace: Bool, date: String, by: String
    ) throws(InvalidInput) -> Outcome {
        let records = try CSVReader.records(bytes, file: file)
        var findings = Findings()
        guard let header = records.first else {
            findings.error("empty-file", at: Location(file: file, line: 1), nl: "het bestand is leeg", en: "the file is empty")
            throw InvalidInput(findings)
        }
        let names = header.fields.map(\.trimmingWhitespace)
        for name in names where !columns.contains(name) {
            let hint = Identifier.closest(to: name, in: columns)
            findings.error(
                "unknown-column", at: Location(file: file, line: header.line, path: name),
                nl: "onbekende kolom \"\(name)\"" + (hint.map { "; bedoelt u \"\($0)\"?" } ?? ""),
                en: "unknown column \"\(name)\"" + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
        }
        if !names.contains("id") {
            findings.error("missing-column", at: Location(file: file, line: header.line), nl: "de kolom id ontbreekt", en: "the column id is missing")
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }

        // The history names the file, not where it lay on someone's disk.
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        var result = programme
        var outcome = Outcome()
        var seen: Set<String> = []
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
            var row = Row(names: names, record: record, file: file)
            let id = row.text("id") ?? ""
            guard Programme.isKey(id) else {
                row.error(
                    "invalid-key", "id", nl: "\"\(id)\" is geen geldige sleutel; gebruik letters, cijfers en '-', zoals A-01",
                    en: "\"\(id)\" is not a valid key; use letters, digits and '-', such as A-01")
                findings.append(contentsOf: row.findings)
                continue
            }
            guard seen.insert(id).inserted else {
                row.error("duplicate-id", "id", nl: "\(id) staat al op een eerdere regel", en: "\(id) is on an earlier line already")
                findings.append(contentsOf: row.findings)
                continue
            }
            let existing = result.actions.firstIndex { $0.id == id }
            let base =
                existing.map { result.actions[$0] }
                ?? Action(id: id, title: LocalizedText(nl: ""), goals: [], owner: "")
            let action = row.action(updating: base)
            findings.append(contentsOf: row.findings)
            guard !row.findings.hasErrors else { continue }
            if let existing {
                let before = result.actions[existing]
                guard action != before else {
                    outcome.unchanged.append(id)
                    continue
                }
                var updated = action
                updated.history.append(change(from: before, to: action, file: fileName, date: date, by: by))
                result.actions[existing] = updated
                outcome.updated.append(id)
            } else {
                var added = action
                added.history.append(Change(date: date, by: by, note: "toegevoegd uit \(fileName)", status: action.status))
                result.actions.append(added)
                outcome.added.append(id)
            }
        }
        if replace {
            outcome.removed = result.actions.map(\.id).filter { !seen.contains($0) }
            result.actions.removeAll { !seen.contains($0.id) }
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        programme = result
        return outcome
    }

    /// The actions of a spreadsheet of new actions (for next year's plan), each with a history
    /// entry saying where it came from; an id twice or a bad row is a finding with its line.
    public static func newActions(_ bytes: [UInt8], file: String, date: String, by: String) throws(InvalidInput) -> [Action] {
        var scratch = Programme(
            id: "new", wijk: "", year: 0, agenda: Programme.AgendaReference(file: "", sha256: ""), budget: Programme.Budget(total: 0))
        _ = try apply(bytes, file: file, to: &scratch, replace: false, date: date, by: by)
        return scratch.actions
    }

    /// The history entry for an update: the fields `Change` records, and the others named in the note.
    static func change(from before: Action, to after: Action, file: String, date: String, by: String) -> Change {
        var entry = Change(date: date, by: by, note: "")
        var other: [String] = []
        if after.status != before.status { entry.status = after.status }
        if after.cost != before.cost { entry.cost = after.cost }
        if after.owner != before.owner { entry.owner = after.owner }
        if after.start != before.start { entry.start = after.start }
        if after.end != before.end { entry.end = after.end }
        if after.title != before.title { other.append("title") }
        if after.goals != before.goals { other.append("goals") }
        if after.kind != before.kind || after.follows != before.follows { other.append("kind") }
        if after.countsTowardsLimit != before.countsTowardsLimit { other.append("countsTowardsLimit") }
        if after.partners != before.partners { other.append("partners") }
        if after.level != before.level || after.vote != before.vote || after.step != before.step { other.append("level") }
        if after.scale != before.scale || after.buurt != before.buurt { other.append("scale") }
        if after.notFeasible != before.notFeasible { other.append("notFeasible") }
        if after.quickWin != before.quickWin { other.append("quickWin") }
        if after.carriedFrom != before.carriedFrom { other.append("carriedFrom") }
        entry.note = "bijgewerkt uit \(file)" + (other.isEmpty ? "" : ": " + other.joined(separator: ", "))
        return entry
    }

    /// One row being read: its cells by column, and what is wrong with them.
    struct Row {
        let cells: [String: String]
        let line: Int
        let file: String
        var findings = Findings()

        init(names: [String], record: CSVRecord, file: String) {
            var cells: [String: String] = [:]
            for (index, name) in names.enumerated() where index < record.fields.count { cells[name] = record.fields[index].trimmingWhitespace }
            self.cells = cells
            line = record.line
            self.file = file
        }

        /// The cell, nil when the column is absent; "" when present and empty.
        func text(_ column: String) -> String? { cells[column] }

        mutating func error(_ code: String, _ column: String, nl: String, en: String) {
            findings.error(code, at: Location(file: file, line: line, path: column), nl: nl, en: en)
        }

        mutating func choice<Value: RawRepresentable & CaseIterable>(_ column: String, _ current: Value) -> Value where Value.RawValue == String {
            guard let text = text(column), !text.isEmpty else { return current }
            guard let value = Value(rawValue: text) else {
                let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
                error("unknown-\(column)", column, nl: "onbekende waarde \"\(text)\"; kies uit \(known)", en: "unknown value \"\(text)\"; choose from \(known)")
                return current
            }
            return value
        }

        mutating func flag(_ column: String, _ current: Bool) -> Bool {
            guard let text = text(column)?.lowercased(), !text.isEmpty else { return current }
            switch text {
            case "ja", "yes", "true", "1", "waar": return true
            case "nee", "no", "false", "0", "onwaar": return false
            default:
                error("invalid-flag", column, nl: "\"\(text)\" is geen ja of nee", en: "\"\(text)\" is not yes or no")
                return current
            }
        }

        mutating func month(_ column: String, _ current: String?) -> String? {
            guard let text = text(column) else { return current }
            if text.isEmpty { return nil }
            guard Programme.isMonth(text) else {
                error("invalid-month", column, nl: "\"\(text)\" is geen maand; schrijf JJJJ-MM, zoals 2027-01", en: "\"\(text)\" is not a month; write YYYY-MM, such as 2027-01")
                return current
            }
            return text
        }

        func optional(_ column: String, _ current: String?) -> String? {
            guard let text = text(column) else { return current }
            return text.isEmpty ? nil : text
        }

        func list(_ column: String, _ current: [String]) -> [String] {
            guard let text = text(column) else { return current }
            return text.split(separator: ";").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
        }

        func localized(_ nlColumn: String, _ current: LocalizedText?) -> LocalizedText? {
            guard text(nlColumn) != nil || text(nlColumn + "_en") != nil else { return current }
            let nl = optional(nlColumn, current?.nl) ?? ""
            let en = text(nlColumn + "_en").map { $0.isEmpty ? nil : $0 } ?? current?.en
            return nl.isEmpty ? nil : LocalizedText(nl: nl, en: en)
        }

        /// The action this row makes of `base`.
        mutating func action(updating base: Action) -> Action {
            var action = base
            action.title = localized("title", base.title) ?? LocalizedText(nl: "")
            if action.title.nl.isEmpty {
                error("missing-title", "title", nl: "een actie heeft een titel", en: "an action has a title")
            }
            action.goals = list("goals", base.goals)
            action.kind = choice("kind", base.kind)
            action.follows = optional("follows", base.follows)
            if let text = text("carriedFrom") {
                if text.isEmpty {
                    action.carriedFrom = nil
                } else if let year = Int(text) {
                    action.carriedFrom = year
                } else {
                    error("invalid-year", "carriedFrom", nl: "\"\(text)\" is geen jaar", en: "\"\(text)\" is not a year")
                }
            }
            action.countsTowardsLimit = flag("countsTowardsLimit", base.countsTowardsLimit)
            action.owner = optional("owner", base.owner) ?? ""
            if action.owner.isEmpty {
                error("missing-owner", "owner", nl: "een actie heeft een eigenaar (een rol of organisatie)", en: "an action has an owner (a role or organisation)")
            }
            action.partners = list("partners", base.partners)
            action.level = choice("level", base.level)
            action.step = optional("step", base.step)
            action.vote = optional("vote", base.vote)
            action.scale = choice("scale", base.scale)
            action.buurt = optional("buurt", base.buurt)
            if let text = text("cost"), !text.isEmpty {
                let digits = text.filter { $0 != "." && $0 != "€" && !$0.isWhitespace }
                if let cost = Int(digits) {
                    action.cost = cost
                } else {
                    error("invalid-cost", "cost", nl: "\"\(text)\" is geen bedrag in hele euro's", en: "\"\(text)\" is not an amount in whole euros")
                }
            }
            action.start = month("start", base.start)
            action.end = month("end", base.end)
            action.status = choice("status", base.status)
            if let reason = localized("reason", base.notFeasible?.reason) {
                action.notFeasible = Action.NotFeasible(reason: reason, alternative: localized("alternative", base.notFeasible?.alternative))
            } else if text("reason") != nil {
                action.notFeasible = nil
            }
            action.quickWin = flag("quickWin", base.quickWin)
            return action
        }
    }
}
