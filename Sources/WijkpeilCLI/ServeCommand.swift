import Workflows
import Dispatch
import FormServer
import HTTPCore
import HTTPServer
import Foundation
import Hashing
import QRCode
import Store
import Surveys
import WijkpeilCore

/// `wijkpeil serve`: the survey forms for residents' phones and the JSON API.
enum ServeCommand {
    static let spec = CommandSpec(
        name: "serve",
        abstract: "Serve the survey forms (for residents' phones on the venue's Wi-Fi) and the JSON API.",
        discussion: """
            Every survey in --surveys is open at /s/ID (Dutch; ?lang=en for English). Answers are stored in
            --db and acknowledged only after they are committed. To reach the forms from phones on the same
            network, use --host 0.0.0.0 (or ::) and open http://<this computer's address>:PORT/.
            Results (/api/v1/surveys/ID/results) need the admin token unless the survey sets publicResults.
            Stop with Ctrl-C: requests in flight are finished and committed first, and the database
            file alone then holds every answer. The server answers only to the addresses it prints
            (and localhost, its host name and the host of --public-url).
            """,
        options: [
            .database, .surveys,
            OptionSpec("host", value: "ADDRESS", help: "The address to listen on (0.0.0.0 or :: for the whole network).", default: "127.0.0.1"),
            OptionSpec("port", value: "PORT", help: "The port (0 picks a free one).", default: "8080"),
            OptionSpec("admin-token-file", value: "FILE", help: "A file holding the admin token; without it a token is made and shown once."),
            OptionSpec("max-body", value: "BYTES", help: "The largest request body accepted.", default: "65536"),
            OptionSpec("public-url", value: "URL", help: "The address printed on posters and forms (http://wijkpeil.lan:8080/); the server also answers to its host name."),
            OptionSpec("settings", value: "FILE", help: "The organisation, privacy statement and contact every page names (JSON).", default: "./wijkpeil.json"),
            OptionSpec("organisation", value: "NAME", help: "The organisation named on every page (over the settings file)."),
            OptionSpec("privacy-url", value: "URL", help: "The privacy statement linked from every page."),
            OptionSpec("contact", value: "TEXT", help: "An e-mail address, telephone number or web address for questions."),
            OptionSpec("main-survey", value: "ID", help: "The survey listed first."),
            OptionSpec("venue", value: "NAME", help: "This evening's venue: invitation codes made for another venue are refused."),
        ],
        printsData: false,
        run: { arguments, console in
            guard let port = UInt16(arguments.value("port") ?? "") else {
                throw UsageError(nl: "--port heeft een getal van 0 tot 65535 nodig", en: "--port needs a number from 0 to 65535", commandPath: arguments.commandPath)
            }
            guard let maxBody = Int(arguments.value("max-body") ?? ""), (1024...16 * 1024 * 1024).contains(maxBody) else {
                throw UsageError(
                    nl: "--max-body heeft een aantal bytes van 1024 tot 16777216 nodig", en: "--max-body needs a number of bytes from 1024 to 16777216",
                    commandPath: arguments.commandPath)
            }
            let library = try SurveyLibrary(directory: arguments.value("surveys") ?? "./surveys")
            let surveys = library.entries.compactMap { entry -> SurveyDefinition? in
                if case .survey(let survey) = entry.content { survey } else { nil }
            }
            let invalid = library.entries.filter { if case .invalid = $0.content { true } else { false } }
            for entry in invalid {
                console.err.line(
                    arguments.say(
                        "\(entry.file) overgeslagen: er staan fouten in (wijkpeil surveys validate toont ze)",
                        "skipped \(entry.file): it has errors (wijkpeil surveys validate shows them)"))
            }
            guard !surveys.isEmpty else {
                throw CommandFailure(
                    nl: "er staan geen geldige vragenlijsten in \(library.directory); er is niets te tonen",
                    en: "there are no valid surveys in \(library.directory); nothing to serve", exitCode: .invalid)
            }
            let settings = try siteSettings(arguments, surveys: surveys)
            if !settings.missing.isEmpty {
                let missing = settings.missing.joined(separator: ", "), file = arguments.value("settings") ?? "./wijkpeil.json"
                console.err.line(
                    arguments.say(
                        "de pagina's noemen \(missing) nog niet: bewoners horen te zien wie het vraagt en waar de privacyverklaring staat; zet ze in \(file) (zie docs/server.md)",
                        "the pages do not name \(missing) yet: residents should see who asks and where the privacy statement is; put them in \(file) (see docs/server.md)"))
            }
            let adminToken: String
            if let file = arguments.value("admin-token-file") {
                let data = try InputFile.data(file)
                adminToken = String(decoding: data, as: UTF8.self).trimmingWhitespace
                guard adminToken.count >= 16 else {
                    throw CommandFailure(
                        nl: "de beheerderssleutel in '\(file)' is korter dan 16 tekens; gebruik een lange willekeurige",
                        en: "the admin token in '\(file)' is shorter than 16 characters; use a long random one", exitCode: .invalid)
                }
            } else {
                adminToken = randomHex(16)
                console.err.line(
                    arguments.say(
                        "beheerderssleutel (wordt één keer getoond; bewaar hem, of geef de volgende keer --admin-token-file): \(adminToken)",
                        "admin token (shown once; save it, or pass --admin-token-file next time): \(adminToken)"))
            }
            var publicHost: String?
            if let text = arguments.value("public-url") {
                guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), let host = url.host, !host.isEmpty else {
                    throw UsageError(
                        nl: "--public-url heeft een adres nodig, zoals http://wijkpeil.lan:8080/", en: "--public-url needs an address such as http://wijkpeil.lan:8080/",
                        commandPath: arguments.commandPath)
                }
                publicHost = host
            }
            let host = arguments.value("host") ?? "127.0.0.1"
            let everywhere = host == "0.0.0.0" || host == "::"
            // What residents can type: on the whole network the machine's own addresses.
            let shownHosts = everywhere ? LocalAddresses.network(includeIPv6: host == "::") : [host]
            var allowedHosts = Set(shownHosts + ["localhost", "127.0.0.1", "::1"])
            if let publicHost { allowedHosts.insert(publicHost) }
            if everywhere, let name = LocalAddresses.hostName { allowedHosts.formUnion([name, name + ".local"]) }
            var storeConfiguration = Store.Configuration()
            storeConfiguration.venue = arguments.value("venue")?.trimmingWhitespace
            let store = try DatabaseAccess.open(arguments, configuration: storeConfiguration)
            let application = try FormApplication(
                surveys: surveys, store: store, adminToken: adminToken, secret: try store.secret(named: "form-tokens"),
                allowedHosts: allowedHosts, settings: settings, log: { console.err.line("wijkpeil: \($0)") })
            var configuration = HTTPServer.Configuration(host: host, port: port)
            configuration.limits.body = maxBody
            let server = HTTPServer(
                configuration: configuration,
                handler: { request, peer, reply in application.handle(request, peer: peer, reply: reply) },
                refusalPage: { status, reason, api in application.refusal(status, reason: reason, api: api) })
            do throws(HTTPServer.StartError) {
                try server.start()
            } catch {
                throw CommandFailure(message: error.description, exitCode: .invalid)
            }
            func address(_ host: String) -> String {
                "http://\(host.contains(":") ? "[\(host)]" : host):\(server.boundPort)/"
            }
            // Scripts wait for "open http" on this line, in either language.
            let count = surveys.count
            let served = arguments.say("Wijkpeil toont \(count) \(count == 1 ? "vragenlijst" : "vragenlijsten")", "Wijkpeil serves \(count) \(count == 1 ? "survey" : "surveys")")
            if shownHosts.isEmpty {
                console.out.line(
                    served
                        + arguments.say(
                            " op \(address("127.0.0.1")) (deze computer heeft nog geen netwerkadres: maak verbinding met de wifi)",
                            " at \(address("127.0.0.1")) (this computer has no network address yet: join the Wi-Fi)"))
            } else {
                console.out.line(served + ": open " + shownHosts.map(address).joined(separator: arguments.say(" of ", " or ")))
            }
            if let text = arguments.value("public-url") { console.out.line(arguments.say("op posters en formulieren: ", "on posters and forms: ") + text) }
            // Where residents go: the public address first, then this computer's on the network;
            // each with its QR code, and the first on the projector page (/qr).
            let reachable = (arguments.value("public-url").map { [$0.hasSuffix("/") ? $0 : $0 + "/"] } ?? []) + shownHosts.map(address)
            application.announce(addresses: reachable)
            for url in reachable {
                guard let code = try? QRCode(encoding: url) else { continue }
                console.out.line()
                console.out.line(url)
                console.out.write(code.terminalText())
            }
            if !reachable.isEmpty {
                console.out.line(arguments.say("Voor de beamer: \(address("127.0.0.1"))qr", "For the projector: \(address("127.0.0.1"))qr"))
            }
            if host == "127.0.0.1" || host == "::1" || host == "localhost" {
                console.err.line(
                    arguments.say(
                        "alleen deze computer kan erbij; start voor telefoons op de wifi met --host 0.0.0.0",
                        "only this computer can reach it; for phones on the Wi-Fi start with --host 0.0.0.0"))
            }
            let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    console.err.line(arguments.say("stoppen: lopende verzoeken worden afgemaakt…", "stopping: finishing requests in flight…"))
                    server.stop()
                }
                source.resume()
                return source
            }
            server.wait()
            signals.forEach { $0.cancel() }
            let statistics = store.writeStatistics
            do throws(StoreError) {
                try store.checkpoint()
            } catch {
                console.err.line(
                    arguments.say(
                        "gestopt, maar de antwoorden staan nog deels in \(store.path)-wal: houd dat bestand bij \(store.path) (\(error))",
                        "stopped, but the answers are still partly in \(store.path)-wal: keep that file beside \(store.path) (\(error))"))
                return .invalid
            }
            console.err.line(
                arguments.say(
                    "gestopt: \(statistics.stored) antwoorden opgeslagen en \(statistics.duplicates) herhaald (twee keer getikt, één keer opgeslagen) in \(statistics.batches) schrijfrondes; nu staan alle antwoorden in \(store.path) alleen (kopieer dat ene bestand)",
                    "stopped: \(statistics.stored) answers stored and \(statistics.duplicates) repeated (a double tap, stored once) in \(statistics.batches) commits this session; \(store.path) alone now holds every answer (copy that one file)"
                ))
            return .success
        })

    /// The settings file (the default one only if it exists), with each flag in its place.
    static func siteSettings(_ arguments: ParsedArguments, surveys: [SurveyDefinition]) throws -> SiteSettings {
        let file = arguments.value("settings") ?? "./wijkpeil.json"
        var settings = SiteSettings()
        if arguments.values["settings"] != nil || FileManager.default.fileExists(atPath: file) {
            let json: JSONValue
            do {
                json = try JSONValue.parse(try InputFile.data(file))
            } catch let error as JSONSyntaxError {
                throw CommandFailure(nl: "\(file): geen geldige JSON (\(error))", en: "\(file): not valid JSON (\(error))", exitCode: .invalid)
            }
            var findings = Findings()
            let read = SiteSettings.read(json, findings: &findings)
            guard let read else {
                let lines = findings.errors.map { finding in
                    var located = finding
                    located.location.file = file
                    return located.rendered(in: arguments.language)
                }
                throw CommandFailure(message: lines.joined(separator: "\n"), exitCode: .invalid)
            }
            settings = read
        }
        if let url = arguments.value("privacy-url"), let problem = SiteSettings.addressProblem(url) {
            throw UsageError(message: "--privacy-url: " + problem.text(in: arguments.language), commandPath: arguments.commandPath)
        }
        settings = settings.overridden(
            by: SiteSettings(
                organisation: arguments.value("organisation"), privacyURL: arguments.value("privacy-url"), contact: arguments.value("contact"),
                mainSurvey: arguments.value("main-survey")))
        if let main = settings.mainSurvey, !surveys.contains(where: { $0.id == main }) {
            let served = surveys.map(\.id).sorted().joined(separator: ", ")
            throw CommandFailure(
                nl: "de hoofdvragenlijst '\(main)' is niet een van de getoonde vragenlijsten (\(served))",
                en: "the main survey '\(main)' is not among the surveys served (\(served))", exitCode: .invalid)
        }
        return settings
    }

    static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
    }
}
