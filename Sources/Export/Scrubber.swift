import Foundation

/// Removes what could identify a person from free text before it leaves in an export, in the
/// spellings residents use:
///
/// - e-mail addresses, also written `naam AT domein punt nl`, `naam [at] domein (dot) nl`,
///   `naam apenstaartje domein.nl`, with spaces around `@`, with non-ASCII letters or a full-width
///   `＠` → `[e-mail]`;
/// - links with or without `http`, `www.`, and bare domains (`facebook.com/naam`) → `[url]`;
/// - IBANs, with spaces or dashes, whole → `[iban]`;
/// - citizen service numbers (BSN: nine digits that pass the 11-check) → `[bsn]`;
/// - phone numbers: mobile and landline, `+31`, `0031`, `+31(0)`, with spaces, dashes, en dashes,
///   no-break spaces or full-width digits, also straight before a letter → `[telefoon]`;
/// - postcodes, also `1234 ab`, `1234-AB` → `[postcode]`, while "in 2024 en 2025" stays;
/// - a street with a house number (`Kerkstraat 12a`, `Dorpsweg 7-II`) → `[adres]`, while a
///   street named alone stays;
/// - a date after "geboren", "geb." or "geboortedatum" → `[geboortedatum]`.
///
/// Before matching, the text is put in Unicode compatibility form (NFKC: full-width letters and
/// digits become ordinary ones, no-break spaces spaces) and dashes become `-`; the exported
/// text is that form. It does **not** catch names, licence plates, or a house described in words
/// ("het gele huis naast de bakker"): free text is still read before it is published.
public enum Scrubber {
    /// What the codebook says of a scrubbed column: what was replaced, and what was not caught.
    public static let codebookDescription = """
        Vrije tekst. Vervangen: e-mailadressen (ook "naam AT domein punt nl") door [e-mail], links en domeinnamen door [url], \
        IBAN's door [iban], BSN's (11-proef) door [bsn], telefoonnummers door [telefoon], postcodes door [postcode], \
        straat met huisnummer door [adres], geboortedata door [geboortedatum]; tekst in Unicode-vorm NFKC. \
        NIET herkend: namen, kentekens en een woning in woorden beschreven ("het gele huis naast de bakker"); \
        lees vrije tekst na voor u die publiceert. / Free text. Replaced: e-mail addresses (also spelled out), links and \
        domain names, IBANs, citizen service numbers, phone numbers, postcodes, a street with a house number, birth dates; \
        text in Unicode form NFKC. NOT caught: names, licence plates, a house described in words; read free text before \
        publishing it.
        """
    public static func scrub(_ text: String) -> String {
        scrub(text, shortcuts: true)
    }

