import Foundation
import Testing

/// Every message, table header and flag in the language asked for: the whole walk-through run
/// with `--lang nl` holds no word of the English list, and with `--lang en` none of the Dutch
/// list. The lists hold the tool's own words, not words of the sample's data (a Dutch action
/// title stays Dutch in English output: it is what the council wrote). JSON is left out: its
/// keys are the file format, not a language.
@Suite("The terminal speaks one language at a time")
struct LanguageTests {
    /// Words Wijkpeil's own English texts use, and a Dutch text never does ("is", "in", "of" and
    /// "was" are Dutch words too, and "residents" a signal's id, so they are not here).
    static let english: Set<String> = [
        "the", "and", "with", "from", "for", "not", "no", "yes", "none", "file", "files", "file(s)", "recorded", "matches", "counted", "excluded",
        "stored", "written", "wrote", "warning", "error", "errors", "warnings", "support", "concern", "concerns", "share", "answered", "council",
        "priority", "priorities", "recomputed", "participant", "participants", "participant(s)", "sticker(s)", "yet", "added", "apart",
        "adopted", "adjusted", "rejected", "made", "level", "weights", "check", "action", "actions", "goal", "goals", "done", "planned", "due",
        "closed", "overdue", "reason", "date", "theme", "themes", "by", "to", "on", "at", "as", "has", "have", "be", "will", "were", "used", "code(s)", "this", "that", "which",
    ]
    /// Words Wijkpeil's own Dutch texts use, and neither an English text nor the sample's data
    /// (whose ids, titles and reasons are Dutch in either language).
    static let dutch: Set<String> = [
        "bestand", "bestanden", "bestand(en)", "opgeslagen", "waarschuwing", "waarschuwingen", "waarschuwing(en)", "fout", "fouten", "fout(en)",
        "vastgelegd", "geteld", "uitgesloten", "deelnemer", "deelnemers", "deelnemer(s)", "speerpunt", "speerpunten", "herberekend", "toegevoegd",
        "aangenomen", "aangepast", "afgewezen", "klopt", "overeenkomt", "wegingen", "controleer", "acties", "doelen", "gepland", "uiterlijk",
        "tellen", "maximaal", "ontevreden", "gemiddeld", "referentie", "beantwoord", "nulmeting", "streefwaarde", "eigenaar", "mijlpaal", "stand",
        "thema", "thema's", "achter", "schema", "verslag", "maanden",
    ]

