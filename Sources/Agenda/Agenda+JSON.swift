import Participation
import Surveys
public import WijkpeilCore

extension Agenda {
    /// `{"version", "rule", "level", "weights", "appliedWeights", "max", "inputs": [{"role",
    /// "file", "sha256"}], "themes": [{"theme", "label", "signals", "normalised",
    /// "contributions", "score", "rank", "selected", "stability", "flags", "explanation"}],
    /// "priorities": [...], "responses": {theme: {"decision", "reason", "date"}}, "area",
    /// "evening": {"date", "participants"}}` (`evening` only when known).
    public var jsonValue: JSONValue {
        var object = computedJSON
        object["area"] = area.map { .string($0) } ?? .null
        if let evening {
            object["evening"] = .object([
                "date": evening.date.map { .string($0) } ?? .null, "participants": evening.participants.map { .number(Double($0)) } ?? .null,
            ])
        }
        func answer(_ response: CouncilResponse) -> [String: JSONValue] {
            var fields: [String: JSONValue] = [
                "decision": .string(response.decision.rawValue), "reason": response.reason.map(JSONValue.string) ?? .null, "date": .string(response.date),
            ]
            if let frame = response.frame { fields["frame"] = .string(frame) }
            return fields
        }
        if !councilPriorities.isEmpty {
            object["councilPriorities"] = .array(
                councilPriorities.map { priority in
                    .object([
                        "theme": .string(priority.theme), "label": priority.label.jsonValue, "reason": .string(priority.reason),
                        "date": .string(priority.date), "byCouncil": true,
                    ])
                })
        }
        object["responses"] = .object(
            responses.mapValues { response in
                var fields = answer(response)
                if !response.history.isEmpty { fields["history"] = .array(response.history.map { .object(answer($0)) }) }
                return .object(fields)
            })
        return .object(object)
    }

