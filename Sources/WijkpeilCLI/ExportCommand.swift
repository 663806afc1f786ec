import Export
import Foundation
import Store
import Surveys
import WijkpeilCore

/// `wijkpeil export`: an anonymised export for researchers, with its codebook.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export",
        abstract: "Export a survey's responses for researchers: anonymised, shuffled, with a codebook.",
        discussion: """
            Never exported: questions with privacy "direct", e-mail addresses, submission keys, exact
            times, and the order responses came in (rows are shuffled and numbered 1…n). Multi-choice
            becomes one 0/1 column per option, stickers one count column per option. Quasi-identifiers
            are generalised (ages to ten-year bands, postcodes to PC4, dates to ISO weeks); free text is
            scrubbed of e-mail addresses, phone numbers, postcodes, URLs and IBANs. A combination of
            quasi-identifiers that occurs fewer than k times is replaced by *; if those rows are fewer
            than k, they are left out. The file is written only if k-anonymity then holds.
            --out names a folder of its own (created if needed): the export goes there as SURVEY.csv (or
            .json) with its codebook, a Frictionless Data Package, as datapackage.json. A folder that
            already holds the package of another survey or export is refused. (--out FOLDER/NAME.csv
            names the file as well.)
            """,
        options: [
            .database, .survey, .surveys,
            OptionSpec("out", value: "FOLDER", help: "The folder for the export and its datapackage.json."),
            .format(["csv", "json"], default: "csv"),
            OptionSpec("k", value: "K", help: "Every combination of quasi-identifiers occurs at least K times.", default: "5"),
            OptionSpec("codebook", value: "FILE", help: "Where to write the codebook (default: datapackage.json beside the export)."),
        ],
        run: { arguments, console in
            guard let target = arguments.value("out") else {
                throw UsageError(message: "missing --out FOLDER (for example --out export/wijkanalyse/)", commandPath: arguments.commandPath)
            }
            guard let k = Int(arguments.value("k") ?? ""), (1...10_000).contains(k) else {
                throw UsageError(message: "--k needs a whole number from 1 to 10000 (5 is usual)", commandPath: arguments.commandPath)
            }
            let survey = try DatabaseAccess.survey(arguments)
            let store = try DatabaseAccess.open(arguments, mustExist: true)
            let plan = ExportPlan(definition: survey)
            let json = arguments.value("format") == "json"
            let (folder, fileName) = packageFolder(target, survey: survey.id, json: json)
            let out = folder + "/" + fileName
            let codebookPath = arguments.value("codebook") ?? folder + "/datapackage.json"
            try claimFolder(folder, for: fileName, codebook: codebookPath)
            let report = try write(plan: plan, store: store, k: k, to: out, json: json, console: console)
            let codebook = Codebook.dataPackage(plan: plan, csvFile: fileName, disclosure: report)
            do {
                try OutputFile.write(codebook.prettyText + "\n", to: codebookPath, console: console)
            } catch {
                throw CommandFailure(message: "cannot write the codebook '\(codebookPath)'; the export itself was written")
            }
            console.err.line(
                arguments.language == .nl
                    ? "\(report.rows) rijen geëxporteerd naar \(out) (k = \(k)): \(report.rowsSuppressed) met onderdrukte waarden, \(report.rowsLeftOut) weggelaten; codeboek: \(codebookPath)"
                    : "\(report.rows) rows exported to \(out) (k = \(k)): \(report.rowsSuppressed) with suppressed values, \(report.rowsLeftOut) left out; codebook: \(codebookPath)"
            )
            return .success
        })

    /// The package's folder and the export's file name: `--out export/wijkanalyse/` gives
    /// `export/wijkanalyse/wijkanalyse.csv`; `--out export/a.csv` names the file as well.
    static func packageFolder(_ target: String, survey: String, json: Bool) -> (folder: String, file: String) {
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
    static func claimFolder(_ folder: String, for fileName: String, codebook: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CommandFailure(message: "'\(folder)' is a file, not a folder; name a folder for the export (--out export/wijkanalyse/)")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(message: "cannot make the folder '\(folder)'; check that you may write there")
            }
        }
        guard let data = FileManager.default.contents(atPath: codebook) else { return }
        var paths: [String] = []
        if case .object(let package)? = try? JSONValue.parse(data), case .array(let resources)? = package["resources"] {
            for case .object(let resource) in resources { if case .string(let path)? = resource["path"] { paths.append(path) } }
        }
        guard paths == [fileName] else {
            throw CommandFailure(
                message:
                    "'\(codebook)' already describes another export (\(paths.isEmpty ? "not a data package" : paths.joined(separator: ", "))); name another folder, such as --out export/\((fileName as NSString).deletingPathExtension)-2/",
                exitCode: .invalid)
        }
    }

    /// Two passes over the stored responses: count the combinations of quasi-identifiers, then
    /// write the rows in random order to a temporary file, checking k-anonymity before it is
    /// renamed into place. Memory holds the combinations, not the rows.
    static func write(plan: ExportPlan, store: Store, k: Int, to out: String, json: Bool, console: Console) throws -> DisclosureReport {
        var counts: [String: Int] = [:]
        var total = 0
        try store.forEachResponse(survey: plan.definition.id) { response in
            guard case .object(let answers) = response.answers else { return }
            counts[plan.quasiKey(plan.cells(answers)), default: 0] += 1
            total += 1
        }
        let decision = plan.hasQuasiIdentifiers ? KAnonymity(k: k, counts: counts) : KAnonymity(k: k, counts: [:])
        let partial = out + ".partial-" + UUID().uuidString.prefix(8)
        guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw CommandFailure(message: "cannot write '\(out)'; check that the folder exists and that you may write there")
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
            if console.errIsTerminal, row % 10_000 == 0 { console.err.write("\rexport: \(row)/\(total)") }
        }
        if console.errIsTerminal { console.err.write("\r") }
        if json { buffer += Array("\n]\n".utf8) }
        try flush()
        // Check before the file is kept: every combination occurs at least k times.
        guard !plan.hasQuasiIdentifiers || decision.holds(for: written) else {
            throw CommandFailure(message: "k-anonymity with k = \(k) does not hold for this export; nothing was written", exitCode: .invalid)
        }
        try handle.synchronize()
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.moveItem(atPath: partial, toPath: out)
        keepPartial = true
        return DisclosureReport(k: k, rows: row, rowsSuppressed: suppressed, rowsLeftOut: leftOut)
    }
}
