import Dispatch
import Synchronization

/// Runs two independent pieces of work at the same time — the neighbourhood's responses and the
/// reference's are read on two cores — and returns both results, or the first error.
func concurrently<A: Sendable, B: Sendable>(
    _ first: () throws -> A, _ second: () throws -> B
) throws -> (A, B) {
    let firstResult = Mutex<Result<A, any Error>?>(nil)
    let secondResult = Mutex<Result<B, any Error>?>(nil)
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            nonisolated(unsafe) let (first, second) = (first, second)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 {
                    let result = Result { try first() }
                    firstResult.withLock { $0 = result }
                } else {
                    let result = Result { try second() }
                    secondResult.withLock { $0 = result }
                }
            }
        }
    }
    guard let a = firstResult.withLock({ $0 }), let b = secondResult.withLock({ $0 }) else {
        preconditionFailure("both pieces of work ran")
    }
    return (try a.get(), try b.get())
}
