/// Escaping for HTML and SVG: every text from a definition or an answer goes through it.
public enum Markup {
    /// Escapes `&`, `<`, `>`, `"` and `'` so the text is safe in element content and in quoted
    /// attribute values; control characters other than tab and line ends are left out.
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
            // Control characters have no place in a page.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": break
            default: result.append(character)
            }
        }
        return result
    }
}

extension Markup {
    /// A self-contained HTML page for people to read or print: the language attribute, a
    /// viewport for phones, the page's own style sheet after a shared readable base, and no
    /// scripts or external assets. The content stands in one `main` landmark.
    public static func page(title: String, language: Language, maxWidth: String = "60rem", style: String = "", body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; color: #111; background: #fff; max-width: \(maxWidth); margin: 0 auto; padding: 1rem; line-height: 1.45; }
        h2 { border-bottom: 2px solid #1b4f72; padding-bottom: .2rem; margin-top: 2rem; }
        table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #999; padding: .2rem .5rem; text-align: left; }
        caption { text-align: left; font-weight: bold; }
        .scroll { overflow-x: auto; }
        \(style)
        </style></head>
        <body><main>
        \(body)</main></body>
        </html>

        """
    }
}
