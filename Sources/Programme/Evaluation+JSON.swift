public import WijkpeilCore

extension Evaluation {
    /// The evaluation file (docs/formats.md pins it): the prefilled part, and the fields to fill in
    /// as null or empty, so that whoever fills it in sees every one.
    public var jsonValue: JSONValue {
        func measure(_ value: Goal.Measure?) -> JSONValue { value?.jsonValue ?? .null }
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        return .object([
            "programme": .string(programme), "year": .number(Double(year)), "made": .string(made),
            "goals": .array(
                goals.map { goal in
                    .object([
                        "goal": .string(goal.goal), "priority": .string(goal.priority), "text": .string(goal.text),
                        "indicator": optional(goal.indicator), "baseline": measure(goal.baseline), "target": measure(goal.target),
                        "now": measure(goal.now), "status": .string(goal.status.rawValue),
                        "actionsDone": .array(goal.actionsDone.map { .string($0) }), "actionsOpen": .array(goal.actionsOpen.map { .string($0) }),
                        "rating": goal.rating.map { .string($0.rawValue) } ?? .null,
                        "measures": .array(goal.measures.map { .object(["text": .string($0.text), "cost": .number(Double($0.cost))]) }),
                        "motivation": optional(goal.motivation), "remarks": .string(goal.remarks),
                        "adjust": .object(["text": optional(goal.newText), "target": measure(goal.newTarget)]),
                    ])
                }),
        ])
    }

    /// Reads a filled-in evaluation of `programme` and checks it: every goal of the programme once,
    /// each rated (`goed`, `voldoende`, `onvoldoende`), measures with a text and a cost of 0 or
    /// more, a motivation wherever measures cost money, an adjusted target dated after the year.
    /// Every problem is reported at its JSON path; nothing is returned unless all is well.
    public static func read(_ json: JSONValue, file: String, programme: Programme) throws(InvalidInput) -> Evaluation {
        var findings = Findings()
        func fail() -> InvalidInput { InvalidInput(findings.inFile(file)) }
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { throw fail() }
        reader.warnUnknownKeys(allowed: ["programme", "year", "made", "goals"], findings: &findings)
        let id = reader.string("programme", required: true, findings: &findings) ?? ""
        let year = reader.integer("year", required: true, findings: &findings) ?? 0
        if !id.isEmpty, id != programme.id || year != programme.year {
            findings.error(
                "other-programme", at: reader.path.appending("programme").location,
                nl: "deze evaluatie is van \(id) (\(year)), niet van \(programme.id) (\(programme.year))",
                en: "this evaluation is of \(id) (\(year)), not of \(programme.id) (\(programme.year))")
        }
        let made = reader.string("made", findings: &findings) ?? ""
        let prefilled = prefilled(from: programme, measurements: [:], made: made)
        var goals: [GoalEvaluation] = []
        var seen: Set<String> = []
        for (index, element) in (reader.array("goals", required: true, findings: &findings) ?? []).enumerated() {
            let path = reader.path.appending("goals").appending(index)
            guard let item = JSONObjectReader(element, at: path, findings: &findings), let goalId = item.string("goal", required: true, findings: &findings)
            else { continue }
            guard var goal = prefilled.goals.first(where: { $0.goal == goalId }) else {
                findings.error(
                    "unknown-goal", at: path.appending("goal").location,
                    nl: "het programma heeft geen doel \(goalId)" + (Identifier.closest(to: goalId, in: programme.goals.map(\.id)).map { "; bedoelt u \($0)?" } ?? ""),
                    en: "the programme has no goal \(goalId)" + (Identifier.closest(to: goalId, in: programme.goals.map(\.id)).map { "; did you mean \($0)?" } ?? ""))
                continue
            }
            guard seen.insert(goalId).inserted else {
                findings.error("duplicate-goal", at: path.appending("goal").location, nl: "doel \(goalId) staat er twee keer in", en: "goal \(goalId) is in it twice")
                continue
            }
            // What was prefilled is read again from the programme; what was filled in, from the file.
            if let now = item.object("now", findings: &findings), let value = now.number("value", findings: &findings),
                let year = now.integer("year", findings: &findings)
            {
                goal.now = Goal.Measure(value: value, year: year)
            }
            if let status = item.string("status", findings: &findings), let known = ProgressReport.GoalStatus(rawValue: status) { goal.status = known }
            let ratingText = item.string("rating", findings: &findings)
            goal.rating = ratingText.flatMap(Rating.init(rawValue:))
            if goal.rating == nil {
                findings.error(
                    ratingText == nil ? "missing-rating" : "unknown-rating", at: path.appending("rating").location,
                    nl: "de regiegroep geeft elk doel een oordeel: goed, voldoende of onvoldoende",
                    en: "the regiegroep rates every goal: goed, voldoende or onvoldoende (good, sufficient, insufficient)")
            }
            for (measureIndex, value) in (item.array("measures", findings: &findings) ?? []).enumerated() {
                let measurePath = path.appending("measures").appending(measureIndex)
                guard let measure = JSONObjectReader(value, at: measurePath, findings: &findings),
                    let text = measure.string("text", required: true, findings: &findings),
                    let cost = measure.integer("cost", required: true, findings: &findings)
                else { continue }
                if text.trimmingWhitespace.isEmpty {
                    findings.error("missing-value", at: measurePath.appending("text").location, nl: "zeg wat de maatregel is", en: "say what the measure is")
                }
                if cost < 0 {
                    findings.error("negative-cost", at: measurePath.appending("cost").location, nl: "een raming is 0 of meer", en: "an estimate is 0 or more")
                }
                goal.measures.append(Measure(text: text.trimmingWhitespace, cost: cost))
            }
            goal.motivation = item.string("motivation", findings: &findings).map(\.trimmingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
            if goal.extraCost > 0, goal.motivation == nil {
                findings.error(
                    "unmotivated-budget", at: path.appending("motivation").location,
                    nl: "de maatregelen kosten € \(Language.nl.grouped(goal.extraCost)) extra; extra budget vraagt een motivering",
                    en: "the measures cost € \(Language.en.grouped(goal.extraCost)) extra; extra budget needs a motivation")
            }
            goal.remarks = item.string("remarks", findings: &findings) ?? ""
            if let adjust = item.object("adjust", findings: &findings) {
                goal.newText = adjust.string("text", findings: &findings).flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }
                if let target = adjust.object("target", findings: &findings) {
                    let value = target.number("value", required: true, findings: &findings)
                    let targetYear = target.integer("year", required: true, findings: &findings)
                    if let value, let targetYear {
                        if targetYear <= programme.year {
                            findings.error(
                                "target-in-the-past", at: target.path.appending("year").location,
                                nl: "een bijgestelde streefwaarde ligt na \(programme.year), niet in \(targetYear)",
                                en: "an adjusted target lies after \(programme.year), not in \(targetYear)")
                        }
                        goal.newTarget = Goal.Measure(value: value, year: targetYear)
                    }
                }
            }
            goals.append(goal)
        }
        for goal in programme.goals where !seen.contains(goal.id) {
            findings.error(
                "missing-goal", at: reader.path.appending("goals").location, nl: "doel \(goal.id) ontbreekt; elk doel wordt geëvalueerd",
                en: "goal \(goal.id) is missing; every goal is evaluated")
        }
        guard !findings.hasErrors else { throw fail() }
        return Evaluation(programme: id, year: year, made: made, goals: goals)
    }
}
