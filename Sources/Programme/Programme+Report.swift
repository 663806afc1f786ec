public import WijkpeilCore
import Participation

/// What residents (and the statistics) said about one priority, as the agenda weighed it: so that
/// every action can be traced back to it ("U vroeg om … Dit gebeurt: …").
public struct PriorityEvidence: Sendable, Hashable {
    public var theme: String
    public var label: LocalizedText
    /// The theme's share of the support stickers, 0…1.
    public var stickers: Double?
    /// The share of respondents who named it first, 0…1.
    public var mentions: Double?
    /// The share of respondents dissatisfied with it, 0…1.
    public var dissatisfied: Double?
    /// How far its indicators are worse than their reference (the mean gap, clamped to 0…1).
    public var indicatorGap: Double?
    /// Added by the council, apart from the residents' priorities; with its reason.
    public var councilReason: String?

    public init(
        theme: String, label: LocalizedText, stickers: Double? = nil, mentions: Double? = nil, dissatisfied: Double? = nil,
        indicatorGap: Double? = nil, councilReason: String? = nil
    ) {
        self.theme = theme
        self.label = label
        self.stickers = stickers
        self.mentions = mentions
        self.dissatisfied = dissatisfied
        self.indicatorGap = indicatorGap
        self.councilReason = councilReason
    }

    /// One sentence: "Bewoners: 18% van de stickers, 76% noemde het als eerste, 50% ontevreden;
    /// de cijfers zijn slechter dan de stad."
    public func sentence(in language: Language) -> String {
        let nl = language == .nl
        var parts: [String] = []
        if let stickers { parts.append(nl ? "\(language.percent(stickers)) van de stickers" : "\(language.percent(stickers)) of the stickers") }
        if let mentions { parts.append(nl ? "\(language.percent(mentions)) noemde het als eerste" : "\(language.percent(mentions)) named it first") }
        if let dissatisfied { parts.append(nl ? "\(language.percent(dissatisfied)) ontevreden" : "\(language.percent(dissatisfied)) dissatisfied") }
        var text = parts.isEmpty ? "" : (nl ? "Bewoners: " : "Residents: ") + parts.joined(separator: ", ")
        if let indicatorGap, indicatorGap > 0 {
            text += (text.isEmpty ? "" : "; ") + (nl ? "de cijfers zijn slechter dan de vergelijking" : "the statistics are worse than the comparison")
        }
        if var reason = councilReason {
            if reason.hasSuffix(".") { reason.removeLast() }
            let lead = nl ? "speerpunt van de raad: " : "the council's priority: "
            text += text.isEmpty ? lead.prefix(1).uppercased() + lead.dropFirst() + reason : "; " + lead + reason
        }
        return text.isEmpty ? "" : text + "."
    }

    public var jsonValue: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        return .object([
            "theme": .string(theme), "label": label.jsonValue, "stickers": number(stickers), "mentions": number(mentions),
            "dissatisfied": number(dissatisfied), "indicatorGap": number(indicatorGap),
            "byCouncil": .bool(councilReason != nil), "councilReason": councilReason.map { .string($0) } ?? .null,
        ])
    }
}

extension Programme {
    /// The priorities in the order of the goals, each with its goals and its actions (an action
    /// serving goals under two priorities stands under the first).
    public var byPriority: [(priority: String, goals: [Goal], actions: [Action])] {
        var order: [String] = []
        for goal in goals where !order.contains(goal.priority) { order.append(goal.priority) }
        return order.map { priority in
            (
                priority, goals.filter { $0.priority == priority },
                actions.filter { action in goal(action.goals.first ?? "")?.priority == priority }
            )
        }
    }

    /// The years an action runs, from its start and end: `2027` or `2027–2028`.
    static func years(_ action: Action, default year: Int) -> String {
        let first = action.start.map { String($0.prefix(4)) } ?? String(year)
        let last = action.end.map { String($0.prefix(4)) } ?? first
        return first == last ? first : "\(first)–\(last)"
    }

