import BenchKit
import Foundation
import Workflows
import Stickers
import Store
import Surveys
import WijkpeilCore

/// `wijkpeil-bench`: benchmarks that print their figures and the machine they ran on, and the
/// two halves of the crash test (`scripts/crash-test.sh`). Outside the product.
enum BenchCommand {
    static let all = [store, stickers, export, analysis, crashWriter, crashCheck]

    static let store = CommandSpec(
        name: "store",
        abstract: "Durable responses per second with 1 and 32 writers, against plain SQLite (100-row transactions).",
        options: [
            .surveys, OptionSpec("responses", value: "N", help: "Responses per measurement.", default: "20000"),
            OptionSpec("folder", value: "DIR", help: "Where to put the benchmark databases (default: a temporary folder)."),
            OptionSpec("writers", value: "N", help: "Measure only N async writers (as the server at N connections)."),
        ],
        run: { arguments, console in
            guard let count = Int(arguments.value("responses") ?? ""), count >= 100 else {
                throw UsageError(message: "--responses needs a whole number of at least 100", commandPath: arguments.commandPath)
            }
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            guard case .survey(let survey) = try library.resolve("wijkanalyse").content else {
                throw CommandFailure(message: "the bundled survey 'wijkanalyse' is needed for the benchmark")
            }
            let folder = arguments.value("folder") ?? NSTemporaryDirectory() + "wijkpeil-bench-" + UUID().uuidString
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { if arguments.value("folder") == nil { try? FileManager.default.removeItem(atPath: folder) } }

            console.err.line("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)")
            #if DEBUG
                console.err.line("note: this is a debug build; for real figures run `swift run -c release wijkpeil-bench store`")
            #endif
            var generator = SystemRandomNumberGenerator()
            let responses = (0..<count).map { _ in
                try! AnswerValidator.validate(SampleAnswers.make(for: survey, using: &generator), against: survey)
            }
            let plain = try StoreBenchmark.plainSQLite(path: folder + "/plain.sqlite", answers: responses.map(\.answersJSON))
            let plainRate = Double(count) / plain
            console.out.line("plain SQLite, 100-row transactions, synchronous=FULL: \(Int(plainRate)) rows/s")
            var runs = [(1, "thread"), (32, "thread"), (32, "task")]
            if let text = arguments.value("writers") {
                guard let writers = Int(text), (1...1024).contains(writers) else {
                    throw UsageError(message: "--writers needs a number from 1 to 1024", commandPath: arguments.commandPath)
                }
                runs = [(writers, "task")]
            }
            for (writers, mode) in runs {
                let store = try Store(path: folder + "/store-\(writers)-\(mode).sqlite")
                let hash = try store.register(survey)
                let submissions = responses.enumerated().map { index, response in
                    Submission(response: response, definition: survey, definitionHash: hash, submissionKey: "bench-\(index)", source: .api)
                }
                let seconds =
                    mode == "thread"
                    ? try StoreBenchmark.concurrentSubmits(submissions, to: store, writers: writers)
                    : try runBlocking { try await StoreBenchmark.concurrentAsyncSubmits(submissions, to: store, writers: writers) }
                let rate = Double(count) / seconds
                let statistics = store.writeStatistics
                let perBatch = Double(statistics.submissions) / Double(max(1, statistics.batches))
                let who = mode == "thread" ? "\(writers) writer thread(s), blocking" : "\(writers) writer tasks, async (as the server)"
                console.out.line(
                    "wijkpeil store, \(who): \(Int(rate)) durable responses/s, ratio \(String(format: "%.2f", rate / plainRate)) of plain SQLite (\(String(format: "%.1f", perBatch)) per commit)"
                )
            }
            return .success
        })

