public import WijkpeilCore

/// A report as a sequence of blocks, written once and shown as Markdown (for the council's
/// papers and e-mail) or as a printable HTML page: the two never say different things.
public struct ReportDocument: Sendable, Hashable {
    public enum Block: Sendable, Hashable {
        case heading(level: Int, text: String)
        case paragraph(String)
        /// A paragraph set apart: what residents said, a promise.
        case note(String)
        case list([String])
        case table(header: [String], rows: [[String]], numeric: Set<Int> = [])
        /// An inline SVG and, for Markdown, the words it stands for.
        case figure(svg: String, text: String)
    }

    public var title: String
    public var blocks: [Block] = []
    /// Printed tight, to fit one sheet (a leaflet for letterboxes).
    public var onOneSheet = false
    /// More of the page's style: a form's room to write in.
    public var style = ""

    public init(title: String) {
        self.title = title
    }

    public mutating func add(_ block: Block) { blocks.append(block) }

    public var markdown: String {
        func cell(_ text: String) -> String { text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ") }
        var text = "# \(title)\n"
        for block in blocks {
            text += "\n"
            switch block {
            case .heading(let level, let heading): text += String(repeating: "#", count: level) + " " + heading + "\n"
            case .paragraph(let paragraph): text += paragraph + "\n"
            case .note(let note): text += "> " + note + "\n"
            case .list(let items): text += items.map { "- " + $0 }.joined(separator: "\n") + "\n"
            case .table(let header, let rows, let numeric):
                text += "| " + header.map(cell).joined(separator: " | ") + " |\n"
                text += "|" + header.indices.map { numeric.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
                for row in rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
            case .figure(_, let words): text += words + "\n"
            }
        }
        return text
    }

    /// The page: `style` is added to the shared page style; print on A4 (`landscape` or not).
    public func html(language: Language, landscape: Bool = false, style: String = "") -> String {
        var body = "<h1>\(Markup.escape(title))</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let level, let heading): body += "<h\(level)>\(Markup.escape(heading))</h\(level)>\n"
            case .paragraph(let paragraph): body += "<p>\(Markup.escape(paragraph))</p>\n"
            case .note(let note): body += "<p class=\"note\">\(Markup.escape(note))</p>\n"
            case .list(let items): body += "<ul>" + items.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>\n"
            case .table(let header, let rows, let numeric):
                // Focusable, so that a table wider than a phone can be scrolled from the keyboard.
                body += "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>"
                body += header.map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
                for row in rows {
                    body += "<tr>"
                    for (index, value) in row.enumerated() {
                        let label = index < header.count ? " data-label=\"\(Markup.escape(header[index]))\"" : ""
                        let kind = numeric.contains(index) ? " class=\"number\"" : ""
                        body += index == 0 ? "<th scope=\"row\"\(label)>\(Markup.escape(value))</th>" : "<td\(label)\(kind)>\(Markup.escape(value))</td>"
                    }
                    body += "</tr>"
                }
                body += "</tbody></table></div>\n"
            case .figure(let svg, _): body += "<figure>\(svg)</figure>\n"
            }
        }
        return Markup.page(
            title: title, language: language, maxWidth: landscape ? "72rem" : "48rem",
            style: """
                @page { size: A4\(landscape ? " landscape" : ""); margin: 14mm; }
                table { width: 100%; font-size: .9rem; } .number { text-align: right; white-space: nowrap; }
                .note { background: #eef4f8; border-left: 6px solid #1b4f72; padding: .5rem .75rem; }
                h1 { overflow-wrap: break-word; hyphens: auto; }
                figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
                h2, h3, .note { break-after: avoid; } tr, figure, li { break-inside: avoid; }
                @media print { .scroll { overflow: visible; } body { max-width: none; font-size: 10.5pt; } }
                @media screen and (max-width: 40rem) {
                  table, thead, tbody, tr, th, td { display: block; } thead { position: absolute; left: -9999px; }
                  tr { border: 1px solid #999; margin-bottom: .75rem; } th, td { border: 0; }
                  td::before { content: attr(data-label) ": "; color: #444; } .number { text-align: left; }
                }
                """ + (onOneSheet ? Self.oneSheet : "") + self.style + style, body: body)
    }

    static let oneSheet = """
        @media print {
          body { font-size: 9.5pt; line-height: 1.3; } h1 { font-size: 17pt; margin: 0 0 .3rem; }
          h2 { font-size: 12pt; margin: .7rem 0 .2rem; } p, ul { margin: .2rem 0; } .note { padding: .25rem .5rem; }
        }
        """
}