    /// What a reader should know beside the cost: not feasible and why, carried over, a quick win,
    /// decided by residents.
    static func remarks(_ action: Action, language: Language) -> String {
        let nl = language == .nl
        var parts: [String] = [action.status.name.text(in: language)]
        if let notFeasible = action.notFeasible, action.status == .notFeasible {
            var reason = notFeasible.reason.text(in: language)
            if reason.hasSuffix(".") { reason.removeLast() }
            parts.append(reason)
            if let alternative = notFeasible.alternative { parts.append((nl ? "in plaats daarvan: " : "instead: ") + alternative.text(in: language)) }
        }
        if let from = action.carriedFrom { parts.append(nl ? "uit \(from)" : "from \(from)") }
        if action.quickWin { parts.append(nl ? "snel zichtbaar" : "quick win") }
        if action.level == .codecide { parts.append(nl ? "bewoners beslissen (\(action.vote ?? "?"))" : "residents decide (\(action.vote ?? "?"))") }
        if action.kind == .recurring { parts.append(nl ? "elk jaar" : "every year") }
        return parts.joined(separator: "; ")
    }

    /// The header of the annex-8 table.
    public static func annexHeader(language: Language) -> [String] {
        language == .nl
            ? ["speerpunt", "doelen", "actie", "geraamde kosten", "jaar", "verantwoordelijk", "opmerkingen"]
            : ["priority", "goals", "action", "estimated cost", "year", "responsible", "remarks"]
    }

    /// Almelo's annex 8 as rows: priority | goals | chosen action | estimated cost | year |
    /// responsible | remarks; one row per action.
    public func annexRows(language: Language) -> [[String]] {
        var rows: [[String]] = []
        for group in byPriority {
            for action in group.actions {
                let goalTexts = action.goals.compactMap { goal($0)?.text.text(in: language) }.joined(separator: "; ")
                rows.append([
                    group.priority, goalTexts, action.title.text(in: language), String(action.cost), Self.years(action, default: year),
                    action.owner, Self.remarks(action, language: language),
                ])
            }
        }
        return rows
    }

    /// The totals line: actions counted against the limit, cost against the budget.
    public func totals(language: Language) -> String {
        let counted = countedActions.count
        return language == .nl
            ? "\(actions.count) acties, waarvan \(counted) meetellen (maximaal \(maxActions)); geraamd € \(Language.nl.grouped(totalCost)) van een budget van € \(Language.nl.grouped(budget.total))"
            : "\(actions.count) actions, \(counted) counted (at most \(maxActions)); estimated € \(Language.en.grouped(totalCost)) of a budget of € \(Language.en.grouped(budget.total))"
    }

    /// The programme as Markdown, in the layout of Almelo's annex 8, each priority with what
    /// residents said about it.
    public func markdown(evidence: [String: PriorityEvidence], language: Language) -> String {
        let nl = language == .nl
        func cell(_ text: String) -> String { text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ") }
        var text = "# " + (nl ? "Wijkprogramma \(wijk) \(year)" : "Neighbourhood programme \(wijk) \(year)") + "\n\n"
        text += totals(language: language) + ".\n"
        for group in byPriority {
            let label = evidence[group.priority]?.label.text(in: language) ?? group.priority
            text += "\n## \(label)\n\n"
            if let sentence = evidence[group.priority]?.sentence(in: language), !sentence.isEmpty { text += sentence + "\n\n" }
            for goal in group.goals {
                text += "- " + (nl ? "Doel" : "Goal") + " \(goal.id): \(goal.text.text(in: language))" + Self.measures(goal, language: language) + "\n"
            }
            guard !group.actions.isEmpty else {
                text += "\n" + (nl ? "Nog geen acties." : "No actions yet.") + "\n"
                continue
            }
            let header = Self.annexHeader(language: language).dropFirst()
            text += "\n| " + header.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: header.count) + "\n"
            for row in annexRows(language: language) where row[0] == group.priority {
                var cells = Array(row.dropFirst())
                cells[2] = "€ " + language.grouped(Int(cells[2]) ?? 0)
                text += "| " + cells.map(cell).joined(separator: " | ") + " |\n"
            }
        }
        return text
    }

