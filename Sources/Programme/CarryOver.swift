public import WijkpeilCore

/// Carrying a programme into the next year under the Wijkakkoord's rules.
///
/// Every action that is not done, and every recurring action, needs one of three decisions:
/// `1` it is part of next year's plan and counts towards the limit; `2` it is finished next
/// year without counting towards the limit; `3` it lapses. Carried actions keep their id, their
/// kind and their history, gain `carriedFrom`, and an entry in their history saying so. Done
/// actions that do not recur stay behind, in this year's file.
public enum CarryOver {
    public enum Decision: Int, Sendable, Hashable, CaseIterable {
        case counts = 1
        case finishesOutsideLimit = 2
        case lapses = 3
    }

    /// What was carried, for the summary.
    public struct Summary: Sendable, Hashable {
        public var year: Int
        public var previousYear: Int
        /// Not recurring, decision 1.
        public var runningOn: Int
        /// Recurring, decision 1.
        public var recurring: Int
        /// Decision 2.
        public var finishedOutsideLimit: Int
        public var lapsed: Int
        public var new: Int
        public var total: Int
        public var counted: Int
        /// Priorities the council stopped: their goals stay behind.
        public var stopped: [String] = []
        /// Measures the evaluation added as proposed actions, and what they cost together.
        public var measures = 0
        public var measuresCost = 0

        /// The Wijkakkoord's arithmetic in one line: "2028: 39 acties (15 uit 2027: 10 lopen
        /// door, 5 herhalen; 24 nieuw)".
        public var text: LocalizedText {
            let carried = runningOn + recurring + finishedOutsideLimit
            var nl = "\(year): \(total) acties (\(carried) uit \(previousYear): \(runningOn) lopen door, \(recurring) herhalen"
            var en = "\(year): \(total) actions (\(carried) from \(previousYear): \(runningOn) running on, \(recurring) recurring"
            if finishedOutsideLimit > 0 {
                nl += ", \(finishedOutsideLimit) worden afgemaakt buiten de telling"
                en += ", \(finishedOutsideLimit) being finished outside the count"
            }
            nl += "; \(new) nieuw"
            en += "; \(new) new"
            if measures > 0 {
                nl += ", waarvan \(measures) maatregel(en) uit de evaluatie (€ \(Language.nl.grouped(measuresCost)))"
                en += ", of which \(measures) measure(s) from the evaluation (€ \(Language.en.grouped(measuresCost)))"
            }
            nl += ")"
            en += ")"
            if counted != total {
                nl += "; \(counted) tellen mee"
                en += "; \(counted) count towards the limit"
            }
            if lapsed > 0 {
                nl += "; \(lapsed) vervallen"
                en += "; \(lapsed) lapsed"
            }
            if !stopped.isEmpty {
                nl += "; gestopt door de raad: \(stopped.joined(separator: ", "))"
                en += "; stopped by the council: \(stopped.joined(separator: ", "))"
            }
            return LocalizedText(nl: nl, en: en)
        }
    }

    public enum Failure: Error, Sendable, Hashable {
        /// These actions need a decision and have none.
        case missingDecisions([String])
        /// Decisions for actions the programme does not have.
        case unknownActions([String])
        /// A new action has the id of a carried one.
        case duplicateIds([String])
        /// More actions would count than the limit allows.
        case overLimit(counted: Int, max: Int)
        /// Actions serving only priorities the council stopped, carried anyway.
        case underStoppedPriority([String], priorities: [String])
        /// The evaluation is of another programme or year.
        case otherEvaluation(programme: String, year: Int)
        /// The evaluation adds measures to goals of a stopped priority.
        case measuresForStoppedGoals([String])

        public var message: LocalizedText {
            switch self {
            case .missingDecisions(let ids):
                LocalizedText(
                    nl: "geen besluit (1, 2 of 3) voor \(ids.joined(separator: ", ")); elke actie die niet klaar is, en elke terugkerende, krijgt er een. Er is niets geschreven",
                    en: "no decision (1, 2 or 3) for \(ids.joined(separator: ", ")); every action that is not done, and every recurring one, gets one. Nothing was written")
            case .unknownActions(let ids):
                LocalizedText(
                    nl: "besluiten voor acties die het programma niet heeft: \(ids.joined(separator: ", ")). Er is niets geschreven",
                    en: "decisions for actions the programme does not have: \(ids.joined(separator: ", ")). Nothing was written")
            case .duplicateIds(let ids):
                LocalizedText(
                    nl: "nieuwe acties met het id van een meegenomen actie: \(ids.joined(separator: ", ")). Er is niets geschreven",
                    en: "new actions with the id of a carried action: \(ids.joined(separator: ", ")). Nothing was written")
            case .underStoppedPriority(let ids, let priorities):
                LocalizedText(
                    nl:
                        "\(ids.joined(separator: ", ")) dienen alleen \(priorities.joined(separator: ", ")), waarmee de raad stopte; geef ze besluit 3 (vervallen). Er is niets geschreven",
                    en:
                        "\(ids.joined(separator: ", ")) serve only \(priorities.joined(separator: ", ")), which the council stopped; give them decision 3 (lapse). Nothing was written"
                )
            case .otherEvaluation(let programme, let year):
                LocalizedText(
                    nl: "de evaluatie is van \(programme) (\(year)), niet van dit programma. Er is niets geschreven",
                    en: "the evaluation is of \(programme) (\(year)), not of this programme. Nothing was written")
            case .measuresForStoppedGoals(let goals):
                LocalizedText(
                    nl: "de evaluatie voegt maatregelen toe aan \(goals.joined(separator: ", ")), waarmee de raad stopte. Er is niets geschreven",
                    en: "the evaluation adds measures to \(goals.joined(separator: ", ")), which the council stopped. Nothing was written")
            case .overLimit(let counted, let max):
                LocalizedText(
                    nl:
                        "\(counted) acties zouden meetellen, meer dan \(max); geef meer acties besluit 2 (afmaken buiten de telling) of 3 (vervallen), of minder nieuwe. Er is niets geschreven",
                    en:
                        "\(counted) actions would count, more than \(max); give more actions decision 2 (finish outside the count) or 3 (lapse), or fewer new ones. Nothing was written"
                )
            }
        }
    }

