import BenchKit
import Foundation
import Workflows
import Hashing
import Store
import Surveys
import WijkpeilCore

extension BenchCommand {
    static let analysis = CommandSpec(
        name: "analysis",
        abstract: "Analysis speed and memory: 100,000 responses × 8 themes by 20 buurten against a reference of the same size.",
        options: [.surveys, OptionSpec("responses", value: "N", help: "Responses in the neighbourhood and in the reference.", default: "100000")],
        run: { arguments, console in
            guard let size = Int(arguments.value("responses") ?? ""), size >= 100 else {
                throw UsageError(message: "--responses needs a whole number of at least 100", commandPath: arguments.commandPath)
            }
            let themesFile = (arguments.value("surveys") ?? "./surveys") + "/themes/wijkanalyse.json"
            guard let themes = FileManager.default.contents(atPath: themesFile) else {
                throw CommandFailure(message: "the bundled theme set \(themesFile) is needed")
            }
            console.err.line("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)")
            #if DEBUG
                console.err.line("note: this is a debug build; for real figures run `swift run -c release wijkpeil-bench analysis`")
            #endif
            let folder = NSTemporaryDirectory() + "wijkpeil-bench-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder + "/surveys/themes", withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            _ = FileManager.default.createFile(atPath: folder + "/surveys/themes/wijkanalyse.json", contents: themes)
            let themeIds = ["bewoners", "wonen", "woonomgeving", "werk-inkomen", "gezondheid-zorg", "verkeer", "veiligheid", "samenleven"]
            let buurten = (1...20).map { "buurt-\($0)" }
            let survey = benchSurvey(themes: themeIds, buurten: buurten)
            _ = FileManager.default.createFile(atPath: folder + "/surveys/bench.json", contents: survey.utf8Data)
            var generator = SplitMix64(seed: 2027)
            var files: [String] = []
            for (name, shift) in [("wijk", 0), ("stad", 1)] {
                var csv = Array((themeIds.map { "cijfer-" + $0 } + ["buurt", "leeftijd"]).joined(separator: ",").utf8) + [10]
                for _ in 0..<size {
                    for _ in themeIds {
                        let random = generator.next()
                        // A mark from 1 to 10, centred near 6 (+1 in the reference); one in sixteen skipped.
                        if random & 15 != 0 { csv += Array(String(min(10, 1 + Int((random >> 8) % 6) + Int((random >> 16) % 5) + shift)).utf8) }
                        csv.append(44)
                    }
                    csv += Array(buurten[Int(generator.next() % 20)].utf8)
                    csv += Array(",\(18 + Int(generator.next() % 70))\n".utf8)
                }
                let file = folder + "/\(name).csv"
                _ = FileManager.default.createFile(atPath: file, contents: Data(csv))
                files.append(file)
            }
            let common = ["analyse", "--survey", "bench", "--surveys", folder + "/surveys", "--by", "buurt", "--format", "json"]
            let fromFiles = try runChild(common + ["--responses", files[0], "--reference", files[1], "--out", folder + "/a.json"])
            console.out.line(
                "analysis from CSV, \(size) responses × \(themeIds.count) themes by \(buurten.count) buurten, reference of \(size): \(String(format: "%.2f", fromFiles.seconds)) s, peak memory \(fromFiles.peakMegabytes) MB"
            )

            // The same responses stored in two databases, read back through the store.
            guard case .survey(let definition) = try SurveyLibrary(directory: folder + "/surveys").resolve("bench").content else {
                throw CommandFailure(message: "the benchmark survey did not read")
            }
            var databases: [String] = []
            for file in files {
                let db = file.replacingOccurrences(of: ".csv", with: ".sqlite")
                let store = try Store(path: db)
                let hash = try store.register(definition)
                let fileBytes = [UInt8](FileManager.default.contents(atPath: file) ?? Data())
                let rows = try ResponseFile.read(fileBytes, format: .csv, definition: definition, fileHash: SHA256.hex(fileBytes)).rows
                var batch: [Submission] = []
                for row in rows {
                    guard case .success(let response) = row.result else { throw CommandFailure(message: "a generated row is invalid") }
                    batch.append(Submission(response: response, definition: definition, definitionHash: hash, submissionKey: row.submissionKey, source: .web))
                }
                _ = try store.storeAll(batch)
                databases.append(db)
            }
            let fromStore = try runChild(common + ["--db", databases[0], "--reference-db", databases[1], "--out", folder + "/b.json"])
            console.out.line("analysis from the store, the same responses: \(String(format: "%.2f", fromStore.seconds)) s, peak memory \(fromStore.peakMegabytes) MB")
            return .success
        })

    private static func benchSurvey(themes: [String], buurten: [String]) -> JSONValue {
        let ratings: [JSONValue] = themes.map { theme in
            .object(["id": .string("cijfer-" + theme), "type": "rating", "min": 1, "max": 10, "theme": .string(theme), "text": .object(["nl": .string(theme)])])
        }
        let buurt: JSONValue = .object([
            "id": "buurt", "type": "single", "privacy": "quasi", "text": .object(["nl": "Buurt"]),
            "options": .array(buurten.map { .object(["id": .string($0), "label": .object(["nl": .string($0)])]) }),
        ])
        let age: JSONValue = .object(["id": "leeftijd", "type": "number", "min": 12, "max": 120, "privacy": "quasi", "generalise": "age-band", "text": .object(["nl": "Leeftijd"])])
        return .object([
            "id": "bench", "version": 1, "title": .object(["nl": "Benchmark"]), "level": "consult", "themeSet": "wijkanalyse",
            "questions": .array(ratings + [buurt, age]),
        ])
    }
}

private extension JSONValue {
    var utf8Data: Data { encoded(pretty: false) }
}
