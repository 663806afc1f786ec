public import WijkpeilCore

/// The Pabulib format (pabulib.org), in which participatory budgeting data is shared: sections
/// `META`, `PROJECTS` and `VOTES`, each a semicolon-separated table with a header. Only approval
/// votes are read; other vote types are refused with a finding that says so.
public enum Pabulib {
    /// Reads an approval election; every problem is a finding with the file and line.
    public static func read(_ bytes: [UInt8], file: String) throws(InvalidInput) -> BudgetElection {
        var findings = Findings()
        func fail(_ code: String, line: Int?, nl: String, en: String) {
            findings.error(code, at: Location(file: file, line: line), nl: nl, en: en)
        }
        // Split into sections, keeping each line's number in the file.
        var sections: [String: [(line: Int, text: String)]] = [:]
        var current: String?
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.trimmingWhitespace
            if ["META", "PROJECTS", "VOTES"].contains(trimmed.uppercased()) {
                current = trimmed.uppercased()
                sections[current!] = []
                continue
            }
            guard !trimmed.isEmpty else { continue }
            guard let section = current else {
                fail("not-pabulib", line: offset + 1, nl: "een Pabulib-bestand begint met META", en: "a Pabulib file starts with META")
                throw InvalidInput(findings)
            }
            sections[section]!.append((offset + 1, line))
        }
        for name in ["META", "PROJECTS", "VOTES"] where sections[name] == nil {
            fail("missing-section", line: nil, nl: "de sectie \(name) ontbreekt", en: "the section \(name) is missing")
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }

        /// A section as a table: `;`-separated, quoted as CSV is (the project's ``CSVReader``, which
        /// takes the separator from the section's header), each row with its line in the file.
        func rows(_ section: String) throws(InvalidInput) -> (header: [String], rows: [(line: Int, cells: [String: String])]) {
            let lines = sections[section]!
            guard !lines.isEmpty else { return ([], []) }
            let records: [CSVRecord]
            do {
                records = try CSVReader.records(Array(lines.map(\.text).joined(separator: "\n").utf8))
            } catch {
                fail("invalid-csv", line: lines[min(max(error.line - 1, 0), lines.count - 1)].line, nl: error.message.nl, en: error.message.en ?? error.message.nl)
                throw InvalidInput(findings)
            }
            guard let first = records.first else { return ([], []) }
            let header = first.fields.map { $0.trimmingWhitespace.lowercased() }
            var rows: [(Int, [String: String])] = []
            for record in records.dropFirst() {
                var row: [String: String] = [:]
                for (index, name) in header.enumerated() where index < record.fields.count { row[name] = record.fields[index].trimmingWhitespace }
                rows.append((lines[min(record.line - 1, lines.count - 1)].line, row))
            }
            return (header, rows)
        }

        var meta: [String: String] = [:]
        var metaLines: [String: Int] = [:]
        for (line, row) in try rows("META").rows {
            if let key = row["key"] {
                meta[key.lowercased()] = row["value"] ?? ""
                metaLines[key.lowercased()] = line
            }
        }
        let metaLine = sections["META"]!.first?.line
        let voteType = meta["vote_type"] ?? "approval"
        guard voteType == "approval" else {
            fail(
                "not-approval", line: metaLines["vote_type"] ?? metaLine,
                nl: "dit bestand heeft stemmen van het type \(voteType); Wijkpeil telt alleen goedkeuringsstemmen (approval)",
                en: "this file's votes are of type \(voteType); Wijkpeil counts approval votes only")
            throw InvalidInput(findings)
        }
        guard let budgetText = meta["budget"], let budget = wholeNumber(budgetText), budget > 0 else {
            fail("invalid-budget", line: metaLines["budget"] ?? metaLine, nl: "META noemt geen budget in hele euro's", en: "META gives no budget in whole euros")
            throw InvalidInput(findings)
        }

        let projects = try rows("PROJECTS")
        if !projects.header.contains("project_id") || !projects.header.contains("cost") {
            fail("missing-column", line: sections["PROJECTS"]!.first?.line, nl: "PROJECTS heeft de kolommen project_id en cost", en: "PROJECTS has the columns project_id and cost")
            throw InvalidInput(findings)
        }
        var proposals: [BudgetElection.Proposal] = []
        var index: [String: Int] = [:]
        for (line, row) in projects.rows {
            let id = row["project_id"] ?? ""
            guard !id.isEmpty else {
                fail("missing-id", line: line, nl: "een project zonder project_id", en: "a project without project_id")
                continue
            }
            guard let cost = row["cost"].flatMap(wholeNumber), cost > 0 else {
                fail("invalid-cost", line: line, nl: "project \(id): de kosten zijn geen heel bedrag boven 0", en: "project \(id): the cost is not a whole amount above 0")
                continue
            }
            if cost > budget {
                fail(
                    "cost-over-budget", line: line, nl: "project \(id) kost \(cost), meer dan het hele budget (\(budget))",
                    en: "project \(id) costs \(cost), more than the whole budget (\(budget))")
            }
            if index[id] != nil {
                fail("duplicate-project", line: line, nl: "project \(id) staat er twee keer", en: "project \(id) appears twice")
                continue
            }
            index[id] = proposals.count
            proposals.append(BudgetElection.Proposal(id: id, cost: cost, name: row["name"]))
        }

