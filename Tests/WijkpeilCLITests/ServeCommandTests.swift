import Foundation
import Testing

/// `wijkpeil serve` refuses what it cannot serve before it listens (the server itself is tested
/// in FormServerTests).
@Suite("wijkpeil serve: before it listens")
struct ServeCommandTests {
    @Test("a bad port or body limit is a usage error")
    func usage() {
        #expect(wijkpeil("serve", "--port", "http", "--surveys", bundledSurveys).status == 2)
        #expect(wijkpeil("serve", "--port", "70000", "--surveys", bundledSurveys).status == 2)
        #expect(wijkpeil("serve", "--max-body", "10", "--surveys", bundledSurveys).status == 2)
    }

    @Test("no valid surveys, a missing token file or a short token: refused with what to do")
    func refusals() {
        let folder = TemporaryFolder()
        let empty = folder.path + "/leeg"
        try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = wijkpeil("serve", "--surveys", empty, "--db", folder.path + "/w.sqlite", "--port", "0")
        #expect(none.status == 1 && none.err.contains("er staan geen geldige vragenlijsten in"))
        let missing = wijkpeil("serve", "--surveys", bundledSurveys, "--admin-token-file", folder.path + "/geen.txt", "--port", "0")
        #expect(missing.status == 2 && missing.err.contains("geen.txt"))
        let short = wijkpeil("serve", "--surveys", bundledSurveys, "--admin-token-file", folder.write("token.txt", "kort\n"), "--port", "0")
        #expect(short.status == 1 && short.err.contains("korter dan 16 tekens"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/w.sqlite"))
    }

    @Test("a settings file with a mistake, a bad privacy address or an unknown main survey: refused at its field before anything is opened")
    func settings() {
        let folder = TemporaryFolder()
        let db = folder.path + "/w.sqlite"
        let bad = folder.write("wijkpeil.json", #"{"organisation": "", "privacyUrl": "www.almelo.nl/privacy"}"#)
        let refused = wijkpeil("serve", "--surveys", bundledSurveys, "--settings", bad, "--db", db, "--port", "0")
        #expect(refused.status == 1)
        #expect(refused.err.contains("wijkpeil.json: organisation:") && refused.err.contains("wijkpeil.json: privacyUrl:"))
        #expect(!refused.err.contains("admin token"))
        let broken = wijkpeil("serve", "--surveys", bundledSurveys, "--settings", folder.write("kapot.json", "{\"organisation\": "), "--db", db, "--port", "0")
        #expect(broken.status == 1 && broken.err.contains("kapot.json: geen geldige JSON"))
        let missing = wijkpeil("serve", "--surveys", bundledSurveys, "--settings", folder.path + "/geen.json", "--db", db, "--port", "0")
        #expect(missing.status == 2 && missing.err.contains("geen.json"))
        let flag = wijkpeil("serve", "--surveys", bundledSurveys, "--privacy-url", "privacy.html", "--db", db, "--port", "0")
        #expect(flag.status == 2 && flag.err.contains("--privacy-url"))
        let main = wijkpeil("serve", "--surveys", bundledSurveys, "--main-survey", "bestaat-niet", "--db", db, "--port", "0")
        #expect(main.status == 1 && main.err.contains("'bestaat-niet' is niet een van de getoonde vragenlijsten"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
