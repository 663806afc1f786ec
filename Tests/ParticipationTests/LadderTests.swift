import Participation
import Testing
import WijkpeilCore

@Suite("The participation ladder")
struct LadderTests {
    @Test func levelsAreOrderedFromInformToCodecide() {
        #expect(ParticipationLevel.allCases == [.inform, .consult, .advise, .coproduce, .codecide])
        #expect(ParticipationLevel.consult < .advise)
        #expect(ParticipationLevel.allCases.sorted() == ParticipationLevel.allCases)
        #expect(ParticipationLevel.allCases.map(\.rung) == [1, 2, 3, 4, 5])
    }

    @Test(arguments: [
        (ParticipationLevel.inform, "Informeren", InputBinding.none, "toehoorder"),
        (.consult, "Raadplegen", .notBinding, "gesprekspartner of geconsulteerde"),
        (.advise, "Adviseren", .bindingUnlessArgued, "adviseur"),
        (.coproduce, "Coproduceren", .binding, "samenwerkingspartner"),
        (.codecide, "Meebeslissen", .residentsDecide, "medebeslisser"),
    ])
    func eachLevelCarriesTheGuidesFacts(level: ParticipationLevel, name: String, binding: InputBinding, role: String) {
        #expect(level.name.nl == name)
        #expect(level.binding == binding)
        #expect(level.residentRole.nl == role)
        #expect(level.name.en != nil && level.decisions.en != nil && level.promise.en != nil)
    }

    @Test(arguments: [
        (ParticipationLevel.inform, ["informatiebijeenkomst", "huis-aan-huisblad", "excursie", "campagne"]),
        (.consult, ["inspraakavond", "digitale-peiling", "enquete", "groepsgesprek"]),
        (.advise, ["adviesraad", "wijkraad", "expertmeeting", "rondetafelgesprek"]),
        (.coproduce, ["overleggroep", "convenant", "werkatelier", "projectgroep"]),
        (.codecide, ["stuurgroep", "referendum"]),
    ])
    func instrumentsFollowTheGuidesTable(level: ParticipationLevel, ids: [String]) {
        #expect(level.instruments.map(\.id) == ids)
    }

    @Test func deviationNeedsAReasonFromAdviseUp() {
        let needing = ParticipationLevel.allCases.filter { $0.binding.deviationNeedsReason }
        #expect(needing == [.advise, .coproduce, .codecide])
    }

    @Test func instrumentIdsAreUniqueAndValid() {
        let ids = Instrument.catalogue.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy(Identifier.isValid))
    }
}

@Suite("The steps of the neighbourhood cycle")
struct CycleTests {
    @Test func theGuidesStepsAreAllThereInOrder() {
        let ids = CycleStep.all.map(\.id)
        let expected = (0...6).map { "A\($0)" } + (1...5).map { "B\($0)" } + (1...8).map { "C\($0)" } + ["D1", "D2"]
        #expect(ids == expected)
    }

    @Test(arguments: [
        ("A0", [ParticipationLevel.advise], "adviseur"),
        ("A5", [.consult], "gesprekspartner"),
        ("B2", [.consult, .advise], "geconsulteerde, adviseur"),
        ("C2", [.advise, .coproduce], "adviseur, samenwerkingspartner"),
        ("C8", [.codecide], "medebeslissers"),
    ])
    func stepsCarryTheResidentsRole(id: String, levels: [ParticipationLevel], role: String) throws {
        let step = try #require(CycleStep.named(id))
        #expect(step.levels == levels)
        #expect(step.residentRole?.nl == role)
    }

    @Test func stepsWithoutAResidentRoleHaveNoLevel() throws {
        for id in ["A1", "A2", "A4", "A6", "B1", "B3", "B5", "C3", "C5", "C6"] {
            let step = try #require(CycleStep.named(id))
            #expect(step.residentRole == nil && step.levels.isEmpty, "\(id)")
        }
    }

    @Test func stepIdsAreFoundWhateverTheSpelling() {
        #expect(CycleStep.named("a 5")?.id == "A5")
        #expect(CycleStep.named("E1") == nil)
    }

    @Test func everyNamedInstrumentIsInTheCatalogue() {
        for step in CycleStep.all {
            for id in step.instruments {
                #expect(Instrument.named(id) != nil, "\(step.id): \(id)")
            }
        }
    }
}