    /// `shortcuts: false` runs every pattern on every text: what the tests compare the shortcuts with.
    static func scrub(_ text: String, shortcuts: Bool) -> String {
        var text = normalised(text)
        // Each pattern runs only where it could match (Swift's regular expressions are slow):
        // every test below is a condition the pattern cannot match without, checked on the text
        // as it is at that point (after the replacements before it), in a scan of its bytes.
        var bytes = Array(text.utf8)
        func replace(when possible: Bool, _ change: (inout String) -> Void) {
            guard possible || !shortcuts else { return }
            change(&text)
            if !text.utf8.elementsEqual(bytes) { bytes = Array(text.utf8) }
        }
        let ascii = !bytes.contains(where: { $0 >= 0x80 })
        if shortcuts, ascii {
            if let replaced = replacingEmails(ascii: bytes) { replace(when: true) { $0 = String(decoding: replaced, as: UTF8.self) } }
        } else {
            replace(when: bytes.contains(UInt8(ascii: "@"))) { $0.replace(emailPattern, with: "[e-mail]") }
        }
        replace(when: hasSpelledAt(bytes)) { $0.replace(spelledEmailPattern, with: "[e-mail]") }
        replace(when: contains(bytes, "http") || contains(bytes, "www.")) { $0.replace(urlPattern, with: "[url]") }
        replace(when: hasTopLevelDomain(bytes)) { $0.replace(domainPattern, with: "[url]") }
        func asciiDigits() -> Int { bytes.reduce(0) { $0 + ($1 >= 48 && $1 <= 57 ? 1 : 0) } }
        let digits = asciiDigits()
        replace(when: digits > 0 && contains(bytes, "geb")) { $0.replace(birthDatePattern) { match in String(match.output.1) + "[geboortedatum]" } }
        replace(when: digits >= 10 && hasIBANShape(bytes)) { $0.replace(ibanPattern, with: "[iban]") }
        replace(when: digits >= 9 && hasBSNShape(bytes)) { $0.replace(bsnPattern) { match in passesElevenCheck(match.output) ? "[bsn]" : String(match.output) } }
        // A phone number has at least nine ASCII digits (in what is left of the text).
        replace(when: asciiDigits() >= 9) { $0 = scrubPhoneNumbers($0) }
        replace(when: digits > 0 && hasStreetAndNumber(bytes)) { $0.replace(addressPattern, with: "[adres]") }
        guard !shortcuts || (digits > 0 && hasPostcodeShape(bytes)) else { return text }
        // The text is still ASCII: the scanners' replacements are ASCII too.
        if shortcuts, ascii { return replacingPostcodes(ascii: bytes).map { String(decoding: $0, as: UTF8.self) } ?? text }
        text.replace(postcodePattern) { match in
            let letters = String(match.output.3)
            let separated = !match.output.2.isEmpty
            if ["SA", "SD", "SS"].contains(letters.uppercased()) { return String(match.output.0) }
            // "2024 en", "300 km": with a separator and in lower case, a word is a word.
            if separated, letters == letters.lowercased(), wordsAfterNumbers.contains(letters) { return String(match.output.0) }
            return "[postcode]"
        }
        return text
    }

    private static let topLevelDomains: Set<[UInt8]> = Set(
        ["nl", "com", "org", "net", "eu", "be", "de", "fr", "uk", "info", "nu", "io", "frl", "online", "app", "me", "tv"].map { Array($0.utf8) })

