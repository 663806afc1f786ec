public import WijkpeilCore

extension Evaluation {
    /// The evaluation as a form for the regiegroep's meeting: per priority and goal what was
    /// realised, and boxes for the rating, the measures with their cost, the motivation and
    /// remarks (filled where the file already holds them).
    public func form(language: Language) -> ReportDocument {
        let nl = language == .nl
        var document = ReportDocument(title: nl ? "Evaluatie \(programme)" : "Evaluation \(programme)")
        // Room to write by hand.
        document.style =
            "td { vertical-align: top; } th[scope=row] { font-weight: normal; } @media print, screen and (min-width: 40rem) { td { height: 2.4em; } th[scope=row] { width: 30%; } }"
        document.add(
            .paragraph(
                nl
                    ? "Per doel: wat is bereikt, en het oordeel van de regiegroep. Extra maatregelen met hun kosten vragen een motivering. Ingevuld in het bestand wordt deze evaluatie meegenomen in het programma van \(year + 1) (wijkpeil programme next-year --evaluation)."
                    : "Per goal: what was realised, and the regiegroep's rating. Additional measures with their cost need a motivation. Filled in in the file, this evaluation is folded into the programme of \(year + 1) (wijkpeil programme next-year --evaluation)."
            ))
        var priority = ""
        for goal in goals {
            if goal.priority != priority {
                priority = goal.priority
                document.add(.heading(level: 2, text: priority))
            }
            document.add(.heading(level: 3, text: "\(goal.goal): \(goal.text)"))
            func measure(_ value: Goal.Measure?) -> String { value?.text(in: language) ?? "–" }
            var realised: [String] = []
            if let indicator = goal.indicator {
                realised.append(
                    "\(indicator): " + (nl ? "nulmeting " : "baseline ") + measure(goal.baseline) + (nl ? ", nu " : ", now ") + measure(goal.now)
                        + (nl ? ", streefwaarde " : ", target ") + measure(goal.target) + " — " + goal.status.name.text(in: language))
            }
            realised.append((nl ? "Acties klaar: " : "Actions done: ") + (goal.actionsDone.isEmpty ? "–" : goal.actionsDone.joined(separator: ", ")))
            realised.append((nl ? "Acties nog open: " : "Actions still open: ") + (goal.actionsOpen.isEmpty ? "–" : goal.actionsOpen.joined(separator: ", ")))
            document.add(.list(realised))
            let ratings = Rating.allCases.map { ($0 == goal.rating ? "☒ " : "☐ ") + $0.name.text(in: language) }.joined(separator: "   ")
            let measures = goal.measures.map { "\($0.text) (€\u{00A0}\(language.grouped($0.cost)))" }.joined(separator: "; ")
            document.add(
                .table(
                    header: nl ? ["onderdeel", "in te vullen door de regiegroep"] : ["part", "to be filled in by the regiegroep"],
                    rows: [
                        [nl ? "oordeel" : "rating", ratings],
                        [nl ? "extra maatregelen en kosten" : "additional measures and cost", measures],
                        [nl ? "motivering extra budget" : "motivation of extra budget", goal.motivation ?? ""],
                        [
                            nl ? "bijgesteld doel of streefwaarde" : "adjusted goal or target",
                            [goal.newText, goal.newTarget.map(measure)].compactMap { $0 }.joined(separator: "; "),
                        ],
                        [nl ? "opmerkingen" : "remarks", goal.remarks],
                    ]))
        }
        return document
    }
}
