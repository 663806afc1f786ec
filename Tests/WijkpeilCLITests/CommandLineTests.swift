import Foundation
import Testing
import WijkpeilCore

@Suite("The wijkpeil command line")
struct CommandLineTests {
    @Test func helpListsTheCommands() {
        let result = wijkpeil("--help")
        #expect(result.status == 0)
        for command in ["ladder", "cycle", "plan", "surveys"] {
            #expect(result.out.contains("  \(command) "))
        }
    }

    @Test(arguments: [["ladder", "--help"], ["surveys", "validate", "--help"], ["plan", "check", "-h"], ["help", "cycle"]])
    func everyCommandHasHelp(_ arguments: [String]) {
        let result = run(arguments)
        #expect(result.status == 0)
        #expect(result.out.contains("usage: wijkpeil"))
    }

    @Test func anUnknownCommandIsAUsageErrorWithASuggestion() {
        let result = wijkpeil("surveys", "lsit", "--lang", "en")
        #expect(result.status == 2)
        #expect(result.err.contains("unknown command 'lsit'; did you mean 'list'?"))
        #expect(result.err.contains("usage: wijkpeil surveys <command>"))
        #expect(result.err.contains("Run 'wijkpeil surveys --help' for more."))
        #expect(result.out.isEmpty)
        // In Dutch by default.
        let dutch = wijkpeil("surveys", "lsit")
        #expect(dutch.err.contains("onbekende opdracht 'lsit'; bedoelt u 'list'?") && dutch.err.contains("Meer uitleg: wijkpeil surveys --help"))
    }

    @Test func anUnknownOptionIsAUsageErrorWithASuggestion() {
        let result = wijkpeil("ladder", "--fromat", "json")
        #expect(result.status == 2)
        #expect(result.err.contains("onbekende optie '--fromat'; bedoelt u '--format'?"))
        #expect(wijkpeil("ladder", "--fromat", "json", "--lang", "en").err.contains("did you mean '--format'?"))
    }

    @Test(arguments: [
        (["ladder", "--format", "xml"], "not a valid value for '--format'"),
        (["ladder", "--format"], "needs a value"),
        (["surveys", "show"], "missing SURVEY"),
        (["ladder", "extra"], "unexpected argument 'extra'"),
        (["ladder", "--format", "json", "--format", "table"], "given twice"),
        (["ladder", "-x"], "unknown option '-x'"),
    ])
    func badCommandLinesExitWithTwo(_ arguments: [String], _ message: String) {
        let result = run(arguments + ["--lang", "en"])
        #expect(result.status == 2)
        #expect(result.err.contains(message), "\(result.err)")
    }

    @Test func theLadderAsJSONGivesTheFiveLevelsInOrder() throws {
        let result = wijkpeil("ladder", "--format", "json")
        #expect(result.status == 0)
        let json = try JSONValue.parse(Data(result.out.utf8))
        #expect(ids(in: json) == ["inform", "consult", "advise", "coproduce", "codecide"])
    }

    @Test func theLadderSpeaksDutchByDefaultAndEnglishOnRequest() {
        #expect(wijkpeil("ladder").out.contains("Meebeslissen"))
        #expect(wijkpeil("ladder", "--lang", "en").out.contains("Co-decide"))
        #expect(wijkpeil("ladder", environment: ["WIJKPEIL_LANG": "en"]).out.contains("Co-decide"))
    }

    @Test func theCycleCanShowOnePhase() {
        let result = wijkpeil("cycle", "--phase", "agenda")
        #expect(result.status == 0)
        #expect(result.out.contains("B4") && !result.out.contains("A5"))
    }

    @Test("--version prints the release")
    func version() {
        let result = wijkpeil("--version")
        #expect(result.status == 0 && result.out == "wijkpeil \(Release.version)\n")
    }
}
