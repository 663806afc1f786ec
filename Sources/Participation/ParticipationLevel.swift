public import WijkpeilCore

/// A rung of the participation ladder (Pröpper & Steenbeek, in the guide of seed 001).
///
/// A level is a promise to residents about what happens with their input. Levels are ordered
/// from least to most influence: `inform < consult < advise < coproduce < codecide`.
public enum ParticipationLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case inform
    case consult
    case advise
    case coproduce
    case codecide

    /// The position on the ladder, 1 (inform) to 5 (co-decide).
    public var rung: Int {
        switch self {
        case .inform: 1
        case .consult: 2
        case .advise: 3
        case .coproduce: 4
        case .codecide: 5
        }
    }

    public static func < (lhs: ParticipationLevel, rhs: ParticipationLevel) -> Bool {
        lhs.rung < rhs.rung
    }

    /// The level's name: Informeren, Raadplegen, Adviseren, Coproduceren, Meebeslissen.
    public var name: LocalizedText {
        switch self {
        case .inform: LocalizedText(nl: "Informeren", en: "Inform")
        case .consult: LocalizedText(nl: "Raadplegen", en: "Consult")
        case .advise: LocalizedText(nl: "Adviseren", en: "Advise")
        case .coproduce: LocalizedText(nl: "Coproduceren", en: "Coproduce")
        case .codecide: LocalizedText(nl: "Meebeslissen", en: "Co-decide")
        }
    }

    /// Where plans and decisions lie at this level.
    public var decisions: LocalizedText {
        switch self {
        case .inform:
            LocalizedText(
                nl: "Plan- en besluitvorming liggen volledig bij politiek en bestuur.",
                en: "Plans and decisions lie entirely with politics and administration.")
        case .consult:
            LocalizedText(
                nl: "Plan- en besluitvorming liggen in hoge mate bij politiek en bestuur.",
                en: "Plans and decisions lie largely with politics and administration.")
        case .advise:
            LocalizedText(
                nl: "Plan- en besluitvorming liggen in beginsel bij politiek en bestuur.",
                en: "Plans and decisions lie in principle with politics and administration.")
        case .coproduce:
            LocalizedText(
                nl: "Politiek, bestuur en bewoners maken samen plannen en besluiten.",
                en: "Politics, administration and residents plan and decide together.")
        case .codecide:
            LocalizedText(
                nl: "Politiek en bestuur laten plan- en besluitvorming over aan bewoners en geven advies.",
                en: "Politics and administration leave plans and decisions to residents and advise them.")
        }
    }

    /// Whether residents' input binds the decision.
    public var binding: InputBinding {
        switch self {
        case .inform: .none
        case .consult: .notBinding
        case .advise: .bindingUnlessArgued
        case .coproduce: .binding
        case .codecide: .residentsDecide
        }
    }

    /// The residents' role: listener, conversation partner, adviser, partner, co-decider.
    public var residentRole: LocalizedText {
        switch self {
        case .inform: LocalizedText(nl: "toehoorder", en: "listener")
        case .consult: LocalizedText(nl: "gesprekspartner of geconsulteerde", en: "conversation partner, consulted")
        case .advise: LocalizedText(nl: "adviseur", en: "adviser")
        case .coproduce: LocalizedText(nl: "samenwerkingspartner", en: "cooperation partner")
        case .codecide: LocalizedText(nl: "medebeslisser", en: "co-decider")
        }
    }

    /// The typical instruments of this level, from the guide's table.
    public var instruments: [Instrument] {
        Instrument.catalogue.filter { $0.level == self && $0.onLadder }
    }

    /// What this level promises residents about their answers, in plain words: shown on the
    /// thank-you page and on published agendas.
    public var promise: LocalizedText {
        switch self {
        case .inform:
            LocalizedText(
                nl: "U wordt op de hoogte gehouden. Over dit onderwerp beslissen gemeente en bestuur.",
                en: "You will be kept informed. The municipality and the executive decide on this subject.")
        case .consult:
            LocalizedText(
                nl: "Uw antwoorden wegen mee, maar zijn niet bindend. De gemeente laat weten wat zij ermee heeft gedaan.",
                en: "Your answers count, but do not bind the decision. The municipality will tell you what it did with them.")
        case .advise:
            LocalizedText(
                nl: "Uw antwoorden zijn een advies. De gemeente volgt het, of legt uit waarom niet.",
                en: "Your answers are advice. The municipality follows it, or explains why not.")
        case .coproduce:
            LocalizedText(
                nl: "Bewoners en gemeente maken het plan samen; wat u inbrengt, is bindend.",
                en: "Residents and the municipality make the plan together; what you put in is binding.")
        case .codecide:
            LocalizedText(
                nl: "Bewoners beslissen. Elke bewoner heeft één stem; de uitslag wordt uitgevoerd.",
                en: "Residents decide. Every resident has one vote; the outcome will be carried out.")
        }
    }
}

/// How far residents' input binds a decision, one value per rung of the ladder.
public enum InputBinding: String, Sendable, Hashable, Codable, CaseIterable {
    /// Residents give no input; they are kept informed.
    case none
    /// Input is heard but does not bind.
    case notBinding = "not-binding"
    /// Input binds in principle; politics may deviate only with stated reasons.
    case bindingUnlessArgued = "binding-unless-argued"
    /// Input binds.
    case binding
    /// Residents decide.
    case residentsDecide = "residents-decide"

    public var description: LocalizedText {
        switch self {
        case .none: LocalizedText(nl: "geen inbreng", en: "no input")
        case .notBinding: LocalizedText(nl: "niet bindend", en: "not binding")
        case .bindingUnlessArgued:
            LocalizedText(nl: "in principe bindend; afwijken alleen met argumenten", en: "binding unless deviation is argued")
        case .binding: LocalizedText(nl: "bindend", en: "binding")
        case .residentsDecide: LocalizedText(nl: "bewoners beslissen", en: "residents decide")
        }
    }

    /// Whether deviating from residents' input needs a stated reason at this level.
    public var deviationNeedsReason: Bool {
        switch self {
        case .none, .notBinding: false
        case .bindingUnlessArgued, .binding, .residentsDecide: true
        }
    }
}
