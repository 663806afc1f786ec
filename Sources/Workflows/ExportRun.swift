import Foundation
public import Export
public import Store
import Surveys
public import WijkpeilCore

/// Running an export for researchers: the rows anonymised and shuffled into a folder of their own,
/// with the codebook beside them, and k-anonymity checked before the file is kept.
public enum ExportRun {
    /// Where an export went and what was done to keep people from being picked out.
    public struct Outcome: Sendable {
        public var file: String
        public var codebook: String
        public var report: DisclosureReport
        /// The earlier versions of the survey whose responses were joined, and how.
        public var joined: [String]
    }

    /// Exports the stored responses of `plan`'s survey to `target` (a folder, or a folder and file
    /// name ending in `.csv`/`.json`), and writes the codebook to `codebook` or, by default,
    /// `datapackage.json` in the folder. `progress` is told rows written and the total.
    public static func run(
        plan: ExportPlan, store: StoreReader, k: Int, target: String, json: Bool, codebook codebookPath: String? = nil, language: Language = .nl,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Outcome {
        // Every response is read as an answer to the current version: only where it means the same.
        let versions = try SurveyVersions.read(plan.definition, in: store)
        try versions.requireCompatible(plan.definition, language: language)
        let (folder, fileName) = packageFolder(target, survey: plan.definition.id, json: json)
        let out = folder + "/" + fileName
        let codebookPath = codebookPath ?? folder + "/datapackage.json"
        try claimFolder(folder, for: fileName, codebook: codebookPath)
        let report = try write(plan: plan, store: store, k: k, to: out, json: json, progress: progress)
        var codebook = Codebook.dataPackage(plan: plan, csvFile: fileName, disclosure: report)
        if case .object(var package) = codebook {
            package["wijkpeil:versions"] = .array(
                versions.versions.map { version in
                    .object([
                        "version": .number(Double(version.number)), "definitionSHA256": .string(version.hash),
                        "responses": .number(Double(version.responses)), "current": .bool(version.isCurrent),
                        "changes": .array(version.changes.joined.map { .object(["question": .string($0.question), "change": $0.text.jsonValue]) }),
                    ])
                })
            codebook = .object(package)
        }
        do {
            // Replaced whole: a temporary file renamed into place.
            try (codebook.encoded(pretty: true) + Data("\n".utf8)).write(to: URL(fileURLWithPath: codebookPath), options: .atomic)
        } catch {
            throw WorkflowError(
                .usage, nl: "kan het codeboek '\(codebookPath)' niet schrijven; de export zelf is geschreven",
                en: "cannot write the codebook '\(codebookPath)'; the export itself was written")
        }
        return Outcome(file: out, codebook: codebookPath, report: report, joined: versions.summary(language: language))
    }

    /// The package's folder and the export's file name: `--out export/wijkanalyse/` gives
    /// `export/wijkanalyse/wijkanalyse.csv`; `--out export/a.csv` names the file as well.
    public static func packageFolder(_ target: String, survey: String, json: Bool) -> (folder: String, file: String) {
        let lower = target.lowercased()
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory)
        if !(exists && isDirectory.boolValue), !target.hasSuffix("/"), lower.hasSuffix(".csv") || lower.hasSuffix(".json") {
            let folder = (target as NSString).deletingLastPathComponent
            return (folder.isEmpty ? "." : folder, (target as NSString).lastPathComponent)
        }
        let folder = target.hasSuffix("/") && target.count > 1 ? String(target.dropLast()) : target
        return (folder, survey + (json ? ".json" : ".csv"))
    }

