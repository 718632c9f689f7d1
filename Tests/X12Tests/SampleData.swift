import Foundation
@testable import X12

/// The shared sample 835 files, found by walking up from this source file to the folder that holds
/// `shared/data/x12-835` (works both from a helper package and from the main repository).
enum SampleData {
    static let names = [
        "blue-cross-nc-no-envelope.835", "managed-care.835", "medicare-part-a.835", "secondary-payment.835",
        "united-healthcare-legacy.835", "v4010-deidentified-96-claims.835", "v4010-reversal-correction-plb.835",
    ]

    static let directory: URL? = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<12 {
            let candidate = folder.appendingPathComponent("shared/data/x12-835")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func path(_ name: String) throws -> String {
        guard let directory else { throw Missing(description: "no shared/data/x12-835 above \(#filePath)") }
        return directory.appendingPathComponent(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try path(name))))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The one sample whose SE01 is wrong: it was cut from a longer file.
    static let wrongCountSample = "blue-cross-nc-no-envelope.835"

    /// A sample read with count mismatches recorded rather than thrown, so that every sample can be read.
    static func load(_ name: String) throws -> RemittanceFile {
        try RemittanceFile.read(bytes: try bytes(name), options: RemittanceReadOptions(acceptsCountMismatches: true))
    }

    static func read(_ text: String) throws(X12Error) -> RemittanceFile {
        try RemittanceFile.read(bytes: Array(text.utf8))
    }

    /// All segments of a file, for tests that rebuild it differently.
    static func segments(_ bytes: [UInt8]) throws -> [X12Segment] {
        var reader = X12SegmentReader(source: InMemoryByteSource(bytes))
        var result: [X12Segment] = []
        while let segment = try reader.next() { result.append(segment) }
        return result
    }
}
