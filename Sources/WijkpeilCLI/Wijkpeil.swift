import Store
import Workflows
import WijkpeilCore

/// The `wijkpeil` command-line tool: the command tree and the one entry point that runs it.
public enum Wijkpeil {
    static let root = CommandSpec(
        name: "wijkpeil",
        abstract: "Wijkpeil — resident participation in the neighbourhood cycle (wijkplancyclus).",
        discussion: """
            For organisers of resident evenings, the council and researchers. Data goes to stdout,
            messages to stderr. Exit codes: 0 success, 1 input read but invalid, 2 usage error.
            wijkpeil --version prints the version.
            """,
        subcommands: [
            LadderCommand.spec, CycleCommand.spec, PlanCommand.spec, SurveysCommand.spec, StickersCommand.spec, ResponsesCommand.spec,
            InvitesCommand.spec, ServeCommand.spec, AnalyseCommand.spec, AgendaCommand.spec, ProgrammeCommand.spec, CommitmentsCommand.spec, DashboardCommand.spec,
            BudgetCommand.spec, ExportCommand.spec,
            BackupCommand.spec, QRCommand.spec,
        ])

    /// Runs one command line (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], console given: Console, environment: [String: String] = [:]) -> Int32 {
        // `COLUMNS` says how wide tables may be, over what the terminal says.
        let console = Int(environment["COLUMNS"] ?? "").flatMap { (20...1000).contains($0) ? given.with(width: $0) : nil } ?? given
        if arguments == ["--version"] {
            console.out.line("wijkpeil \(Release.version)")
            return ExitCode.success.rawValue
        }
        let parser = ArgumentParser(root: root, environment: environment)
        do {
            switch try parser.parse(arguments) {
            case .help(let command, let path):
                console.out.line(HelpText.full(command, path: path))
                return ExitCode.success.rawValue
            case .run(let command, let parsed):
                guard let run = command.run else {
                    console.out.line(HelpText.full(command, path: parsed.commandPath))
                    return ExitCode.success.rawValue
                }
                try OutputFile.refuseInputs(parsed)
                guard command.takesGenericOut, let out = parsed.value("out") else {
                    return try run(parsed, console).rawValue
                }
                // stdout to a file: kept only when the command succeeded, replaced whole.
                let captured = CapturedOutput()
                let status = try run(parsed, Console(out: captured, err: console.err, errIsTerminal: console.errIsTerminal, width: console.width))
                if status == .success { try OutputFile.write(captured.text, to: out, console: console) }
                return status.rawValue
            }
        } catch let error as UsageError {
            let language = requestedLanguage(arguments, environment: environment)
            console.err.line("wijkpeil: \(error.text.text(in: language))")
            if let command = find(error.commandPath) {
                console.err.line(HelpText.usage(command, path: error.commandPath))
            }
            let help = error.commandPath.joined(separator: " ") + " --help"
            console.err.line(language == .nl ? "Meer uitleg: \(help)" : "Run '\(help)' for more.")
            return ExitCode.usage.rawValue
        } catch let error as CommandFailure {
            console.err.line("wijkpeil: \(error.text.text(in: requestedLanguage(arguments, environment: environment)))")
            return error.exitCode.rawValue
        } catch let error as WorkflowError {
            console.err.line("wijkpeil: \(error.text.text(in: requestedLanguage(arguments, environment: environment)))")
            return error.kind == .usage ? ExitCode.usage.rawValue : ExitCode.invalid.rawValue
        } catch let error as StoreError {
            console.err.line("wijkpeil: \(error)")
            return ExitCode.invalid.rawValue
        } catch let error as InvalidInput {
            // Findings of a command that makes data go to stderr: its stdout stays empty, so a
            // redirected `> uitslag.json` is never half a result. (Commands whose job is to
            // check print their findings as their data, through FindingsReport.)
            let language = requestedLanguage(arguments, environment: environment)
            for finding in error.findings.all {
                console.err.line(finding.rendered(in: language))
            }
            return ExitCode.invalid.rawValue
        } catch {
            console.err.line("wijkpeil: \(error)")
            return ExitCode.invalid.rawValue
        }
    }

    /// The language asked for on the command line or in `$WIJKPEIL_LANG`, for messages printed
    /// after parsing stopped.
    private static func requestedLanguage(_ arguments: [String], environment: [String: String]) -> Language {
        for (index, word) in arguments.enumerated() {
            if word == "--lang", index + 1 < arguments.count, let language = Language(code: arguments[index + 1]) { return language }
            if word.hasPrefix("--lang="), let language = Language(code: String(word.dropFirst(7))) { return language }
        }
        return environment["WIJKPEIL_LANG"].flatMap(Language.init(code:)) ?? .nl
    }

    private static func find(_ path: [String]) -> CommandSpec? {
        var command = root
        for name in path.dropFirst() {
            guard let sub = command.subcommands.first(where: { $0.name == name }) else { return nil }
            command = sub
        }
        return command
    }
}
