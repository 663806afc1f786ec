import Analysis
import Foundation
import Surveys
import Testing
import WijkpeilCore

@Suite("Analysis plan")
struct AnalysisPlanTests {
    @Test("a theme pools every rating question that names it; ratings without a theme are not themes")
    func themes() throws {
        let plan = try fixturePlan()
        #expect(plan.themes.map(\.id) == ["veiligheid", "groen"])
        #expect(plan.themes[0].questions == ["veilig-dag", "veilig-avond"])
        #expect(plan.themes[1].scale == 1...5)
        #expect(plan.themes[0].label.en == "Safety")
    }

    @Test("--by must name a single-choice question; a near miss gets a suggestion")
    func unknownGroup() throws {
        do {
            _ = try fixturePlan(groupBy: "buur")
            Issue.record("expected an error")
        } catch let error as InvalidInput {
            let finding = try #require(error.findings.errors.first)
            #expect(finding.code == "unknown-group")
            #expect(finding.message.en?.contains("(buurt?)") == true)
        }
        #expect(throws: InvalidInput.self) { try fixturePlan(groupBy: "leeftijd") }
    }

    @Test("one theme on two scales is refused")
    func mixedScales() throws {
        let text = surveyJSON.replacingOccurrences(of: "\"theme\": \"groen\"", with: "\"theme\": \"veiligheid\"")
        var findings = Findings()
        let survey = try #require(SurveyDefinition.read(try JSONValue.parse(Data(text.utf8)), themeSets: nil, findings: &findings))
        #expect(throws: InvalidInput.self) { try AnalysisPlan(survey: survey, themeSet: nil, groupBy: nil) }
    }
}

@Suite("Neighbourhood analysis")
struct NeighbourhoodAnalysisTests {
    /// `count` responses in `buurt` with safety marks cycling through `marks`.
    func sample(_ plan: AnalysisPlan, _ groups: [(buurt: String, marks: [Int], count: Int)], willing: Int = 0) throws -> ResponseSample {
        var sample = ResponseSample(plan: plan)
        var given = 0
        for group in groups {
            for index in 0..<group.count {
                let mark = group.marks[index % group.marks.count]
                sample.add(
                    try response([
                        "veilig-dag": .number(Double(mark)), "buurt": .string(group.buurt),
                        "meedoen": .string(given < willing ? "ja" : "nee"), "leeftijd": .number(given % 2 == 0 ? 30 : 70),
                    ]), channel: "file")
                given += 1
            }
        }
        return sample
    }

    @Test("a group under five shows only its n; under thirty is indicative")
    func disclosure() throws {
        let plan = try fixturePlan(groupBy: "buurt")
        let analysis = NeighbourhoodAnalysis.compute(sample: try sample(plan, [("noord", [6, 7, 8], 12), ("zuid", [3, 9], 4)]))
        let safety = analysis.themes[0]
        #expect(safety.marks.n == 16)
        #expect(safety.flags == [.indicative])
        let zuid = try #require(safety.groups.first { $0.id == "zuid" })
        #expect(zuid.marks.n == 4)
        #expect(zuid.marks.mean == nil && zuid.marks.sd == nil && zuid.marks.ci95 == nil && zuid.marks.dissatisfied == nil)
        #expect(zuid.marks.flags.contains(.small))
        let json = analysis.jsonValue
        let zuidJSON = try #require(json["themes"]?[0]?["groups"]?["zuid"])
        #expect(zuidJSON["n"]?.number == 4)
        #expect(zuidJSON["mean"] == .null && zuidJSON["dissatisfied"] == .null)
        // No marks at all on the second theme: n = 0 and nothing else.
        #expect(analysis.themes[1].marks.n == 0 && analysis.themes[1].marks.mean == nil)
    }

    @Test("worse than the reference only after Holm; the index puts the reference at 100")
    func reference() throws {
        let plan = try fixturePlan()
        let neighbourhood = try sample(plan, [("noord", [4, 5, 6], 60)])
        let city = try sample(plan, [("noord", [6, 7, 8], 300)])
        let analysis = NeighbourhoodAnalysis.compute(sample: neighbourhood, reference: city)
        let safety = analysis.themes[0]
        #expect(safety.flags.contains(.worse))
        #expect(abs(try #require(safety.marks.index) - 5.0 / 7.0 * 100) < 1e-9)
        let comparison = try #require(safety.comparison)
        // Only one theme has marks, so Holm leaves its p-value as it is.
        #expect(comparison.pMeanHolm == comparison.pMean)
        #expect(try #require(comparison.pMean) < 1e-6)
        // The theme without marks takes no part in the family.
        #expect(analysis.themes[1].comparison?.pMean == nil)
        #expect(analysis.swot.weaknesses.map(\.rule) == ["worse-than-reference"])
    }

