import WijkpeilCore

/// Prints findings the same way for every command that checks input.
enum FindingsReport {
    /// One line per finding, then a count; or a JSON document.
    static func print(_ findings: Findings, files: Int, format: String, language: Language, to console: Console) {
        if format == "json" {
            let json: JSONValue = .object([
                "files": .number(Double(files)),
                "errors": .number(Double(findings.errors.count)),
                "warnings": .number(Double(findings.warnings.count)),
                "findings": .array(findings.all.map(jsonValue)),
            ])
            console.out.line(String(decoding: json.encoded(pretty: true), as: UTF8.self))
            return
        }
        for finding in findings.all {
            console.out.line(finding.rendered(in: language))
        }
        let summary =
            language == .nl
            ? "\(findings.errors.count) fout(en), \(findings.warnings.count) waarschuwing(en) in \(files) bestand(en)"
            : "\(findings.errors.count) error(s), \(findings.warnings.count) warning(s) in \(files) file(s)"
        console.err.line(summary)
    }

    static func jsonValue(_ finding: Finding) -> JSONValue {
        var object: [String: JSONValue] = [
            "severity": .string(finding.severity.rawValue),
            "code": .string(finding.code),
            "message": .object(["nl": .string(finding.message.nl), "en": .string(finding.message.en ?? finding.message.nl)]),
        ]
        if let file = finding.location.file { object["file"] = .string(file) }
        if let line = finding.location.line { object["line"] = .number(Double(line)) }
        if let path = finding.location.path { object["path"] = .string(path) }
        return .object(object)
    }
}

extension JSONValue {
    /// The value as pretty, sorted JSON text.
    var prettyText: String {
        String(decoding: encoded(pretty: true), as: UTF8.self)
    }
}
