import Foundation
@testable import Store
import Participation
import Surveys
import WijkpeilCore

/// A fresh folder with a database path in it, removed afterwards.
final class TemporaryDatabase {
    let folder: String
    var path: String { folder + "/test.sqlite" }

    init() {
        folder = NSTemporaryDirectory() + "wijkpeil-store-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

enum StoreFixtures {
    static func survey(requiresInvite: Bool = false) -> SurveyDefinition {
        SurveyDefinition(
            id: requiresInvite ? "stemming" : "peiling", title: LocalizedText(nl: "Peiling"), level: requiresInvite ? .codecide : .consult,
            requiresInvite: requiresInvite,
            questions: [
                Question(id: "cijfer", text: LocalizedText(nl: "Cijfer"), required: true, kind: .rating(min: 1, max: 10, labels: [:])),
                Question(id: "opmerking", text: LocalizedText(nl: "Opmerking"), kind: .text(maxLength: 100_000)),
            ])
    }

    static func submission(
        _ key: String, mark: Int = 7, remark: String? = nil, survey: SurveyDefinition = survey(), hash: String,
        source: ResponseSource = .api, invite: InviteCode? = nil
    ) -> Submission {
        var raw: [String: JSONValue] = ["cijfer": .number(Double(mark))]
        if let remark { raw["opmerking"] = .string(remark) }
        let response = try! AnswerValidator.validate(raw, against: survey)
        return Submission(response: response, definition: survey, definitionHash: hash, submissionKey: key, source: source, invite: invite)
    }
}
