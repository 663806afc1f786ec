import Foundation
import Testing
import WijkpeilCore

private let samples = packageRoot + "/samples/kerkwijk"

private func analyse(_ extra: String...) -> RunResult {
    run(["analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys] + extra)
}

private func field(_ value: JSONValue?, _ path: String...) -> JSONValue? {
    var current = value
    for key in path {
        switch current {
        case .object(let fields)?: current = fields[key]
        case .array(let items)?: current = Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }
        default: return nil
        }
    }
    return current
}

private func number(_ value: JSONValue?) -> Double? {
    if case .number(let number)? = value { number } else { nil }
}

@Suite("wijkpeil analyse")
struct AnalyseCommandTests {
    /// The bundled sample: 140 Kerkwijk responses against 900 city-wide ones. Every expected
    /// value below was computed from the same CSV files with SciPy 1.17.1 / statsmodels 0.15.0:
    /// ttest_ind(equal_var=False), proportions_ztest, multipletests(method="holm"),
    /// proportion_confint(method="wilson"), t.interval, f_oneway by buurt, chisquare on ages;
    /// for buurt noord the same tests against the whole reference, Holm across noord's themes.
    @Test("the bundled sample agrees with SciPy and statsmodels end to end")
    func sampleAgainstSciPy() throws {
        let result = analyse(
            "--responses", samples + "/antwoorden.csv", "--reference", samples + "/stad.csv",
            "--population", samples + "/bevolking.csv", "--by", "buurt", "--format", "json")
        #expect(result.status == 0, "\(result.err)")
        let json = try JSONValue.parse(Data(result.out.utf8))
        guard case .array(let themes)? = field(json, "themes") else { Issue.record("no themes"); return }
        #expect(themes.count == 8)
        let pMean = [
            0.12868296491382267, 0.03612916277461942, 0.907038751290901, 5.9050501769134914e-05,
            0.1996919935549737, 4.513290035427174e-07, 9.656613227276213e-13, 0.8980979045280569,
        ]
        let pMeanHolm = [
            0.5147318596552907, 0.18064581387309708, 1.0, 0.00035430301061480947,
            0.5990759806649211, 3.1593030247990218e-06, 7.72529058182097e-12, 1.0,
        ]
        let pShareHolm = [
            0.06954743147540243, 0.3072083347599729, 1.0, 0.0005907053886970342,
            0.1264620656398848, 5.931643552321305e-06, 1.362279506439689e-07, 1.0,
        ]
        // One buurt against the whole reference, Holm across that buurt's themes.
        let noordMeanHolm = [1.0, 1.0, 1.0, 0.30071650973627034, 1.0, 0.2904806222940599, 7.22686941747794e-11, 1.0]
        let noordShareHolm = [1.0, 1.0, 1.0, 0.8020741151958771, 0.03333265790003394, 0.029249221317970007, 2.1267928867667314e-09, 1.0]
        for (index, theme) in themes.enumerated() {
            #expect(abs(try #require(number(field(theme, "groups", "noord", "reference", "pMeanHolm"))) - noordMeanHolm[index]) < 1e-9)
            #expect(abs(try #require(number(field(theme, "groups", "noord", "reference", "pShareHolm"))) - noordShareHolm[index]) < 1e-9)
        }
        for (index, theme) in themes.enumerated() {
            #expect(abs(try #require(number(field(theme, "reference", "pMean"))) - pMean[index]) < 1e-9)
            #expect(abs(try #require(number(field(theme, "reference", "pMeanHolm"))) - pMeanHolm[index]) < 1e-9)
            #expect(abs(try #require(number(field(theme, "reference", "pShareHolm"))) - pShareHolm[index]) < 1e-9)
        }
        let safety = themes[6]
        #expect(field(safety, "theme") == .string("veiligheid"))
        #expect(number(field(safety, "n")) == 133)
        #expect(abs(try #require(number(field(safety, "mean"))) - 5.345864661654136) < 1e-9)
        #expect(abs(try #require(number(field(safety, "sd"))) - 1.6378344570857881) < 1e-9)
        #expect(abs(try #require(number(field(safety, "ci95", "0"))) - 5.064938508751922) < 1e-6)
        #expect(abs(try #require(number(field(safety, "ci95", "1"))) - 5.626790814556349) < 1e-6)
        #expect(abs(try #require(number(field(safety, "dissatisfied", "ci95", "0"))) - 0.4198821658597176) < 1e-9)
        #expect(abs(try #require(number(field(safety, "index"))) - 81.95104058336963) < 1e-9)
        #expect(abs(try #require(number(field(safety, "pGroups"))) - 8.893736746824131e-06) < 1e-9)
        #expect(field(safety, "flags") == .array(["mixed", "worse"]))
        #expect(field(safety, "basis") == .string("both"))
        // "Wat moet als eerste beter?": counted from the CSV with Python's csv module, 106 and 88 of
        // the 140 who answered it named veiligheid and verkeer.
        #expect(field(safety, "mentioned", "count") == .number(106) && field(safety, "mentioned", "answered") == .number(140))
        #expect(abs(try #require(number(field(safety, "mentioned", "share"))) - 106.0 / 140) < 1e-12)
        #expect(field(themes[5], "mentioned", "count") == .number(88))
        // The share-based flag of Bewoners in Centrum (36% against 15%, means 7,0 against 7,0).
        #expect(field(themes[0], "groups", "centrum", "basis") == .string("share"))
        #expect(abs(try #require(number(field(json, "participation", "representation", "0", "p"))) - 0.0005141918766453703) < 1e-9)
        #expect(field(json, "participation", "representation", "0", "categories", "0", "underRepresented") == .bool(true))
    }

    @Test("the HTML report: one chart per theme, the SWOT, the caveats, Dutch by default")
    func htmlReport() throws {
        let result = analyse(
            "--responses", samples + "/antwoorden.csv", "--reference", samples + "/stad.csv",
            "--indicators", samples + "/indicatoren.csv", "--population", samples + "/bevolking.csv",
            "--by", "buurt", "--format", "html")
        #expect(result.status == 0, "\(result.err)")
        let html = result.out
        #expect(html.hasPrefix("<!doctype html>") && html.contains("<html lang=\"nl\">"))
        // The overview and one chart per theme.
        #expect(html.components(separatedBy: "<svg").count - 1 == 9)
        #expect(html.components(separatedBy: "<title id=\"t-").count - 1 == 9)
        for heading in ["In het kort", "Sterktes", "Zwaktes", "Kansen", "Bedreigingen", "Let op", "Wie deden mee", "Hoe is dit berekend"] {
            #expect(html.contains(heading), "\(heading)")
        }
        #expect(html.contains("Naar leeftijd deden minder mee dan hun aandeel: 15-24"))
        // No scripts and nothing fetched from elsewhere: the only URL is the SVG namespace.
        #expect(!html.contains("<script"))
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        let english = analyse("--responses", samples + "/antwoorden.csv", "--format", "html", "--lang", "en")
        #expect(english.out.contains("<html lang=\"en\">") && english.out.contains("No reference"))
    }

    @Test("the report opens with 'In het kort' in plain words; the statistical terms stand only in 'Hoe is dit berekend'")
    func plainReport() throws {
        let result = analyse(
            "--responses", samples + "/antwoorden.csv", "--reference", samples + "/stad.csv", "--indicators", samples + "/indicatoren.csv",
            "--population", samples + "/bevolking.csv", "--by", "buurt", "--wijk", "Kerkwijk", "--cbs", "WK014101", "--period", "najaar 2026", "--format", "html")
        #expect(result.status == 0, "\(result.err)")
        let html = result.out
        let short = try #require(html.range(of: "<h2>In het kort</h2>")), method = try #require(html.range(of: "<h2>Hoe is dit berekend</h2>"))
        let opening = String(html[short.upperBound...])
        #expect(opening.hasPrefix("\n<ul class=\"facts\"><li>Wijk: Kerkwijk (CBS WK014101)</li><li>Periode: najaar 2026</li><li>140 bewoners deden mee, via een bestand</li>"))
        #expect(!html.contains("file: 140"))
        // What stands out, in at most five sentences, from the analysis's own flags.
        let json = try JSONValue.parse(
            Array(
                analyse(
                    "--responses", samples + "/antwoorden.csv", "--reference", samples + "/stad.csv", "--population", samples + "/bevolking.csv", "--by", "buurt", "--format",
                    "json"
                ).out.utf8))
        guard case .array(let themes)? = field(json, "themes") else { Issue.record("no themes"); return }
        let worse = themes.compactMap { theme -> String? in
            guard case .array(let flags)? = field(theme, "flags"), flags.contains(.string("worse")), case .object(let label)? = field(theme, "label"),
                case .string(let nl)? = label["nl"]
            else { return nil }
            return nl
        }
        #expect(worse.count == 3)
        let highlights = try #require(opening.components(separatedBy: "<ul class=\"highlights\">").dropFirst().first?.components(separatedBy: "</ul>").first)
        let items = highlights.components(separatedBy: "<li>").dropFirst()
        #expect(items.count >= 1 && items.count <= 5)
        for theme in worse { #expect(items.first?.contains(theme) == true, "\(theme) in \(items.first ?? "")") }
        // Before the method section: no p-values, Holm, Welch, chi-square or "n =".
        let body = String(html[..<method.lowerBound])
        for term in ["Holm", "Welch", "p <", "p =", "n =", "chi-kwadraat", "95%"] {
            #expect(!body.contains(term), "\(term) in the body")
        }
        #expect(String(html[method.upperBound...]).contains("Holm"))
        // Flagged themes are marked in the overview; chart text at 15 of 360 units (12 px at 288 px wide).
        #expect(html.contains("font-weight=\"bold\">▼ Veiligheid</text>"))
        #expect(html.contains("viewBox=\"0 0 360 ") && !html.contains("font-size=\"13\""))
        // Printed on A4 without splitting a chart or a table.
        #expect(html.contains("@page { size: A4") && html.contains("break-inside: avoid"))
    }

    @Test("stored responses give the same marks as the file they were imported from")
    func fromTheStore() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/w.sqlite"
        let imported = wijkpeil("responses", "import", "--db", db, "--survey", "wijkanalyse", "--surveys", bundledSurveys, samples + "/antwoorden.csv")
        #expect(imported.status == 0, "\(imported.err)")
        let stored = try JSONValue.parse(Data(analyse("--db", db, "--format", "json").out.utf8))
        let file = try JSONValue.parse(Data(analyse("--responses", samples + "/antwoorden.csv", "--format", "json").out.utf8))
        #expect(field(stored, "themes") == field(file, "themes"))
        #expect(field(stored, "participation", "channels") == .object(["paper": 140]))
    }

    @Test("a bad row stops the analysis, named by file, line and question")
    func badRow() {
        let folder = TemporaryFolder()
        let file = folder.write("a.csv", "cijfer-wonen,buurt\n7,noord\n11,noord\n6,nergens\n")
        let result = analyse("--responses", file)
        #expect(result.status == 1)
        // Findings go to stderr; stdout carries only the analysis, so it is empty.
        #expect(result.err.contains("a.csv:3: cijfer-wonen"))
        #expect(result.err.contains("a.csv:4: buurt"))
        #expect(result.out.isEmpty)
    }

    static let sampleFile = packageRoot + "/samples/kerkwijk/antwoorden.csv"
    static let usageCases: [([String], Int32)] = [
        (["--format", "json"], 2),
        (["--responses", "a.csv", "--db", "b.sqlite"], 2),
        (["--responses", "/nonexistent/a.csv"], 2),
        (["--responses", sampleFile, "--by", "buur"], 1),
        (["--responses", sampleFile, "--max", "3"], 2),
    ]

    @Test("usage errors and unknown questions", arguments: usageCases)
    func usage(extra: [String], status: Int32) {
        let result = run(["analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys] + extra)
        #expect(result.status == status, "\(result.err)")
        #expect(!(result.err + result.out).isEmpty)
    }

    @Test("--wijk names the neighbourhood, its CBS code and the period in every format; --cbs alone is a usage error, a bad code exit 1")
    func area() throws {
        let sample = packageRoot + "/samples/kerkwijk/antwoorden.csv"
        let base = ["analyse", "--survey", "wijkanalyse", "--surveys", bundledSurveys, "--responses", sample]
        let table = run(base + ["--wijk", "Kerkwijk", "--cbs", "WK034401", "--period", "2026"])
        #expect(table.status == 0 && table.out.hasPrefix("Kerkwijk (WK034401), 2026\n\n"))
        #expect(run(base + ["--wijk", "Kerkwijk", "--period", "2026", "--format", "md"]).out.contains("**Kerkwijk, 2026**"))
        #expect(run(base + ["--wijk", "Kerkwijk", "--format", "html"]).out.contains("<title>Hoe is het wonen in uw wijk? — Kerkwijk</title>"))
        let json = try JSONValue.parse(Data(run(base + ["--wijk", "Kerkwijk", "--cbs", "WK034401", "--format", "json"]).out.utf8))
        guard case .object(let fields) = json else {
            Issue.record("not an object")
            return
        }
        #expect(fields["area"] == ["name": "Kerkwijk", "cbs": "WK034401", "period": .null])
        #expect(run(base + ["--cbs", "WK034401"]).status == 2)
        let bad = run(base + ["--wijk", "Kerkwijk", "--cbs", "BU03440101"])
        #expect(bad.status == 1 && bad.err.contains("is geen CBS-wijkcode"))
    }
}
