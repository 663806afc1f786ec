import Foundation
import WijkpeilCLI

let status = Wijkpeil.run(
    Array(CommandLine.arguments.dropFirst()), console: .standard, environment: ProcessInfo.processInfo.environment)
exit(status)
