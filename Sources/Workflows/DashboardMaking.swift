import Analysis
public import Dashboard
import Foundation
public import Programme
import Store
public import Surveys
public import WijkpeilCore

/// Making the council's dashboard from the files an organiser has: the programme (with the agenda
/// beside it), the analyses of the neighbourhood survey's waves, the sticker tallies of the
/// resident evenings, the evaluation survey's responses per wave, the indicators over the years,
/// and the register of commitments.
public enum DashboardMaking {
    /// A file named with the wave it belongs to (`2026`, or a word such as `vorige`).
    public struct Wave: Sendable, Hashable {
        public var label: String
        public var file: String

        public init(label: String, file: String) {
            self.label = label
            self.file = file
        }
    }

    public static func dashboard(
        programmeFile: String, today: CalendarDate, analyses: [Wave], tallies: [String], evaluations: [Wave], evaluationSurvey: SurveyDefinition?,
        indicatorsFile: String?, commitments: [Commitment]?, language: Language = .nl
    ) throws -> (dashboard: Dashboard, leftOut: [String]) {
        let programme = try ProgrammeFiles.read(programmeFile)
        let (evidence, leftOut) = ProgressReporting.evidence(of: programme, programmeFile: programmeFile, language: language)
        let movement = try analyses.map { try movementWave($0) }
        let evenings = try tallies.map { try evening($0) }
        var trust: [Dashboard.TrustWave] = []
        if !evaluations.isEmpty {
            guard let evaluationSurvey else {
                throw WorkflowError(
                    .usage, nl: "om --evaluation te lezen is de evaluatievragenlijst nodig; geef --surveys MAP",
                    en: "the evaluation survey is needed to read --evaluation; give --surveys DIR")
            }
            trust = try evaluations.map { try trustWave($0, survey: evaluationSurvey) }
        }
        let measurements = try indicatorsFile.map(ProgressReporting.measurements) ?? [:]
        let dashboard = Dashboard(
            programme: programme, today: today, trust: trust, movement: movement, evenings: evenings, measurements: measurements, evidence: evidence,
            commitments: commitments)
        return (dashboard, leftOut)
    }

    static func json(_ file: String, role: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: file) else { throw WorkflowError.unreadable(file) }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw WorkflowError(.invalid, nl: "\(file): niet de JSON van \(role) (\(error))", en: "\(file): not the JSON of \(role) (\(error))")
        }
    }

    /// Who took part in one wave, from its analysis (`wijkpeil analyse --format json`).
    static func movementWave(_ wave: Wave) throws -> Dashboard.MovementWave {
        guard case .object(let root) = try json(wave.file, role: "an analysis"), case .object(let participation)? = root["participation"],
            case .number(let responses)? = participation["responses"]
        else {
            throw WorkflowError(
                .invalid, nl: "\(wave.file): hier staat geen deelname in; geef de JSON van wijkpeil analyse --format json",
                en: "\(wave.file): no participation in it; give the JSON of wijkpeil analyse --format json")
        }
        var channels: [String: Int] = [:]
        if case .object(let fields)? = participation["channels"] {
            for (channel, value) in fields { if case .number(let count) = value { channels[channel] = Int(count) } }
        }
        var willing: Dashboard.Share?
        if case .object(let fields)? = participation["willing"], case .number(let yes)? = fields["n"], case .number(let of)? = fields["of"] {
            willing = Dashboard.Share(yes: Int(yes), of: Int(of))
        }
        var under: [String] = []
        if case .array(let tests)? = participation["representation"] {
            for case .object(let test) in tests {
                guard case .string(let question)? = test["question"], case .array(let categories)? = test["categories"] else { continue }
                for case .object(let category) in categories where category["underRepresented"] == .bool(true) {
                    if case .string(let name)? = category["category"] { under.append("\(question) \(name)") }
                }
            }
        }
        return Dashboard.MovementWave(label: wave.label, respondents: Int(responses), channels: channels, willing: willing, underRepresented: under)
    }

    /// One resident evening, from its sticker tally (`wijkpeil stickers tally --format json`).
    static func evening(_ file: String) throws -> Dashboard.Evening {
        guard case .object(let root) = try json(file, role: "a sticker tally"), case .number(let participants)? = root["participants"],
            case .number(let stickers)? = root["stickers"]
        else {
            throw WorkflowError(
                .invalid, nl: "\(file): hier staan geen deelnemers in; geef de JSON van wijkpeil stickers tally --format json",
                en: "\(file): no participants in it; give the JSON of wijkpeil stickers tally --format json")
        }
        let session = if case .string(let name)? = root["session"] { name } else { (file as NSString).lastPathComponent }
        return Dashboard.Evening(session: session, participants: Int(participants), stickers: Int(stickers))
    }

    /// Trust in one wave, from the evaluation survey's responses (a file as `responses import`
    /// reads it); a line that is not a valid response is named, and nothing is shown.
    static func trustWave(_ wave: Wave, survey: SurveyDefinition) throws -> Dashboard.TrustWave {
        guard let data = FileManager.default.contents(atPath: wave.file) else { throw WorkflowError.unreadable(wave.file) }
        let prepared = try PaperImport.prepare([UInt8](data), fileName: wave.file, survey: survey)
        if let first = prepared.invalid.first {
            let place = "\(wave.file):\(first.line): \(first.error.question)"
            throw WorkflowError(
                .invalid,
                nl: "\(place): \(first.error.message.nl) (\(prepared.invalid.count) regel(s) geweigerd; verbeter die eerst)",
                en: "\(place): \(first.error.message.en ?? first.error.message.nl) (\(prepared.invalid.count) line(s) refused; correct them first)")
        }
        var answers: [Dashboard.TrustAnswer] = []
        for submission in prepared.submissions {
            guard case .object(let fields) = try JSONValue.parse(Data(submission.answersText.utf8)) else { continue }
            func text(_ key: String) -> String? { if case .string(let value)? = fields[key] { value } else { nil } }
            answers.append(Dashboard.TrustAnswer(buurt: text("buurt"), informed: text("geinformeerd"), visible: text("resultaten-zichtbaar")))
        }
        return Dashboard.TrustWave(label: wave.label, answers: answers)
    }
}