        let votes = try rows("VOTES")
        if !votes.header.contains("vote") {
            fail("missing-column", line: sections["VOTES"]!.first?.line, nl: "VOTES heeft de kolom vote", en: "VOTES has the column vote")
            throw InvalidInput(findings)
        }
        var ballots: [[Int]] = []
        for (line, row) in votes.rows {
            var ballot: [Int] = []
            for id in (row["vote"] ?? "").split(separator: ",").map({ String($0).trimmingWhitespace }) where !id.isEmpty {
                guard let position = index[id] else {
                    fail("unknown-project", line: line, nl: "de stem noemt een onbekend project \(id)", en: "the vote names an unknown project \(id)")
                    continue
                }
                if !ballot.contains(position) { ballot.append(position) }
            }
            ballots.append(ballot)
        }
        guard !findings.hasErrors else { throw InvalidInput(findings) }
        // What the file says of the vote travels with it; the counts are the file's own.
        let kept = meta.filter { !["num_projects", "num_votes", "budget", "vote_type", "rule"].contains($0.key) }
        return BudgetElection(budget: budget, proposals: proposals, ballots: ballots, metadata: kept)
    }

    /// The META keys in the order Pabulib's checker asks for.
    static let metaOrder = [
        "description", "country", "unit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule", "date_begin", "date_end",
    ]

    /// Writes the election with the outcome (`votes` and `selected` per project), as Pabulib
    /// defines it. `country`, `unit`, `instance` and the dates come from the election's metadata;
    /// Pabulib requires them, so an election that lacks them is written with `unknown`.
    public static func write(_ election: BudgetElection, outcome: BudgetOutcome, description: String) -> String {
        func field(_ text: String) -> String {
            text.contains(";") || text.contains("\"") ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
        }
        let approvals = election.approvals
        let selected = Set(outcome.selected)
        var meta = election.metadata
        meta["description"] = meta["description"] ?? description
        for key in ["country", "unit", "instance", "date_begin", "date_end"] where meta[key] == nil { meta[key] = "unknown" }
        meta["num_projects"] = String(election.proposals.count)
        meta["num_votes"] = String(election.ballots.count)
        meta["budget"] = String(election.budget)
        meta["vote_type"] = "approval"
        // Pabulib's "equalshares/add1" is equalshares.net's variant, which breaks ties and completes
        // otherwise; Wijkpeil's (pabutools' iterated MES, completed greedily, its own tie rule) is
        // named in the comment, and the rule left "unknown" so no checker holds it to another.
        meta["rule"] = outcome.rule == .greedy ? "greedy" : "unknown"
        if outcome.rule == .mes {
            meta["comment"] =
                "#1: Method of Equal Shares with cost utilities: voter budgets B/n, B/n+1, ... up to the first exhaustive outcome, then greedy completion; ties: cheaper, more approvals, id (as pabutools method_of_equal_shares with voter_budget_increment=1 and completion_by_rule_combination)"
        }
        var lines = ["META", "key;value"]
        for key in metaOrder + meta.keys.filter({ !metaOrder.contains($0) }).sorted() {
            if let value = meta[key] { lines.append("\(key);\(field(value))") }
        }
        lines += ["PROJECTS", "project_id;cost;votes;name;selected"]
        // Listed by approvals, most first (ties by the tie rule), as Pabulib lists projects: its
        // checker reads a greedy outcome in this order.
        let ranked = election.byApprovals(approvals)
        for index in ranked + election.proposals.indices.filter({ approvals[$0] == 0 }) {
            let proposal = election.proposals[index]
            lines.append(
                "\(field(proposal.id));\(proposal.cost);\(approvals[index]);\(field(proposal.name ?? proposal.id));\(selected.contains(proposal.id) ? 1 : 0)")
        }
        lines.append("VOTES")
        lines.append("voter_id;vote")
        for (number, ballot) in election.ballots.enumerated() {
            lines.append("\(number + 1);" + ballot.map { election.proposals[$0].id }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1500000`, `1500000.0` or `1 500 000` as whole euros.
    static func wholeNumber(_ text: String) -> Int? {
        var digits = text.filter { !$0.isWhitespace }
        if let dot = digits.firstIndex(of: "."), digits[digits.index(after: dot)...].allSatisfy({ $0 == "0" }) {
            digits = String(digits[..<dot])
        }
        return Int(digits)
    }
}
