import Programme
import Testing
import WijkpeilCore

@Suite("Commitments: where each stands, and what may be added or closed")
struct CommitmentTests {
    let letter = Commitment(
        number: 1, made: "2027-01-15", audience: .council, what: "Een brief over de verlichting", owner: "wijkmanager", due: "2027-03-01")

    @Test(
        "open until its due date, overdue after it by the days past; closed on time or late by the days past",
        arguments: [
            (nil, "2027-03-01", Commitment.State.open),
            (nil, "2027-03-10", .overdue(days: 9)),
            ("2027-03-01", "2027-06-01", .closed),
            ("2027-03-04", "2027-03-10", .closedLate(days: 3)),
        ] as [(String?, String, Commitment.State)])
    func states(closedOn: String?, today: String, expected: Commitment.State) throws {
        var commitment = letter
        commitment.closure = closedOn.map { Commitment.Closure(date: $0, how: "brief verstuurd") }
        #expect(commitment.state(on: try #require(CalendarDate(today))) == expected)
    }

    @Test("without a due date a commitment is never overdue")
    func noDueDate() throws {
        var commitment = letter
        commitment.due = nil
        #expect(commitment.state(on: try #require(CalendarDate("2030-01-01"))) == .open)
    }

    @Test(
        "a new commitment needs what and an owner, real dates, and no due date before the day it was made",
        arguments: [
            ("  ", "wijkmanager", "2027-01-15", Commitment.Refusal.empty(field: "what")),
            ("Brief", "", "2027-01-15", .empty(field: "owner")),
            ("Brief", "wijkmanager", "2027-02-30", .invalidDate("2027-02-30")),
            ("Brief", "wijkmanager", "2027-01-10", .dueBeforeMade(due: "2027-01-10", made: "2027-01-15")),
        ])
    func refusedWhenAdded(what: String, owner: String, due: String, refusal: Commitment.Refusal) {
        var commitment = letter
        commitment.what = what
        commitment.owner = owner
        commitment.due = due
        #expect(throws: refusal) { try commitment.validated() }
    }

    @Test("what and owner are kept without the spaces around them")
    func trimmed() throws {
        var commitment = letter
        commitment.what = "  Een brief  "
        #expect(try commitment.validated().what == "Een brief")
    }

    @Test(
        "a commitment is closed once, not before it was made, and says what closed it",
        arguments: [
            ("2027-02-01", "", Commitment.Refusal.empty(field: "how")),
            ("2027-01-01", "brief", .closedBeforeMade(closed: "2027-01-01", made: "2027-01-15")),
            ("1 februari", "brief", .invalidDate("1 februari")),
        ])
    func refusedWhenClosed(date: String, how: String, refusal: Commitment.Refusal) throws {
        #expect(throws: refusal) { try letter.closed(by: .init(date: date, how: how)) }
        let closed = try letter.closed(by: .init(date: "2027-02-01", how: "brief"))
        #expect(throws: Commitment.Refusal.alreadyClosed(number: 1, on: "2027-02-01")) { try closed.closed(by: .init(date: "2027-02-02", how: "x")) }
    }
}
