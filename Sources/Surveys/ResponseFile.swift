import Foundation
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
        /// The row's own key (a `submissionKey` or `formulier` column, or a JSONL
        /// `submissionKey`), or else one made of the file's SHA-256 and the line number: the same
        /// file again gives the same keys, another file other keys, whatever its lines hold.
        public var submissionKey: String
        public var result: Result<ValidatedResponse, AnswerErrors>
        /// The invitation code typed in from a paper ballot (`invite` column), as written.
        public var invite: String?
        /// The answers as the compact JSON the store keeps
        /// (``ValidatedResponse/compactAnswersText(keyOrder:)``), when the reader wrote it while
        /// reading the line.
        public var answersText: String?
    }

    /// The rows of a file, and how many blank rows (only separators, or only white space) were
    /// passed over.
    public struct Contents: Sendable {
        public var rows: [Row]
        public var blankLines: Int
    }

    /// Reads every row. Problems with the file as a whole (not CSV, not UTF-8, an unknown
    /// column) are thrown as findings; problems with a row are in that row's result.
    ///
    /// `fileHash` (the SHA-256 of the file's bytes) makes the keys of rows without their own;
    /// `nil` leaves them empty, for readers that store nothing (the analysis).
    public static func read(_ bytes: [UInt8], format: Format, definition: SurveyDefinition, fileHash: String?) throws(InvalidInput) -> Contents {
        var rows: [Row] = []
        let blank = try forEachRow(bytes, format: format, definition: definition, fileHash: fileHash) { rows.append($0) }
        return Contents(rows: rows, blankLines: blank)
    }

    /// Reads the rows one at a time, so a large file is never held as rows in memory, and returns
    /// the number of blank rows passed over. A file that turns out not to be CSV part-way is
    /// thrown after the rows before it were handed over.
    @discardableResult
    public static func forEachRow(
        _ bytes: [UInt8], format: Format, definition: SurveyDefinition, fileHash: String?, _ body: (Row) -> Void
    ) throws(InvalidInput) -> Int {
        try forEachRow(bytes, format: format, definition: definition, derivedKey: { derivedKey(fileHash: fileHash, line: $0) }, body)
    }

    /// Reads the rows one at a time as ``forEachRow(_:format:definition:fileHash:_:)`` does;
    /// `derivedKey` gives the key of the row on a line (from 1) that has no key of its own
    /// (``derivedKey(fileHash:line:)``), so the file's hash may still be in the making.
    @discardableResult
    public static func forEachRow(
        _ bytes: [UInt8], format: Format, definition: SurveyDefinition, derivedKey: (Int) -> String, _ body: (Row) -> Void
    ) throws(InvalidInput) -> Int {
        switch format {
        case .csv: try readCSV(bytes, definition: definition, derivedKey: derivedKey, body)
        case .jsonl: try readJSONL(bytes, definition: definition, derivedKey: derivedKey, body)
        }
    }

    private static func readCSV(_ bytes: [UInt8], definition: SurveyDefinition, derivedKey: (Int) -> String, _ body: (Row) -> Void) throws(InvalidInput) -> Int {
        var reader = CSVReader(bytes)
        let first: CSVRecord?
        do {
            first = try reader.next()
        } catch {
            throw InvalidInput(Findings([error.finding(file: nil)]))
        }
        guard let header = first else {
            var findings = Findings()
            findings.error(
                "empty-file", at: Location(line: 1), nl: "het bestand is leeg; de eerste regel moet de vraag-ids noemen",
                en: "the file is empty; the first line must name the question ids")
            throw InvalidInput(findings)
        }
        var findings = Findings()
        let table = ResponseTable(header: header.fields, definition: definition, findings: &findings)
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        // The column of each question, by the question's index in the definition.
        var questionColumn = [Int?](repeating: nil, count: definition.questions.count)
        for (index, column) in table.columns.enumerated() {
            if let question = column, let position = definition.questions.firstIndex(where: { $0.id == question.id }) { questionColumn[position] = index }
        }
        // A column holds few distinct values (marks, option ids, ages), so each cell is read and
        // checked once per distinct value; free text, with a value per row, is not remembered.
        // Accepted cells apart from refused ones: an accepted answer is small to copy, a refusal
        // (with its messages) is not, and refusals are rare.
        var memo = [[String: Answer?]](repeating: [:], count: table.columns.count)
        var refused = [[String: AnswerError]](repeating: [:], count: table.columns.count)
        var blank = 0
        var firstRow = true
        while true {
            let next: CSVRecord?
            do {
                next = try reader.next()
            } catch {
                throw InvalidInput(Findings([error.finding(file: nil)]))
            }
            guard let record = next else { return blank }
            // A spreadsheet's empty rows come out as separators only.
            if record.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
                blank += 1
                continue
            }
            // The template's second header row, with the questions in words, is no response.
            defer { firstRow = false }
            if firstRow, ResponseTable.isDescribingRow(record.fields, header: header.fields, definition: definition) { continue }
            body(row(record))
        }

        func row(_ record: CSVRecord) -> Row {
            guard record.fields.count == table.columns.count else {
                do throws(AnswerErrors) {
                    _ = try table.rawAnswers(record.fields)
                } catch {
                    return Row(line: record.line, submissionKey: derivedKey(record.line), result: .failure(error))
                }
                return Row(line: record.line, submissionKey: derivedKey(record.line), result: .failure(AnswerErrors([])))
            }
            var ownKey: String?
            for index in table.keyColumns {
                let key = record.fields[index].trimmingWhitespace
                if !key.isEmpty { ownKey = key }
            }
            let (answers, errors) = AnswerValidator.validate(definition) { index throws(AnswerError) in
                guard let column = questionColumn[index] else { return nil }
                let cell = record.fields[column]
                if let known = memo[column][cell] { return known }
                if let error = refused[column][cell] { throw error }
                do throws(AnswerError) {
                    let question = definition.questions[index]
                    let answer = try AnswerValidator.validate(try ResponseTable.rawAnswer(cell, for: question), for: question)
                    if memo[column].count < 4096 { memo[column][cell] = answer }
                    return answer
                } catch {
                    if refused[column].count < 4096 { refused[column][cell] = error }
                    throw error
                }
            }
            let key = ownKey ?? derivedKey(record.line)
            let invite = table.inviteColumn.map { record.fields[$0].trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
            guard errors.isEmpty else {
                return Row(line: record.line, submissionKey: key, result: .failure(AnswerErrors(errors)), invite: invite)
            }
            return Row(
                line: record.line, submissionKey: key, result: .success(ValidatedResponse(surveyId: definition.id, answers: answers)),
                invite: invite)
        }
    }

    private static func readJSONL(_ bytes: [UInt8], definition: SurveyDefinition, derivedKey: (Int) -> String, _ body: (Row) -> Void) throws(InvalidInput) -> Int {
        var blank = 0
        var usual = ResponseLineReader(definition: definition)
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, slice) in lines.enumerated() {
            let line = index + 1
            if let read = slice.withUnsafeBytes({ usual.read($0) }) {
                body(Row(line: line, submissionKey: read.key ?? derivedKey(line), result: .success(read.response), answersText: read.answersText))
                continue
            }
            guard let decoded = String(validating: slice, as: UTF8.self) else {
                throw InvalidInput(Findings([CSVError(code: .invalidUTF8, line: line).finding(file: nil)]))
            }
            let text = decoded.trimmingWhitespace
            if text.isEmpty {
                if index < lines.count - 1 { blank += 1 }  // not the end of the last line
                continue
            }
            let derived = derivedKey(line)
            func failure(_ nl: String, _ en: String) -> Row {
                Row(
                    line: line, submissionKey: derived,
                    result: .failure(
                        AnswerErrors([
                            AnswerError(question: "-", code: .wrongType, message: LocalizedText(nl: nl, en: en))
                        ])))
            }
            let json: JSONValue
            do throws(JSONSyntaxError) {
                json = try JSONValue.parse(Data(text.utf8))
            } catch {
                body(failure("deze regel is geen geldige JSON: \(error.detail)", "this line is not valid JSON: \(error.detail)"))
                continue
            }
            guard case .object(let fields) = json else {
                body(failure("deze regel is geen JSON-object", "this line is not a JSON object"))
                continue
            }
            guard case .object(let answers)? = fields["answers"] else {
                body(failure("\"answers\": {…} ontbreekt", "\"answers\": {…} is missing"))
                continue
            }
            if let unknown = fields.keys.sorted().first(where: { $0 != "answers" && $0 != "submissionKey" }) {
                body(failure("onbekend veld \"\(unknown)\"", "unknown field \"\(unknown)\""))
                continue
            }
            var key = derived
            if let value = fields["submissionKey"] {
                guard case .string(let given) = value, !given.trimmingWhitespace.isEmpty else {
                    body(failure("submissionKey moet tekst zijn", "submissionKey must be text"))
                    continue
                }
                key = given
            }
            do throws(AnswerErrors) {
                body(Row(line: line, submissionKey: key, result: .success(try AnswerValidator.validate(answers, against: definition))))
            } catch {
                body(Row(line: line, submissionKey: key, result: .failure(error)))
            }
        }
        return blank
    }

    /// The key of a row without its own: the file's hash and the line number (empty without a hash).
    public static func derivedKey(fileHash: String?, line: Int) -> String {
        guard let fileHash else { return "" }
        return "paper-\(fileHash.prefix(16))-\(line)"
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
        case .object(let fields):
            fields.keys.sorted().map { key in
                // Session stickers nest colour → option: groen:veiligheid=2.
                if case .object(let inner)? = fields[key] {
                    return inner.keys.sorted().map { "\(key):\($0)=\(cell(inner[$0] ?? .null))" }.joined(separator: ";")
                }
                return "\(key)=\(cell(fields[key] ?? .null))"
            }.joined(separator: ";")
        }
    }
}
