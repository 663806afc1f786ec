public import WijkpeilCore

/// What an analysis is of: the neighbourhood by name and, where given, its CBS wijk code (the
/// Dutch statistics' key, `WK` and six digits: the municipality's four and the wijk's two), and
/// the period of the responses. Every output names it.
public struct AnalysedArea: Sendable, Hashable {
    public var name: String
    public var cbs: String?
    /// As people write it: `2026`, `najaar 2026`.
    public var period: String?

    /// Refuses a CBS code that is not of a wijk's form, with a message to act on.
    public init(name: String, cbs: String?, period: String?) throws(InvalidInput) {
        if let cbs, !(cbs.count == 8 && cbs.hasPrefix("WK") && cbs.dropFirst(2).allSatisfy(\.isASCII) && cbs.dropFirst(2).allSatisfy(\.isNumber)) {
            var findings = Findings()
            findings.error(
                "bad-cbs-code", at: Location(path: "--cbs"),
                nl: "\"\(cbs)\" is geen CBS-wijkcode; die is WK met zes cijfers, zoals WK034401 (gemeente 0344, wijk 01)",
                en: "\"\(cbs)\" is not a CBS wijk code; that is WK and six digits, such as WK034401 (municipality 0344, wijk 01)")
            throw InvalidInput(findings)
        }
        self.name = name
        self.cbs = cbs
        self.period = period
    }

    /// `Kerkwijk (WK034401), 2026`.
    public var line: String {
        name + (cbs.map { " (\($0))" } ?? "") + (period.map { ", \($0)" } ?? "")
    }

    public var jsonValue: JSONValue {
        .object(["name": .string(name), "cbs": cbs.map { .string($0) } ?? .null, "period": period.map { .string($0) } ?? .null])
    }
}
