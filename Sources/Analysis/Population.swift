public import Surveys
public import WijkpeilCore

/// The neighbourhood's population by age band or gender (the CBS kerncijfers), to see whose
/// voice is missing among the respondents. Read from CSV `group,category,share` where `group`
/// is a question id of the survey and `category` is an option id of a single-choice question or
/// an age range of a number question (`0-14`, `15-24`, `65+`). Shares are fractions or
/// percentages; each group's must add up to 1 (or 100).
public struct Population: Sendable, Hashable {
    public enum Category: Sendable, Hashable {
        case option(String)
        case range(ClosedRange<Int>)

        /// As written in the file: `vrouw`, `15-24`, `65+`.
        public var name: String {
            switch self {
            case .option(let id): id
            case .range(let range): range.upperBound == Int.max ? "\(range.lowerBound)+" : "\(range.lowerBound)-\(range.upperBound)"
            }
        }
    }

    public struct Group: Sendable, Hashable {
        public var question: String
        public var categories: [(category: Category, share: Double)] {
            zip(names, shares).map { ($0, $1) }
        }
        var names: [Category]
        var shares: [Double]
    }

    public var groups: [Group]

    public init(groups: [Group]) {
        self.groups = groups
    }

    public static func read(_ bytes: [UInt8], file: String, survey: SurveyDefinition) throws(InvalidInput) -> Population {
        var findings = Findings()
        let records = try CSVReader.records(bytes, file: file)
        let header = records.first?.fields.map { $0.trimmingWhitespace.lowercased() } ?? []
        guard header.count >= 3, header[0] == "group", header[1] == "category", header[2] == "share" else {
            findings.error(
                "bad-header", at: Location(file: file, line: 1),
                nl: "de eerste regel moet group,category,share zijn", en: "the first line must be group,category,share")
            throw InvalidInput(findings)
        }
        var order: [String] = []
        var groups: [String: Group] = [:]
        var lines: [String: Int] = [:]
        for record in records.dropFirst() {
            let fields = record.fields.map(\.trimmingWhitespace)
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count >= 3 else {
                findings.error(
                    "missing-value", at: Location(file: file, line: record.line),
                    nl: "een regel heeft drie velden: group,category,share", en: "a line has three fields: group,category,share")
                continue
            }
            let (groupName, categoryText) = (fields[0], fields[1])
            guard let question = survey.question(groupName) else {
                let hint = Identifier.closest(to: groupName, in: survey.questions.map(\.id)).map { " (\($0)?)" } ?? ""
                findings.error(
                    "unknown-question", at: Location(file: file, line: record.line, path: "group"),
                    nl: "\"\(groupName)\"\(hint) is geen vraag van \"\(survey.id)\"; group noemt de vraag naar leeftijd of geslacht",
                    en: "\"\(groupName)\"\(hint) is not a question of \"\(survey.id)\"; group names the question on age or gender")
                continue
            }
            let category: Category
            switch question.kind {
            case .single(let options):
                guard options.contains(where: { $0.id == categoryText }) else {
                    let hint = Identifier.closest(to: categoryText, in: options.map(\.id)).map { " (\($0)?)" } ?? ""
                    findings.error(
                        "unknown-option", at: Location(file: file, line: record.line, path: "category"),
                        nl: "\"\(categoryText)\"\(hint) is geen optie van \"\(groupName)\"; opties: \(options.map(\.id).joined(separator: ", "))",
                        en: "\"\(categoryText)\"\(hint) is not an option of \"\(groupName)\"; options: \(options.map(\.id).joined(separator: ", "))")
                    continue
                }
                category = .option(categoryText)
            case .number:
                guard let range = ageRange(categoryText) else {
                    findings.error(
                        "bad-range", at: Location(file: file, line: record.line, path: "category"),
                        nl: "\"\(categoryText)\" is geen leeftijdsgroep; schrijf 15-24 of 65+",
                        en: "\"\(categoryText)\" is not an age range; write 15-24 or 65+")
                    continue
                }
                category = .range(range)
            default:
                findings.error(
                    "unsupported-question", at: Location(file: file, line: record.line, path: "group"),
                    nl: "\"\(groupName)\" is een \(question.kind.typeName)-vraag; vergelijken kan met een keuzevraag of een getalvraag (leeftijd)",
                    en: "\"\(groupName)\" is a \(question.kind.typeName) question; comparisons work with a single-choice or number (age) question")
                continue
            }
            guard let share = IndicatorFile.number(fields[2], at: Location(file: file, line: record.line, path: "share"), findings: &findings) else { continue }
            guard share > 0 else {
                findings.error(
                    "bad-share", at: Location(file: file, line: record.line, path: "share"),
                    nl: "een aandeel moet groter dan 0 zijn; laat een lege categorie weg", en: "a share must be above 0; leave an empty category out")
                continue
            }
            if groups[groupName] == nil {
                order.append(groupName)
                groups[groupName] = Group(question: groupName, names: [], shares: [])
                lines[groupName] = record.line
            }
            if groups[groupName]!.names.contains(category) {
                findings.error(
                    "duplicate-category", at: Location(file: file, line: record.line, path: "category"),
                    nl: "categorie \"\(categoryText)\" staat twee keer bij \"\(groupName)\"", en: "category \"\(categoryText)\" is listed twice for \"\(groupName)\"")
                continue
            }
            if case .range(let range) = category, groups[groupName]!.names.contains(where: { if case .range(let other) = $0 { other.overlaps(range) } else { false } }) {
                findings.error(
                    "overlapping-range", at: Location(file: file, line: record.line, path: "category"),
                    nl: "leeftijdsgroep \(categoryText) overlapt een andere groep van \"\(groupName)\"", en: "age range \(categoryText) overlaps another range of \"\(groupName)\"")
                continue
            }
            groups[groupName]!.names.append(category)
            groups[groupName]!.shares.append(share)
        }
        for name in order {
            let total = groups[name]!.shares.reduce(0, +)
            if abs(total - 100) <= 2 {
                groups[name]!.shares = groups[name]!.shares.map { $0 / 100 }
            } else if abs(total - 1) > 0.02 {
                findings.error(
                    "shares-do-not-add-up", at: Location(file: file, line: lines[name], path: name),
                    nl: "de aandelen van \"\(name)\" tellen op tot \(Language.nl.decimal(total, digits: 3)); dat moet 1 (of 100%) zijn",
                    en: "the shares of \"\(name)\" add up to \(Language.en.decimal(total, digits: 3)); they must add up to 1 (or 100%)")
            }
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        return Population(groups: order.compactMap { groups[$0] })
    }

    /// `15-24` → 15…24, `65+` → 65…Int.max.
    static func ageRange(_ text: String) -> ClosedRange<Int>? {
        if text.hasSuffix("+"), let low = Int(text.dropLast()), low >= 0 { return low...Int.max }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int(String($0).trimmingWhitespace) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low >= 0, low <= high else { return nil }
        return low...high
    }
}
