import Foundation
import Programme
@testable import Store
import Testing

@Suite("Commitments in the store")
struct CommitmentStoreTests {
    @Test("numbered in order; closing adds a row and changes nothing the commitment said; a second closing is refused by the database")
    func addAndClose() throws {
        let database = TemporaryDatabase()
        let store = try Store(path: database.path)
        let first = try store.addCommitment(Commitment(number: 0, made: "2027-01-15", audience: .council, what: "Brief", owner: "wijkmanager", due: "2027-03-01"))
        let second = try store.addCommitment(Commitment(number: 0, made: "2027-01-20", audience: .residents, what: "Avond in zuid", owner: "wijkmanager", wijk: "Kerkwijk"))
        #expect(first.number == 1 && second.number == 2)
        try store.closeCommitment(1, by: .init(date: "2027-02-27", how: "Brief 2027/114"))
        let all = try store.commitments()
        #expect(
            all == [
                Commitment(
                    number: 1, made: "2027-01-15", audience: .council, what: "Brief", owner: "wijkmanager", due: "2027-03-01",
                    closure: .init(date: "2027-02-27", how: "Brief 2027/114")),
                second,
            ])
        #expect(throws: StoreError.self) { try store.closeCommitment(1, by: .init(date: "2027-03-01", how: "nogmaals")) }
        #expect(try store.commitments()[0].closure?.how == "Brief 2027/114")
        // Read read-only, the same register.
        #expect(try StoreReader(path: database.path).commitments() == all)
    }
}
