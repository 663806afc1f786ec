/// Escaping for HTML and SVG: every text from a definition or an answer goes through it.
public enum Markup {
    /// Escapes `&`, `<`, `>`, `"` and `'` so the text is safe in element content and in quoted
    /// attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
