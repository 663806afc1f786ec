import Surveys
public import WijkpeilCore

/// The neighbourhood analysis: per theme the residents' marks with their uncertainty, against a
/// reference (the city) where one is given, per group (buurt), with the theme's indicators;
/// who took part; and a SWOT draft whose every entry says why.
///
/// Disclosure control and honesty are part of the result, not of its rendering: a set of fewer
/// than ``minimumN`` marks shows only its n; fewer than ``indicativeN`` is flagged indicative.
public struct NeighbourhoodAnalysis: Sendable {
    /// Below this many marks only the count is shown.
    public static let minimumN = 5
    /// Below this many marks a result is indicative.
    public static let indicativeN = 30
    /// The significance level for `worse`, `better` and `mixed`, after Holm's adjustment.
    public static let alpha = 0.05

    public enum Flag: String, Sendable, Hashable {
        /// Fewer than five marks: only n is shown.
        case small
        /// Fewer than thirty marks.
        case indicative
        /// Significantly worse than the reference (Holm-adjusted p < 0.05).
        case worse
        /// Significantly better than the reference.
        case better
        /// The groups differ significantly (one-way ANOVA p < 0.05): zoom in per buurt.
        case mixed

        /// The flag in words, for tables: `slechter`, `buurten verschillen`.
        public func label(_ language: Language) -> String {
            let nl = language == .nl
            switch self {
            case .small: return nl ? "te weinig" : "too few"
            case .indicative: return nl ? "indicatief" : "indicative"
            case .worse: return nl ? "slechter" : "worse"
            case .better: return nl ? "beter" : "better"
            case .mixed: return nl ? "buurten verschillen" : "buurten differ"
            }
        }
    }

    /// Marks of one set (the wijk, or one group), with what may be shown of them.
    public struct Marks: Sendable, Hashable {
        public var summary: MarkSummary
        public var n: Int { summary.n }
        /// Nil when fewer than ``minimumN`` marks: disclosure control.
        public var mean: Double? { shown ? summary.mean : nil }
        public var sd: Double? { shown ? summary.sd : nil }
        public var ci95: ClosedRange<Double>? { shown ? summary.ci95 : nil }
        public var dissatisfied: Proportion? { shown ? Proportion(count: summary.dissatisfied, n: summary.n) : nil }
        public var shown: Bool { summary.n >= NeighbourhoodAnalysis.minimumN }
        /// The mean as an index where the reference mean is 100 (as Rotterdam's Wijkprofiel).
        public var index: Double?
        public var flags: [Flag]
    }

    /// Which test made a `worse` or `better` flag: Welch's test of the means, the two-proportion
    /// test of the share of dissatisfied residents, or both (each Holm-adjusted p < α).
    public enum Basis: String, Sendable, Hashable {
        case mean
        case share
        case both
    }

    /// The theme against the reference set.
    public struct Comparison: Sendable, Hashable {
        public var reference: Marks
        public var pMean: Double?
        public var pMeanHolm: Double?
        public var pShare: Double?
        public var pShareHolm: Double?
        /// The test(s) behind the `worse` or `better` flag; nil when neither is flagged.
        public var basis: Basis?
    }

