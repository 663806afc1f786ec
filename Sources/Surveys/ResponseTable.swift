public import WijkpeilCore

/// The CSV shape of responses that paper import, analysis and export share: a header of question
/// ids (and optionally `submissionKey` or `formulier`, the number on a paper form), one
/// response per row. Multi-choice cells are `a;b`,
/// sticker cells `a=2;b=1`, consent `ja|nee` (or `true|false`); an empty cell is unanswered.
public struct ResponseTable: Sendable {
    /// The column that may carry each row's own submission key.
    public static let submissionKeyColumn = "submissionKey"
    /// The column for the number written on a paper form, which is then the row's key: the
    /// same form typed in twice is stored once, however the files are split.
    public static let paperFormColumn = "formulier"
    /// The column in which a rejected-lines file (`FILE.afgewezen.csv`) says why each line was
    /// refused; the import passes over it, so the corrected file can be imported as it is.
    public static let reasonColumn = "reden"
    /// The column for the invitation code handed in with a paper ballot (a co-decide vote): it is
    /// checked and spent as on the form, and never stored with the ballot.
    public static let inviteColumn = "invite"

    public let definition: SurveyDefinition
    /// For each column, the question it holds (`nil` for a key or reason column).
    public let columns: [Question?]
    /// The columns that hold a row's own key (`submissionKey`, `formulier`).
    public let keyColumns: [Int]
    public var hasSubmissionKey: Bool { !keyColumns.isEmpty }
    /// The column of the invitation codes, if the file has one.
    public let inviteColumn: Int?

    /// The columns of a spreadsheet for typing in paper forms: the form number first, then
    /// every question the form asks.
    public static func templateHeader(for definition: SurveyDefinition) -> [String] {
        // A ballot's invitation code is typed in with it, checked and spent as on the form.
        [paperFormColumn] + (definition.requiresInvite ? [inviteColumn] : []) + definition.questions.filter { !$0.kind.isStickers }.map(\.id)
    }

    /// The second header row of such a spreadsheet: per column the question in words and what to
    /// type ("Welk rapportcijfer … (1–10)"). The import recognises the row in either language and
    /// passes over it.
    public static func describingRow(for header: [String], definition: SurveyDefinition, language: Language) -> [String] {
        let nl = language == .nl
        return header.map { name in
            if name == paperFormColumn { return nl ? "Formuliernummer (zoals A001)" : "Form number (such as A001)" }
            if name == inviteColumn { return nl ? "Uitnodigingscode (ABCDE-FGHJK-LMNPQ)" : "Invitation code (ABCDE-FGHJK-LMNPQ)" }
            guard let question = definition.question(name) else { return name }
            let asked = question.text.text(in: language)
            let what: String
            switch question.kind {
            case .rating(let min, let max, _): what = "\(min)–\(max)"
            case .single(let options): what = options.map(\.id).joined(separator: "/")
            case .multi(let options, _, _), .approval(let options, _, _, _, _):
                what = (nl ? "met ; ertussen: " : "separated by ;: ") + options.map(\.id).joined(separator: "/")
            case .number: what = nl ? "getal" : "number"
            case .consent: what = nl ? "ja/nee" : "yes/no"
            case .postcode: what = "1234 AB"
            case .email: what = nl ? "e-mailadres" : "e-mail address"
            case .date: what = nl ? "jjjj-mm-dd" : "yyyy-mm-dd"
            case .text: what = nl ? "tekst" : "text"
            case .stickers, .sessionStickers: what = nl ? "optie=aantal;…" : "option=count;…"
            }
            return "\(asked) (\(what))"
        }
    }

    /// Whether `fields` is the describing row of `header` in Dutch or English.
    public static func isDescribingRow(_ fields: [String], header: [String], definition: SurveyDefinition) -> Bool {
        let given = fields.map(\.trimmingWhitespace)
        return Language.allCases.contains { describingRow(for: header.map(\.trimmingWhitespace), definition: definition, language: $0) == given }
    }

