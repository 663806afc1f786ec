import Agenda
import Analysis
import Export
import Foundation
import Participation
import Stickers
import Store
import Surveys
import Testing
import WijkpeilCore
import Workflows

@Suite("Use cases: importing paper forms")
struct PaperImportWorkflowTests {
    @Test("a file is checked before anything is stored; stored once; the same file again is told when it was imported")
    func importOnce() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let bytes = Array("formulier,cijfer-wonen\n1,7\n2,11\n3,8\n".utf8)
        let prepared = try PaperImport.prepare(bytes, fileName: "papier.csv", survey: try survey("wijkanalyse"))
        #expect(prepared.invalid.map(\.line) == [3] && prepared.submissions.count == 2)
        #expect(!prepared.shouldStore(skippingInvalid: false) && prepared.shouldStore(skippingInvalid: true))
        let first = try PaperImport.store(prepared, into: store, skippingInvalid: true)
        #expect(first.committed && first.stored == 2 && first.invalidLines == 1)
        let rejected = try PaperImport.rejectedLines(first.invalid, of: prepared, language: .nl)
        #expect(rejected.file == "papier.afgewezen.csv" && rejected.text.hasPrefix("formulier,cijfer-wonen,reden\r\n2,11,"))
        let again = try PaperImport.store(prepared, into: store, skippingInvalid: true)
        #expect(again.earlier?.fileName == "papier.csv" && again.stored == 0)
    }

    /// Prepares and stores `text` as the file `name`, as `responses import` does.
    func importing(_ text: String, named name: String, survey id: String = "wijkanalyse", into store: Store) throws -> PaperImport.Outcome {
        let prepared = try PaperImport.prepare(Array(text.utf8), fileName: name, survey: try survey(id))
        return try PaperImport.store(prepared, into: store, skippingInvalid: false)
    }

    @Test("a second file whose lines equal the first file's lines is stored whole (3 forms, then 4: 7)")
    func secondBatchWithEqualLinesIsStored() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let header = "geinformeerd,resultaten-zichtbaar\n"
        let one = try importing(header + String(repeating: "ja,ja\n", count: 3), named: "avond1.csv", survey: "evaluatie", into: store)
        let two = try importing(header + String(repeating: "ja,ja\n", count: 4), named: "avond2.csv", survey: "evaluatie", into: store)
        #expect(one.stored == 3 && two.stored == 4 && two.alreadyStored == 0)
        #expect(try store.responseCounts()["evaluatie"] == 7)
    }

    @Test("form numbers: the same form typed into two files is stored once; the same number with other answers refuses the file")
    func formNumbersAreKeys() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let header = "formulier,cijfer-wonen\n"
        #expect(try importing(header + "1,7\n2,8\n", named: "a.csv", into: store).stored == 2)
        let second = try importing(header + "2,8\n3,6\n", named: "b.csv", into: store)
        #expect(second.stored == 1 && second.alreadyStored == 1)
        let conflict = try importing(header + "4,5\n1,9\n", named: "c.csv", into: store)
        #expect(!conflict.committed && conflict.stored == 0)
        #expect(conflict.invalid.map(\.line) == [3] && conflict.invalid.first?.error == PaperImport.keyConflict)
        #expect(try store.responseCounts()["wijkanalyse"] == 3)
    }

    @Test("blank spreadsheet rows are passed over and counted, not refused")
    func blankRows() throws {
        let prepared = try PaperImport.prepare(Array("formulier,cijfer-wonen\n1,7\n,\n,\n2,6\n".utf8), fileName: "leeg.csv", survey: try survey("wijkanalyse"))
        #expect(prepared.submissions.count == 2 && prepared.blankLines == 2 && prepared.invalid.isEmpty)
    }

    @Test("an invite-only survey is refused: paper cannot check codes")
    func inviteOnlyRefused() throws {
        var ballot = try survey("wijkanalyse")
        ballot.requiresInvite = true
        #expect(throws: WorkflowError.self) { try PaperImport.prepare(Array("cijfer-wonen\n7\n".utf8), fileName: "p.csv", survey: ballot) }
    }
}

