import Foundation
import Hashing
import Store
import Surveys
import WijkpeilCore
import Workflows

/// `wijkpeil responses`: import paper forms, list and count stored responses, and the mailing list.
enum ResponsesCommand {
    static let spec = CommandSpec(
        name: "responses",
        abstract: "Import responses from paper forms; list and count stored responses.",
        subcommands: [importSpec, merge, list, count, mailingList])

    static let merge = CommandSpec(
        name: "merge",
        abstract: "Bring the databases of several venues or laptops into one: responses, surveys, imports, paper counts, codes.",
        discussion: """
            wijkpeil responses merge --db centraal.sqlite avond1.sqlite avond2.sqlite … reads each source read-only
            (it is never changed) and stores what the central database lacks, one source at a time, each all or
            nothing. Merging the same source again adds nothing. A response whose key (form number, submission key)
            is stored with other answers is a conflict: listed, not stored. Invitation code batches come with their
            uses; the same batch used at two venues is a conflict, named by batch. Exit 1 if anything conflicts.
            """,
        options: [OptionSpec("db", value: "PATH", help: "The central database to merge into.", default: "./wijkpeil.sqlite")],
        positionals: [PositionalSpec(name: "SOURCE", help: "The databases to merge from.", variadic: true)],
        run: { arguments, console in
            guard !arguments.positionals.isEmpty else {
                throw UsageError(nl: "geef ten minste één database om samen te voegen", en: "name at least one database to merge", commandPath: arguments.commandPath)
            }
            let central = arguments.value("db") ?? "./wijkpeil.sqlite"
            for source in arguments.positionals {
                guard FileManager.default.fileExists(atPath: source) else {
                    throw CommandFailure(
                        nl: "er is geen database op '\(source)'; noem de .sqlite-bestanden van de avonden die u wilt samenvoegen",
                        en: "there is no database at '\(source)'; name the .sqlite files of the evenings to merge")
                }
                if URL(fileURLWithPath: source).resolvingSymlinksInPath().path == URL(fileURLWithPath: central).resolvingSymlinksInPath().path {
                    throw UsageError(
                        nl: "'\(source)' is de database waarin wordt samengevoegd (--db); noem alleen de andere",
                        en: "'\(source)' is the database merged into (--db); name only the others", commandPath: arguments.commandPath)
                }
            }
            let reports = try DatabaseAccess.writing(arguments) { store in
                try arguments.positionals.map { source in
                    let report = try store.merge(from: source)
                    console.err.line(describe(report, arguments))
                    return report
                }
            }
            return reports.contains { !$0.conflicts.isEmpty || !$0.inviteConflicts.isEmpty } ? .invalid : .success
        })

    /// What one source brought, and its conflicts, in the organiser's words.
    static func describe(_ report: MergeReport, _ arguments: ParsedArguments) -> String {
        func number(_ count: Int, _ one: String, _ more: String) -> String? { count == 0 ? nil : "\(count) \(count == 1 ? one : more)" }
        let newNL = [
            number(report.definitions, "vragenlijstversie", "vragenlijstversies"), number(report.importBatches, "ingelezen bestand", "ingelezen bestanden"),
            number(report.stickerFiles, "papieren stickertelling", "papieren stickertellingen"), number(report.inviteBatches, "codebatch", "codebatches"),
            number(report.inviteBatchesUpdated, "codebatch met nieuw gebruik", "codebatches met nieuw gebruik"),
        ].compactMap { $0 }
        let newEN = [
            number(report.definitions, "survey version", "survey versions"), number(report.importBatches, "imported file", "imported files"),
            number(report.stickerFiles, "paper sticker count", "paper sticker counts"), number(report.inviteBatches, "code batch", "code batches"),
            number(report.inviteBatchesUpdated, "code batch with new uses", "code batches with new uses"),
        ].compactMap { $0 }
        var lines = [
            arguments.say(
                "\(report.source): \(report.stored) \(report.stored == 1 ? "antwoord" : "antwoorden") opgeslagen, \(report.alreadyPresent) waren er al, \(report.conflicts.count) in conflict"
                    + (newNL.isEmpty ? "" : "; ook nieuw: " + newNL.joined(separator: ", ")),
                "\(report.source): \(report.stored) \(report.stored == 1 ? "response" : "responses") stored, \(report.alreadyPresent) already present, \(report.conflicts.count) in conflict"
                    + (newEN.isEmpty ? "" : "; also new: " + newEN.joined(separator: ", ")))
        ]
        for key in report.conflicts {
            lines.append(
                arguments.say(
                    "  conflict: \(key.survey), \(key.source.rawValue), sleutel \(key.submissionKey): staat al met andere antwoorden in de database; niet opgeslagen — vergelijk het formulier",
                    "  conflict: \(key.survey), \(key.source.rawValue), key \(key.submissionKey): stored already with other answers; not stored — compare the form"))
        }
        for batch in report.inviteConflicts {
            let venue = batch.venue.map { " (\($0))" } ?? ""
            lines.append(
                arguments.say(
                    "  conflict: codebatch van \(batch.survey)\(venue), gemaakt \(batch.createdAt), \(batch.codes) codes: gebruikt hier (\(batch.usedHere)) én in de bron (\(batch.usedThere)) — dezelfde batch op twee plaatsen uitgedeeld; niet samengevoegd, een code kan twee keer gestemd hebben",
                    "  conflict: code batch of \(batch.survey)\(venue), made \(batch.createdAt), \(batch.codes) codes: used here (\(batch.usedHere)) and in the source (\(batch.usedThere)) — the same batch handed out at two places; not merged, a code may have voted twice"
                ))
        }
        return lines.joined(separator: "\n")
    }

