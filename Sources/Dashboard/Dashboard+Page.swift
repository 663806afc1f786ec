public import Programme
public import WijkpeilCore

extension Dashboard {
    /// The page: a section per question, each with a chart and its figures in a table beside it
    /// (for screen readers, and for whoever prefers numbers); printable on A4.
    public func document(language: Language) -> ReportDocument {
        let nl = language == .nl
        var document = ReportDocument(title: nl ? "Dashboard \(wijk) \(year)" : "Dashboard \(wijk) \(year)")
        document.add(
            .paragraph(
                nl
                    ? "Voor de gemeenteraad: vijf vragen over het wijkprogramma, met de cijfers erbij. Stand op \(language.longDate(today))."
                    : "For the council: five questions about the neighbourhood programme, with the figures. As of \(language.longDate(today))."))

        // Trust.
        document.add(.heading(level: 2, text: nl ? "Is er vertrouwen?" : "Is there trust?"))
        if trust.isEmpty {
            document.add(.paragraph(nl ? "Geen evaluatie-enquête gegeven (--evaluation)." : "No evaluation survey given (--evaluation)."))
        } else {
            var rows: [HorizontalBars.Row] = []
            for wave in trust {
                rows.append(.init(label: wave.label + (nl ? " geïnformeerd" : " informed"), value: wave.informed.value ?? 0, text: percent(wave.informed, language)))
                rows.append(
                    .init(label: wave.label + (nl ? " ziet resultaat" : " sees results"), value: wave.visible.value ?? 0, text: percent(wave.visible, language), colour: "#4c9a5f"))
            }
            document.add(.figure(svg: HorizontalBars(rows: rows, maximum: 1, description: trustWords(language)).svg, text: trustWords(language)))
            document.add(
                .table(
                    header: nl ? ["meting", "antwoorden", "voelt zich geïnformeerd", "ziet resultaten"] : ["wave", "responses", "feels informed", "sees results"],
                    rows: trust.map { [$0.label, String($0.responses), percent($0.informed, language), percent($0.visible, language)] }, numeric: [1, 2, 3]))
            if let latest = trust.last, !latest.perBuurt.isEmpty {
                let previous = trust.count > 1 ? trust[trust.count - 2] : nil
                document.add(
                    .table(
                        header: nl
                            ? ["buurt", "geïnformeerd \(latest.label)", previous.map { "vorige (\($0.label))" } ?? "vorige", "ziet resultaten \(latest.label)", "vorige"]
                            : ["buurt", "informed \(latest.label)", previous.map { "previous (\($0.label))" } ?? "previous", "sees results \(latest.label)", "previous"],
                        rows: latest.perBuurt.keys.sorted().map { buurt in
                            let now = latest.perBuurt[buurt]!, before = previous?.perBuurt[buurt]
                            return [
                                buurt, percent(now.informed, language), before.map { percent($0.informed, language) } ?? "–", percent(now.visible, language),
                                before.map { percent($0.visible, language) } ?? "–",
                            ]
                        }, numeric: [1, 2, 3, 4]))
            }
        }

        // Movement.
        document.add(.heading(level: 2, text: nl ? "Is er beweging?" : "Is there movement?"))
        if movement.isEmpty && evenings.isEmpty {
            document.add(.paragraph(nl ? "Geen analyse of stickeruitslag gegeven." : "No analysis or sticker tally given."))
        } else {
            let rows =
                movement.map { HorizontalBars.Row(label: (nl ? "enquête " : "survey ") + $0.label, value: Double($0.respondents), text: String($0.respondents)) }
                + evenings.map {
                    HorizontalBars.Row(label: $0.session, value: Double($0.participants), text: String($0.participants), colour: "#d9a441")
                }
            let most = Double(rows.map(\.value).max() ?? 1)
            document.add(.figure(svg: HorizontalBars(rows: rows, maximum: most, description: movementWords(language)).svg, text: movementWords(language)))
            if !movement.isEmpty {
                document.add(
                    .table(
                        header: nl
                            ? ["meting", "respondenten", "per kanaal", "wil meedoen", "ondervertegenwoordigd"]
                            : ["wave", "respondents", "per channel", "willing to help", "under-represented"],
                        rows: movement.map { wave in
                            [
                                wave.label, String(wave.respondents),
                                wave.channels.keys.sorted().map { "\(channelName($0, language)): \(wave.channels[$0]!)" }.joined(separator: ", "),
                                wave.willing.map { percent($0, language) } ?? "–", wave.underRepresented.isEmpty ? "–" : wave.underRepresented.joined(separator: ", "),
                            ]
                        }, numeric: [1]))
            }
            if !evenings.isEmpty {
                document.add(
                    .table(
                        header: nl ? ["bewonersavond", "deelnemers", "stickers"] : ["resident evening", "participants", "stickers"],
                        rows: evenings.map { [$0.session, String($0.participants), String($0.stickers)] }, numeric: [1, 2]))
            }
        }

        // Results.
        document.add(.heading(level: 2, text: nl ? "Welke resultaten?" : "Which results?"))
        document.add(.figure(svg: progress.statusChart(language: language), text: progress.chartWords(language)))
        document.add(
            .list([
                (nl ? "Acties: " : "Actions: ") + progress.actionCounts.map { "\($0.status.name.text(in: language)) \($0.count)" }.joined(separator: ", ")
                    + (nl ? "; achter op schema: " : "; behind schedule: ") + (actionsBehind.isEmpty ? "0" : actionsBehind.map(\.id).joined(separator: ", ")) + ".",
                (nl ? "Doelen: " : "Goals: ") + progress.goalCounts.map { "\($0.status.name.text(in: language)) \($0.count)" }.joined(separator: ", ") + ".",
            ]))
        document.add(
            .table(
                header: nl ? ["doel", "nulmeting", "nu", "streefwaarde", "stand"] : ["goal", "baseline", "now", "target", "status"],
                rows: progress.priorities.flatMap(\.goals).map { goal in
                    [
                        goal.goal.text.text(in: language), measure(goal.goal.baseline, language), measure(goal.now, language), measure(goal.goal.target, language),
                        goal.status.name.text(in: language),
                    ]
                }))

        // Schedule.
        document.add(.heading(level: 2, text: nl ? "Liggen we op schema?" : "Are we on schedule?"))
        let overdue = milestones.filter { $0.state == .overdue }.count
        let scheduleRows: [HorizontalBars.Row] = [
            .init(
                label: nl ? "mijlpalen gedaan" : "milestones done", value: Double(milestones.filter { $0.state == .done }.count),
                text: String(milestones.filter { $0.state == .done }.count), colour: "#1e6b35"),
            .init(label: nl ? "mijlpalen te laat" : "milestones overdue", value: Double(overdue), text: String(overdue), colour: "#b5483b"),
            .init(
                label: nl ? "toezeggingen open" : "commitments open", value: Double(progress.openCommitments.count),
                text: progress.registerConsulted ? String(progress.openCommitments.count) : "–"),
            .init(
                label: nl ? "toezeggingen te laat" : "commitments overdue", value: Double(progress.overdueCommitments),
                text: progress.registerConsulted ? String(progress.overdueCommitments) : "–", colour: "#b5483b"),
        ]
        let scheduleMost = Double(max(1, milestones.count, progress.openCommitments.count))
        document.add(.figure(svg: HorizontalBars(rows: scheduleRows, maximum: scheduleMost, description: scheduleWords(language)).svg, text: scheduleWords(language)))
        document.add(
            .table(
                header: nl ? ["mijlpaal", "datum", "stand"] : ["milestone", "date", "status"],
                rows: milestones.map { entry in
                    [
                        entry.milestone.text.text(in: language), entry.milestone.date(forProgrammeYear: year).map { language.longDate($0) } ?? "–",
                        entry.state.name.text(in: language),
                    ]
                }))

        // The right things.
        document.add(.heading(level: 2, text: nl ? "Doen we de goede dingen?" : "Do we do the right things?"))
        document.add(
            .table(
                header: nl ? ["prioriteit", "besluit van de raad", "waarom", "datum"] : ["priority", "the council's decision", "why", "date"],
                rows: decisions.map { entry in
                    [
                        entry.label.text(in: language), entry.decision?.verdict.name.text(in: language) ?? (nl ? "nog geen besluit" : "no decision yet"),
                        entry.decision?.reason ?? "–", entry.decision?.date ?? "–",
                    ]
                }))
        return document
    }

