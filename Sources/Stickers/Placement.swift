import Surveys
public import WijkpeilCore

/// Stickers of one colour on one option of one poster: a single sticker placed by a known
/// participant, or a count read off a paper poster.
public struct Placement: Sendable, Hashable {
    public var poster: String
    public var option: String
    public var colour: String
    public var count: Int
    /// Who placed it, when known; ids count within one file (one table or one evening).
    public var participant: String?
    /// Which of two entries of the same paper counts this row belongs to (double entry).
    public var entry: String?
    /// Where the row came from.
    public var file: String
    public var line: Int

    public init(poster: String, option: String, colour: String, count: Int, participant: String? = nil,
                entry: String? = nil, file: String, line: Int) {
        self.poster = poster
        self.option = option
        self.colour = colour
        self.count = count
        self.participant = participant
        self.entry = entry
        self.file = file
        self.line = line
    }
}

/// A file of placements, in one of two CSV shapes recognised by the header:
/// `participant,poster,option,colour` (one row per sticker) or `poster,option,colour,count`
/// (counts read off a paper poster; optional columns `entered_by` for double entry and
/// `attendees`, the number of people at that poster).
public enum PlacementFile {
    public struct Contents: Sendable {
        public var placements: [Placement] = []
        /// Attendees per poster, where the file says.
        public var attendees: [String: Int] = [:]
        /// Invalid lines, each with file and line.
        public var findings = Findings()
    }

    public static func read(_ bytes: [UInt8], file: String, session: StickerSession, entry: String? = nil) -> Contents {
        var contents = Contents()
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(bytes)
        } catch {
            contents.findings.append(error.finding(file: file))
            return contents
        }
        guard let header = records.first?.fields.map({ $0.trimmingWhitespace.lowercased() }) else {
            contents.findings.error("empty-file", at: Location(file: file, line: 1),
                                    nl: "het bestand is leeg", en: "the file is empty")
            return contents
        }
        let perSticker = ["participant", "poster", "option", "colour"]
        let counted = ["poster", "option", "colour", "count"]
        let isPerSticker = Array(header.prefix(4)) == perSticker && header.count == 4
        let isCounted = Array(header.prefix(4)) == counted && Set(header.dropFirst(4)).isSubset(of: ["entered_by", "attendees"])
            && Set(header).count == header.count
        guard isPerSticker || isCounted else {
            contents.findings.error(
                "unknown-header", at: Location(file: file, line: 1),
                nl: "onbekende kopregel; gebruik participant,poster,option,colour (per sticker) of poster,option,colour,count (tellingen, eventueel met entered_by en attendees)",
                en: "unknown header; use participant,poster,option,colour (one row per sticker) or poster,option,colour,count (counts, optionally with entered_by and attendees)")
            return contents
        }
        let enteredByColumn = header.firstIndex(of: "entered_by")
        let attendeesColumn = header.firstIndex(of: "attendees")
        let optionIds = Set(session.options.map(\.id)), colourIds = Set(session.colours.map(\.id))
        for record in records.dropFirst() {
            let location = Location(file: file, line: record.line)
            let fields = record.fields.map { $0.trimmingWhitespace }
            guard fields.count == header.count else {
                contents.findings.error("malformed-line", at: location,
                                        nl: "deze regel heeft \(fields.count) velden, de kopregel \(header.count)",
                                        en: "this line has \(fields.count) fields, the header \(header.count)")
                continue
            }
            let (poster, option, colour) = isPerSticker ? (fields[1], fields[2], fields[3]) : (fields[0], fields[1], fields[2])
            var valid = true
            if poster.isEmpty {
                contents.findings.error("missing-poster", at: location, nl: "de poster ontbreekt", en: "the poster is missing")
                valid = false
            }
            if !optionIds.contains(option) {
                let hint = Identifier.closest(to: option, in: optionIds.sorted())
                contents.findings.error("unknown-option", at: location,
                                        nl: "onbekende optie \"\(option)\"" + (hint.map { "; bedoelt u \"\($0)\"?" } ?? ""),
                                        en: "unknown option \"\(option)\"" + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
                valid = false
            }
            if !colourIds.contains(colour) {
                let known = colourIds.sorted().joined(separator: ", ")
                contents.findings.error("unknown-colour", at: location,
                                        nl: "onbekende kleur \"\(colour)\"; deze sessie kent \(known)",
                                        en: "unknown colour \"\(colour)\"; this session has \(known)")
                valid = false
            }
            var count = 1
            if isCounted {
                if let number = Int(fields[3]), number >= 0 {
                    count = number
                } else {
                    contents.findings.error("bad-count", at: location,
                                            nl: "het aantal moet een heel getal van 0 of meer zijn", en: "the count must be a whole number of 0 or more")
                    valid = false
                }
            } else if fields[0].isEmpty {
                contents.findings.error("missing-participant", at: location,
                                        nl: "de deelnemer ontbreekt", en: "the participant is missing")
                valid = false
            }
            if let column = attendeesColumn, !fields[column].isEmpty {
                if let number = Int(fields[column]), number >= 0 {
                    if let known = contents.attendees[poster], known != number {
                        contents.findings.error("conflicting-attendees", at: location,
                                                nl: "poster \"\(poster)\" had eerder \(known) aanwezigen, hier \(number)",
                                                en: "poster \"\(poster)\" had \(known) attendees earlier, \(number) here")
                        valid = false
                    } else {
                        contents.attendees[poster] = number
                    }
                } else {
                    contents.findings.error("bad-attendees", at: location,
                                            nl: "het aantal aanwezigen moet een heel getal zijn", en: "attendees must be a whole number")
                    valid = false
                }
            }
            guard valid else { continue }
            if count == 0 { continue }
            let rowEntry = enteredByColumn.map { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? entry
            contents.placements.append(Placement(
                poster: poster, option: option, colour: colour, count: count,
                participant: isPerSticker ? fields[0] : nil, entry: rowEntry, file: file, line: record.line))
        }
        return contents
    }
}