    static let importSpec = CommandSpec(
        name: "import",
        abstract: "Import responses typed in from paper forms (CSV or JSONL); all or nothing.",
        discussion: """
            CSV: a header of question ids, best with a column formulier (the number written on each
            paper form) or submissionKey; multi-choice a;b, stickers a=2;b=1, consent ja|nee; an
            empty cell is unanswered; rows of separators only are passed over. JSONL: one
            {"submissionKey": "…", "answers": {…}} per line (.jsonl or .ndjson).
            Every line is checked. If any line is invalid, nothing is stored and every bad line is
            listed (exit 1), unless --skip-invalid stores the good lines and writes the bad ones, with
            the reason, to FILE.afgewezen.csv: correct that file and import it on its own.
            Each file is remembered by its SHA-256: the same file again stores nothing. A form
            number or key already stored with other answers is an invalid line.
            """,
        options: [
            .database, .survey, .surveys, OptionSpec("skip-invalid", help: "Store the valid lines even if others are invalid; write the others to FILE.afgewezen.csv."),
            .format(["table", "json"], default: "table"),
        ],
        positionals: [PositionalSpec(name: "FILE", help: "The file to import.")],
        run: { arguments, console in
            let survey = try DatabaseAccess.survey(arguments)
            let file = arguments.positionals[0]
            let bytes = try InputFile.bytes(file)
            let language = arguments.language
            let skip = arguments.flag("skip-invalid")
            let path = arguments.value("db") ?? "./wijkpeil.sqlite"
            // The database is opened only once valid rows are read, and a database made for an
            // import that then stored nothing is removed again: a refused file leaves no trace.
            let imported = try PaperImport.importFile(bytes, fileName: file, survey: survey, skippingInvalid: skip) { body in
                let existed = FileManager.default.fileExists(atPath: path)
                do {
                    let outcome = try DatabaseAccess.writing(arguments) { store in try body(store) }
                    if !existed, !outcome.committed { DatabaseAccess.remove(path) }
                    return outcome
                } catch {
                    if !existed { DatabaseAccess.remove(path) }
                    throw error
                }
            }
            let outcome = imported.outcome
            let (invalid, invalidLines, stored, duplicates, committed, earlier) = (
                outcome.invalid, outcome.invalidLines, outcome.stored, outcome.alreadyStored, outcome.committed, outcome.earlier
            )
            let (fileHash, blankLines) = (imported.fileHash, imported.blankLines)
            var rejectedFile: String?
            if skip, committed, !invalid.isEmpty {
                let rejected = try PaperImport.rejectedLines(invalid, in: bytes, fileName: file, format: imported.format, language: language)
                try OutputFile.write(rejected.text, to: rejected.file, console: console)
                rejectedFile = rejected.file
            }
            if arguments.value("format") == "json" {
                var json: [String: JSONValue] = [
                    "stored": .number(Double(stored)), "alreadyStored": .number(Double(duplicates)),
                    "invalidLines": .number(Double(invalidLines)), "blankLines": .number(Double(blankLines)),
                    "committed": .bool(committed), "fileSHA256": .string(fileHash),
                    "errors": .array(
                        invalid.map { item in
                            .object([
                                "line": .number(Double(item.line)), "question": .string(item.error.question),
                                "code": .string(item.error.code.rawValue), "message": item.error.message.jsonValue,
                            ])
                        }),
                ]
                if let earlier { json["alreadyImportedAt"] = .string(earlier.importedAt) }
                if let rejectedFile { json["rejectedFile"] = .string(rejectedFile) }
                console.out.line(JSONValue.object(json).prettyText)
            } else {
                for item in invalid {
                    console.err.line("\(file):\(item.line): \(item.error.question): \(item.error.message.text(in: language)) [\(item.error.code.rawValue)]")
                }
            }
            let blank =
                blankLines == 0
                ? ""
                : (language == .nl
                    ? ", \(blankLines) lege regel(s) overgeslagen" : ", \(blankLines) blank line(s) passed over")
            if let earlier {
                console.err.line(
                    language == .nl
                        ? "\(file) is al ingelezen op \(earlier.importedAt) (als \(earlier.fileName), \(earlier.rows) antwoord(en) opgeslagen): er is nu niets opgeslagen."
                        : "\(file) was imported before, on \(earlier.importedAt) (as \(earlier.fileName), \(earlier.rows) response(s) stored): nothing was stored now.")
            } else if !invalid.isEmpty, !committed {
                console.err.line(
                    language == .nl
                        ? "\(invalidLines) ongeldige regel(s): er is niets opgeslagen. Verbeter de regels hierboven, of gebruik --skip-invalid om de goede regels op te slaan."
                        : "\(invalidLines) invalid line(s): nothing was stored. Fix the lines above, or use --skip-invalid to store the good lines.")
            } else {
                console.err.line(
                    language == .nl
                        ? "\(stored) opgeslagen, \(duplicates) al eerder opgeslagen, \(invalidLines) ongeldig overgeslagen\(blank) (\(path))"
                        : "\(stored) stored, \(duplicates) already stored, \(invalidLines) invalid skipped\(blank) (\(path))")
                if let rejectedFile {
                    console.err.line(
                        language == .nl
                            ? "de ongeldige regels staan in \(rejectedFile), met de reden: verbeter dat bestand en lees het apart in (niet het hele bestand opnieuw)."
                            : "the invalid lines are in \(rejectedFile), with the reason: correct that file and import it on its own (not the whole file again).")
                }
            }
            return invalid.isEmpty ? .success : .invalid
        })

