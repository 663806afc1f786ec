import BudgetVote
import WijkpeilCore
import Workflows

/// `wijkpeil budget count`: count a residents' budget vote (co-decide) by greedy or by the Method
/// of Equal Shares, and say for every proposal why it was or was not funded.
enum BudgetCommand {
    static let spec = CommandSpec(
        name: "budget",
        abstract: "The residents' budget vote: count costed proposals by greedy or by the Method of Equal Shares.",
        subcommands: [count])

    static let count = CommandSpec(
        name: "count",
        abstract: "Count a budget vote, stored or from a Pabulib file, and say why each proposal was or was not funded.",
        discussion: """
            greedy: proposals by approvals, most first; one that no longer fits is skipped, later ones
            are still considered. mes (default): the Method of Equal Shares with cost utilities: every
            voter gets an equal share of the budget, a proposal is funded when its supporters can pay
            for it, the one whose cost is shared most equally first; the share rises one euro at a time
            (from exactly budget/voters) while the outcome stays within the budget, up to the first
            exhaustive outcome; what remains is filled by approvals. Ties: the cheaper proposal first,
            then more approvals, then the id as text. All arithmetic is exact.
            """,
        options: [
            OptionSpec("pb", value: "FILE", help: "A Pabulib file with approval votes."),
            .survey, .database, .surveys,
            OptionSpec("rule", value: "greedy|mes", help: "How to count.", default: "mes", allowed: BudgetRule.allCases.map(\.rawValue)),
            .format(["table", "json", "pb", "html"], default: "table"),
        ],
        run: { arguments, console in
            let election: BudgetElection
            var paperBallots: Int?
            if let file = arguments.value("pb") {
                election = try Pabulib.read(InputFile.bytes(file), file: file)
            } else if arguments.value("survey") != nil {
                let survey = try DatabaseAccess.survey(arguments)
                (election, paperBallots) = try BudgetBallots.election(
                    survey, store: try DatabaseAccess.reader(arguments), language: arguments.language)
            } else {
                throw UsageError(
                    message: "name the vote: --survey ID --db FILE for stored ballots, or --pb FILE for a Pabulib file", commandPath: arguments.commandPath)
            }
            let rule = BudgetRule(rawValue: arguments.value("rule") ?? "mes") ?? .mes
            let outcome = election.count(by: rule)
            let language = arguments.language
            switch arguments.value("format") {
            case "json":
                guard case .object(var fields) = outcome.jsonValue else { return .success }
                if let paperBallots { fields["paperBallots"] = .number(Double(paperBallots)) }
                console.out.line(JSONValue.object(fields).prettyText)
            case "pb":
                console.out.write(Pabulib.write(election, outcome: outcome, description: "Wijkpeil \(Release.version), \(rule.rawValue)"))
            case "html":
                console.out.write(outcome.html(election: election, language: language))
            default:
                let nl = language == .nl
                var table = TextTable(row: nl ? ["voorstel", "kosten", "stemmen", "gekozen"] : ["proposal", "cost", "approvals", "funded"])
                for result in outcome.proposals {
                    table.add(row: [
                        result.id, language.grouped(result.cost), String(result.approvals),
                        result.round.map { nl ? "ja (\($0))" : "yes (\($0))" } ?? (nl ? "nee" : "no"),
                    ])
                }
                console.out.write(table.rendered(width: console.width))
                let summary =
                    nl
                    ? "\(outcome.selected.count) voorstellen gekozen voor € \(language.grouped(outcome.cost)) van € \(language.grouped(outcome.budget)) (\(rule == .mes ? "gelijke delen" : "meeste stemmen"), \(outcome.voters) stemmers)."
                    : "\(outcome.selected.count) proposals funded for € \(language.grouped(outcome.cost)) of € \(language.grouped(outcome.budget)) (\(rule == .mes ? "equal shares" : "most approvals"), \(outcome.voters) voters)."
                for line in summary.wrapped(to: 78) { console.out.line(line) }
                if let paperBallots, paperBallots > 0 {
                    console.out.line(
                        nl ? "\(paperBallots) van de \(outcome.voters) stemmen kwamen op papier." : "\(paperBallots) of the \(outcome.voters) ballots came on paper.")
                }
                for result in outcome.proposals {
                    for (index, line) in (result.id + ": " + result.why.text(in: language)).wrapped(to: 78).enumerated() {
                        console.out.line((index == 0 ? "" : "  ") + line)
                    }
                }
                for line in BudgetElection.tieRule.text(in: language).wrapped(to: 78) { console.out.line(line) }
            }
            return .success
        })
}
