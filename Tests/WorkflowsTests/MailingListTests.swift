import Foundation
import Store
import Surveys
import Testing
import WijkpeilCore
import Workflows

@Suite("Use cases: the mailing list, the only output with e-mail addresses")
struct MailingListTests {
    @Test("only addresses given with consent, each once (case aside), sorted; the organiser's list leaves them out")
    func consentingOnly() throws {
        let folder = Folder()
        let store = try Store(path: folder.path + "/w.sqlite")
        let definition = try survey("wijkanalyse")
        let lines = [
            #"{"submissionKey": "a", "answers": {"cijfer-wonen": 7, "toestemming": true, "email": "Piet@Voorbeeld.nl"}}"#,
            #"{"submissionKey": "b", "answers": {"cijfer-wonen": 6, "toestemming": true, "email": "anna@voorbeeld.nl"}}"#,
            #"{"submissionKey": "c", "answers": {"cijfer-wonen": 5, "toestemming": false}}"#,
            #"{"submissionKey": "d", "answers": {"cijfer-wonen": 8, "toestemming": true, "email": "piet@voorbeeld.nl"}}"#,
            #"{"submissionKey": "e", "answers": {"cijfer-wonen": 8}}"#,
        ]
        let prepared = try PaperImport.prepare(Array(lines.joined(separator: "\n").utf8), fileName: "in.jsonl", survey: definition)
        _ = try PaperImport.store(prepared, into: store, skippingInvalid: false)
        let list = try MailingList.addresses(definition, from: store.reader)
        #expect(list.addresses == ["anna@voorbeeld.nl", "Piet@Voorbeeld.nl"] && list.responses == 5 && list.consenting == 3)
        var listed = ""
        try ResponseListing.list(definition, from: store.reader, format: .csv) { listed += $0 }
        try ResponseListing.list(definition, from: store.reader, format: .jsonl) { listed += $0 }
        #expect(!listed.lowercased().contains("voorbeeld.nl") && !listed.contains("email"))
        #expect(listed.contains("toestemming"))
    }
}