@Suite("Use cases: exports")
struct ExportWorkflowTests {
    @Test("an export goes to a folder of its own with its codebook; k-anonymity suppresses rare combinations before the file is kept")
    func export() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let lines = (0..<12).map { "\($0),\(5 + $0 % 5),\(30 + $0 % 2 * 40)" }.joined(separator: "\n")
        let prepared = try PaperImport.prepare(Array("formulier,cijfer-wonen,leeftijd\n\(lines)\n".utf8), fileName: "p.csv", survey: try survey("wijkanalyse"))
        _ = try PaperImport.store(prepared, into: store, skippingInvalid: false)
        let outcome = try ExportRun.run(plan: ExportPlan(definition: try survey("wijkanalyse")), store: store.reader, k: 7, target: folder.path + "/export/", json: false)
        #expect(outcome.file == folder.path + "/export/wijkanalyse.csv")
        #expect(FileManager.default.fileExists(atPath: outcome.codebook))
        // Ages 30-39 and 70-79, six rows each: under k = 7, so all twelve are suppressed (12 ≥ 7: kept with *).
        #expect(outcome.report.rows == 12 && outcome.report.rowsSuppressed == 12)
        let other = folder.path + "/export/wijkanalyse.json"
        #expect(throws: WorkflowError.self) {
            try ExportRun.run(plan: ExportPlan(definition: try survey("wijkanalyse")), store: store.reader, k: 7, target: other, json: true)
        }
    }
}

@Suite("Use cases: responses to earlier versions")
struct SurveyVersionsTests {
    fileprivate func store(_ folder: Folder, answering versions: [SurveyDefinition]) throws -> Store {
        let store = try Store(path: folder.path + "/w.sqlite")
        for (index, version) in versions.enumerated() {
            let filed = try store.registered(version)
            let response = try AnswerValidator.validate(["cijfer-wonen": 7, "buurt": "noord"], against: version)
            _ = try store.submit(Intake.submission(response, to: filed, key: "k\(index)", source: .api))
        }
        return store
    }

    @Test("an export joins a version with a question fewer, says so, and records it in the codebook")
    func joinsAnEarlierVersion() throws {
        let folder = Folder()
        var current = try survey("wijkanalyse")
        current.version = 2
        var earlier = current
        earlier.version = 1
        earlier.questions.removeAll { $0.id == "opmerking" }
        let store = try store(folder, answering: [earlier, current])
        let outcome = try ExportRun.run(plan: ExportPlan(definition: current), store: store.reader, k: 1, target: folder.path + "/export/", json: false, language: .en)
        #expect(outcome.report.rows == 2)
        #expect(outcome.joined.count == 1 && outcome.joined[0].contains("opmerking: question added"))
        let codebook = try String(contentsOfFile: outcome.codebook, encoding: .utf8)
        #expect(codebook.contains("wijkpeil:versions") && codebook.contains("question added"))
    }