    public func html(language: Language) -> String { document(language: language).html(language: language) }

    // MARK: Data

    /// The figures of the page under `trust`, `movement`, `results`, `schedule` and `rightThings`.
    public var jsonValue: JSONValue {
        func share(_ share: Share) -> JSONValue {
            .object(["yes": .number(Double(share.yes)), "of": .number(Double(share.of)), "share": share.value.map { .number($0) } ?? .null])
        }
        func measure(_ value: Goal.Measure?) -> JSONValue { value?.jsonValue ?? .null }
        return .object([
            "wijk": .string(wijk), "year": .number(Double(year)), "today": .string(today.description),
            "trust": .array(
                trust.map { wave in
                    .object([
                        "wave": .string(wave.label), "responses": .number(Double(wave.responses)), "informed": share(wave.informed), "resultsVisible": share(wave.visible),
                        "perBuurt": .object(wave.perBuurt.mapValues { .object(["informed": share($0.informed), "resultsVisible": share($0.visible)]) }),
                    ])
                }),
            "movement": .object([
                "waves": .array(
                    movement.map { wave in
                        .object([
                            "wave": .string(wave.label), "respondents": .number(Double(wave.respondents)),
                            "channels": .object(wave.channels.mapValues { .number(Double($0)) }), "willing": wave.willing.map(share) ?? .null,
                            "underRepresented": .array(wave.underRepresented.map { .string($0) }),
                        ])
                    }),
                "evenings": .array(
                    evenings.map { .object(["session": .string($0.session), "participants": .number(Double($0.participants)), "stickers": .number(Double($0.stickers))]) }),
            ]),
            "results": .object([
                "actions": .object(Dictionary(uniqueKeysWithValues: progress.actionCounts.map { ($0.status.rawValue, JSONValue.number(Double($0.count))) })),
                "behind": .array(actionsBehind.map { .string($0.id) }),
                "goals": .array(
                    progress.priorities.flatMap(\.goals).map { goal in
                        .object([
                            "id": .string(goal.goal.id), "baseline": measure(goal.goal.baseline), "now": measure(goal.now), "target": measure(goal.goal.target),
                            "status": .string(goal.status.rawValue),
                        ])
                    }),
            ]),
            "schedule": .object([
                "milestones": .array(milestones.map { .object(["id": .string($0.milestone.id), "state": .string($0.state.rawValue)]) }),
                "commitmentsOpen": progress.registerConsulted ? .number(Double(progress.openCommitments.count)) : .null,
                "commitmentsOverdue": progress.registerConsulted ? .number(Double(progress.overdueCommitments)) : .null,
            ]),
            "rightThings": .array(
                decisions.map { entry in
                    .object([
                        "priority": .string(entry.priority), "decision": entry.decision.map { .string($0.verdict.rawValue) } ?? .null,
                        "reason": entry.decision.map { .string($0.reason) } ?? .null, "date": entry.decision.map { .string($0.date) } ?? .null,
                    ])
                }),
        ])
    }

