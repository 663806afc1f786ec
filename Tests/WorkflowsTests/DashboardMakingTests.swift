import Dashboard
import Foundation
import Testing
import WijkpeilCore
import Workflows

@Suite("Use cases: the dashboard from the organiser's files")
struct DashboardMakingTests {
    let samples = packageRoot + "/samples/kerkwijk/"

    @Test("trust per wave is counted from the evaluation survey's responses, as the file says")
    func trustFromTheSample() throws {
        let folder = Folder()
        try FileManager.default.copyItem(atPath: samples + "programma-2027.json", toPath: folder.path + "/programma-2027.json")
        try FileManager.default.copyItem(atPath: samples + "agenda.json", toPath: folder.path + "/agenda.json")
        let waves = ["2025", "2027"].map { DashboardMaking.Wave(label: $0, file: samples + "evaluatie-antwoorden-\($0).csv") }
        let made = try DashboardMaking.dashboard(
            programmeFile: folder.path + "/programma-2027.json", today: try #require(CalendarDate("2027-11-20")), analyses: [], tallies: [],
            evaluations: waves, evaluationSurvey: try survey("evaluatie"), indicatorsFile: nil, commitments: nil)
        #expect(made.leftOut.isEmpty)
        for (index, wave) in waves.enumerated() {
            // Counted here from the CSV rows, apart from the code under test.
            let rows = try String(contentsOfFile: wave.file, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",") }
            let informed = rows.filter { $0[0] == "ja" }.count
            let opinions = rows.filter { $0[1] != "weet-niet" }
            let counted = made.dashboard.trust[index]
            #expect(counted.responses == rows.count && counted.informed == .init(yes: informed, of: rows.count))
            #expect(counted.visible == .init(yes: opinions.filter { $0[1] == "ja" }.count, of: opinions.count))
            let noord = rows.filter { $0[2] == "noord" }
            #expect(counted.perBuurt["noord"]?.informed == .init(yes: noord.filter { $0[0] == "ja" }.count, of: noord.count))
        }
    }

    @Test("a response the evaluation survey refuses is named with its file and line, and nothing is shown")
    func badResponse() throws {
        let folder = Folder()
        let file = folder.path + "/eval.csv"
        try "geinformeerd,resultaten-zichtbaar,buurt\nja,ja,noord\nmisschien,ja,zuid\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: samples + "programma-2027.json", toPath: folder.path + "/programma-2027.json")
        #expect {
            try DashboardMaking.dashboard(
                programmeFile: folder.path + "/programma-2027.json", today: try #require(CalendarDate("2027-11-20")), analyses: [], tallies: [],
                evaluations: [.init(label: "2027", file: file)], evaluationSurvey: try survey("evaluatie"), indicatorsFile: nil, commitments: nil)
        } throws: { error in
            (error as? WorkflowError)?.message.hasPrefix("\(file):3: geinformeerd:") == true
        }
    }

    @Test("an analysis or a tally that is not one is named, with the command that makes the right file")
    func wrongFiles() throws {
        let folder = Folder()
        try FileManager.default.copyItem(atPath: samples + "programma-2027.json", toPath: folder.path + "/programma-2027.json")
        let agenda = folder.path + "/agenda.json"
        try "{}".write(toFile: agenda, atomically: true, encoding: .utf8)
        func made(analyses: [DashboardMaking.Wave] = [], tallies: [String] = []) throws {
            _ = try DashboardMaking.dashboard(
                programmeFile: folder.path + "/programma-2027.json", today: try #require(CalendarDate("2027-11-20")), analyses: analyses,
                tallies: tallies, evaluations: [], evaluationSurvey: nil, indicatorsFile: nil, commitments: nil)
        }
        #expect(
            throws: WorkflowError(
                .invalid, nl: "\(agenda): hier staat geen deelname in; geef de JSON van wijkpeil analyse --format json",
                en: "\(agenda): no participation in it; give the JSON of wijkpeil analyse --format json")
        ) {
            try made(analyses: [.init(label: "2026", file: agenda)])
        }
        #expect(
            throws: WorkflowError(
                .invalid, nl: "\(agenda): hier staan geen deelnemers in; geef de JSON van wijkpeil stickers tally --format json",
                en: "\(agenda): no participants in it; give the JSON of wijkpeil stickers tally --format json")
        ) {
            try made(tallies: [agenda])
        }
    }
}
