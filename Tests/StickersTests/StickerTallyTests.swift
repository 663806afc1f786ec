import Foundation
import Participation
import Stickers
import Surveys
import Testing
import WijkpeilCore

@Suite("Tallying sticker placements")
struct StickerTallyTests {
    let session = StickerSession(
        id: "avond", title: LocalizedText(nl: "Avond"), level: .consult,
        options: ["a", "b", "c", "d"].map { Option(id: $0, label: LocalizedText(nl: $0.uppercased()), theme: $0 == "a" ? "wonen" : nil) },
        colours: [
            StickerColour(id: "groen", label: LocalizedText(nl: "groen"), meaning: .support, perParticipant: 3),
            StickerColour(id: "rood", label: LocalizedText(nl: "rood"), meaning: .concern, perParticipant: 1),
        ],
        maxPerOption: 2, attendance: 4)

    func read(_ text: String, file: String = "f.csv", entry: String? = nil) -> PlacementFile.Contents {
        PlacementFile.read(Array(text.utf8), file: file, session: session, entry: entry)
    }

    @Test func perStickerRowsAreCounted() {
        let contents = read("participant,poster,option,colour\np1,t1,a,groen\np1,t1,b,groen\np2,t1,a,groen\np2,t1,a,rood\n")
        #expect(contents.findings.isEmpty)
        let tally = StickerTally.compute(session: session, table: contents.table)
        #expect(tally.options.map(\.id) == ["a", "b", "c", "d"])
        #expect(tally.options[0].counts == ["groen": 2, "rood": 1])
        #expect(tally.options[0].support == 2 && tally.options[0].concern == 1)
        #expect(abs(tally.options[0].share - 2.0 / 3.0) < 1e-12)
        #expect(tally.participants == 2 && tally.stickers == 4)
        #expect(tally.posters == ["t1": ["a": ["groen": 2, "rood": 1], "b": ["groen": 1]]])
    }

    @Test func paperCountsAreCountedAndFilesMerge() {
        let first = read("poster,option,colour,count\nt1,a,groen,3\nt1,b,rood,1\n", file: "tafel1.csv")
        let second = read("poster,option,colour,count\nt2,a,groen,2\nt2,c,groen,0\n", file: "tafel2.csv")
        var table = first.table
        table.append(contentsOf: second.table)
        let tally = StickerTally.compute(session: session, table: table)
        #expect(tally.options.first { $0.id == "a" }?.support == 5)
        #expect(tally.posters.keys.sorted() == ["t1", "t2"])
        #expect(tally.participants == nil)
        #expect(tally.stickers == 6)
    }

    @Test(arguments: [
        ("participant,poster,option,colour\np1,t1,zz,groen\n", "unknown-option"),
        ("participant,poster,option,colour\np1,t1,a,blauw\n", "unknown-colour"),
        ("poster,option,colour,count\nt1,a,groen,-2\n", "bad-count"),
        ("poster,option,colour,count\nt1,a,groen,twee\n", "bad-count"),
        ("poster,option,colour,count\nt1,a,groen\n", "malformed-line"),
        ("participant,poster,option,colour\n,t1,a,groen\n", "missing-participant"),
        ("poster,option,colour\nt1,a,groen\n", "unknown-header"),
        ("poster,option,colour,count\n\"t1,a,groen,1\n", "unterminated-quote"),
    ])
    func invalidLinesAreListedWithFileAndLine(_ text: String, _ code: String) {
        let contents = read(text, file: "poster.csv")
        #expect(contents.findings.errors.map(\.code) == [code])
        #expect(contents.findings.errors[0].location.file == "poster.csv")
        #expect(contents.findings.errors[0].location.line != nil)
        #expect(contents.table.rows == 0)
    }

    @Test func theLaterStickersOverTheAllotmentOrTheCapAreExcluded() {
        let contents = read(
            """
            participant,poster,option,colour
            p1,t1,a,groen
            p1,t1,a,groen
            p1,t1,a,groen
            p1,t1,b,groen
            p1,t1,c,groen
            p1,t1,c,rood
            p1,t1,d,rood

            """)
        let tally = StickerTally.compute(session: session, table: contents.table)
        #expect(tally.excluded.map(\.line) == [4, 6, 8])
        #expect(tally.excluded.map(\.code) == ["over-cap", "over-allotment", "over-allotment"])
        #expect(tally.excluded[0].reason.en?.contains("participant p1") == true)
        #expect(tally.stickers == 4)
        #expect(tally.options.first { $0.id == "c" }?.support == 0)
    }

