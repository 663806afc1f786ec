import Foundation
import Participation
import Programme
import Store
import Surveys
import WijkpeilCore
import Workflows

/// `wijkpeil programme`: the neighbourhood programme after the agenda — goals under the
/// priorities, the year's actions (at most 45), their history, and the carry-over to next year.
enum ProgrammeCommand {
    static let spec = CommandSpec(
        name: "programme",
        abstract: "The neighbourhood programme: goals under the agenda's priorities, the year's actions, carried from year to year.",
        subcommands: [draft, goal, actions, check, show, status, milestone, decide, report, evaluate, nextYear])

    static let programmePositional = PositionalSpec(name: "PROGRAMME", help: "The programme JSON file.")

    static func programmeFile(_ arguments: ParsedArguments) throws -> String {
        guard let file = arguments.positionals.first else {
            throw UsageError(
                nl: "geef het programmabestand (gemaakt met wijkpeil programme draft --out PROGRAMMA.json)",
                en: "name the programme file (made by wijkpeil programme draft --out PROGRAMME.json)", commandPath: arguments.commandPath)
        }
        return file
    }

    /// Reads the programme named on the command line, lets `change` change it, writes it back
    /// whole when it changed (its history appended to, never rewritten) and prints the line
    /// `change` returns, given the file's name.
    static func editing(
        _ arguments: ParsedArguments, _ console: Console, _ change: (inout Programme, _ file: String) throws -> String
    ) throws -> ExitCode {
        let file = try programmeFile(arguments)
        var programme = try ProgrammeFiles.read(file)
        let before = programme
        let said = try change(&programme, file)
        if programme != before { try OutputFile.write(programme.jsonValue.prettyText + "\n", to: file, console: console) }
        console.err.line(said)
        return .success
    }

    static func integer(_ arguments: ParsedArguments, _ name: String, default defaultValue: Int? = nil) throws -> Int {
        guard let text = arguments.value(name) else {
            if let defaultValue { return defaultValue }
            throw UsageError(nl: "geef --\(name)", en: "give --\(name)", commandPath: arguments.commandPath)
        }
        guard let value = Int(text), value >= 0 else {
            throw UsageError(
                nl: "--\(name) '\(text)' is geen heel getal van 0 of meer", en: "--\(name) '\(text)' is not a whole number of 0 or more", commandPath: arguments.commandPath)
        }
        return value
    }

    static let draft = CommandSpec(
        name: "draft",
        abstract: "A programme skeleton from the agenda: a goal per priority and indicator, with its baseline; no actions yet.",
        discussion: """
            One goal per wijk-level indicator the analysis has for each priority (its value is the
            baseline, dated --baseline-year, by default the year before), or one goal without an
            indicator; the council's added priorities included and marked. Then fill in the targets,
            the owners and the actions, and run wijkpeil programme check.
            """,
        options: [
            OptionSpec("agenda", value: "FILE", help: "The agenda (wijkpeil agenda --format json --out AGENDA.json)."),
            OptionSpec("analysis", value: "FILE", help: "The analysis the agenda was made from (wijkpeil analyse --format json)."),
            OptionSpec("wijk", value: "NAME", help: "The neighbourhood's name."),
            OptionSpec("year", value: "YEAR", help: "The programme's year."),
            OptionSpec("budget", value: "EUR", help: "The year's budget in whole euros."),
            OptionSpec("baseline-year", value: "YEAR", help: "The year of the baseline values (default: the year before)."),
            OptionSpec("out", value: "FILE", help: "Write the programme to FILE (beside the agenda, which it names)."),
        ],
        run: { arguments, console in
            guard let agenda = arguments.value("agenda"), let wijk = arguments.value("wijk") else {
                throw UsageError(nl: "geef --agenda AGENDA.json en --wijk NAAM", en: "give --agenda AGENDA.json and --wijk NAME", commandPath: arguments.commandPath)
            }
            let year = try integer(arguments, "year")
            let programme = try ProgrammeFiles.draft(
                agendaFile: agenda, analysisFile: arguments.value("analysis"), wijk: wijk, year: year, budget: try integer(arguments, "budget"),
                baselineYear: try integer(arguments, "baseline-year", default: year - 1))
            try refuseOverwriting(arguments.value("out"), arguments)
            try OutputFile.write(programme.jsonValue.prettyText + "\n", to: arguments.value("out"), console: console)
            return .success
        })

