public import Programme
public import Store
public import WijkpeilCore

/// The register of commitments (toezeggingen), kept in the database: adding one, closing one,
/// and listing them as they stand on a day. The rules are ``Commitment``'s; a refusal stores
/// nothing.
public enum CommitmentRegister {
    /// Adds `commitment` (its number is given by the register) and returns it numbered.
    public static func add(_ commitment: Commitment, to store: Store, language: Language = .nl) throws -> Commitment {
        let checked: Commitment
        do throws(Commitment.Refusal) {
            checked = try commitment.validated()
        } catch {
            throw WorkflowError(.invalid, error.message.text(in: language))
        }
        return try store.addCommitment(checked)
    }

    /// Closes commitment `number` by `closure` and returns it closed.
    public static func close(_ number: Int, by closure: Commitment.Closure, in store: Store, language: Language = .nl) throws -> Commitment {
        let all = try store.commitments()
        guard let commitment = all.first(where: { $0.number == number }) else {
            throw WorkflowError(.invalid, Commitment.Refusal.unknown(number: number, highest: all.last?.number ?? 0).message.text(in: language))
        }
        let closed: Commitment
        do throws(Commitment.Refusal) {
            closed = try commitment.closed(by: closure)
        } catch {
            throw WorkflowError(.invalid, error.message.text(in: language))
        }
        try store.closeCommitment(number, by: closure)
        return closed
    }

    /// A commitment with where it stands.
    public struct Entry: Sendable, Hashable {
        public var commitment: Commitment
        public var state: Commitment.State
    }

    /// The commitments as they stand on `today`: of one `wijk` (and those that name none) when
    /// given, only the open ones with `openOnly`.
    public static func list(_ reader: StoreReader, on today: CalendarDate, wijk: String? = nil, openOnly: Bool = false) throws -> [Entry] {
        try reader.commitments()
            .filter { commitment in wijk == nil || commitment.wijk == nil || commitment.wijk == wijk }
            .map { Entry(commitment: $0, state: $0.state(on: today)) }
            .filter { !openOnly || $0.state.isOpen }
    }
}
