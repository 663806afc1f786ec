import Agenda
import Foundation
import Participation
import Testing
import WijkpeilCore

private func theme(_ id: String, support: Int? = nil, of total: Int? = nil, dissatisfied: Double? = nil, gaps: [Double] = []) -> ThemeEvidence {
    ThemeEvidence(
        theme: id, label: LocalizedText(nl: id.capitalized, en: id.capitalized), supportStickers: support,
        allSupportStickers: total, dissatisfied: dissatisfied, indicators: gaps.enumerated().map { ("indicator \($0.offset)", $0.element) })
}

private func weights(_ residents: Double, _ survey: Double, _ indicators: Double) -> Weights {
    Weights([.residents: residents, .survey: survey, .indicators: indicators])!
}

@Suite("Agenda: the formula")
struct AgendaFormulaTests {
    /// Worked by hand:
    /// residents 6/10, 3/10, 1/10 → normalised 1, 0.5, 1/6;
    /// survey 0.5, 0.25, 0.1 → 1, 0.5, 0.2;
    /// indicators mean(clamp(gap)) 0.2, (0 + 0.4)/2 = 0.2, clamp(1.5) = 1 → 0.2, 0.2, 1.
    /// Scores with 0.4/0.3/0.3: A = 0.4 + 0.3 + 0.06 = 0.76; B = 0.2 + 0.15 + 0.06 = 0.41;
    /// C = 0.4/6 + 0.06 + 0.3 = 0.42667.
    let evidence = [
        theme("a", support: 6, of: 10, dissatisfied: 0.5, gaps: [0.2]),
        theme("b", support: 3, of: 10, dissatisfied: 0.25, gaps: [-0.1, 0.4]),
        theme("c", support: 1, of: 10, dissatisfied: 0.1, gaps: [1.5]),
    ]

    @Test("scores, ranks and the selection match the hand computation")
    func handComputed() throws {
        let agenda = try Agenda.compute(evidence: evidence, weights: weights(0.4, 0.3, 0.3), max: 2, version: "test")
        #expect(agenda.themes.map(\.theme) == ["a", "c", "b"])
        let scores = Dictionary(uniqueKeysWithValues: agenda.themes.map { ($0.theme, $0.score) })
        #expect(abs(scores["a"]! - 0.76) < 1e-12)
        #expect(abs(scores["b"]! - 0.41) < 1e-12)
        #expect(abs(scores["c"]! - (0.4 / 6 + 0.06 + 0.3)) < 1e-12)
        #expect(agenda.priorities == ["a", "c"])
        let b = try #require(agenda.themes.first { $0.theme == "b" })
        #expect(abs(b.signals[.indicators]! - 0.2) < 1e-12)
        #expect(abs(b.normalised[.residents]! - 0.5) < 1e-12)
        #expect(abs(b.contributions[.survey]! - 0.15) < 1e-12)
        #expect(agenda.themes.map(\.rank) == [1, 2, 3])
    }

    /// Worked by hand, with the standard weights 0.3/0.2/0.25/0.25 and the same evidence plus
    /// mentions 0.4, 0.1, 0.2 → normalised 1, 0.25, 0.5:
    /// A = 0.3 + 0.2 + 0.25 + 0.05 = 0.8; B = 0.15 + 0.05 + 0.125 + 0.05 = 0.375;
    /// C = 0.05 + 0.1 + 0.05 + 0.25 = 0.45.
    @Test("the mentions are a fourth signal, weighed by the standard weights")
    func mentionsHandComputed() throws {
        var withMentions = evidence
        for (index, share) in [0.4, 0.1, 0.2].enumerated() { withMentions[index].mentioned = share }
        let agenda = try Agenda.compute(evidence: withMentions, max: 2, version: "test")
        let scores = Dictionary(uniqueKeysWithValues: agenda.themes.map { ($0.theme, $0.score) })
        #expect(abs(scores["a"]! - 0.8) < 1e-12)
        #expect(abs(scores["b"]! - 0.375) < 1e-12)
        #expect(abs(scores["c"]! - 0.45) < 1e-12)
        #expect(agenda.priorities == ["a", "c"])
        #expect(agenda.rule == .withMentions)
        #expect(agenda.themes[0].explanation.nl.contains("door 40% als eerste genoemd"))
        #expect(agenda.themes[0].explanation.en?.contains("named first by 40%") == true)
        // Stability over the grid of four signals at step 0.05: 1,771 weightings.
        #expect(agenda.themes.allSatisfy { abs(($0.stability * 1771).rounded() - $0.stability * 1771) < 1e-9 })
        #expect(Weights.standard[.residents] + Weights.standard[.mentions] + Weights.standard[.survey] == 0.75)
    }