    @Test("each group against the whole reference: tested only from five marks, flagged only after Holm")
    func groupsAgainstReference() throws {
        let plan = try fixturePlan(groupBy: "buurt")
        let neighbourhood = try sample(plan, [("noord", [3, 4, 5], 60), ("zuid", [6, 7, 8], 4)])
        let city = try sample(plan, [("noord", [6, 7, 8], 300)])
        let analysis = NeighbourhoodAnalysis.compute(sample: neighbourhood, reference: city)
        let noord = try #require(analysis.themes[0].groups.first { $0.id == "noord" })
        #expect(noord.marks.flags.contains(.worse))
        #expect(try #require(noord.comparison?.pMeanHolm) < 1e-6)
        #expect(noord.marks.index.map { abs($0 - 4.0 / 7.0 * 100) < 1e-9 } == true)
        let zuid = try #require(analysis.themes[0].groups.first { $0.id == "zuid" })
        #expect(zuid.comparison?.pMean == nil && zuid.marks.flags == [.small, .indicative])
        let json = analysis.jsonValue
        #expect(json["themes"]?[0]?["groups"]?["noord"]?["reference"]?["pMeanHolm"]?.number != nil)
        #expect(analysis.swot.weaknesses.contains { $0.rule == "group-worse-than-reference" && $0.group == "noord" && $0.text.nl.hasPrefix("Veiligheid in Noord:") })
    }

    @Test(
        "a flag says which test made it, and its sentence quotes that test's figures",
        arguments: [
            // Equal means, more dissatisfied residents: the share alone.
            ([3, 9], [6], NeighbourhoodAnalysis.Basis.share, "50% ontevreden tegen 0% in de referentie", "gemiddeld"),
            // Lower marks but no one dissatisfied on either side: the mean alone.
            ([6, 6, 7], [9, 9, 10], .mean, "bewoners geven gemiddeld 6,3 tegen 9,3 in de referentie", "ontevreden"),
            // Both point the same way: both, each with its p.
            ([4, 5, 6], [6, 7, 8], .both, "gemiddeld 5,0 tegen 7,0 in de referentie, en 67% ontevreden tegen 0% in de referentie", "p = 1"),
        ])
    func basis(_ marks: [Int], _ referenceMarks: [Int], _ basis: NeighbourhoodAnalysis.Basis, _ quoted: String, _ absent: String) throws {
        let plan = try fixturePlan()
        let analysis = NeighbourhoodAnalysis.compute(
            sample: try sample(plan, [("noord", marks, 60)]), reference: try sample(plan, [("noord", referenceMarks, 300)]))
        let safety = analysis.themes[0]
        #expect(safety.flags.contains(.worse))
        #expect(safety.comparison?.basis == basis)
        #expect(analysis.jsonValue["themes"]?[0]?["basis"] == .string(basis.rawValue))
        let sentence = try #require(analysis.swot.weaknesses.first { $0.rule == "worse-than-reference" }).text.nl
        #expect(sentence.contains(quoted), "\(sentence)")
        #expect(!sentence.contains(absent), "\(sentence)")
        // The table shows both adjusted p-values and names the test behind the flag.
        let row = analysis.table(language: .nl)[0]
        #expect(row.last == "slechter (\(basis.label(.nl)))")
        #expect(row.count == NeighbourhoodAnalysis.tableHeader(language: .nl).count)
    }

    @Test("a flagged group under thirty is called indicative in its sentence")
    func indicativeSentence() throws {
        let plan = try fixturePlan(groupBy: "buurt")
        let analysis = NeighbourhoodAnalysis.compute(
            sample: try sample(plan, [("noord", [2, 3, 4], 20), ("zuid", [6, 7, 8], 60)]), reference: try sample(plan, [("noord", [6, 7, 8], 300)]))
        let entry = try #require(analysis.swot.weaknesses.first { $0.group == "noord" })
        #expect(entry.text.nl.hasSuffix("; indicatief, 20 antwoorden"))
        #expect(entry.text.en?.hasSuffix("; indicative, 20 answers") == true)
    }

    @Test("the same marks as the reference are neither worse nor better")
    func noDifference() throws {
        let plan = try fixturePlan()
        let analysis = NeighbourhoodAnalysis.compute(
            sample: try sample(plan, [("noord", [5, 6, 7], 60)]), reference: try sample(plan, [("zuid", [5, 6, 7], 90)]))
        #expect(analysis.themes[0].flags.isEmpty)
        #expect(analysis.themes[0].marks.index == 100)
        #expect(analysis.swot.strengths.isEmpty && analysis.swot.weaknesses.isEmpty)
    }