    @Test("a participant who comes back later in the file is the same participant")
    func returningParticipantsAreRecognised() {
        let contents = read(
            """
            participant,poster,option,colour
            p1,t1,a,groen
            p2,t1,a,groen
            p1,t1,b,groen
            p3,t2,a,groen
            p1,t2,c,groen
            p2,t2,b,groen
            p1,t2,d,groen

            """)
        #expect(contents.table.participantNames == ["p1", "p2", "p3"])
        #expect(contents.table.participant == [0, 1, 0, 2, 0, 1, 0])
        let tally = StickerTally.compute(session: session, table: contents.table)
        // p1's fourth green sticker (line 8) is over the allotment of three.
        #expect(tally.excluded.map(\.line) == [8])
        #expect(tally.participants == 3)
    }

    @Test("a line or a header with more fields than fit is counted, not cut")
    func manyFields() {
        let wide = Array(repeating: "x", count: 20).joined(separator: ",")
        let line = read("participant,poster,option,colour\n" + wide + "\n")
        #expect(line.findings.errors.map(\.code) == ["malformed-line"])
        #expect(line.findings.errors.first?.message.en?.contains("20 fields") == true)
        let header = read("participant,poster,option,colour," + wide + "\np1,t1,a,groen\n")
        #expect(header.findings.errors.map(\.code) == ["unknown-header"])
        #expect(header.table.rows == 0)
    }

    @Test func participantIdsCountWithinOneFile() {
        let first = read("participant,poster,option,colour\np1,t1,a,groen\np1,t1,a,groen\n", file: "tafel1.csv")
        let second = read("participant,poster,option,colour\np1,t2,a,groen\np1,t2,a,groen\n", file: "tafel2.csv")
        var table = first.table
        table.append(contentsOf: second.table)
        let tally = StickerTally.compute(session: session, table: table)
        #expect(tally.excluded.isEmpty)
        #expect(tally.participants == 2)
    }

    @Test func paperCountsAboveAttendanceGiveWarnings() {
        let contents = read("poster,option,colour,count,attendees\nt1,a,groen,5,1\nt1,b,groen,0,1\nt2,a,groen,8,\n")
        #expect(contents.attendees == ["t1": 1])
        let tally = StickerTally.compute(session: session, table: contents.table, attendees: contents.attendees)
        // t1: 5 > 1 × 3; the session: 13 > 4 × 3.
        #expect(tally.warnings.count == 2)
        #expect(tally.warnings[0].en?.contains("recount this poster") == true)
    }

    @Test func tiesShareARankAndAreListedById() {
        let contents = read(
            """
            poster,option,colour,count
            t,d,groen,4
            t,b,groen,4
            t,a,groen,2
            t,c,groen,4
            t,c,rood,1

            """)
        let tally = StickerTally.compute(session: session, table: contents.table)
        // At equal support the worry counts up, not down: c (4 green, 1 red) first.
        #expect(tally.options.map(\.id) == ["c", "b", "d", "a"])
        #expect(tally.options.map(\.rank) == [1, 2, 2, 4])
    }

    @Test("a red sticker is a reason to look: it never ranks an option below options with no stickers")
    func concernRanksUp() {
        let contents = read(
            """
            poster,option,colour,count
            t,a,rood,1

            """)
        let tally = StickerTally.compute(session: session, table: contents.table)
        #expect(tally.options.first?.id == "a")
        #expect(tally.options.first?.rank == 1)
        #expect(tally.options.dropFirst().allSatisfy { $0.rank == 2 })
    }

    @Test func anEmptySessionTalliesToZeros() {
        let tally = StickerTally.compute(session: session, table: PlacementTable())
        #expect(tally.stickers == 0 && tally.participants == 0)
        #expect(tally.options.allSatisfy { $0.rank == 1 && $0.share == 0 })
        #expect(tally.options.map(\.id) == ["a", "b", "c", "d"])
    }

