public import Agenda
import Foundation
import Hashing
public import Participation
public import Programme
import WijkpeilCore

/// The programme's use cases over files: reading a programme and the agenda it records (checking
/// that the agenda is still the one it was drawn up from), drafting one from an agenda and an
/// analysis, and reading the carry-over decisions.
public enum ProgrammeFiles {
    /// Reads a programme file.
    public static func read(_ file: String) throws -> Programme {
        let (json, _) = try AgendaMaking.readJSON(file, role: "programme")
        return try Programme.read(json, file: file)
    }

    /// The agenda the programme records, found beside the programme file (or at `path`), and
    /// an error when its content is no longer what the programme was drawn up from.
    public static func agenda(of programme: Programme, programmeFile: String, at path: String? = nil) throws -> Agenda {
        let file = path ?? ((programmeFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(programme.agenda.file)
        let (json, input) = try AgendaMaking.readJSON(file, role: "agenda")
        if input.sha256 != programme.agenda.sha256 {
            var findings = Findings()
            findings.error(
                "agenda-changed", at: Location(file: programmeFile, path: "agenda.sha256"),
                nl:
                    "de agenda \(file) is veranderd sinds het programma ervan is gemaakt (sha256 \(input.sha256), vastgelegd \(programme.agenda.sha256)); controleer het programma tegen de nieuwe agenda en leg de nieuwe sha256 vast",
                en:
                    "the agenda \(file) changed since the programme was made from it (sha256 \(input.sha256), recorded \(programme.agenda.sha256)); check the programme against the new agenda and record its sha256"
            )
            throw InvalidInput(findings)
        }
        return try Agenda.read(json, file: file)
    }

    /// A participation plan file, read whole; its problems at their JSON paths.
    public static func plan(_ file: String) throws -> ParticipationPlan {
        let (json, _) = try AgendaMaking.readJSON(file, role: "plan")
        var findings = Findings()
        guard let plan = ParticipationPlan.read(json, findings: &findings), !findings.hasErrors else {
            throw InvalidInput(findings.inFile(file))
        }
        return plan
    }

    /// What residents and the statistics said about each priority, from the agenda's signals (the
    /// raw ones, before they were divided by the largest), and the council's reasons for its own.
    public static func evidence(from agenda: Agenda) -> [String: PriorityEvidence] {
        var evidence: [String: PriorityEvidence] = [:]
        for theme in agenda.themes {
            evidence[theme.theme] = PriorityEvidence(
                theme: theme.theme, label: theme.label, stickers: theme.signals[.residents], mentions: theme.signals[.mentions],
                dissatisfied: theme.signals[.survey], indicatorGap: theme.signals[.indicators])
        }
        for priority in agenda.councilPriorities where !agenda.priorities.contains(priority.theme) {
            var entry = evidence[priority.theme] ?? PriorityEvidence(theme: priority.theme, label: priority.label)
            entry.councilReason = priority.reason
            evidence[priority.theme] = entry
        }
        return evidence
    }

    /// The themes a goal may serve: the residents' priorities and those the council added.
    public static func priorities(of agenda: Agenda) -> [String] {
        agenda.priorities + agenda.councilPriorities.map(\.theme).filter { !agenda.priorities.contains($0) }
    }

    /// A programme skeleton: per priority, a goal per wijk-level indicator the analysis has for
    /// that theme (its value as the baseline, dated `baselineYear`), or one goal without an
    /// indicator; no actions. The buurten are those the analysis compared (`--by buurt`) and its
    /// indicators name.
    public static func draft(
        agendaFile: String, analysisFile: String?, wijk: String, year: Int, budget: Int, baselineYear: Int
    ) throws -> Programme {
        let (agendaJSON, agendaInput) = try AgendaMaking.readJSON(agendaFile, role: "agenda")
        let agenda = try Agenda.read(agendaJSON, file: agendaFile)
        var indicators: [(name: String, theme: String, buurt: String?, value: Double)] = []
        var buurten: Set<String> = []
        if let analysisFile {
            let (json, _) = try AgendaMaking.readJSON(analysisFile, role: "analysis")
            guard case .object(let fields) = json, case .array(let themes)? = fields["themes"] else {
                throw WorkflowError(
                    .invalid, nl: "'\(analysisFile)' is geen analyse; maak er een met wijkpeil analyse --format json",
                    en: "'\(analysisFile)' is not an analysis; make one with wijkpeil analyse --format json")
            }
            let byBuurt = fields["groupBy"] == .string("buurt")
            for case .object(let theme) in themes {
                if byBuurt, case .object(let groups)? = theme["groups"] { buurten.formUnion(groups.keys) }
                guard case .array(let list)? = theme["indicators"] else { continue }
                for case .object(let item) in list {
                    guard case .string(let name)? = item["indicator"], case .string(let id)? = item["theme"], case .number(let value)? = item["value"] else {
                        continue
                    }
                    var buurt: String?
                    if case .string(let text)? = item["buurt"] { buurt = text }
                    indicators.append((name, id, buurt, value))
                }
            }
        }
        var goals: [Goal] = []
        for theme in priorities(of: agenda) {
            let label =
                agenda.themes.first { $0.theme == theme }?.label ?? agenda.councilPriorities.first { $0.theme == theme }?.label
                ?? LocalizedText(nl: theme)
            let byCouncil = !agenda.priorities.contains(theme)
            let note = byCouncil ? LocalizedText(nl: " (speerpunt van de raad)", en: " (the council's priority)") : LocalizedText(nl: "", en: "")
            let own = indicators.filter { $0.theme == theme && $0.buurt == nil }
            if own.isEmpty {
                goals.append(
                    Goal(
                        id: "\(theme)-1", priority: theme,
                        text: LocalizedText(nl: "\(label.nl): doel nog te formuleren\(note.nl)", en: "\(label.en ?? label.nl): goal still to be worded\(note.en ?? "")")))
            }
            for (index, indicator) in own.enumerated() {
                goals.append(
                    Goal(
                        id: "\(theme)-\(index + 1)", priority: theme,
                        text: LocalizedText(
                            nl: "\(label.nl): \(indicator.name), doel nog te formuleren\(note.nl)",
                            en: "\(label.en ?? label.nl): \(indicator.name), goal still to be worded\(note.en ?? "")"),
                        indicator: indicator.name, baseline: Goal.Measure(value: indicator.value, year: baselineYear)))
            }
        }
        let slug = wijk.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return Programme(
            id: "\(slug.isEmpty ? "wijk" : slug)-\(year)", wijk: wijk, year: year,
            agenda: Programme.AgendaReference(file: agendaInput.file, sha256: agendaInput.sha256), budget: Programme.Budget(total: budget),
            buurten: buurten.union(indicators.compactMap(\.buurt)).sorted(), goals: goals)
    }

    /// The carry-over decisions: a CSV with the columns `action` and `decision` (1, 2 or 3).
    public static func decisions(_ file: String) throws -> [String: CarryOver.Decision] {
        guard let data = FileManager.default.contents(atPath: file) else { throw WorkflowError.unreadable(file) }
        let records = try CSVReader.records([UInt8](data), file: file)
        guard let header = records.first, let actionColumn = header.fields.firstIndex(of: "action"),
            let decisionColumn = header.fields.firstIndex(of: "decision")
        else {
            throw InvalidInput(
                Findings([
                    Finding(
                        .error, code: "missing-column", at: Location(file: file, line: 1),
                        message: LocalizedText(nl: "de kolommen heten action en decision", en: "the columns are action and decision"))
                ]))
        }
        var findings = Findings()
        var decisions: [String: CarryOver.Decision] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
            let at = Location(file: file, line: record.line)
            let action = record.fields.count > actionColumn ? record.fields[actionColumn].trimmingWhitespace : ""
            let text = record.fields.count > decisionColumn ? record.fields[decisionColumn].trimmingWhitespace : ""
            guard let number = Int(text), let decision = CarryOver.Decision(rawValue: number) else {
                findings.error(
                    "invalid-decision", at: at,
                    nl: "besluit \"\(text)\" voor \(action) is geen 1 (telt mee), 2 (afmaken buiten de telling) of 3 (vervalt)",
                    en: "decision \"\(text)\" for \(action) is not 1 (counts), 2 (finish outside the count) or 3 (lapses)")
                continue
            }
            if decisions.updateValue(decision, forKey: action) != nil {
                findings.error("duplicate-decision", at: at, nl: "\(action) heeft al een besluit", en: "\(action) has a decision already")
            }
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        return decisions
    }
}
