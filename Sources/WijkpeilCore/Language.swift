/// The languages Wijkpeil speaks. Dutch is the default everywhere; English stands beside it.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case nl
    case en

    /// Reads a language code such as `nl`, `en`, `EN` or `en-GB`; `nil` for anything else.
    public init?(code: String) {
        let primary = code.lowercased().split(separator: "-").first.map(String.init) ?? ""
        self.init(rawValue: primary)
    }
}

extension Language {
    /// A number for people to read, with this language's decimal separator: `7,4` in Dutch,
    /// `7.4` in English.
    public func decimal(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // Beyond 2^53 a Double holds no decimals anyway, and beyond Int.max it cannot be made an
        // Int: written as Swift writes it (1e+17), never a crash.
        guard scaled < 9_007_199_254_740_992 else {
            return self == .nl ? "\(value)".replacing(".", with: ",") : "\(value)"
        }
        let whole = Int(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = String(Int(scaled) - whole * Int(scale))
            text += (self == .nl ? "," : ".") + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// A whole number with thousands grouped as the language writes them: `12.500` or `12,500`.
    public func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(self == .nl ? "." : ",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// A share as a whole percentage: `0.347` → `35%`.
    public func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return decimal(share * 100, digits: 0) + "%"
    }
}

extension Language {
    /// A measured value as people write it: at most `digits` decimals, no trailing zeros
    /// (`14,2`, `198`, `3,95`).
    public func number(_ value: Double, digits: Int = 2) -> String {
        var text = decimal(value, digits: digits)
        let separator: Character = self == .nl ? "," : "."
        guard text.contains(separator) else { return text }
        while text.last == "0" { text.removeLast() }
        if text.last == separator { text.removeLast() }
        return text
    }

    /// A p-value for a table: three decimals, and `<0,001` below that.
    public func pValue(_ p: Double) -> String {
        p < 0.001 ? "<" + decimal(0.001, digits: 3) : decimal(p, digits: 3)
    }

    /// A p-value in a sentence: `p = 0,015` or `p < 0,001`.
    public func pStatement(_ p: Double) -> String {
        p < 0.001 ? "p < " + decimal(0.001, digits: 3) : "p = " + decimal(p, digits: 3)
    }
}

extension Language {
    static let monthNames: [Language: [String]] = [
        .nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ]

    /// A date as people write it in a letter: `30 november 2026`, `30 November 2026`.
    public func longDate(_ date: CalendarDate) -> String {
        "\(date.day) \(monthName(date.month)) \(date.year)"
    }

    /// A month and year: `augustus 2027`.
    public func monthAndYear(_ month: Int, _ year: Int) -> String {
        "\(monthName(month)) \(year)"
    }

    public func monthName(_ month: Int) -> String {
        Self.monthNames[self]?[(month - 1 + 12) % 12] ?? String(month)
    }
}
