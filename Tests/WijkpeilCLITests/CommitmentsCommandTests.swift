import Foundation
import Testing
import WijkpeilCore

/// The register's rules are tested in Tests/ProgrammeTests and Tests/WorkflowsTests; here: the
/// commands' arguments, exit codes, what they say, and the list at 80 columns and as data.
@Suite("wijkpeil commitments")
struct CommitmentsCommandTests {
    @Test("add numbers them, close closes one once, list flags the overdue at 80 columns; refusals exit 1 and store nothing")
    func register() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/w.sqlite"
        let added = wijkpeil(
            "commitments", "add", "--db", db, "--to", "council", "--what",
            "De raad krijgt voor 1 maart een brief over de verlichting in het park, met de kosten en de planning erbij.", "--owner",
            "wijkmanager", "--due", "2027-03-01", "--date", "2027-01-15", "--wijk", "Kerkwijk")
        #expect(added.status == 0 && added.err == "toezegging 1 vastgelegd, termijn 2027-03-01\n", "\(added.err)")
        #expect(
            wijkpeil(
                "commitments", "add", "--db", db, "--to", "residents", "--what", "Uitslag binnen vier weken", "--owner", "wijkmanager", "--due",
                "2026-12-28", "--date", "2026-11-30"
            ).status == 0)
        let closed = wijkpeil("commitments", "close", "--db", db, "--number", "2", "--how", "Brief huis-aan-huis", "--date", "2027-01-04", "--lang", "en")
        #expect(closed.status == 0 && closed.err == "commitment 2: closed, 7 days late\n")
        let before = wijkpeil("commitments", "list", "--db", db, "--format", "csv", "--today", "2027-03-10").out
        #expect(wijkpeil("commitments", "close", "--db", db, "--number", "2", "--how", "x").status == 1)
        #expect(wijkpeil("commitments", "add", "--db", db, "--to", "council", "--what", "x", "--owner", " ").status == 1)
        #expect(wijkpeil("commitments", "add", "--db", db, "--to", "raad", "--what", "x", "--owner", "y").status == 2)
        #expect(wijkpeil("commitments", "close", "--db", db, "--number", "nul", "--how", "x").status == 2)
        #expect(wijkpeil("commitments", "list", "--db", db, "--format", "csv", "--today", "2027-03-10").out == before)

        let list = wijkpeil("commitments", "list", "--db", db, "--today", "2027-03-10")
        #expect(list.status == 0)
        #expect(list.out.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(list.out.hasPrefix("! 1. te laat (9 dagen)\n     De raad krijgt voor 1 maart een brief over de verlichting in het park, met\n"))
        #expect(list.out.contains("  2. afgehandeld, 7 dagen te laat\n"))
        #expect(list.out.hasSuffix("2 toezegging(en), 1 open, waarvan 1 te laat op 2027-03-10.\n"))
        let json = try JSONValue.parse(Data(wijkpeil("commitments", "list", "--db", db, "--today", "2027-03-10", "--format", "json").out.utf8))
        guard case .array(let entries) = json, case .object(let first) = entries.first else {
            Issue.record("not a list")
            return
        }
        #expect(first["state"] == "overdue" && first["daysLate"] == 9 && first["wijk"] == "Kerkwijk" && first["closed"] == .null)
        #expect(wijkpeil("commitments", "list", "--db", db, "--open", "--format", "csv", "--today", "2027-03-10").out.split(whereSeparator: \.isNewline).count == 2)
        // A register that is not there is named, not made.
        #expect(wijkpeil("commitments", "list", "--db", folder.path + "/none.sqlite").status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.sqlite"))
    }
}
