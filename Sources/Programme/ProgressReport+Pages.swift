public import WijkpeilCore

extension ProgressReport {
    // MARK: For the council

    /// The council's report: one page of summary, then per priority its goals and actions.
    public func council(language: Language) -> ReportDocument {
        let nl = language == .nl
        var document = ReportDocument(
            title: nl
                ? "Voortgangsrapportage \(wijk) \(period.year), na \(period.months) maanden"
                : "Progress report \(wijk) \(period.year), after \(period.months) months")
        document.add(.paragraph(periodLine(language)))
        document.add(.heading(level: 2, text: nl ? "Samenvatting" : "Summary"))
        var summary: [String] = []
        summary.append(
            (nl ? "Acties: \(actions.count) (" : "Actions: \(actions.count) (")
                + actionCounts.map { "\($0.status.name.text(in: language)): \($0.count)" }.joined(separator: ", ") + ").")
        summary.append(
            nl
                ? "Uitgegeven: \(euro(spent, language)) van \(euro(estimated, language)) geraamd (\(share(spent, of: estimated, language)))."
                : "Spent: \(euro(spent, language)) of \(euro(estimated, language)) estimated (\(share(spent, of: estimated, language))).")
        summary.append(
            (nl ? "Doelen: " : "Goals: ") + goalCounts.map { "\($0.status.name.text(in: language)): \($0.count)" }.joined(separator: ", ") + ".")
        if overdueMilestones.isEmpty {
            summary.append(nl ? "Mijlpalen: alle op tijd." : "Milestones: all on time.")
        } else {
            summary.append(
                (nl ? "Mijlpalen te laat: " : "Milestones overdue: ")
                    + overdueMilestones.map { $0.text.text(in: language) + " (" + date($0, language) + ")" }.joined(separator: "; ") + ".")
        }
        if !stillAssessing.isEmpty {
            summary.append(
                (nl ? "Nog in beoordeling na de beoordelingsdatum: " : "Still being assessed after the assessment date: ")
                    + stillAssessing.map(\.id).joined(separator: ", ") + ".")
        }
        if registerConsulted {
            summary.append(
                nl
                    ? "Toezeggingen: \(openCommitments.count) open, waarvan \(overdueCommitments) te laat."
                    : "Commitments: \(openCommitments.count) open, of which \(overdueCommitments) overdue.")
        }
        document.add(.list(summary))
        document.add(.figure(svg: statusChart(language: language), text: chartWords(language)))
        let decided = priorities.compactMap(\.decision)
        if !decided.isEmpty {
            document.add(
                .list(
                    decided.map { decision in
                        (nl ? "Besluit van de raad over " : "The council's decision on ") + label(decision.priority, language) + " ("
                            + decision.date + "): " + decision.verdict.name.text(in: language) + " — " + decision.reason
                    }))
        }

        for priority in priorities {
            document.add(.heading(level: 2, text: priority.label.text(in: language)))
            if let sentence = priority.evidence?.sentence(in: language), !sentence.isEmpty { document.add(.note(sentence)) }
            if !priority.goals.isEmpty {
                document.add(
                    .table(
                        header: nl
                            ? ["doel", "indicator", "nulmeting", "nu", "streefwaarde", "stand"]
                            : ["goal", "indicator", "baseline", "now", "target", "status"],
                        rows: priority.goals.map { progress in
                            [
                                progress.goal.text.text(in: language), progress.goal.indicator ?? "–", measure(progress.goal.baseline, language),
                                measure(progress.now, language), measure(progress.goal.target, language), progress.status.name.text(in: language),
                            ]
                        }))
            }
            if priority.actions.isEmpty {
                document.add(.paragraph(nl ? "Geen acties." : "No actions."))
                continue
            }
            document.add(
                .table(
                    header: nl
                        ? ["actie", "titel", "status", "sinds de vorige rapportage", "geraamd", "uitgegeven"]
                        : ["action", "title", "status", "since the previous report", "estimated", "spent"],
                    rows: priority.actions.map { progress in
                        let action = progress.action
                        return [
                            action.id, action.title.text(in: language), action.status.name.text(in: language),
                            progress.changes.isEmpty ? "–" : progress.changes.map { change($0, language) }.joined(separator: "; "),
                            euro(action.cost, language), action.spent.map { euro($0, language) } ?? "–",
                        ]
                    }, numeric: [4, 5]))
        }

        let notFeasible = actions.filter { $0.status == .notFeasible }
        if !notFeasible.isEmpty {
            document.add(.heading(level: 2, text: nl ? "Niet uitvoerbaar" : "Not feasible"))
            document.add(.list(notFeasible.map { action in "\(action.id) \(action.title.text(in: language)): " + notFeasibleText(action, language) }))
        }
        if !openCommitments.isEmpty {
            document.add(.heading(level: 2, text: nl ? "Openstaande toezeggingen" : "Open commitments"))
            document.add(
                .table(
                    header: nl ? ["nr.", "toezegging", "aan", "termijn", "stand"] : ["no.", "commitment", "to", "due", "status"],
                    rows: openCommitments.map { entry in
                        [
                            String(entry.commitment.number), entry.commitment.what, entry.commitment.audience.name.text(in: language),
                            entry.commitment.due ?? "–", entry.state.name.text(in: language),
                        ]
                    }))
        }
        document.add(.paragraph(nextLine(language)))
        return document
    }