    @Test("groups that differ clearly flag the theme as mixed (one-way ANOVA)")
    func mixed() throws {
        let plan = try fixturePlan(groupBy: "buurt")
        let differ = NeighbourhoodAnalysis.compute(sample: try sample(plan, [("noord", [3, 4, 5], 30), ("zuid", [7, 8, 9], 30)]))
        #expect(differ.themes[0].flags.contains(.mixed))
        let alike = NeighbourhoodAnalysis.compute(sample: try sample(plan, [("noord", [5, 6, 7], 30), ("zuid", [5, 6, 7], 30)]))
        #expect(!alike.themes[0].flags.contains(.mixed))
    }

    @Test("stored answers count as validated ones do")
    func storedAnswers() throws {
        let plan = try fixturePlan(groupBy: "buurt")
        var fromFile = ResponseSample(plan: plan), fromStore = ResponseSample(plan: plan)
        let answers: [String: JSONValue] = ["veilig-dag": 6, "veilig-avond": 4, "groen": 5, "buurt": "noord", "meedoen": "ja"]
        fromFile.add(try response(answers), channel: "paper")
        fromStore.add(storedAnswers: try response(answers).answersJSON, channel: "paper")
        #expect(fromFile.themes == fromStore.themes && fromFile.groups == fromStore.groups)
        #expect(fromStore.themes[0].n == 2 && fromStore.willing == 1 && fromStore.askedWillingness == 1)
    }

    @Test("willing residents are an opportunity once there are five")
    func willing() throws {
        let plan = try fixturePlan()
        let few = NeighbourhoodAnalysis.compute(sample: try sample(plan, [("noord", [6], 10)], willing: 4))
        #expect(few.swot.opportunities.isEmpty)
        let enough = NeighbourhoodAnalysis.compute(sample: try sample(plan, [("noord", [6], 10)], willing: 5))
        #expect(enough.swot.opportunities.map(\.rule) == ["willing-to-help"])
        #expect(enough.participation.willing == 5 && enough.participation.askedWillingness == 10)
    }

    @Test("who took part: shares against the population, chi-square, under-representation")
    func representation() throws {
        let plan = try fixturePlan()
        let population = try Population.read(Array("group,category,share\nleeftijd,15-39,40\nleeftijd,40-64,35\nleeftijd,65+,25\n".utf8), file: "p.csv", survey: plan.survey)
        // Half the respondents are 30 and half 70: nobody 40-64.
        let analysis = NeighbourhoodAnalysis.compute(sample: try sample(plan, [("noord", [6], 20)]), population: population)
        let group = try #require(analysis.participation.representation.first)
        #expect(group.categories.map(\.respondents) == [10, 0, 10])
        #expect(group.categories.map(\.underRepresented) == [false, true, false])
        // scipy.stats.chisquare([10, 0, 10], [8, 7, 5]).pvalue
        #expect(abs(try #require(group.p) - 0.0019304541362277095) < 1e-6)
        #expect(analysis.caveats(language: .en).contains { $0.contains("Under-represented: leeftijd 40-64") })
    }
}

@Suite("Indicators")
struct IndicatorTests {
    @Test(
        "the gap is positive when worse than the reference, in both directions",
        arguments: [
            (6.8, 3.9, Indicator.Direction.lowerIsBetter, (6.8 - 3.9) / 3.9),
            (198.0, 265.0, .higherIsBetter, (265.0 - 198.0) / 265.0),
            (41.0, 35.0, .higherIsBetter, -(41.0 - 35.0) / 35.0),
        ])
    func gap(value: Double, reference: Double, direction: Indicator.Direction, expected: Double) {
        #expect(abs(Indicator(name: "x", theme: "t", value: value, reference: reference, direction: direction).gap - expected) < 1e-12)
    }

    @Test(
        "the trend follows the direction",
        arguments: [
            (5.9, Indicator.Direction.lowerIsBetter, Indicator.Trend.worsening),
            (7.5, .lowerIsBetter, .improving),
            (5.9, .higherIsBetter, .improving),
            (6.8, .higherIsBetter, .stable),
        ])
    func trend(previous: Double, direction: Indicator.Direction, expected: Indicator.Trend) {
        #expect(Indicator(name: "x", theme: "t", value: 6.8, reference: 4, direction: direction, previous: previous).trend == expected)
    }

