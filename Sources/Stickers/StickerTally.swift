import Surveys
public import WijkpeilCore

/// The honest count of one sticker session: per option the stickers of each colour, support and
/// concern, the share of all support, and a rank; per poster the same counts.
public struct StickerTally: Sendable, Hashable {
    public struct OptionResult: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var theme: String?
        /// Stickers per colour id, every colour of the session present (0 where none).
        public var counts: [String: Int]
        public var support: Int
        public var concern: Int
        /// This option's support stickers ÷ all support stickers (0 when there are none).
        public var share: Double
        /// Standard competition rank ("1224"): support descending, then concern ascending.
        public var rank: Int
    }

    /// A row that was not counted, and why.
    public struct Exclusion: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var code: String
        public var reason: LocalizedText

        public init(file: String, line: Int, code: String, reason: LocalizedText) {
            self.file = file
            self.line = line
            self.code = code
            self.reason = reason
        }
    }

    public var session: String
    /// In rank order; equal ranks by option id.
    public var options: [OptionResult]
    /// poster → option → colour → count.
    public var posters: [String: [String: [String: Int]]]
    /// Distinct participants, when the placements name them.
    public var participants: Int?
    /// Stickers counted.
    public var stickers: Int
    public var excluded: [Exclusion]
    public var warnings: [LocalizedText]

    /// Counts `placements` (in file order) for `session`. A participant's stickers beyond the
    /// allotment of a colour, or beyond the cap on one option, are excluded — the later ones —
    /// and listed. Paper counts above attendance × allotment give a warning. `knownParticipants`
    /// is for digital counts, whose participants are counted where they are stored.
    public static func compute(
        session: StickerSession, placements: [Placement], attendees: [String: Int] = [:], knownParticipants: Int? = nil
    ) -> StickerTally {
        let colours = Dictionary(uniqueKeysWithValues: session.colours.map { ($0.id, $0) })
        var perOption: [String: [String: Int]] = [:]
        var posters: [String: [String: [String: Int]]] = [:]
        var excluded: [Exclusion] = []
        var usedPerColour: [String: Int] = [:]
        var usedPerOption: [String: Int] = [:]
        var participants: Set<String> = []
        var stickers = 0
        for placement in placements {
            guard let colour = colours[placement.colour] else { continue }
            if let participant = placement.participant {
                let who = placement.file + "\u{1F}" + participant
                participants.insert(who)
                let colourKey = who + "\u{1F}" + colour.id
                let optionKey = colourKey + "\u{1F}" + placement.option
                if usedPerColour[colourKey, default: 0] + placement.count > colour.perParticipant {
                    excluded.append(Exclusion(
                        file: placement.file, line: placement.line, code: "over-allotment",
                        reason: LocalizedText(
                            nl: "deelnemer \(participant) had al \(colour.perParticipant) \(colour.label.nl) sticker(s) geplakt",
                            en: "participant \(participant) had already placed \(colour.perParticipant) \(colour.label.text(in: .en)) sticker(s)")))
                    continue
                }
                if usedPerOption[optionKey, default: 0] + placement.count > session.maxPerOption {
                    excluded.append(Exclusion(
                        file: placement.file, line: placement.line, code: "over-cap",
                        reason: LocalizedText(
                            nl: "deelnemer \(participant) had al \(session.maxPerOption) \(colour.label.nl) sticker(s) op \"\(placement.option)\"",
                            en: "participant \(participant) had already put \(session.maxPerOption) \(colour.label.text(in: .en)) sticker(s) on \"\(placement.option)\"")))
                    continue
                }
                usedPerColour[colourKey, default: 0] += placement.count
                usedPerOption[optionKey, default: 0] += placement.count
            }
            perOption[placement.option, default: [:]][colour.id, default: 0] += placement.count
            posters[placement.poster, default: [:]][placement.option, default: [:]][colour.id, default: 0] += placement.count
            stickers += placement.count
        }
        let warnings = attendanceWarnings(session: session, placements: placements, attendees: attendees)
        let options = rank(session: session, counts: perOption)
        return StickerTally(
            session: session.id, options: options, posters: posters,
            participants: knownParticipants ?? (participants.isEmpty ? (placements.isEmpty ? 0 : nil) : participants.count),
            stickers: stickers, excluded: excluded, warnings: warnings)
    }

    /// Per option: counts, support, concern and share; sorted and ranked.
    static func rank(session: StickerSession, counts: [String: [String: Int]]) -> [OptionResult] {
        let meaning = Dictionary(uniqueKeysWithValues: session.colours.map { ($0.id, $0.meaning) })
        var results = session.options.map { option -> OptionResult in
            var perColour = Dictionary(uniqueKeysWithValues: session.colours.map { ($0.id, 0) })
            for (colour, count) in counts[option.id] ?? [:] { perColour[colour, default: 0] += count }
            let support = perColour.filter { meaning[$0.key] == .support }.values.reduce(0, +)
            let concern = perColour.filter { meaning[$0.key] == .concern }.values.reduce(0, +)
            return OptionResult(id: option.id, label: option.label, theme: option.theme, counts: perColour,
                                support: support, concern: concern, share: 0, rank: 0)
        }
        let totalSupport = results.map(\.support).reduce(0, +)
        for index in results.indices {
            results[index].share = totalSupport == 0 ? 0 : Double(results[index].support) / Double(totalSupport)
            let me = results[index]
            results[index].rank = 1 + results.filter { $0.support > me.support || ($0.support == me.support && $0.concern < me.concern) }.count
        }
        return results.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
    }

    private static func attendanceWarnings(session: StickerSession, placements: [Placement], attendees: [String: Int]) -> [LocalizedText] {
        var warnings: [LocalizedText] = []
        let counted = placements.filter { $0.participant == nil }
        for colour in session.colours {
            var perPoster: [String: Int] = [:]
            for placement in counted where placement.colour == colour.id { perPoster[placement.poster, default: 0] += placement.count }
            for (poster, total) in perPoster.sorted(by: { $0.key < $1.key }) {
                if let people = attendees[poster], total > people * colour.perParticipant {
                    warnings.append(LocalizedText(
                        nl: "poster \(poster): \(total) \(colour.label.nl) stickers, meer dan \(people) aanwezigen × \(colour.perParticipant); tel deze poster opnieuw",
                        en: "poster \(poster): \(total) \(colour.label.text(in: .en)) stickers, more than \(people) attendees × \(colour.perParticipant); recount this poster"))
                }
            }
            let total = perPoster.values.reduce(0, +)
            if let people = session.attendance, total > people * colour.perParticipant {
                warnings.append(LocalizedText(
                    nl: "in totaal \(total) \(colour.label.nl) stickers geteld, meer dan \(people) aanwezigen × \(colour.perParticipant)",
                    en: "\(total) \(colour.label.text(in: .en)) stickers counted in all, more than \(people) attendees × \(colour.perParticipant)"))
            }
        }
        return warnings
    }
}