    // MARK: For residents

    /// The residents' page: one printable A4 page in plain Dutch, "U vroeg om … Dit gebeurt: …".
    public func residents(language: Language) -> ReportDocument {
        let nl = language == .nl
        var document = ReportDocument(title: nl ? "Wat gebeurt er in \(wijk)?" : "What is happening in \(wijk)?")
        document.onOneSheet = true
        document.add(
            .paragraph(
                nl
                    ? "Zo staat het wijkprogramma \(period.year) ervoor na \(period.months) maanden. Dit verslag is van \(language.longDate(today))."
                    : "This is where the neighbourhood programme \(period.year) stands after \(period.months) months. This report is of \(language.longDate(today))."
            ))
        for priority in priorities {
            let name = priority.label.text(in: language)
            document.add(.heading(level: 2, text: name))
            // A priority the council added was not asked for by residents; the page says so.
            var asked =
                priority.evidence?.councilReason != nil
                ? (nl ? "Dit punt zette de gemeenteraad op de agenda." : "The council put this on the agenda.")
                : (nl ? "U vroeg om: " : "You asked for: ") + name.lowercasedFirst + "."
            if let sentence = priority.evidence?.sentence(in: language), !sentence.isEmpty { asked += " " + sentence }
            document.add(.note(asked))
            let done = priority.actions.map(\.action).filter { $0.status == .done }
            let running = priority.actions.map(\.action).filter { $0.status == .inProgress }
            let planned = priority.actions.map(\.action).filter { [.proposed, .agreed, .assessing].contains($0.status) }
            var happening: [String] = []
            for action in done { happening.append((nl ? "Klaar: " : "Done: ") + action.title.text(in: language) + ".") }
            for action in running {
                happening.append(
                    (nl ? "Bezig: " : "Under way: ") + action.title.text(in: language)
                        + (action.end.map { month in
                            // Past its end month on the report's day: said so, not promised again.
                            month < String(today.description.prefix(7))
                                ? (nl ? ", later dan gepland (klaar in " : ", later than planned (due ") + monthText(month, language) + ")"
                                : (nl ? ", klaar in " : ", finished by ") + monthText(month, language)
                        } ?? "") + ".")
            }
            if !planned.isEmpty {
                let first = planned.prefix(2).map { $0.title.text(in: language) }
                happening.append(
                    nl
                        ? "Nog gepland: \(planned.count) \(planned.count == 1 ? "actie" : "acties"), zoals \(first.joined(separator: " en "))."
                        : "Still planned: \(planned.count) \(planned.count == 1 ? "action" : "actions"), such as \(first.joined(separator: " and ")).")
            }
            if happening.isEmpty { happening.append(nl ? "Er is nog geen actie gestart." : "No action has started yet.") }
            document.add(.paragraph(nl ? "Dit gebeurt:" : "This is happening:"))
            document.add(.list(happening))
            let stopped = priority.actions.map(\.action).filter { [.notFeasible, .lapsed].contains($0.status) }
            if !stopped.isEmpty {
                document.add(.paragraph(nl ? "Wat niet doorgaat:" : "What does not go ahead:"))
                document.add(.list(stopped.map { $0.title.text(in: language) + " — " + notFeasibleText($0, language) }))
            }
            if let decision = priority.decision {
                document.add(
                    .paragraph(
                        (nl ? "De gemeenteraad besloot op \(longDate(decision.date, language)): " : "The council decided on \(longDate(decision.date, language)): ")
                            + decision.verdict.name.text(in: language) + ". " + decision.reason))
            }
        }
        document.add(.heading(level: 2, text: nl ? "Wat wij beloofden" : "What we promised"))
        if let feedback {
            document.add(
                .note(
                    (nl ? "In de enquête beloofden wij: “" : "In the survey we promised: “") + feedback.text(in: language) + "” "
                        + (nl ? "Dit verslag is van \(language.longDate(today))." : "This report is of \(language.longDate(today)).")))
        }
        document.add(.paragraph(nextLine(language)))
        return document
    }

