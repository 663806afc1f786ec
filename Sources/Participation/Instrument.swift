public import WijkpeilCore

/// A means of participation: an information meeting, a survey, a round table, a referendum.
///
/// The instruments of the ladder's table belong to one level; the working means the cycle's
/// steps name (desk research, draft reports) belong to none.
public struct Instrument: Sendable, Hashable, Identifiable {
    public let id: String
    public let name: LocalizedText
    /// The level the instrument belongs to, if any.
    public let level: ParticipationLevel?
    /// Whether the guide's ladder table lists it (rather than only a cycle step).
    public let onLadder: Bool

    init(_ id: String, _ nl: String, _ en: String, _ level: ParticipationLevel?, onLadder: Bool = true) {
        self.id = id
        self.name = LocalizedText(nl: nl, en: en)
        self.level = level
        self.onLadder = onLadder
    }

    /// Looks an instrument up by its id.
    public static func named(_ id: String) -> Instrument? {
        catalogue.first { $0.id == id }
    }

    /// Every instrument Wijkpeil knows, in the order of the guide.
    public static let catalogue: [Instrument] = [
        Instrument("informatiebijeenkomst", "Informatiebijeenkomst", "Information meeting", .inform),
        Instrument("huis-aan-huisblad", "Huis-aan-huisblad", "Door-to-door paper", .inform),
        Instrument("excursie", "Excursie", "Excursion", .inform),
        Instrument("campagne", "Campagne", "Campaign", .inform),
        Instrument("inspraakavond", "Inspraakavond", "Public hearing evening", .consult),
        Instrument("digitale-peiling", "Digitale peiling", "Digital poll", .consult),
        Instrument("enquete", "Enquête", "Survey", .consult),
        Instrument("groepsgesprek", "Groeps- of wijkgesprek", "Group or neighbourhood conversation", .consult),
        Instrument("adviesraad", "Adviesraad", "Advisory council", .advise),
        Instrument("wijkraad", "Wijk- of dorpsraad", "Neighbourhood or village council", .advise),
        Instrument("expertmeeting", "Expertmeeting", "Expert meeting", .advise),
        Instrument("rondetafelgesprek", "Rondetafelgesprek", "Round-table talk", .advise),
        Instrument("overleggroep", "Overleggroep", "Consultation group", .coproduce),
        Instrument("convenant", "Convenant", "Covenant", .coproduce),
        Instrument("werkatelier", "Werkatelier", "Work studio", .coproduce),
        Instrument("projectgroep", "Projectgroep", "Project group", .coproduce),
        Instrument("stuurgroep", "Stuurgroep", "Steering group", .codecide),
        Instrument("referendum", "Referendum", "Referendum", .codecide),
        // Named by the cycle's steps and the guide's tips, not in the ladder's table.
        Instrument("stickeren", "Stickeren op een bewonersavond", "Sticker voting at a resident evening", .consult, onLadder: false),
        Instrument("interviews", "Interviews", "Interviews", .consult, onLadder: false),
        Instrument("inspraakbijeenkomst", "Inspraakbijeenkomst", "Public hearing meeting", .consult, onLadder: false),
        Instrument("werkgroep", "Werkgroep", "Working group", .coproduce, onLadder: false),
        Instrument("burgerinitiatief", "Burgerinitiatief", "Citizens' initiative", .codecide, onLadder: false),
        Instrument("plan-van-aanpak", "Plan van aanpak", "Plan of approach", nil, onLadder: false),
        Instrument("deskresearch", "Deskresearch", "Desk research", nil, onLadder: false),
        Instrument("conceptrapportage", "Conceptrapportage", "Draft report", nil, onLadder: false),
        Instrument("eindrapportage", "Eindrapportage", "Final report", nil, onLadder: false),
        Instrument("jaarverslag", "Jaarverslag", "Annual report", nil, onLadder: false),
        Instrument("voortgangsbericht", "Voortgangsbericht aan bewoners", "Progress report to residents", .inform, onLadder: false),
    ]
}
