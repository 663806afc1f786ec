import Surveys
public import WijkpeilCore

extension NeighbourhoodAnalysis {
    /// The analysis as JSON, the input of `wijkpeil agenda`: `{"survey", "title", "groupBy",
    /// "themes": [...], "participation": {...}, "swot": {...}, "previous": {...} | null, "area": {"name", "cbs", "period"} | null}`. Values hidden by disclosure
    /// control are `null`, never left out, so readers see that they were withheld.
    public var jsonValue: JSONValue {
        .object([
            "survey": .string(survey),
            "title": title.jsonValue,
            "groupBy": groupBy.map(JSONValue.string) ?? .null,
            "themes": .array(themes.map(\.jsonValue)),
            "participation": participation.jsonValue,
            "swot": swot.jsonValue,
            "previous": previous?.jsonValue ?? .null,
            "area": area?.jsonValue ?? .null,
        ])
    }
}

extension NeighbourhoodAnalysis.Marks {
    /// `n`, `mean`, `sd`, `ci95`, `dissatisfied`, `index`, `flags`.
    var fields: [String: JSONValue] {
        [
            "n": .number(Double(n)),
            "mean": number(mean), "sd": number(sd), "ci95": interval(ci95),
            "dissatisfied": dissatisfied.map { proportion in
                .object(["share": number(proportion.share), "count": .number(Double(proportion.count)), "ci95": interval(proportion.wilson95)])
            } ?? .null,
            "index": number(index),
            "flags": .array(flags.map { .string($0.rawValue) }),
        ]
    }
}

extension NeighbourhoodAnalysis.Theme {
    var jsonValue: JSONValue {
        var object = marks.fields
        object["theme"] = .string(theme)
        object["label"] = label.jsonValue
        object["questions"] = .array(zip(questions, wordings).map { .object(["id": .string($0), "wording": .string($1)]) })
        object["scale"] = .array([.number(Double(scale.lowerBound)), .number(Double(scale.upperBound))])
        object["reference"] = comparison?.jsonValue ?? .null
        object["basis"] = comparison?.basis.map { .string($0.rawValue) } ?? .null
        object["mentioned"] =
            mentioned.map { mentions in
                .object(["count": .number(Double(mentions.count)), "answered": .number(Double(mentions.answered)), "share": number(mentions.share)])
            } ?? .null
        object["pGroups"] = number(pGroups)
        object["indicators"] = .array(indicators.map(\.jsonValue))
        object["groups"] = .object(
            Dictionary(
                uniqueKeysWithValues: groups.map { group in
                    var fields = group.marks.fields
                    fields["label"] = group.label.jsonValue
                    fields["responses"] = .number(Double(group.responses))
                    fields["reference"] = group.comparison?.jsonValue ?? .null
                    fields["basis"] = group.comparison?.basis.map { .string($0.rawValue) } ?? .null
                    return (group.id, JSONValue.object(fields))
                }))
        return .object(object)
    }
}

extension NeighbourhoodAnalysis.Comparison {
    /// `n`, `mean` and `share` of the reference; `pMean`, `pMeanHolm`, `pShare`, `pShareHolm`.
    var jsonValue: JSONValue {
        .object([
            "n": .number(Double(reference.n)), "mean": number(reference.mean),
            "share": number(reference.dissatisfied?.share),
            "pMean": number(pMean), "pMeanHolm": number(pMeanHolm),
            "pShare": number(pShare), "pShareHolm": number(pShareHolm),
        ])
    }
}

extension Indicator {
    /// `indicator`, `theme`, `buurt`, `value`, `reference`, `direction`, `previous`, `gap`
    /// (positive = worse than the reference), `trend`, `year` and `series` (`[{"year", "value"}]`,
    /// oldest first; empty without years).
    public var jsonValue: JSONValue {
        .object([
            "indicator": .string(name), "theme": .string(theme), "buurt": buurt.map(JSONValue.string) ?? .null,
            "value": .number(value), "reference": .number(reference), "direction": .string(direction.rawValue),
            "previous": number(previous), "gap": .number(gap), "trend": trend.map { .string($0.rawValue) } ?? .null,
            "year": year.map { .number(Double($0)) } ?? .null,
            "series": .array(series.map { .object(["year": .number(Double($0.year)), "value": .number($0.value)]) }),
        ])
    }
}

extension NeighbourhoodAnalysis.Participation {
    var jsonValue: JSONValue {
        .object([
            "responses": .number(Double(responses)),
            "channels": .object(channels.mapValues { .number(Double($0)) }),
            "referenceResponses": referenceResponses.map { .number(Double($0)) } ?? .null,
            "willing": .object([
                "n": .number(Double(willing)), "of": .number(Double(askedWillingness)),
                "share": askedWillingness > 0 ? .number(Double(willing) / Double(askedWillingness)) : .null,
            ]),
            "representation": .array(
                representation.map { group in
                    .object([
                        "question": .string(group.question),
                        "categories": .array(
                            group.categories.map { category in
                                .object([
                                    "category": .string(category.name), "population": .number(category.populationShare),
                                    "respondents": .number(Double(category.respondents)), "share": number(category.respondentShare),
                                    "underRepresented": .bool(category.underRepresented),
                                ])
                            }),
                        "outside": .number(Double(group.outside)),
                        "chiSquare": number(group.chiSquare), "df": group.degreesOfFreedom.map { .number(Double($0)) } ?? .null,
                        "p": number(group.p),
                    ])
                }),
        ])
    }
}

extension Swot {
    var jsonValue: JSONValue {
        func entries(_ list: [Entry]) -> JSONValue {
            .array(
                list.map { entry in
                    .object([
                        "theme": entry.theme.map(JSONValue.string) ?? .null, "group": entry.group.map(JSONValue.string) ?? .null,
                        "rule": .string(entry.rule), "text": entry.text.jsonValue,
                    ])
                })
        }
        return .object([
            "strengths": entries(strengths), "weaknesses": entries(weaknesses),
            "opportunities": entries(opportunities), "threats": entries(threats),
        ])
    }
}

private func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
}

private func interval(_ range: ClosedRange<Double>?) -> JSONValue {
    guard let range else { return .null }
    return .array([.number(range.lowerBound), .number(range.upperBound)])
}
