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