    @Test("answers to a version whose options meant something else are not joined: export and analysis refuse, naming why")
    func refusesAnotherMeaning() throws {
        let folder = Folder()
        var current = try survey("wijkanalyse")
        current.version = 2
        var earlier = current
        earlier.version = 1
        let index = try #require(earlier.questions.firstIndex { $0.id == "buurt" })
        guard case .single(var options) = earlier.questions[index].kind else { Issue.record("buurt is not single"); return }
        options.append(Option(id: "buiten", label: LocalizedText(nl: "Buiten de wijk")))
        earlier.questions[index].kind = .single(options: options)
        let store = try store(folder, answering: [earlier, current])
        #expect {
            try ExportRun.run(plan: ExportPlan(definition: current), store: store.reader, k: 1, target: folder.path + "/export/", json: false, language: .en)
        } throws: { error in
            (error as? WorkflowError)?.message.contains("option(s) removed: buiten") == true
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/export/wijkanalyse.csv"))
        #expect {
            try AnalysisSamples.stored(plan: AnalysisPlan(survey: current, themeSet: nil, groupBy: nil), path: store.path, survey: "wijkanalyse", language: .en)
        } throws: { error in
            (error as? WorkflowError)?.message.contains("option(s) removed: buiten") == true
        }
    }

    @Test("every version whose answers mean something else is named at once, not one refusal at a time")
    func namesEveryConflictingVersion() throws {
        let folder = Folder()
        var current = try survey("wijkanalyse")
        current.version = 3
        var first = current
        first.version = 1
        let index = try #require(first.questions.firstIndex { $0.id == "cijfer-wonen" })
        first.questions[index].kind = .rating(min: 0, max: 10, labels: [:])
        var second = current
        second.version = 2
        let remark = try #require(second.questions.firstIndex { $0.id == "opmerking" })
        second.questions[remark].privacy = .quasi
        let store = try store(folder, answering: [first, second, current])
        #expect {
            try ExportRun.run(plan: ExportPlan(definition: current), store: store.reader, k: 1, target: folder.path + "/export/", json: false, language: .en)
        } throws: { error in
            guard let message = (error as? WorkflowError)?.message else { return false }
            return message.contains("1 response(s) to version 1 (cijfer-wonen: another scale (0–10 → 1–10))")
                && message.contains("1 response(s) to version 2 (opmerking: privacy changed (quasi → free-text)")
        }
    }
}

@Suite("Use cases: verifying an agenda")
struct AgendaVerificationTests {
    let evidence = [
        ThemeEvidence(theme: "a", label: LocalizedText(nl: "A"), supportStickers: 6, allSupportStickers: 10, mentioned: 0.4, dissatisfied: 0.5),
        ThemeEvidence(theme: "b", label: LocalizedText(nl: "B"), supportStickers: 4, allSupportStickers: 10, mentioned: 0.1, dissatisfied: 0.2),
    ]

    @Test("recomputed from the same inputs it matches; a changed score and a level other than agreed are named")
    func verify() throws {
        let inputs = [Agenda.Input(role: "analysis", file: "a.json", sha256: "aa")]
        let agenda = try Agenda.compute(evidence: evidence, max: 1, inputs: inputs, version: "test")
        #expect(AgendaVerification.problems(of: agenda, evidence: evidence, inputs: inputs, version: "test").isEmpty)
        var edited = agenda
        edited.themes[0].score = 0.1
        let problems = AgendaVerification.problems(of: edited, evidence: evidence, inputs: inputs, expected: .init(level: .codecide), version: "test")
        #expect(problems.contains { $0.en?.hasPrefix("themes[0].score: recorded 0.1, recomputed ") == true })
        #expect(problems.contains { $0.en == "level: recorded advise, expected codecide" })
        let otherFile = AgendaVerification.problems(of: agenda, evidence: evidence, inputs: [Agenda.Input(role: "analysis", file: "b.json", sha256: "bb")], version: "test")
        #expect(otherFile.map(\.en) == ["input 1 (analysis a.json): recorded sha256 aa, given b.json sha256 bb"])
        #expect(otherFile.map(\.nl) == ["invoer 1 (analysis a.json): vastgelegd sha256 aa, gegeven b.json sha256 bb"])
    }
}