    /// Whether ASCII `needle` (lower case) occurs in `bytes`, in any case.
    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var index = 0
            while index < needle.count, lowerASCII(bytes[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    /// "at" standing alone or in brackets, or "apenstaartje": what a spelled-out address has.
    static func hasSpelledAt(_ bytes: [UInt8]) -> Bool {
        let open: Set<UInt8> = [32, UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{")]
        let close: Set<UInt8> = [32, UInt8(ascii: "]"), UInt8(ascii: ")"), UInt8(ascii: "}")]
        if bytes.count >= 4 {
            for index in 1..<(bytes.count - 2) where lowerASCII(bytes[index]) == UInt8(ascii: "a") && lowerASCII(bytes[index + 1]) == UInt8(ascii: "t") {
                if open.contains(bytes[index - 1]), close.contains(bytes[index + 2]) { return true }
            }
        }
        return contains(bytes, "apenstaartje")
    }

    /// Street-name endings of ``addressPattern``, lower case; `Straat`, `Weg` … standing alone end in them too.
    private static let streetEndings: [[UInt8]] = [
        "straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad", "steeg", "dreef", "park", "markt", "plantsoen", "erf",
        "baan", "wal", "ring", "allee", "boulevard", "haven", "burgwal", "veld", "akker", "hoek", "lei", "dam",
    ].map { Array($0.utf8) }

    /// Whether a word ending like a street name (in any case) is followed by spaces and a digit:
    /// what ``addressPattern`` cannot match without.
    static func hasStreetAndNumber(_ bytes: [UInt8]) -> Bool {
        // The pattern's `\d` takes any script's digits: beyond ASCII, the pattern decides.
        if bytes.contains(where: { $0 >= 0x80 }) { return true }
        for index in bytes.indices where bytes[index] >= 48 && bytes[index] <= 57 && index > 0 && bytes[index - 1] == 32 {
            var end = index - 1
            while end > 0, bytes[end] == 32 { end -= 1 }
            guard bytes[end] != 32 else { continue }
            for ending in streetEndings where end + 1 >= ending.count {
                let start = end + 1 - ending.count
                if (0..<ending.count).allSatisfy({ lowerASCII(bytes[start + $0]) == ending[$0] }) { return true }
            }
        }
        return false
    }

    /// Whether four ASCII digits, the first not 0, not straight after an ASCII letter or digit,
    /// are followed (after spaces and one hyphen at most) by two ASCII letters that no ASCII letter
    /// or digit follows: what ``postcodePattern`` cannot match without.
    static func hasPostcodeShape(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 >= 0x80 }) { return true }
        func isDigit(_ index: Int) -> Bool { index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 }
        func isLetter(_ index: Int) -> Bool { index < bytes.count && lowerASCII(bytes[index]) >= 97 && lowerASCII(bytes[index]) <= 122 }
        var start = 0
        while start + 6 <= bytes.count {
            defer { start += 1 }
            guard bytes[start] >= 49, bytes[start] <= 57, isDigit(start + 1), isDigit(start + 2), isDigit(start + 3) else { continue }
            if start > 0, isDigit(start - 1) || isLetter(start - 1) { continue }
            var next = start + 4
            while next < bytes.count, bytes[next] == 32 { next += 1 }
            if next < bytes.count, bytes[next] == UInt8(ascii: "-") { next += 1 }
            while next < bytes.count, bytes[next] == 32 { next += 1 }
            if isLetter(next), isLetter(next + 1), !isLetter(next + 2), !isDigit(next + 2) { return true }
        }
        return false
    }

    /// Whether ASCII text has the shape of ``ibanPattern`` somewhere, leaving out its word
    /// boundaries: two letters, two digits, four letters or digits and eight or more digits, each
    /// after at most one space or hyphen. What the pattern cannot match without.
    static func hasIBANShape(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 >= 0x80 }) { return true }
        func isDigit(_ index: Int) -> Bool { index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 }
        func isLetter(_ index: Int) -> Bool { index < bytes.count && lowerASCII(bytes[index]) >= 97 && lowerASCII(bytes[index]) <= 122 }
        func isSeparator(_ index: Int) -> Bool { index < bytes.count && (bytes[index] == 32 || bytes[index] == 45) }
        /// Where one character of the kind starts, after at most one separator; nil if none does.
        func step(_ index: Int, _ kind: (Int) -> Bool) -> Int? {
            if kind(index) { return index + 1 }
            return isSeparator(index) && kind(index + 1) ? index + 2 : nil
        }
        for index in bytes.indices where isLetter(index) && isLetter(index + 1) {
            guard var cursor = step(index + 2, isDigit), isDigit(cursor) else { continue }
            cursor += 1
            var alphanumerics = 0
            while alphanumerics < 4, let next = step(cursor, { isDigit($0) || isLetter($0) }) {
                cursor = next
                alphanumerics += 1
            }
            guard alphanumerics == 4 else { continue }
            var digits = 0
            while let next = step(cursor, isDigit) {
                cursor = next
                digits += 1
            }
            if digits >= 8 { return true }
        }
        return false
    }

