public import WijkpeilCore
import Participation

extension Programme {
    /// The programme file (docs/formats.md pins it). Fields without a value are written as null,
    /// so every field of the format is visible to whoever edits the file by hand.
    public var jsonValue: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        func measure(_ value: Goal.Measure?) -> JSONValue { value?.jsonValue ?? .null }
        let goals: [JSONValue] = goals.map { goal in
            .object([
                "id": .string(goal.id), "priority": .string(goal.priority), "text": goal.text.jsonValue,
                "indicator": optional(goal.indicator), "baseline": measure(goal.baseline), "target": measure(goal.target),
                "owner": optional(goal.owner),
            ])
        }
        let actions: [JSONValue] = actions.map { action in
            .object([
                "id": .string(action.id), "title": action.title.jsonValue, "goals": .array(action.goals.map { .string($0) }),
                "kind": .string(action.kind.rawValue), "follows": optional(action.follows),
                "carriedFrom": action.carriedFrom.map { .number(Double($0)) } ?? .null,
                "countsTowardsLimit": .bool(action.countsTowardsLimit), "owner": .string(action.owner),
                "partners": .array(action.partners.map { .string($0) }), "level": .string(action.level.rawValue),
                "step": optional(action.step), "vote": optional(action.vote), "scale": .string(action.scale.rawValue),
                "buurt": optional(action.buurt), "cost": .number(Double(action.cost)),
                "spent": action.spent.map { .number(Double($0)) } ?? .null, "start": optional(action.start),
                "end": optional(action.end), "status": .string(action.status.rawValue),
                "notFeasible": action.notFeasible.map {
                    .object(["reason": $0.reason.jsonValue, "alternative": $0.alternative?.jsonValue ?? .null])
                } ?? .null,
                "quickWin": .bool(action.quickWin), "history": .array(action.history.map(\.jsonValue)),
            ])
        }
        let calendar: [JSONValue] = calendar.map { milestone in
            .object([
                "id": .string(milestone.id), "month": .number(Double(milestone.month)), "day": .number(Double(milestone.day)),
                "text": milestone.text.jsonValue, "done": optional(milestone.done),
            ])
        }
        return .object([
            "id": .string(id), "wijk": .string(wijk), "year": .number(Double(year)),
            "agenda": .object(["file": .string(agenda.file), "sha256": .string(agenda.sha256)]),
            "budget": .object(["total": .number(Double(budget.total)), "currency": .string(budget.currency)]),
            "maxActions": .number(Double(maxActions)), "buurten": .array(buurten.map { .string($0) }),
            "goals": .array(goals), "actions": .array(actions), "calendar": .array(calendar),
            "decisions": .array(
                decisions.map { decision in
                    .object([
                        "priority": .string(decision.priority), "decision": .string(decision.verdict.rawValue), "reason": .string(decision.reason),
                        "date": .string(decision.date), "by": .string(decision.by),
                    ])
                }),
        ])
    }

    /// Reads a programme file; every problem is reported at its JSON path, and a file that is not
    /// a programme at all gets one finding saying how to make one.
    public static func read(_ json: JSONValue, file: String) throws(InvalidInput) -> Programme {
        var findings = Findings()
        func fail() -> InvalidInput { InvalidInput(findings.inFile(file)) }
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { throw fail() }
        guard reader.has("goals"), reader.has("actions"), reader.has("agenda") else {
            findings.error(
                "not-a-programme", at: reader.path.location,
                nl: "dit is geen wijkprogramma; maak er een met wijkpeil programme draft --agenda AGENDA.json --out PROGRAMMA.json",
                en: "this is not a neighbourhood programme; make one with wijkpeil programme draft --agenda AGENDA.json --out PROGRAMME.json")
            throw fail()
        }
        reader.warnUnknownKeys(
            allowed: ["id", "wijk", "year", "agenda", "budget", "maxActions", "buurten", "goals", "actions", "calendar", "decisions"],
            findings: &findings)
        let id = reader.string("id", required: true, findings: &findings) ?? ""
        let wijk = reader.string("wijk", required: true, findings: &findings) ?? ""
        let year = reader.integer("year", required: true, findings: &findings) ?? 0
        var agenda = AgendaReference(file: "", sha256: "")
        if let object = reader.object("agenda", required: true, findings: &findings) {
            agenda.file = object.string("file", required: true, findings: &findings) ?? ""
            agenda.sha256 = object.string("sha256", required: true, findings: &findings) ?? ""
        }
        var budget = Budget(total: 0)
        if let object = reader.object("budget", required: true, findings: &findings) {
            budget.total = object.integer("total", required: true, findings: &findings) ?? 0
            budget.currency = object.string("currency", findings: &findings) ?? "EUR"
            if budget.total < 0 {
                findings.error("negative-budget", at: object.path.appending("total").location, nl: "een budget is 0 of meer", en: "a budget is 0 or more")
            }
        }
        let maxActions = reader.integer("maxActions", findings: &findings) ?? defaultMaxActions
        let buurten = reader.identifiers("buurten", findings: &findings) ?? []
        var goals: [Goal] = []
        for (index, element) in (reader.array("goals", required: true, findings: &findings) ?? []).enumerated() {
            if let goal = readGoal(element, at: reader.path.appending("goals").appending(index), findings: &findings) { goals.append(goal) }
        }
        var actions: [Action] = []
        for (index, element) in (reader.array("actions", required: true, findings: &findings) ?? []).enumerated() {
            if let action = readAction(element, at: reader.path.appending("actions").appending(index), findings: &findings) { actions.append(action) }
        }
        var calendar: [Milestone] = []
        if let elements = reader.array("calendar", findings: &findings) {
            for (index, element) in elements.enumerated() {
                let path = reader.path.appending("calendar").appending(index)
                guard let item = JSONObjectReader(element, at: path, findings: &findings),
                    let id = item.identifier("id", required: true, findings: &findings),
                    let month = item.integer("month", required: true, findings: &findings),
                    let day = item.integer("day", required: true, findings: &findings),
                    let text = item.localizedText("text", required: true, findings: &findings)
                else { continue }
                let done = date(item, "done", findings: &findings)
                if CalendarDate(year: 2024, month: month, day: day) == nil {
                    findings.error(
                        "invalid-date", at: path.location, nl: "maand \(month), dag \(day) is geen dag van het jaar",
                        en: "month \(month), day \(day) is not a day of the year")
                }
                calendar.append(Milestone(id: id, month: month, day: day, text: text, done: done))
            }
        } else {
            calendar = Milestone.wijkakkoord
        }
        var decisions: [PriorityDecision] = []
        let priorities = Set(goals.map(\.priority))
        for (index, element) in (reader.array("decisions", findings: &findings) ?? []).enumerated() {
            let path = reader.path.appending("decisions").appending(index)
            guard let item = JSONObjectReader(element, at: path, findings: &findings) else { continue }
            item.warnUnknownKeys(allowed: ["priority", "decision", "reason", "date", "by"], findings: &findings)
            guard let priority = item.string("priority", required: true, findings: &findings),
                let verdict = choice(item, "decision", as: PriorityDecision.Verdict.self, findings: &findings),
                let reason = item.string("reason", required: true, findings: &findings),
                let date = date(item, "date", required: true, findings: &findings),
                let by = item.string("by", required: true, findings: &findings)
            else { continue }
            if !priorities.contains(priority) {
                findings.error(
                    "unknown-priority", at: path.appending("priority").location, nl: "geen doel staat onder de prioriteit \(priority)",
                    en: "no goal stands under the priority \(priority)")
            }
            decisions.append(PriorityDecision(priority: priority, verdict: verdict, reason: reason, date: date, by: by))
        }
        guard !findings.hasErrors else { throw fail() }
        return Programme(
            id: id, wijk: wijk, year: year, agenda: agenda, budget: budget, maxActions: maxActions, buurten: buurten, goals: goals,
            actions: actions, calendar: calendar, decisions: decisions)
    }

    /// A key that names a goal or an action: letters, digits, `-`, `_` or `.`, as in `A-01`.
    static func isKey(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    private static func key(_ reader: JSONObjectReader, _ field: String, findings: inout Findings) -> String? {
        guard let text = reader.string(field, required: true, findings: &findings) else { return nil }
        guard isKey(text) else {
            findings.error(
                "invalid-key", at: reader.path.appending(field).location,
                nl: "\"\(text)\" is geen geldige sleutel; gebruik letters, cijfers en '-', zoals A-01",
                en: "\"\(text)\" is not a valid key; use letters, digits and '-', such as A-01")
            return nil
        }
        return text
    }

    private static func date(_ reader: JSONObjectReader, _ field: String, required: Bool = false, findings: inout Findings) -> String? {
        guard let text = reader.string(field, required: required, findings: &findings) else { return nil }
        guard CalendarDate(text) != nil else {
            findings.error(
                "invalid-date", at: reader.path.appending(field).location,
                nl: "\"\(text)\" is geen datum; schrijf JJJJ-MM-DD, zoals 2026-12-03", en: "\"\(text)\" is not a date; write YYYY-MM-DD, such as 2026-12-03")
            return nil
        }
        return text
    }

    /// `YYYY-MM`, a month of the plan.
    static func isMonth(_ text: String) -> Bool { CalendarDate(text + "-01") != nil }

    private static func month(_ reader: JSONObjectReader, _ field: String, findings: inout Findings) -> String? {
        guard let text = reader.string(field, findings: &findings) else { return nil }
        guard isMonth(text) else {
            findings.error(
                "invalid-month", at: reader.path.appending(field).location,
                nl: "\"\(text)\" is geen maand; schrijf JJJJ-MM, zoals 2027-01", en: "\"\(text)\" is not a month; write YYYY-MM, such as 2027-01")
            return nil
        }
        return text
    }

    private static func choice<Value: RawRepresentable & CaseIterable>(
        _ reader: JSONObjectReader, _ field: String, as: Value.Type, required: Bool = true, findings: inout Findings
    ) -> Value? where Value.RawValue == String {
        guard let text = reader.string(field, required: required, findings: &findings) else { return nil }
        guard let value = Value(rawValue: text) else {
            let known = Value.allCases.map(\.rawValue)
            findings.error(
                "unknown-\(field)", at: reader.path.appending(field).location,
                nl: "onbekende waarde \"\(text)\"; kies uit \(known.joined(separator: ", "))",
                en: "unknown value \"\(text)\"; choose from \(known.joined(separator: ", "))")
            return nil
        }
        return value
    }

    private static func readGoal(_ element: JSONValue, at path: JSONPath, findings: inout Findings) -> Goal? {
        guard let item = JSONObjectReader(element, at: path, findings: &findings) else { return nil }
        item.warnUnknownKeys(allowed: ["id", "priority", "text", "indicator", "baseline", "target", "owner"], findings: &findings)
        func measure(_ field: String) -> Goal.Measure? {
            guard let object = item.object(field, findings: &findings),
                let value = object.number("value", required: true, findings: &findings),
                let year = object.integer("year", required: true, findings: &findings)
            else { return nil }
            return Goal.Measure(value: value, year: year)
        }
        guard let id = key(item, "id", findings: &findings),
            let priority = item.identifier("priority", required: true, findings: &findings),
            let text = item.localizedText("text", required: true, findings: &findings)
        else { return nil }
        return Goal(
            id: id, priority: priority, text: text, indicator: item.string("indicator", findings: &findings), baseline: measure("baseline"),
            target: measure("target"), owner: item.string("owner", findings: &findings))
    }

    private static func readAction(_ element: JSONValue, at path: JSONPath, findings: inout Findings) -> Action? {
        guard let item = JSONObjectReader(element, at: path, findings: &findings) else { return nil }
        item.warnUnknownKeys(
            allowed: [
                "id", "title", "goals", "kind", "follows", "carriedFrom", "countsTowardsLimit", "owner", "partners", "level", "step", "vote",
                "scale", "buurt", "cost", "spent", "start", "end", "status", "notFeasible", "quickWin", "history",
            ], findings: &findings)
        let errorsBefore = findings.errors.count
        let id = key(item, "id", findings: &findings)
        let title = item.localizedText("title", required: true, findings: &findings)
        var goals: [String] = []
        for (index, value) in (item.array("goals", required: true, findings: &findings) ?? []).enumerated() {
            guard case .string(let goal) = value, isKey(goal) else {
                findings.error("invalid-key", at: item.path.appending("goals").appending(index).location, nl: "hier hoort het id van een doel", en: "expected a goal's id")
                continue
            }
            goals.append(goal)
        }
        let kind = choice(item, "kind", as: Action.Kind.self, findings: &findings)
        let level = choice(item, "level", as: ParticipationLevel.self, findings: &findings)
        let scale = choice(item, "scale", as: Action.Scale.self, findings: &findings)
        let status = choice(item, "status", as: Action.Status.self, findings: &findings)
        let owner = item.string("owner", required: true, findings: &findings)
        let partners = (item.array("partners", findings: &findings) ?? []).compactMap { value -> String? in
            if case .string(let text) = value { text } else { nil }
        }
        let cost = item.integer("cost", required: true, findings: &findings)
        let spent = item.integer("spent", findings: &findings)
        if let spent, spent < 0 {
            findings.error("negative-cost", at: item.path.appending("spent").location, nl: "uitgegeven is 0 of meer", en: "spent is 0 or more")
        }
        var notFeasible: Action.NotFeasible?
        if let object = item.object("notFeasible", findings: &findings), let reason = object.localizedText("reason", required: true, findings: &findings) {
            notFeasible = Action.NotFeasible(reason: reason, alternative: object.localizedText("alternative", findings: &findings))
        }
        var history: [Change] = []
        for (index, value) in (item.array("history", findings: &findings) ?? []).enumerated() {
            let entryPath = item.path.appending("history").appending(index)
            guard let entry = JSONObjectReader(value, at: entryPath, findings: &findings),
                let date = date(entry, "date", required: true, findings: &findings),
                let by = entry.string("by", required: true, findings: &findings)
            else { continue }
            history.append(
                Change(
                    date: date, by: by, note: entry.string("note", findings: &findings) ?? "",
                    status: entry.has("status") ? choice(entry, "status", as: Action.Status.self, findings: &findings) : nil,
                    cost: entry.integer("cost", findings: &findings), spent: entry.integer("spent", findings: &findings),
                    owner: entry.string("owner", findings: &findings),
                    start: month(entry, "start", findings: &findings), end: month(entry, "end", findings: &findings)))
        }
        let start = month(item, "start", findings: &findings), end = month(item, "end", findings: &findings)
        let follows = item.string("follows", findings: &findings)
        let carriedFrom = item.integer("carriedFrom", findings: &findings)
        let countsTowardsLimit = item.bool("countsTowardsLimit", findings: &findings) ?? true
        let step = item.string("step", findings: &findings), vote = item.string("vote", findings: &findings)
        let buurt = item.string("buurt", findings: &findings)
        let quickWin = item.bool("quickWin", findings: &findings) ?? false
        guard findings.errors.count == errorsBefore, let id, let title, let kind, let level, let scale, let status, let owner, let cost else { return nil }
        return Action(
            id: id, title: title, goals: goals, kind: kind, follows: follows, carriedFrom: carriedFrom, countsTowardsLimit: countsTowardsLimit,
            owner: owner, partners: partners, level: level, step: step, vote: vote, scale: scale, buurt: buurt, cost: cost, spent: spent,
            start: start, end: end, status: status, notFeasible: notFeasible, quickWin: quickWin, history: history)
    }
}

extension Change {
    public var jsonValue: JSONValue {
        var fields: [String: JSONValue] = ["date": .string(date), "by": .string(by), "note": .string(note)]
        if let status { fields["status"] = .string(status.rawValue) }
        if let cost { fields["cost"] = .number(Double(cost)) }
        if let spent { fields["spent"] = .number(Double(spent)) }
        if let owner { fields["owner"] = .string(owner) }
        if let start { fields["start"] = .string(start) }
        if let end { fields["end"] = .string(end) }
        return .object(fields)
    }
}