    // MARK: Data

    /// Everything the pages show, as data.
    public func jsonValue(for audience: Audience) -> JSONValue {
        func measure(_ value: Goal.Measure?) -> JSONValue { value?.jsonValue ?? .null }
        return .object([
            "for": .string(audience.rawValue), "wijk": .string(wijk), "year": .number(Double(period.year)), "months": .number(Double(period.months)),
            "period": .object(["from": .string(period.start.description), "to": .string(period.end.description), "changesSince": .string(period.since.description)]),
            "today": .string(today.description),
            "summary": .object([
                "actions": .object(Dictionary(uniqueKeysWithValues: actionCounts.map { ($0.status.rawValue, JSONValue.number(Double($0.count))) })),
                "goals": .object(Dictionary(uniqueKeysWithValues: goalCounts.map { ($0.status.rawValue, JSONValue.number(Double($0.count))) })),
                "estimated": .number(Double(estimated)), "spent": .number(Double(spent)),
                "overdueMilestones": .array(overdueMilestones.map { .string($0.id) }), "stillAssessing": .array(stillAssessing.map { .string($0.id) }),
                "openCommitments": registerConsulted ? .number(Double(openCommitments.count)) : .null,
                "overdueCommitments": registerConsulted ? .number(Double(overdueCommitments)) : .null,
            ]),
            "priorities": .array(
                priorities.map { priority in
                    .object([
                        "theme": .string(priority.priority), "label": priority.label.jsonValue, "residents": priority.evidence?.jsonValue ?? .null,
                        "decision": priority.decision.map {
                            .object(["decision": .string($0.verdict.rawValue), "reason": .string($0.reason), "date": .string($0.date), "by": .string($0.by)])
                        } ?? .null,
                        "goals": .array(
                            priority.goals.map { progress in
                                .object([
                                    "id": .string(progress.goal.id), "indicator": progress.goal.indicator.map { .string($0) } ?? .null,
                                    "baseline": measure(progress.goal.baseline), "now": measure(progress.now), "target": measure(progress.goal.target),
                                    "status": .string(progress.status.rawValue),
                                ])
                            }),
                        "actions": .array(
                            priority.actions.map { progress in
                                .object([
                                    "id": .string(progress.action.id), "title": progress.action.title.jsonValue,
                                    "status": .string(progress.action.status.rawValue), "cost": .number(Double(progress.action.cost)),
                                    "spent": progress.action.spent.map { .number(Double($0)) } ?? .null,
                                    "changes": .array(progress.changes.map(\.jsonValue)),
                                ])
                            }),
                    ])
                }),
            "commitments": .array(
                openCommitments.map { entry in
                    .object([
                        "number": .number(Double(entry.commitment.number)), "what": .string(entry.commitment.what),
                        "to": .string(entry.commitment.audience.rawValue), "due": entry.commitment.due.map { .string($0) } ?? .null,
                        "overdue": .bool(!(entry.state == .open)),
                    ])
                }),
            "feedback": feedback?.jsonValue ?? .null,
            "nextReport": period.next.map { .object(["months": .number(Double($0)), "after": .string(Period(year: period.year, months: $0)!.end.description)]) }
                ?? .null,
        ])
    }

    // MARK: Pieces