    @Test("a file with a decimal comma and an optional previous column")
    func reading() throws {
        let csv = "indicator;theme;buurt;value;reference;direction;previous\ninbraken;veiligheid;;6,8;3,9;lower-is-better;5,9\ngroen;groen;BU03440101;41;35;higher-is-better;\n"
        let indicators = try IndicatorFile.read(Array(csv.utf8), file: "i.csv", themes: ["veiligheid", "groen"])
        #expect(indicators.count == 2)
        #expect(indicators[0].value == 6.8 && indicators[0].previous == 5.9 && indicators[0].trend == .worsening)
        #expect(indicators[1].buurt == "BU03440101" && indicators[1].previous == nil)
    }

    @Test("a buurt is named by its option id or its CBS code; any other name is a finding")
    func buurtenByCBSCode() throws {
        let areas = [Option(id: "noord", label: LocalizedText(nl: "Noord"), cbs: "BU03440101"), Option(id: "zuid", label: LocalizedText(nl: "Zuid"))]
        let csv = "indicator,theme,buurt,value,reference,direction\ngroen,groen,BU03440101,41,35,higher-is-better\ngroen,groen,zuid,30,35,higher-is-better\n"
        let indicators = try IndicatorFile.read(Array(csv.utf8), file: "i.csv", themes: ["groen"], areas: areas)
        #expect(indicators.map(\.buurt) == ["noord", "zuid"])
        let unknown = "indicator,theme,buurt,value,reference,direction\ngroen,groen,BU03449999,41,35,higher-is-better\n"
        #expect {
            try IndicatorFile.read(Array(unknown.utf8), file: "i.csv", themes: ["groen"], areas: areas)
        } throws: { error in
            guard let finding = (error as? InvalidInput)?.findings.all.first else { return false }
            return finding.code == "unknown-buurt" && finding.location.line == 2 && finding.message.nl.contains("noord (BU03440101), zuid")
        }
    }

    @Test("with a year column, the rows of one indicator and buurt are its series: the latest is the value, the trend runs over all years")
    func series() throws {
        let csv = """
            indicator,theme,buurt,value,reference,direction,year
            inbraken,veiligheid,,5.9,3.9,lower-is-better,2024
            inbraken,veiligheid,noord,9.4,3.9,lower-is-better,2026
            inbraken,veiligheid,,6.8,3.9,lower-is-better,2026
            inbraken,veiligheid,,6.1,3.9,lower-is-better,2025
            """
        let indicators = try IndicatorFile.read(Array(csv.utf8), file: "i.csv", themes: ["veiligheid"])
        #expect(indicators.count == 2)
        let wijk = try #require(indicators.first { $0.buurt == nil })
        #expect(wijk.value == 6.8 && wijk.year == 2026 && wijk.previous == 6.1 && wijk.line == 4)
        #expect(wijk.series == [.init(year: 2024, value: 5.9), .init(year: 2025, value: 6.1), .init(year: 2026, value: 6.8)])
        // Lower is better and the values rise: worsening over the three years.
        #expect(wijk.trend == .worsening)
        let noord = try #require(indicators.first { $0.buurt == "noord" })
        #expect(noord.series == [.init(year: 2026, value: 9.4)] && noord.previous == nil && noord.trend == nil)
    }

    @Test("the slope over all years decides the trend, not the last step alone")
    func trendOverAllYears() {
        let series: [Indicator.Measurement] = [.init(year: 2023, value: 8), .init(year: 2024, value: 7), .init(year: 2025, value: 6), .init(year: 2026, value: 6.2)]
        let indicator = Indicator(name: "x", theme: "t", value: 6.2, reference: 4, direction: .lowerIsBetter, previous: 6, year: 2026, series: series)
        #expect(indicator.trend == .improving)
    }

    @Test("a series: the same year twice, a row without its year, a bad year or another direction is named at its line")
    func seriesErrors() {
        let csv = """
            indicator,theme,buurt,value,reference,direction,year
            a,veiligheid,,1,2,lower-is-better,2025
            a,veiligheid,,2,2,lower-is-better,2025
            b,veiligheid,,1,2,lower-is-better,2025
            b,veiligheid,,1,2,lower-is-better,
            c,veiligheid,,1,2,lower-is-better,25
            d,veiligheid,,1,2,lower-is-better,2025
            d,veiligheid,,1,2,higher-is-better,2026
            """
        do {
            _ = try IndicatorFile.read(Array(csv.utf8), file: "i.csv", themes: ["veiligheid"])
            Issue.record("expected an error")
        } catch {
            #expect(error.findings.errors.map { "\($0.location.line ?? 0):\($0.code)" } == ["3:duplicate-indicator", "6:bad-year"])
        }
        let second = csv.split(separator: "\n").enumerated().filter { ![2, 5].contains($0.offset) }.map(\.element).joined(separator: "\n")
        do {
            _ = try IndicatorFile.read(Array(second.utf8), file: "i.csv", themes: ["veiligheid"])
            Issue.record("expected an error")
        } catch {
            #expect(error.findings.errors.map { "\($0.location.line ?? 0):\($0.code)" } == ["4:missing-year", "5:inconsistent-series"])
        }
    }

    @Test("every bad line is named, and nothing is returned")
    func errors() throws {
        let csv = """
            indicator,theme,buurt,value,reference,direction
            inbraken,veiligheid,,6.8,3.9,lower-is-better
            inbraken,veiligheid,,7,3.9,lower-is-better
            groen,groenn,,41,35,higher-is-better
            parkeren,veiligheid,,veel,3,lower-is-better
            nul,veiligheid,,1,0,lower-is-better
            richting,veiligheid,,1,2,lower
            """
        do {
            _ = try IndicatorFile.read(Array(csv.utf8), file: "i.csv", themes: ["veiligheid", "groen"])
            Issue.record("expected an error")
        } catch {
            let found = error.findings.errors.map { "\($0.location.line ?? 0):\($0.code)" }
            #expect(found == ["3:duplicate-indicator", "4:unknown-theme", "5:bad-number", "6:zero-reference", "7:bad-direction"])
            #expect(error.findings.errors[1].message.en?.contains("(groen?)") == true)
            #expect(error.findings.errors.allSatisfy { $0.location.file == "i.csv" })
        }
    }

    @Test("indicators make strengths, weaknesses, opportunities and threats by the stated rules")
    func swot() throws {
        let plan = try fixturePlan()
        let indicators = [
            Indicator(name: "inbraken", theme: "veiligheid", value: 6.8, reference: 3.9, direction: .lowerIsBetter, previous: 5.9),
            Indicator(name: "groen", theme: "groen", value: 41, reference: 35, direction: .higherIsBetter, previous: 38),
            Indicator(name: "bijna gelijk", theme: "groen", value: 36, reference: 35, direction: .higherIsBetter),
        ]
        let analysis = NeighbourhoodAnalysis.compute(sample: ResponseSample(plan: plan), indicators: indicators)
        #expect(analysis.swot.weaknesses.map(\.rule) == ["indicator-worse"])
        #expect(analysis.swot.threats.map(\.rule) == ["worsening-trend"])
        #expect(analysis.swot.strengths.map(\.rule) == ["indicator-better"])
        #expect(analysis.swot.opportunities.map(\.rule) == ["improving-trend"])
        #expect(analysis.swot.weaknesses[0].text.nl.contains("74% slechter"))
    }
}

