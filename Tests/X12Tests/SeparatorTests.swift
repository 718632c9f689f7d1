import Testing
@testable import X12

@Suite struct SeparatorTests {
    static let enveloped = SampleData.names.filter { $0 != SampleData.wrongCountSample }

    static let rewriters = [
        Rewriter(element: "|", component: "^", repetition: "!", terminator: "~", lineBreak: "\n"),
        Rewriter(element: "^", component: "|", repetition: "{", terminator: "!", lineBreak: "\r\n"),
        Rewriter(element: "!", component: "\\", repetition: "^", terminator: "\n"),
    ]

    @Test(arguments: enveloped, 0..<rewriters.count)
    func rewrittenSeparatorsReadIdentically(name: String, variant: Int) throws {
        let original = try SampleData.load(name)
        let rewritten = try Self.rewriters[variant].rewrite(try SampleData.bytes(name))
        #expect(!rewritten.contains("*"))
        #expect(try SampleData.read(rewritten) == original)
    }

    @Test func fileWithoutEnvelopeTakesItsElementSeparatorFromST() throws {
        let original = try SampleData.load(SampleData.wrongCountSample)
        let text = try SampleData.text(SampleData.wrongCountSample)
            .replacingOccurrences(of: "*", with: "|")
            .replacingOccurrences(of: "~", with: "~\r\n")
        let options = RemittanceReadOptions(acceptsCountMismatches: true)
        #expect(try RemittanceFile.read(bytes: Array(text.utf8), options: options) == original)
    }

    @Test func readerExposesTheDeclaredSeparators() throws {
        var reader = X12SegmentReader(source: InMemoryByteSource(try SampleData.bytes("united-healthcare-legacy.835")))
        let isa = try #require(try reader.next())
        #expect(isa.number == 1 && isa.id == "ISA")
        #expect(reader.separators == X12Separators(element: UInt8(ascii: "*"), component: UInt8(ascii: ">"),
                                                   repetition: UInt8(ascii: "^"), segment: UInt8(ascii: "~")))
    }

    @Test func version4010HasNoRepetitionSeparator() throws {
        var reader = X12SegmentReader(source: InMemoryByteSource(try SampleData.bytes("v4010-reversal-correction-plb.835")))
        _ = try reader.next()
        #expect(reader.separators?.repetition == nil)
        #expect(reader.separators?.component == UInt8(ascii: ":"))
    }

    @Test func segmentsAreNumberedFromOneAndSkipLineBreaksAndIndentation() throws {
        let segments = try SampleData.segments(try SampleData.bytes("v4010-deidentified-96-claims.835"))
        #expect(segments.map(\.number) == Array(1...segments.count))
        #expect(segments.count == 2361)
        #expect(segments[1].id == "GS" && segments.last?.id == "IEA")
    }

    @Test func unusableDelimitersAreRefused() throws {
        let text = try SampleData.text("managed-care.835").replacingFirst("*T*:~", with: "*T***")
        let error = #expect(throws: X12Error.self) { try SampleData.read(text) }
        #expect(error?.segmentID == "ISA" && error?.segmentNumber == 1)
    }

    @Test func composites() {
        let colon = X12Separators(element: 42, component: UInt8(ascii: ":"), repetition: nil, segment: 126)
        func segment(_ composite: String) -> X12Segment {
            X12Segment(number: 7, id: "SVC", elements: [composite, "1"], separators: colon)
        }
        #expect(segment("HC:11102:25:59").components(1) == ["HC", "11102", "25", "59"])
        #expect(segment("HC>11102>25").components(1) == ["HC", "11102", "25"])
        #expect(segment("HC^11102").components(1) == ["HC", "11102"])
        #expect(segment("AB-11102").components(1) == ["AB-11102"])
        #expect(segment("H1>11102").components(1) == ["H1>11102"])
        #expect(segment("").components(1) == [""])
    }
}
