import Foundation
public import Participation
public import Stickers
public import Surveys
public import WijkpeilCore

/// The survey definitions, sticker sessions and theme sets in a folder (`./surveys` by default),
/// read and checked. The pure readers live in Surveys and Stickers; this is where files are read.
public struct SurveyLibrary: Sendable {
    /// One definition file and what reading it found.
    public struct Entry: Sendable {
        public enum Content: Sendable {
            case survey(SurveyDefinition)
            case session(StickerSession)
            case themeSet(ThemeSet)
            case plan
            case invalid
        }

        public var file: String
        public var content: Content
        public var findings: Findings

        public var id: String? {
            switch content {
            case .survey(let survey): survey.id
            case .session(let session): session.id
            case .themeSet(let set): set.id
            case .plan, .invalid: nil
            }
        }
    }

    public let directory: String
    public private(set) var themeSets: [String: ThemeSet] = [:]
    /// The sticker sessions of the folder, which a survey's stickers question may name.
    public private(set) var sessions: [String: StickerAllotment] = [:]
    /// Theme set files, then definitions, each sorted by file name.
    public private(set) var entries: [Entry] = []

    /// Reads every `*.json` in `directory/themes` and `directory`.
    public init(directory: String) throws(WorkflowError) {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkflowError(
                .usage,
                nl: "de map met vragenlijsten '\(directory)' bestaat niet; start wijkpeil in de projectmap of geef de map met --surveys MAP",
                en: "the survey folder '\(directory)' does not exist; run wijkpeil from the project folder or name the folder with --surveys DIR")
        }
        for file in Self.jsonFiles(in: (directory as NSString).appendingPathComponent("themes")) {
            let entry = Self.readThemeSet(file)
            if case .themeSet(let set) = entry.content, themeSets[set.id] == nil { themeSets[set.id] = set }
            entries.append(entry)
        }
        // Sessions first, so a survey's stickers question can take its colours from one.
        let files = Self.jsonFiles(in: directory)
        for file in files {
            guard let json = try? Self.readJSON(file), StickerSession.looksLikeSession(json) else { continue }
            var ignored = Findings()
            if let session = StickerSession.read(json, themeSets: themeSets, findings: &ignored), sessions[session.id] == nil {
                sessions[session.id] = session.allotment
            }
        }
        for file in files {
            entries.append(read(file))
        }
        markDuplicateIds()
    }

    /// The library to look `reference` up in: `directory`, or, when `reference` is a path to a
    /// file and `directory` does not exist, the file's own folder (whose `themes/` it may use).
    /// So `wijkpeil surveys show ~/enquetes/mijn.json` works outside a project folder.
    public static func holding(_ reference: String, directory: String) throws(WorkflowError) -> SurveyLibrary {
        var isDirectory: ObjCBool = false
        if isPath(reference), !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            let folder = (reference as NSString).deletingLastPathComponent
            return try SurveyLibrary(directory: folder.isEmpty ? "." : folder)
        }
        return try SurveyLibrary(directory: directory)
    }

    /// Whether a survey reference names a file rather than an id.
    public static func isPath(_ reference: String) -> Bool {
        reference.hasSuffix(".json") || reference.contains("/")
    }

    /// The surveys and sticker sessions that read without errors.
    public var definitions: [Entry] {
        entries.filter { entry in
            switch entry.content {
            case .survey, .session: true
            default: false
            }
        }
    }

    /// What a plan check needs to know about each survey and session.
    public var activityFacts: [String: ActivityFacts] {
        var facts: [String: ActivityFacts] = [:]
        for entry in definitions {
            switch entry.content {
            case .survey(let survey):
                facts[survey.id] = ActivityFacts(kind: .survey, level: survey.level, requiresInvite: survey.requiresInvite)
            case .session(let session):
                facts[session.id] = ActivityFacts(kind: .stickerSession, level: session.level, requiresInvite: false)
            default: break
            }
        }
        return facts
    }

    /// A survey or session named by id (looked up here) or by a path to a `.json` file.
    public func resolve(_ reference: String) throws(WorkflowError) -> Entry {
        if Self.isPath(reference) {
            guard FileManager.default.fileExists(atPath: reference) else {
                throw WorkflowError(
                    .usage, nl: "geen bestand '\(reference)'; geef een vragenlijst-id of het pad naar een .json-bestand",
                    en: "no file '\(reference)'; give a survey id or the path to a .json file")
            }
            return read(reference)
        }
        if let entry = entries.first(where: { $0.id == reference && $0.isDefinition }) {
            return entry
        }
        let known = definitions.compactMap(\.id)
        let hint = Identifier.closest(to: reference, in: known)
        throw WorkflowError(
            .usage,
            nl: "geen vragenlijst of stickersessie '\(reference)' in \(directory)"
                + (hint.map { "; bedoelt u '\($0)'?" } ?? "; `wijkpeil surveys list` toont wat er is"),
            en: "no survey or sticker session '\(reference)' in \(directory)"
                + (hint.map { "; did you mean '\($0)'?" } ?? "; `wijkpeil surveys list` shows what there is"))
    }

    /// Reads one survey, sticker session or plan file, with this folder's theme sets.
    public func read(_ file: String) -> Entry {
        Self.read(file, themeSets: themeSets, activities: activityFacts, sessions: sessions)
    }

    /// Reads one survey, sticker session, theme set or plan file against the given theme sets and
    /// activities; the kind is told by the content (`colours`, `themes`, `steps`, `questions`).
    public static func read(
        _ file: String, themeSets: [String: ThemeSet], activities: [String: ActivityFacts], sessions: [String: StickerAllotment] = [:]
    ) -> Entry {
        let json: JSONValue
        do {
            json = try Self.readJSON(file)
        } catch {
            return Entry(file: file, content: .invalid, findings: Findings([error.finding(in: file)]))
        }
        var findings = Findings()
        if StickerSession.looksLikeSession(json) {
            let session = StickerSession.read(json, themeSets: themeSets, findings: &findings)
            return Entry(file: file, content: session.map { .session($0) } ?? .invalid, findings: findings.inFile(file))
        }
        if case .object(let fields) = json, fields["themes"] != nil, fields["questions"] == nil {
            let set = ThemeSet.read(json, findings: &findings)
            return Entry(file: file, content: set.map { .themeSet($0) } ?? .invalid, findings: findings.inFile(file))
        }
        if case .object(let fields) = json, fields["steps"] != nil, fields["questions"] == nil {
            let planFindings = PlanCheck.check(json, activities: activities)
            return Entry(file: file, content: planFindings.hasErrors ? .invalid : .plan, findings: planFindings.inFile(file))
        }
        let survey = SurveyDefinition.read(json, themeSets: themeSets, sessions: sessions, findings: &findings)
        return Entry(file: file, content: survey.map { .survey($0) } ?? .invalid, findings: findings.inFile(file))
    }

    public static func readThemeSet(_ file: String) -> Entry {
        let json: JSONValue
        do {
            json = try readJSON(file)
        } catch {
            return Entry(file: file, content: .invalid, findings: Findings([error.finding(in: file)]))
        }
        var findings = Findings()
        let set = ThemeSet.read(json, findings: &findings)
        return Entry(file: file, content: set.map { .themeSet($0) } ?? .invalid, findings: findings.inFile(file))
    }

    /// Reads and parses a JSON file.
    public static func readJSON(_ file: String) throws(FileReadError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw FileManager.default.fileExists(atPath: file) ? .unreadable : .missing
        }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw .notJSON(error.detail)
        }
    }

    /// The `.json` files directly in a folder, sorted; none if it does not exist.
    public static func jsonFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map {
            (directory as NSString).appendingPathComponent($0)
        }
    }

    /// Two files with the same id would make lookups ambiguous.
    private mutating func markDuplicateIds() {
        var firstFile: [String: String] = [:]
        for index in entries.indices {
            guard let id = entries[index].id else { continue }
            let kind = entries[index].isDefinition ? "definition" : "theme set"
            let key = kind + ":" + id
            if let first = firstFile[key] {
                entries[index].findings.error(
                    "duplicate-id", at: Location(file: entries[index].file, path: "id"),
                    nl: "id \"\(id)\" wordt ook al gebruikt in \(first); geef elk bestand een eigen id",
                    en: "id \"\(id)\" is also used in \(first); give every file its own id")
            } else {
                firstFile[key] = entries[index].file
            }
        }
    }
}

extension SurveyLibrary.Entry {
    public var isDefinition: Bool {
        switch content {
        case .survey, .session: true
        default: false
        }
    }
}

/// Why a file could not be read as JSON.
public enum FileReadError: Error, Sendable {
    case missing
    case unreadable
    case notJSON(String)

    public func finding(in file: String) -> Finding {
        switch self {
        case .missing:
            Finding(
                .error, code: "missing-file", at: Location(file: file),
                message: LocalizedText(nl: "dit bestand bestaat niet", en: "this file does not exist"))
        case .unreadable:
            Finding(
                .error, code: "unreadable-file", at: Location(file: file),
                message: LocalizedText(nl: "dit bestand kan niet gelezen worden; controleer de rechten", en: "this file cannot be read; check its permissions"))
        case .notJSON(let detail):
            Finding(
                .error, code: "invalid-json", at: Location(file: file),
                message: LocalizedText(nl: "dit is geen geldige JSON: \(detail)", en: "this is not valid JSON: \(detail)"))
        }
    }
}
