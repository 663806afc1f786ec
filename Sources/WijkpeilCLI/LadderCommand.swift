import Participation
import Surveys
import WijkpeilCore

/// `wijkpeil ladder`: the five levels of participation and what each promises.
enum LadderCommand {
    static let spec = CommandSpec(
        name: "ladder",
        abstract: "Show the participation ladder: five levels and what each promises residents.",
        discussion: "From the guide 'Handreiking bewonersparticipatie in de wijkplancyclus' (Pröpper & Steenbeek).",
        options: [.format(["table", "json"], default: "table")],
        run: { arguments, console in
            let language = arguments.language
            if arguments.value("format") == "json" {
                console.out.line(JSONValue.array(ParticipationLevel.allCases.map(jsonValue)).prettyText)
                return .success
            }
            // One block per level: the texts are too long for columns side by side.
            var table = TextTable(
                language == .nl ? "trede" : "rung", language == .nl ? "niveau" : "level", language == .nl ? "naam" : "name", language == .nl ? "inbreng" : "input",
                language == .nl ? "rol bewoners" : "residents' role", language == .nl ? "middelen" : "instruments")
            for level in ParticipationLevel.allCases {
                table.add(
                    String(level.rung), level.rawValue, level.name.text(in: language), level.binding.description.text(in: language),
                    level.residentRole.text(in: language), level.instruments.map { $0.name.text(in: language) }.joined(separator: ", "))
            }
            console.out.write(table.stacked(width: console.width))
            return .success
        })

    static func jsonValue(_ level: ParticipationLevel) -> JSONValue {
        .object([
            "id": .string(level.rawValue),
            "rung": .number(Double(level.rung)),
            "name": level.name.jsonValue,
            "decisions": level.decisions.jsonValue,
            "binding": .string(level.binding.rawValue),
            "bindingText": level.binding.description.jsonValue,
            "deviationNeedsReason": .bool(level.binding.deviationNeedsReason),
            "residentRole": level.residentRole.jsonValue,
            "instruments": .array(level.instruments.map { .object(["id": .string($0.id), "name": $0.name.jsonValue]) }),
            "promise": level.promise.jsonValue,
        ])
    }
}

/// `wijkpeil cycle`: the steps of the neighbourhood cycle with the residents' role in each.
enum CycleCommand {
    static let spec = CommandSpec(
        name: "cycle",
        abstract: "Show the steps of the neighbourhood cycle (A0–A6, B1–B5, C1–C8, D1–D2) and residents' roles.",
        options: [
            .format(["table", "json"], default: "table"),
            OptionSpec("phase", value: "PHASE", help: "Only this phase.", allowed: CyclePhase.allCases.map(\.rawValue)),
        ],
        run: { arguments, console in
            let language = arguments.language
            let steps = CycleStep.all.filter { step in arguments.value("phase").map { $0 == step.phase.rawValue } ?? true }
            if arguments.value("format") == "json" {
                console.out.line(JSONValue.array(steps.map(jsonValue)).prettyText)
                return .success
            }
            var table = TextTable(
                language == .nl ? "stap" : "step", language == .nl ? "fase" : "phase",
                language == .nl ? "activiteit" : "activity", language == .nl ? "middel" : "instrument",
                language == .nl ? "rol bewoners" : "residents' role")
            for step in steps {
                table.add(
                    step.id, step.phase.name.text(in: language), step.activity.text(in: language),
                    step.instruments.compactMap { Instrument.named($0)?.name.text(in: language) }.joined(separator: ", "),
                    step.residentRole?.text(in: language) ?? "–")
            }
            // One block per step, as the ladder.
            console.out.write(table.stacked(width: console.width))
            return .success
        })

    static func jsonValue(_ step: CycleStep) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(step.id),
            "phase": .string(step.phase.rawValue),
            "activity": step.activity.jsonValue,
            "instruments": .array(step.instruments.map(JSONValue.string)),
            "levels": .array(step.levels.map { .string($0.rawValue) }),
            "combinableWith": .array(step.combinableWith.map(JSONValue.string)),
        ]
        if let role = step.residentRole { object["residentRole"] = role.jsonValue }
        return .object(object)
    }
}
