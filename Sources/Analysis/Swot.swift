public import WijkpeilCore

/// A draft SWOT (sterkte-zwakteanalyse) by stated rules, so the council can see why each entry
/// is there and disagree with a rule rather than with a feeling:
/// - strengths: themes (in the wijk or in one buurt) significantly better than the reference;
///   indicators ≥ 10% better;
/// - weaknesses: themes (in the wijk or in one buurt) significantly worse; indicators ≥ 10% worse;
/// - opportunities: indicators improving since the previous measurement; residents willing to help;
/// - threats: indicators worsening.
public struct Swot: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// The theme it is about; nil for the neighbourhood as a whole.
        public var theme: String?
        /// The group (buurt) it is about; nil for the whole wijk.
        public var group: String? = nil
        /// Which rule put it here: `better-than-reference`, `group-better-than-reference`,
        /// `indicator-better`, `worse-than-reference`, `group-worse-than-reference`,
        /// `indicator-worse`, `improving-trend`, `willing-to-help`, `worsening-trend`.
        public var rule: String
        public var text: LocalizedText
    }

    public var strengths: [Entry] = []
    public var weaknesses: [Entry] = []
    public var opportunities: [Entry] = []
    public var threats: [Entry] = []

    /// At least this many residents willing to help make an opportunity.
    public static let minimumWilling = NeighbourhoodAnalysis.minimumN

    init(themes: [NeighbourhoodAnalysis.Theme], participation: NeighbourhoodAnalysis.Participation) {
        for theme in themes {
            let label = theme.label
            // The theme in the whole wijk, then in each group (buurt) that differs on its own.
            let places: [(group: NeighbourhoodAnalysis.Group?, marks: NeighbourhoodAnalysis.Marks, comparison: NeighbourhoodAnalysis.Comparison?)] =
                [(nil, theme.marks, theme.comparison)] + theme.groups.map { ($0, $0.marks, $0.comparison) }
            for place in places {
                guard let comparison = place.comparison, let mean = place.marks.mean, let reference = comparison.reference.mean else { continue }
                let p = [comparison.pMeanHolm, comparison.pShareHolm].compactMap { $0 }.min() ?? 1
                let whereNL = place.group.map { " in \($0.label.nl)" } ?? "", whereEN = place.group.map { " in \($0.label.en ?? $0.label.nl)" } ?? ""
                func text(_ nlWord: String, _ enWord: String) -> LocalizedText {
                    LocalizedText(
                        nl: "\(label.nl)\(whereNL): bewoners geven gemiddeld \(Language.nl.decimal(mean)) tegen \(Language.nl.decimal(reference)) in de referentie; \(nlWord) (na Holm-correctie \(Language.nl.pStatement(p)))",
                        en: "\(label.en ?? label.nl)\(whereEN): residents' mean mark \(Language.en.decimal(mean)) against \(Language.en.decimal(reference)) in the reference; \(enWord) (Holm-adjusted \(Language.en.pStatement(p)))")
                }
                let prefix = place.group == nil ? "" : "group-"
                if place.marks.flags.contains(.better) {
                    strengths.append(Entry(theme: theme.theme, group: place.group?.id, rule: prefix + "better-than-reference", text: text("duidelijk beter", "significantly better")))
                }
                if place.marks.flags.contains(.worse) {
                    weaknesses.append(Entry(theme: theme.theme, group: place.group?.id, rule: prefix + "worse-than-reference", text: text("duidelijk slechter", "significantly worse")))
                }
            }
            for indicator in theme.indicators {
                let place = indicator.buurt.map { " (\($0))" } ?? ""
                let gap = abs(indicator.gap)
                let values = "\(Language.nl.number(indicator.value)) tegen \(Language.nl.number(indicator.reference))"
                let valuesEn = "\(Language.en.number(indicator.value)) against \(Language.en.number(indicator.reference))"
                if indicator.gap <= -Indicator.clearGap {
                    strengths.append(Entry(theme: theme.theme, rule: "indicator-better", text: LocalizedText(
                        nl: "\(label.nl): \(indicator.name)\(place) is \(Language.nl.percent(gap)) beter dan de referentie (\(values))",
                        en: "\(label.en ?? label.nl): \(indicator.name)\(place) is \(Language.en.percent(gap)) better than the reference (\(valuesEn))")))
                } else if indicator.gap >= Indicator.clearGap {
                    weaknesses.append(Entry(theme: theme.theme, rule: "indicator-worse", text: LocalizedText(
                        nl: "\(label.nl): \(indicator.name)\(place) is \(Language.nl.percent(gap)) slechter dan de referentie (\(values))",
                        en: "\(label.en ?? label.nl): \(indicator.name)\(place) is \(Language.en.percent(gap)) worse than the reference (\(valuesEn))")))
                }
                guard let previous = indicator.previous else { continue }
                let change = "\(Language.nl.number(previous)) → \(Language.nl.number(indicator.value))"
                let changeEn = "\(Language.en.number(previous)) → \(Language.en.number(indicator.value))"
                switch indicator.trend {
                case .improving?:
                    opportunities.append(Entry(theme: theme.theme, rule: "improving-trend", text: LocalizedText(
                        nl: "\(label.nl): \(indicator.name)\(place) verbetert (\(change))", en: "\(label.en ?? label.nl): \(indicator.name)\(place) is improving (\(changeEn))")))
                case .worsening?:
                    threats.append(Entry(theme: theme.theme, rule: "worsening-trend", text: LocalizedText(
                        nl: "\(label.nl): \(indicator.name)\(place) verslechtert (\(change))", en: "\(label.en ?? label.nl): \(indicator.name)\(place) is worsening (\(changeEn))")))
                default: break
                }
            }
        }
        if participation.willing >= Self.minimumWilling, participation.askedWillingness > 0 {
            let share = Double(participation.willing) / Double(participation.askedWillingness)
            opportunities.append(Entry(theme: nil, rule: "willing-to-help", text: LocalizedText(
                nl: "\(participation.willing) bewoners (\(Language.nl.percent(share)) van wie de vraag beantwoordde) willen meehelpen",
                en: "\(participation.willing) residents (\(Language.en.percent(share)) of those who answered) want to help")))
        }
    }
}
