public import WijkpeilCore

/// Who stands behind the forms: the organisation named on every page, its privacy statement
/// and a contact, and which survey the list page shows first. Given once by the organiser, in
/// `wijkpeil.json` or with `serve`'s flags.
///
/// ```json
/// {"organisation": "Gemeente Almelo, wijkteam Noord",
///  "privacyUrl": "https://www.almelo.nl/privacy",
///  "contact": "wijkteam-noord@almelo.nl",
///  "mainSurvey": "wijkanalyse"}
/// ```
public struct SiteSettings: Sendable, Hashable {
    /// Named on every page: "Deze vragenlijst is van …".
    public var organisation: String?
    /// The privacy statement, an `https://` (or `http://`) address.
    public var privacyURL: String?
    /// An e-mail address, a telephone number or a web address, shown as a link where it is one.
    public var contact: String?
    /// The survey listed first on the list page.
    public var mainSurvey: String?

    public init(organisation: String? = nil, privacyURL: String? = nil, contact: String? = nil, mainSurvey: String? = nil) {
        self.organisation = organisation
        self.privacyURL = privacyURL
        self.contact = contact
        self.mainSurvey = mainSurvey
    }

    /// The settings a page still lacks, by their names in the settings file: what `serve` warns
    /// about when it starts.
    public var missing: [String] {
        [organisation == nil ? "organisation" : nil, privacyURL == nil ? "privacyUrl" : nil, contact == nil ? "contact" : nil].compactMap { $0 }
    }

    /// These settings, with each one `other` sets taking its place (flags over the file).
    public func overridden(by other: SiteSettings) -> SiteSettings {
        SiteSettings(
            organisation: other.organisation ?? organisation, privacyURL: other.privacyURL ?? privacyURL,
            contact: other.contact ?? contact, mainSurvey: other.mainSurvey ?? mainSurvey)
    }

    /// Reads a settings file, reporting every problem at its JSON path.
    public static func read(_ json: JSONValue, findings: inout Findings) -> SiteSettings? {
        let errorsBefore = findings.errors.count
        guard let reader = JSONObjectReader(json, at: .root, findings: &findings) else { return nil }
        reader.warnUnknownKeys(allowed: ["organisation", "privacyUrl", "contact", "mainSurvey"], findings: &findings)
        var settings = SiteSettings(
            organisation: reader.string("organisation", findings: &findings), privacyURL: reader.string("privacyUrl", findings: &findings),
            contact: reader.string("contact", findings: &findings), mainSurvey: reader.identifier("mainSurvey", findings: &findings))
        for (key, value) in [("organisation", settings.organisation), ("contact", settings.contact)] where value?.trimmingWhitespace.isEmpty == true {
            findings.error(
                "empty", at: JSONPath.root.appending(key).location, nl: "deze tekst is leeg; laat het veld weg of vul het in",
                en: "this text is empty; leave the field out or fill it in")
        }
        if let url = settings.privacyURL, let problem = Self.addressProblem(url) {
            findings.error("invalid-url", at: JSONPath.root.appending("privacyUrl").location, nl: problem.nl, en: problem.en ?? problem.nl)
            settings.privacyURL = nil
        }
        guard findings.errors.count == errorsBefore else { return nil }
        return settings
    }

    /// Why `url` cannot be the privacy statement's address, or `nil` when it can.
    public static func addressProblem(_ url: String) -> LocalizedText? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }),
            url.count > "https://".count
        else {
            return LocalizedText(
                nl: "\"\(url)\" is geen webadres; schrijf het volledig, zoals https://www.gemeente.nl/privacy",
                en: "\"\(url)\" is not a web address; write it in full, such as https://www.example.org/privacy")
        }
        return nil
    }

    /// How the contact is offered: a `mailto:` link for an e-mail address, a `tel:` link for a
    /// telephone number, a link for a web address, else the text.
    var contactLink: (href: String?, text: String)? {
        guard let contact = contact?.trimmingWhitespace, !contact.isEmpty else { return nil }
        let lower = contact.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return (contact, contact) }
        if contact.contains("@"), !contact.contains(" ") { return ("mailto:" + contact, contact) }
        let digits = contact.filter { $0.isNumber || $0 == "+" }
        if digits.count >= 9, contact.allSatisfy({ $0.isNumber || " +-()".contains($0) }) { return ("tel:" + digits, contact) }
        return (nil, contact)
    }
}
