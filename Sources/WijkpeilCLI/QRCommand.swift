import QRCode
import WijkpeilCore

/// `wijkpeil qr`: a QR code for an address or a code, in the terminal, as SVG, or as the
/// matrix of modules (for checking against another encoder).
enum QRCommand {
    static let spec = CommandSpec(
        name: "qr",
        abstract: "Make a QR code (level M) for an address or a code: in the terminal, as SVG, or as its modules.",
        discussion: """
            The version is the smallest that holds the text (at most 10: 213 bytes of an address), the mask the one
            with the lowest penalty; --version and --mask fix them. --format matrix prints 'version mask' and then one
            line of 0 and 1 per row of modules, dark is 1.
            """,
        options: [
            .format(["text", "svg", "matrix"], default: "text"),
            OptionSpec("version", value: "N", help: "The smallest version to use, 1 to 10."),
            OptionSpec("mask", value: "N", help: "The mask pattern, 0 to 7."),
        ],
        positionals: [PositionalSpec(name: "TEXT", help: "What the code holds: an address, a code.")],
        run: { arguments, console in
            let text = arguments.positionals[0]
            let version = try arguments.value("version").map { value throws -> Int in
                guard let number = Int(value), (1...10).contains(number) else {
                    throw UsageError(nl: "--version heeft een getal van 1 tot 10 nodig", en: "--version needs a number from 1 to 10", commandPath: arguments.commandPath)
                }
                return number
            }
            let mask = try arguments.value("mask").map { value throws -> Int in
                guard let number = Int(value), (0...7).contains(number) else {
                    throw UsageError(nl: "--mask heeft een getal van 0 tot 7 nodig", en: "--mask needs a number from 0 to 7", commandPath: arguments.commandPath)
                }
                return number
            }
            let code: QRCode
            do throws(QRCode.EncodingError) {
                code = try QRCode(encoding: text, minimumVersion: version ?? 1, mask: mask)
            } catch {
                throw CommandFailure(
                    nl: "deze tekst past niet in een QR-code tot versie 10 (\(text.utf8.count) bytes); maak het adres korter",
                    en: "this text does not fit a QR code up to version 10 (\(text.utf8.count) bytes); make the address shorter", exitCode: .invalid)
            }
            switch arguments.value("format") {
            case "svg": console.out.line(code.svg(title: text))
            case "matrix":
                console.out.line("\(code.version) \(code.mask)")
                for row in code.modules { console.out.line(String(row.map { $0 ? "1" : "0" })) }
            default: console.out.write(code.terminalText())
            }
            return .success
        })
}
