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
        /// The same without the test's p-values, for a page read by people, not statisticians.
        public var plain: LocalizedText? = nil
    }

    /// The figures of the test(s) that made a flag, as a sentence quotes them: the means, the
    /// shares of dissatisfied residents, or both; with their Holm-adjusted p-values.
    static func figures(
        _ marks: NeighbourhoodAnalysis.Marks, _ comparison: NeighbourhoodAnalysis.Comparison, basis: NeighbourhoodAnalysis.Basis
    ) -> (nl: String, en: String, pNL: String, pEN: String) {
        let meanNL =
            "bewoners geven gemiddeld \(marks.mean.map { Language.nl.decimal($0) } ?? "–") tegen \(comparison.reference.mean.map { Language.nl.decimal($0) } ?? "–") in de referentie"
        let meanEN =
            "residents' mean mark \(marks.mean.map { Language.en.decimal($0) } ?? "–") against \(comparison.reference.mean.map { Language.en.decimal($0) } ?? "–") in the reference"
        let share = marks.dissatisfied?.share, referenceShare = comparison.reference.dissatisfied?.share
        let shareNL = "\(share.map { Language.nl.percent($0) } ?? "–") ontevreden tegen \(referenceShare.map { Language.nl.percent($0) } ?? "–") in de referentie"
        let shareEN = "\(share.map { Language.en.percent($0) } ?? "–") dissatisfied against \(referenceShare.map { Language.en.percent($0) } ?? "–") in the reference"
        func p(_ language: Language, _ value: Double?) -> String { language.pStatement(value ?? 1) }
        switch basis {
        case .mean: return (meanNL, meanEN, p(.nl, comparison.pMeanHolm), p(.en, comparison.pMeanHolm))
        case .share: return (shareNL, shareEN, p(.nl, comparison.pShareHolm), p(.en, comparison.pShareHolm))
        case .both:
            return (
                "\(meanNL), en \(shareNL)", "\(meanEN), and \(shareEN)",
                "\(p(.nl, comparison.pMeanHolm)) en \(p(.nl, comparison.pShareHolm))", "\(p(.en, comparison.pMeanHolm)) and \(p(.en, comparison.pShareHolm))"
            )
        }
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
                guard let comparison = place.comparison, let basis = comparison.basis else { continue }
                let whereNL = place.group.map { " in \($0.label.nl)" } ?? "", whereEN = place.group.map { " in \($0.label.en ?? $0.label.nl)" } ?? ""
                func text(_ nlWord: String, _ enWord: String) -> (full: LocalizedText, plain: LocalizedText) {
                    let figures = Self.figures(place.marks, comparison, basis: basis)
                    let indicative = place.marks.n < NeighbourhoodAnalysis.indicativeN
                    let full = LocalizedText(
                        nl: "\(label.nl)\(whereNL): \(figures.nl); \(nlWord) (na Holm-correctie \(figures.pNL))" + (indicative ? "; indicatief, \(place.marks.n) antwoorden" : ""),
                        en: "\(label.en ?? label.nl)\(whereEN): \(figures.en); \(enWord) (Holm-adjusted \(figures.pEN))"
                            + (indicative ? "; indicative, \(place.marks.n) answers" : ""))
                    let plain = LocalizedText(
                        nl: "\(label.nl)\(whereNL): \(figures.nl); \(nlWord)" + (indicative ? "; weinig antwoorden (\(place.marks.n)), een aanwijzing" : ""),
                        en: "\(label.en ?? label.nl)\(whereEN): \(figures.en); \(enWord)" + (indicative ? "; few answers (\(place.marks.n)), a pointer" : ""))
                    return (full, plain)
                }
                let prefix = place.group == nil ? "" : "group-"
                if place.marks.flags.contains(.better) {
                    let said = text("duidelijk beter", "clearly better")
                    strengths.append(Entry(theme: theme.theme, group: place.group?.id, rule: prefix + "better-than-reference", text: said.full, plain: said.plain))
                }
                if place.marks.flags.contains(.worse) {
                    let said = text("duidelijk slechter", "clearly worse")
                    weaknesses.append(Entry(theme: theme.theme, group: place.group?.id, rule: prefix + "worse-than-reference", text: said.full, plain: said.plain))
                }
            }
            for indicator in theme.indicators {
                let place = indicator.buurt.map { " (\($0))" } ?? ""
                let gap = abs(indicator.gap)
                let values = "\(Language.nl.number(indicator.value)) tegen \(Language.nl.number(indicator.reference))"
                let valuesEn = "\(Language.en.number(indicator.value)) against \(Language.en.number(indicator.reference))"
                if indicator.gap <= -Indicator.clearGap {
                    strengths.append(
                        Entry(
                            theme: theme.theme, rule: "indicator-better",
                            text: LocalizedText(
                                nl: "\(label.nl): \(indicator.name)\(place) is \(Language.nl.percent(gap)) beter dan de referentie (\(values))",
                                en: "\(label.en ?? label.nl): \(indicator.name)\(place) is \(Language.en.percent(gap)) better than the reference (\(valuesEn))")))
                } else if indicator.gap >= Indicator.clearGap {
                    weaknesses.append(
                        Entry(
                            theme: theme.theme, rule: "indicator-worse",
                            text: LocalizedText(
                                nl: "\(label.nl): \(indicator.name)\(place) is \(Language.nl.percent(gap)) slechter dan de referentie (\(values))",
                                en: "\(label.en ?? label.nl): \(indicator.name)\(place) is \(Language.en.percent(gap)) worse than the reference (\(valuesEn))")))
                }
                guard let previous = indicator.previous else { continue }
                let change = "\(Language.nl.number(previous)) → \(Language.nl.number(indicator.value))"
                let changeEn = "\(Language.en.number(previous)) → \(Language.en.number(indicator.value))"
                switch indicator.trend {
                case .improving?:
                    opportunities.append(
                        Entry(
                            theme: theme.theme, rule: "improving-trend",
                            text: LocalizedText(
                                nl: "\(label.nl): \(indicator.name)\(place) verbetert (\(change))",
                                en: "\(label.en ?? label.nl): \(indicator.name)\(place) is improving (\(changeEn))")))
                case .worsening?:
                    threats.append(
                        Entry(
                            theme: theme.theme, rule: "worsening-trend",
                            text: LocalizedText(
                                nl: "\(label.nl): \(indicator.name)\(place) verslechtert (\(change))",
                                en: "\(label.en ?? label.nl): \(indicator.name)\(place) is worsening (\(changeEn))")))
                default: break
                }
            }
        }
        if participation.willing >= Self.minimumWilling, participation.askedWillingness > 0 {
            let share = Double(participation.willing) / Double(participation.askedWillingness)
            opportunities.append(
                Entry(
                    theme: nil, rule: "willing-to-help",
                    text: LocalizedText(
                        nl: "\(participation.willing) bewoners (\(Language.nl.percent(share)) van wie de vraag beantwoordde) willen meehelpen",
                        en: "\(participation.willing) residents (\(Language.en.percent(share)) of those who answered) want to help")))
        }
    }
}
