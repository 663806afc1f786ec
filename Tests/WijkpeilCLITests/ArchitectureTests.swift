import Foundation
import Testing

/// The rules of docs/architecture.md, read from Package.swift: which target may import which.
@Suite("Which target may import which")
struct ArchitectureTests {
    /// Every target's dependencies, read from Package.swift's `.target(name:dependencies:)` lines.
    static let dependencies: [String: Set<String>] = {
        let text = (try? String(contentsOfFile: packageRoot + "/Package.swift", encoding: .utf8)) ?? ""
        var found: [String: Set<String>] = [:]
        let pattern = #/\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name: "([A-Za-z\-]+)"(?:,\s*dependencies: \[([^\]]*)\])?/#
        for match in text.matches(of: pattern) {
            let names = (match.output.2.map(String.init) ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            found[String(match.output.1)] = Set(names.filter { !$0.isEmpty })
        }
        return found
    }()

    static let domain = ["WijkpeilCore", "Hashing", "Participation", "Surveys", "Stickers", "Analysis", "Agenda", "Programme", "Dashboard", "BudgetVote", "QRCode", "Export"]

    @Test("Package.swift is read: every product target is there")
    func readsThePackage() {
        for target in Self.domain + ["Store", "HTTPCore", "HTTPServer", "FormServer", "Workflows", "WijkpeilCLI", "wijkpeil", "CSQLite", "CEpoll"] {
            #expect(Self.dependencies[target] != nil, "\(target) not found in Package.swift")
        }
    }

    @Test("domain targets import neither the store, the server nor the CLI", arguments: domain)
    func domainStaysPure(_ target: String) {
        #expect(Self.dependencies[target, default: []].isDisjoint(with: ["Store", "HTTPCore", "HTTPServer", "FormServer", "WijkpeilCLI", "CSQLite", "CEpoll"]))
    }

    @Test("only Store imports CSQLite, only HTTPServer CEpoll, only the executable and its tests WijkpeilCLI; WijkpeilCore imports nothing")
    func narrowImports() {
        for (target, imports) in Self.dependencies {
            if imports.contains("CSQLite") { #expect(["Store", "StoreTests", "BenchKit"].contains(target), "\(target) imports CSQLite") }
            if imports.contains("BenchKit") { #expect(target == "wijkpeil-bench" || target.hasSuffix("Tests"), "\(target) imports benchmark code") }
            if imports.contains("CEpoll") { #expect(target == "HTTPServer", "\(target) imports CEpoll") }
            if imports.contains("WijkpeilCLI") { #expect(["wijkpeil", "WijkpeilCLITests"].contains(target), "\(target) imports WijkpeilCLI") }
        }
        #expect(Self.dependencies["WijkpeilCore"] == [])
        #expect(Self.dependencies["Workflows", default: []].isDisjoint(with: ["FormServer", "WijkpeilCLI"]))
    }

    /// The modules a source file imports (`import X`, `public import X`, `@testable import X`).
    static func imports(ofSourcesIn target: String) -> Set<String> {
        let folder = packageRoot + "/Sources/" + target
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var modules: Set<String> = []
        for file in files where file.hasSuffix(".swift") {
            let text = (try? String(contentsOfFile: folder + "/" + file, encoding: .utf8)) ?? ""
            for match in text.matches(of: #/(?m)^\s*(?:@testable\s+)?(?:public\s+|internal\s+|package\s+)?import\s+([A-Za-z_]+)/#) {
                modules.insert(String(match.output.1))
            }
        }
        return modules
    }

    @Test("the HTTP layers: HTTPCore imports nothing of the project, HTTPServer only HTTPCore and CEpoll, FormServer not HTTPServer")
    func httpLayers() {
        let toolchain: Set<String> = ["Foundation", "Dispatch", "Glibc", "Darwin", "Synchronization"]
        #expect(Self.dependencies["HTTPCore"] == [])
        #expect(Self.imports(ofSourcesIn: "HTTPCore").subtracting(toolchain).isEmpty)
        #expect(Self.dependencies["HTTPServer"] == ["HTTPCore", "CEpoll"])
        #expect(Self.imports(ofSourcesIn: "HTTPServer").subtracting(toolchain) == ["HTTPCore", "CEpoll"])
        #expect(!Self.dependencies["FormServer", default: []].contains("HTTPServer"))
        #expect(Self.imports(ofSourcesIn: "FormServer").contains("HTTPCore"))
        for target in Self.dependencies.keys where target != "WijkpeilCLI" && !target.hasSuffix("Tests") {
            #expect(!Self.dependencies[target, default: []].contains("FormServer") || target == "wijkpeil", "\(target) imports FormServer")
        }
    }
}
