import Foundation
import Testing

/// Tables fit the terminal: `COLUMNS` (or the terminal's width) when given, 100 columns for a
/// file or a pipe; narrower columns wrap at spaces, and a table that cannot fit is stacked.
@Suite("Terminal tables fit their width")
struct TerminalWidthTests {
    static let samples = packageRoot + "/samples/kerkwijk"
    static let commands: [[String]] = [
        ["ladder"], ["cycle"], ["stickers", "tally", "bewonersavond", samples + "/stickers-tafel1.csv", samples + "/stickers-tafel2.csv"],
        [
            "analyse", "--survey", "wijkanalyse", "--responses", samples + "/antwoorden.csv", "--reference", samples + "/stad.csv", "--indicators",
            samples + "/indicatoren.csv", "--by", "buurt",
        ],
        ["programme", "show", samples + "/programma-2027.json"],
        ["programme", "evaluate", samples + "/programma-2027.json", "--filled", samples + "/evaluatie-2027-ingevuld.json"], ["surveys", "list", "--surveys", bundledSurveys],
    ]

    @Test("every line of every table within COLUMNS, and within 100 when it is not set", arguments: [nil, 80, 60])
    func fits(_ columns: Int?) {
        for arguments in Self.commands {
            let surveys = ["stickers", "analyse"].contains(arguments[0]) ? ["--surveys", bundledSurveys] : []
            let result = run(arguments + surveys, environment: columns.map { ["COLUMNS": String($0)] } ?? [:])
            #expect(result.status == 0, "\(arguments): \(result.err)")
            let width = columns ?? 100
            for line in result.out.split(separator: "\n") where line.count > width {
                Issue.record("\(arguments.prefix(2)) at \(width): \(line.count) columns: \(line)")
            }
        }
    }

    @Test("a wide terminal gets the table on one line per row; a narrow one wraps, keeping a buurt's indentation")
    func wideAndNarrow() {
        let analyse = Self.commands[3] + ["--surveys", bundledSurveys]
        let wide = run(analyse, environment: ["COLUMNS": "200"]).out.split(separator: "\n")
        let rows = wide.count - 2
        #expect(rows == 8 * 6)  // eight themes, each with five buurten
        #expect(wide.contains { $0.hasPrefix("Woonomgeving en voorzieningen  ") })
        let narrow = run(analyse, environment: ["COLUMNS": "100"]).out.split(separator: "\n")
        #expect(narrow.count > wide.count)
        #expect(narrow.contains { $0.hasPrefix("Woonomgeving en ") } && narrow.contains { $0.hasPrefix("voorzieningen") })
        #expect(narrow.contains { $0.hasPrefix("  Centrum ") })
        // Stacked when even the narrowest columns do not fit: one block per row, "header  value".
        let stacked = run(analyse, environment: ["COLUMNS": "60"]).out
        #expect(stacked.contains("thema     Bewoners\nn         127\n"))
    }

    @Test("the ladder and the cycle are blocks, one per level or step, in either language")
    func blocks() {
        let ladder = run(["ladder"], environment: ["COLUMNS": "80"]).out
        #expect(ladder.hasPrefix("trede         1\nniveau        inform\nnaam          Informeren\n"))
        #expect(ladder.components(separatedBy: "\n\n").count == 5)
        let cycle = run(["cycle", "--lang", "en", "--phase", "analysis"], environment: ["COLUMNS": "80"]).out
        #expect(cycle.hasPrefix("step             A0\nphase            Neighbourhood analysis\n"))
    }
}