    static let list = CommandSpec(
        name: "list",
        abstract: "List a survey's stored responses (admin view: includes submission keys and times).",
        options: [.database, .survey, .surveys, .format(["jsonl", "csv"], default: "jsonl")],
        run: { arguments, console in
            let survey = try DatabaseAccess.survey(arguments)
            let store = try DatabaseAccess.reader(arguments)
            let format = ResponseListing.Format(rawValue: arguments.value("format") ?? "") ?? .jsonl
            try ResponseListing.list(survey, from: store, format: format) { console.out.write($0) }
            return .success
        })

    static let mailingList = CommandSpec(
        name: "mailing-list",
        abstract: "The e-mail addresses of those who agreed to hear about the reports: the only output that holds them.",
        discussion: """
            An address is taken only where the consent question before the e-mail question was
            answered yes. Each address once, sorted; with --out the file is new and readable by its
            owner alone (mode 0600). No other command, export or page ever shows an address.
            """,
        options: [.database, .survey, .surveys, OptionSpec("out", value: "FILE", help: "Write the addresses to a new file instead of stdout.")],
        run: { arguments, console in
            let survey = try DatabaseAccess.survey(arguments)
            guard survey.questions.contains(where: { if case .email = $0.kind { true } else { false } }) else {
                throw CommandFailure(nl: "vragenlijst '\(survey.id)' vraagt geen e-mailadres", en: "survey '\(survey.id)' asks for no e-mail address", exitCode: .invalid)
            }
            let out = arguments.value("out")
            if let out, FileManager.default.fileExists(atPath: out) {
                throw CommandFailure(
                    nl: "'\(out)' bestaat al; kies een nieuw bestand, zodat geen lijst wordt overschreven",
                    en: "'\(out)' already exists; choose a new file so no list is overwritten")
            }
            let list = try MailingList.addresses(survey, from: try DatabaseAccess.reader(arguments))
            let text = list.addresses.map { $0 + "\n" }.joined()
            if let out {
                guard OutputFile.writePrivate(text, to: out) else {
                    throw CommandFailure(nl: "kan '\(out)' niet schrijven; controleer de map", en: "cannot write '\(out)'; check the folder")
                }
            } else {
                console.out.write(text)
            }
            console.err.line(
                arguments.language == .nl
                    ? "\(list.addresses.count) adres(sen) van \(list.consenting) van de \(list.responses) antwoorden met toestemming"
                    : "\(list.addresses.count) address(es) from \(list.consenting) of the \(list.responses) responses with consent")
            return .success
        })

