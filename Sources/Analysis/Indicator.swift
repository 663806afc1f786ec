public import Surveys
public import WijkpeilCore

/// An objective indicator (a statistic) for a theme: the neighbourhood's value against a
/// reference such as the city's, e.g. burglaries per 1,000 homes.
public struct Indicator: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case higherIsBetter = "higher-is-better"
        case lowerIsBetter = "lower-is-better"
    }

    public enum Trend: String, Sendable, Hashable {
        case improving
        case stable
        case worsening
    }

    /// One year's value of an indicator.
    public struct Measurement: Sendable, Hashable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public var name: String
    public var theme: String
    /// The buurt, or a CBS area code (`BU03440101`); nil for the whole wijk.
    public var buurt: String?
    public var value: Double
    public var reference: Double
    public var direction: Direction
    /// The earlier measurement, for the trend.
    public var previous: Double?
    /// The year of `value`, when the file gives years.
    public var year: Int?
    /// Every year the file gives for this indicator and buurt, oldest first (`value` is the
    /// last); empty when it gives no years.
    public var series: [Measurement]
    /// Where in the file it was read: for messages.
    public var line: Int

    public init(
        name: String, theme: String, buurt: String? = nil, value: Double, reference: Double,
        direction: Direction, previous: Double? = nil, year: Int? = nil, series: [Measurement] = [], line: Int = 0
    ) {
        self.name = name
        self.theme = theme
        self.buurt = buurt
        self.value = value
        self.reference = reference
        self.direction = direction
        self.previous = previous
        self.year = year
        self.series = series
        self.line = line
    }

    /// The relative gap to the reference, signed so that positive is worse than the reference:
    /// (value − reference) / |reference| when lower is better, the opposite when higher is better.
    public var gap: Double {
        let relative = (value - reference) / abs(reference)
        return direction == .lowerIsBetter ? relative : -relative
    }

    /// The gap beyond which an indicator counts as clearly better or worse in the SWOT: 10%.
    public static let clearGap = 0.10

    /// Improving, stable or worsening: over every year of the series (the sign of the
    /// least-squares slope) when there are two or more, else against the previous measurement;
    /// nil without either.
    public var trend: Trend? {
        let change: Double
        if series.count >= 2 {
            let meanYear = series.reduce(0.0) { $0 + Double($1.year) } / Double(series.count)
            let meanValue = series.reduce(0.0) { $0 + $1.value } / Double(series.count)
            change = series.reduce(0.0) { $0 + (Double($1.year) - meanYear) * ($1.value - meanValue) }
        } else if let previous {
            change = value - previous
        } else {
            return nil
        }
        if change == 0 { return .stable }
        return (change < 0) == (direction == .lowerIsBetter) ? .improving : .worsening
    }
}

/// Reads indicators from CSV: `indicator,theme,buurt,value,reference,direction[,previous][,year]`.
/// Numbers may use a decimal comma (`12,5`), as Dutch spreadsheets write them. With `year`, rows
/// of the same indicator and buurt form its series: the latest year is the value, the ones
/// before it the trend.
public enum IndicatorFile {
    static let requiredColumns = ["indicator", "theme", "buurt", "value", "reference", "direction"]
    static let optionalColumns = ["previous", "year"]

