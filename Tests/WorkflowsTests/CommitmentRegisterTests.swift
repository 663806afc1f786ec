import Programme
import Store
import Testing
import WijkpeilCore
import Workflows

@Suite("Use cases: the register of commitments")
struct CommitmentRegisterTests {
    func register(in folder: Folder) throws -> Store {
        let store = try Store(path: folder.path + "/w.sqlite")
        for (made, wijk, due) in [("2027-01-15", "Kerkwijk", "2027-03-01"), ("2027-01-20", "Oosterhof", "2027-02-01"), ("2027-02-01", nil, nil)] {
            _ = try CommitmentRegister.add(
                Commitment(number: 0, made: made, audience: .council, what: "Toezegging van \(made)", owner: "wijkmanager", due: due, wijk: wijk),
                to: store)
        }
        return store
    }

    @Test("a refused commitment or closing stores nothing and says why in the language asked")
    func refusals() throws {
        let folder = Folder()
        let store = try register(in: folder)
        #expect(throws: WorkflowError(.invalid, "the due date 2027-01-01 is before the day it was made (2027-02-01)")) {
            try CommitmentRegister.add(
                Commitment(number: 0, made: "2027-02-01", audience: .residents, what: "x", owner: "y", due: "2027-01-01"), to: store, language: .en)
        }
        #expect(throws: WorkflowError(.invalid, "er is geen toezegging 4; ze lopen van 1 tot 3")) {
            try CommitmentRegister.close(4, by: .init(date: "2027-03-01", how: "brief"), in: store)
        }
        #expect(throws: WorkflowError(.invalid, "afgehandeld op 2027-01-01, voor de dag van de toezegging (2027-01-15)")) {
            try CommitmentRegister.close(1, by: .init(date: "2027-01-01", how: "brief"), in: store)
        }
        #expect(try store.commitments().count == 3 && store.commitments().allSatisfy { $0.closure == nil })
    }

    @Test("listed on a day: one neighbourhood with those that name none; only the open ones; overdue by the days past")
    func listed() throws {
        let folder = Folder()
        let store = try register(in: folder)
        _ = try CommitmentRegister.close(2, by: .init(date: "2027-02-03", how: "besluit"), in: store)
        let today = try #require(CalendarDate("2027-03-05"))
        let all = try CommitmentRegister.list(store.reader, on: today)
        #expect(all.map(\.state) == [.overdue(days: 4), .closedLate(days: 2), .open])
        #expect(try CommitmentRegister.list(store.reader, on: today, wijk: "Kerkwijk").map(\.commitment.number) == [1, 3])
        #expect(try CommitmentRegister.list(store.reader, on: today, openOnly: true).map(\.commitment.number) == [1, 3])
    }
}