    static let count = CommandSpec(
        name: "count",
        abstract: "Count stored responses, per survey.",
        options: [.database, OptionSpec("survey", value: "ID", help: "Only this survey id."), .format(["table", "json"], default: "table")],
        run: { arguments, console in
            let store = try DatabaseAccess.reader(arguments)
            var counts = try store.responseCounts()
            if let survey = arguments.value("survey") { counts = [survey: counts[survey] ?? 0] }
            if arguments.value("format") == "json" {
                console.out.line(JSONValue.object(counts.mapValues { .number(Double($0)) }).prettyText)
            } else {
                var table = TextTable(arguments.say("vragenlijst", "survey"), arguments.say("antwoorden", "responses"))
                for survey in counts.keys.sorted() { table.add(survey, String(counts[survey] ?? 0)) }
                console.out.write(table.rendered(width: console.width))
            }
            return .success
        })
}

/// `wijkpeil invites`: invitation codes for binding votes.
enum InvitesCommand {
    static let spec = CommandSpec(
        name: "invites",
        abstract: "Invitation codes for binding (co-decide) votes: one code, one response.",
        subcommands: [create, count])

    static let create = CommandSpec(
        name: "create",
        abstract: "Make new invitation codes; they are shown once and stored only as salted hashes.",
        discussion: """
            Codes are shown only in this run: write them to a file (--out, readable by you alone) and, with --cards,
            as cut-out cards, eight to an A4 sheet, each with a QR code that opens the ballot with its code filled in.
            For a vote over several venues, make a batch per venue (--venue Noord); a server started with
            serve --venue Noord accepts only Noord's codes (and codes made for no venue).
            """,
        options: [
            .database, .survey, .surveys, OptionSpec("count", value: "N", help: "How many codes."),
            OptionSpec("out", value: "FILE", help: "Write the codes to a new CSV file instead of stdout."),
            OptionSpec("cards", value: "FILE", help: "Also write the codes as cut-out cards to a new HTML file (needs --public-url)."),
            OptionSpec("public-url", value: "URL", help: "The server's address residents reach, for the cards (http://192.168.1.20:8080/)."),
            OptionSpec("venue", value: "NAME", help: "The venue these codes are for; they are accepted only there."),
        ],
        run: { arguments, console in
            let survey = try DatabaseAccess.survey(arguments)
            guard let text = arguments.value("count"), let count = Int(text), (1...1_000_000).contains(count) else {
                throw UsageError(
                    nl: "--count heeft een heel getal van 1 tot 1000000 nodig", en: "--count needs a whole number from 1 to 1000000", commandPath: arguments.commandPath)
            }
            guard survey.requiresInvite else {
                throw CommandFailure(
                    nl: "vragenlijst '\(survey.id)' vraagt geen uitnodigingscodes; zet eerst \"requiresInvite\": true in de definitie",
                    en: "survey '\(survey.id)' does not ask for invitation codes; set \"requiresInvite\": true in its definition first", exitCode: .invalid)
            }
            let out = arguments.value("out"), cards = arguments.value("cards")
            for file in [out, cards].compactMap({ $0 }) where FileManager.default.fileExists(atPath: file) {
                throw CommandFailure(
                    nl: "'\(file)' bestaat al; kies een nieuw bestand, zodat geen codes worden overschreven",
                    en: "'\(file)' already exists; choose a new file so no codes are overwritten")
            }
            let publicURL = try arguments.publicURL()
            if cards != nil, publicURL == nil {
                throw UsageError(
                    nl: "--cards heeft --public-url nodig: het adres dat bewoners op het kaartje lezen en scannen",
                    en: "--cards needs --public-url: the address residents read and scan on the card", commandPath: arguments.commandPath)
            }
            let venue = arguments.value("venue")?.trimmingWhitespace
            if let venue, venue.isEmpty || venue.count > 60 {
                throw UsageError(nl: "--venue is een naam van 1 tot 60 tekens", en: "--venue is a name of 1 to 60 characters", commandPath: arguments.commandPath)
            }
            let codes = try DatabaseAccess.writing(arguments) { store in
                try store.createInvites(survey: survey.id, count: count, venue: venue) { done in
                    if console.errIsTerminal { console.err.write("\rhashing codes: \(done)/\(count)") }
                }
            }
            if console.errIsTerminal { console.err.line() }
            let lines = codes.map(\.description)
            if let out {
                let text = CSVWriter.line(["code"]) + lines.map { CSVWriter.line([$0]) }.joined()
                // Readable by the organiser alone: the codes are the votes' keys.
                guard OutputFile.writePrivate(text, to: out) else {
                    throw CommandFailure(
                        nl: "kan '\(out)' niet schrijven; de codes zijn vastgelegd maar niet bewaard — maak nieuwe",
                        en: "cannot write '\(out)'; the codes were stored but not saved — make new ones")
                }
            } else if cards == nil {
                for line in lines { console.out.line(line) }
            }
            if let cards, let publicURL {
                let page = InvitationCards(survey: survey, codes: codes, language: arguments.language, publicURL: publicURL, venue: venue)
                guard OutputFile.writePrivate(page.html, to: cards) else {
                    throw CommandFailure(
                        nl: "kan '\(cards)' niet schrijven; de codes zijn vastgelegd maar niet bewaard — maak nieuwe",
                        en: "cannot write '\(cards)'; the codes were stored but not saved — make new ones")
                }
            }
            console.err.line(
                arguments.say(
                    "\(count) \(count == 1 ? "code" : "codes") voor '\(survey.id)'\(venue.map { " (\($0))" } ?? "")\(cards.map { ", als kaartjes in \($0)" } ?? ""). Ze zijn niet nog eens te tonen: druk ze nu af of deel ze nu uit.",
                    "\(count) \(count == 1 ? "code" : "codes") for '\(survey.id)'\(venue.map { " (\($0))" } ?? "")\(cards.map { ", as cards in \($0)" } ?? ""). They cannot be shown again: print or hand them out now."
                ))
            return .success
        })