    /// Every problem is reported with its file and line; nothing is returned unless all is well.
    ///
    /// `areas` are the survey's buurt options: an indicator's `buurt` must then be one of their
    /// ids or CBS codes (`BU03440101`), and is read as the option's id, so the indicator lands on
    /// the buurt residents chose. Without `areas` any name is taken as it is; without `themes`,
    /// any theme.
    public static func read(_ bytes: [UInt8], file: String, themes: Set<String>?, areas: [Option]? = nil) throws(InvalidInput) -> [Indicator] {
        var findings = Findings()
        let records = try CSVReader.records(bytes, file: file)
        guard let header = records.first?.fields.map({ $0.trimmingWhitespace.lowercased() }) else {
            findings.error(
                "empty-file", at: Location(file: file, line: 1), nl: "het bestand is leeg; de eerste regel moet \(requiredColumns.joined(separator: ",")) zijn",
                en: "the file is empty; the first line must be \(requiredColumns.joined(separator: ","))")
            throw InvalidInput(findings)
        }
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if requiredColumns.contains(name) || optionalColumns.contains(name) {
                column[name] = index
            } else {
                let hint = Identifier.closest(to: name, in: requiredColumns + optionalColumns).map { " (\($0)?)" } ?? ""
                findings.warning(
                    "unknown-column", at: Location(file: file, line: 1, path: name),
                    nl: "onbekende kolom \"\(name)\"\(hint) wordt overgeslagen", en: "unknown column \"\(name)\"\(hint) is skipped")
            }
        }
        let missing = requiredColumns.filter { column[$0] == nil }
        guard missing.isEmpty else {
            findings.error(
                "missing-column", at: Location(file: file, line: 1),
                nl: "kolommen ontbreken: \(missing.joined(separator: ", ")); de kop is \(requiredColumns.joined(separator: ","))[,previous][,year]",
                en: "columns are missing: \(missing.joined(separator: ", ")); the header is \(requiredColumns.joined(separator: ","))[,previous][,year]")
            throw InvalidInput(findings)
        }
        var indicators: [Indicator] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func field(_ name: String) -> String {
                guard let index = column[name], index < record.fields.count else { return "" }
                return record.fields[index].trimmingWhitespace
            }
            func at(_ name: String) -> Location { Location(file: file, line: record.line, path: name) }
            if record.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
            let name = field("indicator"), theme = field("theme")
            var buurt = field("buurt")
            var valid = true
            if let areas, !buurt.isEmpty {
                if let area = areas.first(where: { $0.id == buurt || $0.cbs == buurt }) {
                    buurt = area.id
                } else {
                    let names = areas.map { area in area.cbs.map { "\(area.id) (\($0))" } ?? area.id }
                    findings.error(
                        "unknown-buurt", at: at("buurt"),
                        nl: "\"\(buurt)\" is geen buurt van de enquête; bekend zijn: \(names.joined(separator: ", "))",
                        en: "\"\(buurt)\" is not a buurt of the survey; known are: \(names.joined(separator: ", "))")
                    valid = false
                }
            }
            if name.isEmpty {
                findings.error("missing-value", at: at("indicator"), nl: "geef de indicator een naam", en: "give the indicator a name")
                valid = false
            }
            if let themes, !themes.contains(theme) {
                let hint = Identifier.closest(to: theme, in: themes).map { " (\($0)?)" } ?? ""
                findings.error(
                    "unknown-theme", at: at("theme"),
                    nl: "onbekend thema \"\(theme)\"\(hint); bekend zijn: \(themes.sorted().joined(separator: ", "))",
                    en: "unknown theme \"\(theme)\"\(hint); known are: \(themes.sorted().joined(separator: ", "))")
                valid = false
            }
            let value = number(field("value"), at: at("value"), findings: &findings)
            let reference = number(field("reference"), at: at("reference"), findings: &findings)
            if reference == 0 {
                findings.error(
                    "zero-reference", at: at("reference"),
                    nl: "een referentie van 0 geeft geen relatief verschil; laat deze indicator weg of kies een andere maat",
                    en: "a reference of 0 gives no relative gap; leave this indicator out or choose another measure")
                valid = false
            }
            let direction = Indicator.Direction(rawValue: field("direction").lowercased())
            if direction == nil {
                findings.error(
                    "bad-direction", at: at("direction"),
                    nl: "richting moet higher-is-better of lower-is-better zijn", en: "direction must be higher-is-better or lower-is-better")
            }
            let previousText = field("previous")
            let previous = previousText.isEmpty ? nil : number(previousText, at: at("previous"), findings: &findings)
            let yearText = field("year")
            let year = yearText.isEmpty ? nil : Int(yearText).flatMap { (1900...2200).contains($0) ? $0 : nil }
            if !yearText.isEmpty, year == nil {
                findings.error("bad-year", at: at("year"), nl: "\"\(yearText)\" is geen jaartal, zoals 2026", en: "\"\(yearText)\" is not a year, such as 2026")
                valid = false
            }
            let key = name + "\u{1F}" + buurt + "\u{1F}" + yearText
            if let first = seen[key] {
                let what = (buurt.isEmpty ? "" : " voor \(buurt)") + (yearText.isEmpty ? "" : " in \(yearText)")
                let whatEn = (buurt.isEmpty ? "" : " for \(buurt)") + (yearText.isEmpty ? "" : " in \(yearText)")
                findings.error(
                    "duplicate-indicator", at: at("indicator"),
                    nl: "indicator \"\(name)\"\(what) staat ook al op regel \(first)",
                    en: "indicator \"\(name)\"\(whatEn) is also on line \(first)")
                valid = false
            }
            seen[key] = record.line
            guard valid, let value, let reference, let direction, previousText.isEmpty || previous != nil else { continue }
            indicators.append(
                Indicator(
                    name: name, theme: theme, buurt: buurt.isEmpty ? nil : buurt, value: value,
                    reference: reference, direction: direction, previous: previous, year: year, line: record.line))
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        let series = series(indicators, file: file, findings: &findings)
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        return series
    }

    /// The rows of one indicator and buurt over the years as one indicator: the latest year's
    /// row, with every year in `series` and the year before it as `previous` (unless the row
    /// gives one). A series needs a year on every row and the same theme and direction throughout.
    static func series(_ rows: [Indicator], file: String, findings: inout Findings) -> [Indicator] {
        var order: [String] = []
        var groups: [String: [Indicator]] = [:]
        for row in rows {
            let key = row.name + "\u{1F}" + (row.buurt ?? "")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        var result: [Indicator] = []
        for key in order {
            let group = groups[key]!.sorted { ($0.year ?? 0) < ($1.year ?? 0) }
            guard group.count > 1 else {
                var single = group[0]
                if let year = single.year { single.series = [Indicator.Measurement(year: year, value: single.value)] }
                result.append(single)
                continue
            }
            if let missing = group.first(where: { $0.year == nil }) {
                findings.error(
                    "missing-year", at: Location(file: file, line: missing.line, path: "year"),
                    nl: "indicator \"\(missing.name)\" staat op meer regels; geef elke regel zijn jaar",
                    en: "indicator \"\(missing.name)\" is on more than one line; give every line its year")
                continue
            }
            var latest = group[group.count - 1]
            if let odd = group.first(where: { $0.theme != latest.theme || $0.direction != latest.direction }) {
                findings.error(
                    "inconsistent-series", at: Location(file: file, line: odd.line, path: "indicator"),
                    nl: "indicator \"\(odd.name)\" heeft hier een ander thema of een andere richting dan in \(latest.year!) (regel \(latest.line))",
                    en: "indicator \"\(odd.name)\" has another theme or direction here than in \(latest.year!) (line \(latest.line))")
                continue
            }
            latest.series = group.map { Indicator.Measurement(year: $0.year!, value: $0.value) }
            if latest.previous == nil { latest.previous = group[group.count - 2].value }
            result.append(latest)
        }
        return result
    }

    /// The largest value an indicator may have: a count, rate or amount of a neighbourhood is far
    /// below it, and every figure stays exact in a `Double`.
    static let largestValue = 1e12

    /// A finite decimal number, with a decimal point or a decimal comma (no hexadecimal, no
    /// `inf`), of at most ``largestValue``.
    static func number(_ text: String, at location: Location, findings: inout Findings) -> Double? {
        guard let value = DecimalNumber.parse(text.filter { $0 != " " }) else {
            findings.error(
                "bad-number", at: location, nl: "\"\(text)\" is geen getal; schrijf bijvoorbeeld 12,5 of 12.5",
                en: "\"\(text)\" is not a number; write e.g. 12.5 or 12,5")
            return nil
        }
        guard abs(value) <= largestValue else {
            findings.error(
                "implausible-number", at: location,
                nl: "\"\(text)\" is groter dan een indicator van een wijk kan zijn (hoogstens 10^12); controleer de eenheid en de komma",
                en: "\"\(text)\" is larger than a neighbourhood's indicator can be (at most 10^12); check the unit and the decimal separator")
            return nil
        }
        return value
    }
}
