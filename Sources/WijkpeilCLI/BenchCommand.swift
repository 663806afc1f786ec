import Foundation
import Store
import Surveys
import WijkpeilCore

/// `wijkpeil bench`: benchmarks that print their figures and the machine they ran on, and the
/// two halves of the crash test (`scripts/crash-test.sh`).
enum BenchCommand {
    static let spec = CommandSpec(
        name: "bench",
        abstract: "Benchmarks and the crash test's writer and checker.",
        subcommands: [store, crashWriter, crashCheck])

    static let store = CommandSpec(
        name: "store",
        abstract: "Durable responses per second with 1 and 32 writers, against plain SQLite (100-row transactions).",
        options: [.surveys, OptionSpec("responses", value: "N", help: "Responses per measurement.", default: "20000"),
                  OptionSpec("folder", value: "DIR", help: "Where to put the benchmark databases (default: a temporary folder).")],
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
            console.err.line("note: this is a debug build; for real figures run `swift run -c release wijkpeil bench store`")
            #endif
            var generator = SystemRandomNumberGenerator()
            let responses = (0..<count).map { _ in
                try! AnswerValidator.validate(SampleAnswers.make(for: survey, using: &generator), against: survey)
            }
            let plain = try StoreBenchmark.plainSQLite(path: folder + "/plain.sqlite", answers: responses.map(\.answersJSON))
            let plainRate = Double(count) / plain
            console.out.line("plain SQLite, 100-row transactions, synchronous=FULL: \(Int(plainRate)) rows/s")
            for (writers, mode) in [(1, "thread"), (32, "thread"), (32, "task")] {
                let store = try Store(path: folder + "/store-\(writers)-\(mode).sqlite")
                let hash = try store.register(survey)
                let submissions = responses.enumerated().map { index, response in
                    Submission(response: response, definition: survey, definitionHash: hash, submissionKey: "bench-\(index)", source: .api)
                }
                let seconds = mode == "thread"
                    ? try StoreBenchmark.concurrentSubmits(submissions, to: store, writers: writers)
                    : try runBlocking { try await StoreBenchmark.concurrentAsyncSubmits(submissions, to: store, writers: writers) }
                let rate = Double(count) / seconds
                let statistics = store.writeStatistics
                let perBatch = Double(statistics.submissions) / Double(max(1, statistics.batches))
                let who = mode == "thread" ? "\(writers) writer thread(s), blocking" : "\(writers) writer tasks, async (as the server)"
                console.out.line(
                    "wijkpeil store, \(who): \(Int(rate)) durable responses/s, ratio \(String(format: "%.2f", rate / plainRate)) of plain SQLite (\(String(format: "%.1f", perBatch)) per commit)")
            }
            return .success
        })

    static let crashWriter = CommandSpec(
        name: "crash-writer",
        abstract: "For the crash test: store responses as fast as possible and print each acknowledged key.",
        options: [.database, .surveys, OptionSpec("writers", value: "N", help: "Concurrent writers.", default: "8")],
        run: { arguments, console in
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            guard case .survey(let survey) = try library.resolve("wijkanalyse").content else {
                throw CommandFailure(message: "the bundled survey 'wijkanalyse' is needed")
            }
            let store = try DatabaseAccess.open(arguments)
            let hash = try store.register(survey)
            let writers = max(1, Int(arguments.value("writers") ?? "") ?? 8)
            let run = UUID().uuidString.prefix(8)
            let group = DispatchGroup()
            for writer in 0..<writers {
                group.enter()
                Thread {
                    var generator = SystemRandomNumberGenerator()
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
            let store = try DatabaseAccess.open(arguments, mustExist: true)
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
