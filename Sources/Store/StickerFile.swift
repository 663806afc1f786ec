import Hashing

/// A paper placements file of a sticker session, kept as its bytes (the `sticker_files` table):
/// the evening's paper counts, stored by `stickers store` so that the projector and later tallies
/// read them exactly as they read a file given to them. Known by the SHA-256 of its bytes: the
/// same file again is stored once.
public struct StickerFile: Sendable, Hashable {
    public var sessionId: String
    /// SHA-256 of `bytes`, in hex.
    public var hash: String
    /// The file's name as it was given.
    public var fileName: String
    /// The entry it is, for double entry (`nil` for a single count).
    public var entry: String?
    public var bytes: [UInt8]
    /// When it was stored, ISO 8601 in UTC (empty before it is).
    public var storedAt: String

    public init(sessionId: String, fileName: String, entry: String?, bytes: [UInt8], storedAt: String = "") {
        self.sessionId = sessionId
        self.hash = SHA256.hex(bytes)
        self.fileName = fileName
        self.entry = entry
        self.bytes = bytes
        self.storedAt = storedAt
    }

    init(sessionId: String, hash: String, fileName: String, entry: String?, bytes: [UInt8], storedAt: String) {
        self.sessionId = sessionId
        self.hash = hash
        self.fileName = fileName
        self.entry = entry
        self.bytes = bytes
        self.storedAt = storedAt
    }
}
