import Store
import Surveys
import Synchronization
import WijkpeilCore

/// The results anyone may read for a survey that sets `publicResults`, made so that no single
/// response can be read from them.
///
/// They are a snapshot over the first ⌊n/5⌋×5 responses (by id), so two readings, one before and
/// one after a neighbour taps "Versturen", differ by at least five responses or not at all; and
/// they leave out every question marked `quasi` or `direct` and all free text (see
/// ``ResultsSummary``). The snapshot is kept and moved forward five responses at a time, so a
/// request counts the survey's responses but never reads them all again.
final class PublicResults: Sendable {
    /// The step in which public results change.
    static let step = ResultsSummary.smallest

    private struct Snapshot {
        var summary: ResultsSummary
        /// The id of the last response in `summary`.
        var lastId: Int64 = 0
    }

    private let snapshots = Mutex<[String: Snapshot]>([:])

    /// The public view of `survey`'s results; with `paper`, the evening's stored paper sticker
    /// counts added to the phones' (the projector: posters on a wall are public already).
    func json(for survey: SurveyDefinition, store: Store, adding paper: [String: [String: Int]] = [:]) throws(StoreError) -> JSONValue {
        let target = try store.responseCount(survey: survey.id) / Self.step * Self.step
        var snapshot = snapshots.withLock { $0[survey.id] } ?? Snapshot(summary: ResultsSummary(survey: survey))
        if snapshot.summary.n < target {
            try store.forEachResponse(survey: survey.id, afterId: snapshot.lastId, limit: target - snapshot.summary.n) { response in
                snapshot.summary.add(response.answers)
                snapshot.lastId = response.id
            }
            let made = snapshot
            snapshots.withLock { snapshots in
                if (snapshots[survey.id]?.summary.n ?? -1) < made.summary.n { snapshots[survey.id] = made }
            }
        }
        var summary = snapshot.summary
        for (question, counts) in paper {
            summary.counts[question, default: [:]].merge(counts, uniquingKeysWith: +)
        }
        return summary.jsonValue(publicView: true)
    }
}