@Suite("Use cases: tallying stickers")
struct StickerTallyingTests {
    @Test("the posters and the phones of one evening add up")
    func postersAndPhones() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let phones = try PaperImport.prepare(
            Array(#"{"submissionKey": "t1", "answers": {"stippen": {"groen": {"veiligheid": 2}, "rood": {"wonen": 1}}}}"#.utf8), fileName: "t.jsonl",
            survey: try survey("bewonersavond-stippen"))
        _ = try PaperImport.store(phones, into: store, skippingInvalid: false)
        guard case .session(let session) = try library.resolve("bewonersavond").content else { Issue.record("no session"); return }
        let poster = StickerTallying.PlacementInput(name: "p.csv", bytes: Array("poster,option,colour,count\nt,veiligheid,groen,3\n".utf8))
        let paper = try StickerTallying.paper(session: session, files: [poster], skipInvalid: false, language: .nl)
        let both = try StickerTallying.paper(session: session, files: [poster], skipInvalid: false, adding: (store.reader, library), language: .nl)
        #expect(paper.options.first { $0.id == "veiligheid" }?.counts["groen"] == 3)
        #expect(both.options.first { $0.id == "veiligheid" }?.counts["groen"] == 5)
        #expect(both.options.first { $0.id == "wonen" }?.counts["rood"] == 1)
    }

    @Test("stored paper counts: two entries stored one after the other must agree, or the second is not stored")
    func storedEntriesMustAgree() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        guard case .session(let session) = try library.resolve("bewonersavond").content else { Issue.record("no session"); return }
        // Two people type the same poster in; their files differ in bytes (line ends) even where they agree.
        func entry(_ name: String, _ count: Int) -> StickerTallying.PlacementInput {
            let end = name == "anna.csv" ? "\n" : "\r\n"
            return StickerTallying.PlacementInput(name: name, bytes: Array("poster,option,colour,count\(end)t,veiligheid,groen,\(count)\(end)".utf8), entry: name)
        }
        #expect(try StickerTallying.store(session: session, files: [entry("anna.csv", 3)], in: store, language: .nl).isEmpty)
        #expect(throws: WorkflowError.self) { try StickerTallying.store(session: session, files: [entry("bram.csv", 4)], in: store, language: .nl) }
        #expect(try store.stickerFiles(session: "bewonersavond").map(\.fileName) == ["anna.csv"])
        #expect(try StickerTallying.store(session: session, files: [entry("bram.csv", 3)], in: store, language: .nl).isEmpty)
        let tally = try StickerTallying.paper(session: session, files: [], skipInvalid: false, adding: (store.reader, library), language: .nl)
        #expect(tally.options.first { $0.id == "veiligheid" }?.counts["groen"] == 3)
        // The same bytes again (another name): known by its hash, stored once.
        #expect(try StickerTallying.store(session: session, files: [entry("anna.csv", 3)], in: store, language: .nl).map(\.fileName) == ["anna.csv"])
    }
}

@Suite("Use cases: making the agenda")
struct AgendaMakingTests {
    let inputs = AgendaMaking.Inputs(
        evidence: [
            ThemeEvidence(theme: "a", label: LocalizedText(nl: "A"), supportStickers: 6, allSupportStickers: 10, mentioned: 0.4, dissatisfied: 0.5),
            ThemeEvidence(theme: "b", label: LocalizedText(nl: "B"), supportStickers: 4, allSupportStickers: 10, mentioned: 0.1, dissatisfied: 0.2),
        ], files: [Agenda.Input(role: "analysis", file: "a.json", sha256: "aa")])