    /// Whether ASCII text has the shape of ``bsnPattern`` somewhere, leaving out its word
    /// boundaries: nine digits, or three, three and three, or four, two and three, with a dot or
    /// space between the groups. What the pattern cannot match without.
    static func hasBSNShape(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 >= 0x80 }) { return true }
        func digits(_ index: Int, _ count: Int) -> Bool {
            index + count <= bytes.count && bytes[index..<index + count].allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        func separator(_ index: Int) -> Bool { index < bytes.count && (bytes[index] == 46 || bytes[index] == 32) }
        for index in bytes.indices where bytes[index] >= 48 && bytes[index] <= 57 {
            if digits(index, 9) { return true }
            if digits(index, 3), separator(index + 3), digits(index + 4, 3), separator(index + 7), digits(index + 8, 3) { return true }
            if digits(index, 4), separator(index + 4), digits(index + 5, 2), separator(index + 7), digits(index + 8, 3) { return true }
        }
        return false
    }

    /// Whether a dot is followed by a common top-level domain.
    static func hasTopLevelDomain(_ bytes: [UInt8]) -> Bool {
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: ".") {
            var end = index + 1
            var letters: [UInt8] = []
            while end < bytes.count, letters.count <= 6, lowerASCII(bytes[end]) >= 97, lowerASCII(bytes[end]) <= 122 {
                letters.append(lowerASCII(bytes[end]))
                end += 1
            }
            if topLevelDomains.contains(letters) { return true }
        }
        return false
    }

    /// NFKC, and every dash and minus as `-`. ASCII text is left as it is (it is in NFKC already).
    static func normalised(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var result = text.precomposedStringWithCompatibilityMapping
        if result.unicodeScalars.contains(where: { dashes.contains($0) }) {
            result = String(String.UnicodeScalarView(result.unicodeScalars.map { dashes.contains($0) ? "-" : $0 }))
        }
        return result
    }

    private static let dashes: Set<Unicode.Scalar> = ["\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}"]

    /// Two-letter words that follow a number in ordinary Dutch and English text.
    static let wordsAfterNumbers: Set<String> = [
        "en", "of", "is", "in", "op", "te", "ik", "we", "ze", "je", "de", "al", "na", "om", "nu", "zo", "er", "ja", "uw", "wo",
        "km", "cm", "mm", "kg", "ml", "cl", "dl", "ha", "uu", "mi", "an", "at", "on", "or", "to", "as", "by", "no", "so", "it",
    ]

    nonisolated(unsafe) static let emailPattern = #/[\p{L}\p{N}._%+\-]+[ ]*@[ ]*[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}/#
    /// `naam AT domein punt nl`, `naam [at] domein [dot] nl`, `naam apenstaartje domein.nl`.
    nonisolated(unsafe) static let spelledEmailPattern =
        #/(?i)[\p{L}\p{N}._%+\-]+[ ]*(?:\[at\]|\(at\)|\{at\}|[ ]at[ ]|apenstaartje)[ ]*[\p{L}\p{N}\-]+(?:[ ]*(?:\.|\[(?:dot|punt)\]|\((?:dot|punt)\)|[ ](?:dot|punt)[ ])[ ]*[\p{L}\p{N}\-]+)*[ ]*(?:\.|\[(?:dot|punt)\]|\((?:dot|punt)\)|[ ](?:dot|punt)[ ])[ ]*(?:nl|com|org|net|eu|be|de|fr|uk|info|nu|io|frl|online)\b/#
    nonisolated(unsafe) static let urlPattern = #/(?i:https?://|www\.)[^\s<>"]+/#
    /// A domain of a common top-level domain, with or without a path.
    nonisolated(unsafe) static let domainPattern =
        #/(?i)\b[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.(?:nl|com|org|net|eu|be|de|fr|uk|info|nu|io|frl|online|app|me|tv)\b(?:/[^\s<>"]*)?/#
    /// An IBAN: two letters, two check digits, a bank code of four letters (as in the Netherlands,
    /// Belgium has digits) and ten to twenty-six digits, in groups with spaces or dashes or none.
    nonisolated(unsafe) static let ibanPattern = #/(?i)\b[A-Z]{2}[ \-]?\d{2}(?:[ \-]?[A-Z0-9]){4}(?:[ \-]?\d){8,26}\b/#
    /// Nine digits, alone or in groups of 3 with dots or spaces (checked with the 11-check).
    nonisolated(unsafe) static let bsnPattern = #/\b(?:\d{9}|\d{3}[. ]\d{3}[. ]\d{3}|\d{4}[. ]\d{2}[. ]\d{3})\b/#
    /// A date after "geboren (op)", "geb." or "geboortedatum"; the word stays.
    nonisolated(unsafe) static let birthDatePattern =
        #/(?i)((?:geboren(?:[ ]+op)?|geb\.|geboortedatum:?|geboren:)[ ]*)(?:\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[ ]+(?:jan(?:uari)?|feb(?:ruari)?|maa(?:rt)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:tember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[ ]+\d{4})/#
    /// A street (a word ending in straat, weg, laan, …, after up to two more capitalised words)
    /// and a house number with its addition: `Kerkstraat 12a`, `Dorpsweg 7-II`, `Van Speijkstraat 3 bis`.
    nonisolated(unsafe) static let addressPattern =
        #/(?:\b\p{Lu}[\p{L}'\-]*[ ]+(?:(?:van|de|der|den|het|ter|ten|'t)[ ]+)*){0,2}\b(?:\p{L}[\p{L}'\-]*(?:straat|weg|laan|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|markt|plantsoen|erf|baan|wal|ring|allee|boulevard|haven|burgwal|veld|akker|hoek|lei|dam)|Straat|Weg|Laan|Plein|Gracht|Kade|Singel|Dijk|Markt|Haven|Wal)[ ]+\d{1,5}(?:[ ]?[A-Za-z]\b|-[IVX]+\b|-\d{1,3}\b|[ ]?(?:hs|bis)\b)?/#
    /// A Dutch postcode: four digits (not starting with 0), then two letters, straight after or
    /// after spaces or a hyphen.
    nonisolated(unsafe) static let postcodePattern = #/\b([1-9]\d{3})([ ]*-?[ ]*)([A-Za-z]{2})\b/#

    /// The Dutch 11-check of a citizen service number: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
    static func passesElevenCheck(_ text: Substring) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 9 else { return false }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            sum += index == 8 ? -digit : digit * (9 - index)
        }
        return sum % 11 == 0 && sum != 0
    }

    /// Phone numbers: a run of digits with spaces, dashes, dots or brackets between them that
    /// starts with `+` or `00` (9 to 15 digits) or with `0` (exactly 10 digits, the Dutch length);
    /// `+31(0)6…` counts the bracketed 0 out.
    static func scrubPhoneNumbers(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let startsNumber =
                (character == "+" || character == "(" || character.isASCIIDigit)
                && (index == 0 || !characters[index - 1].isASCIIDigit)
            guard startsNumber else {
                result.append(character)
                index += 1
                continue
            }
            // Take the longest run of digits and separators.
            var end = index, digits = "", lastDigitEnd = index
            while end < characters.count {
                let c = characters[end]
                if c.isASCIIDigit {
                    digits.append(c)
                    lastDigitEnd = end + 1
                } else if c == "+" && end == index {
                } else if !(c == " " || c == "-" || c == "." || c == "(" || c == ")" || c == "/") {
                    break
                }
                end += 1
            }
            let run = String(characters[index..<max(index, lastDigitEnd)])
            let international = characters[index] == "+" || digits.hasPrefix("00")
            var count = digits.count - (digits.hasPrefix("00") ? 2 : 0)
            if international, run.contains("(0)") { count -= 1 }
            let isPhone = international ? (9...15).contains(count) : digits.hasPrefix("0") && digits.count == 10
            if isPhone {
                result += "[telefoon]"
                index = lastDigitEnd
            } else {
                result.append(character)
                index += 1
                // Skip the rest of a digit run that is not a phone number, so a number inside it
                // is not taken for one.
                while index < characters.count, characters[index].isASCIIDigit {
                    result.append(characters[index])
                    index += 1
                }
            }
        }
        return result
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
