public import BudgetVote
public import Store
public import Surveys
public import WijkpeilCore

/// The ballots of a budget vote stored by the form server (or the paper import), as an election
/// to count: the survey's `approval` question gives the proposals and the budget, each stored
/// response one ballot. Ballots are read against the version they answered: a vote whose prices
/// or budget changed between ballots is refused (``SurveyVersions``).
public enum BudgetBallots {
    /// The stored ballots as an election, and how many of them were typed in from paper.
    public static func election(_ survey: SurveyDefinition, store: StoreReader, language: Language = .nl) throws -> (
        election: BudgetElection, paperBallots: Int
    ) {
        let questions = survey.questions.filter { if case .approval = $0.kind { true } else { false } }
        guard let question = questions.first, case .approval(let options, let budget, _, _, _) = question.kind else {
            throw WorkflowError(
                .usage,
                nl: "vragenlijst '\(survey.id)' heeft geen budgetstemming (een vraag van het type \"approval\"); geef de vragenlijst met de stembiljetten",
                en: "survey '\(survey.id)' has no budget vote (a question of type \"approval\"); name the survey that holds the ballots")
        }
        let versions = try SurveyVersions.read(survey, in: store)
        try versions.requireCompatible(survey, language: language)
        let proposals = options.map { BudgetElection.Proposal(id: $0.id, cost: $0.cost ?? 0, name: $0.label.nl) }
        let index = Dictionary(uniqueKeysWithValues: options.enumerated().map { ($0.element.id, $0.offset) })
        var ballots: [[Int]] = []
        var paper = 0
        try store.forEachResponse(survey: survey.id) { response in
            if response.source == .paper { paper += 1 }
            guard case .object(let answers) = response.answers, case .array(let chosen)? = answers[question.id] else {
                ballots.append([])  // a ballot that approved nothing still counts as a voter
                return
            }
            ballots.append(chosen.compactMap { value in if case .string(let id) = value { index[id] } else { nil } })
        }
        let election = BudgetElection(
            budget: budget, proposals: proposals, ballots: ballots,
            metadata: ["description": survey.title.nl, "country": "Netherlands", "unit": survey.id])
        return (election, paper)
    }
}