@Suite("Population file")
struct PopulationTests {
    @Test("shares as percentages or fractions; options or age ranges")
    func reading() throws {
        let survey = try fixtureSurvey()
        let population = try Population.read(
            Array("group,category,share\nbuurt,noord,0.6\nbuurt,zuid,0.4\nleeftijd,0-17,20\nleeftijd,18+,80\n".utf8), file: "p.csv", survey: survey)
        #expect(population.groups.map(\.question) == ["buurt", "leeftijd"])
        #expect(population.groups[1].categories.map(\.share) == [0.2, 0.8])
        #expect(population.groups[1].categories.map(\.category.name) == ["0-17", "18+"])
    }

    @Test(
        "shares that do not add up, unknown options and overlapping ranges are named by line",
        arguments: [
            ("group,category,share\nbuurt,noord,0.6\nbuurt,zuid,0.6\n", "shares-do-not-add-up"),
            ("group,category,share\nbuurt,nord,1\n", "unknown-option"),
            ("group,category,share\nleeftijd,0-40,0.5\nleeftijd,30-60,0.5\n", "overlapping-range"),
            ("group,category,share\nleeftijd,jong,1\n", "bad-range"),
            ("group,category,share\ngeslacht,vrouw,1\n", "unknown-question"),
            ("groep,categorie,aandeel\n", "bad-header"),
        ])
    func errors(csv: String, code: String) throws {
        let survey = try fixtureSurvey()
        do {
            _ = try Population.read(Array(csv.utf8), file: "p.csv", survey: survey)
            Issue.record("expected \(code)")
        } catch {
            #expect(error.findings.errors.map(\.code).contains(code))
        }
    }
}
