/// Placements as dense columns: options, colours, posters and participants as small integers.
/// Thirty million placements take under a gigabyte, and counting is array indexing, not
/// dictionary look-ups.
public struct PlacementTable: Sendable {
    public private(set) var posterNames: [String] = []
    /// Participant ids, scoped to their file (ids count within one table or evening).
    public private(set) var participantNames: [String] = []
    public var participantCount: Int { participantNames.count }
    public private(set) var entryNames: [String] = []
    public private(set) var files: [String] = []

    public private(set) var poster: [Int32] = []
    public private(set) var option: [UInt16] = []
    public private(set) var colour: [UInt8] = []
    public private(set) var count: [Int32] = []
    /// -1 for counts read off a poster.
    public private(set) var participant: [Int32] = []
    /// -1 when not double-entered.
    public private(set) var entry: [Int16] = []
    public private(set) var file: [Int32] = []
    public private(set) var line: [Int32] = []

    private var posterIndex: [String: Int32] = [:]

    public init() {}

    public var rows: Int { option.count }

    public mutating func reserve(_ capacity: Int) {
        poster.reserveCapacity(capacity)
        option.reserveCapacity(capacity)
        colour.reserveCapacity(capacity)
        count.reserveCapacity(capacity)
        participant.reserveCapacity(capacity)
        entry.reserveCapacity(capacity)
        file.reserveCapacity(capacity)
        line.reserveCapacity(capacity)
    }

    /// Adds a file name and returns its index.
    public mutating func addFile(_ name: String) -> Int32 {
        files.append(name)
        return Int32(files.count - 1)
    }

    public mutating func posterId(_ name: String) -> Int32 {
        if let id = posterIndex[name] { return id }
        let id = Int32(posterNames.count)
        posterNames.append(name)
        posterIndex[name] = id
        return id
    }

    /// Adds participants `ids` to a table whose rows hold run numbers in place of participants
    /// (see `ParticipantRuns`), and replaces each row's run `n` by the index of `ids[numbers[n]]`.
    mutating func addParticipants(_ ids: [String], renumberingRuns numbers: [Int32]) {
        precondition(participantNames.isEmpty, "participants are numbered once, by the table's reader")
        participantNames = ids
        participant.withUnsafeMutableBufferPointer { column in
            for row in column.indices where column[row] >= 0 { column[row] = numbers[Int(column[row])] }
        }
    }

    public mutating func entryId(_ name: String) -> Int16 {
        if let index = entryNames.firstIndex(of: name) { return Int16(index) }
        entryNames.append(name)
        return Int16(entryNames.count - 1)
    }

    public mutating func append(poster: Int32, option: UInt16, colour: UInt8, count: Int32, participant: Int32, entry: Int16, file: Int32, line: Int32) {
        self.poster.append(poster)
        self.option.append(option)
        self.colour.append(colour)
        self.count.append(count)
        self.participant.append(participant)
        self.entry.append(entry)
        self.file.append(file)
        self.line.append(line)
    }

    /// Appends every row of `other`, renumbering its posters, participants, entries and files.
    public mutating func append(contentsOf other: PlacementTable) {
        let posters = other.posterNames.map { posterId($0) }
        let entries = other.entryNames.map { entryId($0) }
        let fileOffset = Int32(files.count)
        files += other.files
        let participantOffset = Int32(participantCount)
        participantNames += other.participantNames
        reserve(rows + other.rows)
        for row in 0..<other.rows {
            append(
                poster: posters[Int(other.poster[row])], option: other.option[row], colour: other.colour[row], count: other.count[row],
                participant: other.participant[row] < 0 ? -1 : other.participant[row] + participantOffset,
                entry: other.entry[row] < 0 ? -1 : entries[Int(other.entry[row])],
                file: other.file[row] + fileOffset, line: other.line[row])
        }
    }

    /// The rows for which `keep` is true, with the same names.
    public func filter(_ keep: (Int) -> Bool) -> PlacementTable {
        var copy = self
        copy.poster = []; copy.option = []; copy.colour = []; copy.count = []
        copy.participant = []; copy.entry = []; copy.file = []; copy.line = []
        for row in 0..<rows where keep(row) {
            copy.append(
                poster: poster[row], option: option[row], colour: colour[row], count: count[row],
                participant: participant[row], entry: entry[row], file: file[row], line: line[row])
        }
        return copy
    }
}
