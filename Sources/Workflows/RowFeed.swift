import Foundation
import Synchronization
import Store

/// The rows of a file on their way from the thread that reads and checks them to the thread
/// that stores them (``PaperImport/importFile(_:fileName:survey:skippingInvalid:store:)``).
/// At most `capacity` chunks wait, so a large file is never held as rows: the reader waits when
/// the store falls behind. The reader ends with ``finish()`` or ``refuse()``; the store says it
/// wants no more with ``close()``, which also releases a waiting reader.
final class RowFeed: @unchecked Sendable {
    // @unchecked: every stored property below is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var chunks: [Chunk] = []
    private var finished = false
    private var refused = false
    private var closed = false
    private let capacity: Int

    /// Rows that passed their checks and the lines they are on.
    struct Chunk: Sendable {
        var submissions: [Submission] = []
        var lines: [Int] = []
    }

    /// What the store gets next.
    enum Next {
        case rows(Chunk)
        case end
        case refused
    }

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Hands over `chunk`, waiting while `capacity` chunks wait already. After a refusal or
    /// ``close()`` the chunk is dropped.
    func put(_ chunk: Chunk) {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity, !closed { condition.wait() }
        guard !closed, !refused else { return }
        chunks.append(chunk)
        condition.broadcast()
    }

    /// The file is read and every row handed over.
    func finish() {
        change { $0.finished = true }
    }

    /// The file is refused: what waits is dropped, and the store hears so next.
    func refuse() {
        change {
            $0.refused = true
            $0.chunks.removeAll()
        }
    }

    /// The store takes no more.
    func close() {
        change {
            $0.closed = true
            $0.chunks.removeAll()
        }
    }

    /// The next chunk, waiting for it while the reader reads; then the end or the refusal.
    func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty, !finished, !refused { condition.wait() }
        if refused { return .refused }
        guard !chunks.isEmpty else { return .end }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return .rows(chunk)
    }

    private func change(_ body: (RowFeed) -> Void) {
        condition.lock()
        body(self)
        condition.broadcast()
        condition.unlock()
    }
}

/// A value one thread publishes and others wait for: the file's SHA-256, worked out while the
/// file is read, which a row without a key of its own needs.
final class Eventual<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func publish(_ published: Value) {
        stored.withLock { $0 = published }
        ready.signal()
    }

    /// The value if it is published already, without waiting.
    var published: Value? {
        stored.withLock { $0 }
    }

    /// The value, once published: waits until then.
    var value: Value {
        if let known = stored.withLock({ $0 }) { return known }
        ready.wait()
        ready.signal()  // for the next one waiting
        return stored.withLock { $0 }!
    }
}