    public struct Group: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var responses: Int
        /// The group against the whole reference; Holm-adjusted across the themes of this group.
        public var comparison: Comparison?
        public var marks: Marks
    }

    /// How many residents named a theme where the survey asks what should improve first (a
    /// multi-choice question whose options name themes), of those who answered it.
    public struct Mentions: Sendable, Hashable {
        public var count: Int
        public var answered: Int
        /// `count / answered`; nil when fewer than ``minimumN`` answered (disclosure control).
        public var share: Double? { answered >= NeighbourhoodAnalysis.minimumN ? Double(count) / Double(answered) : nil }
    }

    public struct Theme: Sendable, Hashable {
        public var theme: String
        public var label: LocalizedText
        /// The questions asked for it, each with the hash of its wording, and their scale.
        public var questions: [String] = []
        public var wordings: [String] = []
        public var scale: ClosedRange<Int> = 1...10
        /// Nil when the survey asks no such question.
        public var mentioned: Mentions?
        public var marks: Marks
        public var comparison: Comparison?
        /// One-way ANOVA across the groups that show their marks.
        public var pGroups: Double?
        public var indicators: [Indicator]
        public var groups: [Group]
        public var flags: [Flag] { marks.flags }
    }

    public struct Representation: Sendable, Hashable {
        public struct Category: Sendable, Hashable {
            public var name: String
            public var populationShare: Double
            public var respondents: Int
            public var respondentShare: Double?
            /// The respondents' share is under half the population's.
            public var underRepresented: Bool
        }

        public var question: String
        public var categories: [Category]
        /// Respondents whose answer falls in none of the population's categories.
        public var outside: Int
        public var chiSquare: Double?
        public var degreesOfFreedom: Int?
        public var p: Double?
    }

    public struct Participation: Sendable, Hashable {
        public var responses: Int
        public var channels: [String: Int]
        public var referenceResponses: Int?
        public var representation: [Representation]
        public var willing: Int
        public var askedWillingness: Int
    }

    public var survey: String
    public var title: LocalizedText
    public var groupBy: String?
    public var themes: [Theme]
    public var participation: Participation
    public var swot: Swot
    /// This wave against an earlier one, when one was given.
    public var previous: WaveComparison?
    /// The neighbourhood and period, when given: every output names them.
    public var area: AnalysedArea?

    /// Runs the analysis. `reference` must follow the same plan (the same survey).
    public static func compute(
        sample: ResponseSample, reference: ResponseSample? = nil, indicators: [Indicator] = [], population: Population? = nil
    ) -> NeighbourhoodAnalysis {
        let plan = sample.plan
        var themes: [Theme] = []
        for (index, planTheme) in plan.themes.enumerated() {
            var marks = Marks(summary: sample.themes[index], index: nil, flags: [])
            let referenceMarks = reference.map { Marks(summary: $0.themes[index], index: nil, flags: []) }
            let comparison = referenceMarks.map { compare(&marks, with: $0) }
            var groups: [Group] = []
            for (groupIndex, option) in plan.groups.enumerated() {
                var groupMarks = Marks(summary: sample.groups[groupIndex][index], index: nil, flags: [])
                let groupComparison = referenceMarks.map { compare(&groupMarks, with: $0) }
                groupMarks.flags = sizeFlags(groupMarks)
                groups.append(
                    Group(
                        id: option.id, label: option.label, responses: sample.groupResponses[groupIndex],
                        comparison: groupComparison, marks: groupMarks))
            }
            let pGroups = SignificanceTest.oneWayANOVA(groups.filter(\.marks.shown).map(\.marks.summary))
            marks.flags = sizeFlags(marks)
            if let pGroups, pGroups < alpha { marks.flags.append(.mixed) }
            let mentioned = sample.asksMentions ? Mentions(count: sample.mentioned[planTheme.id] ?? 0, answered: sample.answeredMentions) : nil
            themes.append(
                Theme(
                    theme: planTheme.id, label: planTheme.label, questions: planTheme.questions, wordings: planTheme.wordings, scale: planTheme.scale,
                    mentioned: mentioned, marks: marks, comparison: comparison, pGroups: pGroups,
                    indicators: indicators.filter { $0.theme == planTheme.id }, groups: groups))
        }
        // Holm across the themes of this analysis: one family for the means, one for the shares.
        let meanHolm = SignificanceTest.holm(themes.map { $0.comparison?.pMean })
        let shareHolm = SignificanceTest.holm(themes.map { $0.comparison?.pShare })
        for index in themes.indices where themes[index].comparison != nil {
            themes[index].comparison!.pMeanHolm = meanHolm[index]
            themes[index].comparison!.pShareHolm = shareHolm[index]
            if let (flag, basis) = direction(themes[index].marks, themes[index].comparison) {
                themes[index].marks.flags.append(flag)
                themes[index].comparison!.basis = basis
            }
        }
        // Each group is an analysis of its own: Holm across its themes.
        for group in plan.groups.indices where reference != nil {
            let groupMeanHolm = SignificanceTest.holm(themes.map { $0.groups[group].comparison?.pMean })
            let groupShareHolm = SignificanceTest.holm(themes.map { $0.groups[group].comparison?.pShare })
            for index in themes.indices {
                themes[index].groups[group].comparison?.pMeanHolm = groupMeanHolm[index]
                themes[index].groups[group].comparison?.pShareHolm = groupShareHolm[index]
                if let (flag, basis) = direction(themes[index].groups[group].marks, themes[index].groups[group].comparison) {
                    themes[index].groups[group].marks.flags.append(flag)
                    themes[index].groups[group].comparison?.basis = basis
                }
            }
        }
        let participation = Participation(
            responses: sample.responses, channels: sample.channels, referenceResponses: reference?.responses,
            representation: population.map { representation(of: sample, against: $0) } ?? [],
            willing: sample.willing, askedWillingness: sample.askedWillingness)
        return NeighbourhoodAnalysis(
            survey: plan.survey.id, title: plan.survey.title, groupBy: plan.groupBy?.id, themes: themes,
            participation: participation, swot: Swot(themes: themes, participation: participation))
    }

    private static func sizeFlags(_ marks: Marks) -> [Flag] {
        if marks.n < minimumN { return [.small, .indicative] }
        return marks.n < indicativeN ? [.indicative] : []
    }

    /// The tests of `marks` against the reference's, and the index (reference = 100). Marks of
    /// fewer than five on either side are not tested.
    private static func compare(_ marks: inout Marks, with reference: Marks) -> Comparison {
        var comparison = Comparison(reference: reference)
        if marks.shown, reference.shown, let share = marks.dissatisfied, let referenceShare = reference.dissatisfied {
            comparison.pMean = SignificanceTest.welch(marks.summary, reference.summary)
            comparison.pShare = SignificanceTest.twoProportion(share, referenceShare)
        }
        if let mean = marks.mean, let referenceMean = reference.mean, referenceMean > 0 {
            marks.index = 100 * mean / referenceMean
        }
        return comparison
    }

    /// Worse or better only where a Holm-adjusted p is below α, with the test(s) that say so;
    /// when the mean and the share of dissatisfied residents point opposite ways, neither.
    private static func direction(_ marks: Marks, _ comparison: Comparison?) -> (Flag, Basis)? {
        guard let comparison else { return nil }
        var byMean: Flag?, byShare: Flag?
        if let p = comparison.pMeanHolm, p < alpha, let mean = marks.mean, let reference = comparison.reference.mean, mean != reference {
            byMean = mean < reference ? .worse : .better
        }
        if let p = comparison.pShareHolm, p < alpha, let share = marks.dissatisfied?.share, let reference = comparison.reference.dissatisfied?.share,
            share != reference
        {
            byShare = share > reference ? .worse : .better
        }
        switch (byMean, byShare) {
        case (let mean?, let share?): return mean == share ? (mean, .both) : nil
        case (let mean?, nil): return (mean, .mean)
        case (nil, let share?): return (share, .share)
        case (nil, nil): return nil
        }
    }

    static func representation(of sample: ResponseSample, against population: Population) -> [Representation] {
        population.groups.map { group in
            var observed = group.names.map { _ in 0 }
            var outside = 0
            switch sample.plan.survey.question(group.question)?.kind {
            case .single(_)?:
                for (option, count) in sample.choices[group.question] ?? [:] {
                    if let index = group.names.firstIndex(of: .option(option)) { observed[index] += count } else { outside += count }
                }
            default:
                for (value, count) in sample.numbers[group.question] ?? [:] {
                    let index = group.names.firstIndex { if case .range(let range) = $0 { range.contains(value) } else { false } }
                    if let index { observed[index] += count } else { outside += count }
                }
            }
            let total = observed.reduce(0, +)
            let fit = SignificanceTest.chiSquareGoodnessOfFit(observed: observed, expectedShares: group.shares)
            let categories = zip(group.names, zip(group.shares, observed)).map { category, pair in
                let share = total > 0 ? Double(pair.1) / Double(total) : nil
                return Representation.Category(
                    name: category.name, populationShare: pair.0, respondents: pair.1, respondentShare: share,
                    underRepresented: total > 0 && (share ?? 0) < pair.0 / 2)
            }
            return Representation(
                question: group.question, categories: categories, outside: outside,
                chiSquare: fit?.statistic, degreesOfFreedom: fit?.degreesOfFreedom, p: fit?.p)
        }
    }
}
