/// Removes what could identify a person from free text before it leaves in an export: e-mail
/// addresses, URLs, IBANs, phone numbers (Dutch and international) and postcodes become
/// `[e-mail]`, `[url]`, `[iban]`, `[telefoon]`, `[postcode]`. Numbers that identify nobody, such
/// as "10 mensen" or a year, stay.
public enum Scrubber {
    public static func scrub(_ text: String) -> String {
        // Each pattern runs only where it could match: most remarks have no @, link or digit.
        var text = text
        if text.contains("@") { text.replace(emailPattern, with: "[e-mail]") }
        if text.contains("http") || text.contains("HTTP") || text.contains("www.") || text.contains("WWW.") {
            text.replace(urlPattern, with: "[url]")
        }
        guard text.contains(where: \.isASCIIDigit) else { return text }
        text.replace(ibanPattern, with: "[iban]")
        text = scrubPhoneNumbers(text)
        text.replace(postcodePattern) { match in
            let letters = (match.output.2 ?? match.output.3 ?? "").uppercased()
            return ["SA", "SD", "SS"].contains(letters) ? String(match.output.0) : "[postcode]"
        }
        return text
    }

    nonisolated(unsafe) static let emailPattern = #/[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}/#
    nonisolated(unsafe) static let urlPattern = #/(?i:https?://|www\.)[^\s<>"]+/#
    /// An IBAN: two letters, two check digits, then groups of letters and digits (NL: a bank code
    /// of four letters and ten digits), with or without spaces.
    nonisolated(unsafe) static let ibanPattern = #/\b(?i:[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}(?:\s?\d){0,16})\b/#
    /// A Dutch postcode: four digits (not starting with 0) and two letters; with a space the
    /// letters must be capitals, so "2024 en" stays text.
    nonisolated(unsafe) static let postcodePattern = #/\b([1-9]\d{3})(?:([A-Za-z]{2})|\s([A-Z]{2}))\b/#

    /// Phone numbers: a run of digits with spaces, dashes, dots or brackets between them that
    /// starts with `+` or `00` (9 to 15 digits) or with `0` (exactly 10 digits, the Dutch length).
    static func scrubPhoneNumbers(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let startsNumber = (character == "+" || character == "(" || character.isASCIIDigit)
                && (index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isASCIIDigit))
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
                } else if !(c == " " || c == "-" || c == "." || c == "(" || c == ")") {
                    break
                }
                end += 1
            }
            let international = characters[index] == "+" || digits.hasPrefix("00")
            let isPhone = international
                ? (9...15).contains(digits.count - (digits.hasPrefix("00") ? 2 : 0))
                : digits.hasPrefix("0") && digits.count == 10
            let followedByLetter = lastDigitEnd < characters.count && characters[lastDigitEnd].isLetter
            if isPhone && !followedByLetter {
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
