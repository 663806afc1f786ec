public import Surveys
public import WijkpeilCore

/// One column of an export.
public struct ExportColumn: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        /// The question's answer, generalised or scrubbed where its privacy says.
        case answer
        /// 1 when the option was chosen, 0 when not (empty when the question was not answered).
        case chosen(Option)
        /// Stickers on the option (empty when the question was not answered).
        case stickers(Option)
        /// Stickers of one colour of a session on the option (empty when not answered).
        case colouredStickers(StickerColour, Option)
    }

    public var name: String
    public var question: Question
    public var content: Content
    /// Counts toward k-anonymity.
    public var isQuasiIdentifier: Bool
    /// What was done to the values: `age-band`, `pc4`, `iso-week`, `scrubbed`, or `nil`.
    public var treatment: String?
}

/// Which columns an export of a survey has and how answers become cells. Pure: it reads answers
/// and returns strings, so every rule is tested directly.
///
/// Never exported: questions with privacy `direct` and e-mail questions. Multi-choice becomes one
/// 0/1 column per option (`qid.optionId`), stickers one count column per option, a session's
/// stickers one per colour and option (`qid.colour.optionId`). Quasi-identifiers
/// are generalised: ages to ten-year bands, postcodes to PC4, dates to ISO weeks. Free text is
/// scrubbed. Text cells that a spreadsheet would run as a formula get a leading `'`.
public struct ExportPlan: Sendable {
    public let definition: SurveyDefinition
    public let columns: [ExportColumn]
    /// How each column's cell is made, in the columns' order: the ids only, so that making a
    /// row's cells copies no question or option.
    private let rules: [CellRule]
    /// The rules of the quasi-identifying columns, in order: what a row's k-anonymity key is made of.
    private let quasiRules: [CellRule]
    /// The questions of the quasi-identifying columns, each once.
    public let quasiQuestions: [String]

    /// How one column's cell is made from a response's answers.
    private enum CellRule {
        case chosen(question: String, option: String)
        case stickers(question: String, option: String)
        case colouredStickers(question: String, colour: String, option: String)
        case answer(question: String, treatment: Treatment)
    }

    private enum Treatment {
        case none, ageBand, pc4, isoWeek, scrubbed
    }

    public init(definition: SurveyDefinition) {
        self.definition = definition
        var columns: [ExportColumn] = []
        for question in definition.questions where question.privacy != .direct {
            let quasi = question.privacy == .quasi
            switch question.kind {
            case .email:
                continue
            case .multi(let options, _, _), .approval(let options, _, _, _, _):
                columns += options.map { ExportColumn(name: "\(question.id).\($0.id)", question: question, content: .chosen($0), isQuasiIdentifier: quasi) }
            case .stickers(let options, _, _):
                columns += options.map { ExportColumn(name: "\(question.id).\($0.id)", question: question, content: .stickers($0), isQuasiIdentifier: quasi) }
            case .sessionStickers(let allotment):
                // One count column per option and colour: stippen.groen.veiligheid.
                for colour in allotment.colours {
                    columns += allotment.options.map {
                        ExportColumn(name: "\(question.id).\(colour.id).\($0.id)", question: question, content: .colouredStickers(colour, $0), isQuasiIdentifier: quasi)
                    }
                }
            case .text:
                columns.append(ExportColumn(name: question.id, question: question, content: .answer, isQuasiIdentifier: quasi, treatment: "scrubbed"))
            case .postcode:
                columns.append(ExportColumn(name: question.id, question: question, content: .answer, isQuasiIdentifier: true, treatment: "pc4"))
            case .number(_, _, let generalise):
                columns.append(
                    ExportColumn(
                        name: question.id, question: question, content: .answer, isQuasiIdentifier: quasi,
                        treatment: quasi && generalise == .ageBand ? "age-band" : nil))
            case .date:
                columns.append(
                    ExportColumn(
                        name: question.id, question: question, content: .answer, isQuasiIdentifier: quasi,
                        treatment: quasi ? "iso-week" : nil))
            case .rating, .single, .consent:
                columns.append(ExportColumn(name: question.id, question: question, content: .answer, isQuasiIdentifier: quasi))
            }
        }
        self.columns = columns
        rules = columns.map(Self.rule)
        quasiRules = columns.filter(\.isQuasiIdentifier).map(Self.rule)
        var seen: Set<String> = []
        quasiQuestions = columns.filter(\.isQuasiIdentifier).map(\.question.id).filter { seen.insert($0).inserted }
    }

    private static func rule(_ column: ExportColumn) -> CellRule {
        let question = column.question.id
        switch column.content {
        case .chosen(let option): return .chosen(question: question, option: option.id)
        case .stickers(let option): return .stickers(question: question, option: option.id)
        case .colouredStickers(let colour, let option): return .colouredStickers(question: question, colour: colour.id, option: option.id)
        case .answer:
            switch column.treatment {
            case "age-band": return .answer(question: question, treatment: .ageBand)
            case "pc4": return .answer(question: question, treatment: .pc4)
            case "iso-week": return .answer(question: question, treatment: .isoWeek)
            case "scrubbed": return .answer(question: question, treatment: .scrubbed)
            default: return .answer(question: question, treatment: .none)
            }
        }
    }

