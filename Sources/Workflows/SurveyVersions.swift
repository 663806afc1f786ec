public import Store
public import Surveys
public import WijkpeilCore

/// The versions of a survey its stored responses answered, compared with the version in hand:
/// analysis and export read every response as an answer to the current version only after these
/// say the answers mean the same, and say which versions they joined and how.
public struct SurveyVersions: Sendable {
    /// One version of the survey that responses answered.
    public struct Version: Sendable {
        public var hash: String
        /// The `version` number in the definition.
        public var number: Int
        public var responses: Int
        /// Whether it is the version in hand (the same questions).
        public var isCurrent: Bool
        public var changes: DefinitionChanges
    }

    public var versions: [Version]

    /// The versions whose answers mean something else than the current version's.
    public var conflicting: [Version] { versions.filter { !$0.changes.compatible } }

    /// Reads the versions of `survey` that responses in `store` answered.
    public static func read(_ survey: SurveyDefinition, in store: StoreReader) throws -> SurveyVersions {
        var versions: [Version] = []
        for (hash, responses) in try store.definitionHashes(survey: survey.id) {
            guard let json = try store.definitionJSON(hash: hash) else {
                throw WorkflowError(.invalid, "the definition that \(responses) response(s) to '\(survey.id)' answered (\(hash.prefix(12))…) is missing from the database")
            }
            var findings = Findings()
            guard let stored = SurveyDefinition.read(json, themeSets: nil, findings: &findings) else {
                throw WorkflowError(.invalid, "the stored definition \(hash.prefix(12))… of '\(survey.id)' does not read: \(findings.all.first?.message.en ?? "")")
            }
            let changes = DefinitionChanges(from: stored, to: survey)
            versions.append(
                Version(
                    hash: hash, number: stored.version, responses: responses, isCurrent: stored.questions == survey.questions, changes: changes))
        }
        return SurveyVersions(versions: versions)
    }

    /// Refuses to read answers to a version whose answers mean something else, naming every
    /// such version, so the organiser sees them all at once.
    public func requireCompatible(_ survey: SurveyDefinition, language: Language) throws {
        guard !conflicting.isEmpty else { return }
        let named = conflicting.map { version in
            let why = version.changes.conflicts.map { "\($0.question): \($0.text.text(in: language))" }.joined(separator: "; ")
            return language == .nl
                ? "\(version.responses) antwoord(en) op versie \(version.number) (\(why))"
                : "\(version.responses) response(s) to version \(version.number) (\(why))"
        }.joined(separator: "; ")
        throw WorkflowError(
            .invalid,
            language == .nl
                ? "\(named) van '\(survey.id)' betekenen iets anders dan in de huidige versie; lees ze met de definitie van toen (--survey pad/naar/oud.json), of apart"
                : "\(named) of '\(survey.id)' mean something else than in the current version; read them with that definition (--survey path/to/old.json), or apart"
        )
    }

    /// What was joined, in one line per earlier version: for the organiser and the codebook.
    public func summary(language: Language) -> [String] {
        versions.filter { !$0.isCurrent }.map { version in
            let changes = (version.changes.joined + version.changes.conflicts).map { "\($0.question): \($0.text.text(in: language))" }.joined(separator: "; ")
            return language == .nl
                ? "versie \(version.number) (\(version.responses) antwoord(en)) samengevoegd: \(changes.isEmpty ? "dezelfde vragen" : changes)"
                : "version \(version.number) (\(version.responses) response(s)) joined: \(changes.isEmpty ? "the same questions" : changes)"
        }
    }
}
