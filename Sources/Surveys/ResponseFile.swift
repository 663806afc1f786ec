import Foundation
import Hashing
public import WijkpeilCore

/// A file of responses typed in from paper forms: CSV (the ``ResponseTable`` shape) or JSONL
/// (one `{"submissionKey": "…", "answers": {…}}` per line). Every line is validated on its own,
/// so an organiser sees every bad line at once.
public enum ResponseFile {
    public enum Format: String, Sendable {
        case csv
        case jsonl

        /// JSONL for `.jsonl` and `.ndjson`, CSV otherwise.
        public init(fileName: String) {
            let lower = fileName.lowercased()
            self = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonl : .csv
        }
    }

    /// One line of the file and what became of it.
    public struct Row: Sendable {
        public var line: Int
        /// The row's own key, or one derived from the survey, the line number and the line's
        /// content: importing the same file twice stores nothing twice, while two identical paper
        /// forms on different lines are both kept.
        public var submissionKey: String
        public var result: Result<ValidatedResponse, AnswerErrors>
    }

    /// Reads every row. Problems with the file as a whole (not CSV, an unknown column) are thrown
    /// as findings; problems with a row are in that row's result.
    ///
    /// With `deriveKeys: false` rows without their own key get an empty one: for readers that
    /// store nothing (the analysis), which need not hash every line.
    public static func read(_ bytes: [UInt8], format: Format, definition: SurveyDefinition, deriveKeys: Bool = true) throws(InvalidInput) -> [Row] {
        var rows: [Row] = []
        try forEachRow(bytes, format: format, definition: definition, deriveKeys: deriveKeys) { rows.append($0) }
        return rows
    }

    /// Reads the rows one at a time, so a large file is never held as rows in memory. A file
    /// that turns out not to be CSV part-way is thrown after the rows before it were handed over.
    public static func forEachRow(
        _ bytes: [UInt8], format: Format, definition: SurveyDefinition, deriveKeys: Bool = true, _ body: (Row) -> Void
    ) throws(InvalidInput) {
        switch format {
        case .csv: try readCSV(bytes, definition: definition, deriveKeys: deriveKeys, body)
        case .jsonl: try readJSONL(bytes, definition: definition).forEach(body)
        }
    }

    private static func readCSV(_ bytes: [UInt8], definition: SurveyDefinition, deriveKeys: Bool, _ body: (Row) -> Void) throws(InvalidInput) {
        var reader = CSVReader(bytes)
        let first: CSVRecord?
        do {
            first = try reader.next()
        } catch {
            throw InvalidInput(Findings([error.finding(file: nil)]))
        }
        guard let header = first else {
            var findings = Findings()
            findings.error("empty-file", at: Location(line: 1), nl: "het bestand is leeg; de eerste regel moet de vraag-ids noemen",
                           en: "the file is empty; the first line must name the question ids")
            throw InvalidInput(findings)
        }
        var findings = Findings()
        let table = ResponseTable(header: header.fields, definition: definition, findings: &findings)
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        var questionColumn: [String: Int] = [:]
        for (index, column) in table.columns.enumerated() {
            if let question = column { questionColumn[question.id] = index }
        }
        // A column holds few distinct values (marks, option ids, ages), so each cell is read and
        // checked once per distinct value; free text, with a value per row, is not remembered.
        var memo = [[String: Result<Answer?, AnswerError>]](repeating: [:], count: table.columns.count)
        while true {
            let next: CSVRecord?
            do {
                next = try reader.next()
            } catch {
                throw InvalidInput(Findings([error.finding(file: nil)]))
            }
            guard let record = next else { return }
            body(row(record))
        }

        func row(_ record: CSVRecord) -> Row {
            var derived: String {
                deriveKeys ? derivedKey(definition.id, line: record.line, content: record.fields.joined(separator: "\u{1F}")) : ""
            }
            guard record.fields.count == table.columns.count else {
                do throws(AnswerErrors) {
                    _ = try table.rawAnswers(record.fields)
                } catch {
                    return Row(line: record.line, submissionKey: derived, result: .failure(error))
                }
                return Row(line: record.line, submissionKey: derived, result: .failure(AnswerErrors([])))
            }
            var ownKey: String?
            for (index, column) in table.columns.enumerated() where column == nil {
                let key = record.fields[index].trimmingWhitespace
                if !key.isEmpty { ownKey = key }
            }
            let (answers, errors) = AnswerValidator.validate(definition) { question throws(AnswerError) in
                guard let column = questionColumn[question.id] else { return nil }
                let cell = record.fields[column]
                if let known = memo[column][cell] { return try known.get() }
                let result = Result<Answer?, AnswerError> { () throws(AnswerError) in
                    try AnswerValidator.validate(try ResponseTable.rawAnswer(cell, for: question), for: question)
                }
                if memo[column].count < 4096 { memo[column][cell] = result }
                return try result.get()
            }
            let key = ownKey ?? derived
            guard errors.isEmpty else { return Row(line: record.line, submissionKey: key, result: .failure(AnswerErrors(errors))) }
            return Row(line: record.line, submissionKey: key, result: .success(ValidatedResponse(surveyId: definition.id, answers: answers)))
        }
    }

    private static func readJSONL(_ bytes: [UInt8], definition: SurveyDefinition) throws(InvalidInput) -> [Row] {
        var rows: [Row] = []
        for (index, slice) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let text = String(decoding: slice, as: UTF8.self).trimmingWhitespace
            if text.isEmpty { continue }
            let derived = derivedKey(definition.id, line: line, content: text)
            func failure(_ nl: String, _ en: String) -> Row {
                Row(line: line, submissionKey: derived, result: .failure(AnswerErrors([
                    AnswerError(question: "-", code: .wrongType, message: LocalizedText(nl: nl, en: en)),
                ])))
            }
            guard let json = try? JSONValue.parse(Data(text.utf8)), case .object(let fields) = json else {
                rows.append(failure("deze regel is geen JSON-object", "this line is not a JSON object"))
                continue
            }
            guard case .object(let answers)? = fields["answers"] else {
                rows.append(failure("\"answers\": {…} ontbreekt", "\"answers\": {…} is missing"))
                continue
            }
            if let unknown = fields.keys.sorted().first(where: { $0 != "answers" && $0 != "submissionKey" }) {
                rows.append(failure("onbekend veld \"\(unknown)\"", "unknown field \"\(unknown)\""))
                continue
            }
            var key = derived
            if let value = fields["submissionKey"] {
                guard case .string(let given) = value, !given.trimmingWhitespace.isEmpty else {
                    rows.append(failure("submissionKey moet tekst zijn", "submissionKey must be text"))
                    continue
                }
                key = given
            }
            do throws(AnswerErrors) {
                rows.append(Row(line: line, submissionKey: key, result: .success(try AnswerValidator.validate(answers, against: definition))))
            } catch {
                rows.append(Row(line: line, submissionKey: key, result: .failure(error)))
            }
        }
        return rows
    }

    static func derivedKey(_ survey: String, line: Int, content: String) -> String {
        "paper-" + String(SHA256.hex(Array("\(survey)\n\(line)\n\(content)".utf8)).prefix(32))
    }
}

extension ResponseTable {
    /// A stored answer as a CSV cell, the inverse of ``rawAnswer(_:for:)``.
    public static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let flag): flag ? "ja" : "nee"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): text
        case .array(let items): items.map(cell).joined(separator: ";")
        case .object(let fields): fields.keys.sorted().map { "\($0)=\(cell(fields[$0] ?? .null))" }.joined(separator: ";")
        }
    }
}
