public import Programme
public import WijkpeilCore

/// The council's dashboard for one neighbourhood, over the years: Ekwadraat's five questions —
/// is there trust, is there movement, which results, are we on schedule, do we do the right
/// things — each answered with figures from the files the organiser has. Everything shown is
/// computed here; the page (``html(language:)``) and the JSON (``jsonValue``) only show it.
public struct Dashboard: Sendable {
    /// A count of yes out of those who answered.
    public struct Share: Sendable, Hashable {
        public var yes: Int
        public var of: Int
        public var value: Double? { of > 0 ? Double(yes) / Double(of) : nil }

        public init(yes: Int, of: Int) {
            self.yes = yes
            self.of = of
        }
    }

    /// One evaluation survey's answer on trust, as one resident gave it.
    public struct TrustAnswer: Sendable, Hashable {
        public var buurt: String?
        /// `ja`, `deels` or `nee`.
        public var informed: String?
        /// `ja`, `beetje`, `nee` or `weet-niet`.
        public var visible: String?

        public init(buurt: String?, informed: String?, visible: String?) {
            self.buurt = buurt
            self.informed = informed
            self.visible = visible
        }
    }

    /// Trust in one wave of the evaluation survey: the share kept informed ("ja") and the share
    /// who see results ("ja", of those who gave an opinion), for the wijk and per buurt.
    public struct TrustWave: Sendable, Hashable {
        public var label: String
        public var responses: Int
        public var informed: Share
        public var visible: Share
        public var perBuurt: [String: BuurtTrust]

        public struct BuurtTrust: Sendable, Hashable {
            public var informed: Share
            public var visible: Share

            public init(informed: Share, visible: Share) {
                self.informed = informed
                self.visible = visible
            }
        }

        public init(label: String, answers: [TrustAnswer]) {
            self.label = label
            responses = answers.count
            func informed(_ answers: [TrustAnswer]) -> Share {
                let given = answers.compactMap(\.informed)
                return Share(yes: given.filter { $0 == "ja" }.count, of: given.count)
            }
            func visible(_ answers: [TrustAnswer]) -> Share {
                let given = answers.compactMap(\.visible).filter { $0 != "weet-niet" }
                return Share(yes: given.filter { $0 == "ja" }.count, of: given.count)
            }
            self.informed = informed(answers)
            self.visible = visible(answers)
            var perBuurt: [String: BuurtTrust] = [:]
            for buurt in Set(answers.compactMap(\.buurt)) {
                let own = answers.filter { $0.buurt == buurt }
                perBuurt[buurt] = BuurtTrust(informed: informed(own), visible: visible(own))
            }
            self.perBuurt = perBuurt
        }
    }

    /// Who took part in one wave of the neighbourhood survey (from its analysis).
    public struct MovementWave: Sendable, Hashable {
        public var label: String
        public var respondents: Int
        public var channels: [String: Int]
        /// Willing to help (volunteers).
        public var willing: Share?
        /// Groups under half their share of the population, as `leeftijd 15-24`.
        public var underRepresented: [String]

        public init(label: String, respondents: Int, channels: [String: Int], willing: Share?, underRepresented: [String]) {
            self.label = label
            self.respondents = respondents
            self.channels = channels
            self.willing = willing
            self.underRepresented = underRepresented
        }
    }

    /// One resident evening's sticker voting (from its tally).
    public struct Evening: Sendable, Hashable {
        public var session: String
        public var participants: Int
        public var stickers: Int

        public init(session: String, participants: Int, stickers: Int) {
            self.session = session
            self.participants = participants
            self.stickers = stickers
        }
    }

    public var wijk: String
    public var year: Int
    public var today: CalendarDate
    public var trust: [TrustWave]
    public var movement: [MovementWave]
    public var evenings: [Evening]
    /// Results and schedule: the programme as it stands on `today` (the last report's period).
    public var progress: ProgressReport
    /// Every milestone with where it stands on `today`.
    public var milestones: [(milestone: Milestone, state: Milestone.State)]
    /// Actions past their end month on `today` and neither done nor stopped.
    public var actionsBehind: [Action]

    public init(
        programme: Programme, today: CalendarDate, trust: [TrustWave], movement: [MovementWave], evenings: [Evening],
        measurements: [String: [Goal.Measure]], evidence: [String: PriorityEvidence]?, commitments: [Commitment]?
    ) {
        wijk = programme.wijk
        year = programme.year
        self.today = today
        self.trust = trust
        self.movement = movement
        self.evenings = evenings
        // The report whose period today falls in (or the last one, after the year).
        let months = today.year > programme.year ? 12 : today.year < programme.year ? 4 : min(12, max(4, (today.month + 3) / 4 * 4))
        progress = ProgressReport(
            programme: programme, period: ProgressReport.Period(year: programme.year, months: months)!, today: today, measurements: measurements,
            evidence: evidence, commitments: commitments)
        milestones = programme.calendar.map { ($0, $0.state(forProgrammeYear: programme.year, today: today)) }
        let thisMonth = String(today.description.prefix(7))
        actionsBehind = programme.actions.filter { action in
            guard let end = action.end, ![.done, .lapsed, .notFeasible].contains(action.status) else { return false }
            return end < thisMonth
        }
    }

    /// The priorities, each with the council's latest decision on it (or none yet).
    public var decisions: [ProgressReport.PriorityProgress] { progress.priorities }
}