    /// The words of the transcript that belong to the other language's list, with their lines.
    static func strays(_ transcript: String, list: Set<String>) -> [String] {
        var found: [String] = []
        var inJSON = false, otherLanguage = false
        for line in transcript.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            // A step that asks for a language of its own is that language's to check.
            if text.hasPrefix("$ wijkpeil") { otherLanguage = text.contains("--lang ") }
            if otherLanguage || text.hasPrefix("$ wijkpeil") || text.hasPrefix("[exit") || text == "[stderr]" || text.hasPrefix("\"") { continue }
            if text == "{" || text == "[" { inJSON = true }
            if inJSON {
                if text == "}" || text == "]" { inJSON = false }
                continue
            }
            // Identifiers are no language: file paths, options (--level), finding codes
            // ([milestone-overdue]), JSON paths (actions[7].status).
            let plain = text.lowercased().replacing(/\S*\/\S*|--[a-z-]+|\[[a-z0-9-]+\]|[a-z]+\[[0-9]+\][a-z.\[\]0-9]*/, with: " ")
            let words = plain.split { !($0.isLetter || $0 == "(" || $0 == ")") }
            for word in words {
                let bare = String(word).trimmingCharacters(in: CharacterSet(charactersIn: "()"))
                if list.contains(String(word)) || list.contains(bare) { found.append("\(bare): \(text)") }
            }
        }
        return found
    }

    /// The commands the walk-through does not run: the organiser's evening and the researcher's
    /// export. `S/` is the sample folder, `T/` a fresh folder, `B/` the bundled surveys.
    static let evening: [[String]] = [
        ["ladder"], ["cycle", "--phase", "agenda"], ["plan", "check", "B/plans/kerkwijk-2027.json", "--surveys", "B/"],
        ["surveys", "list", "--surveys", "B/"], ["surveys", "show", "wijkanalyse", "--surveys", "B/"], ["surveys", "show", "bewonersavond", "--surveys", "B/"],
        ["surveys", "validate", "--surveys", "B/"],
        ["responses", "import", "--survey", "wijkanalyse", "--surveys", "B/", "--db", "T/w.sqlite", "S/antwoorden.csv"],
        ["responses", "import", "--survey", "wijkanalyse", "--surveys", "B/", "--db", "T/w.sqlite", "S/antwoorden.csv"],
        ["responses", "count", "--db", "T/w.sqlite"], ["responses", "list", "--survey", "wijkanalyse", "--surveys", "B/", "--db", "T/w.sqlite"],
        ["invites", "create", "--survey", "wijkbudget", "--surveys", "B/", "--db", "T/w.sqlite", "--count", "2", "--out", "T/codes.csv"],
        ["invites", "count", "--survey", "wijkbudget", "--db", "T/w.sqlite"],
        ["export", "--survey", "wijkanalyse", "--surveys", "B/", "--db", "T/w.sqlite", "--out", "T/export/"],
        ["backup", "--db", "T/w.sqlite", "--out", "T/kopie.sqlite"],
        ["stickers", "tally", "bewonersavond", "--surveys", "B/", "S/stickers-tafel1.csv"],
    ]

    static func eveningTranscript(in folder: TemporaryFolder, language: String) -> String {
        let samples = packageRoot + "/samples/kerkwijk/"
        var text = ""
        for step in evening {
            let arguments = step.map { argument -> String in
                if argument == "B/" { return bundledSurveys }
                if argument.hasPrefix("B/") { return bundledSurveys + "/" + argument.dropFirst(2) }
                if argument.hasPrefix("S/") { return samples + argument.dropFirst(2) }
                if argument.hasPrefix("T/") { return folder.path + "/" + argument.dropFirst(2) }
                return argument
            }
            let result = run(arguments + ["--lang", language])
            text += "$ wijkpeil " + step.joined(separator: " ") + "\n" + result.out + "[stderr]\n" + result.err + "[exit \(result.status)]\n"
        }
        return text
    }

    @Test("the organiser's and the researcher's commands in one language each", arguments: ["nl", "en"])
    func eveningInOneLanguage(_ language: String) {
        let folder = TemporaryFolder()
        let transcript = Self.eveningTranscript(in: folder, language: language)
        #expect(!transcript.contains("[exit 2]"), "\(transcript)")
        let strays = Self.strays(transcript, list: language == "nl" ? Self.english : Self.dutch)
        for stray in strays.prefix(80) { Issue.record("\(language): \(stray)") }
        #expect(strays.isEmpty, "\(strays.count) words of the other language")
    }

    /// Mistakes an organiser makes: a mistyped option, a missing argument, a file that is not there.
    static let mistakes: [[String]] = [
        ["ladder", "--fromat", "json"], ["surveys", "show"], ["surveys", "lsit"], ["ladder", "--format", "xml"],
        ["analyse", "--survey", "wijkanalyse", "--surveys", "B/", "--responses", "T/bestaat-niet.csv"],
        ["stickers", "tally", "bewonersavond", "--surveys", "B/", "T/geen.csv"], ["serve", "--port", "http", "--surveys", "B/"],
        ["agenda", "publish", "T/geen-agenda.json"], ["programme", "show", "T/geen-programma.json"],
    ]

    @Test("mistakes are told in the language asked for", arguments: ["nl", "en"])
    func mistakesInOneLanguage(_ language: String) {
        let folder = TemporaryFolder()
        var transcript = ""
        for step in Self.mistakes {
            let arguments = step.map { argument -> String in
                if argument == "B/" { return bundledSurveys }
                if argument.hasPrefix("T/") { return folder.path + "/" + argument.dropFirst(2) }
                return argument
            }
            let result = run(arguments + ["--lang", language])
            #expect(result.status != 0, "\(step)")
            // The usage line is the command's synopsis, as in its help: not a message.
            let messages = result.err.split(separator: "\n").filter { !$0.hasPrefix("usage: ") }.joined(separator: "\n")
            transcript += "$ wijkpeil " + step.joined(separator: " ") + "\n" + messages + "\n"
        }
        let strays = Self.strays(transcript, list: language == "nl" ? Self.english : Self.dutch)
        for stray in strays.prefix(40) { Issue.record("\(language): \(stray)") }
        #expect(strays.isEmpty, "\(strays.count) words of the other language")
    }

    @Test("the walk-through in Dutch holds no English word of the tool's own", arguments: ["nl", "en"])
    func oneLanguage(_ language: String) {
        let folder = TemporaryFolder()
        let transcript = WalkthroughTests.transcript(in: folder, language: language)
        let strays = Self.strays(transcript, list: language == "nl" ? Self.english : Self.dutch)
        for stray in strays.prefix(60) { Issue.record("\(language): \(stray)") }
        #expect(strays.isEmpty, "\(strays.count) words of the other language")
    }
}
