import Analysis
import Foundation
import Testing
import WijkpeilCore

@Suite("This wave against an earlier one")
struct WaveComparisonTests {
    /// An analysis JSON with one theme per entry: (theme, mean, sd, n, dissatisfied, question, wording, scale).
    func analysis(_ themes: [(String, Double, Double, Int, Int, String, String, Int)]) -> JSONValue {
        .object([
            "themes": .array(
                themes.map { theme in
                    .object([
                        "theme": .string(theme.0), "label": .object(["nl": .string(theme.0.capitalized)]), "mean": .number(theme.1), "sd": .number(theme.2),
                        "n": .number(Double(theme.3)), "dissatisfied": .object(["count": .number(Double(theme.4))]),
                        "questions": .array([.object(["id": .string(theme.5), "wording": .string(theme.6)])]),
                        "scale": .array([1, .number(Double(theme.7))]),
                    ])
                })
        ])
    }

    @Test("the same question in the same words: the mean by Welch, the share by the two-proportion test, Holm over the themes")
    func compared() throws {
        let before = analysis([("veiligheid", 6.1, 1.6, 118, 46, "cijfer-veiligheid", "abc", 10), ("verkeer", 5.3, 1.7, 119, 71, "cijfer-verkeer", "def", 10)])
        let now = analysis([("veiligheid", 5.3, 1.5, 133, 66, "cijfer-veiligheid", "abc", 10), ("verkeer", 5.4, 1.6, 135, 76, "cijfer-verkeer", "def", 10)])
        let comparison = try WaveComparison(current: now, previous: before, previousFile: "a.json")
        let safety = comparison.changes[0]
        #expect(safety.pMean == SignificanceTest.welch(mean: 5.3, sd: 1.5, n: 133, mean: 6.1, sd: 1.6, n: 118))
        #expect(safety.pShare == SignificanceTest.twoProportion(Proportion(count: 66, n: 133), Proportion(count: 46, n: 118)))
        // Holm over two themes: the smaller p doubled, the larger kept (or the smaller's, if larger).
        let ps = comparison.changes.map { $0.pMean! }
        #expect(safety.pMeanHolm == min(1, 2 * ps.min()!))
        #expect(safety.clearly == "worse" && comparison.changes[1].clearly == nil)
        #expect(comparison.rows(language: .nl)[0] == ["Veiligheid", "6,1 → 5,3", "39% → 50%", "duidelijk slechter"])
    }

    @Test("the overload from summaries gives what the test on the marks gives")
    func welchFromSummaries() {
        var a = MarkSummary(scale: 1...10), b = MarkSummary(scale: 1...10)
        for mark in [4, 5, 5, 6, 6, 6, 7, 8] { a.add(mark) }
        for mark in [6, 7, 7, 8, 8, 9] { b.add(mark) }
        #expect(SignificanceTest.welch(a, b) == SignificanceTest.welch(mean: a.mean!, sd: a.sd!, n: a.n, mean: b.mean!, sd: b.sd!, n: b.n))
    }

    @Test(
        "not compared, and why: another question, another scale, other words, not asked before",
        arguments: [
            (("veiligheid", 6.1, 1.6, 118, 46, "veilig", "abc", 10), "andere vragen (veilig toen, cijfer-veiligheid nu)"),
            (("veiligheid", 6.1, 1.6, 118, 46, "cijfer-veiligheid", "abc", 5), "andere schaal"),
            (("veiligheid", 6.1, 1.6, 118, 46, "cijfer-veiligheid", "xyz", 10), "andere vraagtekst"),
            (("groen", 6.1, 1.6, 118, 46, "cijfer-groen", "abc", 10), "niet eerder gevraagd"),
        ] as [((String, Double, Double, Int, Int, String, String, Int), String)])
    func notCompared(earlier: (String, Double, Double, Int, Int, String, String, Int), why: String) throws {
        let now = analysis([("veiligheid", 5.3, 1.5, 133, 66, "cijfer-veiligheid", "abc", 10)])
        let change = try WaveComparison(current: now, previous: analysis([earlier]), previousFile: "a.json").changes[0]
        #expect(change.notCompared?.nl == why && change.pMean == nil && change.clearly == nil)
    }

    @Test("a file that is not an analysis is refused with its name")
    func notAnAnalysis() {
        #expect(throws: InvalidInput.self) {
            try WaveComparison(current: analysis([]), previous: ["priorities": []], previousFile: "agenda.json")
        }
    }
}

@Suite("What an analysis is of")
struct AnalysedAreaTests {
    @Test("the neighbourhood, its CBS wijk code and the period in one line; a code that is not a wijk's is refused", arguments: ["BU03440101", "WK34401", "wk034401", "WK03440A"])
    func area(badCode: String) throws {
        #expect(try AnalysedArea(name: "Kerkwijk", cbs: "WK034401", period: "2026").line == "Kerkwijk (WK034401), 2026")
        #expect(try AnalysedArea(name: "Kerkwijk", cbs: nil, period: nil).line == "Kerkwijk")
        #expect(throws: InvalidInput.self) { try AnalysedArea(name: "Kerkwijk", cbs: badCode, period: nil) }
    }
}
