import WijkpeilCore

/// A plain horizontal bar chart as inline SVG: a label, a bar and its figure per row, 360 wide so
/// that its 13-pixel text stays at least 12 pixels on a phone. No scripts, no external files.
struct HorizontalBars {
    struct Row {
        var label: String
        var value: Double
        var text: String
        var colour = "#1b4f72"
    }

    var rows: [Row]
    /// The value a full bar stands for.
    var maximum: Double
    /// What the chart shows, in words, for screen readers.
    var description: String

    var svg: String {
        let width = 360.0, labelWidth = 130.0, barWidth = 170.0, row = 24.0
        let height = Double(rows.count) * row + 4
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markup.escape(description))\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
        for (index, item) in rows.enumerated() {
            let y = Double(index) * row + 2
            let length = maximum > 0 ? barWidth * min(1, max(0, item.value / maximum)) : 0
            svg += "<text x=\"0\" y=\"\(y + 14)\">\(Markup.escape(item.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"16\" fill=\"\(item.colour)\"/>"
            svg += "<text x=\"\(labelWidth + length + 5)\" y=\"\(y + 14)\">\(Markup.escape(item.text))</text>"
        }
        return svg + "</svg>"
    }
}
