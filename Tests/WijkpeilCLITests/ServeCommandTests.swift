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
        #expect(none.status == 1 && none.err.contains("no valid surveys"))
        let missing = wijkpeil("serve", "--surveys", bundledSurveys, "--admin-token-file", folder.path + "/geen.txt", "--port", "0")
        #expect(missing.status == 2 && missing.err.contains("geen.txt"))
        let short = wijkpeil("serve", "--surveys", bundledSurveys, "--admin-token-file", folder.write("token.txt", "kort\n"), "--port", "0")
        #expect(short.status == 1 && short.err.contains("shorter than 16"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/w.sqlite"))
    }
}
