import Foundation
import Surveys
public import WijkpeilCore

/// A file of placements, in one of two CSV shapes recognised by the header:
/// `participant,poster,option,colour` (one row per sticker) or `poster,option,colour,count`
/// (counts read off a paper poster; optional columns `entered_by` for double entry and
/// `attendees`, the number of people at that poster).
///
/// Files without quotes are read by a byte-level scanner that compares fields with the session's
/// ids without making strings (hundreds of megabytes a second); files with quotes go through the
/// strict RFC 4180 reader. Both give the same table and the same findings.
public enum PlacementFile {
    public struct Contents: Sendable {
        public var table = PlacementTable()
        /// Attendees per poster, where the file says.
        public var attendees: [String: Int] = [:]
        /// Invalid lines, each with file and line.
        public var findings = Findings()
    }

    public static func read(_ bytes: [UInt8], file: String, session: StickerSession, entry: String? = nil) -> Contents {
        var reader = Reader(session: session, file: file, entry: entry)
        if bytes.contains(UInt8(ascii: "\"")) {
            do {
                var csv = CSVReader(bytes)
                while let record = try csv.next() {
                    // The fields' bytes side by side, handed over as slices of one buffer.
                    var joined: [UInt8] = []
                    var ranges: [Range<Int>] = []
                    for field in record.fields {
                        let start = joined.count
                        joined += field.utf8
                        ranges.append(start..<joined.count)
                    }
                    joined.withUnsafeBytes { base in
                        var buffers = ranges.map { UnsafeRawBufferPointer(rebasing: base[$0]) }
                        buffers.withUnsafeMutableBufferPointer { reader.handle($0, count: $0.count, line: record.line) }
                    }
                    if reader.stopped { break }
                }
            } catch {
                reader.contents.findings.append(error.finding(file: file))
            }
        } else {
            bytes.withUnsafeBytes { reader.scan($0) }
        }
        reader.resolveParticipants()
        if !reader.sawHeader {
            reader.contents.findings.error("empty-file", at: Location(file: file, line: 1), nl: "het bestand is leeg", en: "the file is empty")
        }
        return reader.contents
    }

    /// Reads rows into a table, one file at a time.
    struct Reader {
        enum Shape { case perSticker, counted }

        let session: StickerSession
        let fileName: String
        var contents = Contents()
        var shape: Shape = .perSticker
        var sawHeader = false
        var stopped = false
        var width = 4
        var enteredByColumn: Int?
        var attendeesColumn: Int?
        let optionIds: ByteIdTable
        let colourIds: ByteIdTable
        let fileIndex: Int32
        let fixedEntry: Int16
        /// Participant ids as they come. Rows hold run numbers until `resolveParticipants()`.
        var runs = ParticipantRuns()
        /// Posters by their bytes.
        var knownPosters = ByteIdTable()

        init(session: StickerSession, file: String, entry: String?) {
            self.session = session
            self.fileName = file
            optionIds = ByteIdTable(keys: session.options.map { Array($0.id.utf8) })
            colourIds = ByteIdTable(keys: session.colours.map { Array($0.id.utf8) })
            fileIndex = contents.table.addFile(file)
            if let entry {
                fixedEntry = contents.table.entryId(entry)
            } else {
                fixedEntry = -1
            }
        }

        /// The byte-level path: records end in LF or CRLF, fields split on the separator.
        mutating func scan(_ bytes: UnsafeRawBufferPointer) {
            let newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
            var start = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            let firstEnd = bytes[start...].firstIndex(of: newline) ?? bytes.count
            let separator =
                !bytes[start..<firstEnd].contains(UInt8(ascii: ",")) && bytes[start..<firstEnd].contains(UInt8(ascii: ";"))
                ? UInt8(ascii: ";") : UInt8(ascii: ",")
            var line = 1
            // The fields of one record; a record with more fields than fit is counted, not kept
            // (no valid record has more than six).
            let capacity = 16
            let fields = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: capacity)
            defer { fields.deallocate() }
            contents.table.reserve(bytes.count / 24)
            guard let base = bytes.baseAddress else { return }
            while start < bytes.count, !stopped {
                // memchr is vectorised: far faster than a byte loop for finding line ends and separators.
                var end = bytes.count
                if let hit = memchr(base + start, Int32(newline), bytes.count - start) {
                    end = UnsafeRawPointer(hit) - base
                }
                var recordEnd = end
                if recordEnd > start, bytes[recordEnd - 1] == cr { recordEnd -= 1 }
                if recordEnd > start {
                    var count = 0
                    var fieldStart = start
                    while let hit = memchr(base + fieldStart, Int32(separator), recordEnd - fieldStart) {
                        let position = UnsafeRawPointer(hit) - base
                        if count < capacity { fields[count] = UnsafeRawBufferPointer(start: base + fieldStart, count: position - fieldStart) }
                        count += 1
                        fieldStart = position + 1
                    }
                    if count < capacity { fields[count] = UnsafeRawBufferPointer(start: base + fieldStart, count: recordEnd - fieldStart) }
                    count += 1
                    handle(fields, count: count, line: line)
                }
                line += 1
                start = end + 1
            }
        }

