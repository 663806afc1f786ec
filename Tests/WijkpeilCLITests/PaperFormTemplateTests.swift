import Foundation
import Testing

/// The spreadsheet for typing in paper forms, and its round trip through `responses import`.
@Suite("Paper forms typed into the template")
struct PaperFormTemplateTests {
    @Test("the template names the form number and every question, says in words what to type, and imports as it is filled in")
    func roundTrip() throws {
        let folder = TemporaryFolder()
        let template = folder.path + "/invoer.csv"
        #expect(wijkpeil("surveys", "template", "wijkanalyse", "--surveys", bundledSurveys, "--out", template).status == 0)
        let text = try String(contentsOfFile: template, encoding: .utf8)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("formulier,cijfer-bewoners,cijfer-wonen,"))
        #expect(lines[1].hasPrefix("Formuliernummer (zoals A001),Welk rapportcijfer geeft u voor de mensen in uw buurt"))
        #expect(lines[1].contains("(1–10)") && lines[1].contains("(centrum/noord/oost/zuid/west)"))
        // Two forms typed in under the describing row; the same file again stores nothing twice.
        let columns = lines[0].split(separator: ",").map(String.init)
        func row(_ form: String, _ values: [String: String]) -> String { columns.map { $0 == "formulier" ? form : values[$0] ?? "" }.joined(separator: ",") }
        let filled = lines[0] + "\r\n" + lines[1] + "\r\n" + row("A001", ["cijfer-wonen": "7", "buurt": "noord"]) + "\r\n" + row("A002", ["cijfer-wonen": "5"]) + "\r\n"
        let file = folder.write("getypt.csv", filled)
        let db = folder.path + "/w.sqlite"
        let imported = wijkpeil("responses", "import", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--db", db, file)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.err.contains("2 opgeslagen"))
        // Another typist's file with the same form A001 and the same answers stores nothing new;
        // A001 with other answers is named as a conflict, not stored.
        let again = folder.write("tweede.csv", lines[0] + "\r\n" + row("A001", ["cijfer-wonen": "7", "buurt": "noord"]) + "\r\n")
        let second = wijkpeil("responses", "import", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--db", db, again)
        #expect(second.status == 0 && second.err.contains("0 opgeslagen, 1 al eerder opgeslagen"), "\(second.err)")
        let other = folder.write("ander.csv", lines[0] + "\r\n" + row("A001", ["cijfer-wonen": "3"]) + "\r\n")
        let conflict = wijkpeil("responses", "import", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--db", db, other)
        #expect(conflict.err.contains("dit formuliernummer (of deze submissionKey) is al opgeslagen met andere antwoorden"), "\(conflict.err)")
        #expect(wijkpeil("responses", "count", "--db", db).out.contains("wijkanalyse  2"))
    }

    @Test("the describing row is recognised in English too, and only as the first row")
    func englishRow() throws {
        let folder = TemporaryFolder()
        let english = wijkpeil("surveys", "template", "wijkanalyse", "--surveys", bundledSurveys, "--lang", "en").out
        let lines = english.split(separator: "\r\n").map(String.init)
        #expect(lines[1].hasPrefix("Form number (such as A001),"))
        let columns = lines[0].split(separator: ",").map(String.init)
        let answer = columns.map { $0 == "formulier" ? "B001" : $0 == "cijfer-wonen" ? "8" : "" }.joined(separator: ",")
        // The row in words after a form is a mistake to be named, not passed over.
        let file = folder.write("en.csv", lines[0] + "\r\n" + lines[1] + "\r\n" + answer + "\r\n" + lines[1] + "\r\n")
        let result = wijkpeil("responses", "import", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--db", folder.path + "/w.sqlite", file)
        #expect(result.status == 1)
        #expect(result.err.contains("en.csv:4:"), "\(result.err)")
    }

    @Test("surveys print: forms numbered from the prefix; a bad prefix, count or address is a usage error")
    func print() {
        let forms = wijkpeil("surveys", "print", "wijkanalyse", "--surveys", bundledSurveys, "--prefix", "c", "--count", "2", "--public-url", "http://wijkpeil.lan:8080/")
        #expect(forms.status == 0 && forms.out.contains("Formulier <strong>C001</strong>") && forms.out.contains("Formulier <strong>C002</strong>"))
        #expect(!forms.out.contains("C003"))
        #expect(wijkpeil("surveys", "print", "wijkanalyse", "--surveys", bundledSurveys, "--prefix", "A-1").status == 2)
        #expect(wijkpeil("surveys", "print", "wijkanalyse", "--surveys", bundledSurveys, "--count", "0").status == 2)
        #expect(wijkpeil("surveys", "print", "wijkanalyse", "--surveys", bundledSurveys, "--first", "999", "--count", "2").status == 2)
        #expect(wijkpeil("surveys", "print", "wijkanalyse", "--surveys", bundledSurveys, "--public-url", "wijkpeil.lan").status == 2)
    }
}
