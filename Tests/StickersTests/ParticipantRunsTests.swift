@testable import Stickers
import Testing

@Suite("Participant runs")
struct ParticipantRunsTests {
    @Test("numbers participants by first appearance, as a dictionary would", arguments: [1, 7, 500, 20_000])
    func agreesWithADictionary(pool: Int) {
        // Ids of all lengths from 1 to 20 bytes, runs of one to three rows, many returns.
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<40_000).map { _ -> String in
            let number = Int.random(in: 0..<pool, using: &generator)
            return String(repeating: "p", count: number % 12) + String(number)
        }
        var runs = ParticipantRuns()
        var runOfRow: [Int32] = []
        for id in ids {
            runOfRow.append(Array(id.utf8).withUnsafeBytes { runs.add($0) })
        }
        let (participantOfRun, names) = runs.numbered()

        var expected: [String: Int32] = [:]
        var expectedNames: [String] = []
        for id in ids where expected[id] == nil {
            expected[id] = Int32(expectedNames.count)
            expectedNames.append(id)
        }
        #expect(names == expectedNames)
        #expect(runOfRow.map { participantOfRun[Int($0)] } == ids.map { expected[$0]! })
        // Adjacent equal ids share a run.
        let runCount = zip(ids, ids.dropFirst()).filter { $0 != $1 }.count + 1
        #expect(runs.count == runCount)
    }

    @Test func noRunsNoParticipants() {
        let (participantOfRun, names) = ParticipantRuns().numbered()
        #expect(participantOfRun.isEmpty && names.isEmpty)
    }
}
