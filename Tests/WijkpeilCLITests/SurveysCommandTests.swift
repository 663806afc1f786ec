import Foundation
import Testing
import WijkpeilCore

@Suite("wijkpeil surveys and plan check")
struct SurveysCommandTests {
    @Test func theBundledSurveysValidate() {
        let result = wijkpeil("surveys", "validate", "--surveys", bundledSurveys)
        #expect(result.status == 0, "\(result.out)")
        #expect(result.out.isEmpty, "no findings expected: \(result.out)")
        #expect(result.err.contains("0 fout(en), 0 waarschuwing(en)"))
    }

    @Test func aDefinitionWithThreePlantedMistakesListsAllThreeAndExitsOne() throws {
        let folder = TemporaryFolder()
        var text = try String(contentsOfFile: bundledSurveys + "/wijkanalyse.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"id\": \"cijfer-wonen\"", with: "\"id\": \"cijfer-bewoners\"")  // duplicate id
        text = text.replacingOccurrences(of: "\"maxChoices\": 3", with: "\"maxChoices\": 0")  // impossible choice count
        let theme = try #require(text.range(of: "\"theme\": \"verkeer\""))  // the first only: the rating question
        text.replaceSubrange(theme, with: "\"theme\": \"verkeerr\"")  // unknown theme
        let file = folder.write("kapot.json", text)
        let result = wijkpeil("surveys", "validate", file, "--surveys", bundledSurveys, "--lang", "en")
        #expect(result.status == 1)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.out)")
        #expect(lines.contains { $0.hasPrefix("\(file): questions[1].id: error:") && $0.contains("[duplicate-id]") })
        #expect(lines.contains { $0.hasPrefix("\(file): questions[8].maxChoices: error:") && $0.contains("[invalid-choices]") })
        #expect(lines.contains { $0.hasPrefix("\(file): questions[5].theme: error:") && $0.contains("did you mean \"verkeer\"?") })
    }

