import Analysis
import Foundation
public import Programme
public import WijkpeilCore

/// Making a progress report from the files an organiser has: the programme, the agenda beside it
/// (for what residents said), an indicators file with a `year` column (for where the goals
/// stand), and the commitments and the survey's promise when given.
public enum ProgressReporting {
    /// The report, and what was left out and why (for the person making it to read; the missing
    /// indicators only when `needsIndicators`, as the council's report does).
    public static func report(
        programmeFile: String, months: Int, today: CalendarDate, indicatorsFile: String?, commitments: [Commitment]?, feedback: LocalizedText?,
        needsIndicators: Bool = true, language: Language = .nl
    ) throws -> (report: ProgressReport, leftOut: [String]) {
        let programme = try ProgrammeFiles.read(programmeFile)
        guard let period = ProgressReport.Period(year: programme.year, months: months) else {
            throw WorkflowError(
                .usage, nl: "--months is 4, 8 of 12 (de rapportages van het Wijkakkoord), niet \(months)", en: "--months is 4, 8 or 12 (the Wijkakkoord's reports), not \(months)")
        }
        let nl = language == .nl
        let (evidence, notes) = Self.evidence(of: programme, programmeFile: programmeFile, language: language)
        var leftOut = notes
        var measurements: [String: [Goal.Measure]] = [:]
        if let indicatorsFile {
            measurements = try Self.measurements(indicatorsFile)
            let unmatched = programme.goals.compactMap(\.indicator).filter { measurements[$0] == nil }
            if !unmatched.isEmpty {
                leftOut.append(
                    (nl ? "geen reeks met jaren in \(indicatorsFile) voor: " : "no series with years in \(indicatorsFile) for: ")
                        + unmatched.joined(separator: "; "))
            }
        } else if needsIndicators {
            leftOut.append(
                nl
                    ? "zonder --indicators (een CSV met een kolom year) staat bij elk doel 'nog geen nieuwe meting'"
                    : "without --indicators (a CSV with a year column) every goal shows 'not measured again yet'")
        }
        let report = ProgressReport(
            programme: programme, period: period, today: today, measurements: measurements, evidence: evidence, commitments: commitments,
            feedback: feedback)
        return (report, leftOut)
    }

    /// What residents said per priority, from the agenda beside the programme; nil, and why, when
    /// that agenda cannot be used.
    public static func evidence(of programme: Programme, programmeFile: String, language: Language) -> ([String: PriorityEvidence]?, [String]) {
        let nl = language == .nl
        do {
            return (ProgrammeFiles.evidence(from: try ProgrammeFiles.agenda(of: programme, programmeFile: programmeFile)), [])
        } catch let error as InvalidInput {
            return (
                nil,
                error.findings.all.map { $0.rendered(in: language) } + [
                    nl
                        ? "wat bewoners zeiden is weggelaten: de agenda hoort niet meer bij dit programma"
                        : "what residents said is left out: the agenda no longer belongs to this programme"
                ]
            )
        } catch {
            return (nil, [nl ? "wat bewoners zeiden is weggelaten: \(error)" : "what residents said is left out: \(error)"])
        }
    }

    /// Per indicator name, its wijk-level values by year, from an indicators file with a `year`
    /// column.
    public static func measurements(_ indicatorsFile: String) throws -> [String: [Goal.Measure]] {
        guard let bytes = FileManager.default.contents(atPath: indicatorsFile) else {
            throw WorkflowError.unreadable(indicatorsFile)
        }
        var measurements: [String: [Goal.Measure]] = [:]
        for indicator in try IndicatorFile.read([UInt8](bytes), file: indicatorsFile, themes: nil) where indicator.buurt == nil {
            measurements[indicator.name] = indicator.series.map { Goal.Measure(value: $0.value, year: $0.year) }
        }
        return measurements
    }

    /// A filled-in evaluation of `programme`, read and checked: JSON, or a spreadsheet (`.csv`).
    public static func evaluation(_ file: String, of programme: Programme) throws -> Evaluation {
        if file.lowercased().hasSuffix(".csv") {
            guard let data = FileManager.default.contents(atPath: file) else { throw WorkflowError.unreadable(file) }
            return try Evaluation.readSpreadsheet([UInt8](data), file: file, programme: programme)
        }
        let (json, _) = try AgendaMaking.readJSON(file, role: "evaluation")
        return try Evaluation.read(json, file: file, programme: programme)
    }
}
