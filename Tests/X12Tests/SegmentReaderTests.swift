import Foundation
import Testing
@testable import X12

@Suite struct SegmentReaderTests {
    static func segments(_ text: String, chunkSize: Int = 64 * 1024) throws(X12Error) -> [X12Segment] {
        var reader = X12SegmentReader(source: InMemoryByteSource(Array(text.utf8), chunkSize: chunkSize))
        var result: [X12Segment] = []
        while let segment = try reader.next() { result.append(segment) }
        return result
    }

    @Test(arguments: [1, 2, 3, 105, 106, 107, 4096])
    func chunkBoundariesDoNotMatter(chunkSize: Int) throws {
        let text = try SampleData.text("united-healthcare-legacy.835")
        #expect(try Self.segments(text, chunkSize: chunkSize) == (try Self.segments(text)))
    }

    @Test func withoutEnvelope() throws {
        let segments = try Self.segments("\u{FEFF}ST|835|1~\r\nBPR|I|1.00|C|CHK~~SVC|HC:99213|1~")
        #expect(segments.map(\.id) == ["ST", "BPR", "SVC"])
        #expect(segments.map(\.number) == [1, 2, 3])
        #expect(segments[2].components(1) == ["HC", "99213"])
        #expect(segments[0].separators == X12Separators(element: UInt8(ascii: "|"), component: UInt8(ascii: ":"),
                                                        repetition: nil, segment: UInt8(ascii: "~")))
    }

    @Test func trailingEmptyElementsReadAsEmpty() throws {
        let segment = try #require(try Self.segments("ST*835*1~").first)
        #expect(segment.element(2) == "1" && segment.element(3) == "" && segment.element(0) == "")
        #expect(segment.optionalElement(3) == nil)
    }

    @Test(arguments: [
        ("", 0), ("   \r\n", 0),
    ])
    func emptyFiles(text: String, count: Int) throws {
        #expect(try Self.segments(text).count == count)
    }

    @Test(arguments: [
        ("GS*HP*1~", 1, "the file starts with neither"),
        ("ST*835*1~BPR*I*1", 2, "has no terminator"),
        ("ST*835*1~bpr*I~", 2, "is not a segment id"),
        ("ST*835*1~*I~", 2, "is not a segment id"),
        ("ISA*00*x~", 1, "ISA is incomplete"),
        ("STX*1~", 1, "the file starts with neither"),
    ])
    func malformed(text: String, segment: Int, words: String) {
        let error = #expect(throws: X12Error.self) { try Self.segments(text) }
        #expect(error?.segmentNumber == segment)
        #expect(error?.reason.contains(words) == true, "\(error?.reason ?? "")")
    }

    @Test func segmentWithoutTerminatorIsBounded() {
        let text = "ST*835*1~BPR*" + String(repeating: "9", count: X12SegmentReader<InMemoryByteSource>.maximumSegmentLength + 10)
        let error = #expect(throws: X12Error.self) { try Self.segments(text) }
        #expect(error?.reason.contains("no segment terminator within") == true)
    }

    @Test func missingFile() {
        let error = #expect(throws: X12Error.self) { try RemittanceFile.read(path: "/nonexistent/file.835") }
        #expect(error?.segmentNumber == 0 && error?.reason.contains("cannot open") == true)
    }

    /// A file of 20,000 claims (about 9 MB) streamed from disk in 64 KiB chunks, one transaction set at a time.
    @Test func largeFileStreamsFromDisk() throws {
        let lines = try SampleData.text("managed-care.835").split(separator: "\n").map(String.init)
        let claim = Array(lines[12...18])
        let claimCount = 20_000
        var text = lines[0...10].joined(separator: "\n") + "\n"
        for index in 0..<claimCount {
            text += claim.map { $0.replacingFirst("5554555444", with: "C\(index)") }.joined(separator: "\n") + "\n"
        }
        text += "SE*\(11 - 2 + claimCount * claim.count + 1)*112233~\nGE*1*1~\nIEA*1*000000907~\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("x12-large-\(UUID().uuidString).835")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }

        var reader = RemittanceReader(source: try FileByteSource(path: url.path))
        var claims = 0
        var paid: Int64 = 0
        while let event = try reader.next() {
            if case .remittance(let remittance) = event {
                claims += remittance.claims.count
                paid += remittance.claims.reduce(0) { $0 + $1.paidCents }
            }
        }
        #expect(claims == claimCount)
        #expect(paid == Int64(claimCount) * 45_000)
    }
}
