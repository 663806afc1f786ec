import Participation
public import WijkpeilCore
import Surveys

/// What an export did to keep people from being picked out, for the codebook.
public struct DisclosureReport: Sendable, Hashable {
    public var k: Int
    public var rows: Int
    public var rowsSuppressed: Int
    public var rowsLeftOut: Int

    public init(k: Int, rows: Int, rowsSuppressed: Int, rowsLeftOut: Int) {
        self.k = k
        self.rows = rows
        self.rowsSuppressed = rowsSuppressed
        self.rowsLeftOut = rowsLeftOut
    }
}

/// The codebook beside an export: a Frictionless Data Package (`datapackage.json`) that R, Python
/// and other tools can read, with each column's question text (nl/en), type, allowed values and
/// their labels, the generalisation applied, and the disclosure report.
public enum Codebook {
    /// The data package of an export written to `file` (CSV, or JSON where the file ends in `.json`).
    public static func dataPackage(plan: ExportPlan, csvFile file: String, disclosure: DisclosureReport) -> JSONValue {
        let json = file.lowercased().hasSuffix(".json")
        let definition = plan.definition
        var fields: [JSONValue] = [
            .object([
                "name": "row", "type": "integer", "description": "Volgnummer in dit bestand (niet de volgorde van binnenkomst) / row number in this file (not the order received)",
            ])
        ]
        for column in plan.columns {
            var field: [String: JSONValue] = [
                "name": .string(column.name),
                "title": .string(column.question.text.nl),
                "wijkpeil:question": .string(column.question.id),
                "wijkpeil:text": column.question.text.jsonValue,
                "wijkpeil:privacy": .string(column.question.privacy.rawValue),
                "wijkpeil:quasiIdentifier": .bool(column.isQuasiIdentifier),
            ]
            if let treatment = column.treatment { field["wijkpeil:generalisation"] = .string(treatment) }
            switch column.content {
            case .chosen(let option):
                field["constraints"] = .object(["enum": [0, 1]])
                field["wijkpeil:option"] = .object(["id": .string(option.id), "label": option.label.jsonValue])
                field["description"] = .string("1 = gekozen / chosen, 0 = niet gekozen / not chosen, leeg = vraag niet beantwoord / empty = not answered")
            case .stickers(let option):
                field["constraints"] = .object(["minimum": 0])
                field["wijkpeil:option"] = .object(["id": .string(option.id), "label": option.label.jsonValue])
            case .colouredStickers(let colour, let option):
                field["constraints"] = .object(["minimum": 0, "maximum": .number(Double(colour.perParticipant))])
                field["wijkpeil:option"] = .object(["id": .string(option.id), "label": option.label.jsonValue])
                field["wijkpeil:colour"] = .object(["id": .string(colour.id), "label": colour.label.jsonValue, "meaning": .string(colour.meaning.rawValue)])
            case .answer:
                describe(column, into: &field)
            }
            field["type"] = .string(plan.fieldType(column))
            if column.isQuasiIdentifier {
                // Suppressed for k-anonymity: `*` in the CSV; in the JSON `null`, named in the
                // row's `_suppressed`.
                field["wijkpeil:suppressedValue"] = json ? .null : "*"
            }
            fields.append(.object(field))
        }
        return .object([
            "profile": "tabular-data-package",
            "name": .string(definition.id + "-export"),
            "title": .string(definition.title.nl),
            "wijkpeil:title": definition.title.jsonValue,
            "wijkpeil:survey": .object(["id": .string(definition.id), "version": .number(Double(definition.version)), "level": .string(definition.level.rawValue)]),
            "resources": .array([
                .object(
                    json
                        ? [
                            "name": .string(definition.id),
                            "path": .string(file),
                            "profile": "data-resource",
                            "format": "json", "mediatype": "application/json", "encoding": "utf-8",
                            "schema": .object(["fields": .array(fields)]),
                            "description":
                                "Een lijst van objecten, één per rij; null = niet beantwoord of onderdrukt (dan genoemd in _suppressed) / a list of objects, one per row; null = not answered or suppressed (then named in _suppressed)",
                        ]
                        : [
                            "name": .string(definition.id),
                            "path": .string(file),
                            "profile": "tabular-data-resource",
                            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                            "dialect": .object(["delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true]),
                            "schema": .object(["fields": .array(fields), "missingValues": ["", "*"]]),
                        ])
            ]),
            "wijkpeil:disclosure": .object([
                "k": .number(Double(disclosure.k)),
                "rowsExported": .number(Double(disclosure.rows)),
                "rowsWithSuppressedValues": .number(Double(disclosure.rowsSuppressed)),
                "rowsLeftOut": .number(Double(disclosure.rowsLeftOut)),
                "quasiIdentifiers": .array(plan.columns.filter(\.isQuasiIdentifier).map { .string($0.name) }),
                "notExported": .array(definition.questions.filter { question in !plan.columns.contains { $0.question.id == question.id } }.map { .string($0.id) }),
                "rowOrder": "shuffled",
            ]),
        ])
    }

    private static func describe(_ column: ExportColumn, into field: inout [String: JSONValue]) {
        switch column.question.kind {
        case .rating(let min, let max, let labels):
            field["constraints"] = .object(["minimum": .number(Double(min)), "maximum": .number(Double(max))])
            if !labels.isEmpty {
                field["wijkpeil:labels"] = .object(Dictionary(uniqueKeysWithValues: labels.map { (String($0.key), $0.value.jsonValue) }))
            }
        case .single(let options):
            field["constraints"] = .object(["enum": .array(options.map { .string($0.id) })])
            field["wijkpeil:labels"] = .object(Dictionary(uniqueKeysWithValues: options.map { ($0.id, $0.label.jsonValue) }))
        case .number:
            if column.treatment == "age-band" { field["description"] = "Leeftijd in banden van tien jaar / age in ten-year bands (0-9 … 70-79, 80+)" }
        case .postcode:
            field["description"] = "De vier cijfers van de postcode (PC4) / the four digits of the postcode (PC4)"
        case .date:
            if column.treatment == "iso-week" { field["description"] = "ISO-week, bijvoorbeeld 2026-W48 / ISO week, e.g. 2026-W48" }
        case .text:
            field["description"] = .string(Scrubber.codebookDescription)
        case .consent:
            field["constraints"] = .object(["enum": [0, 1]])
            field["description"] = "1 = ja / yes, 0 = nee / no"
        case .multi, .approval, .stickers, .sessionStickers, .email:
            break
        }
    }
}