    /// A programme keeps its history: a new one is never written over an existing file.
    static func refuseOverwriting(_ path: String?, _ arguments: ParsedArguments) throws {
        guard let path, FileManager.default.fileExists(atPath: path) else { return }
        throw CommandFailure(
            message: arguments.language == .nl
                ? "'\(path)' bestaat al; een programma wordt nooit overschreven (het houdt zijn geschiedenis). Kies een andere naam"
                : "'\(path)' exists already; a programme is never written over (it keeps its history). Choose another name",
            exitCode: .invalid)
    }

    static let check = CommandSpec(
        name: "check",
        abstract: "Check a programme against the agenda, the limit of 45 actions, the ladder and the calendar.",
        discussion: """
            Errors (exit 1): more counted actions than maxActions (45); an action under no goal or an
            unknown one; a goal under no priority of the agenda; an unknown buurt; a cost below 0;
            codecide without a vote; not-feasible without a reason; an agenda changed since the
            programme was made. Warnings: a goal that is not SMART; all actions on one scale; no quick
            win; over budget (by how much); not-feasible without an alternative; with --plan, an action
            below the plan's level for its step; with --today, overdue milestones and actions still
            assessed after 1 March.
            """,
        options: [
            OptionSpec("agenda", value: "FILE", help: "The agenda, if not beside the programme under the name it records."),
            OptionSpec("plan", value: "FILE", help: "The participation plan: an action below its level for the action's step is named."),
            OptionSpec("today", value: "YYYY-MM-DD", help: "Judge the calendar on this day."),
            OptionSpec("surveys", value: "DIR", help: "The survey folder: a co-decide action's vote must name a survey there with invitation codes."),
            .format(["table", "json"], default: "table"),
        ],
        positionals: [programmePositional],
        run: { arguments, console in
            let file = try programmeFile(arguments)
            let programme = try ProgrammeFiles.read(file)
            let agenda = try ProgrammeFiles.agenda(of: programme, programmeFile: file, at: arguments.value("agenda"))
            var plan: ParticipationPlan?
            if let planFile = arguments.value("plan") { plan = try ProgrammeFiles.plan(planFile) }
            let today = try arguments.date("today")
            let activities = try arguments.value("surveys").map { try SurveyLibrary(directory: $0).activityFacts }
            let findings = ProgrammeCheck(priorities: ProgrammeFiles.priorities(of: agenda), plan: plan, today: today, activities: activities)
                .findings(for: programme)
                .inFile(file)
            FindingsReport.print(findings, files: 1, format: arguments.value("format") ?? "table", language: arguments.language, to: console)
            return findings.hasErrors ? .invalid : .success
        })

