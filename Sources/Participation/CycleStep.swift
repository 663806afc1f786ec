public import WijkpeilCore

/// A phase of the neighbourhood cycle (wijkplancyclus) in which residents take part.
public enum CyclePhase: String, Sendable, Hashable, Codable, CaseIterable {
    case analysis
    case agenda
    case programme
    case aftercare

    public var name: LocalizedText {
        switch self {
        case .analysis: LocalizedText(nl: "Wijkanalyse", en: "Neighbourhood analysis")
        case .agenda: LocalizedText(nl: "Wijkagenda", en: "Neighbourhood agenda")
        case .programme: LocalizedText(nl: "Wijkprogramma", en: "Neighbourhood programme")
        case .aftercare: LocalizedText(nl: "Nazorg", en: "Aftercare")
        }
    }

    /// The letter of the phase's step ids.
    public var letter: Character {
        switch self {
        case .analysis: "A"
        case .agenda: "B"
        case .programme: "C"
        case .aftercare: "D"
        }
    }
}

/// A step of the neighbourhood cycle, with its instruments and the residents' role.
///
/// Steps A0–A6, B1–B5 and C1–C8 are the guide's tables (seed 001). D1–D2 are Wijkpeil's reading
/// of the guide's aftercare section and of the audit office's finding in seed 002 (residents were
/// not told about progress): evaluate after a year, and tell residents what came of their input.
public struct CycleStep: Sendable, Hashable, Identifiable {
    /// `A0`…`A6`, `B1`…`B5`, `C1`…`C8`, `D1`…`D2`.
    public let id: String
    public let phase: CyclePhase
    public let activity: LocalizedText
    /// Ids of the instruments the guide names for the step (see ``Instrument``).
    public let instruments: [String]
    /// The residents' role in the guide's words; `nil` where the guide gives none ("‐").
    public let residentRole: LocalizedText?
    /// The levels that role corresponds to on the ladder; empty where residents have no role.
    public let levels: [ParticipationLevel]
    /// Steps this one may be combined with, as the guide notes.
    public let combinableWith: [String]

    init(
        _ id: String, _ phase: CyclePhase, nl: String, en: String, instruments: [String],
        role: (nl: String, en: String)? = nil, levels: [ParticipationLevel] = [], combinableWith: [String] = []
    ) {
        self.id = id
        self.phase = phase
        self.activity = LocalizedText(nl: nl, en: en)
        self.instruments = instruments
        self.residentRole = role.map { LocalizedText(nl: $0.nl, en: $0.en) }
        self.levels = levels
        self.combinableWith = combinableWith
    }

    /// Looks a step up by its id, ignoring case and spaces (`a 5` finds `A5`).
    public static func named(_ id: String) -> CycleStep? {
        let key = id.uppercased().filter { !$0.isWhitespace }
        return all.first { $0.id == key }
    }

