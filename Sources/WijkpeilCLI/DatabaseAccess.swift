import Workflows
import Foundation
import Store
import Surveys
import WijkpeilCore

extension OptionSpec {
    static let database = OptionSpec("db", value: "PATH", help: "The SQLite database.", default: "./wijkpeil.sqlite")
    static let survey = OptionSpec("survey", value: "ID", help: "A survey id (looked up in --surveys) or a path to a .json file.")
}

/// Opening the database and finding the survey, the same way for every command.
enum DatabaseAccess {
    /// Opens the database named by `--db`. With `mustExist`, a missing file is an error instead
    /// of a new empty database (reading commands should not create one by accident).
    static func open(_ arguments: ParsedArguments, mustExist: Bool = false, configuration: Store.Configuration = Store.Configuration()) throws -> Store {
        let path = arguments.value("db") ?? "./wijkpeil.sqlite"
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(
                message: "there is no database at '\(path)'; name it with --db PATH (responses are stored there by `wijkpeil responses import` and `wijkpeil serve`)")
        }
        return try Store(path: path, configuration: configuration)
    }

    /// Removes the database at `path` with its write-ahead log and shared memory: for a database
    /// a command made and then left empty. The store must be closed.
    static func remove(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }

    /// Opens the database named by `--db` for reading only: for commands that only read, which
    /// neither create a database nor run its migrations (see ``StoreReader``).
    static func reader(_ arguments: ParsedArguments) throws -> StoreReader {
        let path = arguments.value("db") ?? "./wijkpeil.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                message: "there is no database at '\(path)'; name it with --db PATH (responses are stored there by `wijkpeil responses import` and `wijkpeil serve`)")
        }
        return try StoreReader(path: path)
    }

    /// Opens the database named by `--db` for a command that writes, runs `body`, and then copies
    /// the write-ahead log into the database file, so that the `.sqlite` file alone holds
    /// everything once the command ends (also when `body` failed half-way).
    static func writing<T>(_ arguments: ParsedArguments, mustExist: Bool = false, _ body: (Store) throws -> T) throws -> T {
        let store = try open(arguments, mustExist: mustExist)
        let result: T
        do {
            result = try body(store)
        } catch {
            try? store.checkpoint()
            throw error
        }
        try store.checkpoint()
        return result
    }

    /// The survey named by `--survey`, which must be a valid survey (not a sticker session).
    static func survey(_ arguments: ParsedArguments) throws -> SurveyDefinition {
        try surveyAndThemeSet(arguments).survey
    }

    /// The survey named by `--survey` and the theme set it names, if the folder has it.
    static func surveyAndThemeSet(_ arguments: ParsedArguments) throws -> (survey: SurveyDefinition, themeSet: ThemeSet?) {
        guard let reference = arguments.value("survey") else {
            throw UsageError(nl: "--survey ID ontbreekt", en: "missing --survey ID", commandPath: arguments.commandPath)
        }
        let library = try SurveyLibrary.holding(reference, directory: arguments.value("surveys") ?? "./surveys")
        let entry = try library.resolve(reference)
        switch entry.content {
        case .survey(let survey):
            return (survey, survey.themeSet.flatMap { library.themeSets[$0] })
        case .session:
            throw CommandFailure(
                nl: "'\(reference)' is een stickersessie, geen vragenlijst; zie `wijkpeil stickers`",
                en: "'\(reference)' is a sticker session, not a survey; see `wijkpeil stickers`")
        default:
            throw InvalidInput(entry.findings)
        }
    }
}