    /// The actions that need a decision.
    public static func needingDecision(_ programme: Programme) -> [Action] {
        programme.actions.filter { ($0.status != .done || $0.kind == .recurring) && $0.status != .lapsed }
    }

    /// Next year's programme, from this year's, the decisions and the new actions, with the
    /// filled-in `evaluation` folded in: goals stay unless it adjusts them, and its measures
    /// become proposed actions (`M-01`, …) under their goal, counted like any other.
    public static func nextYear(
        _ programme: Programme, decisions: [String: Decision], newActions: [Action], year: Int, date: String, by: String = "wijkmanager",
        evaluation: Evaluation? = nil
    ) throws(Failure) -> (programme: Programme, summary: Summary) {
        let needing = needingDecision(programme)
        let missing = needing.map(\.id).filter { decisions[$0] == nil }
        guard missing.isEmpty else { throw .missingDecisions(missing) }
        let unknown = decisions.keys.filter { programme.action($0) == nil }.sorted()
        guard unknown.isEmpty else { throw .unknownActions(unknown) }
        // A priority the council stopped takes its goals with it; its actions lapse.
        let stopped = programme.priorities.filter { programme.decision(for: $0)?.verdict == .stop }
        let stoppedGoals = Set(programme.goals.filter { stopped.contains($0.priority) }.map(\.id))
        let orphaned = needing.filter { action in
            !action.goals.isEmpty && action.goals.allSatisfy(stoppedGoals.contains) && decisions[action.id] != .lapses
        }
        guard orphaned.isEmpty else { throw .underStoppedPriority(orphaned.map(\.id), priorities: stopped) }
        var summary = Summary(
            year: year, previousYear: programme.year, runningOn: 0, recurring: 0, finishedOutsideLimit: 0, lapsed: 0, new: newActions.count,
            total: 0, counted: 0)
        var carried: [Action] = []
        for var action in needing {
            switch decisions[action.id]! {
            case .lapses:
                summary.lapsed += 1
                continue
            case .counts:
                if action.kind == .recurring { summary.recurring += 1 } else { summary.runningOn += 1 }
                action.countsTowardsLimit = true
            case .finishesOutsideLimit:
                summary.finishedOutsideLimit += 1
                action.countsTowardsLimit = false
            }
            action.carriedFrom = programme.year
            var change = Change(
                date: date, by: by,
                note: "meegenomen uit \(programme.year) (besluit \(decisions[action.id]!.rawValue))")
            if action.kind == .recurring, action.status == .done {
                // Recurring: next year's round starts afresh, to be agreed again.
                action.status = .proposed
                change.status = .proposed
            }
            action.goals.removeAll(where: stoppedGoals.contains)
            action.history.append(change)
            carried.append(action)
        }
        var measures: [Action] = []
        var goals = programme.goals.filter { !stoppedGoals.contains($0.id) }
        if let evaluation {
            guard evaluation.programme == programme.id, evaluation.year == programme.year else {
                throw .otherEvaluation(programme: evaluation.programme, year: evaluation.year)
            }
            let refused = evaluation.goals.filter { stoppedGoals.contains($0.goal) && !$0.measures.isEmpty }.map(\.goal)
            guard refused.isEmpty else { throw .measuresForStoppedGoals(refused) }
            for assessed in evaluation.goals {
                guard let index = goals.firstIndex(where: { $0.id == assessed.goal }) else { continue }
                if let text = assessed.newText { goals[index].text = LocalizedText(nl: text) }
                if let target = assessed.newTarget { goals[index].target = target }
                for measure in assessed.measures {
                    measures.append(
                        Action(
                            id: "M-" + (measures.count < 9 ? "0" : "") + String(measures.count + 1), title: LocalizedText(nl: measure.text), goals: [assessed.goal],
                            owner: goals[index].owner ?? by, cost: measure.cost,
                            history: [
                                Change(
                                    date: date, by: by, note: "maatregel uit de evaluatie \(programme.year): " + (assessed.motivation ?? assessed.remarks),
                                    status: .proposed, cost: measure.cost)
                            ]))
                    summary.measuresCost += measure.cost
                }
            }
            summary.measures = measures.count
            summary.new += measures.count
        }
        let carriedIds = Set(carried.map(\.id))
        let clashes =
            (newActions + measures).map(\.id).filter { carriedIds.contains($0) }
            + measures.map(\.id).filter { id in newActions.contains { $0.id == id } }
        guard clashes.isEmpty else { throw .duplicateIds(clashes) }
        var next = programme
        next.year = year
        next.id = programme.id.hasSuffix(String(programme.year)) ? String(programme.id.dropLast(4)) + String(year) : programme.id + "-" + String(year)
        next.actions = carried + newActions + measures
        next.goals = goals
        next.decisions = []
        summary.stopped = stopped
        next.calendar = programme.calendar.map { milestone in
            var fresh = milestone
            fresh.done = nil
            return fresh
        }
        summary.total = next.actions.count
        summary.counted = next.countedActions.count
        guard summary.counted <= programme.maxActions else { throw .overLimit(counted: summary.counted, max: programme.maxActions) }
        return (next, summary)
    }
}