    static let stickers = CommandSpec(
        name: "stickers",
        abstract: "Sticker tally speed: CSV parsing, the tally, counting 30 million placements against NumPy, a digital tally.",
        options: [
            .surveys,
            OptionSpec("placements", value: "N", help: "Dense placements for the counting measurement.", default: "30000000"),
            OptionSpec("csv-rows", value: "N", help: "Rows of the generated per-sticker CSV.", default: "3000000"),
            OptionSpec("digital", value: "N", help: "Stored digital answers to tally.", default: "1000000"),
        ],
        run: { arguments, console in
            guard let placements = Int(arguments.value("placements") ?? ""), let csvRows = Int(arguments.value("csv-rows") ?? ""),
                let digital = Int(arguments.value("digital") ?? ""), placements > 0, csvRows > 0, digital >= 0
            else { throw UsageError(message: "--placements, --csv-rows and --digital take whole numbers", commandPath: arguments.commandPath) }
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            guard case .session(let session) = try library.resolve("bewonersavond").content,
                case .survey(let survey) = try library.resolve("bewonersavond-stippen").content
            else { throw CommandFailure(message: "the bundled 'bewonersavond' session and 'bewonersavond-stippen' survey are needed") }
            console.err.line("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)")
            #if DEBUG
                console.err.line("note: this is a debug build; for real figures run `swift run -c release wijkpeil-bench stickers`")
            #endif
            var random = SplitMix64(seed: 2026)
            let optionCount = session.options.count, colourCount = session.colours.count

            // 1. CSV parsing and the full tally (with the per-participant rules) on a per-sticker file.
            var csv: [UInt8] = Array("participant,poster,option,colour\n".utf8)
            csv.reserveCapacity(csvRows * 32)
            let optionNames = session.options.map { Array($0.id.utf8) }, colourNames = session.colours.map { Array($0.id.utf8) }
            for row in 0..<csvRows {
                csv += Array("p\(row / 4),tafel\(row % 12),".utf8)
                csv += optionNames[Int(random.next() % UInt64(optionCount))]
                csv.append(UInt8(ascii: ","))
                csv += colourNames[Int(random.next() % 4 == 0 ? 1 : 0) % colourCount]
                csv.append(UInt8(ascii: "\n"))
            }
            let parseTime = measure { _ = PlacementFile.read(csv, file: "bench.csv", session: session) }
            let contents = PlacementFile.read(csv, file: "bench.csv", session: session)
            let megabytes = Double(csv.count) / 1_000_000
            console.out.line(
                "CSV parsing (per-sticker rows, \(String(format: "%.0f", megabytes)) MB): \(Int(megabytes / parseTime)) MB/s, \(Int(Double(csvRows) / parseTime)) rows/s")
            var counted: [UInt8] = Array("poster,option,colour,count\n".utf8)
            counted.reserveCapacity(csvRows * 28)
            for row in 0..<csvRows {
                counted += Array("tafel\(row % 12),".utf8)
                counted += optionNames[Int(random.next() % UInt64(optionCount))]
                counted.append(UInt8(ascii: ","))
                counted += colourNames[Int(random.next() % 4 == 0 ? 1 : 0) % colourCount]
                counted += Array(",\(1 + row % 5)\n".utf8)
            }
            let countedTime = measure { _ = PlacementFile.read(counted, file: "counts.csv", session: session) }
            let countedMegabytes = Double(counted.count) / 1_000_000
            console.out.line(
                "CSV parsing (counts read off posters, \(String(format: "%.0f", countedMegabytes)) MB): \(Int(countedMegabytes / countedTime)) MB/s, \(Int(Double(csvRows) / countedTime)) rows/s"
            )
            let tallyTime = measure { _ = StickerTally.compute(session: session, table: contents.table) }
            console.out.line("tally with the allotment and cap rules: \(Int(Double(csvRows) / tallyTime)) placements/s")

            // 2. Counting once parsed, on dense placements, against NumPy's bincount.
            var options = [UInt16](repeating: 0, count: placements), colours = [UInt8](repeating: 0, count: placements)
            for index in 0..<placements {
                let value = random.next()
                options[index] = UInt16(value % UInt64(optionCount))
                colours[index] = UInt8((value >> 32) % UInt64(colourCount))
            }
            // One sticker per row, as in the per-sticker shape: no weights to read.
            let countTime = measure { _ = StickerTally.count(options: options, colours: colours, counts: nil, colourCount: colourCount, optionCount: optionCount) }
            let swiftRate = Double(placements) / countTime
            console.out.line("counting \(placements) placements once parsed: \(Int(swiftRate)) placements/s (\(String(format: "%.1f", countTime * 1000)) ms)")
            if let numpy = numpyBincount(options: options, colours: colours, colourCount: colourCount, length: optionCount * colourCount) {
                console.out.line(
                    "NumPy bincount on the same placements: \(Int(Double(placements) / numpy)) placements/s (\(String(format: "%.1f", numpy * 1000)) ms); ratio \(String(format: "%.2f", numpy / countTime))x"
                )
            } else {
                console.out.line("NumPy bincount: not measured (python3 with numpy is not available; pip install numpy)")
            }
            options = []; colours = []

            // 3. A digital tally from the store.
            if digital > 0 {
                let folder = NSTemporaryDirectory() + "wijkpeil-bench-" + UUID().uuidString
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: folder) }
                let store = try Store(path: folder + "/digital.sqlite")
                let hash = try store.register(survey)
                var generator = SystemRandomNumberGenerator()
                var batch: [Submission] = []
                for index in 0..<digital {
                    let response = try AnswerValidator.validate(SampleAnswers.make(for: survey, using: &generator), against: survey)
                    batch.append(Submission(response: response, definition: survey, definitionHash: hash, submissionKey: "d\(index)", source: .web))
                    if batch.count == 50_000 { _ = try store.storeAll(batch); batch.removeAll(keepingCapacity: true) }
                }
                _ = try store.storeAll(batch)
                let digitalTime = try measure { _ = try store.stickerCounts(survey: survey.id, question: "stippen") }
                console.out.line("digital tally of \(digital) stored answers: \(String(format: "%.2f", digitalTime * 1000)) ms")
            }
            console.out.line("peak memory: \(peakMemoryMegabytes()) MB")
            return .success
        })

    static let export = CommandSpec(
        name: "export",
        abstract: "Export speed and memory: 100,000 and 1,000,000 responses, and CSV writing against Python's csv module.",
        options: [.surveys, OptionSpec("responses", value: "N", help: "Responses in the large export.", default: "1000000")],
        run: { arguments, console in
            guard let large = Int(arguments.value("responses") ?? ""), large >= 1000 else {
                throw UsageError(message: "--responses needs a whole number of at least 1000", commandPath: arguments.commandPath)
            }
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            guard case .survey(let survey) = try library.resolve("wijkanalyse").content else {
                throw CommandFailure(message: "the bundled survey 'wijkanalyse' is needed")
            }
            console.err.line("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.operatingSystemVersionString)")
            #if DEBUG
                console.err.line("note: this is a debug build; for real figures run `swift run -c release wijkpeil-bench export`")
            #endif
            let folder = NSTemporaryDirectory() + "wijkpeil-bench-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var generator = SplitMix64(seed: 48)
            var lastCSV = ""
            for size in [large / 10, large] {
                let db = folder + "/export-\(size).sqlite"
                let store = try Store(path: db)
                let hash = try store.register(survey)
                var batch: [Submission] = []
                for index in 0..<size {
                    let response = try AnswerValidator.validate(SampleAnswers.make(for: survey, using: &generator), against: survey)
                    batch.append(Submission(response: response, definition: survey, definitionHash: hash, submissionKey: "e\(index)", source: .web))
                    if batch.count == 50_000 { _ = try store.storeAll(batch); batch.removeAll(keepingCapacity: true) }
                }
                _ = try store.storeAll(batch)
                lastCSV = folder + "/export-\(size).csv"
                let (seconds, peak) = try runChild([
                    "export", "--db", db, "--survey", "wijkanalyse", "--surveys", library.directory, "--out", lastCSV,
                    "--codebook", folder + "/datapackage-\(size).json",
                ])
                console.out.line("export of \(size) responses: \(String(format: "%.2f", seconds)) s, \(Int(Double(size) / seconds)) rows/s, peak memory \(peak) MB")
            }
            // CSV writing alone, on the same rows, against Python's csv module.
            guard let data = FileManager.default.contents(atPath: lastCSV) else { throw CommandFailure(message: "the export was not written") }
            let rows = try CSVReader.records([UInt8](data)).map(\.fields)
            let swiftSeconds = try measure {
                var buffer: [UInt8] = []
                buffer.reserveCapacity(data.count + data.count / 8)
                for row in rows { CSVWriter.append(row, to: &buffer) }
                guard FileManager.default.createFile(atPath: folder + "/rewrite.csv", contents: Data(buffer)) else {
                    throw CommandFailure(message: "cannot write the benchmark file")
                }
            }
            console.out.line("CSV writing of the same \(rows.count) rows: Wijkpeil \(Int(Double(rows.count) / swiftSeconds)) rows/s")
            if let python = pythonCSVWriter(csv: lastCSV, out: folder + "/python.csv") {
                console.out.line("Python csv module writing the same rows: \(Int(Double(rows.count) / python)) rows/s; ratio \(String(format: "%.2f", python / swiftSeconds))x")
            } else {
                console.out.line("Python csv module: not measured (python3 is not available)")
            }
            return .success
        })

    static let crashWriter = CommandSpec(
        name: "crash-writer",
        abstract: "For the crash test: store responses as fast as possible and print each acknowledged key.",
        options: [.database, .surveys, OptionSpec("writers", value: "N", help: "Concurrent writers.", default: "8")],
        run: { arguments, console in
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            // Half the writers answer the survey, half place digital stickers (whose running totals
            // the check compares with the answers).
            guard case .survey(let analysis) = try library.resolve("wijkanalyse").content,
                case .survey(let stickers) = try library.resolve("bewonersavond-stippen").content
            else {
                throw CommandFailure(message: "the bundled surveys 'wijkanalyse' and 'bewonersavond-stippen' are needed")
            }
            let store = try DatabaseAccess.open(arguments)
            let hashes = [try store.register(analysis), try store.register(stickers)]
            let writers = max(1, Int(arguments.value("writers") ?? "") ?? 8)
            let run = UUID().uuidString.prefix(8)
            let group = DispatchGroup()
            for writer in 0..<writers {
                group.enter()
                Thread {
                    var generator = SystemRandomNumberGenerator()
                    let survey = writer % 2 == 0 ? analysis : stickers, hash = hashes[writer % 2]
                    var index = 0
                    while true {
                        let key = "crash-\(run)-\(writer)-\(index)"
                        guard let response = try? AnswerValidator.validate(SampleAnswers.make(for: survey, using: &generator), against: survey)
                        else { continue }
                        do {
                            _ = try store.submit(Submission(response: response, definition: survey, definitionHash: hash, submissionKey: key, source: .api))
                            console.out.line(key)
                        } catch {
                            console.err.line("wijkpeil: \(error)")
                            break
                        }
                        index += 1
                    }
                    group.leave()
                }.start()
            }
            group.wait()
            return .invalid
        })

    static let crashCheck = CommandSpec(
        name: "crash-check",
        abstract: "For the crash test: check that every acknowledged key is stored once and nothing is half-written.",
        options: [.database, OptionSpec("acknowledged", value: "FILE", help: "The keys the writer printed.")],
        run: { arguments, console in
            guard let file = arguments.value("acknowledged"), let data = FileManager.default.contents(atPath: file) else {
                throw UsageError(message: "--acknowledged FILE is needed and must be readable", commandPath: arguments.commandPath)
            }
            // A line cut off by the kill has no newline and was never fully printed: skip it.
            var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast()
            let acknowledged = lines.map(String.init)
            let store = try DatabaseAccess.reader(arguments)
            var problems: [String] = []
            let integrity = try store.integrityCheck()
            if integrity != ["ok"] { problems.append("integrity_check: \(integrity.joined(separator: "; "))") }
            var stored: [String: Int] = [:]
            var definitions: [String: SurveyDefinition] = [:]
            try store.forEachResponse(survey: nil) { (response: StoredResponse) throws(StoreError) in
                stored[response.submissionKey, default: 0] += 1
                if definitions[response.definitionHash] == nil, let json = try store.definitionJSON(hash: response.definitionHash) {
                    var findings = Findings()
                    definitions[response.definitionHash] = SurveyDefinition.read(json, themeSets: nil, findings: &findings)
                }
                guard case .object(let answers) = response.answers else {
                    problems.append("response \(response.id): answers are not an object")
                    return
                }
                guard let definition = definitions[response.definitionHash] else {
                    problems.append("response \(response.id): its definition is missing")
                    return
                }
                do { _ = try AnswerValidator.validate(answers, against: definition) } catch {
                    problems.append("response \(response.id): answers do not validate against their definition")
                }
            }
            for key in acknowledged where stored[key] != 1 {
                problems.append("acknowledged key \(key) is stored \(stored[key] ?? 0) times")
            }
            // The running sticker totals agree with the stored answers.
            for definition in definitions.values {
                for question in definition.questions {
                    guard !question.kind.options.isEmpty, question.kind.typeName == "stickers" else { continue }
                    let totals = try store.stickerCounts(survey: definition.id, question: question.id)
                    let recount = try store.recountStickers(survey: definition.id, question: question.id)
                    if totals != recount {
                        problems.append("sticker totals of \(definition.id)/\(question.id) differ from the answers: \(totals) against \(recount)")
                    }
                }
            }
            for problem in problems.prefix(20) { console.out.line(problem) }
            console.err.line("\(acknowledged.count) acknowledged, \(stored.count) stored, \(problems.count) problem(s)")
            return problems.isEmpty ? .success : .invalid
        })
}