    /// Each priority's actions as a stacked bar per status, with the counts written beside it:
    /// 360 wide, so that its 13-pixel text stays at least 12 pixels on a phone.
    public func statusChart(language: Language) -> String {
        let shown: [(Action.Status, String)] = [
            (.done, "#1e6b35"), (.inProgress, "#4c9a5f"), (.agreed, "#8fb3cf"), (.proposed, "#c5d5e2"), (.assessing, "#d9a441"),
            (.notFeasible, "#b5483b"), (.lapsed, "#8c8c8c"),
        ]
        let most = max(1, priorities.map(\.actions.count).max() ?? 1)
        let width = 360.0, labelWidth = 118.0, barWidth = 212.0, row = 26.0
        // The legend, wrapped to the width.
        var legend: [(x: Double, line: Int, status: Action.Status, colour: String)] = []
        var x = 0.0, line = 0
        for (status, colour) in shown where actions.contains(where: { $0.status == status }) {
            let itemWidth = 22 + Double(status.name.text(in: language).count) * 7.2
            if x + itemWidth > width {
                x = 0
                line += 1
            }
            legend.append((x, line, status, colour))
            x += itemWidth
        }
        let barsHeight = Double(priorities.count) * row
        let height = barsHeight + 12 + Double(line + 1) * 18
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markup.escape(chartWords(language)))\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
        for (index, priority) in priorities.enumerated() {
            let y = Double(index) * row + 4
            svg += "<text x=\"0\" y=\"\(y + 14)\">\(Markup.escape(priority.label.text(in: language)))</text>"
            var x = labelWidth
            for (status, colour) in shown {
                let count = priority.count(status)
                guard count > 0 else { continue }
                let part = barWidth * Double(count) / Double(most)
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(part)\" height=\"18\" fill=\"\(colour)\"><title>\(Markup.escape(status.name.text(in: language))): \(count)</title></rect>"
                x += part
            }
            svg += "<text x=\"\(x + 5)\" y=\"\(y + 14)\">\(priority.actions.count)</text>"
        }
        for item in legend {
            let y = barsHeight + 8 + Double(item.line) * 18
            svg +=
                "<rect x=\"\(item.x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(item.colour)\"/><text x=\"\(item.x + 16)\" y=\"\(y + 11)\">\(Markup.escape(item.status.name.text(in: language)))</text>"
        }
        return svg + "</svg>"
    }

    /// What the chart shows, in words.
    public func chartWords(_ language: Language) -> String {
        (language == .nl ? "Acties per prioriteit: " : "Actions per priority: ")
            + priorities.map { priority in
                priority.label.text(in: language) + " "
                    + Action.Status.allCases.filter { priority.count($0) > 0 }.map { "\($0.name.text(in: language)) \(priority.count($0))" }
                    .joined(separator: ", ")
            }
            .joined(separator: "; ") + "."
    }

    func periodLine(_ language: Language) -> String {
        let nl = language == .nl
        return nl
            ? "Periode \(language.longDate(period.start)) tot en met \(language.longDate(period.end)); wijzigingen sinds \(language.longDate(period.since)). Opgemaakt op \(language.longDate(today))."
            : "Period \(language.longDate(period.start)) to \(language.longDate(period.end)); changes since \(language.longDate(period.since)). Made on \(language.longDate(today))."
    }

    func nextLine(_ language: Language) -> String {
        let nl = language == .nl
        guard let next = period.next else {
            return nl
                ? "Dit is het laatste verslag van \(period.year). Hierna volgt de evaluatie, en daarmee het programma voor \(period.year + 1)."
                : "This is the last report of \(period.year). The evaluation follows, and with it the programme for \(period.year + 1)."
        }
        let when = language.monthAndYear(next, period.year)
        return nl ? "Het volgende verslag gaat over de stand eind \(when)." : "The next report gives the state at the end of \(when)."
    }

    func label(_ priority: String, _ language: Language) -> String {
        priorities.first { $0.priority == priority }?.label.text(in: language) ?? priority
    }

    func measure(_ value: Goal.Measure?, _ language: Language) -> String {
        value?.text(in: language) ?? "–"
    }

    func euro(_ amount: Int, _ language: Language) -> String { "€\u{00A0}" + language.grouped(amount) }

    func share(_ part: Int, of whole: Int, _ language: Language) -> String {
        whole > 0 ? language.percent(Double(part) / Double(whole)) : "–"
    }

    func date(_ milestone: Milestone, _ language: Language) -> String {
        milestone.date(forProgrammeYear: period.year).map { language.longDate($0) } ?? ""
    }

    func longDate(_ text: String, _ language: Language) -> String {
        CalendarDate(text).map { language.longDate($0) } ?? text
    }

    func monthText(_ month: String, _ language: Language) -> String {
        guard let date = CalendarDate(month + "-01") else { return month }
        return language.monthAndYear(date.month, date.year)
    }

    /// `2027-02-01: loopt — Gestart`.
    func change(_ change: Change, _ language: Language) -> String {
        var text = change.date
        if let status = change.status { text += ": " + status.name.text(in: language) }
        if let spent = change.spent { text += (language == .nl ? ", uitgegeven " : ", spent ") + euro(spent, language) }
        if !change.note.isEmpty { text += " — " + change.note }
        return text
    }

    func notFeasibleText(_ action: Action, _ language: Language) -> String {
        let nl = language == .nl
        guard let notFeasible = action.notFeasible else {
            return action.status == .lapsed ? (nl ? "vervallen." : "lapsed.") : (nl ? "geen reden vastgelegd." : "no reason recorded.")
        }
        var reason = notFeasible.reason.text(in: language)
        if !reason.hasSuffix(".") { reason += "." }
        if let alternative = notFeasible.alternative?.text(in: language) {
            reason += (nl ? " In plaats daarvan: " : " Instead: ") + alternative + (alternative.hasSuffix(".") ? "" : ".")
        }
        return reason
    }
}

extension String {
    /// `Veiligheid` → `veiligheid`, for a label inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
