import Analysis
import Foundation
import Store
import Surveys
import WijkpeilCore
import Workflows

/// `wijkpeil analyse`: the neighbourhood analysis of a survey's responses.
enum AnalyseCommand {
    static let spec = CommandSpec(
        name: "analyse",
        abstract: "Analyse a survey per theme (and per buurt) against a reference, with indicators and a SWOT draft.",
        discussion: """
            Responses come from the database (--db) or a CSV file (--responses; the paper import's shape:
            a header of question ids). Each theme pools the rating questions that name it: n, mean, sd,
            95% interval (t), the share dissatisfied (below the scale's midpoint) with its Wilson
            interval. With a reference (--reference CSV or --reference-db) also Welch's t-test and the
            two-proportion z-test, Holm-adjusted over the themes, and an index (reference = 100).
            Fewer than 5 answers show only n; fewer than 30 are flagged indicative.
            Indicators: CSV indicator,theme,buurt,value,reference,direction[,previous].
            Population (whose voice is missing): CSV group,category,share with group a question id
            (e.g. leeftijd with categories 15-24, 65+; or a single-choice question's option ids).
            """,
        options: [
            .survey, .surveys,
            OptionSpec("db", value: "PATH", help: "Analyse the responses stored in this database."),
            OptionSpec("responses", value: "FILE", help: "Analyse the responses in this CSV (or JSONL) file instead."),
            OptionSpec("reference", value: "FILE", help: "Reference responses (e.g. the city-wide survey) as CSV."),
            OptionSpec("reference-db", value: "PATH", help: "Reference responses from this database."),
            OptionSpec("reference-survey", value: "ID", help: "With --reference-db: the reference survey's id (default: --survey)."),
            OptionSpec("indicators", value: "FILE", help: "Objective indicators per theme (CSV)."),
            OptionSpec("population", value: "FILE", help: "The neighbourhood's population shares (CSV group,category,share)."),
            OptionSpec("by", value: "QUESTION", help: "Break down by a single-choice question, e.g. buurt."),
            OptionSpec("wijk", value: "NAME", help: "The neighbourhood's name, named in every output."),
            OptionSpec("cbs", value: "WK……", help: "With --wijk: its CBS wijk code, such as WK034401."),
            OptionSpec("period", value: "TEXT", help: "With --wijk: the period of the responses, such as 2026."),
            OptionSpec("previous", value: "FILE", help: "An earlier wave's analysis (--format json), to compare each theme with."),
            .format(["table", "json", "md", "html"], default: "table"),
            OptionSpec("out", value: "FILE", help: "Write the result to FILE instead of stdout."),
        ],
        run: { arguments, console in
            let (survey, themeSet) = try DatabaseAccess.surveyAndThemeSet(arguments)
            let plan = try AnalysisPlan(survey: survey, themeSet: themeSet, groupBy: arguments.value("by"))
            let database = arguments.value("db"), responsesFile = arguments.value("responses")
            guard (database == nil) != (responsesFile == nil) else {
                throw UsageError(
                    nl: "geef de antwoorden met --db PAD of met --responses BESTAND", en: "name the responses with either --db PATH or --responses FILE",
                    commandPath: arguments.commandPath)
            }
            if arguments.value("reference") != nil, arguments.value("reference-db") != nil {
                throw UsageError(
                    nl: "geef één referentie: --reference BESTAND of --reference-db PAD", en: "give one reference: --reference FILE or --reference-db PATH",
                    commandPath: arguments.commandPath)
            }
            // The buurten indicators may name: the --by question's options, else those of a
            // question whose options carry CBS codes.
            let areas =
                plan.groupBy?.kind.options
                ?? survey.questions.first { $0.kind.options.contains { $0.cbs != nil } }?.kind.options
            let indicators =
                try arguments.value("indicators").map { file in
                    try readFile(file) { bytes throws(InvalidInput) in
                        try IndicatorFile.read(bytes, file: file, themes: Set(plan.themes.map(\.id)), areas: areas)
                    }
                } ?? []
            let population = try arguments.value("population").map { file in
                try readFile(file) { bytes throws(InvalidInput) in try Population.read(bytes, file: file, survey: survey) }
            }
            let referenceFile = arguments.value("reference"), referenceDatabase = arguments.value("reference-db")
            let referenceSurvey = arguments.value("reference-survey") ?? survey.id
            // The neighbourhood and the reference are read at the same time, on two cores.
            let (sample, reference) = try concurrently(
                {
                    if let database { return try storedSample(plan: plan, path: database, survey: survey.id, console: console, language: arguments.language) }
                    return try fileSample(plan: plan, file: responsesFile ?? "")
                },
                { () throws -> ResponseSample? in
                    if let referenceFile { return try fileSample(plan: plan, file: referenceFile) }
                    if let referenceDatabase { return try storedSample(plan: plan, path: referenceDatabase, survey: referenceSurvey, console: nil, language: arguments.language) }
                    return nil
                })
            var analysis = NeighbourhoodAnalysis.compute(sample: sample, reference: reference, indicators: indicators, population: population)
            if let wijk = arguments.value("wijk") {
                analysis.area = try AnalysedArea(name: wijk, cbs: arguments.value("cbs"), period: arguments.value("period"))
            } else if arguments.value("cbs") != nil || arguments.value("period") != nil {
                throw UsageError(nl: "--cbs en --period horen bij --wijk NAAM", en: "--cbs and --period go with --wijk NAME", commandPath: arguments.commandPath)
            }
            if let previousFile = arguments.value("previous") {
                let (earlier, _) = try AgendaMaking.readJSON(previousFile, role: "analysis")
                analysis.previous = try WaveComparison(current: analysis.jsonValue, previous: earlier, previousFile: previousFile)
            }
            let language = arguments.language
            var text: String
            switch arguments.value("format") {
            case "json": text = analysis.jsonValue.prettyText + "\n"
            case "md": text = analysis.markdown(language: language)
            case "html": text = analysis.html(language: language)
            default:
                var table = TextTable(row: NeighbourhoodAnalysis.tableHeader(language: language))
                for row in analysis.table(language: language) { table.add(row: row) }
                text = (analysis.area.map { $0.line + "\n\n" } ?? "") + table.rendered(width: console.width)
                if let previous = analysis.previous {
                    var waves = TextTable(row: WaveComparison.header(language: language))
                    for row in previous.rows(language: language) { waves.add(row: row) }
                    text += "\n" + (language == .nl ? "Vergeleken met de vorige meting:" : "Compared with the earlier wave:") + "\n" + waves.rendered(width: console.width)
                }
                for caveat in analysis.caveats(language: language) { console.err.line("- " + caveat) }
            }
            try OutputFile.write(text, to: arguments.value("out"), console: console)
            return .success
        })

    private static func readFile<T>(_ file: String, _ parse: ([UInt8]) throws(InvalidInput) -> T) throws -> T {
        try parse(try InputFile.bytes(file))
    }

    static func fileSample(plan: AnalysisPlan, file: String) throws -> ResponseSample {
        try AnalysisSamples.file(plan: plan, bytes: try InputFile.bytes(file), file: file)
    }

    static func storedSample(plan: AnalysisPlan, path: String, survey: String, console: Console?, language: Language) throws -> ResponseSample {
        let sample = try AnalysisSamples.stored(plan: plan, path: path, survey: survey, language: language) { read in
            if let console, console.errIsTerminal { console.err.write("\ranalyse: \(read) responses read") }
        }
        if let console, console.errIsTerminal, sample.responses >= 50_000 { console.err.write("\r") }
        return sample
    }
}
