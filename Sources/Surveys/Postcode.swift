/// Dutch postcodes: four digits (the first not 0) and two letters, `1234 AB`.
public enum Postcode {
    /// `1234 AB` for any spelling with or without space and in any case; `nil` when it is not a
    /// Dutch postcode. The letter pairs SA, SD and SS are not issued and are refused.
    public static func normalised(_ text: String) -> String? {
        // ASCII (every postcode typed on a Dutch keyboard): read from the bytes, no strings made.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalised(ascii: text.utf8) }
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

    /// ``normalised(_:)`` for ASCII text: the same answers, from the bytes.
    private static func normalised(ascii bytes: String.UTF8View) -> String? {
        var kept: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        var count = 0
        for byte in bytes {
            // ASCII whitespace as `Character.isWhitespace` has it: tab, line feed, vertical tab,
            // form feed, carriage return, space.
            if byte == 32 || (9...13).contains(byte) { continue }
            count += 1
            guard count <= 6 else { return nil }
            let upper = (97...122).contains(byte) ? byte - 32 : byte
            switch count {
            case 1: kept.0 = upper
            case 2: kept.1 = upper
            case 3: kept.2 = upper
            case 4: kept.3 = upper
            case 5: kept.4 = upper
            default: kept.5 = upper
            }
        }
        let digits = [kept.0, kept.1, kept.2, kept.3], letters = [kept.4, kept.5]
        guard count == 6, (49...57).contains(kept.0), digits.allSatisfy({ (48...57).contains($0) }), letters.allSatisfy({ (65...90).contains($0) }) else {
            return nil
        }
        let pair = String(decoding: letters, as: UTF8.self)
        guard !["SA", "SD", "SS"].contains(pair) else { return nil }
        return String(decoding: digits, as: UTF8.self) + " " + pair
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
        if let verdict = text.utf8.withContiguousStorageIfAvailable(asciiVerdict), let verdict { return verdict }
        return verdict(text)
    }

    /// ``isPlausible(_:)`` for any text, by characters.
    static func verdict(_ text: String) -> Bool {
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

    /// ``isPlausible(_:)`` for ASCII text, byte by byte (an import checks many addresses);
    /// nil for other text. ASCII white space is what `Character.isWhitespace` says of it.
    static func asciiVerdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), !bytes[(at + 1)...].contains(UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        guard !local.isEmpty, local.count <= 64,
            !local.contains(where: { (0x09...0x0D).contains($0) || $0 == 0x20 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: ",") })
        else { return false }
        let labels = bytes[(at + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || byte == UInt8(ascii: "-")
                }
        }
    }
}
