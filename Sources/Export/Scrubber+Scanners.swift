/// The two patterns that match most often in residents' remarks — e-mail addresses and
/// postcodes — as scanners over the bytes of ASCII text, for speed (Swift's `Regex` took most of
/// an export's time). Each finds exactly what its pattern finds in ASCII text
/// (``Scrubber/emailPattern``, ``Scrubber/postcodePattern``, whose `\b` is Unicode's default word
/// boundary); text with other characters goes through the patterns. The tests compare both on
/// the table of spellings and on thousands of random texts.
extension Scrubber {
    /// ``emailPattern`` replaced by `[e-mail]`, in ASCII text.
    static func replacingEmails(ascii text: [UInt8]) -> [UInt8]? {
        guard text.contains(UInt8(ascii: "@")) else { return nil }
        func isLocal(_ byte: UInt8) -> Bool { isLetterOrDigit(byte) || byte == 46 || byte == 95 || byte == 37 || byte == 43 || byte == 45 }  // . _ % + -
        func isLabel(_ byte: UInt8) -> Bool { isLetterOrDigit(byte) || byte == 45 }
        var result: [UInt8] = []
        var copied = 0, position = 0
        var at = position
        while at < text.count {
            guard text[at] == 64 else {  // @
                at += 1
                continue
            }
            // The local part: the run of its characters that ends, after spaces, at this @.
            var end = at - 1
            while end >= position, text[end] == 32 { end -= 1 }
            guard end >= position, isLocal(text[end]) else {
                at += 1
                continue
            }
            var start = end
            while start > position, isLocal(text[start - 1]) { start -= 1 }
            // The domain: labels separated by dots; the match ends in the letters (two or more)
            // that begin the last label that begins with two letters, the one after it if any.
            var cursor = at + 1
            while cursor < text.count, text[cursor] == 32 { cursor += 1 }
            var labels: [Range<Int>] = []
            var labelStart = cursor
            while labelStart < text.count, isLabel(text[labelStart]) {
                var labelEnd = labelStart
                while labelEnd < text.count, isLabel(text[labelEnd]) { labelEnd += 1 }
                labels.append(labelStart..<labelEnd)
                guard labelEnd + 1 < text.count, text[labelEnd] == 46, isLabel(text[labelEnd + 1]) else { break }
                labelStart = labelEnd + 1
            }
            var matchEnd: Int?
            if labels.count >= 2 {
                for label in labels[1...].reversed() {
                    var letters = label.lowerBound
                    while letters < label.upperBound, isLetter(text[letters]) { letters += 1 }
                    if letters - label.lowerBound >= 2 {
                        matchEnd = letters
                        break
                    }
                }
            }
            guard let matchEnd else {
                at += 1
                continue
            }
            result += text[copied..<start]
            result += Array("[e-mail]".utf8)
            copied = matchEnd
            position = matchEnd
            at = matchEnd
        }
        guard copied > 0 else { return nil }
        return result + text[copied...]
    }

    /// ``postcodePattern`` with its replacement (`[postcode]`, unless the letters are a pair never
    /// issued or, with a separator and in lower case, a word after a number), in ASCII text.
    static func replacingPostcodes(ascii text: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        var copied = 0, start = 0
        while start + 6 <= text.count {
            guard text[start] >= 49, text[start] <= 57, isDigit(text[start + 1]), isDigit(text[start + 2]), isDigit(text[start + 3]),
                isWordBoundary(text, at: start)
            else {
                start += 1
                continue
            }
            var cursor = start + 4
            while cursor < text.count, text[cursor] == 32 { cursor += 1 }
            if cursor < text.count, text[cursor] == 45 { cursor += 1 }
            while cursor < text.count, text[cursor] == 32 { cursor += 1 }
            guard cursor + 2 <= text.count, isLetter(text[cursor]), isLetter(text[cursor + 1]), isWordBoundary(text, at: cursor + 2) else {
                start += 1
                continue
            }
            let letters = String(decoding: text[cursor..<cursor + 2], as: UTF8.self)
            let separated = cursor > start + 4
            let kept =
                ["SA", "SD", "SS"].contains(letters.uppercased())
                || (separated && letters == letters.lowercased() && wordsAfterNumbers.contains(letters))
            if !kept {
                result += text[copied..<start]
                result += Array("[postcode]".utf8)
                copied = cursor + 2
            }
            start = cursor + 2
        }
        guard copied > 0 else { return nil }
        return result + text[copied...]
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }

    /// Whether Unicode's default word boundaries (UAX #29) put one at `index` of ASCII text: not
    /// between letters and digits (WB5, WB8–WB10), before or after an underscore next to one
    /// (WB13a, b), around a `.`, `'` or `:` between letters (WB6, WB7), a `.`, `'`, `,` or `;`
    /// between digits (WB11, WB12), within a run of spaces (WB3d), or within CR LF (WB3); at
    /// every other place, and at both ends, there is one.
    static func isWordBoundary(_ text: [UInt8], at index: Int) -> Bool {
        guard index > 0, index < text.count else { return true }
        let before = text[index - 1], after = text[index]
        func isWordish(_ byte: UInt8) -> Bool { isLetterOrDigit(byte) || byte == 95 }
        if before == 13, after == 10 { return false }
        if before == 32, after == 32 { return false }
        if isWordish(before), isWordish(after) { return false }
        let midLetter: Set<UInt8> = [58, 46, 39]  // : . '
        let midNumber: Set<UInt8> = [44, 59, 46, 39]  // , ; . '
        if isLetter(before), midLetter.contains(after), index + 1 < text.count, isLetter(text[index + 1]) { return false }
        if midLetter.contains(before), isLetter(after), index >= 2, isLetter(text[index - 2]) { return false }
        if isDigit(before), midNumber.contains(after), index + 1 < text.count, isDigit(text[index + 1]) { return false }
        if midNumber.contains(before), isDigit(after), index >= 2, isDigit(text[index - 2]) { return false }
        return true
    }
}
