// swift-tools-version: 6.0
import PackageDescription

// Wijkpeil has no Swift package dependencies, on purpose: only the toolchain and the
// system SQLite library. See README.md and docs/ for the reasons and the formats.
let package = Package(
    name: "Wijkpeil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wijkpeil", targets: ["wijkpeil"]),
        .library(name: "Participation", targets: ["Participation"]),
        .library(name: "Surveys", targets: ["Surveys"]),
        .library(name: "Stickers", targets: ["Stickers"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Agenda", targets: ["Agenda"]),
        .library(name: "Programme", targets: ["Programme"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
    ],
    targets: [
        // The system SQLite library. Only the Store target imports it.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite3"])]
        ),
        // Linux's epoll for the form server's event loops (a header only; nothing to install).
        .systemLibrary(name: "CEpoll"),
        // Shared vocabulary: localised text, findings with their location, JSON values, CSV.
        .target(name: "WijkpeilCore"),
        // SHA-256, HMAC and PBKDF2: content hashes and invitation codes.
        .target(name: "Hashing"),
        // The participation ladder, the steps of the neighbourhood cycle, participation plans.
        .target(name: "Participation", dependencies: ["WijkpeilCore"]),
        // Survey definitions, theme sets, and validation of definitions and of answers.
        .target(name: "Surveys", dependencies: ["WijkpeilCore", "Participation", "Hashing", "QRCode"]),
        // The durable store on the system SQLite: responses, definitions, invitation codes.
        .target(name: "Store", dependencies: ["CSQLite", "WijkpeilCore", "Hashing", "Surveys", "Programme"]),
        // Anonymised exports for researchers: columns, generalisation, scrubbing, k-anonymity.
        .target(name: "Export", dependencies: ["WijkpeilCore", "Participation", "Surveys"]),
        // Sticker (dot) voting at resident evenings: sessions, placements, the tally.
        .target(name: "Stickers", dependencies: ["WijkpeilCore", "Participation", "Surveys"]),
        // The neighbourhood analysis: marks per theme and buurt against a reference, indicators,
        // who took part, a SWOT draft; the statistics it needs, written here.
        .target(name: "Analysis", dependencies: ["WijkpeilCore", "Surveys", "Hashing"]),
        // The neighbourhood agenda: priorities weighed openly, their stability, the council's answer.
        .target(name: "Agenda", dependencies: ["WijkpeilCore", "Participation", "Surveys"]),
        // The neighbourhood programme: goals under the priorities, the year's actions (at most 45),
        // their history, the calendar, the carry-over to the next year.
        .target(name: "Programme", dependencies: ["WijkpeilCore", "Participation"]),
        // The council's dashboard over the years: trust, movement, results, schedule, the right things.
        .target(name: "Dashboard", dependencies: ["WijkpeilCore", "Programme"]),
        // The residents' budget vote: costed proposals counted by greedy and by the Method of Equal
        // Shares, exactly; Pabulib files in and out.
        .target(name: "BudgetVote", dependencies: ["WijkpeilCore"]),
        // QR codes (ISO/IEC 18004, level M, versions 1–10) for the evening's posters, cards and projector.
        .target(name: "QRCode", dependencies: ["WijkpeilCore"]),
        // HTTP/1.1 as bytes: the strict request parser, requests, responses, form decoding, and
        // a connection's life and time limits as a state machine, against a clock it is given. Knows no sockets and
        // imports nothing of the project.
        .target(name: "HTTPCore"),
        // HTTP/1.1 on POSIX sockets: the listener and the event loops (epoll on Linux).
        .target(name: "HTTPServer", dependencies: ["CEpoll", "HTTPCore"]),
        // The survey application served over HTTP: routes, the resident forms, the JSON API,
        // form tokens, public results.
        .target(name: "FormServer", dependencies: ["HTTPCore", "WijkpeilCore", "Participation", "Surveys", "Stickers", "Store", "Hashing", "QRCode"]),
        // The use cases over the domain targets and the store, which the CLI and the server call:
        // reading the survey folder, importing a file, running an export, tallying stickers,
        // verifying an agenda.
        .target(
            name: "Workflows",
            dependencies: [
                "WijkpeilCore", "Participation", "Surveys", "Stickers", "Analysis", "Agenda", "Programme", "Dashboard", "BudgetVote", "Hashing", "Store",
                "Export",
            ]),
        // The commands of the `wijkpeil` tool, as a library so tests can run them in-process:
        // arguments in, one workflow, output and exit codes out.
        .target(
            name: "WijkpeilCLI",
            dependencies: [
                "WijkpeilCore", "Participation", "Surveys", "Stickers", "Analysis", "Agenda", "Programme", "Dashboard", "BudgetVote", "QRCode", "Hashing", "Store", "Export",
                "HTTPCore",
                "HTTPServer",
                "FormServer",
                "Workflows",
            ]),
        .executableTarget(name: "wijkpeil", dependencies: ["WijkpeilCLI"]),
        // Outside the product: benchmarks and crash harnesses (`wijkpeil-bench`, which the scripts
        // call), and what they share with the tests (sample answers, concurrent writers, the
        // plain-SQLite peer).
        .target(name: "BenchKit", dependencies: ["CSQLite", "WijkpeilCore", "Surveys", "Store"]),
        .executableTarget(
            name: "wijkpeil-bench",
            dependencies: ["BenchKit", "Workflows", "WijkpeilCore", "Surveys", "Stickers", "Store", "Export", "Analysis", "Hashing"]),

        .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
        .testTarget(name: "WijkpeilCoreTests", dependencies: ["WijkpeilCore"]),
        .testTarget(name: "ParticipationTests", dependencies: ["Participation", "WijkpeilCore"]),
        .testTarget(name: "SurveysTests", dependencies: ["Surveys", "Participation", "QRCode", "WijkpeilCore", "BenchKit"]),
        .testTarget(name: "StickersTests", dependencies: ["Stickers", "Surveys", "Participation", "WijkpeilCore"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Surveys", "Participation", "Programme", "WijkpeilCore", "CSQLite", "BenchKit"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Surveys", "Participation", "WijkpeilCore"]),
        .testTarget(name: "AgendaTests", dependencies: ["Agenda", "Participation", "WijkpeilCore"]),
        .testTarget(name: "BudgetVoteTests", dependencies: ["BudgetVote", "WijkpeilCore"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "ProgrammeTests", dependencies: ["Programme", "Participation", "WijkpeilCore"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Programme", "WijkpeilCore"]),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPCore"]),
        .testTarget(name: "FormServerTests", dependencies: ["FormServer", "HTTPServer", "HTTPCore", "Store", "Surveys", "Participation", "QRCode", "WijkpeilCore"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Surveys", "Participation", "WijkpeilCore"]),
        .testTarget(
            name: "WorkflowsTests",
            dependencies: ["Workflows", "Store", "Surveys", "Export", "Agenda", "Analysis", "Stickers", "Participation", "Programme", "Dashboard", "WijkpeilCore"]),
        .testTarget(name: "WijkpeilCLITests", dependencies: ["WijkpeilCLI", "WijkpeilCore", "Surveys", "Stickers"]),
    ]
)

// Strict settings in one place: Swift 6 language mode everywhere, plus upcoming features.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(contentsOf: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ])
    target.swiftSettings = settings
}
