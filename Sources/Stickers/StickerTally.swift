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
        /// Standard competition rank ("1224"): support descending, then concern descending (a
        /// worry is a reason to look, not to look away); equal ranks listed by option id.
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

    /// Counts `table` (in file order) for `session`. A participant's stickers beyond the
    /// allotment of a colour, or beyond the cap on one option, are excluded — the later ones —
    /// and listed. Paper counts above attendance × allotment give a warning. `knownParticipants`
    /// is for digital counts, whose participants are counted where they are stored.
    public static func compute(
        session: StickerSession, table: PlacementTable, attendees: [String: Int] = [:], knownParticipants: Int? = nil
    ) -> StickerTally {
        let optionCount = session.options.count, colourCount = session.colours.count
        let allotment = session.colours.map { Int32($0.perParticipant) }
        let cap = Int32(session.maxPerOption)
        var perOption = [Int](repeating: 0, count: optionCount * colourCount)
        var perPoster = [Int](repeating: 0, count: table.posterNames.count * optionCount * colourCount)
        // Per participant: stickers used per colour, and per option and colour.
        var usedPerColour = [Int32](repeating: 0, count: table.participantCount * colourCount)
        var usedPerOption = OptionUsage(slots: table.participantCount * optionCount * colourCount)
        var seen = [Bool](repeating: false, count: table.participantCount)
        var excluded: [Exclusion] = []
        var stickers = 0
        for row in 0..<table.rows {
            let option = Int(table.option[row]), colour = Int(table.colour[row]), count = table.count[row]
            let participant = table.participant[row]
            if participant >= 0 {
                let person = Int(participant)
                seen[person] = true
                let colourSlot = person * colourCount + colour
                let optionKey = (person * optionCount + option) * colourCount + colour
                if usedPerColour[colourSlot] + count > allotment[colour] {
                    excluded.append(exclusion(.overAllotment, row: row, table: table, session: session))
                    continue
                }
                let used = usedPerOption[optionKey]
                if used + count > cap {
                    excluded.append(exclusion(.overCap, row: row, table: table, session: session))
                    continue
                }
                usedPerColour[colourSlot] += count
                usedPerOption[optionKey] = used + count
            }
            perOption[option * colourCount + colour] += Int(count)
            perPoster[(Int(table.poster[row]) * optionCount + option) * colourCount + colour] += Int(count)
            stickers += Int(count)
        }
        var posters: [String: [String: [String: Int]]] = [:]
        for (posterIndex, poster) in table.posterNames.enumerated() {
            for (optionIndex, option) in session.options.enumerated() {
                for (colourIndex, colour) in session.colours.enumerated() {
                    let value = perPoster[(posterIndex * optionCount + optionIndex) * colourCount + colourIndex]
                    if value > 0 { posters[poster, default: [:]][option.id, default: [:]][colour.id] = value }
                }
            }
        }
        let distinct = seen.filter { $0 }.count
        return StickerTally(
            session: session.id, options: rank(session: session, counts: perOption), posters: posters,
            participants: knownParticipants ?? (distinct > 0 || table.rows == 0 ? distinct : nil),
            stickers: stickers, excluded: excluded,
            warnings: attendanceWarnings(session: session, table: table, attendees: attendees))
    }

    /// Stickers per option and colour only: the inner loop of the tally, for the benchmark.
    /// `counts` may be `nil` when every row is one sticker (the per-sticker shape), which halves
    /// the memory read. Four interleaved sub-totals keep consecutive placements on the same
    /// option from waiting on each other's store.
    public static func count(options: [UInt16], colours: [UInt8], counts: [Int32]?, colourCount: Int, optionCount: Int) -> [Int] {
        let bins = optionCount * colourCount
        var lanes = [Int](repeating: 0, count: bins * 4)
        lanes.withUnsafeMutableBufferPointer { lanes in
            options.withUnsafeBufferPointer { options in
                colours.withUnsafeBufferPointer { colours in
                    let rows = options.count
                    @inline(__always) func slot(_ row: Int, _ lane: Int) -> Int {
                        lane &* bins &+ Int(options[row]) &* colourCount &+ Int(colours[row])
                    }
                    var row = 0
                    if let counts {
                        counts.withUnsafeBufferPointer { counts in
                            while row < rows {
                                lanes[slot(row, row & 3)] &+= Int(counts[row])
                                row += 1
                            }
                        }
                    } else {
                        while row + 4 <= rows {
                            lanes[slot(row, 0)] &+= 1
                            lanes[slot(row + 1, 1)] &+= 1
                            lanes[slot(row + 2, 2)] &+= 1
                            lanes[slot(row + 3, 3)] &+= 1
                            row += 4
                        }
                        while row < rows {
                            lanes[slot(row, 0)] &+= 1
                            row += 1
                        }
                    }
                }
            }
        }
        return (0..<bins).map { lanes[$0] + lanes[bins + $0] + lanes[2 * bins + $0] + lanes[3 * bins + $0] }
    }

    /// Stickers used per participant, option and colour: an array while that takes at most
    /// 64 MB (a million participants of an evening with eight options and two colours), a
    /// dictionary beyond.
    struct OptionUsage {
        private var dense: [Int32]
        private var sparse: [Int: Int32] = [:]
        let isDense: Bool

        init(slots: Int, denseLimit: Int = 16_000_000) {
            isDense = slots <= denseLimit
            dense = isDense ? [Int32](repeating: 0, count: slots) : []
        }

        subscript(key: Int) -> Int32 {
            get { isDense ? dense[key] : sparse[key, default: 0] }
            set {
                if isDense { dense[key] = newValue } else { sparse[key] = newValue }
            }
        }
    }

    private enum ExclusionKind { case overAllotment, overCap }

    private static func exclusion(_ kind: ExclusionKind, row: Int, table: PlacementTable, session: StickerSession) -> Exclusion {
        let colour = session.colours[Int(table.colour[row])]
        let option = session.options[Int(table.option[row])].id
        let who = table.participantNames[Int(table.participant[row])]
        switch kind {
        case .overAllotment:
            return Exclusion(
                file: table.files[Int(table.file[row])], line: Int(table.line[row]), code: "over-allotment",
                reason: LocalizedText(
                    nl: "deelnemer \(who) had al \(colour.perParticipant) \(colour.label.nl) sticker(s) geplakt",
                    en: "participant \(who) had already placed \(colour.perParticipant) \(colour.label.text(in: .en)) sticker(s)"))
        case .overCap:
            return Exclusion(
                file: table.files[Int(table.file[row])], line: Int(table.line[row]), code: "over-cap",
                reason: LocalizedText(
                    nl: "deelnemer \(who) had al \(session.maxPerOption) \(colour.label.nl) sticker(s) op \"\(option)\"",
                    en: "participant \(who) had already put \(session.maxPerOption) \(colour.label.text(in: .en)) sticker(s) on \"\(option)\""))
        }
    }

    /// Per option: counts, support, concern and share; sorted and ranked.
    static func rank(session: StickerSession, counts: [Int]) -> [OptionResult] {
        let colourCount = session.colours.count
        var results = session.options.enumerated().map { index, option -> OptionResult in
            var perColour: [String: Int] = [:]
            var support = 0, concern = 0
            for (colourIndex, colour) in session.colours.enumerated() {
                let value = counts[index * colourCount + colourIndex]
                perColour[colour.id] = value
                if colour.meaning == .support { support += value } else { concern += value }
            }
            return OptionResult(
                id: option.id, label: option.label, theme: option.theme, counts: perColour,
                support: support, concern: concern, share: 0, rank: 0)
        }
        let totalSupport = results.map(\.support).reduce(0, +)
        for index in results.indices {
            results[index].share = totalSupport == 0 ? 0 : Double(results[index].support) / Double(totalSupport)
            let me = results[index]
            // Support first; at equal support the option with more concern ranks higher: a worry
            // is a reason to look, not to look away.
            results[index].rank = 1 + results.filter { $0.support > me.support || ($0.support == me.support && $0.concern > me.concern) }.count
        }
        return results.sorted { ($0.rank, $0.id) < ($1.rank, $1.id) }
    }

    private static func attendanceWarnings(session: StickerSession, table: PlacementTable, attendees: [String: Int]) -> [LocalizedText] {
        var warnings: [LocalizedText] = []
        for (colourIndex, colour) in session.colours.enumerated() {
            var perPoster = [Int](repeating: 0, count: table.posterNames.count)
            for row in 0..<table.rows where table.participant[row] < 0 && Int(table.colour[row]) == colourIndex {
                perPoster[Int(table.poster[row])] += Int(table.count[row])
            }
            for (index, poster) in table.posterNames.enumerated().sorted(by: { $0.element < $1.element }) {
                let total = perPoster[index]
                if let people = attendees[poster], total > people * colour.perParticipant {
                    warnings.append(
                        LocalizedText(
                            nl: "poster \(poster): \(total) \(colour.label.nl) stickers, meer dan \(people) aanwezigen × \(colour.perParticipant); tel deze poster opnieuw",
                            en: "poster \(poster): \(total) \(colour.label.text(in: .en)) stickers, more than \(people) attendees × \(colour.perParticipant); recount this poster"))
                }
            }
            let total = perPoster.reduce(0, +)
            if let people = session.attendance, total > people * colour.perParticipant {
                warnings.append(
                    LocalizedText(
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

    public enum Outcome: Sendable {
        /// The rows to tally: those not double-entered, and one copy of the agreed counts.
        case agreed(PlacementTable)
        /// The entries differ here: recount these posters.
        case differ([Difference])
        /// Double entry needs exactly two entries; these were found.
        case wrongNumberOfEntries([String])
    }

    public static func reconcile(_ table: PlacementTable, session: StickerSession) -> Outcome {
        let used = Set(table.entry.filter { $0 >= 0 })
        if used.isEmpty { return .agreed(table) }
        let names = used.map { table.entryNames[Int($0)] }.sorted()
        guard names.count == 2, let first = table.entryNames.firstIndex(of: names[0]) else {
            return .wrongNumberOfEntries(names)
        }
        let optionCount = session.options.count, colourCount = session.colours.count
        let size = table.posterNames.count * optionCount * colourCount
        var totals = [[Int]](repeating: [Int](repeating: 0, count: size), count: 2)
        for row in 0..<table.rows where table.entry[row] >= 0 {
            let which = Int(table.entry[row]) == first ? 0 : 1
            totals[which][(Int(table.poster[row]) * optionCount + Int(table.option[row])) * colourCount + Int(table.colour[row])] += Int(table.count[row])
        }
        var differences: [Difference] = []
        for (posterIndex, poster) in table.posterNames.enumerated() {
            for (optionIndex, option) in session.options.enumerated() {
                for (colourIndex, colour) in session.colours.enumerated() {
                    let slot = (posterIndex * optionCount + optionIndex) * colourCount + colourIndex
                    if totals[0][slot] != totals[1][slot] {
                        differences.append(
                            Difference(
                                poster: poster, option: option.id, colour: colour.id,
                                counts: [names[0]: totals[0][slot], names[1]: totals[1][slot]]))
                    }
                }
            }
        }
        if !differences.isEmpty {
            return .differ(differences.sorted { ($0.poster, $0.option, $0.colour) < ($1.poster, $1.option, $1.colour) })
        }
        let keep = Int16(first)
        return .agreed(table.filter { table.entry[$0] < 0 || table.entry[$0] == keep })
    }
}
