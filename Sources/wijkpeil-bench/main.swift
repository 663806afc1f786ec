import Foundation
import Store
import Workflows

// `wijkpeil-bench COMMAND [--option value …]`: the benchmarks and crash harnesses, outside the
// product (`wijkpeil --help` does not list them).
let words = Array(CommandLine.arguments.dropFirst())
let console = Console()
guard let name = words.first, let command = BenchCommand.all.first(where: { $0.name == name }) else {
    console.err.line("usage: wijkpeil-bench COMMAND [--option value …]\ncommands:")
    for command in BenchCommand.all { console.err.line("  \(command.name)  \(command.abstract)") }
    exit(words.first.map { ["--help", "-h", "help"].contains($0) } == true ? 0 : ExitCode.usage.rawValue)
}
if words.dropFirst().contains("--help") {
    console.out.line(command.help)
    exit(0)
}
do {
    let status = try command.run(try command.parse(Array(words.dropFirst())), console)
    exit(status.rawValue)
} catch let error as UsageError {
    console.err.line("wijkpeil-bench: \(error.message)\n\(command.help)")
    exit(ExitCode.usage.rawValue)
} catch let error as CommandFailure {
    console.err.line("wijkpeil-bench: \(error.message)")
    exit(error.exitCode.rawValue)
} catch let error as WorkflowError {
    console.err.line("wijkpeil-bench: \(error.message)")
    exit(error.kind == .usage ? ExitCode.usage.rawValue : ExitCode.invalid.rawValue)
} catch {
    console.err.line("wijkpeil-bench: \(error)")
    exit(ExitCode.invalid.rawValue)
}