/// Runs async work from a synchronous command and waits for it.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = BlockingResult<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.set(.success(try await body())) } catch { box.set(.failure(error)) }
        done.signal()
    }
    done.wait()
    return try box.get()
}

import Synchronization

private final class BlockingResult<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, any Error>?>(nil)

    func set(_ result: Result<T, any Error>) { value.withLock { $0 = result } }

    func get() throws -> T { try value.withLock { $0 }!.get() }
}

/// The best of three runs, in seconds.
func measure(_ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
        let start = DispatchTime.now()
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
    return best
}

/// The process's peak resident memory (VmHWM), in megabytes.
func peakMemoryMegabytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return -1 }
    return kilobytes / 1024
}

/// NumPy's bincount over the same placements (option × colours + colour, as int32), best of
/// three, in seconds; `nil` when python3 with numpy is not there.
func numpyBincount(options: [UInt16], colours: [UInt8], colourCount: Int, length: Int) -> Double? {
    let path = NSTemporaryDirectory() + "wijkpeil-bincount-" + UUID().uuidString + ".i32"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var combined = [Int32](repeating: 0, count: options.count)
    for index in options.indices { combined[index] = Int32(options[index]) * Int32(colourCount) + Int32(colours[index]) }
    let data = combined.withUnsafeBytes { Data($0) }
    guard FileManager.default.createFile(atPath: path, contents: data) else { return nil }
    let script = """
        import sys, time, numpy as np
        x = np.fromfile(sys.argv[1], dtype=np.int32)
        best = min((lambda t: (np.bincount(x, minlength=\(length)), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))
        print(best)
        """
    return pythonSeconds(script: script, arguments: [path])
}