    @Test("an agenda made under the first rule is recomputed by it: three signals, mentions ignored")
    func firstRuleStillVerifies() throws {
        var withMentions = evidence
        for index in withMentions.indices { withMentions[index].mentioned = 0.5 }
        let old = try Agenda.compute(evidence: evidence, weights: .standardBeforeMentions, max: 2, version: "0.1.0", rule: .stickersSurveyIndicators)
        let read = try Agenda.read(old.jsonValue, file: "oud.json")
        #expect(read.rule == .stickersSurveyIndicators)
        let again = try Agenda.compute(evidence: withMentions, weights: read.weights, max: read.max, version: "0.1.0", rule: read.rule)
        #expect(read.differences(from: again).isEmpty)
        #expect(again.themes.allSatisfy { $0.signals[.mentions] == nil })
    }

    @Test("verify names every field that differs, with both values; a rule no Wijkpeil wrote is refused")
    func differencesAreNamed() throws {
        let agenda = try Agenda.compute(evidence: evidence, max: 2, version: "test")
        var edited = agenda
        edited.themes[1].score = 0.5
        edited.priorities = ["a", "b"]
        let differences = edited.differences(from: agenda)
        #expect(differences.contains { $0.en?.hasPrefix("themes[1].score: recorded 0.5, recomputed ") == true })
        #expect(differences.contains { $0.en == "priorities[1]: recorded \"b\", recomputed \"c\"" })
        #expect(differences.contains { $0.nl == "priorities[1]: vastgelegd \"b\", herberekend \"c\"" })
        guard case .object(var json) = agenda.jsonValue else { return }
        json["rule"] = "wijkpeil-agenda-1: anything goes"
        #expect(throws: InvalidInput.self) { try Agenda.read(.object(json), file: "x.json") }
    }

    @Test("equal scores: the residents signal decides, then the theme id")
    func ties() throws {
        // x: many stickers, nobody dissatisfied; y: no stickers, the most dissatisfied. 50/50: equal scores.
        let tied = try Agenda.compute(
            evidence: [theme("y", support: 0, of: 4, dissatisfied: 0.4), theme("x", support: 4, of: 4, dissatisfied: 0)],
            weights: weights(0.5, 0.5, 0), max: 1, version: "test")
        #expect(abs(tied.themes[0].score - tied.themes[1].score) < 1e-12)
        #expect(tied.priorities == ["x"])
        // Everything equal: by theme id.
        let same = try Agenda.compute(
            evidence: [theme("zorg", support: 2, of: 4, dissatisfied: 0.3), theme("groen", support: 2, of: 4, dissatisfied: 0.3)],
            max: 1, version: "test")
        #expect(same.themes.map(\.theme) == ["groen", "zorg"])
    }

    @Test("a signal missing everywhere drops out; its weight is shared in proportion")
    func missingEverywhere() throws {
        let agenda = try Agenda.compute(evidence: [theme("a", dissatisfied: 0.5, gaps: [0.1]), theme("b", dissatisfied: 0.2, gaps: [0.3])], version: "test")
        #expect(agenda.appliedWeights[.residents] == 0)
        #expect(abs(agenda.appliedWeights[.survey] - 0.5) < 1e-12 && abs(agenda.appliedWeights[.indicators] - 0.5) < 1e-12)
        #expect(agenda.weights == .standard)
        #expect(agenda.themes.allSatisfy { $0.signals[.residents] == nil && !$0.flags.contains("missing-residents") })
    }

    @Test("a signal missing for some themes counts 0 there and is flagged")
    func missingSomewhere() throws {
        let agenda = try Agenda.compute(
            evidence: [theme("a", support: 2, of: 4, dissatisfied: nil), theme("b", support: 2, of: 4, dissatisfied: 0.5)], version: "test")
        let a = try #require(agenda.themes.first { $0.theme == "a" })
        #expect(a.flags.contains("missing-survey"))
        #expect(a.normalised[.survey] == 0 && a.signals[.survey] == nil)
        #expect(agenda.themes[0].theme == "b")
    }