    @Test("a file that cannot be read is a usage error naming it; a file that is not JSON is invalid, naming it")
    func readingFiles() throws {
        let folder = Folder()
        #expect {
            try AgendaMaking.readJSON(folder.path + "/nergens.json", role: "analysis")
        } throws: { error in
            (error as? WorkflowError).map { $0.kind == .usage && $0.message.contains("nergens.json") } == true
        }
        let text = folder.path + "/tekst.json"
        _ = FileManager.default.createFile(atPath: text, contents: Data("geen json".utf8))
        #expect {
            try AgendaMaking.readJSON(text, role: "analysis")
        } throws: { error in
            // The parser's words, not a Swift type's dump.
            (error as? WorkflowError).map {
                $0.kind == .invalid && $0.message.contains("'\(text)' is not JSON (unexpected character at line 1, column 1)")
            } == true
        }
        _ = FileManager.default.createFile(atPath: text, contents: Data("{}".utf8))
        let (_, input) = try AgendaMaking.readJSON(text, role: "analysis")
        // The SHA-256 of the two bytes "{}".
        #expect(input.sha256 == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" && input.file == "tekst.json")
    }

    @Test("the agenda is weighed from the evidence; with no signal left it is refused in words")
    func making() throws {
        let agenda = try AgendaMaking.make(from: inputs, weights: .standard, max: 1, level: .advise, version: "test")
        #expect(agenda.priorities == ["a"])
        // Only the indicators weigh, and no theme has any.
        let none = try #require(Weights([.indicators: 1]))
        #expect(throws: WorkflowError.self) {
            try AgendaMaking.make(from: inputs, weights: none, max: 1, level: .advise, version: "test")
        }
    }

    @Test("computed again into a file with the council's answers: kept when the priorities are the same, refused when they differ")
    func councilAnswersAreKept() throws {
        let folder = Folder()
        var answered = try AgendaMaking.make(from: inputs, weights: .standard, max: 1, level: .advise, version: "test")
        try answered.record(CouncilResponse(decision: .adopted, reason: nil, date: "2026-11-30"), for: "a")
        let file = folder.path + "/agenda.json"
        _ = FileManager.default.createFile(atPath: file, contents: answered.jsonValue.encoded(pretty: true))

        var again = try AgendaMaking.make(from: inputs, weights: .standard, max: 1, level: .advise, version: "test")
        try AgendaMaking.keepCouncilAnswers(in: file, for: &again, language: .en)
        #expect(again.responses["a"]?.decision == .adopted)

        var other = inputs
        other.evidence[1].supportStickers = 9
        other.evidence[1].mentioned = 0.9
        other.evidence[1].dissatisfied = 0.9
        var changed = try AgendaMaking.make(from: other, weights: .standard, max: 1, level: .advise, version: "test")
        #expect(changed.priorities == ["b"])
        #expect {
            try AgendaMaking.keepCouncilAnswers(in: file, for: &changed, language: .en)
        } throws: { error in
            (error as? WorkflowError)?.message.contains("holds the council's answers to a; the new computation gives b") == true
        }
    }
}

@Suite("Use cases: the organiser's list of stored responses")
struct ResponseListingTests {
    @Test("CSV and JSONL list every stored response in order, with key, channel and the hash answered")
    func lists() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let definition = try survey("wijkanalyse")
        let filed = try store.registered(definition)
        let answered: [[String: JSONValue]] = [["cijfer-wonen": 7, "eerst-beter": ["verkeer", "wonen"]], ["cijfer-wonen": 4]]
        for (index, answers) in answered.enumerated() {
            let response = try AnswerValidator.validate(answers, against: definition)
            _ = try store.submit(Intake.submission(response, to: filed, key: "k\(index)", source: index == 0 ? .web : .paper))
        }
        var csv = ""
        try ResponseListing.list(definition, from: store.reader, format: .csv) { csv += $0 }
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("id,submissionKey,source,receivedAt,cijfer-bewoners,"))
        #expect(lines[1].hasPrefix("1,k0,web,") && lines[1].contains(",7,") && lines[1].contains("wonen;verkeer"))
        #expect(lines[2].hasPrefix("2,k1,paper,") && lines[2].contains(",4,"))

        var jsonl: [String] = []
        try ResponseListing.list(definition, from: store.reader, format: .jsonl) { jsonl.append($0) }
        #expect(jsonl.count == 2 && jsonl.allSatisfy { $0.hasSuffix("}\n") })
        let first = try JSONValue.parse(Data(jsonl[0].utf8))
        guard case .object(let fields) = first else { Issue.record("not an object"); return }
        #expect(fields["submissionKey"] == .string("k0") && fields["definitionHash"] == .string(filed.hash))
    }
}