/// Runs a Python script that prints a number of seconds; `nil` when python3 (or a module it
/// imports) is not there.
func pythonSeconds(script: String, arguments: [String]) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Double(String(decoding: output, as: UTF8.self).trimmingWhitespace)
}

/// Runs this program with `arguments` as a child process; returns its wall time in seconds and
/// its peak resident memory in megabytes (from wait4's rusage).
func runChild(_ arguments: [String]) throws -> (seconds: Double, peakMegabytes: Int) {
    // The `wijkpeil` built beside this benchmark, so its own peak memory is measured.
    let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let executable = (me as NSString).deletingLastPathComponent + "/wijkpeil"
    var pid: pid_t = 0
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = DispatchTime.now()
    guard posix_spawn(&pid, executable, nil, nil, argv, environ) == 0 else {
        throw CommandFailure(message: "cannot start \(executable)")
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    guard status == 0 else { throw CommandFailure(message: "the child export failed (status \(status))") }
    return (seconds, usage.ru_maxrss / 1024)
}

/// Python's csv module writing the rows of `csv` (read first, not timed) to `out`, best of
/// three, in seconds; `nil` without python3.
func pythonCSVWriter(csv: String, out: String) -> Double? {
    let script = """
        import csv, sys, time
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f))
        best = float('inf')
        for _ in range(3):
            t = time.perf_counter()
            with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
                csv.writer(f).writerows(rows)
            best = min(best, time.perf_counter() - t)
        print(best)
        """
    return pythonSeconds(script: script, arguments: [csv, out])
}
