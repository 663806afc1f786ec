import Export
import Participation
import Surveys
import Testing
import WijkpeilCore

@Suite("Scrubbing free text")
struct ScrubberTests {
    @Test(arguments: [
        ("mail me: jan.de.vries@gemeente.nl graag", "mail me: [e-mail] graag"),
        ("zie https://voorbeeld.nl/pagina?id=3 of www.wijk.nl", "zie [url] of [url]"),
        ("bel 06-12345678", "bel [telefoon]"),
        ("bel 06 1234 5678.", "bel [telefoon]."),
        ("tel (020) 123 4567", "tel [telefoon]"),
        ("+31 6 12345678 of 0031612345678", "[telefoon] of [telefoon]"),
        ("+44 20 7946 0958", "[telefoon]"),
        ("rekening NL91 ABNA 0417 1643 00", "rekening [iban]"),
        ("NL91ABNA0417164300", "[iban]"),
        ("ik woon op 7601AB", "ik woon op [postcode]"),
        ("ik woon op 7601 AB in Almelo", "ik woon op [postcode] in Almelo"),
    ])
    func identifyingTextIsReplaced(_ text: String, _ expected: String) {
        #expect(Scrubber.scrub(text) == expected)
    }

    @Test(arguments: [
        "10 mensen kwamen", "in 2024 en 2025", "huisnummer 12", "bus 4 rijdt om 17.30", "1234 SS is geen postcode",
        "ik geef een 8", "200 meter verderop", "tussen 1990 en 2000",
    ])
    func ordinaryTextStays(_ text: String) {
        #expect(Scrubber.scrub(text) == text)
    }
}

@Suite("Generalising quasi-identifiers")
struct CoarseningTests {
    @Test(arguments: [(12.0, "10-19"), (19.9, "10-19"), (30, "30-39"), (79, "70-79"), (80, "80+"), (104, "80+"), (5, "0-9")])
    func agesBecomeTenYearBands(_ age: Double, _ band: String) {
        #expect(Coarsening.ageBand(age) == band)
    }

    @Test func postcodesBecomePC4() {
        #expect(Coarsening.pc4("7601 AB") == "7601")
        #expect(Coarsening.pc4("geen") == nil)
    }

    /// Expected weeks from Python's `datetime.date.fromisoformat(d).isocalendar()` (ISO 8601).
    @Test(arguments: [
        ("2026-11-23", "2026-W48"), ("2026-01-01", "2026-W01"), ("2021-01-03", "2020-W53"), ("2024-12-30", "2025-W01"),
        ("2020-12-31", "2020-W53"), ("2027-01-01", "2026-W53"), ("2023-01-01", "2022-W52"), ("2024-02-29", "2024-W09"),
    ])
    func datesBecomeISOWeeks(_ date: String, _ week: String) {
        #expect(Coarsening.isoWeek(date) == week)
    }
}

@Suite("The columns and cells of an export")
struct ExportPlanTests {
    static func survey() -> SurveyDefinition {
        let text = { (nl: String) in LocalizedText(nl: nl) }
        return SurveyDefinition(
            id: "s", title: text("S"), level: .consult,
            questions: [
                Question(id: "cijfer", text: text("Cijfer"), kind: .rating(min: 1, max: 10, labels: [:])),
                Question(
                    id: "eerst", text: text("Eerst"), kind: .multi(options: [Option(id: "a", label: text("A")), Option(id: "b", label: text("B"))], minChoices: 0, maxChoices: nil)),
                Question(
                    id: "stip", text: text("Stip"), kind: .stickers(options: [Option(id: "a", label: text("A")), Option(id: "b", label: text("B"))], stickers: 3, maxPerOption: 2)),
                Question(id: "leeftijd", text: text("Leeftijd"), privacy: .quasi, kind: .number(min: 0, max: 120, generalise: .ageBand)),
                Question(id: "postcode", text: text("Postcode"), privacy: .quasi, kind: .postcode),
                Question(id: "datum", text: text("Datum"), privacy: .quasi, kind: .date),
                Question(id: "opmerking", text: text("Opmerking"), privacy: .freeText, kind: .text(maxLength: 500)),
                Question(id: "ok", text: text("Toestemming"), kind: .consent),
                Question(id: "naam", text: text("Naam"), privacy: .direct, kind: .text(maxLength: 100)),
                Question(id: "email", text: text("E-mail"), privacy: .direct, kind: .email),
            ])
    }

    let plan = ExportPlan(definition: survey())

    @Test func directQuestionsAreNeverColumnsAndChoicesAreSplit() {
        #expect(plan.header == ["row", "cijfer", "eerst.a", "eerst.b", "stip.a", "stip.b", "leeftijd", "postcode", "datum", "opmerking", "ok"])
        #expect(plan.columns.filter(\.isQuasiIdentifier).map(\.name) == ["leeftijd", "postcode", "datum"])
    }

    @Test func cellsAreGeneralisedScrubbedAndGuarded() {
        let cells = plan.cells([
            "cijfer": 7, "eerst": ["b"], "stip": ["a": 2], "leeftijd": 43, "postcode": "7601 AB", "datum": "2026-11-23",
            "opmerking": "=HYPERLINK(\"x\") bel 0612345678", "ok": true, "naam": "Jan Jansen", "email": "jan@voorbeeld.nl",
        ])
        #expect(cells == ["7", "0", "1", "2", "0", "40-49", "7601", "2026-W48", "'=HYPERLINK(\"x\") bel [telefoon]", "1"])
        #expect(plan.cells(["cijfer": 7]) == ["7", "", "", "", "", "", "", "", "", ""])
    }

    @Test("a row's k-anonymity key from its answers is the key of its cells")
    func quasiKeyFromAnswers() {
        let answers: [String: JSONValue] = ["cijfer": 7, "leeftijd": 43, "postcode": "7601 AB", "datum": "2026-11-23", "opmerking": "bel 0612345678"]
        #expect(plan.quasiKey(answers: answers) == "40-49\u{1F}7601\u{1F}2026-W48")
        #expect(plan.quasiKey(answers: answers) == plan.quasiKey(plan.cells(answers)))
        #expect(plan.quasiKey(answers: ["cijfer": 7]) == plan.quasiKey(plan.cells(["cijfer": 7])))
    }

    @Test(arguments: ["=1+1", "+31", "-2", "@SUM", "\tx", "\rx"])
    func formulaLikeTextIsGuarded(_ text: String) {
        #expect(ExportPlan.guarded(text) == "'" + text)
    }

    @Test func ordinaryTextIsNotGuarded() {
        #expect(ExportPlan.guarded("hallo = hoi") == "hallo = hoi")
    }

    @Test func rareCombinationsAreSuppressedAndAFewSuppressedRowsLeftOut() {
        let decision = KAnonymity(k: 3, counts: ["a": 5, "b": 2, "c": 1])
        #expect(decision.suppressedKeys == ["b", "c"])
        #expect(decision.suppressedRows == 3)
        #expect(!decision.leaveOutSuppressed)
        let few = KAnonymity(k: 3, counts: ["a": 5, "b": 1, "c": 1])
        #expect(few.leaveOutSuppressed)
        #expect(few.holds(for: ["a": 5]))
        #expect(!few.holds(for: ["a": 5, "b": 1]))
    }
}