    /// The header: `row`, then the columns.
    public var header: [String] { ["row"] + columns.map(\.name) }

    /// Whether any column counts toward k-anonymity.
    public var hasQuasiIdentifiers: Bool { columns.contains(where: \.isQuasiIdentifier) }

    /// The cells of one response (without the row number).
    public func cells(_ answers: [String: JSONValue]) -> [String] {
        rules.map { cell($0, in: answers) }
    }

    /// The combination of quasi-identifying cells of a response, as one key, without making the
    /// other cells (free text is not scrubbed for it): what the counting pass of k-anonymity needs.
    public func quasiKey(answers: [String: JSONValue]) -> String {
        var key = ""
        for (index, rule) in quasiRules.enumerated() {
            if index > 0 { key += "\u{1F}" }
            key += cell(rule, in: answers)
        }
        return key
    }

    private func cell(_ rule: CellRule, in answers: [String: JSONValue]) -> String {
        switch rule {
        case .chosen(let question, let option):
            guard case .array(let chosen)? = answers[question] else { return "" }
            return chosen.contains(.string(option)) ? "1" : "0"
        case .stickers(let question, let option):
            guard case .object(let counts)? = answers[question] else { return "" }
            return number(counts[option] ?? .number(0))
        case .colouredStickers(let question, let colour, let option):
            guard case .object(let byColour)? = answers[question] else { return "" }
            guard case .object(let counts)? = byColour[colour] else { return "0" }
            return number(counts[option] ?? .number(0))
        case .answer(let question, let treatment):
            switch (answers[question] ?? .null, treatment) {
            case (.null, _): return ""
            case (.number(let age), .ageBand): return Coarsening.ageBand(age)
            case (.string(let text), .pc4): return Coarsening.pc4(text) ?? ""
            case (.string(let text), .isoWeek): return Coarsening.isoWeek(text) ?? ""
            case (.string(let text), .scrubbed): return Self.guarded(Scrubber.scrub(text))
            case (.string(let text), _): return Self.guarded(text)
            case (.bool(let flag), _): return flag ? "1" : "0"
            case (let value, _):
                if case .number = value { return number(value) }
                return ""
            }
        }
    }

    private func number(_ value: JSONValue) -> String {
        guard case .number(let number) = value else { return "" }
        return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// A text cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
    /// tab or carriage return) gets a leading `'`.
    public static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// The Frictionless type of a column: `integer`, `number` or `string` (what the codebook says).
    public func fieldType(_ column: ExportColumn) -> String {
        switch column.content {
        case .chosen, .stickers, .colouredStickers: return "integer"
        case .answer:
            switch column.question.kind {
            case .rating, .consent: return "integer"
            case .number: return column.treatment == "age-band" ? "string" : "number"
            default: return "string"
            }
        }
    }

    /// One row of the JSON export: numbers as JSON numbers, `null` for a question not answered
    /// or a suppressed value, and `_suppressed` naming the cells suppressed for k-anonymity (the
    /// `*` of the CSV).
    public func jsonRow(number row: Int, cells: [String], suppressed: Bool) -> JSONValue {
        var object: [String: JSONValue] = ["row": .number(Double(row))]
        var withheld: [JSONValue] = []
        for (column, cell) in zip(columns, cells) {
            if suppressed, column.isQuasiIdentifier {
                object[column.name] = .null
                withheld.append(.string(column.name))
            } else if cell.isEmpty {
                object[column.name] = .null
            } else if fieldType(column) != "string", let value = Double(cell) {
                object[column.name] = .number(value)
            } else {
                object[column.name] = .string(cell)
            }
        }
        if !withheld.isEmpty { object["_suppressed"] = .array(withheld) }
        return .object(object)
    }

    /// The combination of quasi-identifying cells of a row, as one key.
    public func quasiKey(_ cells: [String]) -> String {
        var key = "", first = true
        for (column, cell) in zip(columns, cells) where column.isQuasiIdentifier {
            if !first { key += "\u{1F}" }
            key += cell
            first = false
        }
        return key
    }

    /// The row with its quasi-identifying cells replaced by `*`.
    public func suppressed(_ cells: [String]) -> [String] {
        zip(columns, cells).map { $0.0.isQuasiIdentifier ? "*" : $0.1 }
    }
}

/// The k-anonymity decision for an export: combinations of quasi-identifiers that occur fewer
/// than k times are suppressed (`*`); if the suppressed rows are themselves fewer than k, they
/// are left out.
public struct KAnonymity: Sendable, Hashable {
    public let k: Int
    public let suppressedKeys: Set<String>
    public let suppressedRows: Int
    /// Whether the suppressed rows are left out (there are fewer than k of them).
    public let leaveOutSuppressed: Bool

    public init(k: Int, counts: [String: Int]) {
        self.k = k
        let small = counts.filter { $0.value < k }
        suppressedKeys = Set(small.keys)
        suppressedRows = small.values.reduce(0, +)
        leaveOutSuppressed = suppressedRows > 0 && suppressedRows < k
    }

    /// Whether every combination in `written` occurs at least k times.
    public func holds(for written: [String: Int]) -> Bool {
        written.values.allSatisfy { $0 >= k }
    }
}
