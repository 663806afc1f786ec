public import WijkpeilCore

/// What the plan check needs to know about a survey or sticker session the plan names.
public struct ActivityFacts: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case survey
        case stickerSession = "sticker-session"
    }

    public var kind: Kind
    public var level: ParticipationLevel
    public var requiresInvite: Bool

    public init(kind: Kind, level: ParticipationLevel, requiresInvite: Bool) {
        self.kind = kind
        self.level = level
        self.requiresInvite = requiresInvite
    }
}

/// Checks a participation plan against the guide: does every step keep its promise to residents?
///
/// Errors stop the plan being used: unknown steps or levels, a survey or sticker session that
/// does not exist. Warnings say what the guide advises against, each with its reason.
public enum PlanCheck {
    /// Reads and checks a plan. `activities` maps the ids of known surveys and sticker sessions to
    /// their facts.
    public static func check(_ json: JSONValue, activities: [String: ActivityFacts]) -> Findings {
        var findings = Findings()
        guard let plan = ParticipationPlan.read(json, findings: &findings) else { return findings }
        findings.append(contentsOf: check(plan, activities: activities))
        return findings
    }

    /// Checks a plan that has been read.
    public static func check(_ plan: ParticipationPlan, activities: [String: ActivityFacts]) -> Findings {
        var findings = Findings()
        for planned in plan.steps {
            checkInstruments(planned, findings: &findings)
            checkActivities(planned, activities: activities, findings: &findings)
            // The guide's table gives each step the residents' role; a step planned below the
            // lowest level of that role promises residents less than the guide asks. (The same
            // table is what `wijkpeil cycle` shows, so a plan that follows it draws no warning.)
            if let lowest = planned.step.levels.min(), planned.level < lowest, let role = planned.step.residentRole {
                findings.warning(
                    "below-guide-role", at: planned.path.appending("level").location,
                    nl:
                        "stap \(planned.step.id) staat op \"\(planned.level.rawValue)\"; de handreiking geeft bewoners hier de rol \(role.nl) (\(planned.step.levels.map(\.rawValue).joined(separator: " of "))) — overweeg \"\(lowest.rawValue)\"",
                    en:
                        "step \(planned.step.id) is at \"\(planned.level.rawValue)\"; the guide gives residents the role of \(role.en ?? role.nl) here (\(planned.step.levels.map(\.rawValue).joined(separator: " or "))) — consider \"\(lowest.rawValue)\""
                )
            }
        }
        let informs = plan.steps.contains { planned in
            planned.level == .inform || planned.instruments.contains { Instrument.named($0)?.level == .inform }
        }
        if !informs, !plan.steps.isEmpty {
            findings.warning(
                "no-feedback-step", at: JSONPath.root.appending("steps").location,
                nl:
                    "geen stap laat bewoners weten wat er met hun inbreng is gebeurd; de rekenkamer (Almelo) vond juist dat bewoners niet over de voortgang werden geïnformeerd — voeg bijvoorbeeld stap D2 op niveau \"inform\" toe",
                en:
                    "no step tells residents what happened with their input; the audit office (Almelo) found exactly that residents were not informed of progress — add, for example, step D2 at level \"inform\""
            )
        }
        return findings
    }