    @Test func doubleEntryThatAgreesIsCountedOnce() {
        let first = read("poster,option,colour,count\nt1,a,groen,3\nt1,b,rood,1\n", file: "a.csv", entry: "anna")
        let second = read("poster,option,colour,count\nt1,b,rood,1\nt1,a,groen,3\n", file: "b.csv", entry: "bram")
        var table = first.table
        table.append(contentsOf: second.table)
        guard case .agreed(let agreed) = DoubleEntry.reconcile(table, session: session) else {
            Issue.record("expected agreement")
            return
        }
        #expect(StickerTally.compute(session: session, table: agreed).stickers == 4)
    }

    @Test func doubleEntryThatDisagreesListsEveryDifference() {
        let both = read(
            """
            poster,option,colour,count,entered_by
            t1,a,groen,3,anna
            t1,a,groen,2,bram
            t1,b,rood,1,anna
            t2,c,groen,1,bram

            """)
        guard case .differ(let differences) = DoubleEntry.reconcile(both.table, session: session) else {
            Issue.record("expected differences")
            return
        }
        #expect(differences.map(\.poster) == ["t1", "t1", "t2"])
        #expect(differences[0].counts == ["anna": 3, "bram": 2])
    }

    @Test func doubleEntryNeedsTwoEntries() {
        let one = read("poster,option,colour,count,entered_by\nt1,a,groen,3,anna\n")
        guard case .wrongNumberOfEntries(let names) = DoubleEntry.reconcile(one.table, session: session) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(names == ["anna"])
    }

    @Test func outputsCarryTheContractsFields() throws {
        let contents = read("participant,poster,option,colour\np1,t1,a,groen\np1,t1,<b>,groen\n")
        let tally = StickerTally.compute(session: session, table: contents.table)
        guard case .object(let json) = tally.jsonValue(language: .nl) else { Issue.record("not an object"); return }
        #expect(Set(json.keys) == ["session", "options", "posters", "participants", "stickers", "excluded", "warnings"])
        guard case .array(let options)? = json["options"], case .object(let first)? = options.first else { Issue.record("no options"); return }
        #expect(Set(first.keys) == ["id", "label", "theme", "counts", "support", "concern", "share", "rank"])
        let svg = tally.svg(session: session, language: .nl)
        #expect(svg.contains("<title id=\"t\">Avond</title>") && svg.contains("<desc id=\"d\">1 deelnemer · 1 stickers. 1. A: 1 steun, 0 zorgen"))
        #expect(svg.contains(">1 deelnemer · 1 stickers</text>") && svg.contains(">zorgen: baart men zorgen</text>"))
        #expect(tally.csv(session: session, language: .en).hasPrefix("rank,option,label,support,concern,share,groen,rood\r\n1,a,A,1,0,1.0,1,0\r\n"))
    }

    @Test func theSVGAndPosterEscapeLabels() {
        var risky = session
        risky.options[0].label = LocalizedText(nl: "<script>alert(1)</script> & co")
        let tally = StickerTally.compute(session: risky, table: PlacementTable())
        #expect(!tally.svg(session: risky, language: .nl).contains("<script>"))
        let poster = risky.posterHTML(language: .nl)
        #expect(!poster.contains("<script>") && poster.contains("&lt;script&gt;"))
        #expect(poster.contains("@page { size: A3"))
        #expect(poster.components(separatedBy: "<section class=\"poster\"").count == 5)
    }

    @Test("the posters carry the session, date and table and the id to tally them under, a set per table")
    func postersPerTable() throws {
        let poster = session.posterHTML(language: .nl, run: StickerSession.PosterRun(date: CalendarDate("2026-12-10"), tables: ["1", "Tafel B"]))
        #expect(poster.components(separatedBy: "<section class=\"poster\"").count == 1 + 2 * session.options.count)
        #expect(poster.contains("<span>10 december 2026</span><span>Tafel 1</span>"))
        #expect(poster.contains("poster 1-a</p>") && poster.contains("poster tafel-b-a</p>"))
        // Without a date or tables: lines to write them on.
        let blank = session.posterHTML(language: .en)
        #expect(blank.contains("Date: ________") && blank.contains("Table: ________") && blank.contains("poster ________"))
        // The legend's dots are drawn, not backgrounds, so they print without "background graphics".
        #expect(!poster.contains("background:") && poster.contains("<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\"><circle"))
    }