    @Test func aThemeSetIsRecognisedByItsContentWhereverItLies() throws {
        let folder = TemporaryFolder()
        let good = folder.write("thema.json", try String(contentsOfFile: bundledSurveys + "/themes/wijkanalyse.json", encoding: .utf8))
        let clean = wijkpeil("surveys", "validate", good, "--surveys", bundledSurveys)
        #expect(clean.status == 0 && clean.out.isEmpty, "\(clean.out)")
        let broken = folder.write("kapot.json", #"{"id": "t", "title": {"nl": "T"}, "themes": [{"id": "a"}]}"#)
        let result = wijkpeil("surveys", "validate", broken, "--surveys", bundledSurveys, "--lang", "en")
        #expect(result.status == 1)
        #expect(result.out.contains("themes[0].label: error: the required field \"label\" is missing"))
    }

    @Test func validateAsJSONCountsFindings() throws {
        let folder = TemporaryFolder()
        let file = folder.write("x.json", #"{"id": "x", "version": 1, "title": {"nl": "X"}, "level": "consult", "questions": []}"#)
        let result = wijkpeil("surveys", "validate", file, "--format", "json")
        #expect(result.status == 1)
        let json = try JSONValue.parse(Data(result.out.utf8))
        guard case .object(let fields) = json else { Issue.record("not an object"); return }
        #expect(fields["errors"] == 1)
        #expect(fields["files"] == 1)
    }

    @Test func brokenJSONNamesTheFile() {
        let folder = TemporaryFolder()
        let file = folder.write("stuk.json", "{\"id\": ")
        let result = wijkpeil("surveys", "validate", file)
        #expect(result.status == 1)
        #expect(result.out.hasPrefix("\(file): fout:"))
        #expect(result.out.contains("[invalid-json]"))
    }

    @Test func aMissingFileIsReported() {
        let result = wijkpeil("surveys", "validate", "/nonexistent/wijk.json")
        #expect(result.status == 1)
        #expect(result.out.contains("[missing-file]"))
    }

    @Test func showGivesTheFullDefinitionAsJSON() throws {
        let result = wijkpeil("surveys", "show", "wijkanalyse", "--format", "json", "--surveys", bundledSurveys)
        #expect(result.status == 0)
        let shown = try JSONValue.parse(Data(result.out.utf8))
        let file = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: bundledSurveys + "/wijkanalyse.json")))
        guard case .object(let shownFields) = shown, case .object(let fileFields) = file,
            case .array(let shownQuestions)? = shownFields["questions"], case .array(let fileQuestions)? = fileFields["questions"]
        else { Issue.record("unexpected shape"); return }
        #expect(shownFields["id"] == "wijkanalyse")
        #expect(shownFields["level"] == "consult")
        #expect(shownQuestions.count == fileQuestions.count)
        // Every field the file sets is in the output with the same value (defaults are added).
        for (shownQuestion, fileQuestion) in zip(shownQuestions, fileQuestions) {
            guard case .object(let s) = shownQuestion, case .object(let f) = fileQuestion else { continue }
            for (key, value) in f {
                #expect(s[key] == value, "\(key)")
            }
        }
    }

    @Test func showAcceptsAPathAndDescribesInWords() {
        let result = wijkpeil("surveys", "show", bundledSurveys + "/bewonersavond.json", "--surveys", bundledSurveys)
        #expect(result.status == 0)
        #expect(result.out.contains("3 × groen (steun)"))
        // A survey's promise of when residents hear back is shown.
        let survey = wijkpeil("surveys", "show", "wijkanalyse", "--surveys", bundledSurveys, "--lang", "en")
        #expect(survey.out.contains("hearing back: We discuss the results at the resident evening in spring."))
    }

    @Test func showOfAnUnknownIdSuggestsTheClosest() {
        let result = wijkpeil("surveys", "show", "wijkanalyze", "--surveys", bundledSurveys)
        #expect(result.status == 2)
        #expect(result.err.contains("bedoelt u 'wijkanalyse'?"))
    }

    @Test func listShowsSurveysAndSessions() throws {
        let result = wijkpeil("surveys", "list", "--surveys", bundledSurveys, "--format", "json")
        #expect(result.status == 0)
        let json = try JSONValue.parse(Data(result.out.utf8))
        #expect(ids(in: json) == ["bewonersavond-stippen", "bewonersavond", "evaluatie", "wijkanalyse", "wijkbudget"])
    }

    @Test func aMissingSurveyFolderSaysWhatToDo() {
        let result = wijkpeil("surveys", "list", "--surveys", "/nonexistent")
        #expect(result.status == 2)
        #expect(result.err.contains("--surveys MAP"))
    }

    @Test func theSamplePlanChecksClean() {
        let result = wijkpeil("plan", "check", bundledSurveys + "/plans/kerkwijk-2027.json", "--surveys", bundledSurveys)
        #expect(result.status == 0)
        #expect(result.out.isEmpty, "\(result.out)")
    }

    @Test func aPlanNamingAMissingSurveyExitsOne() {
        let folder = TemporaryFolder()
        let file = folder.write("plan.json", #"{"id": "p", "steps": [{"step": "A5", "level": "consult", "survey": "peiling"}]}"#)
        let result = wijkpeil("plan", "check", file, "--surveys", bundledSurveys, "--lang", "en")
        #expect(result.status == 1)
        #expect(result.out.contains("steps[0].survey: error: there is no survey \"peiling\""))
        #expect(result.out.contains("[no-feedback-step]"))
    }
}

@Suite("A survey named by its path")
struct SurveyByPathTests {
    @Test("a survey or session file works without a ./surveys folder; its own folder's themes are used")
    func noSurveysFolderNeeded() throws {
        let folder = TemporaryFolder()
        let elsewhere = folder.path + "/geen-surveys-map"
        let survey = folder.path + "/los/wijkanalyse.json"
        try FileManager.default.createDirectory(atPath: folder.path + "/los/themes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bundledSurveys + "/wijkanalyse.json", toPath: survey)
        try FileManager.default.copyItem(atPath: bundledSurveys + "/themes/wijkanalyse.json", toPath: folder.path + "/los/themes/wijkanalyse.json")
        let shown = run(["surveys", "show", survey, "--surveys", elsewhere])
        #expect(shown.status == 0, "\(shown.err)")
        #expect(shown.out.contains("[wijkanalyse v"))
        let session = folder.path + "/los/stippen.json"
        try FileManager.default.copyItem(atPath: bundledSurveys + "/bewonersavond.json", toPath: session)
        let tally = run(["stickers", "tally", session, packageRoot + "/samples/kerkwijk/stickers-tafel1.csv", "--surveys", elsewhere])
        #expect(tally.status == 0, "\(tally.err)")
        // An id still needs the folder, and says so.
        let byId = run(["surveys", "show", "wijkanalyse", "--surveys", elsewhere])
        #expect(byId.status != 0 && byId.err.contains("bestaat niet"))
    }
}
