/// Reads the fields of one JSON object, reporting every missing or mistyped field as a finding
/// at its JSON path instead of stopping at the first.
///
/// The definition readers of Surveys, Participation and Stickers are written with it, so that
/// their messages read alike.
public struct JSONObjectReader: Sendable {
    public let path: JSONPath
    public let fields: [String: JSONValue]

    /// A reader for `value`, or `nil` (with an error) when it is not an object.
    public init?(_ value: JSONValue, at path: JSONPath, findings: inout Findings) {
        guard case .object(let fields) = value else {
            findings.error(
                "wrong-type", at: path.location,
                nl: "hier hoort een object ({…}), maar er staat \(value.kindName.nl)",
                en: "expected an object ({…}), found \(value.kindName.en ?? "")")
            return nil
        }
        self.path = path
        self.fields = fields
    }

    public func has(_ key: String) -> Bool {
        if case nil = fields[key] { return false }
        if case .null? = fields[key] { return false }
        return true
    }

    public func string(_ key: String, required: Bool = false, findings: inout Findings) -> String? {
        guard let value = present(key, required: required, findings: &findings) else { return nil }
        guard case .string(let text) = value else {
            wrongType(key, expected: LocalizedText(nl: "tekst", en: "text"), found: value, findings: &findings)
            return nil
        }
        return text
    }

    /// A string that must be a valid id (`[a-z0-9-]+`).
    public func identifier(_ key: String, required: Bool = false, findings: inout Findings) -> String? {
        guard let text = string(key, required: required, findings: &findings) else { return nil }
        guard Identifier.isValid(text) else {
            findings.error(
                "invalid-id", at: path.appending(key).location,
                nl: "id \"\(text)\" mag alleen kleine letters a–z, cijfers en '-' bevatten",
                en: "id \"\(text)\" may only use lower-case a–z, digits and '-'")
            return nil
        }
        return text
    }

    public func bool(_ key: String, required: Bool = false, findings: inout Findings) -> Bool? {
        guard let value = present(key, required: required, findings: &findings) else { return nil }
        guard case .bool(let flag) = value else {
            wrongType(key, expected: LocalizedText(nl: "true of false", en: "true or false"), found: value, findings: &findings)
            return nil
        }
        return flag
    }

    public func number(_ key: String, required: Bool = false, findings: inout Findings) -> Double? {
        guard let value = present(key, required: required, findings: &findings) else { return nil }
        guard case .number(let number) = value, number.isFinite else {
            wrongType(key, expected: LocalizedText(nl: "een getal", en: "a number"), found: value, findings: &findings)
            return nil
        }
        return number
    }

    /// A whole number; `1.5` is an error.
    public func integer(_ key: String, required: Bool = false, findings: inout Findings) -> Int? {
        guard let number = number(key, required: required, findings: &findings) else { return nil }
        guard number.rounded() == number, abs(number) <= 1e12 else {
            findings.error(
                "not-an-integer", at: path.appending(key).location,
                nl: "hier hoort een heel getal", en: "expected a whole number")
            return nil
        }
        return Int(number)
    }

    /// A localised text `{"nl": "…", "en": "…"}`; `nl` is required and may not be empty.
    public func localizedText(_ key: String, required: Bool = false, findings: inout Findings) -> LocalizedText? {
        guard let value = present(key, required: required, findings: &findings) else { return nil }
        return Self.localizedText(value, at: path.appending(key), findings: &findings)
    }

    /// Reads a localised text at any path (used for values in maps, such as rating labels).
    public static func localizedText(_ value: JSONValue, at path: JSONPath, findings: inout Findings) -> LocalizedText? {
        guard let reader = JSONObjectReader(value, at: path, findings: &findings) else { return nil }
        let nl = reader.string("nl", findings: &findings)
        let en = reader.string("en", findings: &findings)
        reader.warnUnknownKeys(allowed: ["nl", "en"], findings: &findings)
        guard let nl, !nl.trimmingWhitespace.isEmpty else {
            findings.error(
                "missing-dutch", at: path.appending("nl").location,
                nl: "de Nederlandse tekst ontbreekt; voeg \"nl\": \"…\" toe",
                en: "the Dutch text is missing; add \"nl\": \"…\"")
            return nil
        }
        return LocalizedText(nl: nl, en: en)
    }

    public func array(_ key: String, required: Bool = false, findings: inout Findings) -> [JSONValue]? {
        guard let value = present(key, required: required, findings: &findings) else { return nil }
        guard case .array(let elements) = value else {
            wrongType(key, expected: LocalizedText(nl: "een lijst ([…])", en: "a list ([…])"), found: value, findings: &findings)
            return nil
        }
        return elements
    }

    /// A list of ids (`["a", "b"]`), each checked.
    public func identifiers(_ key: String, required: Bool = false, findings: inout Findings) -> [String]? {
        guard let elements = array(key, required: required, findings: &findings) else { return nil }
        var ids: [String] = []
        for (index, element) in elements.enumerated() {
            let elementPath = path.appending(key).appending(index)
            guard case .string(let text) = element, Identifier.isValid(text) else {
                findings.error(
                    "invalid-id", at: elementPath.location,
                    nl: "hier hoort een id (kleine letters a–z, cijfers en '-')",
                    en: "expected an id (lower-case a–z, digits and '-')")
                continue
            }
            ids.append(text)
        }
        return ids
    }

    public func object(_ key: String, required: Bool = false, findings: inout Findings) -> JSONObjectReader? {
        guard let value = present(key, required: required, findings: &findings) else { return nil }
        return JSONObjectReader(value, at: path.appending(key), findings: &findings)
    }

    /// Warns about keys this version does not know, suggesting the closest known one: a typo
    /// such as `requierd` would otherwise be silently ignored.
    public func warnUnknownKeys(allowed: Set<String>, findings: inout Findings) {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            let hint = Identifier.closest(to: key, in: allowed.sorted())
            findings.warning(
                "unknown-field", at: path.appending(key).location,
                nl: "onbekend veld \"\(key)\" wordt genegeerd" + (hint.map { "; bedoelt u \"\($0)\"?" } ?? ""),
                en: "unknown field \"\(key)\" is ignored" + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
        }
    }

    private func present(_ key: String, required: Bool, findings: inout Findings) -> JSONValue? {
        guard let value = fields[key], value != .null else {
            if required {
                findings.error(
                    "missing-field", at: path.appending(key).location,
                    nl: "het verplichte veld \"\(key)\" ontbreekt", en: "the required field \"\(key)\" is missing")
            }
            return nil
        }
        return value
    }

    private func wrongType(_ key: String, expected: LocalizedText, found: JSONValue, findings: inout Findings) {
        findings.error(
            "wrong-type", at: path.appending(key).location,
            nl: "hier hoort \(expected.nl), maar er staat \(found.kindName.nl)",
            en: "expected \(expected.en ?? expected.nl), found \(found.kindName.en ?? found.kindName.nl)")
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`, without Foundation (the domain
    /// targets use it for escaping cells in Markdown and Pabulib files).
    public func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }

    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmingWhitespace: String {
        // Most strings have nothing to trim; ASCII letters and digits at both ends say so at once.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// The text with its first letter a capital, for a label at the start of a line: "groen" → "Groen".
    public var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
