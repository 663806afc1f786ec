/// A plain-text table: columns padded to their widest cell, a rule under the header.
///
/// It fits the width it is given (``Console/width``: the terminal's, `COLUMNS`, or 100 for a
/// file or a pipe): as it is when it fits; else the columns of longer text are narrowed and their
/// cells wrapped onto more lines; and when even that does not fit, each row becomes a block of
/// "header: value" lines. The same rows and width always give the same text.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    init(row headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    mutating func add(row cells: [String]) {
        rows.append(cells)
    }

    /// The table at its natural width, whatever that is.
    var rendered: String { rendered(width: .max) }

    /// The table within `width` columns.
    func rendered(width: Int) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }
        // A column may narrow to its longest word (with a cell's indentation), never cutting one.
        var narrowest = headers.map(\.longestWord)
        for row in rows {
            for (column, cell) in row.enumerated() where column < narrowest.count { narrowest[column] = max(narrowest[column], cell.longestWord) }
        }
        // Narrow the widest column that can give, one character at a time.
        while total(widths) > width, let widest = widths.indices.filter({ widths[$0] > narrowest[$0] }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        guard total(widths) <= width else { return stacked(width: width) }
        func lines(_ cells: [String]) -> [String] {
            let wrapped = cells.enumerated().map { column, cell in column < widths.count ? cell.wrapped(to: widths[column], cutting: true) : [cell] }
            let height = wrapped.map { max(1, $0.count) }.max() ?? 1
            return (0..<height).map { lineIndex in
                var text = ""
                for (column, cellLines) in wrapped.enumerated() {
                    let part = lineIndex < cellLines.count ? cellLines[lineIndex] : ""
                    text += column == wrapped.count - 1 ? part : part.padded(to: widths[column] + 2)
                }
                // An empty last column leaves no trailing spaces (they show in diffs and pagers).
                while text.hasSuffix(" ") { text.removeLast() }
                return text
            }
        }
        var output = lines(headers) + [widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        for row in rows { output += lines(row) }
        return output.joined(separator: "\n") + "\n"
    }

    /// Each row as a block: "header  value" per column, values wrapped beside their header.
    func stacked(width: Int) -> String {
        let labelWidth = min(headers.map(\.count).max() ?? 0, width / 2)
        var blocks: [String] = []
        for row in rows {
            var block: [String] = []
            for (column, header) in headers.enumerated() {
                let value = column < row.count ? row[column] : ""
                let valueLines = value.wrapped(to: max(10, width - labelWidth - 2), cutting: true)
                for (index, line) in (valueLines.isEmpty ? [""] : valueLines).enumerated() {
                    var text = (index == 0 ? header : "").padded(to: labelWidth + 2) + line
                    while text.hasSuffix(" ") { text.removeLast() }
                    block.append(text)
                }
            }
            blocks.append(block.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}

extension String {
    /// The string followed by spaces up to `width` characters (never cut).
    func padded(to width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - count))
    }
}

extension String {
    /// The length of the longest word, counting the text's indentation with its first word.
    var longestWord: Int {
        let indent = prefix { $0 == " " }.count
        return split(separator: " ").enumerated().map { $0.offset == 0 ? $0.element.count + indent : $0.element.count }.max() ?? indent
    }

    /// The text broken into lines of at most `width` characters at spaces, for prose beside
    /// tables in a terminal. A word longer than the width stands alone on its line, or with
    /// `cutting` is cut into pieces of the width (in a table column, where it must fit).
    func wrapped(to width: Int, cutting: Bool = false) -> [String] {
        // An indented text (a buurt under its theme) keeps its indentation on every line.
        let indent = String(prefix { $0 == " " })
        if !indent.isEmpty, indent.count < width {
            return String(dropFirst(indent.count)).wrapped(to: width - indent.count, cutting: cutting).map { indent + $0 }
        }
        var lines: [String] = []
        var current = ""
        for word in split(separator: " ") {
            var word = Substring(word)
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            while cutting, current.isEmpty, word.count > width {
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