    @Test("a signal that is 0 everywhere stays 0")
    func zeroEverywhere() throws {
        let agenda = try Agenda.compute(evidence: [theme("a", support: 0, of: 0, dissatisfied: 0.2), theme("b", support: 0, of: 0, dissatisfied: 0.1)], version: "test")
        #expect(agenda.themes.allSatisfy { $0.normalised[.residents] == 0 })
        #expect(agenda.priorities == ["a", "b"])
    }

    @Test("max above four or below one is refused; no signal with weight is refused")
    func refusals() {
        #expect(throws: Agenda.ComputeError.maxOutOfRange(5)) { try Agenda.compute(evidence: evidence, max: 5, version: "test") }
        #expect(throws: Agenda.ComputeError.maxOutOfRange(0)) { try Agenda.compute(evidence: evidence, max: 0, version: "test") }
        #expect(throws: Agenda.ComputeError.noSignal) {
            try Agenda.compute(evidence: [theme("a", dissatisfied: 0.2)], weights: weights(1, 0, 0), version: "test")
        }
    }

    @Test("the explanation names the stickers' place, the share dissatisfied and the worst indicator")
    func explanation() throws {
        let agenda = try Agenda.compute(evidence: evidence, version: "test")
        let a = try #require(agenda.themes.first { $0.theme == "a" })
        #expect(a.explanation.nl == "A: veel stickers (6, 1e), 50% ontevreden, indicator 0 20% slechter dan de referentie")
        #expect(a.explanation.en == "A: many stickers (6, 1st), 50% dissatisfied, indicator 0 20% worse than the reference")
        let c = try #require(agenda.themes.first { $0.theme == "c" })
        #expect(c.explanation.nl.hasPrefix("C: weinig stickers (1, 3e)"))
    }
}

@Suite("Agenda: weights and stability")
struct AgendaWeightsTests {
    @Test(
        "weights are read, and rescaled to sum to 1 when they do not",
        arguments: [
            ("residents=0.4,survey=0.3,indicators=0.3", 0.4, false),
            ("residents=2,survey=1,indicators=1", 0.5, true),
            ("survey=1", 0.0, false),
            ("residents=0,5, survey=0,5", 0.5, false),
        ])
    func parse(text: String, residents: Double, rescaled: Bool) throws {
        // A decimal comma inside a pair is not supported next to the comma between pairs:
        // "residents=0,5" reads as "residents=0" and "5"; that line must fail.
        if text.contains("0,5") {
            #expect(throws: Weights.ParseError.self) { try Weights.parse(text) }
            return
        }
        let parsed = try Weights.parse(text)
        #expect(abs(parsed.weights[.residents] - residents) < 1e-12)
        #expect(parsed.rescaled == rescaled)
        #expect(abs(Signal.allCases.reduce(0) { $0 + parsed.weights[$1] } - 1) < 1e-12)
    }

    @Test("bad weights are refused with a reason", arguments: ["residents=-1", "residents=0,survey=0", "resident=1", "residents=x", "survey=1,survey=2"])
    func badWeights(text: String) {
        #expect(throws: Weights.ParseError.self) { try Weights.parse(text) }
    }

    /// Theme a is all residents (1, 0, 0), theme b all survey and indicators (0, 1, 1), one
    /// priority. a wins when its weight a > b + c, or at a tie (a = 0.5) on the residents signal:
    /// a = 0.50 … 1.00 is i = 10 … 20 twentieths, with 21 − i choices of the rest each:
    /// 11 + 10 + … + 1 = 66 of the 231 points. b wins the other 165.
    @Test("stability on a case where it is known exactly: 66/231 and 165/231")
    func stability() throws {
        let evidence = [theme("a", support: 5, of: 5, dissatisfied: 0, gaps: [-0.5]), theme("b", support: 0, of: 5, dissatisfied: 0.4, gaps: [0.3])]
        let standard = try Agenda.compute(evidence: evidence, max: 1, version: "test")
        let a = try #require(standard.themes.first { $0.theme == "a" }), b = try #require(standard.themes.first { $0.theme == "b" })
        #expect(a.stability == 66.0 / 231.0)
        #expect(b.stability == 165.0 / 231.0)
        #expect(standard.priorities == ["b"] && !b.flags.contains("fragile"))
        // Weighing the stickers heavily selects a, but only on 29% of the grid: fragile.
        let residentsFirst = try Agenda.compute(evidence: evidence, weights: weights(0.8, 0.1, 0.1), max: 1, version: "test")
        #expect(residentsFirst.priorities == ["a"])
        #expect(residentsFirst.themes[0].flags == ["fragile"])
    }
}