    @Test("the concern bars are hatched with lines inside each bar, not a pattern a converter may drop")
    func hatching() {
        let contents = read("participant,poster,option,colour\np1,t1,a,rood\np2,t1,a,rood\np3,t1,b,rood\n")
        let svg = StickerTally.compute(session: session, table: contents.table).svg(session: session, language: .nl)
        #expect(!svg.contains("<pattern") && !svg.contains("url(#"))
        // Each hatched bar: its box, then strokes whose every point lies inside that box.
        let bars = svg.components(separatedBy: "fill=\"#fde0dc\"/><path d=\"").dropFirst()
        #expect(bars.count == 3)  // the legend's box and two bars
        for bar in bars {
            let box =
                svg.components(separatedBy: "fill=\"#fde0dc\"/><path d=\"" + bar.prefix(while: { $0 != "\"" }))[0]
                .components(separatedBy: "<rect ").last ?? ""
            func attribute(_ name: String) -> Int { Int(box.components(separatedBy: name + "=\"")[1].prefix(while: { $0 != "\"" })) ?? -1 }
            let (x, y, width, height) = (attribute("x"), attribute("y"), attribute("width"), attribute("height"))
            let numbers = bar.prefix(while: { $0 != "\"" }).split(whereSeparator: { $0 == "M" || $0 == "L" || $0 == " " }).compactMap { Int($0) }
            #expect(numbers.count % 4 == 0 && numbers.count >= 8)
            for index in stride(from: 0, to: numbers.count, by: 2) {
                #expect((x...x + width).contains(numbers[index]) && (y...y + height).contains(numbers[index + 1]))
            }
        }
    }

}

@Suite("Reading placements: the fast scanner and the RFC 4180 path agree")
struct PlacementScannerTests {
    let session = StickerSession(
        id: "s", title: LocalizedText(nl: "S"), level: .consult,
        options: [Option(id: "a", label: LocalizedText(nl: "A")), Option(id: "b", label: LocalizedText(nl: "B"))],
        colours: [StickerColour(id: "groen", label: LocalizedText(nl: "groen"), meaning: .support, perParticipant: 3)],
        maxPerOption: 2)

    @Test func quotedAndUnquotedFilesGiveTheSameTally() {
        let plain = "participant,poster,option,colour\r\np1,t1,a,groen\r\np1, t1 ,b,groen\r\n\r\np2,t2,a,groen\r\n"
        let quoted = "participant,poster,option,colour\r\n\"p1\",t1,a,groen\r\np1,\" t1 \",b,groen\r\n\r\np2,t2,\"a\",groen\r\n"
        let first = PlacementFile.read(Array(plain.utf8), file: "x", session: session)
        let second = PlacementFile.read(Array(quoted.utf8), file: "x", session: session)
        #expect(first.findings.isEmpty && second.findings.isEmpty)
        #expect(first.table.line == [2, 3, 5] && second.table.line == [2, 3, 5])
        #expect(StickerTally.compute(session: session, table: first.table) == StickerTally.compute(session: session, table: second.table))
    }

    @Test func semicolonFilesFromDutchSpreadsheetsRead() {
        let contents = PlacementFile.read(Array("poster;option;colour;count\nt1;a;groen;4\n".utf8), file: "x", session: session)
        #expect(contents.findings.isEmpty)
        #expect(contents.table.count == [4])
    }

    @Test func theCountingKernelAgreesWithTheTally() {
        let contents = PlacementFile.read(Array("poster,option,colour,count\nt1,a,groen,4\nt2,b,groen,1\nt3,a,groen,2\n".utf8), file: "x", session: session)
        let totals = StickerTally.count(options: contents.table.option, colours: contents.table.colour, counts: contents.table.count, colourCount: 1, optionCount: 2)
        #expect(totals == [6, 1])
        let options: [UInt16] = [0, 1, 1, 0, 1, 1, 1]
        #expect(StickerTally.count(options: options, colours: [0, 0, 1, 0, 0, 1, 0], counts: nil, colourCount: 2, optionCount: 2) == [2, 0, 3, 2])
    }
}
