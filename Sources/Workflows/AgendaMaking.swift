public import Agenda
import Foundation
import Hashing
public import Participation
public import WijkpeilCore

/// Making the neighbourhood agenda from the files the council is given: the analysis and the
/// sticker tallies, each recorded by its SHA-256 so anyone can verify the agenda later; and
/// computing it again without erasing the council's answers.
public enum AgendaMaking {
    /// What the agenda is weighed from: the evidence per theme, and the files it came from.
    public struct Inputs: Sendable {
        public var evidence: [ThemeEvidence]
        /// The analysis first, then the tallies, as the agenda records them.
        public var files: [Agenda.Input]
        /// The neighbourhood and period the analysis names, as one line.
        public var area: String?
        /// The participants of the evening: the tallies' counts added up, when every tally has one.
        public var participants: Int?

        public init(evidence: [ThemeEvidence], files: [Agenda.Input]) {
            self.evidence = evidence
            self.files = files
        }
    }

    /// Reads the analysis (`wijkpeil analyse --format json`) and the sticker tallies
    /// (`wijkpeil stickers tally --format json`). A file that cannot be read is a usage error
    /// naming it; a file that is not what it should be is invalid, with its findings.
    public static func read(analysis analysisFile: String, stickers stickerFiles: [String]) throws -> Inputs {
        let (analysis, analysisInput) = try readJSON(analysisFile, role: "analysis")
        var tallies: [(json: JSONValue, file: String)] = [], files = [analysisInput]
        for file in stickerFiles {
            let (json, input) = try readJSON(file, role: "stickers")
            tallies.append((json, file))
            files.append(input)
        }
        let evidence = try ThemeEvidence.read(analysis: analysis, analysisFile: analysisFile, tallies: tallies)
        var inputs = Inputs(evidence: evidence, files: files)
        let counted = tallies.map { tally -> Int? in
            if case .object(let root) = tally.json, case .number(let participants)? = root["participants"] { Int(participants) } else { nil }
        }
        if !counted.isEmpty, !counted.contains(nil) { inputs.participants = counted.compactMap { $0 }.reduce(0, +) }
        if case .object(let root) = analysis, case .object(let area)? = root["area"], case .string(let name)? = area["name"] {
            var line = name
            if case .string(let cbs)? = area["cbs"] { line += " (\(cbs))" }
            if case .string(let period)? = area["period"] { line += ", \(period)" }
            inputs.area = line
        }
        return inputs
    }

    /// A JSON file made by Wijkpeil, with its SHA-256 and its role (`analysis`, `stickers`, `agenda`).
    public static func readJSON(_ file: String, role: String) throws(WorkflowError) -> (JSONValue, Agenda.Input) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw WorkflowError.unreadable(file)
        }
        do {
            let json = try JSONValue.parse(data)
            return (json, Agenda.Input(role: role, file: (file as NSString).lastPathComponent, sha256: SHA256.hex(data)))
        } catch {
            throw WorkflowError(
                .invalid, nl: "'\(file)' is geen JSON (\(error)); geef het bestand dat wijkpeil met --format json maakte",
                en: "'\(file)' is not JSON (\(error)); give the file made by wijkpeil with --format json")
        }
    }

    /// Weighs the themes into at most `max` priorities.
    /// `eveningDate` is the day of the resident evening, named on the residents' page.
    public static func make(
        from inputs: Inputs, weights: Weights, max: Int, level: ParticipationLevel, version: String, eveningDate: CalendarDate? = nil
    ) throws(WorkflowError) -> Agenda {
        do throws(Agenda.ComputeError) {
            var agenda = try Agenda.compute(evidence: inputs.evidence, weights: weights, max: max, level: level, inputs: inputs.files, version: version)
            agenda.area = inputs.area
            if eveningDate != nil || inputs.participants != nil {
                agenda.evening = Agenda.Evening(date: eveningDate?.description, participants: inputs.participants)
            }
            return agenda
        } catch {
            switch error {
            case .noSignal:
                throw WorkflowError(
                    .invalid, nl: "elk signaal met gewicht ontbreekt bij elk thema; geef stickeruitslagen, of weeg de signalen die de analyse heeft",
                    en: "every signal that has weight is missing for every theme; give sticker tallies, or weigh the signals the analysis has")
            case .maxOutOfRange(let max):
                throw WorkflowError(
                    .usage, nl: "--max \(max) valt buiten het bereik: 1 tot en met \(Agenda.largestMax)", en: "--max \(max) is out of range: 1 to \(Agenda.largestMax)")
            }
        }
    }

    /// An agenda file that already holds the council's answers is never erased by computing the
    /// agenda again: with the same priorities the answers are carried over into `agenda`; with
    /// other priorities nothing may be written, and the error says how to go on.
    public static func keepCouncilAnswers(in file: String, for agenda: inout Agenda, language: Language) throws(WorkflowError) {
        guard let data = FileManager.default.contents(atPath: file), let json = try? JSONValue.parse(data),
            let earlier = try? Agenda.read(json, file: file), !earlier.responses.isEmpty
        else { return }
        guard earlier.priorities == agenda.priorities else {
            let before = earlier.priorities.joined(separator: ", "), now = agenda.priorities.joined(separator: ", ")
            throw WorkflowError(
                .invalid,
                language == .nl
                    ? "'\(file)' bevat de antwoorden van de raad op \(before); de nieuwe berekening geeft \(now). Er is niets overschreven: schrijf naar een ander bestand (--out agenda-2.json) en leg de nieuwe speerpunten opnieuw aan de raad voor."
                    : "'\(file)' holds the council's answers to \(before); the new computation gives \(now). Nothing was overwritten: write to another file (--out agenda-2.json) and put the new priorities to the council again."
            )
        }
        agenda.responses = earlier.responses
    }
}
