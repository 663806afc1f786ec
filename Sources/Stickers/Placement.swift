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
                        reader.handle(&buffers, line: record.line)
                    }
                    if reader.stopped { break }
                }
            } catch {
                reader.contents.findings.append(error.finding(file: file))
            }
        } else {
            bytes.withUnsafeBytes { reader.scan($0) }
        }
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
        let optionBytes: [[UInt8]]
        let colourBytes: [[UInt8]]
        let fileIndex: Int32
        let fixedEntry: Int16
        var participants: [String: Int32] = [:]
        /// Posters by their bytes.
        var knownPosters = ByteIdTable()
        /// The last participant (its bytes in a reused buffer): one person's stickers are usually
        /// entered together.
        var lastParticipantBytes: [UInt8] = []
        var lastParticipant: Int32 = -1

        init(session: StickerSession, file: String, entry: String?) {
            self.session = session
            self.fileName = file
            optionBytes = session.options.map { Array($0.id.utf8) }
            colourBytes = session.colours.map { Array($0.id.utf8) }
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
            let separator = !bytes[start..<firstEnd].contains(UInt8(ascii: ",")) && bytes[start..<firstEnd].contains(UInt8(ascii: ";"))
                ? UInt8(ascii: ";") : UInt8(ascii: ",")
            var line = 1
            var fields: [UnsafeRawBufferPointer] = []
            fields.reserveCapacity(8)
            contents.table.reserve(bytes.count / 16)
            participants.reserveCapacity(bytes.count / 64)
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
                    fields.removeAll(keepingCapacity: true)
                    var fieldStart = start
                    while let hit = memchr(base + fieldStart, Int32(separator), recordEnd - fieldStart) {
                        let position = UnsafeRawPointer(hit) - base
                        fields.append(UnsafeRawBufferPointer(start: base + fieldStart, count: position - fieldStart))
                        fieldStart = position + 1
                    }
                    fields.append(UnsafeRawBufferPointer(start: base + fieldStart, count: recordEnd - fieldStart))
                    handle(&fields, line: line)
                }
                line += 1
                start = end + 1
            }
        }

        /// One record, its fields as bytes.
        mutating func handle(_ fields: inout [UnsafeRawBufferPointer], line: Int) {
            for index in fields.indices { fields[index] = Self.trimmed(fields[index]) }
            if !sawHeader {
                sawHeader = true
                readHeader(fields.map { String(decoding: $0, as: UTF8.self).lowercased() })
                return
            }
            var location: Location { Location(file: fileName, line: line) }
            guard fields.count == width else {
                contents.findings.error("malformed-line", at: location,
                                        nl: "deze regel heeft \(fields.count) velden, de kopregel \(width)",
                                        en: "this line has \(fields.count) fields, the header \(width)")
                return
            }
            let base = shape == .perSticker ? 1 : 0
            var valid = true
            let posterField = fields[base], optionField = fields[base + 1], colourField = fields[base + 2]
            if posterField.isEmpty {
                contents.findings.error("missing-poster", at: location, nl: "de poster ontbreekt", en: "the poster is missing")
                valid = false
            }
            let option = Self.index(of: optionField, in: optionBytes)
            if option == nil {
                let text = String(decoding: optionField, as: UTF8.self)
                let hint = Identifier.closest(to: text, in: session.options.map(\.id))
                contents.findings.error("unknown-option", at: location,
                                        nl: "onbekende optie \"\(text)\"" + (hint.map { "; bedoelt u \"\($0)\"?" } ?? ""),
                                        en: "unknown option \"\(text)\"" + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
                valid = false
            }
            let colour = Self.index(of: colourField, in: colourBytes)
            if colour == nil {
                let text = String(decoding: colourField, as: UTF8.self)
                let known = session.colours.map(\.id).joined(separator: ", ")
                contents.findings.error("unknown-colour", at: location,
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
                    contents.findings.error("bad-count", at: location,
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
                        contents.findings.error("conflicting-attendees", at: location,
                                                nl: "poster \"\(name)\" had eerder \(known) aanwezigen, hier \(number)",
                                                en: "poster \"\(name)\" had \(known) attendees earlier, \(number) here")
                        valid = false
                    } else {
                        contents.attendees[name] = Int(number)
                    }
                } else {
                    contents.findings.error("bad-attendees", at: location,
                                            nl: "het aantal aanwezigen moet een heel getal zijn", en: "attendees must be a whole number")
                    valid = false
                }
            }
            guard valid, let option, let colour, count > 0 else { return }
            if shape == .perSticker {
                if lastParticipant >= 0, Self.equal(lastParticipantBytes, fields[0]) {
                    participant = lastParticipant
                } else {
                    // Participant ids are short: as a String they are stored inline and hashed
                    // fast, which beats a byte table with an array per key. One probe for a new
                    // participant (the usual case); a returning one is put back.
                    let name = String(decoding: fields[0], as: UTF8.self)
                    let next = Int32(contents.table.participantCount)
                    if let existing = participants.updateValue(next, forKey: name) {
                        participants[name] = existing
                        participant = existing
                    } else {
                        participant = contents.table.newParticipant(name)
                    }
                    lastParticipantBytes.removeAll(keepingCapacity: true)
                    lastParticipantBytes.append(contentsOf: fields[0])
                    lastParticipant = participant
                }
            }
            var poster: Int32
            if let known = knownPosters.value(for: posterField) {
                poster = known
            } else {
                poster = contents.table.posterId(posterName ?? String(decoding: posterField, as: UTF8.self))
                knownPosters.insert(posterField, value: poster)
            }
            var entry = fixedEntry
            if let column = enteredByColumn, !fields[column].isEmpty {
                entry = contents.table.entryId(String(decoding: fields[column], as: UTF8.self))
            }
            contents.table.append(poster: poster, option: UInt16(option), colour: UInt8(colour), count: count,
                                  participant: participant, entry: entry, file: fileIndex, line: Int32(line))
        }

        private mutating func readHeader(_ header: [String]) {
            let perSticker = ["participant", "poster", "option", "colour"]
            let counted = ["poster", "option", "colour", "count"]
            if header == perSticker {
                shape = .perSticker
            } else if Array(header.prefix(4)) == counted, Set(header.dropFirst(4)).isSubset(of: ["entered_by", "attendees"]),
                Set(header).count == header.count
            {
                shape = .counted
                enteredByColumn = header.firstIndex(of: "entered_by")
                attendeesColumn = header.firstIndex(of: "attendees")
            } else {
                contents.findings.error(
                    "unknown-header", at: Location(file: fileName, line: 1),
                    nl: "onbekende kopregel; gebruik participant,poster,option,colour (per sticker) of poster,option,colour,count (tellingen, eventueel met entered_by en attendees)",
                    en: "unknown header; use participant,poster,option,colour (one row per sticker) or poster,option,colour,count (counts, optionally with entered_by and attendees)")
                stopped = true
            }
            width = header.count
        }

        static func trimmed(_ field: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            var low = 0, high = field.count
            while low < high, field[low] == 0x20 || field[low] == 0x09 { low += 1 }
            while high > low, field[high - 1] == 0x20 || field[high - 1] == 0x09 { high -= 1 }
            return UnsafeRawBufferPointer(rebasing: field[low..<high])
        }

        /// Whether `bytes` and `field` hold the same bytes. Ids are short, so an inline loop beats
        /// a call to memcmp per candidate.
        @inline(__always)
        static func equal(_ bytes: [UInt8], _ field: UnsafeRawBufferPointer) -> Bool {
            guard bytes.count == field.count else { return false }
            return bytes.withUnsafeBufferPointer { candidate in
                for index in 0..<candidate.count where candidate[index] != field[index] { return false }
                return true
            }
        }

        static func index(of field: UnsafeRawBufferPointer, in candidates: [[UInt8]]) -> Int? {
            for (index, candidate) in candidates.enumerated() where equal(candidate, field) {
                return index
            }
            return nil
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
