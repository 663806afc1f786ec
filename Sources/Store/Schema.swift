/// The database schema as numbered migrations. `PRAGMA user_version` records the last one run;
/// opening runs the rest, each in its own transaction, and refuses a database from a newer
/// Wijkpeil rather than guess at it.
enum Schema {
    struct Migration {
        let version: Int
        let purpose: String
        let sql: String
    }

    static let migrations: [Migration] = [
        Migration(
            version: 1, purpose: "survey definitions and responses",
            sql: """
                CREATE TABLE definitions (
                    hash TEXT PRIMARY KEY,          -- SHA-256 of the definition's canonical JSON
                    survey_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    stored_at TEXT NOT NULL
                );
                CREATE TABLE responses (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL,
                    definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                    submission_key TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL CHECK (source IN ('web', 'api', 'paper')),
                    answers TEXT NOT NULL CHECK (json_valid(answers)),
                    received_at TEXT NOT NULL
                );
                CREATE INDEX responses_by_survey ON responses(survey_id, id);
                """),
        Migration(
            version: 2, purpose: "invitation codes",
            sql: """
                -- Codes are stored only as PBKDF2 hashes, salted per batch, with whether each was used:
                -- never which response used it, nor when.
                CREATE TABLE invite_batches (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL,
                    salt BLOB NOT NULL,
                    iterations INTEGER NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE invites (
                    hash BLOB PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES invite_batches(id),
                    used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
                ) WITHOUT ROWID;
                CREATE INDEX invite_batches_by_survey ON invite_batches(survey_id);
                """),
        Migration(
            version: 3, purpose: "sticker placements",
            sql: """
                CREATE TABLE sticker_placements (
                    id INTEGER PRIMARY KEY,
                    session_id TEXT NOT NULL,
                    participant TEXT,
                    poster TEXT,
                    option_id TEXT NOT NULL,
                    colour TEXT NOT NULL,
                    count INTEGER NOT NULL CHECK (count > 0),
                    source TEXT NOT NULL,
                    received_at TEXT NOT NULL
                );
                CREATE INDEX sticker_placements_by_session ON sticker_placements(session_id);
                """),
        // Running totals of digital stickers, kept in the same transaction as each response, so
        // a tally of a million answers reads a few rows. Filled here from the answers already
        // stored: in stored answers only sticker questions hold JSON objects.
        Migration(
            version: 4, purpose: "sticker totals",
            sql: """
                CREATE TABLE sticker_totals (
                    survey_id TEXT NOT NULL,
                    question_id TEXT NOT NULL,
                    option_id TEXT NOT NULL,
                    stickers INTEGER NOT NULL,
                    PRIMARY KEY (survey_id, question_id, option_id)
                ) WITHOUT ROWID;
                CREATE TABLE sticker_participants (
                    survey_id TEXT NOT NULL,
                    question_id TEXT NOT NULL,
                    participants INTEGER NOT NULL,
                    PRIMARY KEY (survey_id, question_id)
                ) WITHOUT ROWID;
                INSERT INTO sticker_totals (survey_id, question_id, option_id, stickers)
                    SELECT responses.survey_id, question.key, sticker.key, sum(sticker.value)
                    FROM responses, json_each(responses.answers) AS question, json_each(question.value) AS sticker
                    WHERE question.type = 'object'
                    GROUP BY responses.survey_id, question.key, sticker.key;
                INSERT INTO sticker_participants (survey_id, question_id, participants)
                    SELECT responses.survey_id, question.key, count(*)
                    FROM responses, json_each(responses.answers) AS question
                    WHERE question.type = 'object'
                    GROUP BY responses.survey_id, question.key;
                """),
        // A submission key means "the same request again" within one survey and channel only: the
        // same key on another survey, or from the API and from paper, is another response.
        Migration(
            version: 5, purpose: "submission keys per survey and channel",
            sql: """
                CREATE TABLE responses_v5 (
                    id INTEGER PRIMARY KEY,
                    survey_id TEXT NOT NULL,
                    definition_hash TEXT NOT NULL REFERENCES definitions(hash),
                    submission_key TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('web', 'api', 'paper')),
                    answers TEXT NOT NULL CHECK (json_valid(answers)),
                    received_at TEXT NOT NULL,
                    UNIQUE (survey_id, source, submission_key)
                );
                INSERT INTO responses_v5 (id, survey_id, definition_hash, submission_key, source, answers, received_at)
                    SELECT id, survey_id, definition_hash, submission_key, source, answers, received_at FROM responses;
                DROP TABLE responses;
                ALTER TABLE responses_v5 RENAME TO responses;
                CREATE INDEX responses_by_survey ON responses(survey_id, id);
                """),
        // Every imported file, by its SHA-256: the same file again stores nothing and is told when
        // it was imported; another file stores all its rows.
        Migration(
            version: 6, purpose: "imported files",
            sql: """
                CREATE TABLE import_batches (
                    survey_id TEXT NOT NULL,
                    hash TEXT NOT NULL,             -- SHA-256 of the file's bytes
                    file_name TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    imported_at TEXT NOT NULL,
                    PRIMARY KEY (survey_id, hash)
                ) WITHOUT ROWID;
                """),
        // Secrets that must outlive a restart, such as the key of the forms' CSRF tokens: a form
        // opened before a restart can still be sent after it.
        Migration(
            version: 7, purpose: "server secrets",
            sql: """
                CREATE TABLE secrets (
                    name TEXT PRIMARY KEY,
                    value BLOB NOT NULL,
                    created_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """),
        // The dots on phones have the colours of the stickers on the posters: the running totals
        // count per colour ('' for a stickers question of one colour, as every earlier total was).
        Migration(
            version: 8, purpose: "sticker totals per colour",
            sql: """
                CREATE TABLE sticker_totals_v8 (
                    survey_id TEXT NOT NULL,
                    question_id TEXT NOT NULL,
                    colour TEXT NOT NULL,
                    option_id TEXT NOT NULL,
                    stickers INTEGER NOT NULL,
                    PRIMARY KEY (survey_id, question_id, colour, option_id)
                ) WITHOUT ROWID;
                INSERT INTO sticker_totals_v8 (survey_id, question_id, colour, option_id, stickers)
                    SELECT survey_id, question_id, '', option_id, stickers FROM sticker_totals;
                DROP TABLE sticker_totals;
                ALTER TABLE sticker_totals_v8 RENAME TO sticker_totals;
                """),
        // Commitments (toezeggingen) to the council or residents: added, and closed by a row of
        // their own; what a commitment promised is never updated.
        Migration(
            version: 9, purpose: "commitments",
            sql: """
                CREATE TABLE commitments (
                    number INTEGER PRIMARY KEY,
                    made TEXT NOT NULL,
                    audience TEXT NOT NULL CHECK (audience IN ('council', 'residents')),
                    what TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    due TEXT,
                    wijk TEXT,
                    recorded_at TEXT NOT NULL
                );
                CREATE TABLE commitment_closures (
                    number INTEGER PRIMARY KEY REFERENCES commitments(number),
                    closed_on TEXT NOT NULL,
                    how TEXT NOT NULL,
                    recorded_at TEXT NOT NULL
                );
                """),
        // The evening kit. A batch of invitation codes may belong to one venue (a code is then
        // accepted only by a server started for that venue), and a batch is known across
        // databases by its salt, which is random per batch: merging venues brings batches along.
        // The paper counts of an evening are kept as the files themselves (their bytes, keyed by
        // SHA-256), so that a tally reads them exactly as it reads the files given to it.
        Migration(
            version: 10, purpose: "venues and paper sticker counts",
            sql: """
                ALTER TABLE invite_batches ADD COLUMN venue TEXT;
                CREATE UNIQUE INDEX invite_batches_by_salt ON invite_batches(salt);
                CREATE TABLE sticker_files (
                    session_id TEXT NOT NULL,
                    hash TEXT NOT NULL,             -- SHA-256 of the file's bytes
                    file_name TEXT NOT NULL,
                    entry TEXT,                     -- the entry it is, for double entry
                    bytes BLOB NOT NULL,
                    stored_at TEXT NOT NULL,
                    PRIMARY KEY (session_id, hash)
                ) WITHOUT ROWID;
                """),
    ]

    static var currentVersion: Int { migrations.last?.version ?? 0 }

    /// Brings the database up to `target` (by default the current version).
    static func migrate(_ connection: Connection, to target: Int = currentVersion) throws(StoreError) {
        let found = Int(try connection.integer("PRAGMA user_version", purpose: "reading the schema version"))
        guard found <= currentVersion else {
            throw StoreError(
                .newerSchema, purpose: "opening the database",
                sqliteMessage: "schema version \(found); this Wijkpeil knows up to \(currentVersion)", path: connection.path)
        }
        for migration in migrations where migration.version > found && migration.version <= target {
            try connection.inTransaction(purpose: "upgrading the database: \(migration.purpose)") { () throws(StoreError) in
                try connection.execute(migration.sql, purpose: "upgrading the database: \(migration.purpose)")
                try connection.execute("PRAGMA user_version = \(migration.version)", purpose: "recording the schema version")
            }
        }
    }
}