    /// Every step of the cycle in order.
    public static let all: [CycleStep] = [
        CycleStep(
            "A0", .analysis, nl: "Plan van aanpak voor de wijkplancyclus vaststellen met professionals en bewonersorganisatie",
            en: "Agree the plan of approach for the cycle with professionals and the residents' organisation",
            instruments: ["plan-van-aanpak"], role: ("adviseur", "adviser"), levels: [.advise]),
        CycleStep(
            "A1", .analysis, nl: "Objectieve (statistische) en subjectieve gegevens (bewonersenquêtes, leefbaarheidsmonitoren) verzamelen",
            en: "Gather objective (statistical) and subjective data (resident surveys, liveability monitors)",
            instruments: ["deskresearch"]),
        CycleStep(
            "A2", .analysis, nl: "Concept-wijkanalyse opstellen", en: "Write the first draft of the analysis",
            instruments: ["conceptrapportage"]),
        CycleStep(
            "A3", .analysis, nl: "Concept bespreken met professionals en bewonersorganisatie en aanvullen met subjectieve gegevens",
            en: "Discuss the draft with professionals and the residents' organisation and add subjective data",
            instruments: ["groepsgesprek", "interviews"], role: ("geconsulteerde", "consulted"), levels: [.consult]),
        CycleStep(
            "A4", .analysis, nl: "Concept-wijkanalyse aanpassen", en: "Revise the draft (second draft)",
            instruments: ["conceptrapportage"]),
        CycleStep(
            "A5", .analysis, nl: "Wijkanalyse presenteren in de wijk", en: "Present the analysis in the neighbourhood",
            instruments: ["inspraakbijeenkomst", "digitale-peiling"], role: ("gesprekspartner", "conversation partner"), levels: [.consult]),
        CycleStep(
            "A6", .analysis, nl: "Wijkanalyse definitief maken", en: "Finalise the analysis",
            instruments: ["eindrapportage"]),
        CycleStep(
            "B1", .agenda, nl: "Vastgestelde toekomstige ontwikkelingen in en rond de wijk inventariseren",
            en: "Inventory future developments (policy, plans, society) affecting the neighbourhood",
            instruments: ["deskresearch"], combinableWith: ["A1"]),
        CycleStep(
            "B2", .agenda, nl: "Visie en speerpunten inventariseren bij professionals en bewonersorganisatie",
            en: "Inventory vision and priorities with professionals and the residents' organisation",
            instruments: ["groepsgesprek", "interviews"], role: ("geconsulteerde, adviseur", "consulted, adviser"),
            levels: [.consult, .advise], combinableWith: ["A3"]),
        CycleStep(
            "B3", .agenda, nl: "Concept-wijkagenda opstellen", en: "Draft the neighbourhood agenda",
            instruments: ["conceptrapportage"]),
        CycleStep(
            "B4", .agenda, nl: "Concept-wijkagenda bespreken met de wijk", en: "Discuss the draft agenda with the neighbourhood",
            instruments: ["inspraakavond"], role: ("geconsulteerde", "consulted"), levels: [.consult], combinableWith: ["A5"]),
        CycleStep(
            "B5", .agenda, nl: "Wijkagenda definitief maken", en: "Finalise the agenda",
            instruments: ["eindrapportage"]),
        CycleStep(
            "C1", .programme, nl: "Bereidheid van bewoners inventariseren om mee te doen aan het wijkprogramma",
            en: "Inventory residents' willingness to take part in the programme",
            instruments: ["inspraakavond"], role: ("geconsulteerde", "consulted"), levels: [.consult], combinableWith: ["A5", "B4"]),
        CycleStep(
            "C2", .programme, nl: "Maatregelen, projecten en activiteiten inventariseren bij professionals en bewonersorganisatie",
            en: "Inventory measures, projects and activities with professionals and the residents' organisation",
            instruments: ["rondetafelgesprek", "werkatelier"], role: ("adviseur, samenwerkingspartner", "adviser, cooperation partner"),
            levels: [.advise, .coproduce]),
        CycleStep(
            "C3", .programme, nl: "Concept-wijkprogramma opstellen", en: "Draft the programme",
            instruments: ["conceptrapportage"]),
        CycleStep(
            "C4", .programme, nl: "Concept-wijkprogramma bespreken met de wijk", en: "Discuss the draft programme with the neighbourhood",
            instruments: ["inspraakavond"], role: ("geconsulteerde", "consulted"), levels: [.consult]),
        CycleStep(
            "C5", .programme, nl: "Wijkprogramma definitief maken", en: "Finalise the programme",
            instruments: ["eindrapportage"]),
        CycleStep(
            "C6", .programme, nl: "Goedkeuring door politiek en bestuur", en: "Political approval",
            instruments: []),
        CycleStep(
            "C7", .programme, nl: "Wijkprogramma uitvoeren", en: "Carry out the programme",
            instruments: ["werkgroep", "projectgroep"], role: ("samenwerkingspartner", "cooperation partner"), levels: [.coproduce]),
        CycleStep(
            "C8", .programme, nl: "Ruimte bieden voor zelfbeheer en eigen initiatieven van bewoners binnen de wijkagenda",
            en: "Leave room for self-management and residents' own initiatives within the agenda",
            instruments: ["burgerinitiatief"], role: ("medebeslissers", "co-deciders"), levels: [.codecide]),
        CycleStep(
            "D1", .aftercare, nl: "Na een jaar evalueren en bijstellen, en blijven luisteren naar bewoners",
            en: "Evaluate after a year and adjust; keep listening to residents",
            instruments: ["enquete", "jaarverslag"], role: ("geconsulteerde", "consulted"), levels: [.consult]),
        CycleStep(
            "D2", .aftercare, nl: "Bewoners laten weten wat er met hun inbreng is gebeurd en hoe het programma vordert",
            en: "Tell residents what happened with their input and how the programme is progressing",
            instruments: ["voortgangsbericht", "huis-aan-huisblad", "informatiebijeenkomst"],
            role: ("toehoorder", "listener"), levels: [.inform]),
    ]
}