    static let count = CommandSpec(
        name: "count",
        abstract: "How many codes a survey has, and how many were used.",
        options: [.database, OptionSpec("survey", value: "ID", help: "The survey id.")],
        run: { arguments, console in
            guard let survey = arguments.value("survey") else {
                throw UsageError(nl: "--survey ID ontbreekt", en: "missing --survey ID", commandPath: arguments.commandPath)
            }
            let store = try DatabaseAccess.reader(arguments)
            let counts = try store.inviteCounts(survey: survey)
            console.out.line(
                arguments.say(
                    "\(survey): \(counts.total) \(counts.total == 1 ? "code" : "codes"), \(counts.used) gebruikt",
                    "\(survey): \(counts.total) \(counts.total == 1 ? "code" : "codes"), \(counts.used) used"))
            // Per venue, where batches were made for venues.
            let venues = try store.inviteCountsByVenue(survey: survey)
            if venues.contains(where: { $0.venue != nil }) {
                for venue in venues {
                    let name = venue.venue ?? arguments.say("(elke plek)", "(any venue)")
                    console.out.line(
                        arguments.say(
                            "  \(name): \(venue.total) \(venue.total == 1 ? "code" : "codes"), \(venue.used) gebruikt",
                            "  \(name): \(venue.total) \(venue.total == 1 ? "code" : "codes"), \(venue.used) used"))
                }
            }
            return .success
        })
}

/// `wijkpeil backup`: a consistent copy of the database, safe while the server runs.
enum BackupCommand {
    static let spec = CommandSpec(
        name: "backup",
        abstract: "Make a consistent copy of the database (safe while `wijkpeil serve` runs).",
        options: [.database, OptionSpec("out", value: "FILE", help: "The new copy; must not exist yet.")],
        run: { arguments, console in
            guard let out = arguments.value("out") else {
                throw UsageError(nl: "--out BESTAND ontbreekt", en: "missing --out FILE", commandPath: arguments.commandPath)
            }
            let path = try DatabaseAccess.writing(arguments, mustExist: true) { store in
                try store.backup(to: out)
                return store.path
            }
            console.err.line(arguments.say("\(path) gekopieerd naar \(out)", "copied \(path) to \(out)"))
            return .success
        })
}