    /// The same as a printable page: A4 landscape, a table per priority.
    public func html(evidence: [String: PriorityEvidence], language: Language) -> String {
        let nl = language == .nl
        let title = nl ? "Wijkprogramma \(wijk) \(year)" : "Neighbourhood programme \(wijk) \(year)"
        var body = "<h1>\(Markup.escape(title))</h1>\n<p>\(Markup.escape(totals(language: language))).</p>\n"
        let header = Self.annexHeader(language: language).dropFirst()
        for group in byPriority {
            let label = evidence[group.priority]?.label.text(in: language) ?? group.priority
            body += "<section>\n<h2>\(Markup.escape(label))</h2>\n"
            if let sentence = evidence[group.priority]?.sentence(in: language), !sentence.isEmpty {
                body += "<p class=\"said\">\(Markup.escape(sentence))</p>\n"
            }
            body += "<ul class=\"goals\">"
            for goal in group.goals {
                body += "<li><strong>\(Markup.escape(goal.text.text(in: language)))</strong>\(Markup.escape(Self.measures(goal, language: language)))</li>"
            }
            body += "</ul>\n"
            if group.actions.isEmpty {
                body += "<p>\(nl ? "Nog geen acties." : "No actions yet.")</p>\n</section>\n"
                continue
            }
            body += "<div class=\"scroll\" tabindex=\"0\"><table><thead><tr>" + header.map { "<th scope=\"col\">\(Markup.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            for row in annexRows(language: language) where row[0] == group.priority {
                var cells = Array(row.dropFirst())
                cells[2] = "€ " + language.grouped(Int(cells[2]) ?? 0)
                let labels = Array(header)
                body +=
                    "<tr>"
                    + cells.enumerated().map { index, cell in
                        let label = "data-label=\"\(Markup.escape(labels[index]))\""
                        return index == 1 ? "<th scope=\"row\" \(label)>\(Markup.escape(cell))</th>" : "<td \(label)>\(Markup.escape(cell))</td>"
                    }
                    .joined() + "</tr>"
            }
            body += "</tbody></table></div>\n</section>\n"
        }
        return Markup.page(
            title: title, language: language, maxWidth: "72rem",
            style: """
                @page { size: A4 landscape; margin: 12mm; }
                table { width: 100%; font-size: .9rem; } td:nth-child(3) { white-space: nowrap; text-align: right; }
                .said { background: #eef4f8; border-left: 6px solid #1b4f72; padding: .5rem .75rem; }
                h2, .said, .goals { break-after: avoid; } tr { break-inside: avoid; }
                @media print { .scroll { overflow: visible; } body { max-width: none; } }
                @media screen and (max-width: 40rem) {
                  table, thead, tbody, tr, th, td { display: block; } thead { position: absolute; left: -9999px; }
                  tr { border: 1px solid #999; margin-bottom: .75rem; } th, td { border: 0; }
                  td::before, th::before { content: attr(data-label) ": "; font-weight: normal; color: #444; }
                  td:nth-child(3) { text-align: left; }
                }
                """, body: body)
    }

    /// ` (nu 6,8 in 2026; doel 5 in 2028; wijkmanager)`, leaving out what is unknown.
    static func measures(_ goal: Goal, language: Language) -> String {
        let nl = language == .nl
        var parts: [String] = []
        if let baseline = goal.baseline { parts.append((nl ? "nu " : "now ") + "\(language.number(baseline.value)) (\(baseline.year))") }
        if let target = goal.target { parts.append((nl ? "doel " : "target ") + "\(language.number(target.value)) (\(target.year))") }
        if let owner = goal.owner { parts.append(owner) }
        if let indicator = goal.indicator, !parts.isEmpty { parts.insert(indicator, at: 0) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// Each priority with what residents said, its goals and its actions: the programme traced
    /// back to residents, for the JSON of `programme show` and the progress reports after it.
    public func tracedJSON(evidence: [String: PriorityEvidence]) -> JSONValue {
        .array(
            byPriority.map { group in
                .object([
                    "priority": .string(group.priority), "evidence": evidence[group.priority]?.jsonValue ?? .null,
                    "goals": .array(group.goals.map { .string($0.id) }), "actions": .array(group.actions.map { .string($0.id) }),
                ])
            })
    }
}