    static let show = CommandSpec(
        name: "show",
        abstract: "The programme per priority: what residents said, the goals, the actions, cost against the budget, the calendar.",
        discussion: """
            html and md follow Almelo's annex 8 (priority | goals | action | estimated cost | year |
            responsible | remarks), the page printable on A4 landscape; csv gives the same rows. Each
            priority shows what residents said about it, from the agenda beside the programme (left
            out, with a warning, when the agenda changed since the programme was drawn up).
            """,
        options: [
            .format(["table", "json", "csv", "md", "html"], default: "table"),
            OptionSpec("today", value: "YYYY-MM-DD", help: "Show each milestone as done, due, overdue or upcoming on this day (default: today)."),
        ],
        positionals: [programmePositional],
        run: { arguments, console in
            let file = try programmeFile(arguments)
            let programme = try ProgrammeFiles.read(file)
            var evidence: [String: PriorityEvidence] = [:]
            do {
                evidence = ProgrammeFiles.evidence(from: try ProgrammeFiles.agenda(of: programme, programmeFile: file))
            } catch let error as InvalidInput {
                for finding in error.findings.all { console.err.line(finding.rendered(in: arguments.language)) }
                console.err.line(
                    arguments.language == .nl
                        ? "wat bewoners zeiden is weggelaten: de agenda hoort niet meer bij dit programma"
                        : "what residents said is left out: the agenda no longer belongs to this programme")
            } catch {
                console.err.line(
                    arguments.language == .nl ? "wat bewoners zeiden is weggelaten: \(error)" : "what residents said is left out: \(error)")
            }
            switch arguments.value("format") {
            case "json":
                guard case .object(var fields) = programme.jsonValue else { return .success }
                fields["tracedToResidents"] = programme.tracedJSON(evidence: evidence)
                console.out.line(JSONValue.object(fields).prettyText)
                return .success
            case "csv":
                var text = CSVWriter.line(Programme.annexHeader(language: arguments.language))
                for row in programme.annexRows(language: arguments.language) { text += CSVWriter.line(row) }
                console.out.write(text)
                return .success
            case "md":
                console.out.write(programme.markdown(evidence: evidence, language: arguments.language))
                return .success
            case "html":
                console.out.write(programme.html(evidence: evidence, language: arguments.language))
                return .success
            default: break
            }
            let language = arguments.language
            let nl = language == .nl
            func measure(_ value: Goal.Measure?) -> String { value.map { "\(language.number($0.value, digits: 2)) (\($0.year))" } ?? "—" }
            var goals = TextTable(
                row: nl ? ["doel", "nulmeting", "streefwaarde", "eigenaar", "acties"] : ["goal", "baseline", "target", "owner", "actions"])
            for goal in programme.goals {
                let actions = programme.actions.filter { $0.goals.contains(goal.id) }.count
                goals.add(row: [goal.id, measure(goal.baseline), measure(goal.target), goal.owner ?? "—", String(actions)])
            }
            console.out.write(goals.rendered(width: console.width))
            if programme.actions.isEmpty {
                console.out.line(nl ? "Nog geen acties." : "No actions yet.")
            }
            // Per priority, as Almelo's annex 8 lays it out; an action serving goals under two
            // priorities stands under the first. Long titles wrap within the terminal's width.
            var priorities: [String] = []
            for goal in programme.goals where !priorities.contains(goal.priority) { priorities.append(goal.priority) }
            for priority in priorities {
                let actions = programme.actions.filter { programme.goal($0.goals.first ?? "")?.priority == priority }
                guard !actions.isEmpty else { continue }
                let cost = language.grouped(Programme.cost(of: actions))
                console.out.line()
                console.out.line(nl ? "Speerpunt \(priority): \(actions.count) acties, € \(cost)" : "Priority \(priority): \(actions.count) actions, € \(cost)")
                if let said = evidence[priority]?.sentence(in: language), !said.isEmpty {
                    for line in said.wrapped(to: console.width - 2) { console.out.line("  " + line) }
                }
                var table = TextTable(row: nl ? ["actie", "wat", "status", "kosten"] : ["action", "what", "status", "cost"])
                for action in actions {
                    table.add(row: [action.id, action.title.text(in: language), action.status.name.text(in: language), language.grouped(action.cost)])
                }
                console.out.write(table.rendered(width: console.width))
            }
            console.out.line()
            let counted = programme.countedActions.count
            let summary =
                nl
                ? "\(programme.actions.count) acties, \(counted) tellen mee (maximaal \(programme.maxActions)); € \(Language.nl.grouped(programme.totalCost)) van € \(Language.nl.grouped(programme.budget.total))"
                : "\(programme.actions.count) actions, \(counted) count towards the limit (at most \(programme.maxActions)); € \(Language.en.grouped(programme.totalCost)) of € \(Language.en.grouped(programme.budget.total))"
            for line in summary.wrapped(to: console.width) { console.out.line(line) }
            let today = CalendarDate(arguments.value("today") ?? AgendaCommand.today())
            var calendar = TextTable(row: nl ? ["datum", "mijlpaal", "stand"] : ["date", "milestone", "state"])
            for milestone in programme.calendar {
                let state = today.map { milestone.state(forProgrammeYear: programme.year, today: $0).name.text(in: language) } ?? ""
                calendar.add(row: [milestone.date(forProgrammeYear: programme.year)?.description ?? "", milestone.text.text(in: language), state])
            }
            console.out.write(calendar.rendered(width: console.width))
            return .success
        })