    // MARK: Words

    func percent(_ share: Share, _ language: Language) -> String {
        share.value.map { "\(language.percent($0)) (\(share.yes)/\(share.of))" } ?? "–"
    }

    func measure(_ value: Goal.Measure?, _ language: Language) -> String {
        value?.text(in: language) ?? "–"
    }

    func channelName(_ channel: String, _ language: Language) -> String {
        let nl = language == .nl
        switch channel {
        case "web": return nl ? "online" : "online"
        case "paper": return nl ? "papier" : "paper"
        case "file": return nl ? "via een bestand" : "from a file"
        case "api": return "API"
        default: return channel
        }
    }

    func trustWords(_ language: Language) -> String {
        let nl = language == .nl
        return trust.map { wave in
            nl
                ? "\(wave.label): \(percent(wave.informed, language)) voelt zich geïnformeerd, \(percent(wave.visible, language)) ziet resultaten"
                : "\(wave.label): \(percent(wave.informed, language)) feel informed, \(percent(wave.visible, language)) see results"
        }
        .joined(separator: "; ") + "."
    }

    func movementWords(_ language: Language) -> String {
        let nl = language == .nl
        let waves = movement.map { (nl ? "enquête \($0.label): \($0.respondents) respondenten" : "survey \($0.label): \($0.respondents) respondents") }
        let nights = evenings.map { (nl ? "\($0.session): \($0.participants) deelnemers" : "\($0.session): \($0.participants) participants") }
        return (waves + nights).joined(separator: "; ") + "."
    }

    func scheduleWords(_ language: Language) -> String {
        let nl = language == .nl
        let done = milestones.filter { $0.state == .done }.count, overdue = milestones.filter { $0.state == .overdue }.count
        var text = nl ? "\(done) mijlpalen gedaan, \(overdue) te laat" : "\(done) milestones done, \(overdue) overdue"
        if progress.registerConsulted {
            text +=
                nl
                ? "; \(progress.openCommitments.count) toezeggingen open, \(progress.overdueCommitments) te laat"
                : "; \(progress.openCommitments.count) commitments open, \(progress.overdueCommitments) overdue"
        }
        return text + "."
    }
}
