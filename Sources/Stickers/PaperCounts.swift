public import WijkpeilCore

/// The paper side of an evening's sticker vote: placement files read against their session and,
/// where they are two entries of the same counts, reconciled. What the tally, `stickers store` and
/// the projector all read paper counts through, whether the files come from the command line or
/// from the database.
public enum PaperCounts {
    /// One placements file: its name, its bytes, and the entry it is (for double entry).
    public struct File: Sendable, Hashable {
        public var name: String
        public var bytes: [UInt8]
        public var entry: String?

        public init(name: String, bytes: [UInt8], entry: String? = nil) {
            self.name = name
            self.bytes = bytes
            self.entry = entry
        }
    }

    /// What the files say together.
    public enum Outcome: Sendable {
        /// The rows to tally (one copy of double-entered counts), attendees per poster, and the
        /// invalid lines, which the caller refuses or leaves out.
        case agreed(table: PlacementTable, attendees: [String: Int], findings: Findings)
        /// Two entries differ here: recount these posters.
        case differ([DoubleEntry.Difference])
        /// Double entry needs exactly two entries; these were found.
        case wrongNumberOfEntries([String])
    }

    /// Reads `files` as placements of `session` and reconciles their entries.
    public static func read(_ files: [File], session: StickerSession) -> Outcome {
        var table = PlacementTable(), attendees: [String: Int] = [:], findings = Findings()
        for file in files {
            let contents = PlacementFile.read(file.bytes, file: file.name, session: session, entry: file.entry)
            table.append(contentsOf: contents.table)
            attendees.merge(contents.attendees) { first, _ in first }
            findings.append(contentsOf: contents.findings)
        }
        switch DoubleEntry.reconcile(table, session: session) {
        case .agreed(let agreed): return .agreed(table: agreed, attendees: attendees, findings: findings)
        case .differ(let differences): return .differ(differences)
        case .wrongNumberOfEntries(let entries): return .wrongNumberOfEntries(entries)
        }
    }
}
