// libFuzzer target for the HTTP request parser (built by scripts/fuzz-parser.sh together with
// Sources/HTTPCore/HTTPRequest.swift, HTTPRequestParser.swift and URLEncodedForm.swift).
//
// Besides "no crash, no hang", it checks two properties on every input:
// 1. the outcome does not depend on how the bytes are split between reads;
// 2. every request handed over has exactly the body its Content-Length announced.

struct Outcome: Equatable {
    var requests: [String] = []
    var refusal: Int?
}

func run(_ chunks: [ArraySlice<UInt8>]) -> Outcome {
    var parser = HTTPRequestParser(limits: .init(requestLine: 256, headerBytes: 512, headerFields: 16, body: 1024))
    var outcome = Outcome()
    for chunk in chunks {
        parser.append(chunk)
        loop: while true {
            do {
                switch try parser.next() {
                case .request(let request):
                    let declared = request.header("content-length").flatMap { Int($0) } ?? 0
                    precondition(request.body.count == declared, "body length differs from Content-Length")
                    _ = request.keepAlive
                    _ = try? URLEncodedForm(request.body)
                    outcome.requests.append("\(request.method) \(request.target) \(request.body.count)")
                case .expectsContinue:
                    continue
                case .needMore:
                    break loop
                }
            } catch {
                outcome.refusal = error.status
                return outcome
            }
        }
    }
    return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let whole = run([bytes[...]])
    // Split at a point chosen from the input itself, and into single bytes for short inputs.
    let split = count > 0 ? Int(bytes[0]) % (count + 1) : 0
    let halves = run([bytes[..<split], bytes[split...]])
    precondition(whole == halves, "the outcome depends on where the input was split")
    if count < 200 {
        precondition(run(bytes.indices.map { bytes[$0...$0] }) == whole, "byte-by-byte parsing differs")
    }
    return 0
}
