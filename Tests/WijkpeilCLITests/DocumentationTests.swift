import Foundation
import Testing

/// The README and docs/ name files and pages; each must exist, so a reader who follows one
/// lands somewhere. And the README stays the user's page: short.
@Suite("The documentation names only what exists")
struct DocumentationTests {
    static let pages: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/docs")) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    @Test("the README and the pages in docs/ are there")
    func pagesAreRead() {
        #expect(Self.pages.count >= 6)
    }

    @Test("every relative link resolves to a file or folder", arguments: pages)
    func linksResolve(_ page: String) throws {
        let text = try String(contentsOfFile: packageRoot + "/" + page, encoding: .utf8)
        let folder = (page as NSString).deletingLastPathComponent
        for match in text.matches(of: #/\]\(([^)#\s]+)(?:#[^)]*)?\)/#) {
            let target = String(match.output.1)
            if target.contains("://") || target.hasPrefix("mailto:") { continue }
            let path = ((packageRoot + "/" + folder + "/" + target) as NSString).standardizingPath
            #expect(FileManager.default.fileExists(atPath: path), "\(page) links to \(target), which does not exist")
        }
    }

    @Test("every project path in backticks exists", arguments: pages)
    func namedFilesExist(_ page: String) throws {
        let text = try String(contentsOfFile: packageRoot + "/" + page, encoding: .utf8)
        let roots = ["Sources/", "Tests/", "scripts/", "samples/", "surveys/", "docs/", ".ci/"]
        for match in text.matches(of: #/`([A-Za-z0-9_.\-/]+)`/#) {
            let path = String(match.output.1)
            // Patterns and placeholders (`surveys/*.json`, `surveys/themes/ID.json`) name no one file.
            let placeholder = path.split(separator: "/").contains { $0.split(separator: ".").first?.allSatisfy(\.isUppercase) == true }
            guard roots.contains(where: path.hasPrefix), !path.contains("*"), !placeholder else { continue }
            #expect(FileManager.default.fileExists(atPath: packageRoot + "/" + path), "\(page) names \(path), which does not exist")
        }
    }

    @Test("the README is the user's page: at most about 10 KB")
    func readmeIsShort() throws {
        let size = try FileManager.default.attributesOfItem(atPath: packageRoot + "/README.md")[.size] as? Int ?? .max
        #expect(size <= 10_500)
    }
}
