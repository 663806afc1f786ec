public import Store
public import Surveys
import WijkpeilCore

/// The organiser's view of a survey's stored responses, one line each, with what the export
/// leaves out (submission keys, times, the channel): for checking an evening, never for
/// publishing. Answers that identify a person (`privacy: direct`, the e-mail address) are left out
/// here too: only ``MailingList`` gives them, and only with consent.
public enum ResponseListing {
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON object a line, with the definition hash each response answered.
        case jsonl
        /// RFC 4180, a header of `id,submissionKey,source,receivedAt` and the question ids;
        /// cells as the paper import reads them (multi-choice `a;b`, stickers `a=2;b=1`).
        case csv
    }

    /// Hands each line (ending in a line break) to `write`, in the order the responses came in,
    /// reading the store a response at a time.
    public static func list(
        _ survey: SurveyDefinition, from store: StoreReader, format: Format, write: (String) -> Void
    ) throws {
        let questionIds = survey.questions.filter { $0.privacy != .direct }.map(\.id)
        let withheld = Set(survey.questions.filter { $0.privacy == .direct }.map(\.id))
        if format == .csv { write(CSVWriter.line(["id", "submissionKey", "source", "receivedAt"] + questionIds)) }
        try store.forEachResponse(survey: survey.id) { response in
            switch format {
            case .csv:
                guard case .object(let answers) = response.answers else { return }
                let cells = questionIds.map { ResponseTable.cell(answers[$0] ?? .null) }
                write(CSVWriter.line([String(response.id), response.submissionKey, response.source.rawValue, response.receivedAt] + cells))
            case .jsonl:
                var answers = response.answers
                if case .object(let fields) = answers { answers = .object(fields.filter { !withheld.contains($0.key) }) }
                let json: JSONValue = .object([
                    "id": .number(Double(response.id)), "submissionKey": .string(response.submissionKey),
                    "source": .string(response.source.rawValue), "receivedAt": .string(response.receivedAt),
                    "definitionHash": .string(response.definitionHash), "answers": answers,
                ])
                write(String(decoding: json.encoded(), as: UTF8.self) + "\n")
            }
        }
    }
}
