import Stickers
import Store
import Surveys
import WijkpeilCore

/// The paper counts of an evening (`stickers store`) as the live results add them to the phones'
/// dots: per stickers question that names a session, per `colour:option`, as the results count them.
struct PaperStickers {
    /// Stickers per question and `colour:option`.
    var counts: [String: [String: Int]] = [:]
    /// All stickers on paper, over the survey's questions.
    var stickers = 0
    /// Questions whose stored paper counts cannot be added yet: two entries that differ, or a file
    /// that no longer reads against the session. The page says so.
    var unsettled: [String] = []

    /// No paper counts.
    init() {}

    init(survey: SurveyDefinition, store: Store) throws(StoreError) {
        for question in survey.questions {
            guard case .sessionStickers(let allotment) = question.kind else { continue }
            let files = try store.stickerFiles(session: allotment.session)
            guard !files.isEmpty else { continue }
            let session = StickerSession(survey: survey, question: question)
            let read = PaperCounts.read(files.map { PaperCounts.File(name: $0.fileName, bytes: $0.bytes, entry: $0.entry) }, session: session)
            guard case .agreed(let table, let attendees, let findings) = read, !findings.hasErrors else {
                unsettled.append(question.id)
                continue
            }
            let tally = StickerTally.compute(session: session, table: table, attendees: attendees)
            for option in tally.options {
                for (colour, count) in option.counts where count > 0 {
                    counts[question.id, default: [:]]["\(colour):\(option.id)", default: 0] += count
                    stickers += count
                }
            }
        }
    }
}
