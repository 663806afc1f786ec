/// A text in Dutch, with an English translation beside it where one is given.
///
/// In files it is a JSON object `{"nl": "…", "en": "…"}`; `nl` is required. When English is
/// asked for and there is none, the Dutch text is shown rather than nothing.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The Dutch text.
    public var nl: String
    /// The English text, if there is one.
    public var en: String?

    public init(nl: String, en: String? = nil) {
        self.nl = nl
        self.en = en
    }

    /// The text in `language`, falling back to Dutch.
    public func text(in language: Language) -> String {
        switch language {
        case .nl: nl
        case .en: en ?? nl
        }
    }
}

extension LocalizedText: CustomStringConvertible {
    public var description: String { nl }
}

extension LocalizedText {
    /// The text as the JSON object of the file formats: `{"nl": …, "en": …}`, `en` only when given.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["nl": .string(nl)]
        if let en { object["en"] = .string(en) }
        return .object(object)
    }
}
