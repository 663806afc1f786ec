import Programme
import Store
import WijkpeilCore
import Workflows

/// `wijkpeil commitments`: the register of commitments (toezeggingen) made to the council or to
/// residents, kept in the database until each is closed.
enum CommitmentsCommand {
    static let spec = CommandSpec(
        name: "commitments",
        abstract: "The register of commitments to the council or residents: add, close, list (overdue ones flagged).",
        subcommands: [add, close, list])

    static let add = CommandSpec(
        name: "add",
        abstract: "Add a commitment; it gets the next number.",
        options: [
            .database,
            OptionSpec("to", value: "WHOM", help: "To whom it was made.", allowed: Commitment.Audience.allCases.map(\.rawValue)),
            OptionSpec("what", value: "TEXT", help: "What was promised."),
            OptionSpec("owner", value: "ROLE", help: "Who answers for it (a role, not a person's name)."),
            OptionSpec("due", value: "YYYY-MM-DD", help: "The date promised, if one was."),
            OptionSpec("wijk", value: "NAME", help: "The neighbourhood it concerns, if one."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day it was made (default: today)."),
        ],
        printsData: false,
        run: { arguments, console in
            guard let audience = arguments.value("to").flatMap(Commitment.Audience.init), let what = arguments.value("what"),
                let owner = arguments.value("owner")
            else {
                throw UsageError(
                    nl: "geef --to council|residents, --what TEKST en --owner ROL", en: "give --to council|residents, --what TEXT and --owner ROLE",
                    commandPath: arguments.commandPath)
            }
            let commitment = Commitment(
                number: 0, made: try AgendaCommand.date(arguments), audience: audience, what: what, owner: owner, due: arguments.value("due"),
                wijk: arguments.value("wijk"))
            let added = try DatabaseAccess.writing(arguments) { store in
                try CommitmentRegister.add(commitment, to: store, language: arguments.language)
            }
            console.err.line(
                arguments.language == .nl
                    ? "toezegging \(added.number) vastgelegd" + (added.due.map { ", termijn \($0)" } ?? "")
                    : "commitment \(added.number) recorded" + (added.due.map { ", due \($0)" } ?? ""))
            return .success
        })

    static let close = CommandSpec(
        name: "close",
        abstract: "Close a commitment: when, and what closed it. A closed commitment stays in the register.",
        options: [
            .database,
            OptionSpec("number", value: "N", help: "The commitment's number."),
            OptionSpec("how", value: "TEXT", help: "What closed it: the letter, the decision, the action done."),
            OptionSpec("date", value: "YYYY-MM-DD", help: "The day it was closed (default: today)."),
        ],
        printsData: false,
        run: { arguments, console in
            guard let text = arguments.value("number"), let number = Int(text), number > 0 else {
                throw UsageError(
                    nl: "geef --number N, het nummer van de toezegging (wijkpeil commitments list toont ze)",
                    en: "give --number N, the commitment's number (wijkpeil commitments list shows them)", commandPath: arguments.commandPath)
            }
            let closure = Commitment.Closure(date: try AgendaCommand.date(arguments), how: arguments.value("how") ?? "")
            let closed = try DatabaseAccess.writing(arguments, mustExist: true) { store in
                try CommitmentRegister.close(number, by: closure, in: store, language: arguments.language)
            }
            let state = closed.state(on: CalendarDate(closure.date)!).name.text(in: arguments.language)
            console.err.line(arguments.language == .nl ? "toezegging \(number): \(state)" : "commitment \(number): \(state)")
            return .success
        })

    static let list = CommandSpec(
        name: "list",
        abstract: "List the commitments as they stand on a day; overdue ones are flagged (exit 0).",
        options: [
            .database,
            .format(["table", "json", "csv"], default: "table"),
            OptionSpec("today", value: "YYYY-MM-DD", help: "Judge due dates on this day (default: today)."),
            OptionSpec("wijk", value: "NAME", help: "Only those of this neighbourhood (and those that name none)."),
            OptionSpec("open", help: "Only those not yet closed."),
        ],
        run: { arguments, console in
            let today = try AgendaCommand.today(arguments)
            let entries = try CommitmentRegister.list(
                try DatabaseAccess.reader(arguments), on: today, wijk: arguments.value("wijk"), openOnly: arguments.flag("open"))
            let language = arguments.language
            switch arguments.value("format") {
            case "json": console.out.line(JSONValue.array(entries.map(jsonValue)).prettyText)
            case "csv":
                console.out.write(CSVWriter.line(["number", "made", "to", "what", "owner", "due", "wijk", "state", "overdueDays", "closed", "how"]))
                for entry in entries {
                    let commitment = entry.commitment
                    console.out.write(
                        CSVWriter.line([
                            String(commitment.number), commitment.made, commitment.audience.rawValue, commitment.what, commitment.owner,
                            commitment.due ?? "", commitment.wijk ?? "", stateKey(entry.state), overdueDays(entry.state).map(String.init) ?? "",
                            commitment.closure?.date ?? "", commitment.closure?.how ?? "",
                        ]))
                }
            default: console.out.write(text(entries, on: today.description, language: language))
            }
            return .success
        })

    /// One commitment per block at 80 columns: its number and where it stands (overdue ones
    /// flagged with `!`), what was promised, to whom and when, and once closed what closed it.
    static func text(_ entries: [CommitmentRegister.Entry], on today: String, language: Language) -> String {
        let nl = language == .nl
        guard !entries.isEmpty else { return (nl ? "Geen toezeggingen." : "No commitments.") + "\n" }
        var lines: [String] = []
        for entry in entries {
            let commitment = entry.commitment
            let flag = if case .overdue = entry.state { "!" } else { " " }
            let due = commitment.due.map { (nl ? ", termijn " : ", due ") + $0 } ?? ""
            lines.append("\(flag) \(commitment.number). " + entry.state.name.text(in: language))
            for line in commitment.what.wrapped(to: 74) { lines.append("     " + line) }
            lines.append("     " + (nl ? "aan de " : "to the ") + commitment.audience.name.text(in: language) + ", " + commitment.made + due)
            lines.append("     " + (nl ? "eigenaar: " : "owner: ") + commitment.owner + (commitment.wijk.map { ", \($0)" } ?? ""))
            if let closure = commitment.closure {
                for line in ((nl ? "afgehandeld op " : "closed on ") + closure.date + ": " + closure.how).wrapped(to: 74) { lines.append("     " + line) }
            }
        }
        let open = entries.filter(\.state.isOpen).count
        let overdue = entries.filter { if case .overdue = $0.state { true } else { false } }.count
        lines.append("")
        lines.append(
            nl
                ? "\(entries.count) toezegging(en), \(open) open, waarvan \(overdue) te laat op \(today)."
                : "\(entries.count) commitment(s), \(open) open, of which \(overdue) overdue on \(today).")
        return lines.joined(separator: "\n") + "\n"
    }

    static func stateKey(_ state: Commitment.State) -> String {
        switch state {
        case .open: "open"
        case .overdue: "overdue"
        case .closed: "closed"
        case .closedLate: "closed-late"
        }
    }

    static func overdueDays(_ state: Commitment.State) -> Int? {
        switch state {
        case .overdue(let days), .closedLate(let days): days
        case .open, .closed: nil
        }
    }

    static func jsonValue(_ entry: CommitmentRegister.Entry) -> JSONValue {
        let commitment = entry.commitment
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        return .object([
            "number": .number(Double(commitment.number)), "made": .string(commitment.made), "to": .string(commitment.audience.rawValue),
            "what": .string(commitment.what), "owner": .string(commitment.owner), "due": optional(commitment.due), "wijk": optional(commitment.wijk),
            "state": .string(stateKey(entry.state)), "daysLate": overdueDays(entry.state).map { .number(Double($0)) } ?? .null,
            "closed": commitment.closure.map { .object(["date": .string($0.date), "how": .string($0.how)]) } ?? .null,
        ])
    }
}
