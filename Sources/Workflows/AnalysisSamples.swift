import Foundation
public import Analysis
import Store
import Surveys
public import WijkpeilCore

/// Reading the responses an analysis is made of: from a file (every row validated; one bad row
/// stops the analysis, with every bad row named) or from the store.
public enum AnalysisSamples {
    /// The responses of `bytes`, a file called `file` (CSV, or JSONL by its name).
    public static func file(plan: AnalysisPlan, bytes: [UInt8], file: String) throws(InvalidInput) -> ResponseSample {
        var sample = ResponseSample(plan: plan)
        var findings = Findings()
        do throws(InvalidInput) {
            try ResponseFile.forEachRow(bytes, format: ResponseFile.Format(fileName: file), definition: plan.survey, fileHash: nil) { row in
                switch row.result {
                case .success(let response): sample.add(response, channel: "file")
                case .failure(let errors):
                    for error in errors.errors {
                        findings.append(Finding(.error, code: error.code.rawValue, at: Location(file: file, line: row.line, path: error.question), message: error.message))
                    }
                }
            }
        } catch {
            throw InvalidInput(error.findings.inFile(file))
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        return sample
    }

    /// The stored responses to `survey` in the database at `path`; `progress` is told every
    /// 50,000 responses read.
    /// Responses to an earlier version of the survey are read only where their answers mean the
    /// same as in the version in hand (``SurveyVersions``); for a reference survey of another id
    /// the versions are not compared.
    public static func stored(plan: AnalysisPlan, path: String, survey: String, language: Language = .nl, progress: (Int) -> Void = { _ in }) throws -> ResponseSample {
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkflowError(
                .usage,
                nl: "er is geen database op '\(path)'; controleer het pad (antwoorden komen daar door `wijkpeil responses import` en `wijkpeil serve`)",
                en: "there is no database at '\(path)'; check the path (responses are stored there by `wijkpeil responses import` and `wijkpeil serve`)")
        }
        // Read-only: an analysis (of the neighbourhood or of the reference) never writes.
        let store = try StoreReader(path: path)
        if survey == plan.survey.id {
            try SurveyVersions.read(plan.survey, in: store).requireCompatible(plan.survey, language: language)
        }
        var sample = ResponseSample(plan: plan)
        try store.forEachResponse(survey: survey) { response in
            sample.add(storedAnswers: response.answers, channel: response.source.rawValue)
            if sample.responses % 50_000 == 0 { progress(sample.responses) }
        }
        return sample
    }
}