/// The four-eyes principle of Dutch election counting: paper counts entered twice, by two
/// people, must agree before they are tallied.
public enum DoubleEntry {
    /// A poster, option and colour where the two entries differ.
    public struct Difference: Sendable, Hashable {
        public var poster: String
        public var option: String
        public var colour: String
        public var counts: [String: Int]
    }

    public enum Outcome: Sendable, Hashable {
        /// The placements to tally: those not double-entered, and one copy of the agreed counts.
        case agreed([Placement])
        /// The entries differ here: recount these posters.
        case differ([Difference])
        /// Double entry needs exactly two entries; these were found.
        case wrongNumberOfEntries([String])
    }

    public static func reconcile(_ placements: [Placement]) -> Outcome {
        let entries = Array(Set(placements.compactMap(\.entry))).sorted()
        if entries.isEmpty { return .agreed(placements) }
        guard entries.count == 2 else { return .wrongNumberOfEntries(entries) }
        var totals: [String: [String: Int]] = [:]
        for placement in placements {
            guard let entry = placement.entry else { continue }
            let key = [placement.poster, placement.option, placement.colour].joined(separator: "\u{1F}")
            totals[key, default: [:]][entry, default: 0] += placement.count
        }
        var differences: [Difference] = []
        for key in totals.keys.sorted() {
            let counts = totals[key] ?? [:]
            let first = counts[entries[0]] ?? 0, second = counts[entries[1]] ?? 0
            if first != second {
                let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
                differences.append(Difference(poster: parts[0], option: parts[1], colour: parts[2], counts: [entries[0]: first, entries[1]: second]))
            }
        }
        if !differences.isEmpty { return .differ(differences) }
        return .agreed(placements.filter { $0.entry == nil || $0.entry == entries[0] })
    }
}
