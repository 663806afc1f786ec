/// Where in a user's input something was found: a file, a line, a JSON path or a field.
public struct Location: Sendable, Hashable, Codable {
    public var file: String?
    public var line: Int?
    /// A JSON path such as `questions[3].options[1].id`, or a column or field name.
    public var path: String?

    public init(file: String? = nil, line: Int? = nil, path: String? = nil) {
        self.file = file
        self.line = line
        self.path = path
    }
}

extension Location: CustomStringConvertible {
    /// `file:line: path`, leaving out what is unknown.
    public var description: String {
        var parts: [String] = []
        switch (file, line) {
        case let (file?, line?): parts.append("\(file):\(line)")
        case let (file?, nil): parts.append(file)
        case let (nil, line?): parts.append("line \(line)")
        case (nil, nil): break
        }
        if let path, !path.isEmpty { parts.append(path) }
        return parts.joined(separator: ": ")
    }
}

/// Something a check found in a user's input: an error that stops the input being used, or a
/// warning that a person should read.
///
/// A finding says where (``Location``), a stable ``code`` that scripts may match on, and a
/// message in Dutch and English that says what to do. Messages never quote a resident's
/// answer: findings are printed and logged.
public struct Finding: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning

        /// The word before a printed finding: `fout`, `waarschuwing`.
        public func label(_ language: Language) -> String {
            switch (self, language) {
            case (.error, .nl): "fout"
            case (.error, .en): "error"
            case (.warning, .nl): "waarschuwing"
            case (.warning, .en): "warning"
            }
        }
    }

    public var severity: Severity
    public var code: String
    public var location: Location
    public var message: LocalizedText

    public init(_ severity: Severity, code: String, at location: Location, message: LocalizedText) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// One line for a terminal: `file: path: error: message [code]`.
    public func rendered(in language: Language) -> String {
        let place = location.description
        let prefix = place.isEmpty ? "" : place + ": "
        return "\(prefix)\(severity.label(language)): \(message.text(in: language)) [\(code)]"
    }
}

/// The findings of one check, in the order they were found.
public struct Findings: Sendable, Hashable {
    public private(set) var all: [Finding] = []

    public init(_ findings: [Finding] = []) {
        all = findings
    }

    public var errors: [Finding] { all.filter { $0.severity == .error } }
    public var warnings: [Finding] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var isEmpty: Bool { all.isEmpty }

    public mutating func append(_ finding: Finding) {
        all.append(finding)
    }

    public mutating func append(contentsOf other: Findings) {
        all.append(contentsOf: other.all)
    }

    public mutating func error(_ code: String, at location: Location, nl: String, en: String) {
        all.append(Finding(.error, code: code, at: location, message: LocalizedText(nl: nl, en: en)))
    }

    public mutating func warning(_ code: String, at location: Location, nl: String, en: String) {
        all.append(Finding(.warning, code: code, at: location, message: LocalizedText(nl: nl, en: en)))
    }

    /// The same findings, each placed in `file` (for checks that ran on a file's contents).
    public func inFile(_ file: String) -> Findings {
        Findings(
            all.map { finding in
                var finding = finding
                finding.location.file = file
                return finding
            })
    }
}

/// Thrown when input was read but is invalid; carries every finding, not just the first.
public struct InvalidInput: Error, Sendable, CustomStringConvertible {
    public var findings: Findings

    public init(_ findings: Findings) {
        self.findings = findings
    }

    public var description: String {
        findings.all.map { $0.rendered(in: .en) }.joined(separator: "\n")
    }
}
