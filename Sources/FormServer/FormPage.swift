import HTTPCore
import Participation
import QRCode
import Surveys
import WijkpeilCore

/// The HTML residents see: the list of surveys, a survey's form (again with its errors), the
/// confirmation of a binding ballot, and the thank-you page with the level's promise.
///
/// Works without JavaScript, one column on a phone, a label for every input, fieldset and
/// legend for every group, errors named in text and linked from a summary at the top. Every
/// text from a definition or an answer goes through ``Markup/escape(_:)``.
struct FormPage {
    let language: Language
    var settings = SiteSettings()

    var nl: Bool { language == .nl }

    func text(_ localized: LocalizedText) -> String { Markup.escape(localized.text(in: language)) }

    /// `?lang=en` kept on links and form actions when English was asked for.
    var languageQuery: String { language == .nl ? "" : "?lang=\(language.rawValue)" }

    func document(title: String, body: String, switchTo path: String, refresh: Int? = nil) -> String {
        let other: Language = language == .nl ? .en : .nl
        let switchLink =
            "<a href=\"\(Markup.escape(path))\(other == .nl ? "" : "?lang=en")\" lang=\"\(other.rawValue)\" hreflang=\"\(other.rawValue)\">\(other == .nl ? "Nederlands" : "English")</a>"
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">\(refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
            <title>\(Markup.escape(title))</title>
            <link rel="stylesheet" href="/static/wijkpeil.css"></head>
            <body><header><p class="site"><a href="/\(languageQuery)">Wijkpeil</a></p><p class="language">\(switchLink)</p></header>
            <main id="inhoud">
            \(body)
            </main>
            \(footer)</body></html>

            """
    }

    /// Who is behind the page, its privacy statement and a contact, as the organiser set them.
    var footer: String {
        var parts: [String] = []
        if let organisation = settings.organisation {
            parts.append(nl ? "Deze vragenlijsten zijn van \(Markup.escape(organisation))." : "These surveys are run by \(Markup.escape(organisation)).")
        }
        if let privacy = settings.privacyURL {
            parts.append("<a href=\"\(Markup.escape(privacy))\">\(nl ? "Privacyverklaring" : "Privacy statement")</a>")
        }
        if let contact = settings.contactLink {
            let shown = contact.href.map { "<a href=\"\(Markup.escape($0))\">\(Markup.escape(contact.text))</a>" } ?? Markup.escape(contact.text)
            parts.append((nl ? "Vragen? " : "Questions? ") + shown)
        }
        guard !parts.isEmpty else { return "" }
        return "<footer><p>" + parts.joined(separator: " · ") + "</p></footer>"
    }

    // MARK: Pages

    /// The surveys open now, the main one first, each with what an answer does in plain words.
    func index(_ surveys: [SurveyDefinition]) -> String {
        let ordered = surveys.filter { $0.id == settings.mainSurvey } + surveys.filter { $0.id != settings.mainSurvey }
        var body = "<h1>\(nl ? "Vragenlijsten" : "Surveys")</h1>\n"
        body +=
            "<p>\(nl ? "Kies een vragenlijst. Bij elke staat wat er met uw antwoorden gebeurt." : "Choose a survey. Each says what happens with your answers.")</p>\n<ul class=\"surveys\">"
        for survey in ordered {
            body += "<li><a href=\"/s/\(survey.id)\(languageQuery)\">\(text(survey.title))</a><p class=\"level\">\(text(survey.level.promise))</p></li>"
        }
        body += "</ul>"
        return document(title: nl ? "Vragenlijsten" : "Surveys", body: body, switchTo: "/")
    }

    /// The page for the projector: the QR code of a survey's form (or of the list) in large
    /// type, the address written out beside it. `base` ends in `/`.
    func projector(survey: SurveyDefinition?, base: String, reachable: Bool) -> String {
        let address = base + (survey.map { "s/\($0.id)" } ?? "") + (language == .nl ? "" : "?lang=en")
        let title = survey.map { text($0.title) } ?? (nl ? "Vragenlijsten" : "Surveys")
        var body = "<div class=\"projector\"><h1>\(nl ? "Doe mee: scan de code" : "Take part: scan the code")</h1>\n<p class=\"survey\">\(title)</p>\n"
        if let code = try? QRCode(encoding: address) {
            body += "<div class=\"qr\">" + code.svg(moduleSize: 10, quietZone: 4, title: (nl ? "QR-code voor " : "QR code for ") + address) + "</div>\n"
        }
        body += "<p class=\"address\">\(nl ? "Of typ" : "Or type"): <strong>\(Markup.escape(address))</strong></p>\n"
        body += "<p>\(nl ? "Gebruik de wifi van deze zaal." : "Use this venue's Wi-Fi.")</p>"
        if !reachable {
            body +=
                "<p class=\"notice\">\(nl ? "Let op: deze server is alleen op deze computer te bereiken. Start hem met --host 0.0.0.0 voor telefoons op de wifi." : "Note: this server is reachable from this computer only. Start it with --host 0.0.0.0 for phones on the Wi-Fi.")</p>"
        }
        body += "</div>"
        return document(title: (nl ? "Doe mee — " : "Take part — ") + (survey?.title.text(in: language) ?? "Wijkpeil"), body: body, switchTo: "/qr")
    }

    /// The live results for the projector, in large type, refreshing itself every 5 seconds
    /// without a script: per sticker question the stickers per subject and colour, per choice the
    /// counts, per mark the mean. `results` is the public view (``ResultsSummary``).
    func liveResults(_ survey: SurveyDefinition, results: JSONValue, paper: PaperStickers = PaperStickers(), refreshing: Bool = true) -> String {
        func field(_ value: JSONValue?, _ key: String) -> JSONValue? {
            if case .object(let fields)? = value { return fields[key] }
            return nil
        }
        var body = "<div class=\"live\"><h1>\(text(survey.title))</h1>\n"
        let n =
            field(results, "n").map { value -> String in
                if case .number(let count) = value { return String(Int(count)) }
                return nl ? "minder dan 5" : "fewer than 5"
            } ?? "0"
        body += "<p class=\"count\">\(nl ? "Tot nu toe" : "So far"): <strong>\(n)</strong> \(nl ? "deelnemers" : "participants")"
        if paper.stickers > 0 {
            body += nl ? ", en \(paper.stickers) stickers op de posters" : ", and \(paper.stickers) stickers on the posters"
        }
        body += "</p>\n"
        if !paper.unsettled.isEmpty {
            body +=
                "<p class=\"note\">\(nl ? "De papieren tellingen tellen nog niet mee: de twee invoeren verschillen of een bestand klopt niet (wijkpeil stickers tally zegt waar)." : "The paper counts are not included yet: the two entries differ or a file is wrong (wijkpeil stickers tally says where).")</p>\n"
        }
        for question in survey.questions {
            guard let shown = field(field(results, "questions"), question.id) else { continue }
            func count(_ key: String) -> (text: String, value: Int) {
                switch field(field(shown, "counts"), key) {
                case .number(let value)?: (String(Int(value)), Int(value))
                case .string(let text)?: (text, 0)
                default: ("0", 0)
                }
            }
            var rows: [(label: String, text: String, value: Int)] = []
            switch question.kind {
            case .sessionStickers(let allotment):
                for colour in allotment.colours {
                    for option in allotment.options {
                        let counted = count("\(colour.id):\(option.id)")
                        rows.append(("\(self.text(option.label)) — \(self.text(colour.label))", counted.text, counted.value))
                    }
                }
            case .stickers(let options, _, _), .single(let options), .multi(let options, _, _):
                for option in options {
                    let counted = count(option.id)
                    rows.append((self.text(option.label), counted.text, counted.value))
                }
            case .rating:
                if case .number(let mean)? = field(shown, "mean") { rows.append((nl ? "gemiddeld" : "mean", language.decimal(mean), 0)) }
            default:
                continue
            }
            guard !rows.isEmpty else { continue }
            let largest = max(1, rows.map(\.value).max() ?? 1)
            body += "<section><h2>\(text(question.text))</h2><ol class=\"bars\">"
            for row in rows.sorted(by: { $0.value > $1.value }) {
                let share = row.value * 100 / largest
                body += "<li><span class=\"label\">\(row.label)</span> <span class=\"figure\">\(Markup.escape(row.text))</span><span class=\"bar w\(share / 5 * 5)\"></span></li>"
            }
            body += "</ol></section>\n"
        }
        body +=
            "<p class=\"note\">\(nl ? "De uitslag loopt in stappen van vijf deelnemers, zodat niemand herkenbaar is." : "The results move in steps of five participants, so nobody can be recognised.") "
        // Whoever reads at their own pace can stop the refreshing (WCAG 2.2.1).
        let path = "/s/\(survey.id)/uitslag"
        body +=
            refreshing
            ? "\(nl ? "Deze pagina ververst zichzelf elke 5 seconden." : "This page refreshes itself every 5 seconds.") <a href=\"\(path)?ververs=nee\(nl ? "" : "&amp;lang=en")\">\(nl ? "Niet verversen" : "Stop refreshing")</a>"
            : "<a href=\"\(path)\(languageQuery)\">\(nl ? "Weer verversen" : "Refresh again")</a>"
        body += "</p></div>"
        return document(title: (nl ? "Uitslag — " : "Results — ") + survey.title.text(in: language), body: body, switchTo: path, refresh: refreshing ? 5 : nil)
    }

    struct FormState {
        var fields: URLEncodedForm = URLEncodedForm(pairs: [])
        var errors: [AnswerError] = []
        var submissionKey: String
        var csrf: String
        /// A sentence above the form: why it is shown again (expired, not stored) and what to do.
        var notice: LocalizedText?
    }

    func form(_ survey: SurveyDefinition, state: FormState) -> String {
        // The error summary stands above the heading and takes focus, as on government forms.
        var body = ""
        if !state.errors.isEmpty {
            body += "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"fouten-titel\" tabindex=\"-1\" id=\"fouten\" autofocus>"
            body += "<h2 id=\"fouten-titel\">\(nl ? "Er is een probleem" : "There is a problem")</h2><ul>"
            for error in state.errors {
                body += "<li><a href=\"#i-\(Markup.escape(error.question))\">\(message(error, in: survey))</a></li>"
            }
            body += "</ul></div>\n"
        }
        body += "<h1>\(text(survey.title))</h1>\n"
        if let intro = survey.intro { body += "<p class=\"intro\">\(text(intro))</p>\n" }
        body += "<p class=\"promise\">\(text(survey.level.promise))</p>\n"
        if let needed = neededNote(survey) { body += "<p class=\"needed\">\(needed)</p>\n" }
        if let notice = state.notice {
            body += "<div class=\"notice\" role=\"alert\"><p>\(text(notice))</p></div>\n"
        }
        body += "<form method=\"post\" action=\"/s/\(survey.id)\(languageQuery)\" novalidate>\n"
        body += "<input type=\"hidden\" name=\"_key\" value=\"\(Markup.escape(state.submissionKey))\">"
        body += "<input type=\"hidden\" name=\"_csrf\" value=\"\(Markup.escape(state.csrf))\">\n"
        if survey.requiresInvite {
            body += inviteField(state, survey: survey)
        }
        for question in survey.questions {
            body += field(question, state: state, survey: survey) + "\n"
        }
        body +=
            "<div class=\"buttons\"><button type=\"submit\">\(survey.level == .codecide ? (nl ? "Verder naar bevestigen" : "Continue to confirm") : (nl ? "Versturen" : "Send"))</button>"
        if survey.questions.contains(where: \.kind.isStickers) {
            // Without JavaScript, this shows the count of stickers left; nothing is stored.
            body += " <button type=\"submit\" name=\"_count\" value=\"ja\" class=\"secondary\">\(nl ? "Tel mijn stickers" : "Count my stickers")</button>"
        }
        body += "</div>\n</form>"
        if survey.questions.contains(where: \.kind.isStickers) { body += "\n<script src=\"/static/wijkpeil.js\" defer></script>" }
        return document(title: (state.errors.isEmpty ? "" : (nl ? "Fout: " : "Error: ")) + survey.title.text(in: language), body: body, switchTo: "/s/\(survey.id)")
    }

    /// What must be answered, said once at the top, so that only optional questions need a mark.
    private func neededNote(_ survey: SurveyDefinition) -> String? {
        let required = survey.questions.filter(\.required).count
        if required == 0 { return nl ? "U mag elke vraag overslaan." : "You may skip any question." }
        if required == survey.questions.count { return nl ? "Alle vragen zijn verplicht." : "All questions must be answered." }
        return nl
            ? "Beantwoord alle vragen, behalve de vragen met ‘(niet verplicht)’ erbij."
            : "Answer all questions, except those marked ‘(optional)’."
    }

    /// The one text of an error, the same in the summary and beside its field: a missing answer
    /// names its question, other messages say what to fix.
    func message(_ error: AnswerError, in survey: SurveyDefinition) -> String {
        if error.code == .missing, let question = survey.question(error.question) {
            let asked = question.text.text(in: language)
            switch question.kind {
            case .single, .rating, .consent, .multi, .approval:
                return Markup.escape(nl ? "Kies een antwoord bij ‘\(asked)’" : "Choose an answer to ‘\(asked)’")
            case .stickers, .sessionStickers:
                return Markup.escape(nl ? "Plak ten minste één sticker bij ‘\(asked)’" : "Place at least one sticker for ‘\(asked)’")
            default:
                return Markup.escape(nl ? "Vul een antwoord in bij ‘\(asked)’" : "Fill in an answer to ‘\(asked)’")
            }
        }
        return text(error.message)
    }

    private func inviteField(_ state: FormState, survey: SurveyDefinition) -> String {
        let errors = state.errors.filter { $0.question == "_invite" }
        var html = "<div class=\"question\(errors.isEmpty ? "" : " has-error")\">"
        html += "<label for=\"i-_invite\">\(nl ? "Uw uitnodigingscode" : "Your invitation code")</label>"
        html +=
            "<p class=\"help\" id=\"h-_invite\">\(nl ? "Staat op uw uitnodiging: 15 letters en cijfers, zoals ABCDE-FGHJK-LMNPQ. Streepjes, spaties en hoofdletters maken niet uit." : "It is on your invitation: 15 letters and digits, such as ABCDE-FGHJK-LMNPQ. Dashes, spaces and capitals do not matter.")</p>"
        html += errorText("_invite", errors, survey: survey)
        html +=
            "<input id=\"i-_invite\" name=\"_invite\" type=\"text\" class=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"40\" value=\"\(Markup.escape(state.fields.value("_invite") ?? ""))\" aria-describedby=\"h-_invite\(errors.isEmpty ? "" : " e-_invite")\"\(errors.isEmpty ? "" : " aria-invalid=\"true\"")></div>\n"
        return html
    }

    private func errorText(_ id: String, _ errors: [AnswerError], survey: SurveyDefinition) -> String {
        guard !errors.isEmpty else { return "" }
        return "<p class=\"error\" id=\"e-\(Markup.escape(id))\"><span class=\"visually-hidden\">\(nl ? "Fout:" : "Error:") </span>"
            + errors.map { message($0, in: survey) }.joined(separator: " ") + "</p>"
    }

    private func field(_ question: Question, state: FormState, survey: SurveyDefinition) -> String {
        let id = question.id
        let errors = state.errors.filter { $0.question == id }
        let optional = question.required ? "" : " <span class=\"optional\">(\(nl ? "niet verplicht" : "optional"))</span>"
        let help = question.help.map { "<p class=\"help\" id=\"h-\(id)\">\(text($0))</p>" } ?? ""
        let described = ([question.help == nil ? nil : "h-\(id)", errors.isEmpty ? nil : "e-\(id)"].compactMap { $0 }).joined(separator: " ")
        let describedBy = described.isEmpty ? "" : " aria-describedby=\"\(described)\""
        let invalid = errors.isEmpty ? "" : " aria-invalid=\"true\""
        let value = state.fields.value(id) ?? ""
        // A field sent empty ("Geen antwoord") is checked again; a fresh form checks nothing.
        let picked = Set(state.fields.value(id).map { [$0] } ?? [])
        let groupClass = "question" + (errors.isEmpty ? "" : " has-error")
        let error = errorText(id, errors, survey: survey)

        // Label, then hints, then the error, then the field: on every field type.
        func group(hints: String = "", _ inner: String) -> String {
            "<fieldset class=\"\(groupClass)\"\(describedBy)><legend>\(text(question.text))\(optional)</legend>\(help)\(hints)\(error)\(inner)</fieldset>"
        }
        func single(hints: String = "", _ input: String) -> String {
            "<div class=\"\(groupClass)\"><label for=\"i-\(id)\">\(text(question.text))\(optional)</label>\(help)\(hints)\(error)\(input)</div>"
        }
        /// Options stacked one per line (a rating scale in a row); an optional one-answer
        /// question can be cleared with "Geen antwoord".
        func choices(_ options: [(value: String, label: String)], type: String, chosen: Set<String>, layout: String = "choices") -> String {
            var html = "<div class=\"\(layout)\">"
            var all = options
            if type == "radio", !question.required { all.append(("", nl ? "Geen antwoord" : "No answer")) }
            for (index, option) in all.enumerated() {
                let inputID = index == 0 ? "i-\(id)" : "i-\(id)-\(option.value.isEmpty ? "geen" : String(index))"
                let checked = chosen.contains(option.value)
                let clear = option.value.isEmpty ? " clear" : ""
                // On a scale the marks stand in a row, "Geen antwoord" on a line below them.
                if option.value.isEmpty, layout != "choices" { html += "</div><div class=\"choices\">" }
                html +=
                    "<div class=\"choice\(clear)\"><input type=\"\(type)\" id=\"\(inputID)\" name=\"\(id)\" value=\"\(Markup.escape(option.value))\"\(checked ? " checked" : "")\(invalid)>"
                html += "<label for=\"\(inputID)\">\(option.label)</label></div>"
            }
            return html + "</div>"
        }

        switch question.kind {
        case .rating(let min, let max, let labels):
            let ends = [labels[min].map { "\(min) = \(text($0))" }, labels[max].map { "\(max) = \(text($0))" }].compactMap { $0 }.joined(separator: ", ")
            let marks = (min...max).map { (String($0), String($0)) }
            let scale = choices(marks, type: "radio", chosen: picked, layout: "choices scale")
            return group(hints: ends.isEmpty ? "" : "<p class=\"scale-ends\">\(ends)</p>", scale)
        case .single(let options):
            return group(choices(options.map { ($0.id, text($0.label)) }, type: "radio", chosen: picked))
        case .multi(let options, _, let maxChoices):
            let hint = maxChoices.map { "<p class=\"help\">\(nl ? "Kies er hoogstens \($0)." : "Choose at most \($0).")</p>" } ?? ""
            return group(hints: hint, choices(options.map { ($0.id, text($0.label)) }, type: "checkbox", chosen: Set(state.fields.values(id))))
        case .approval(let options, let budget, _, let maxChoices, let maxCost):
            // Each proposal with its cost; the total of the choice is shown on the confirmation
            // page before the vote is cast (no script needed).
            var hint =
                nl
                ? "Er is €\u{00A0}\(language.grouped(budget)) te verdelen. Kies de voorstellen die u wilt."
                : "There is €\u{00A0}\(language.grouped(budget)) to spend. Choose the proposals you want."
            if maxCost { hint += nl ? " Samen mogen ze niet meer kosten dan het budget." : " Together they may not cost more than the budget." }
            if let maxChoices { hint += nl ? " Kies er hoogstens \(maxChoices)." : " Choose at most \(maxChoices)." }
            // A no-break space keeps € with its amount when the label wraps on a phone.
            let labelled = options.map { ($0.id, text($0.label) + " — €\u{00A0}" + language.grouped($0.cost ?? 0)) }
            return group(hints: "<p class=\"help\">\(Markup.escape(hint))</p>", choices(labelled, type: "checkbox", chosen: Set(state.fields.values(id))))
        case .consent:
            return group(choices([("ja", nl ? "Ja" : "Yes"), ("nee", nl ? "Nee" : "No")], type: "radio", chosen: picked))
        case .number(let min, let max, _):
            let range = [min.map { nl ? "vanaf \(format($0))" : "from \(format($0))" }, max.map { nl ? "tot en met \(format($0))" : "up to \(format($0))" }].compactMap { $0 }
                .joined(separator: " ")
            let rangeHelp = range.isEmpty ? "" : "<p class=\"help\">\(nl ? "Een getal" : "A number") \(range).</p>"
            let width = [min, max].compactMap { $0 }.map { format($0).count }.max().map { $0 <= 3 ? "chars-3" : $0 <= 5 ? "chars-5" : "chars-10" } ?? "chars-10"
            return single(
                hints: rangeHelp,
                "<input id=\"i-\(id)\" name=\"\(id)\" type=\"text\" class=\"\(width)\" inputmode=\"decimal\" value=\"\(Markup.escape(value))\"\(describedBy)\(invalid)>")
        case .text(let maxLength):
            return single("<textarea id=\"i-\(id)\" name=\"\(id)\" rows=\"5\" maxlength=\"\(maxLength)\"\(describedBy)\(invalid)>\(Markup.escape(value))</textarea>")
        case .postcode:
            return single(
                "<input id=\"i-\(id)\" name=\"\(id)\" type=\"text\" class=\"chars-7\" autocomplete=\"postal-code\" value=\"\(Markup.escape(value))\"\(describedBy)\(invalid)>")
        case .email:
            return single(
                "<input id=\"i-\(id)\" name=\"\(id)\" type=\"email\" autocomplete=\"email\" spellcheck=\"false\" value=\"\(Markup.escape(value))\"\(describedBy)\(invalid)>")
        case .date:
            return single("<input id=\"i-\(id)\" name=\"\(id)\" type=\"date\" class=\"chars-10\" value=\"\(Markup.escape(value))\"\(describedBy)\(invalid)>")
        case .stickers(let options, let budget, let cap):
            let inputs = stickerInputs(question: id, prefix: id, options: options.map { ($0.id, $0.label) }, firstID: "i-\(id)", cap: cap, state: state, invalid: invalid)
            let hint =
                "<p class=\"help\">\(nl ? "U heeft \(budget) stickers. Niet meer dan \(cap) op één onderwerp." : "You have \(budget) stickers. No more than \(cap) on one subject.")</p>"
            return group(hints: hint, inputs.html + stickersLeft(id: "left-\(id)", group: "g-\(id)", budget: budget, placed: inputs.placed, colour: nil))
        case .sessionStickers(let allotment):
            // Per colour a group of inputs, as the stickers on the posters: "3 groen".
            var inner = ""
            for colour in allotment.colours {
                let meaning =
                    colour.meaning == .support
                    ? (nl ? "wat u het belangrijkst vindt" : "what matters most to you") : (nl ? "waar u zich zorgen over maakt" : "what worries you")
                let label = text(colour.label)
                inner +=
                    "<fieldset class=\"colour\"><legend>\(nl ? "\(label.capitalizedFirst): \(colour.perParticipant) \(colour.perParticipant == 1 ? "sticker" : "stickers") voor \(meaning)" : "\(label.capitalizedFirst): \(colour.perParticipant) \(colour.perParticipant == 1 ? "sticker" : "stickers") for \(meaning)")</legend>"
                inner +=
                    "<p class=\"help\">\(nl ? "Niet meer dan \(allotment.maxPerOption) op één onderwerp." : "No more than \(allotment.maxPerOption) on one subject.")</p>"
                let firstID = colour.id == allotment.colours.first?.id ? "i-\(id)" : "i-\(id)-\(colour.id)-0"
                let inputs = stickerInputs(
                    question: "\(id)-\(colour.id)", prefix: "\(id).\(colour.id)", options: allotment.options.map { ($0.id, $0.label) }, firstID: firstID,
                    cap: allotment.maxPerOption, state: state, invalid: invalid)
                inner += inputs.html
                inner += stickersLeft(id: "left-\(id)-\(colour.id)", group: "g-\(id)-\(colour.id)", budget: colour.perParticipant, placed: inputs.placed, colour: label)
                inner += "</fieldset>"
            }
            return group(inner)
        }
    }

    /// One number field per subject, and how many stickers they hold now.
    private func stickerInputs(
        question: String, prefix: String, options: [(id: String, label: LocalizedText)], firstID: String, cap: Int, state: FormState, invalid: String
    ) -> (html: String, placed: Int) {
        var html = "<div class=\"stickers\" id=\"g-\(question)\">"
        var placed = 0
        for (index, option) in options.enumerated() {
            let inputID = index == 0 ? firstID : "i-\(question)-\(index)"
            let name = prefix + "." + option.id
            let value = state.fields.value(name) ?? ""
            placed += max(0, Int(value.trimmingWhitespace) ?? 0)
            html +=
                "<div class=\"sticker\"><label for=\"\(inputID)\">\(text(option.label))</label><input id=\"\(inputID)\" name=\"\(name)\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"\(cap)\" value=\"\(Markup.escape(value))\"\(invalid)></div>"
        }
        return (html + "</div>", placed)
    }

    /// The running count of stickers left: written here for the page as sent, kept up to date
    /// by `/static/wijkpeil.js` as the resident types (the templates travel in `data-` fields).
    private func stickersLeft(id: String, group: String, budget: Int, placed: Int, colour: String?) -> String {
        let templates = StickersLeft(language: language, colour: colour)
        return
            "<p class=\"left\" id=\"\(id)\" aria-live=\"polite\" data-group=\"\(group)\" data-budget=\"\(budget)\" data-many=\"\(Markup.escape(templates.many))\" data-one=\"\(Markup.escape(templates.one))\" data-none=\"\(Markup.escape(templates.none))\" data-over=\"\(Markup.escape(templates.over))\">"
            + Markup.escape(templates.sentence(left: budget - placed, budget: budget)) + "</p>"
    }

    private func format(_ number: Double) -> String {
        Int(exactly: number).map(String.init) ?? language.number(number)
    }

    /// The binding ballot, shown back before it is cast (WCAG 3.3.4): the answers in words,
    /// the same fields hidden, a button to cast and one to change.
    func confirm(_ survey: SurveyDefinition, response: ValidatedResponse, fields: URLEncodedForm) -> String {
        var body =
            "<h1>\(nl ? "Controleer uw stem" : "Check your vote")</h1>\n<p>\(nl ? "Uw stem is pas uitgebracht als u op de knop drukt. Daarna kunt u haar niet meer wijzigen." : "Your vote is cast only when you press the button. After that it cannot be changed.")</p>\n<dl class=\"summary\">"
        for question in survey.questions {
            guard let answer = response.answers[question.id] else { continue }
            body += "<dt>\(text(question.text))</dt><dd>\(Markup.escape(describe(answer, question)))</dd>"
        }
        body += "</dl>\n<form method=\"post\" action=\"/s/\(survey.id)\(languageQuery)\">"
        for pair in fields.pairs where pair.name != "_confirm" {
            body += "<input type=\"hidden\" name=\"\(Markup.escape(pair.name))\" value=\"\(Markup.escape(pair.value))\">"
        }
        body += "<button type=\"submit\" name=\"_confirm\" value=\"ja\">\(nl ? "Stem uitbrengen" : "Cast my vote")</button> "
        body += "<button type=\"submit\" name=\"_confirm\" value=\"wijzig\" class=\"secondary\">\(nl ? "Wijzigen" : "Change")</button></form>"
        return document(title: nl ? "Controleer uw stem" : "Check your vote", body: body, switchTo: "/s/\(survey.id)")
    }

    private func describe(_ answer: Answer, _ question: Question) -> String {
        func label(_ id: String) -> String { question.kind.options.first { $0.id == id }?.label.text(in: language) ?? id }
        switch answer {
        case .single(let id): return label(id)
        case .multi(let ids):
            if case .approval(let options, let budget, _, _, _) = question.kind {
                let total = options.filter { ids.contains($0.id) }.reduce(0) { $0 + ($1.cost ?? 0) }
                return ids.map(label).joined(separator: ", ")
                    + (nl
                        ? " (samen €\u{00A0}\(language.grouped(total)) van het budget van €\u{00A0}\(language.grouped(budget)))"
                        : " (together €\u{00A0}\(language.grouped(total)) of the budget of €\u{00A0}\(language.grouped(budget)))")
            }
            return ids.map(label).joined(separator: ", ")
        case .number(let value): return format(value)
        case .text(let text): return text
        case .consent(let given): return given ? (nl ? "ja" : "yes") : (nl ? "nee" : "no")
        case .stickers(let counts): return counts.sorted { $0.key < $1.key }.map { "\(label($0.key)): \($0.value)" }.joined(separator: ", ")
        case .colouredStickers(let counts):
            guard case .sessionStickers(let allotment) = question.kind else { return "" }
            return allotment.colours.compactMap { colour in
                guard let placed = counts[colour.id] else { return nil }
                return colour.label.text(in: language) + " — " + placed.sorted { $0.key < $1.key }.map { "\(label($0.key)): \($0.value)" }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
    }

    func thanks(_ survey: SurveyDefinition) -> String {
        // A binding vote is thanked as a vote, not as answers to a survey.
        let stored =
            survey.level == .codecide
            ? (nl ? "Uw stem is uitgebracht." : "Your vote has been cast.")
            : (nl ? "Uw antwoorden zijn opgeslagen." : "Your answers have been saved.")
        var body = "<h1>\(nl ? "Bedankt!" : "Thank you!")</h1>\n<p>\(stored)</p>\n"
        body += "<h2>\(nl ? "Wat er met uw antwoorden gebeurt" : "What happens with your answers")</h2>\n<p class=\"promise\">\(text(survey.level.promise))</p>\n"
        if let feedback = survey.feedback {
            body += "<h2>\(nl ? "Wanneer u iets hoort" : "When you will hear back")</h2>\n<p>\(text(feedback))</p>\n"
        }
        body += "<p><a href=\"/\(languageQuery)\">\(nl ? "Terug naar de vragenlijsten" : "Back to the surveys")</a></p>"
        return document(title: (nl ? "Bedankt — " : "Thank you — ") + survey.title.text(in: language), body: body, switchTo: "/s/\(survey.id)/bedankt")
    }

    /// A page with one message; `link` (a path) is offered first, then the list of surveys.
    func message(status: Int, title: LocalizedText, detail: LocalizedText, link: String? = nil) -> String {
        let first = link.map { "<p><a href=\"\(Markup.escape($0))\(languageQuery)\">\(nl ? "Een nieuw formulier invullen" : "Fill in a new form")</a></p>\n" } ?? ""
        return document(
            title: title.text(in: language),
            body: "<h1>\(text(title))</h1>\n<p>\(text(detail))</p>\n\(first)<p><a href=\"/\(languageQuery)\">\(nl ? "Naar de vragenlijsten" : "To the surveys")</a></p>",
            switchTo: link ?? "/")
    }

    /// The one style sheet, served from `/static/wijkpeil.css` (the Content-Security-Policy
    /// allows no inline styles). Contrast at least 4.5:1, targets at least 44 px.
    static let styleSheet = """
        *, *::before, *::after { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 1.125rem; line-height: 1.5; color: #111; background: #fff; margin: 0; }
        header { display: flex; justify-content: space-between; flex-wrap: wrap; gap: .5rem; padding: .5rem 1rem; background: #1b4f72; }
        header a { color: #fff; } header p { margin: 0; }
        main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
        a { color: #0b4a8b; } a:focus, button:focus, input:focus, textarea:focus { outline: 3px solid #c25e00; outline-offset: 2px; }
        h1 { font-size: 1.75rem; line-height: 1.25; }
        .promise { background: #eef4f8; border-left: 6px solid #1b4f72; padding: .75rem 1rem; }
        fieldset, .question { border: 0; padding: 0; margin: 0 0 1.75rem; min-width: 0; }
        legend, .question > label { font-weight: 600; padding: 0; margin-bottom: .5rem; display: block; }
        .help, .scale-ends { color: #333; margin: .25rem 0 .5rem; font-size: 1rem; }
        .optional { font-weight: normal; color: #333; }
        .needed { font-size: 1rem; }
        .choices { display: flex; flex-direction: column; gap: .25rem; }
        .choices.scale { flex-direction: row; flex-wrap: wrap; gap: .5rem; }
        .choice { display: flex; align-items: center; min-height: 44px; }
        .scale .choice { min-width: 3.25rem; }
        .choice input { flex: none; width: 1.75rem; height: 1.75rem; margin: 0 .6rem 0 0; }
        .choice label { flex: 1; padding: .6rem .5rem .6rem 0; cursor: pointer; }
        .scale .choice label { flex: none; }
        .choice.clear { margin-top: .25rem; }
        input[type=text], input[type=email], input[type=date], input[type=number], textarea { font: inherit; width: 100%; max-width: 100%; min-height: 44px; padding: .4rem .5rem; border: 2px solid #555; border-radius: 4px; }
        input[type=number] { width: 6rem; }
        input.chars-3 { width: calc(3ch + 2rem); } input.chars-5 { width: calc(5ch + 2rem); } input.chars-7 { width: calc(7ch + 2rem); } input.chars-10 { width: calc(10ch + 2rem); }
        input.code { width: calc(19ch + 2rem); font-family: ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: .05em; text-transform: uppercase; }
        .left { font-weight: 600; margin: .25rem 0 .5rem; }
        .buttons { display: flex; flex-wrap: wrap; gap: .75rem; }
        footer { max-width: 40rem; margin: 2rem auto 0; padding: 1rem; border-top: 2px solid #1b4f72; font-size: 1rem; }
        .sticker { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin-bottom: .5rem; }
        button { font: inherit; font-weight: 600; min-height: 44px; padding: .6rem 1.25rem; color: #fff; background: #1b5e20; border: 0; border-radius: 4px; cursor: pointer; }
        button.secondary { background: #fff; color: #1b4f72; border: 2px solid #1b4f72; }
        .error-summary { border: 4px solid #a50e0e; padding: 1rem; margin-bottom: 1.5rem; }
        .notice { border: 4px solid #1b4f72; background: #eef4f8; padding: 0 1rem; margin-bottom: 1.5rem; }
        .error-summary h2 { margin-top: 0; font-size: 1.25rem; }
        .error-summary a { color: #a50e0e; font-weight: 600; }
        .has-error { border-left: 5px solid #a50e0e; padding-left: .75rem; }
        .error { color: #a50e0e; font-weight: 600; margin: .25rem 0 .5rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .summary dt { font-weight: 600; } .summary dd { margin: 0 0 1rem; }
        .projector { text-align: center; } .projector h1 { font-size: clamp(2rem, 6vw, 4rem); margin: .5rem 0; }
        .projector .survey { font-size: clamp(1.25rem, 3vw, 2rem); margin: 0 0 1rem; }
        .projector .qr svg { width: min(60vmin, 100%); height: auto; }
        .projector .address { font-size: clamp(1.25rem, 4vw, 2.5rem); overflow-wrap: anywhere; }
        .live h1 { font-size: clamp(2rem, 5vw, 3.5rem); } .live .count { font-size: clamp(1.5rem, 4vw, 2.5rem); }
        .live h2 { font-size: clamp(1.25rem, 3vw, 2rem); } .bars { list-style: none; padding: 0; }
        .bars li { font-size: clamp(1.1rem, 3vw, 1.75rem); margin: .5rem 0; } .bars .figure { font-weight: 700; }
        .bar { display: block; height: .9em; background: #1b4f72; min-width: 2px; }
        .bar.w0 { width: 0%; } .bar.w5 { width: 5%; } .bar.w10 { width: 10%; } .bar.w15 { width: 15%; } .bar.w20 { width: 20%; } .bar.w25 { width: 25%; } .bar.w30 { width: 30%; } .bar.w35 { width: 35%; } .bar.w40 { width: 40%; } .bar.w45 { width: 45%; } .bar.w50 { width: 50%; } .bar.w55 { width: 55%; } .bar.w60 { width: 60%; } .bar.w65 { width: 65%; } .bar.w70 { width: 70%; } .bar.w75 { width: 75%; } .bar.w80 { width: 80%; } .bar.w85 { width: 85%; } .bar.w90 { width: 90%; } .bar.w95 { width: 95%; } .bar.w100 { width: 100%; } 
        .surveys li { margin-bottom: 1rem; } .surveys .level { color: #333; font-size: 1rem; margin: .25rem 0 0; }
        """
}