    static let status = CommandSpec(
        name: "status",
        abstract: "Record one change of an action (status, cost, spending, owner, dates), appended to its history.",
        options: [
            OptionSpec("action", value: "ID", help: "The action."),
            OptionSpec("status", value: "STATUS", help: "Its new status.", allowed: Action.Status.allCases.map(\.rawValue)),
            OptionSpec("cost", value: "EUR", help: "Its new estimated cost, whole euros."),
            OptionSpec("spent", value: "EUR", help: "What has been spent on it so far, whole euros."),
            OptionSpec("owner", value: "ROLE", help: "Who now answers for it."),
            OptionSpec("start", value: "YYYY-MM", help: "Its new start."),
            OptionSpec("end", value: "YYYY-MM", help: "Its new end."),
            OptionSpec("reason", value: "TEXT", help: "With not-feasible: why (residents are owed the why)."),
            OptionSpec("alternative", value: "TEXT", help: "With not-feasible: what can be done instead."),
            OptionSpec("note", value: "TEXT", help: "What happened; kept in the history."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day of the change (default: today)."),
            OptionSpec("by", value: "ROLE", help: "The role that made the change (not a person's name).", default: "wijkmanager"),
        ],
        positionals: [programmePositional],
        printsData: false,
        run: { arguments, console in
            try editing(arguments, console) { programme, file in
                guard let id = arguments.value("action") else { throw UsageError(nl: "geef --action ID", en: "give --action ID", commandPath: arguments.commandPath) }
                let change = Change(
                    date: try AgendaCommand.date(arguments), by: arguments.value("by") ?? "wijkmanager", note: arguments.value("note") ?? "",
                    status: arguments.value("status").flatMap(Action.Status.init(rawValue:)),
                    cost: arguments.value("cost") == nil ? nil : try integer(arguments, "cost"),
                    spent: arguments.value("spent") == nil ? nil : try integer(arguments, "spent"), owner: arguments.value("owner"),
                    start: arguments.value("start"), end: arguments.value("end"))
                let notFeasible = arguments.value("reason").map {
                    Action.NotFeasible(reason: LocalizedText(nl: $0), alternative: arguments.value("alternative").map { LocalizedText(nl: $0) })
                }
                do throws(Programme.ChangeError) {
                    try programme.record(change, forAction: id, notFeasible: notFeasible)
                } catch {
                    throw CommandFailure(message: error.message.text(in: arguments.language), exitCode: .invalid)
                }
                return arguments.language == .nl ? "\(id): wijziging vastgelegd in \(file)" : "\(id): change recorded in \(file)"
            }
        })

    static let decide = CommandSpec(
        name: "decide",
        abstract: "Record the council's decision on a priority: continue, adjust or stop, with the reason.",
        discussion: """
            Decisions are appended to the programme and never rewritten; the latest per priority
            holds. next-year leaves a stopped priority's goals behind, and refuses to carry an action
            that serves only stopped priorities (give it decision 3).
            """,
        options: [
            OptionSpec("priority", value: "THEME", help: "The priority, as the goals name it (veiligheid, groen, …)."),
            OptionSpec("decision", value: "DECISION", help: "What the council decided.", allowed: PriorityDecision.Verdict.allCases.map(\.rawValue)),
            OptionSpec("reason", value: "TEXT", help: "Why, as the council put it."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day of the decision (default: today)."),
            OptionSpec("by", value: "ROLE", help: "Who decided (a role, not a person's name).", default: "gemeenteraad"),
        ],
        positionals: [programmePositional],
        printsData: false,
        run: { arguments, console in
            try editing(arguments, console) { programme, file in
                guard let priority = arguments.value("priority"), let verdict = arguments.value("decision").flatMap(PriorityDecision.Verdict.init)
                else {
                    throw UsageError(
                        nl: "geef --priority THEMA en --decision continue|adjust|stop", en: "give --priority THEME and --decision continue|adjust|stop",
                        commandPath: arguments.commandPath)
                }
                let decision = PriorityDecision(
                    priority: priority, verdict: verdict, reason: arguments.value("reason") ?? "", date: try AgendaCommand.date(arguments),
                    by: arguments.value("by") ?? "gemeenteraad")
                do throws(Programme.DecisionError) {
                    try programme.decide(decision)
                } catch {
                    throw CommandFailure(message: error.message.text(in: arguments.language), exitCode: .invalid)
                }
                let name = verdict.name.text(in: arguments.language)
                return arguments.language == .nl ? "\(priority): \(name), vastgelegd in \(file)" : "\(priority): \(name), recorded in \(file)"
            }
        })

    static let report = CommandSpec(
        name: "report",
        abstract: "The progress report after 4, 8 or 12 months: for the council, or one A4 page for residents.",
        discussion: """
            For the council: a summary (actions per status, spent against estimated, goals on track,
            overdue milestones, actions still assessed, open commitments), then per priority its goals
            against their targets and its actions with what changed since the previous report. For
            residents: per priority what they asked for and what is happening, what does not go
            ahead and why, the survey's promise beside the date of the report, and when the next
            report comes. What residents said comes from the agenda beside the programme; where the
            goals stand from --indicators, a CSV with a year column (docs/formats.md).
            """,
        options: [
            OptionSpec("months", value: "4|8|12", help: "Which report: after 4, 8 or 12 months of the programme's year.", allowed: ["4", "8", "12"]),
            OptionSpec("for", value: "WHOM", help: "Who it is for.", default: "council", allowed: ProgressReport.Audience.allCases.map(\.rawValue)),
            .format(["html", "md", "json"], default: "html"),
            OptionSpec("today", value: "YYYY-MM-DD", help: "The day of the report (default: today)."),
            OptionSpec("indicators", value: "FILE", help: "Indicators over the years (CSV with a year column), for where the goals stand."),
            OptionSpec("db", value: "PATH", help: "A database with the register of commitments, for the open ones."),
            OptionSpec("survey", value: "ID", help: "The survey whose promise on feedback the residents' page repeats."),
            OptionSpec("surveys", value: "DIR", help: "Folder with survey definitions.", default: "./surveys"),
            OptionSpec("out", value: "FILE", help: "Write the report to FILE."),
        ],
        positionals: [programmePositional],
        run: { arguments, console in
            let file = try programmeFile(arguments)
            guard let months = arguments.value("months").flatMap(Int.init) else {
                throw UsageError(nl: "geef --months 4, 8 of 12", en: "give --months 4, 8 or 12", commandPath: arguments.commandPath)
            }
            let today = try AgendaCommand.today(arguments)
            let commitments = arguments.value("db") == nil ? nil : try DatabaseAccess.reader(arguments).commitments()
            let feedback = arguments.value("survey") == nil ? nil : try DatabaseAccess.survey(arguments).feedback
            let audience = ProgressReport.Audience(rawValue: arguments.value("for") ?? "council") ?? .council
            let made = try ProgressReporting.report(
                programmeFile: file, months: months, today: today, indicatorsFile: arguments.value("indicators"), commitments: commitments,
                feedback: feedback, needsIndicators: audience == .council, language: arguments.language)
            for line in made.leftOut { console.err.line(line) }
            let document = audience == .council ? made.report.council(language: arguments.language) : made.report.residents(language: arguments.language)
            let text: String
            switch arguments.value("format") {
            case "json": text = made.report.jsonValue(for: audience).prettyText + "\n"
            case "md": text = document.markdown
            default: text = document.html(language: arguments.language, landscape: audience == .council)
            }
            try OutputFile.write(text, to: arguments.value("out"), console: console)
            return .success
        })

    static let evaluate = CommandSpec(
        name: "evaluate",
        abstract: "The yearly evaluation (annex 9): a form prefilled from the programme; or, with --filled, the filled-in one checked.",
        discussion: """
            Per goal: the goal, what was realised (its indicator now, from --indicators, and its
            actions done and open), and for the regiegroep to fill in: a rating (goed, voldoende,
            onvoldoende), additional measures with their estimated cost, a motivation for the extra
            budget, an adjusted goal or target, remarks. Fill in the JSON (or, with --format csv, the
            spreadsheet) and check it with --filled; next-year --evaluation folds it into next year's
            programme.
            """,
        options: [
            .format(["json", "csv", "html", "md"], default: "json"),
            OptionSpec("indicators", value: "FILE", help: "Indicators over the years (CSV with a year column), for where the goals stand."),
            OptionSpec("filled", value: "FILE", help: "A filled-in evaluation (JSON or CSV) to check (and show with --format html|md)."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day the form is made (default: today)."),
            OptionSpec("out", value: "FILE", help: "Write the form to FILE."),
        ],
        positionals: [programmePositional],
        run: { arguments, console in
            let programme = try ProgrammeFiles.read(try programmeFile(arguments))
            let evaluation: Evaluation
            if let filled = arguments.value("filled") {
                evaluation = try ProgressReporting.evaluation(filled, of: programme)
                console.err.line(
                    arguments.language == .nl
                        ? "\(filled): \(evaluation.goals.count) doelen beoordeeld, \(evaluation.goals.map(\.measures.count).reduce(0, +)) maatregel(en), € \(Language.nl.grouped(evaluation.extraCost)) extra"
                        : "\(filled): \(evaluation.goals.count) goals rated, \(evaluation.goals.map(\.measures.count).reduce(0, +)) measure(s), € \(Language.en.grouped(evaluation.extraCost)) extra"
                )
                if arguments.value("format") == "json", arguments.value("out") == nil { return .success }
            } else {
                let measurements = try arguments.value("indicators").map(ProgressReporting.measurements) ?? [:]
                evaluation = Evaluation.prefilled(from: programme, measurements: measurements, made: try AgendaCommand.date(arguments))
            }
            let text: String
            switch arguments.value("format") {
            case "html": text = evaluation.form(language: arguments.language).html(language: arguments.language)
            case "md": text = evaluation.form(language: arguments.language).markdown
            case "csv": text = evaluation.csv
            default: text = evaluation.jsonValue.prettyText + "\n"
            }
            try OutputFile.write(text, to: arguments.value("out"), console: console)
            return .success
        })

    static let nextYear = CommandSpec(
        name: "next-year",
        abstract: "Carry the programme into the next year: a decision (1, 2 or 3) for every action not done and every recurring one.",
        discussion: """
            --decisions is a CSV with the columns action and decision: 1 it is part of next year's plan
            and counts towards the 45; 2 it is finished without counting; 3 it lapses. Carried actions
            keep their id, kind and history and gain carriedFrom. A missing decision lists the actions
            that lack one, and nothing is written.
            """,
        options: [
            OptionSpec("decisions", value: "FILE", help: "The decisions, a CSV with action,decision."),
            OptionSpec("new", value: "FILE", help: "New actions for next year, a spreadsheet as for programme actions import."),
            OptionSpec("evaluation", value: "FILE", help: "The filled-in evaluation (programme evaluate): adjusted goals, measures as proposed actions."),
            OptionSpec("by", value: "ROLE", help: "The role that made the decisions.", default: "wijkmanager"),
            OptionSpec("year", value: "YEAR", help: "Next year (default: the programme's year + 1)."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day of the decisions (default: today)."),
            OptionSpec("out", value: "FILE", help: "Write next year's programme to FILE."),
        ],
        positionals: [programmePositional],
        run: { arguments, console in
            let file = try programmeFile(arguments)
            let programme = try ProgrammeFiles.read(file)
            guard let decisionsFile = arguments.value("decisions") else {
                throw UsageError(
                    nl: "geef --decisions besluiten.csv (kolommen action,decision)", en: "give --decisions carry.csv (columns action,decision)", commandPath: arguments.commandPath)
            }
            let decisions = try ProgrammeFiles.decisions(decisionsFile)
            let year = try integer(arguments, "year", default: programme.year + 1)
            let date = try AgendaCommand.date(arguments)
            var newActions: [Action] = []
            if let newFile = arguments.value("new") {
                newActions = try ActionsSpreadsheet.newActions(
                    InputFile.bytes(newFile), file: newFile, date: date, by: arguments.value("by") ?? "wijkmanager")
            }
            let evaluation = try arguments.value("evaluation").map { try ProgressReporting.evaluation($0, of: programme) }
            let carried: (programme: Programme, summary: CarryOver.Summary)
            do throws(CarryOver.Failure) {
                carried = try CarryOver.nextYear(
                    programme, decisions: decisions, newActions: newActions, year: year, date: date, by: arguments.value("by") ?? "wijkmanager",
                    evaluation: evaluation)
            } catch {
                throw CommandFailure(message: error.message.text(in: arguments.language), exitCode: .invalid)
            }
            try refuseOverwriting(arguments.value("out"), arguments)
            try OutputFile.write(carried.programme.jsonValue.prettyText + "\n", to: arguments.value("out"), console: console)
            console.err.line(carried.summary.text.text(in: arguments.language))
            return .success
        })

    static let actions = CommandSpec(
        name: "actions",
        abstract: "The actions as a spreadsheet: export, edit, import again (the history stays in the programme).",
        subcommands: [actionsExport, actionsImport])

    static let actionsExport = CommandSpec(
        name: "export",
        abstract: "Write the actions as CSV: one row per action, localised texts as title and title_en, lists a;b.",
        positionals: [programmePositional],
        run: { arguments, console in
            let programme = try ProgrammeFiles.read(try programmeFile(arguments))
            console.out.write(ActionsSpreadsheet.csv(programme.actions))
            return .success
        })

    static let actionsImport = CommandSpec(
        name: "import",
        abstract: "Update and add actions from a spreadsheet (CSV, ; or ,), by id; all or nothing.",
        discussion: """
            Columns (all but id may be left out): \(ActionsSpreadsheet.columns.joined(separator: ", ")).
            A row with a known id updates that action and appends what changed to its history; an
            unknown id adds an action. Actions missing from the file stay, unless --replace. A bad row
            is listed with its line, and nothing is changed.
            """,
        options: [
            OptionSpec("replace", help: "Remove the actions the file does not list."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day of the changes (default: today)."),
            OptionSpec("by", value: "ROLE", help: "The role that made the changes.", default: "wijkmanager"),
        ],
        positionals: [programmePositional, PositionalSpec(name: "CSV", help: "The actions spreadsheet.")],
        printsData: false,
        run: { arguments, console in
            guard arguments.positionals.count == 2 else {
                throw UsageError(
                    nl: "geef het programma en het spreadsheet: programme actions import PROGRAMMA.json ACTIES.csv",
                    en: "name the programme and the spreadsheet: programme actions import PROGRAMME.json ACTIONS.csv", commandPath: arguments.commandPath)
            }
            let sheet = arguments.positionals[1]
            return try editing(arguments, console) { programme, file in
                let outcome = try ActionsSpreadsheet.apply(
                    InputFile.bytes(sheet), file: sheet, to: &programme, replace: arguments.flag("replace"), date: try AgendaCommand.date(arguments),
                    by: arguments.value("by") ?? "wijkmanager")
                return arguments.language == .nl
                    ? "\(outcome.added.count) toegevoegd, \(outcome.updated.count) bijgewerkt, \(outcome.unchanged.count) ongewijzigd, \(outcome.removed.count) verwijderd — \(file)"
                    : "\(outcome.added.count) added, \(outcome.updated.count) updated, \(outcome.unchanged.count) unchanged, \(outcome.removed.count) removed — \(file)"
            }
        })

    static let goal = CommandSpec(
        name: "goal",
        abstract: "Make a goal SMART: its wording, indicator, baseline, target (with its year) and owner.",
        options: [
            OptionSpec("goal", value: "ID", help: "The goal."),
            OptionSpec("text", value: "TEXT", help: "What should change, in Dutch."),
            OptionSpec("text-en", value: "TEXT", help: "The same in English."),
            OptionSpec("indicator", value: "NAME", help: "How it is measured."),
            OptionSpec("baseline", value: "VALUE", help: "The indicator's value now (with --baseline-year)."),
            OptionSpec("baseline-year", value: "YEAR", help: "The year of the baseline."),
            OptionSpec("target", value: "VALUE", help: "The value aimed for (with --target-year)."),
            OptionSpec("target-year", value: "YEAR", help: "The year it should be reached."),
            OptionSpec("owner", value: "ROLE", help: "Who answers for it (a role, not a name)."),
        ],
        positionals: [programmePositional],
        printsData: false,
        run: { arguments, console in
            try editing(arguments, console) { programme, file in
                guard let id = arguments.value("goal") else { throw UsageError(nl: "geef --goal ID", en: "give --goal ID", commandPath: arguments.commandPath) }
                func measure(_ name: String) throws -> Goal.Measure? {
                    guard let text = arguments.value(name) else { return nil }
                    guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), let yearText = arguments.value(name + "-year"),
                        let year = Int(yearText)
                    else {
                        throw UsageError(
                            nl: "--\(name) heeft een getal nodig en --\(name)-year een jaar, zoals --\(name) 5,0 --\(name)-year 2028",
                            en: "--\(name) needs a number and --\(name)-year a year, such as --\(name) 5,0 --\(name)-year 2028", commandPath: arguments.commandPath)
                    }
                    return Goal.Measure(value: value, year: year)
                }
                let text = arguments.value("text").map { LocalizedText(nl: $0, en: arguments.value("text-en")) }
                let baseline = try measure("baseline"), target = try measure("target")
                do throws(Programme.GoalError) {
                    try programme.updateGoal(
                        id, text: text, indicator: arguments.value("indicator"), baseline: baseline, target: target, owner: arguments.value("owner"))
                } catch {
                    throw CommandFailure(message: error.message.text(in: arguments.language), exitCode: .invalid)
                }
                return arguments.language == .nl ? "\(id): doel vastgelegd in \(file)" : "\(id): goal recorded in \(file)"
            }
        })

    static let milestone = CommandSpec(
        name: "milestone",
        abstract: "Record that a milestone of the calendar was met (the draft plan entered, the assessment done, …).",
        options: [
            OptionSpec("id", value: "ID", help: "The milestone (concept, beoordeling, brief, aanbieding, vaststelling, or the programme's own)."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day it was met (default: today)."),
        ],
        positionals: [programmePositional],
        printsData: false,
        run: { arguments, console in
            try editing(arguments, console) { programme, file in
                guard let id = arguments.value("id") else { throw UsageError(nl: "geef --id MIJLPAAL", en: "give --id MILESTONE", commandPath: arguments.commandPath) }
                guard let index = programme.calendar.firstIndex(where: { $0.id == id }) else {
                    let ids = programme.calendar.map(\.id)
                    throw CommandFailure(
                        message: arguments.language == .nl
                            ? "geen mijlpaal \(id); het programma kent \(ids.joined(separator: ", "))"
                            : "no milestone \(id); the programme has \(ids.joined(separator: ", "))", exitCode: .invalid)
                }
                programme.calendar[index].done = try AgendaCommand.date(arguments)
                return arguments.language == .nl ? "\(id): gedaan — vastgelegd in \(file)" : "\(id): done — recorded in \(file)"
            }
        })
}
