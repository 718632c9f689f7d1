import Testing
@testable import X12

/// Each envelope check, broken one at a time in managed-care.835 (ISA is segment 1, ST 3, SE 28, GE 29, IEA 30).
@Suite struct ControlCheckTests {
    static func managedCare(_ change: (String) -> String) throws -> String {
        change(try SampleData.text("managed-care.835"))
    }

    static func expectError(_ text: String, segment: Int, id: String, mentioning words: String) {
        let error = #expect(throws: X12Error.self) { try SampleData.read(text) }
        #expect(error?.segmentNumber == segment)
        #expect(error?.segmentID == id)
        #expect(error?.reason.contains(words) == true, "\(error?.reason ?? "no error")")
    }

    @Test func untouchedSamplePasses() throws {
        #expect(try SampleData.read(try Self.managedCare { $0 }).remittances.count == 1)
    }

    @Test func segmentCount() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("SE*26*", with: "SE*25*") },
                         segment: 28, id: "SE", mentioning: "SE01 says 25 segments")
        Self.expectError(try Self.managedCare { $0.replacingFirst("SE*26*", with: "SE*2x*") },
                         segment: 28, id: "SE", mentioning: "SE01")
    }

    @Test func countMismatchesCanBeRecordedInstead() throws {
        let text = try Self.managedCare { $0.replacingFirst("SE*26*", with: "SE*25*").replacingFirst("GE*1*", with: "GE*3*") }
        let file = try RemittanceFile.read(bytes: Array(text.utf8), options: RemittanceReadOptions(acceptsCountMismatches: true))
        #expect(file.countMismatches.map(\.segmentID) == ["SE", "GE"])
        #expect(file.remittances.count == 1)
    }

    @Test func transactionControlNumber() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("SE*26*112233", with: "SE*26*112234") },
                         segment: 28, id: "SE", mentioning: "SE02")
    }

    @Test func groupCountAndControlNumber() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("GE*1*1", with: "GE*2*1") },
                         segment: 29, id: "GE", mentioning: "GE01 says 2 transaction sets")
        Self.expectError(try Self.managedCare { $0.replacingFirst("GE*1*1", with: "GE*1*7") },
                         segment: 29, id: "GE", mentioning: "GE02")
    }

    @Test func interchangeCountAndControlNumber() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("IEA*1*", with: "IEA*0*") },
                         segment: 30, id: "IEA", mentioning: "IEA01 says 0 functional groups")
        Self.expectError(try Self.managedCare { $0.replacingFirst("IEA*1*000000907", with: "IEA*1*000000908") },
                         segment: 30, id: "IEA", mentioning: "IEA02")
    }

    @Test func onlyRemittanceAdvice() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("ST*835*", with: "ST*837*") },
                         segment: 3, id: "ST", mentioning: "ST01 '837'")
    }

    @Test func unclosedEnvelopes() throws {
        let lines = try SampleData.text("managed-care.835").split(separator: "\n")
        func upTo(_ count: Int) -> String { lines.prefix(count).joined(separator: "\n") }
        Self.expectError(upTo(27), segment: 3, id: "ST", mentioning: "before the SE")
        Self.expectError(upTo(28), segment: 2, id: "GS", mentioning: "before the GE")
        Self.expectError(upTo(29), segment: 1, id: "ISA", mentioning: "before the IEA")
    }

    @Test func misplacedEnvelopeSegments() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("LX*1~", with: "GE*1*1~") },
                         segment: 12, id: "GE", mentioning: "before the SE of transaction set 112233")
        Self.expectError(try Self.managedCare { $0.replacingFirst("GS*", with: "XX*") },
                         segment: 2, id: "XX", mentioning: "outside any transaction set")
        Self.expectError(try Self.managedCare { $0.replacingFirst("GE*1*1~", with: "GE*1*1~\nST*835*1~") },
                         segment: 30, id: "ST", mentioning: "outside any functional group")
    }

    @Test func requiredHeaderSegments() throws {
        Self.expectError(try Self.managedCare { $0.replacingFirst("N1*PE*", with: "N1*ZZ*") },
                         segment: 28, id: "SE", mentioning: "no N1*PE payee")
        Self.expectError(try Self.managedCare { $0.replacingFirst("CLP*5554555444", with: "XXX*5554555444") },
                         segment: 14, id: "CAS", mentioning: "before any CLP")
    }
}
