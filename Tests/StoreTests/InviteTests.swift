import Foundation
@testable import Store
import Surveys
import Testing
import WijkpeilCore

@Suite("Invitation codes in the store")
struct InviteStoreTests {
    func store(_ database: TemporaryDatabase) throws -> Store {
        var configuration = Store.Configuration()
        configuration.inviteIterations = 50
        return try Store(path: database.path, configuration: configuration)
    }

    @Test func codesAreStoredOnlyAsSaltedHashes() throws {
        let database = TemporaryDatabase()
        let store = try store(database)
        let codes = try store.createInvites(survey: "stemming", count: 25)
        #expect(Set(codes).count == 25)
        #expect(try store.inviteCounts(survey: "stemming") == (25, 0))
        let bytes =
            try Data(contentsOf: URL(fileURLWithPath: database.path))
            + ((try? Data(contentsOf: URL(fileURLWithPath: database.path + "-wal"))) ?? Data())
        for code in codes {
            #expect(bytes.range(of: Data(code.symbols.utf8)) == nil)
        }
    }

    @Test func aSurveyThatRequiresInvitesAcceptsEachCodeOnce() throws {
        let database = TemporaryDatabase()
        let store = try store(database)
        let survey = StoreFixtures.survey(requiresInvite: true)
        let hash = try store.register(survey)
        let codes = try store.createInvites(survey: survey.id, count: 3)
        let first = try store.submit(StoreFixtures.submission("a", survey: survey, hash: hash, invite: codes[0]))
        #expect(!first.isDuplicate)
        // The same submission again (a double tap) is the same response, not a refusal.
        #expect(try store.submit(StoreFixtures.submission("a", survey: survey, hash: hash, invite: codes[0])) == Receipt(id: first.id, isDuplicate: true))
        // Another response with a used code, without a code, or with another survey's code: refused.
        let other = try store.createInvites(survey: "andere", count: 1)
        // A used code is told apart from an unknown one: a second tap is not a guess.
        for (invite, kind) in [(codes[0], StoreError.Kind.inviteUsed), (nil, .inviteRejected), (other[0], .inviteRejected)] {
            #expect { try store.submit(StoreFixtures.submission("b", survey: survey, hash: hash, invite: invite)) } throws: {
                ($0 as? StoreError)?.kind == kind
            }
        }
        _ = try store.submit(StoreFixtures.submission("c", survey: survey, hash: hash, invite: codes[1]))
        #expect(try store.inviteCounts(survey: survey.id) == (3, 2))
        #expect(try store.responseCounts() == [survey.id: 2])
    }

    @Test func twoSubmissionsRacingWithOneCodeHaveExactlyOneWinner() async throws {
        let database = TemporaryDatabase()
        let store = try store(database)
        let survey = StoreFixtures.survey(requiresInvite: true)
        let hash = try store.register(survey)
        let codes = try store.createInvites(survey: survey.id, count: 10)
        for (round, code) in codes.enumerated() {
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for racer in 0..<8 {
                    group.addTask {
                        (try? await store.submit(StoreFixtures.submission("r\(round)-\(racer)", survey: survey, hash: hash, invite: code))) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "round \(round)")
        }
        #expect(try store.responseCounts() == [survey.id: 10])
        #expect(try store.inviteCounts(survey: survey.id) == (10, 10))
    }

    @Test func aRejectedCodeDoesNotFailTheOthersInItsBatch() async throws {
        let database = TemporaryDatabase()
        let store = try store(database)
        let survey = StoreFixtures.survey(requiresInvite: true)
        let hash = try store.register(survey)
        let codes = try store.createInvites(survey: survey.id, count: 20)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                // Every code is tried twice under different keys: 20 win, 20 are refused.
                group.addTask {
                    (try? await store.submit(StoreFixtures.submission("s\(index)", survey: survey, hash: hash, invite: codes[index % 20]))) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 20)
        #expect(try store.responseCounts() == [survey.id: 20])
    }

    @Test("a code is accepted only where its batch is: at its venue, or anywhere when made for no venue")
    func codesOfAnotherVenueAreRefused() throws {
        let database = TemporaryDatabase()
        let survey = StoreFixtures.survey(requiresInvite: true)
        let central = try store(database)
        let hash = try central.register(survey)
        let noord = try central.createInvites(survey: survey.id, count: 2, venue: "Noord")
        let zuid = try central.createInvites(survey: survey.id, count: 1, venue: "Zuid")
        let anywhere = try central.createInvites(survey: survey.id, count: 1)
        var configuration = Store.Configuration()
        configuration.inviteIterations = 50
        configuration.venue = "Noord"
        let atNoord = try Store(path: database.path, configuration: configuration)
        #expect(try atNoord.inviteStatus(noord[0], survey: survey.id) == .unused)
        #expect(try atNoord.inviteStatus(zuid[0], survey: survey.id) == .unknown)
        #expect(try atNoord.inviteStatus(anywhere[0], survey: survey.id) == .unused)
        #expect(throws: StoreError.self) { try atNoord.submit(StoreFixtures.submission("z", survey: survey, hash: hash, invite: zuid[0])) }
        #expect(!(try atNoord.submit(StoreFixtures.submission("n", survey: survey, hash: hash, invite: noord[0])).isDuplicate))
        #expect(!(try atNoord.submit(StoreFixtures.submission("a", survey: survey, hash: hash, invite: anywhere[0])).isDuplicate))
        // Without a venue every batch counts: the Zuid code is still unused.
        #expect(try central.inviteStatus(zuid[0], survey: survey.id) == .unused)
        #expect(try central.inviteCounts(survey: survey.id) == (4, 2))
    }
}