        /// One record: `count` fields, the first of them (as many as fit) in `fields` as bytes.
        mutating func handle(_ fields: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>, count fieldCount: Int, line: Int) {
            let kept = min(fieldCount, fields.count)
            for index in 0..<kept { fields[index] = Self.trimmed(fields[index]) }
            if !sawHeader {
                sawHeader = true
                readHeader(fields[0..<kept].map { String(decoding: $0, as: UTF8.self).lowercased() }, width: fieldCount)
                return
            }
            var location: Location { Location(file: fileName, line: line) }
            guard fieldCount == width else {
                contents.findings.error(
                    "malformed-line", at: location,
                    nl: "deze regel heeft \(fieldCount) velden, de kopregel \(width)",
                    en: "this line has \(fieldCount) fields, the header \(width)")
                return
            }
            let base = shape == .perSticker ? 1 : 0
            var valid = true
            let posterField = fields[base], optionField = fields[base + 1], colourField = fields[base + 2]
            if posterField.isEmpty {
                contents.findings.error("missing-poster", at: location, nl: "de poster ontbreekt", en: "the poster is missing")
                valid = false
            }
            let option = optionIds.value(for: optionField)
            if option == nil {
                let text = String(decoding: optionField, as: UTF8.self)
                let hint = Identifier.closest(to: text, in: session.options.map(\.id))
                contents.findings.error(
                    "unknown-option", at: location,
                    nl: "onbekende optie \"\(text)\"" + (hint.map { "; bedoelt u \"\($0)\"?" } ?? ""),
                    en: "unknown option \"\(text)\"" + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
                valid = false
            }
            let colour = colourIds.value(for: colourField)
            if colour == nil {
                let text = String(decoding: colourField, as: UTF8.self)
                let known = session.colours.map(\.id).joined(separator: ", ")
                contents.findings.error(
                    "unknown-colour", at: location,
                    nl: "onbekende kleur \"\(text)\"; deze sessie kent \(known)",
                    en: "unknown colour \"\(text)\"; this session has \(known)")
                valid = false
            }
            var count: Int32 = 1
            var participant: Int32 = -1
            if shape == .counted {
                if let number = Self.integer(fields[3]) {
                    count = number
                } else {
                    contents.findings.error(
                        "bad-count", at: location,
                        nl: "het aantal moet een heel getal van 0 of meer zijn", en: "the count must be a whole number of 0 or more")
                    valid = false
                }
            } else if fields[0].isEmpty {
                contents.findings.error("missing-participant", at: location, nl: "de deelnemer ontbreekt", en: "the participant is missing")
                valid = false
            }
            var posterName: String?
            if let column = attendeesColumn, !fields[column].isEmpty {
                let name = String(decoding: posterField, as: UTF8.self)
                posterName = name
                if let number = Self.integer(fields[column]) {
                    if let known = contents.attendees[name], known != Int(number) {
                        contents.findings.error(
                            "conflicting-attendees", at: location,
                            nl: "poster \"\(name)\" had eerder \(known) aanwezigen, hier \(number)",
                            en: "poster \"\(name)\" had \(known) attendees earlier, \(number) here")
                        valid = false
                    } else {
                        contents.attendees[name] = Int(number)
                    }
                } else {
                    contents.findings.error(
                        "bad-attendees", at: location,
                        nl: "het aantal aanwezigen moet een heel getal zijn", en: "attendees must be a whole number")
                    valid = false
                }
            }
            guard valid, let option, let colour, count > 0 else { return }
            if shape == .perSticker {
                participant = runs.add(fields[0])
            }
            var poster: Int32
            if let known = knownPosters.value(for: posterField) {
                poster = known
            } else {
                poster = contents.table.posterId(posterName ?? String(decoding: posterField, as: UTF8.self))
                _ = knownPosters.valueOrInsert(posterField, value: poster)
            }
            var entry = fixedEntry
            if let column = enteredByColumn, !fields[column].isEmpty {
                entry = contents.table.entryId(String(decoding: fields[column], as: UTF8.self))
            }
            contents.table.append(
                poster: poster, option: UInt16(option), colour: UInt8(colour), count: count,
                participant: participant, entry: entry, file: fileIndex, line: Int32(line))
        }

        private mutating func readHeader(_ header: [String], width: Int) {
            let perSticker = ["participant", "poster", "option", "colour"]
            let counted = ["poster", "option", "colour", "count"]
            // `header` holds at most the first 16 columns; no known header has more than six.
            let complete = header.count == width
            if complete, header == perSticker {
                shape = .perSticker
            } else if complete, Array(header.prefix(4)) == counted, Set(header.dropFirst(4)).isSubset(of: ["entered_by", "attendees"]),
                Set(header).count == header.count
            {
                shape = .counted
                enteredByColumn = header.firstIndex(of: "entered_by")
                attendeesColumn = header.firstIndex(of: "attendees")
            } else {
                contents.findings.error(
                    "unknown-header", at: Location(file: fileName, line: 1),
                    nl:
                        "onbekende kopregel; gebruik participant,poster,option,colour (per sticker) of poster,option,colour,count (tellingen, eventueel met entered_by en attendees)",
                    en:
                        "unknown header; use participant,poster,option,colour (one row per sticker) or poster,option,colour,count (counts, optionally with entered_by and attendees)"
                )
                stopped = true
            }
            self.width = width
        }

        /// Numbers this file's participants in order of first appearance and puts the numbers
        /// in the rows in place of run numbers.
        mutating func resolveParticipants() {
            guard runs.count > 0 else { return }
            let (participantOfRun, ids) = runs.numbered()
            contents.table.addParticipants(ids, renumberingRuns: participantOfRun)
            runs = ParticipantRuns()
        }

        static func trimmed(_ field: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            var low = 0, high = field.count
            while low < high, field[low] == 0x20 || field[low] == 0x09 { low += 1 }
            while high > low, field[high - 1] == 0x20 || field[high - 1] == 0x09 { high -= 1 }
            return UnsafeRawBufferPointer(rebasing: field[low..<high])
        }

        /// A whole number of 0 or more, written in ASCII digits.
        static func integer(_ field: UnsafeRawBufferPointer) -> Int32? {
            guard !field.isEmpty, field.count <= 9 else { return nil }
            var value: Int32 = 0
            for byte in field {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int32(byte - 0x30)
            }
            return value
        }
    }
}
