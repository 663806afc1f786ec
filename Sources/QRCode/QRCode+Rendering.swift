import WijkpeilCore

extension QRCode {
    /// The code as a self-contained SVG: dark modules as one path on a white square with a
    /// quiet zone of `quietZone` modules (the standard asks for 4), `moduleSize` units each.
    /// `title` names it for screen readers.
    public func svg(moduleSize: Int = 8, quietZone: Int = 4, title: String? = nil) -> String {
        let side = (size + 2 * quietZone) * moduleSize
        var path = ""
        for (row, line) in modules.enumerated() {
            var column = 0
            while column < size {
                guard line[column] else {
                    column += 1
                    continue
                }
                // A run of dark modules as one rectangle.
                var end = column
                while end < size, line[end] { end += 1 }
                path += "M\((column + quietZone) * moduleSize) \((row + quietZone) * moduleSize)h\((end - column) * moduleSize)v\(moduleSize)h-\((end - column) * moduleSize)z"
                column = end
            }
        }
        let label = title.map { "<title>\(Markup.escape($0))</title>" } ?? ""
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(side)\" height=\"\(side)\" shape-rendering=\"crispEdges\"\(title == nil ? " aria-hidden=\"true\"" : " role=\"img\"")>\(label)<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }

    /// The code for a terminal, two rows of modules per line in half blocks. Light modules are
    /// drawn (▀ ▄ █) and dark ones left blank, as `qrencode -t UTF8` does: on the usual dark
    /// terminal the code then shows dark on light, as cameras expect.
    public func terminalText(quietZone: Int = 2) -> String {
        let side = size + 2 * quietZone
        func isDark(_ row: Int, _ column: Int) -> Bool {
            let r = row - quietZone, c = column - quietZone
            guard (0..<size).contains(r), (0..<size).contains(c) else { return false }
            return modules[r][c]
        }
        var lines: [String] = []
        for row in stride(from: 0, to: side, by: 2) {
            var line = ""
            for column in 0..<side {
                let top = !isDark(row, column), bottom = row + 1 < side ? !isDark(row + 1, column) : false
                line += top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " "
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