    /// Everything that follows from the inputs, weights, max and level: what `verify` compares.
    var computedJSON: [String: JSONValue] {
        func signals(_ values: [Signal: Double]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, JSONValue.number($0.value)) }))
        }
        return [
            "version": .string(version),
            "rule": .string(rule.text),
            "level": .string(level.rawValue),
            "weights": signals(weights.values),
            "appliedWeights": signals(appliedWeights.values),
            "max": .number(Double(max)),
            "inputs": .array(inputs.map { .object(["role": .string($0.role), "file": .string($0.file), "sha256": .string($0.sha256)]) }),
            "themes": .array(
                themes.map { theme in
                    .object([
                        "theme": .string(theme.theme), "label": theme.label.jsonValue,
                        "signals": signals(theme.signals), "normalised": signals(theme.normalised),
                        "contributions": signals(theme.contributions), "score": .number(theme.score),
                        "rank": .number(Double(theme.rank)), "selected": .bool(theme.selected),
                        "stability": .number(theme.stability), "flags": .array(theme.flags.map(JSONValue.string)),
                        "explanation": theme.explanation.jsonValue,
                    ])
                }),
            "priorities": .array(priorities.map(JSONValue.string)),
        ]
    }

    /// Whether `other` (recomputed from the same inputs) says the same: every computed field
    /// equal, input files compared by their SHA-256 only (paths differ between machines).
    public func matches(_ other: Agenda) -> Bool {
        differences(from: other).isEmpty
    }

    /// Every field where `recomputed` says something else than this agenda records, as
    /// `themes[2].score: recorded 0.5, recomputed 0.48`: what `agenda verify` prints. Input files
    /// are compared by role and SHA-256 only (paths differ between machines), and the version
    /// that made the agenda is not compared.
    public func differences(from recomputed: Agenda) -> [LocalizedText] {
        var mine = computedJSON, theirs = recomputed.computedJSON
        for key in ["inputs", "version"] {
            mine[key] = nil
            theirs[key] = nil
        }
        var found: [LocalizedText] = []
        for (index, (a, b)) in zip(inputs, recomputed.inputs).enumerated() where a.role != b.role || a.sha256 != b.sha256 {
            found.append(
                LocalizedText(
                    nl: "inputs[\(index)]: vastgelegd \(a.role) sha256 \(a.sha256), gegeven \(b.role) \(b.file) sha256 \(b.sha256)",
                    en: "inputs[\(index)]: recorded \(a.role) sha256 \(a.sha256), given \(b.role) \(b.file) sha256 \(b.sha256)"))
        }
        if inputs.count != recomputed.inputs.count {
            found.append(
                LocalizedText(
                    nl: "inputs: vastgelegd \(inputs.count) bestand(en), gegeven \(recomputed.inputs.count)",
                    en: "inputs: recorded \(inputs.count) file(s), given \(recomputed.inputs.count)"))
        }
        Self.compare(.object(mine), .object(theirs), at: "", into: &found)
        return found
    }

    private static func compare(_ recorded: JSONValue, _ recomputed: JSONValue, at path: String, into found: inout [LocalizedText]) {
        switch (recorded, recomputed) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                compare(a[key] ?? .null, b[key] ?? .null, at: path.isEmpty ? key : "\(path).\(key)", into: &found)
            }
        case (.array(let a), .array(let b)) where a.count == b.count:
            for (index, (x, y)) in zip(a, b).enumerated() { compare(x, y, at: "\(path)[\(index)]", into: &found) }
        default:
            if recorded != recomputed {
                found.append(
                    LocalizedText(
                        nl: "\(path): vastgelegd \(recorded.compactText), herberekend \(recomputed.compactText)",
                        en: "\(path): recorded \(recorded.compactText), recomputed \(recomputed.compactText)"))
            }
        }
    }

    /// Reads an agenda written by ``jsonValue``; every problem is reported at its JSON path.
    public static func read(_ json: JSONValue, file: String) throws(InvalidInput) -> Agenda {
        var findings = Findings()
        func fail() -> InvalidInput { InvalidInput(findings.inFile(file)) }
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { throw fail() }
        // Another file of the evening (an analysis, a sticker tally) gets one clear finding, not
        // one per field it lacks.
        guard reader.has("rule"), reader.has("priorities") else {
            findings.error(
                "not-an-agenda", at: reader.path.location,
                nl: "dit is geen agenda; maak er een met wijkpeil agenda --analysis A.json --stickers T.json --format json --out AGENDA.json",
                en: "this is not an agenda; make one with wijkpeil agenda --analysis A.json --stickers T.json --format json --out AGENDA.json")
            throw fail()
        }
        func weights(_ key: String) -> Weights? {
            guard let object = reader.object(key, required: true, findings: &findings) else { return nil }
            var values: [Signal: Double] = [:]
            for signal in Signal.allCases {
                if let value = object.number(signal.rawValue, findings: &findings) { values[signal] = value }
            }
            return Weights(uncheckedValues: values)
        }
        func signals(_ object: JSONObjectReader?) -> [Signal: Double] {
            var values: [Signal: Double] = [:]
            for signal in Signal.allCases {
                if let value = object?.number(signal.rawValue, findings: &findings) { values[signal] = value }
            }
            return values
        }
        let version = reader.string("version", required: true, findings: &findings) ?? ""
        let ruleText = reader.string("rule", required: true, findings: &findings) ?? ""
        let rule = Rule(text: ruleText)
        if rule == nil {
            findings.error(
                "unknown-rule", at: reader.path.appending("rule").location,
                nl: "deze regel heeft Wijkpeil nooit vastgelegd; de agenda is met de hand veranderd of door een nieuwere Wijkpeil gemaakt",
                en: "no Wijkpeil recorded this rule; the agenda was edited by hand or made by a newer Wijkpeil")
        }
        let levelText = reader.string("level", required: true, findings: &findings) ?? ""
        let level = ParticipationLevel(rawValue: levelText)
        if level == nil, !levelText.isEmpty {
            findings.error(
                "unknown-level", at: reader.path.appending("level").location,
                nl: "onbekend niveau \"\(levelText)\"", en: "unknown level \"\(levelText)\"")
        }
        let requested = weights("weights"), applied = weights("appliedWeights")
        let max = reader.integer("max", required: true, findings: &findings) ?? 0
        var inputs: [Input] = []
        for (index, element) in (reader.array("inputs", required: true, findings: &findings) ?? []).enumerated() {
            guard let input = JSONObjectReader(element, at: reader.path.appending("inputs").appending(index), findings: &findings),
                let role = input.string("role", required: true, findings: &findings),
                let name = input.string("file", required: true, findings: &findings),
                let sha = input.string("sha256", required: true, findings: &findings)
            else { continue }
            inputs.append(Input(role: role, file: name, sha256: sha))
        }
        var themes: [Theme] = []
        for (index, element) in (reader.array("themes", required: true, findings: &findings) ?? []).enumerated() {
            guard let item = JSONObjectReader(element, at: reader.path.appending("themes").appending(index), findings: &findings),
                let id = item.string("theme", required: true, findings: &findings),
                let label = item.localizedText("label", required: true, findings: &findings),
                let score = item.number("score", required: true, findings: &findings),
                let rank = item.integer("rank", required: true, findings: &findings),
                let selected = item.bool("selected", required: true, findings: &findings),
                let stability = item.number("stability", required: true, findings: &findings),
                let explanation = item.localizedText("explanation", required: true, findings: &findings)
            else { continue }
            let flags = (item.array("flags", findings: &findings) ?? []).compactMap { if case .string(let flag) = $0 { flag } else { nil } }
            themes.append(
                Theme(
                    theme: id, label: label, signals: signals(item.object("signals", findings: &findings)),
                    normalised: signals(item.object("normalised", findings: &findings)),
                    contributions: signals(item.object("contributions", findings: &findings)),
                    score: score, rank: rank, selected: selected, stability: stability, flags: flags, explanation: explanation))
        }
        let priorities = reader.identifiers("priorities", required: true, findings: &findings) ?? []
        var responses: [String: CouncilResponse] = [:]
        if let object = reader.object("responses", findings: &findings) {
            for theme in object.fields.keys.sorted() {
                guard let answer = object.object(theme, findings: &findings) else { continue }
                let decisionText = answer.string("decision", required: true, findings: &findings) ?? ""
                guard let decision = CouncilResponse.Decision(rawValue: decisionText) else {
                    findings.error(
                        "unknown-decision", at: answer.path.appending("decision").location,
                        nl: "een besluit is adopted, adjusted of rejected", en: "a decision is adopted, adjusted or rejected")
                    continue
                }
                var history: [CouncilResponse] = []
                for (index, element) in (answer.array("history", findings: &findings) ?? []).enumerated() {
                    let path = answer.path.appending("history").appending(index)
                    guard let earlier = JSONObjectReader(element, at: path, findings: &findings) else { continue }
                    guard let decision = CouncilResponse.Decision(rawValue: earlier.string("decision", required: true, findings: &findings) ?? "") else {
                        findings.error(
                            "unknown-decision", at: path.appending("decision").location,
                            nl: "een besluit is adopted, adjusted of rejected", en: "a decision is adopted, adjusted or rejected")
                        continue
                    }
                    history.append(
                        CouncilResponse(
                            decision: decision, reason: earlier.string("reason", findings: &findings), frame: earlier.string("frame", findings: &findings),
                            date: earlier.string("date", findings: &findings) ?? ""))
                }
                responses[theme] = CouncilResponse(
                    decision: decision, reason: answer.string("reason", findings: &findings), frame: answer.string("frame", findings: &findings),
                    date: answer.string("date", findings: &findings) ?? "", history: history)
            }
        }
        var councilPriorities: [CouncilPriority] = []
        for (index, element) in (reader.array("councilPriorities", findings: &findings) ?? []).enumerated() {
            guard let item = JSONObjectReader(element, at: reader.path.appending("councilPriorities").appending(index), findings: &findings),
                let theme = item.string("theme", required: true, findings: &findings)
            else { continue }
            councilPriorities.append(
                CouncilPriority(
                    theme: theme, label: item.localizedText("label", findings: &findings) ?? LocalizedText(nl: theme),
                    reason: item.string("reason", required: true, findings: &findings) ?? "", date: item.string("date", findings: &findings) ?? ""))
        }
        let area = reader.string("area", findings: &findings)
        var evening: Evening?
        if let item = reader.object("evening", findings: &findings) {
            evening = Evening(date: item.string("date", findings: &findings), participants: item.integer("participants", findings: &findings))
        }
        guard !findings.hasErrors, let rule, let level, let requested, let applied else { throw fail() }
        var agenda = Agenda(
            rule: rule, weights: requested, appliedWeights: applied, max: max, level: level, themes: themes,
            priorities: priorities, inputs: inputs, version: version, responses: responses, councilPriorities: councilPriorities)
        agenda.area = area
        agenda.evening = evening
        return agenda
    }
}
