public import WijkpeilCore

extension BudgetOutcome {
    /// The page for residents: the budget and what it went to, a bar per proposal against the
    /// budget line, and one plain sentence per proposal saying why it was or was not funded.
    public func html(election: BudgetElection, language: Language) -> String {
        let nl = language == .nl
        let title = nl ? "Uitslag van de stemming over het wijkbudget" : "Result of the neighbourhood budget vote"
        var body = "<h1>\(Markup.escape(title))</h1>\n"
        body +=
            "<p class=\"summary\">"
            + Markup.escape(
                nl
                    ? "\(voters) bewoners stemden. Van het budget van €\u{00A0}\(language.grouped(budget)) gaat €\u{00A0}\(language.grouped(cost)) naar \(selected.count) voorstellen."
                    : "\(voters) residents voted. Of the budget of €\u{00A0}\(language.grouped(budget)), €\u{00A0}\(language.grouped(cost)) goes to \(selected.count) proposals.")
            + "</p>\n"
        body +=
            "<p>"
            + Markup.escape(
                rule == .mes
                    ? (nl
                        ? "Geteld met gelijke delen: iedere stemmer kreeg een gelijk deel van het budget en betaalde mee aan de voorstellen die hij koos. Zo krijgt ook een kleinere groep bewoners iets van wat zij wil."
                        : "Counted by equal shares: every voter got an equal share of the budget and paid towards the proposals they chose, so that a smaller group of residents also gets some of what it wants.")
                    : (nl
                        ? "Geteld op het aantal stemmen: de voorstellen met de meeste stemmen eerst, zolang ze in het budget passen."
                        : "Counted by approvals: the proposals with the most approvals first, as long as they fit the budget."))
            + " " + Markup.escape(BudgetElection.tieRule.text(in: language)) + "</p>\n"
        body += chart(election: election, language: language)
        body += "<ol class=\"proposals\">\n"
        let order = proposals.indices.sorted { a, b in
            let (x, y) = (proposals[a], proposals[b])
            if x.selected != y.selected { return x.selected }
            if let rx = x.round, let ry = y.round { return rx < ry }
            return x.approvals > y.approvals
        }
        for index in order {
            let result = proposals[index]
            let name = election.proposals[index].name ?? result.id
            body +=
                "<li class=\"\(result.selected ? "funded" : "not-funded")\"><strong>\(Markup.escape(name))</strong> (€\u{00A0}\(language.grouped(result.cost)), "
                + "\(result.approvals) \(nl ? "stemmen" : "approvals")). \(Markup.escape(result.why.text(in: language)))</li>\n"
        }
        body += "</ol>\n"
        return Markup.page(
            title: title, language: language, maxWidth: "48rem",
            style: """
                body { font-size: 1.05rem; } .summary { font-size: 1.2rem; }
                .proposals li { margin-bottom: .6rem; } .not-funded { color: #333; }
                figure { margin: 1rem 0; } svg { width: 100%; height: auto; max-width: 30rem; } svg text { font: 15px system-ui, sans-serif; }
                """, body: body)
    }

    /// A bar per proposal, its length its cost, dark when funded; and the funded total as one bar
    /// against the budget line.
    func chart(election: BudgetElection, language: Language) -> String {
        let nl = language == .nl
        // Each label above its bar, so names need not be cut; 360 wide with 15-unit text, which
        // stays above 12 px on a phone 375 px wide.
        let width = 360.0, barHeight = 14.0, row = 40.0
        let scale = (width - 50) / Double(max(budget, cost, 1))
        var svg = ""
        var y = 4.0
        let budgetX = Double(budget) * scale
        func bar(_ label: String, length: Double, colour: String, figure: String) {
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(Markup.escape(label))</text>"
            svg += "<rect x=\"0\" y=\"\(y + 20)\" width=\"\(length)\" height=\"\(barHeight)\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(length + 4)\" y=\"\(y + 32)\">\(Markup.escape(figure))</text>"
            y += row
        }
        // The total against the budget.
        bar(nl ? "Samen gekozen" : "Funded together", length: Double(cost) * scale, colour: "#1b4f72", figure: "€\u{00A0}\(language.grouped(cost))")
        for (index, result) in proposals.enumerated() {
            let name = election.proposals[index].name ?? result.id
            let short = name.count > 40 ? String(name.prefix(39)) + "…" : name
            bar(
                short, length: Double(result.cost) * scale, colour: result.selected ? "#1b4f72" : "#c9d6df",
                figure: "\(result.approvals) \(nl ? "stemmen" : "approvals")")
        }
        svg += "<line x1=\"\(budgetX)\" y1=\"20\" x2=\"\(budgetX)\" y2=\"\(y)\" stroke=\"#8a1c1c\" stroke-width=\"2\"/>"
        svg += "<text x=\"\(budgetX)\" y=\"\(y + 16)\" text-anchor=\"end\" fill=\"#8a1c1c\">budget €\u{00A0}\(language.grouped(budget))</text>"
        let label =
            nl
            ? "Staafdiagram: de kosten van elk voorstel, donker als het gekozen is, met het aantal stemmen erachter; de rode lijn is het budget."
            : "Bar chart: each proposal's cost, dark when funded, with its number of approvals; the red line is the budget."
        return "<figure><svg viewBox=\"0 0 \(Int(width)) \(Int(y + 24))\" role=\"img\" aria-label=\"\(Markup.escape(label))\">\(svg)</svg>"
            + "<figcaption>\(Markup.escape(label))</figcaption></figure>\n"
    }
}
