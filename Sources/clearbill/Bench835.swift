import ArgumentParser
import Foundation
import X12

/// `clearbill bench 835`: how fast the streaming reader turns a file into remittances (envelope checks and all),
/// one transaction set at a time, the way `import-835` reads.
struct Bench835: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "835", abstract: "Read a (large) 835 file with the streaming reader and print MB/s.")

    @Option(help: "The 835 file to read (scripts/make-big-835.py builds a large one).") var file: String

    func validate() throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
    }

    func run() async throws {
        let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
        var reader = RemittanceReader(source: try FileByteSource(path: file))
        var sets = 0, claims = 0, services = 0
        let clock = ContinuousClock()
        let started = clock.now
        while let event = try reader.next() {
            guard case .remittance(let remittance) = event else { continue }
            sets += 1
            claims += remittance.claims.count
            services += remittance.claims.reduce(0) { $0 + $1.services.count }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "clearbill X12 reader: %.1f MB in %.2f s = %.1f MB/s (%d transaction sets, %d claims, %d service lines)",
                     megabytes, seconds, megabytes / max(seconds, 1e-9), sets, claims, services))
    }
}
