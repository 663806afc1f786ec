@testable import Export
import Testing

/// The scrubber skips a pattern where a scan of the text's bytes shows it cannot match. Each
/// skip must change nothing: the scrubbed text is the same as when every pattern runs on every
/// text. Checked on the table of spellings and on texts put together at random from the pieces
/// the patterns look for (street names, numbers of every length, postcodes, e-mail addresses,
/// links, IBANs, dates, dashes and full-width forms).
@Suite("The scrubber's shortcuts change nothing")
struct ScrubberShortcutTests {
    static let pieces = [
        "Kerkstraat", "Dorpsweg", "lindelaan", "Markt", "Oude Gracht", "Straat", "de weg", "van", "bij", "op", "en", "Ik", "woon", "bel", "mail", "mij",
        "7601", "7601 AB", "7601ab", "7601-ab", "1234 SS", "0612345678", "06-12345678", "+31 6 12345678", "0031(0)612345678", "0546 123456",
        "12", "3", "12a", "7-II", "2024", "2025", "123456789", "111222333", "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00",
        "jan@gemeente.nl", "jan AT gemeente punt nl", "[at]", "www.wijk.nl", "https://x.nl/p?q=1", "facebook.com/jan", "x.nl",
        "geboren", "geb.", "12-03-1961", "7 maart 1944", "1970-05-06", "km", "hs", "bis", ",", ".", "-", "(", ")", "/",
        "é", "café", "７６０１", "ＡＢ", "\u{00A0}", "–", "＠", "\u{2212}",
        // Where the scanners for e-mail addresses and postcodes must stop as the patterns do.
        "a@b", "x.y@z.nl2", "@", " @ ", "jan@ gemeente.nl", "a@b@c.nl", "nl.", ".com", "co.uk", "x@y.c", "x@y.co.u", "p-q@r-s.t-u.nl",
        "7601 AB.cd", "3.7601 AB", "3,7601 AB", "_7601 AB", "7601 ab's", "7601AB:x", "7601 AB_", "7601 - ab", "7601 en", "2024 en",
        "a", "B", "_", "'", ":", ";", "\n", "\r\n", "x7601 ab", "07601 AB",
        // IBANs and citizen service numbers, whole and in pieces.
        "NL91", "ABNA", "0417164300", "NL 91", "NL-91", "BE68 5390 0754 7034", "123.456.782", "1234.56.782", "123 456 782", "12345678", "1",
    ]

    @Test("the table of spellings, scrubbed with and without shortcuts")
    func table() {
        for text in ScrubberTable.identifying.map(\.text) + ScrubberTable.clean {
            #expect(Scrubber.scrub(text, shortcuts: true) == Scrubber.scrub(text, shortcuts: false), "\(text)")
        }
    }

    @Test("8,000 texts put together at random, scrubbed with and without shortcuts")
    func randomTexts() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var differences: [String] = []
        for _ in 0..<8_000 {
            var text = ""
            for _ in 0..<(1 + next(8)) {
                text += Self.pieces[next(Self.pieces.count)] + [" ", " ", " ", "", "", "  ", "-", ".", "@"][next(9)]
            }
            if Scrubber.scrub(text, shortcuts: true) != Scrubber.scrub(text, shortcuts: false) { differences.append(text) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }
}