@Suite("Agenda: the council's answer")
struct CouncilResponseTests {
    func agenda(level: ParticipationLevel) throws -> Agenda {
        try Agenda.compute(
            evidence: [theme("a", support: 3, of: 4, dissatisfied: 0.5), theme("b", support: 1, of: 4, dissatisfied: 0.2)],
            max: 1, level: level, version: "test")
    }

    @Test("at level advise a rejection without a reason is refused; with one it is kept")
    func reasonRequired() throws {
        var agenda = try agenda(level: .advise)
        #expect(throws: CouncilResponse.RecordError.reasonRequired(level: .advise, decision: .rejected)) {
            try agenda.record(CouncilResponse(decision: .rejected, reason: "  ", date: "2026-11-23"), for: "a")
        }
        #expect(throws: CouncilResponse.RecordError.reasonRequired(level: .advise, decision: .adjusted)) {
            try agenda.record(CouncilResponse(decision: .adjusted, reason: nil, date: "2026-11-23"), for: "a")
        }
        try agenda.record(CouncilResponse(decision: .rejected, reason: "Geen budget tot 2028.", date: "2026-11-23"), for: "a")
        #expect(agenda.responses["a"]?.reason == "Geen budget tot 2028.")
        try agenda.record(CouncilResponse(decision: .adopted, reason: nil, date: "2026-11-24"), for: "a")
        #expect(agenda.responses["a"]?.decision == .adopted)
    }

    @Test("at every level an answer but adopted owes a reason of 20 characters; only priorities get an answer")
    func everyDeviationHasAReason() throws {
        var agenda = try agenda(level: .consult)
        #expect(throws: CouncilResponse.RecordError.reasonRequired(level: .consult, decision: .rejected)) {
            try agenda.record(CouncilResponse(decision: .rejected, reason: nil, date: "2026-11-23"), for: "a")
        }
        #expect(throws: CouncilResponse.RecordError.reasonTooShort(level: .consult, decision: .rejected)) {
            try agenda.record(CouncilResponse(decision: .rejected, reason: "geen geld", date: "2026-11-23"), for: "a")
        }
        try agenda.record(CouncilResponse(decision: .rejected, reason: "Er is tot 2028 geen budget.", date: "2026-11-23"), for: "a")
        #expect(throws: CouncilResponse.RecordError.notAPriority(theme: "b", priorities: ["a"])) {
            try agenda.record(CouncilResponse(decision: .adopted, reason: nil, date: "2026-11-23"), for: "b")
        }
    }

    @Test("at advise deviating needs a sentence, not a long word")
    func adviseNeedsASentence() throws {
        var agenda = try agenda(level: .advise)
        #expect(throws: CouncilResponse.RecordError.reasonTooShort(level: .advise, decision: .adjusted)) {
            try agenda.record(CouncilResponse(decision: .adjusted, reason: "Budgetoverschrijdingsrisico", date: "2026-11-23"), for: "a")
        }
    }

    @Test(
        "at co-decide residents decided: adjusted and rejected are refused; outside-frames names its frame",
        arguments: [
            CouncilResponse.Decision.adjusted, .rejected,
        ])
    func codecideKeepsThePromise(_ decision: CouncilResponse.Decision) throws {
        var agenda = try agenda(level: .codecide)
        #expect(throws: CouncilResponse.RecordError.notAtThisLevel(level: .codecide, decision: decision)) {
            try agenda.record(CouncilResponse(decision: decision, reason: "De raad denkt er anders over, helaas.", date: "2026-11-23"), for: "a")
        }
        let error = CouncilResponse.RecordError.notAtThisLevel(level: .codecide, decision: decision)
        #expect(error.message.nl.contains(ParticipationLevel.codecide.promise.nl))
        #expect(throws: CouncilResponse.RecordError.frameRequired) {
            try agenda.record(CouncilResponse(decision: .outsideFrames, reason: "Het plan kost drie keer het budget.", date: "2026-11-23"), for: "a")
        }
        try agenda.record(CouncilResponse(decision: .outsideFrames, reason: "Het plan kost drie keer het budget.", frame: "budget", date: "2026-11-23"), for: "a")
        #expect(agenda.responses["a"]?.frame == "budget")
        // Below co-decide outside-frames has no meaning.
        var advise = try self.agenda(level: .advise)
        #expect(throws: CouncilResponse.RecordError.notAtThisLevel(level: .advise, decision: .outsideFrames)) {
            try advise.record(CouncilResponse(decision: .outsideFrames, reason: "Het plan kost drie keer het budget.", frame: "budget", date: "2026-11-23"), for: "a")
        }
    }

    @Test("a date must be a real day", arguments: ["2026-02-30", "2026-13-01", "30-11-2026", ""])
    func realDates(_ date: String) throws {
        var agenda = try agenda(level: .advise)
        #expect(throws: CouncilResponse.RecordError.invalidDate(date)) {
            try agenda.record(CouncilResponse(decision: .adopted, reason: nil, date: date), for: "a")
        }
    }

    @Test("the council's own priority stands apart: not among the residents', not compared by verify, shown on the page")
    func councilPriority() throws {
        var agenda = try agenda(level: .advise)
        let computed = agenda
        #expect(throws: CouncilResponse.RecordError.reasonTooShort(level: .advise, decision: .adopted)) {
            try agenda.addCouncilPriority(theme: "b", reason: "Omdat het moet.", date: "2026-12-01")
        }
        #expect(throws: CouncilResponse.RecordError.alreadyAPriority(theme: "a")) {
            try agenda.addCouncilPriority(theme: "a", reason: "Dit staat al op de agenda van bewoners.", date: "2026-12-01")
        }
        try agenda.addCouncilPriority(theme: "b", reason: "De ombuiging van 2027 vraagt het.", date: "2026-12-01")
        #expect(agenda.priorities == ["a"])
        #expect(agenda.councilPriorities.map(\.theme) == ["b"])
        #expect(agenda.matches(computed))
        let read = try Agenda.read(agenda.jsonValue, file: "agenda.json")
        #expect(read.councilPriorities == agenda.councilPriorities)
        #expect(agenda.jsonValue.compactText.contains(#""byCouncil":true"#))
        #expect(agenda.html(language: .nl).contains("Door de raad toegevoegd"))
    }

    @Test("an answer edited in by hand that breaks the rules is named, so publish can refuse it")
    func breaches() throws {
        var agenda = try agenda(level: .advise)
        agenda.responses["a"] = CouncilResponse(decision: .rejected, reason: nil, date: "2026-11-23")
        #expect(agenda.breaches.count == 1 && agenda.breaches[0].en?.hasPrefix("responses.a: at level advise") == true)
        agenda.responses["a"] = CouncilResponse(decision: .rejected, reason: "Er is tot 2028 geen budget.", date: "2026-11-23")
        #expect(agenda.breaches.isEmpty)
    }

    @Test("answers keep their history, and the page shows it")
    func history() throws {
        var agenda = try agenda(level: .advise)
        try agenda.record(CouncilResponse(decision: .adopted, reason: nil, date: "2026-11-23"), for: "a")
        try agenda.record(CouncilResponse(decision: .adjusted, reason: "Eerst de schoolroute, dan de rest.", date: "2026-12-10"), for: "a")
        #expect(agenda.responses["a"]?.history.map(\.date) == ["2026-11-23"])
        let page = agenda.html(language: .nl)
        #expect(page.contains("Eerder: overgenomen (23 november 2026)."))
    }

    @Test("an agenda reads back from its JSON as it was, answers included")
    func roundTrip() throws {
        var agenda = try agenda(level: .advise)
        agenda.inputs = [Agenda.Input(role: "analysis", file: "a.json", sha256: String(repeating: "0", count: 64))]
        try agenda.record(CouncilResponse(decision: .adjusted, reason: "Eerst de schoolroute.", date: "2026-11-23"), for: "a")
        let text = String(decoding: agenda.jsonValue.encoded(pretty: true), as: UTF8.self)
        let read = try Agenda.read(try JSONValue.parse(Data(text.utf8)), file: "agenda.json")
        #expect(read == agenda)
        #expect(read.matches(agenda))
    }

    @Test("the page for residents shows each priority's answer and the promise of the level")
    func page() throws {
        var agenda = try agenda(level: .advise)
        try agenda.record(CouncilResponse(decision: .rejected, reason: "Geen budget <tot> 2028.", date: "2026-11-23"), for: "a")
        let html = agenda.html(language: .nl)
        #expect(html.contains("<html lang=\"nl\">"))
        #expect(html.contains(ParticipationLevel.advise.promise.nl))
        #expect(html.contains("De raad: niet overgenomen (23 november 2026). Waarom: Geen budget &lt;tot&gt; 2028."))
        #expect(!html.contains("<script"))
        // The scores as a chart, the figures and the check folded away, in words without code.
        #expect(html.contains("<figure><svg") && html.contains("<summary>De cijfers per thema</summary>"))
        #expect(html.contains("<details class=\"check\"><summary>Controleer deze uitslag</summary>") && !html.contains("`"))
        let unanswered = try self.agenda(level: .advise).html(language: .en)
        #expect(unanswered.contains("The council has not answered yet."))
    }
}