    /// Reads the header; every column must be a question of `definition`, once.
    public init(header: [String], definition: SurveyDefinition, findings: inout Findings) {
        self.definition = definition
        var columns: [Question?] = []
        var seen: Set<String> = []
        var keyColumns: [Int] = []
        var inviteColumn: Int?
        for (index, name) in header.enumerated() {
            let name = name.trimmingWhitespace
            let location = Location(line: 1, path: "column \(index + 1) (\(name))")
            if !seen.insert(name).inserted {
                findings.error(
                    "duplicate-column", at: location,
                    nl: "kolom \"\(name)\" staat twee keer in de kopregel", en: "column \"\(name)\" appears twice in the header")
            }
            if name == Self.submissionKeyColumn || name == Self.paperFormColumn {
                keyColumns.append(index)
                columns.append(nil)
            } else if name == Self.reasonColumn {
                columns.append(nil)
            } else if name == Self.inviteColumn {
                inviteColumn = index
                columns.append(nil)
            } else if let question = definition.question(name) {
                columns.append(question)
            } else {
                let hint = Identifier.closest(to: name, in: definition.questions.map(\.id))
                findings.error(
                    "unknown-column", at: location,
                    nl: "enquête \"\(definition.id)\" heeft geen vraag \"\(name)\"" + (hint.map { "; bedoelt u \"\($0)\"?" } ?? ""),
                    en: "survey \"\(definition.id)\" has no question \"\(name)\"" + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
                columns.append(nil)
            }
        }
        for question in definition.questions where question.required && !seen.contains(question.id) {
            findings.error(
                "missing-column", at: Location(line: 1),
                nl: "de kopregel mist een kolom voor de verplichte vraag \"\(question.id)\"",
                en: "the header lacks a column for the required question \"\(question.id)\"")
        }
        self.columns = columns
        self.keyColumns = keyColumns
        self.inviteColumn = inviteColumn
    }

    /// The raw answers of one row in the JSON shapes ``AnswerValidator`` takes, or the cells that
    /// cannot be read. Also returns the row's own submission key, if it has one.
    public func rawAnswers(_ fields: [String]) throws(AnswerErrors) -> (answers: [String: JSONValue], submissionKey: String?) {
        var answers: [String: JSONValue] = [:]
        var errors: [AnswerError] = []
        var key: String?
        if fields.count != columns.count {
            throw AnswerErrors([
                AnswerError(
                    question: "-", code: .wrongType,
                    message: LocalizedText(
                        nl: "deze regel heeft \(fields.count) velden, de kopregel \(columns.count)",
                        en: "this line has \(fields.count) fields, the header \(columns.count)"))
            ])
        }
        for (index, (column, cell)) in zip(columns, fields).enumerated() {
            guard let question = column else {
                let trimmed = cell.trimmingWhitespace
                if keyColumns.contains(index), !trimmed.isEmpty { key = trimmed }
                continue
            }
            do {
                answers[question.id] = try Self.rawAnswer(cell, for: question)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw AnswerErrors(errors) }
        return (answers, key)
    }

    /// One cell in the JSON shape of its question's answers; `null` when empty.
    public static func rawAnswer(_ cell: String, for question: Question) throws(AnswerError) -> JSONValue {
        let text = cell.trimmingWhitespace
        if text.isEmpty { return .null }
        switch question.kind {
        case .rating, .number:
            // Dutch spreadsheets write a decimal comma.
            guard let number = DecimalNumber.parse(text) else {
                throw cellError(question, nl: "hier hoort een getal", en: "this needs a number")
            }
            return .number(number)
        case .multi, .approval:
            return .array(text.split(separator: ";").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }.map(JSONValue.string))
        case .stickers:
            var counts: [String: JSONValue] = [:]
            for pair in text.split(separator: ";") {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
                guard parts.count == 2, !parts[0].isEmpty, let count = Int(parts[1]), counts[parts[0]] == nil else {
                    throw cellError(question, nl: "schrijf stickers als optie=aantal;optie=aantal", en: "write stickers as option=count;option=count")
                }
                counts[parts[0]] = .number(Double(count))
            }
            return .object(counts)
        case .sessionStickers:
            // colour:option=count;… — groen:veiligheid=2;rood:verkeer=1
            var counts: [String: [String: JSONValue]] = [:]
            for pair in text.split(separator: ";") {
                let parts = pair.split(separator: "=", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
                let place = parts.first?.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace } ?? []
                guard parts.count == 2, place.count == 2, !place[0].isEmpty, !place[1].isEmpty, let count = Int(parts[1]),
                    counts[place[0]]?[place[1]] == nil
                else {
                    throw cellError(
                        question, nl: "schrijf stickers als kleur:optie=aantal;kleur:optie=aantal, zoals groen:veiligheid=2;rood:verkeer=1",
                        en: "write stickers as colour:option=count;colour:option=count, such as groen:veiligheid=2;rood:verkeer=1")
                }
                counts[place[0], default: [:]][place[1]] = .number(Double(count))
            }
            return .object(counts.mapValues { .object($0) })
        case .consent:
            switch text.lowercased() {
            case "ja", "true": return .bool(true)
            case "nee", "false": return .bool(false)
            default: throw cellError(question, nl: "schrijf ja of nee", en: "write ja or nee (yes or no)")
            }
        case .single, .text, .postcode, .email, .date:
            return .string(text)
        }
    }

    private static func cellError(_ question: Question, nl: String, en: String) -> AnswerError {
        AnswerError(question: question.id, code: .wrongType, message: LocalizedText(nl: nl, en: en))
    }
}