    /// Makes the folder, or checks that it holds no package but this one: a Frictionless
    /// descriptor is always `datapackage.json`, so two exports cannot share a folder.
    public static func claimFolder(_ folder: String, for fileName: String, codebook: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw WorkflowError(
                    .usage, nl: "'\(folder)' is een bestand, geen map; geef een map voor de export (--out export/wijkanalyse/)",
                    en: "'\(folder)' is a file, not a folder; name a folder for the export (--out export/wijkanalyse/)")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw WorkflowError(
                    .usage, nl: "kan de map '\(folder)' niet maken; controleer of u daar mag schrijven", en: "cannot make the folder '\(folder)'; check that you may write there")
            }
        }
        guard let data = FileManager.default.contents(atPath: codebook) else { return }
        var paths: [String] = []
        if case .object(let package)? = try? JSONValue.parse(data), case .array(let resources)? = package["resources"] {
            for case .object(let resource) in resources { if case .string(let path)? = resource["path"] { paths.append(path) } }
        }
        guard paths == [fileName] else {
            throw WorkflowError(
                .invalid,
                "'\(codebook)' already describes another export (\(paths.isEmpty ? "not a data package" : paths.joined(separator: ", "))); name another folder, such as --out export/\((fileName as NSString).deletingPathExtension)-2/"
            )
        }
    }

    /// Two passes over the stored responses: count the combinations of quasi-identifiers, then
    /// write the rows in random order to a temporary file, checking k-anonymity before it is
    /// renamed into place. Memory holds the combinations, not the rows.
    static func write(plan: ExportPlan, store: StoreReader, k: Int, to out: String, json: Bool, progress: (Int, Int) -> Void) throws -> DisclosureReport {
        var counts: [String: Int] = [:]
        var total = 0
        if plan.hasQuasiIdentifiers {
            // Only the quasi-identifying answers, taken out of the stored JSON by SQLite.
            try store.forEachResponse(survey: plan.definition.id, fields: plan.quasiQuestions) { answers in
                counts[plan.quasiKey(answers: answers), default: 0] += 1
                total += 1
            }
        } else {
            total = try store.responseCount(survey: plan.definition.id)
        }
        let decision = plan.hasQuasiIdentifiers ? KAnonymity(k: k, counts: counts) : KAnonymity(k: k, counts: [:])
        let partial = out + ".partial-" + UUID().uuidString.prefix(8)
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw WorkflowError(
                .usage, nl: "kan '\(out)' niet schrijven; controleer of de map bestaat en of u daar mag schrijven",
                en: "cannot write '\(out)'; check that the folder exists and that you may write there")
        }
        var keepPartial = false
        defer {
            try? handle.close()
            if !keepPartial { try? FileManager.default.removeItem(atPath: partial) }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        let header = plan.header
        if json {
            buffer += Array("[\n".utf8)
        } else {
            CSVWriter.append(header, to: &buffer)
        }
        var written: [String: Int] = [:]
        var row = 0, suppressed = 0, leftOut = 0
        try store.forEachResponse(survey: plan.definition.id, shuffled: true) { response throws(StoreError) in
            guard case .object(let answers) = response.answers else { return }
            var cells = plan.cells(answers)
            var isSuppressed = false
            if plan.hasQuasiIdentifiers, decision.suppressedKeys.contains(plan.quasiKey(cells)) {
                if decision.leaveOutSuppressed {
                    leftOut += 1
                    return
                }
                cells = plan.suppressed(cells)
                suppressed += 1
                isSuppressed = true
            }
            row += 1
            if plan.hasQuasiIdentifiers { written[plan.quasiKey(cells), default: 0] += 1 }
            if json {
                let object = plan.jsonRow(number: row, cells: cells, suppressed: isSuppressed)
                buffer += Array(((row > 1 ? ",\n" : "") + object.compactText).utf8)
            } else {
                CSVWriter.append([String(row)] + cells, to: &buffer)
            }
            if buffer.count > 1 << 20 {
                do { try flush() } catch {
                    throw StoreError(.ioError, purpose: "writing the export", sqliteMessage: "\(error)", path: out)
                }
            }
            if row % 10_000 == 0 { progress(row, total) }
        }
        if json { buffer += Array("\n]\n".utf8) }
        try flush()
        // Check before the file is kept: every combination occurs at least k times.
        guard !plan.hasQuasiIdentifiers || decision.holds(for: written) else {
            throw WorkflowError(
                .invalid, nl: "k-anonimiteit met k = \(k) geldt niet voor deze export; er is niets geschreven",
                en: "k-anonymity with k = \(k) does not hold for this export; nothing was written")
        }
        try handle.synchronize()
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.moveItem(atPath: partial, toPath: out)
        keepPartial = true
        return DisclosureReport(k: k, rows: row, rowsSuppressed: suppressed, rowsLeftOut: leftOut)
    }
}