    private static func checkInstruments(_ planned: PlannedStep, findings: inout Findings) {
        for (index, id) in planned.instruments.enumerated() {
            let path = planned.path.appending("instruments").appending(index)
            guard let instrument = Instrument.named(id) else {
                let hint = Identifier.closest(to: id, in: Instrument.catalogue.map(\.id))
                findings.warning(
                    "unknown-instrument", at: path.location,
                    nl: "onbekend instrument \"\(id)\"; `wijkpeil ladder` toont de bekende" + (hint.map { "; bedoelt u \($0)?" } ?? ""),
                    en: "unknown instrument \"\(id)\"; `wijkpeil ladder` lists the known ones" + (hint.map { "; did you mean \($0)?" } ?? ""))
                continue
            }
            // The guide names instruments and roles per step together (B2: a group conversation
            // or interviews, residents consulted or advising): its own pairing is no mismatch.
            let guidesPairing = planned.step.instruments.contains(instrument.id) && planned.step.levels.contains(planned.level)
            if let level = instrument.level, level != planned.level, !guidesPairing {
                findings.warning(
                    "instrument-level-mismatch", at: path.location,
                    nl:
                        "\(instrument.name.nl) hoort bij niveau \"\(level.rawValue)\", maar stap \(planned.step.id) belooft \"\(planned.level.rawValue)\"; bewoners verwachten wat het instrument belooft",
                    en:
                        "\(instrument.name.en ?? instrument.name.nl) belongs to level \"\(level.rawValue)\", but step \(planned.step.id) promises \"\(planned.level.rawValue)\"; residents expect what the instrument promises"
                )
            }
        }
    }

    private static func checkActivities(_ planned: PlannedStep, activities: [String: ActivityFacts], findings: inout Findings) {
        if let survey = planned.survey {
            let path = planned.path.appending("survey")
            if let facts = activities[survey], facts.kind == .survey {
                if planned.level == .codecide, !facts.requiresInvite {
                    findings.warning(
                        "codecide-without-invites", at: path.location,
                        nl:
                            "stap \(planned.step.id) is meebeslissen, maar enquête \"\(survey)\" vraagt geen uitnodigingscode; zonder codes is één bewoner, één stem niet af te dwingen — zet \"requiresInvite\": true",
                        en:
                            "step \(planned.step.id) is co-decide, but survey \"\(survey)\" asks no invitation code; without codes one resident, one vote cannot be enforced — set \"requiresInvite\": true"
                    )
                }
                if facts.level != planned.level {
                    findings.warning(
                        "survey-level-mismatch", at: path.location,
                        nl:
                            "enquête \"\(survey)\" belooft niveau \"\(facts.level.rawValue)\", de stap \"\(planned.level.rawValue)\"; maak ze gelijk, zodat bewoners één belofte lezen",
                        en: "survey \"\(survey)\" promises level \"\(facts.level.rawValue)\", the step \"\(planned.level.rawValue)\"; make them equal so residents read one promise"
                    )
                }
            } else {
                missing(survey, expected: .survey, found: activities[survey]?.kind, at: path, findings: &findings)
            }
        }
        if let session = planned.stickers {
            let path = planned.path.appending("stickers")
            if let facts = activities[session], facts.kind == .stickerSession {
                if planned.level == .codecide {
                    findings.warning(
                        "codecide-with-stickers", at: path.location,
                        nl: "met stickers op papier is één bewoner, één stem niet te controleren; gebruik voor meebeslissen een enquête met uitnodigingscodes",
                        en: "sticker voting on paper cannot check one resident, one vote; for co-deciding use a survey with invitation codes")
                }
            } else {
                missing(session, expected: .stickerSession, found: activities[session]?.kind, at: path, findings: &findings)
            }
        }
    }

    private static func missing(
        _ id: String, expected: ActivityFacts.Kind, found: ActivityFacts.Kind?, at path: JSONPath, findings: inout Findings
    ) {
        let (nl, en) = expected == .survey ? ("enquête", "survey") : ("stickersessie", "sticker session")
        if found != nil {
            findings.error(
                "wrong-activity-kind", at: path.location,
                nl: "\"\(id)\" is geen \(nl); zet het onder \(expected == .survey ? "\"stickers\"" : "\"survey\"")",
                en: "\"\(id)\" is not a \(en); put it under \(expected == .survey ? "\"stickers\"" : "\"survey\"")")
        } else {
            findings.error(
                "unknown-\(expected.rawValue)", at: path.location,
                nl: "er is geen \(nl) \"\(id)\"; `wijkpeil surveys list` toont wat er is, of geef de map met --surveys",
                en: "there is no \(en) \"\(id)\"; `wijkpeil surveys list` shows what there is, or name the folder with --surveys")
        }
    }
}
