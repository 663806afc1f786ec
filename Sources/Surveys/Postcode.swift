/// Dutch postcodes: four digits (the first not 0) and two letters, `1234 AB`.
public enum Postcode {
    /// `1234 AB` for any spelling with or without space and in any case; `nil` when it is not a
    /// Dutch postcode. The letter pairs SA, SD and SS are not issued and are refused.
    public static func normalised(_ text: String) -> String? {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        let characters = Array(compact.unicodeScalars)
        guard characters.count == 6 else { return nil }
        let digits = characters[0..<4], letters = characters[4..<6]
        guard digits.allSatisfy({ ("0"..."9").contains($0) }), digits.first != "0",
            letters.allSatisfy({ ("A"..."Z").contains($0) })
        else { return nil }
        let pair = String(String.UnicodeScalarView(letters))
        guard !["SA", "SD", "SS"].contains(pair) else { return nil }
        return String(String.UnicodeScalarView(digits)) + " " + pair
    }

    /// The four digits (PC4) of a valid postcode.
    public static func pc4(_ text: String) -> String? {
        normalised(text).map { String($0.prefix(4)) }
    }
}

/// A plausibility check for e-mail addresses: what a form can check without sending mail.
public enum EmailAddress {
    /// One `@`, a non-empty local part without spaces, and a domain with a dot and no empty labels.
    public static func isPlausible(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64,
            !local.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }
}
