import Foundation
import Store
import Surveys
import Workflows

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let library = try! SurveyLibrary(directory: packageRoot + "/surveys")

func survey(_ id: String) throws -> SurveyDefinition {
    guard case .survey(let survey) = try library.resolve(id).content else { throw WorkflowError(.usage, "no survey \(id)") }
    return survey
}

/// A fresh folder, removed afterwards.
final class Folder {
    let path = NSTemporaryDirectory() + "wijkpeil-workflows-" + UUID().uuidString
    init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A store holding `count` responses to the bundled `wijkanalyse`, imported from JSONL: marks
/// 1…10 in turn, ages 30–49, the postcodes in turn, a remark with a formula and a phone number,
/// and every `emailEvery`-th with consent and an e-mail address.
func storeOfWijkanalyse(in folder: Folder, count: Int, postcodes: [String] = ["7601 AB", "7602 CD"], emailEvery: Int = 3) throws -> Store {
    var lines: [String] = []
    for index in 0..<count {
        var answers =
            #""cijfer-wonen": \#(index % 10 + 1), "leeftijd": \#(30 + index % 20), "postcode": "\#(postcodes[index % postcodes.count])", "buurt": "noord", "opmerking": "=SOM(A1) bel 0612345678""#
        if index % emailEvery == 0 { answers += #", "toestemming": true, "email": "geheim\#(index)@voorbeeld.nl""# }
        lines.append(#"{"submissionKey": "sleutel-\#(index)", "answers": {\#(answers)}}"#)
    }
    let store = try Store(path: folder.path + "/w.sqlite")
    let prepared = try PaperImport.prepare(Array(lines.joined(separator: "\n").utf8), fileName: "in.jsonl", survey: try survey("wijkanalyse"))
    _ = try PaperImport.store(prepared, into: store, skippingInvalid: false)
    return store
}