@Suite("Agenda: reading the analysis and tallies")
struct ThemeEvidenceTests {
    @Test("signals come from the analysis and the tallies; tallies add up")
    func read() throws {
        let analysis = try JSONValue.parse(
            Data(
                """
                {"themes": [
                  {"theme": "veiligheid", "label": {"nl": "Veiligheid"}, "n": 40, "dissatisfied": {"share": 0.5},
                   "indicators": [{"indicator": "inbraken", "buurt": null, "gap": 0.7}, {"indicator": "inbraken", "buurt": "noord", "gap": 1.4}]},
                  {"theme": "groen", "label": {"nl": "Groen"}, "n": 3, "dissatisfied": null, "indicators": [{"indicator": "groen", "buurt": "zuid", "gap": -0.2}]}
                ]}
                """.utf8))
        let tally1 = try JSONValue.parse(Data(#"{"options": [{"id": "v", "theme": "veiligheid", "support": 6}, {"id": "x", "support": 2}]}"#.utf8))
        let tally2 = try JSONValue.parse(
            Data(#"{"options": [{"id": "v", "theme": "veiligheid", "support": 2}, {"id": "s", "theme": "sport", "label": {"nl": "Sport"}, "support": 4}]}"#.utf8))
        let evidence = try ThemeEvidence.read(analysis: analysis, analysisFile: "a.json", tallies: [(tally1, "t1.json"), (tally2, "t2.json")])
        #expect(evidence.map(\.theme) == ["veiligheid", "groen", "sport"])
        #expect(evidence[0].signal(.residents) == 8.0 / 14.0)
        #expect(evidence[0].signal(.survey) == 0.5)
        // The wijk-wide indicator counts; the buurt one only where there is no wijk-wide one.
        #expect(evidence[0].signal(.indicators) == 0.7)
        #expect(evidence[1].signal(.indicators) == 0)
        #expect(evidence[1].signal(.survey) == nil)
        #expect(evidence[2].signal(.survey) == nil && evidence[2].label.nl == "Sport")
    }

    @Test("a malformed input is reported with its file and JSON path")
    func errors() throws {
        let analysis = try JSONValue.parse(Data(#"{"themes": [{"label": {"nl": "x"}}]}"#.utf8))
        let tally = try JSONValue.parse(Data(#"{"options": [{"id": "v", "support": "veel"}]}"#.utf8))
        do {
            _ = try ThemeEvidence.read(analysis: analysis, analysisFile: "a.json", tallies: [(tally, "t.json")])
            Issue.record("expected findings")
        } catch {
            let places = error.findings.errors.map { "\($0.location.file ?? ""): \($0.location.path ?? "")" }
            #expect(places.contains("a.json: themes[0].theme"))
            #expect(places.contains("t.json: options[0].support"))
        }
    }
}

@Suite("Agenda: what it is of")
struct AgendaAreaTests {
    @Test("the neighbourhood the analysis names is kept in the file and named on the page; verify does not weigh it")
    func area() throws {
        var agenda = try Agenda.compute(evidence: [theme("a", support: 6, of: 10, dissatisfied: 0.5)], version: "test")
        agenda.area = "Kerkwijk (WK034401), 2026"
        let read = try Agenda.read(agenda.jsonValue, file: "a.json")
        #expect(read.area == "Kerkwijk (WK034401), 2026")
        #expect(read.html(language: .nl).contains("<p class=\"area\"><strong>Kerkwijk (WK034401), 2026</strong></p>"))
        #expect(read.markdown(language: .nl).contains("**Kerkwijk (WK034401), 2026**"))
        var unnamed = read
        unnamed.area = nil
        #expect(read.differences(from: unnamed).isEmpty)
    }
}

@Suite("Agenda: the page in plain words")
struct AgendaPlainWordsTests {
    /// Two themes; "a" has the most stickers and 80% dissatisfied, "b" few stickers and bad statistics.
    func agenda() throws -> Agenda {
        try Agenda.compute(
            evidence: [theme("a", support: 9, of: 12, dissatisfied: 0.8, gaps: [0.05]), theme("b", support: 3, of: 12, dissatisfied: 0.2, gaps: [0.9])],
            weights: weights(0.4, 0.3, 0.3), max: 2, version: "test")
    }

    @Test("one B1 sentence per priority from the two signals that added most, shares as 'x van de 10'")
    func reasons() throws {
        let agenda = try agenda()
        let a = try #require(agenda.themes.first { $0.theme == "a" }), b = try #require(agenda.themes.first { $0.theme == "b" })
        // a: residents 0.4 × 1 and survey 0.3 × 1 are its two largest contributions.
        #expect(
            agenda.plainReason(for: a, language: .nl)
                == "A komt op de agenda, vooral omdat bewoners er op de avond de meeste stickers op plakten en 8 van de 10 bewoners hierover ontevreden zijn.")
        #expect(
            agenda.plainReason(for: a, language: .en)
                == "A is on the agenda, mainly because residents put the most stickers on it at the evening and 8 in 10 residents are dissatisfied with it.")
        // b: the indicators (0.3 × 1) first, then its stickers (0.4 × 1/3 ≈ 0.13 against 0.3 × 0.25 = 0.075 for the survey).
        #expect(
            agenda.plainReason(for: b, language: .nl)
                == "B komt op de agenda, vooral omdat de cijfers van CBS en gemeente slechter zijn dan de referentie en bewoners er op de avond stickers op plakten.")
        // The stored explanation is untouched: verify compares it.
        #expect(b.explanation.nl.hasPrefix("B: een deel van de stickers (3, 2e)"))
        let page = agenda.html(language: .nl)
        #expect(page.contains("<p class=\"reason\">A komt op de agenda, vooral omdat") && page.contains("<p class=\"figures\">In cijfers: veel stickers (9, 1e)"))
    }

    @Test("the evening's date and participants: kept in the file, named on the page, not weighed by verify")
    func evening() throws {
        var agenda = try agenda()
        #expect(!agenda.html(language: .nl).contains("class=\"evening\""))
        agenda.evening = Agenda.Evening(date: "2026-12-03", participants: 26)
        let read = try Agenda.read(agenda.jsonValue, file: "a.json")
        #expect(read.evening == Agenda.Evening(date: "2026-12-03", participants: 26))
        #expect(read.html(language: .nl).contains("<p class=\"evening\">Op de bewonersavond van 3 december 2026 deden 26 bewoners mee.</p>"))
        #expect(read.html(language: .en).contains("<p class=\"evening\">26 residents took part in the resident evening of 3 December 2026.</p>"))
        var withoutCount = read
        withoutCount.evening = Agenda.Evening(date: "2026-12-03", participants: nil)
        #expect(withoutCount.html(language: .nl).contains("Gekozen na de bewonersavond van 3 december 2026."))
        #expect(read.differences(from: try self.agenda()).isEmpty)
    }
}
