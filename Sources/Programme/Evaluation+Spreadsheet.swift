public import WijkpeilCore

extension Evaluation {
    /// The columns of the evaluation as a spreadsheet: one row per goal, up to three measures.
    public static let columns = [
        "goal", "priority", "text", "indicator", "now", "status", "actionsDone", "actionsOpen", "rating", "measure_1", "cost_1", "measure_2",
        "cost_2", "measure_3", "cost_3", "motivation", "remarks", "newText", "newTarget", "newTargetYear",
    ]

    /// The evaluation as CSV for a spreadsheet, the prefilled part and the part to fill in.
    public var csv: String {
        var text = CSVWriter.line(Self.columns)
        for goal in goals {
            var cells = [
                goal.goal, goal.priority, goal.text, goal.indicator ?? "", goal.now.map { "\(Language.en.number($0.value)) (\($0.year))" } ?? "",
                goal.status.rawValue, goal.actionsDone.joined(separator: ";"), goal.actionsOpen.joined(separator: ";"), goal.rating?.rawValue ?? "",
            ]
            for index in 0..<3 {
                let measure = index < goal.measures.count ? goal.measures[index] : nil
                cells += [measure?.text ?? "", measure.map { String($0.cost) } ?? ""]
            }
            cells += [
                goal.motivation ?? "", goal.remarks, goal.newText ?? "", goal.newTarget.map { Language.en.number($0.value) } ?? "",
                goal.newTarget.map { String($0.year) } ?? "",
            ]
            text += CSVWriter.line(cells)
        }
        return text
    }

    /// Reads a filled-in evaluation spreadsheet of `programme` and checks it as ``read(_:file:programme:)``
    /// does; every problem is named with its line and column.
    public static func readSpreadsheet(_ bytes: [UInt8], file: String, programme: Programme) throws(InvalidInput) -> Evaluation {
        let records = try CSVReader.records(bytes, file: file)
        guard let header = records.first?.fields.map(\.trimmingWhitespace) else {
            var findings = Findings()
            findings.error("empty-file", at: Location(file: file, line: 1), nl: "het bestand is leeg", en: "the file is empty")
            throw InvalidInput(findings)
        }
        guard header.contains("goal") else {
            var findings = Findings()
            findings.error(
                "missing-column", at: Location(file: file, line: 1), nl: "de kolom goal ontbreekt; maak het blad met programme evaluate --format csv",
                en: "the column goal is missing; make the sheet with programme evaluate --format csv")
            throw InvalidInput(findings)
        }
        var goals: [JSONValue] = []
        var lines: [Int] = []
        var numberFindings = Findings()
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
            func cell(_ name: String) -> String? {
                guard let index = header.firstIndex(of: name), index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingWhitespace
                return text.isEmpty ? nil : text
            }
            func whole(_ name: String) -> JSONValue? {
                guard let text = cell(name) else { return nil }
                guard let value = Int(text.replacingAll(".", with: "").replacingAll("€", with: "").trimmingWhitespace) else {
                    numberFindings.error(
                        "bad-number", at: Location(file: file, line: record.line, path: name), nl: "\"\(text)\" is geen heel getal",
                        en: "\"\(text)\" is not a whole number")
                    return nil
                }
                return .number(Double(value))
            }
            var measures: [JSONValue] = []
            for index in 1...3 {
                let text = cell("measure_\(index)"), cost = whole("cost_\(index)")
                if text != nil || cost != nil { measures.append(.object(["text": text.map { .string($0) } ?? .null, "cost": cost ?? .null])) }
            }
            var adjust: [String: JSONValue] = ["text": cell("newText").map { .string($0) } ?? .null, "target": .null]
            if let value = cell("newTarget") {
                guard let number = DecimalNumber.parse(value) else {
                    numberFindings.error(
                        "bad-number", at: Location(file: file, line: record.line, path: "newTarget"), nl: "\"\(value)\" is geen getal", en: "\"\(value)\" is not a number")
                    continue
                }
                adjust["target"] = .object(["value": .number(number), "year": whole("newTargetYear") ?? .null])
            }
            goals.append(
                .object([
                    "goal": cell("goal").map { .string($0) } ?? .null, "rating": cell("rating").map { .string($0) } ?? .null, "measures": .array(measures),
                    "motivation": cell("motivation").map { .string($0) } ?? .null, "remarks": .string(cell("remarks") ?? ""), "adjust": .object(adjust),
                ]))
            lines.append(record.line)
        }
        guard !numberFindings.hasErrors else { throw InvalidInput(numberFindings) }
        let json: JSONValue = .object(["programme": .string(programme.id), "year": .number(Double(programme.year)), "goals": .array(goals)])
        do {
            return try read(json, file: file, programme: programme)
        } catch {
            // The JSON path `goals[2].measures[0].cost` is line 4, column cost_1.
            var findings = Findings()
            for finding in error.findings.all {
                var located = finding
                located.location = Self.cell(of: finding.location.path ?? "", lines: lines, file: file)
                findings.append(located)
            }
            throw InvalidInput(findings)
        }
    }

    /// The line and column of a path in the JSON made from the sheet.
    static func cell(of path: String, lines: [Int], file: String) -> Location {
        let parts = path.split(separator: ".")
        guard let first = parts.first, first.hasPrefix("goals["), let index = Int(first.dropFirst(6).dropLast()), index < lines.count else {
            return Location(file: file, line: 1)
        }
        var column = parts.dropFirst().first.map(String.init) ?? "goal"
        if column.hasPrefix("measures["), let measure = Int(column.dropFirst(9).dropLast()) {
            column = (parts.dropFirst(2).first == "cost" ? "cost_" : "measure_") + String(measure + 1)
        } else if column == "adjust" {
            column = parts.dropFirst(2).first == "target" ? (parts.last == "year" ? "newTargetYear" : "newTarget") : "newText"
        }
        return Location(file: file, line: lines[index], path: column)
    }
}
