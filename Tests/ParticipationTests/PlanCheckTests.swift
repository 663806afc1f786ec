import Participation
import Testing
import WijkpeilCore

@Suite("Checking a participation plan")
struct PlanCheckTests {
    let activities: [String: ActivityFacts] = [
        "wijkanalyse": ActivityFacts(kind: .survey, level: .consult, requiresInvite: false),
        "stemming": ActivityFacts(kind: .survey, level: .codecide, requiresInvite: true),
        "bewonersavond": ActivityFacts(kind: .stickerSession, level: .consult, requiresInvite: false),
    ]

    func plan(_ steps: JSONValue...) -> JSONValue {
        ["id": "test", "steps": .array(steps)]
    }

    let informStep: JSONValue = ["step": "D2", "level": "inform", "instruments": ["voortgangsbericht"]]

    @Test func aGoodPlanHasNoFindings() {
        let findings = PlanCheck.check(
            plan(
                ["step": "A5", "level": "consult", "instruments": ["digitale-peiling"], "survey": "wijkanalyse", "stickers": "bewonersavond"],
                ["step": "B4", "level": "advise", "instruments": ["wijkraad"]], informStep),
            activities: activities)
        #expect(findings.isEmpty, "\(findings.all)")
    }

    @Test func unknownStepsAndLevelsAreErrorsAtTheirPath() {
        let findings = PlanCheck.check(plan(["step": "A9", "level": "consult"], ["step": "A1", "level": "consulted"], informStep), activities: activities)
        #expect(findings.errors.map(\.code) == ["unknown-step", "unknown-level"])
        #expect(findings.errors.map(\.location.path) == ["steps[0].step", "steps[1].level"])
        #expect(findings.errors[1].message.en?.contains("did you mean consult") == true)
    }

    @Test func aSurveyOrSessionThatDoesNotExistIsAnError() {
        let findings = PlanCheck.check(
            plan(["step": "A5", "level": "consult", "survey": "onbekend"], ["step": "A5", "level": "consult", "stickers": "wijkanalyse"], informStep),
            activities: activities)
        #expect(findings.errors.map(\.code) == ["unknown-survey", "wrong-activity-kind"])
    }

    @Test func anInstrumentOfAnotherLevelIsAWarningWithTheReason() {
        let findings = PlanCheck.check(plan(["step": "C2", "level": "coproduce", "instruments": ["referendum"]], informStep), activities: activities)
        #expect(findings.errors.isEmpty)
        #expect(findings.warnings.map(\.code) == ["instrument-level-mismatch"])
        #expect(findings.warnings[0].location.path == "steps[0].instruments[0]")
    }

    /// The guide's table: B2 consulted or adviser, B4 consulted (an inspraakavond).
    @Test(
        "a step below the lowest level of the role the guide gives it is warned",
        arguments: [
            ("B4", "inform", true), ("B4", "consult", false), ("B4", "advise", false), ("B2", "consult", false), ("B2", "inform", true),
            ("C2", "consult", true), ("C2", "advise", false), ("B3", "inform", false),
        ])
    func belowTheGuidesRole(step: String, level: String, warned: Bool) {
        let findings = PlanCheck.check(plan(["step": .string(step), "level": .string(level)], informStep), activities: activities)
        #expect(findings.warnings.map(\.code).contains("below-guide-role") == warned)
    }

    @Test("a plan that follows the cycle step for step, at every level it lists, draws no warning")
    func theCycleAndThePlanAgree() {
        for pick in [\[ParticipationLevel].first, \[ParticipationLevel].last] {
            var steps: [JSONValue] = []
            for step in CycleStep.all where !step.levels.isEmpty {
                guard let level = step.levels[keyPath: pick] else { continue }
                steps.append(["step": .string(step.id), "level": .string(level.rawValue)])
            }
            let findings = PlanCheck.check(.object(["id": "cycle", "steps": .array(steps)]), activities: activities)
            #expect(findings.isEmpty, "\(findings.all.map { $0.rendered(in: .en) })")
        }
    }

    @Test func codecideNeedsASurveyWithInvitationCodes() {
        let without = PlanCheck.check(plan(["step": "C8", "level": "codecide", "survey": "wijkanalyse"], informStep), activities: activities)
        #expect(without.warnings.map(\.code).contains("codecide-without-invites"))
        let with = PlanCheck.check(plan(["step": "C8", "level": "codecide", "survey": "stemming"], informStep), activities: activities)
        #expect(!with.warnings.map(\.code).contains("codecide-without-invites"))
    }

    @Test func aPlanThatNeverTellsResidentsTheOutcomeIsWarned() {
        let findings = PlanCheck.check(plan(["step": "A5", "level": "consult"]), activities: activities)
        #expect(findings.warnings.map(\.code) == ["no-feedback-step"])
        #expect(findings.warnings[0].location.path == "steps")
    }

    @Test func anInformInstrumentCountsAsTellingResidents() {
        let findings = PlanCheck.check(
            plan(
                ["step": "A5", "level": "consult", "instruments": ["digitale-peiling"]],
                ["step": "C7", "level": "coproduce", "instruments": ["werkgroep", "huis-aan-huisblad"]]),
            activities: activities)
        #expect(!findings.warnings.map(\.code).contains("no-feedback-step"))
    }

    @Test func aPlanWithoutStepsIsAnError() {
        let findings = PlanCheck.check(["id": "leeg", "steps": []], activities: activities)
        #expect(findings.errors.map(\.code) == ["empty-plan"])
    }
}
