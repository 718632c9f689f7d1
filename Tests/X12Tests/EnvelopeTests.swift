import Testing
@testable import X12

@Suite struct EnvelopeTests {
    /// The lines of managed-care.835, ISA to IEA; its ST is line 3 and its SE line 28.
    static func managedCareLines() throws -> [String] {
        try SampleData.text("managed-care.835").split(separator: "\n").map(String.init)
    }

    @Test func severalTransactionSetsInOneGroup() throws {
        let lines = try Self.managedCareLines()
        let transaction = Array(lines[2...27])
        let second = transaction.map {
            $0.replacingOccurrences(of: "*112233~", with: "*445566~").replacingFirst("7170066655", with: "7170066656")
        }
        let text = (lines[0...1] + transaction + second + ["GE*2*1~", lines[30 - 1]]).joined(separator: "\n")
        let file = try SampleData.read(text)
        #expect(file.interchanges.count == 1)
        #expect(file.remittances.map(\.controlNumber) == ["112233", "445566"])
        #expect(file.remittances.map(\.traceNumber) == ["7170066655", "7170066656"])
        #expect(file.remittances.map(\.segmentNumber) == [3, 29])
    }

    @Test func severalGroupsInOneInterchange() throws {
        let lines = try Self.managedCareLines()
        let group = Array(lines[1...28])
        let secondGroup = group.map {
            $0.replacingFirst("*1147*1*X*", with: "*1147*2*X*").replacingFirst("GE*1*1~", with: "GE*1*2~")
        }
        let text = ([lines[0]] + group + secondGroup + ["IEA*2*000000907~"]).joined(separator: "\n")
        let file = try SampleData.read(text)
        #expect(file.interchanges.first?.groups.map(\.controlNumber) == ["1", "2"])
        #expect(file.remittances.count == 2)
    }

    @Test func severalInterchangesWithTheirOwnSeparators() throws {
        let names = ["managed-care.835", "united-healthcare-legacy.835", "v4010-reversal-correction-plb.835",
                     "medicare-part-a.835"]
        let rewritten = try Rewriter(element: "|", component: "^", repetition: "!", terminator: "~")
            .rewrite(try SampleData.bytes("medicare-part-a.835"))
        var text = ""
        for name in names.dropLast() { text += try SampleData.text(name) + "\r\n" }
        text += rewritten
        let combined = try SampleData.read(text)
        let separate = try names.map { try SampleData.load($0) }
        #expect(combined.interchanges.map(\.controlNumber) == separate.flatMap { $0.interchanges.map(\.controlNumber) })
        #expect(combined.remittances.map(\.payment) == separate.flatMap { $0.remittances.map(\.payment) })
        #expect(combined.remittances.map { $0.claims.map(\.patientControlNumber) }
                == separate.flatMap { $0.remittances.map { $0.claims.map(\.patientControlNumber) } })
        #expect(combined.remittances.last?.claims.first?.chargeCents == 21_136_697)
    }

    @Test func eventsStreamInFileOrder() throws {
        var reader = RemittanceReader(source: InMemoryByteSource(try SampleData.bytes("managed-care.835")))
        var kinds: [String] = []
        while let event = try reader.next() {
            switch event {
            case .interchangeStarted(let interchange): kinds.append("ISA \(interchange.controlNumber)")
            case .groupStarted(let group): kinds.append("GS \(group.version)")
            case .remittance(let remittance): kinds.append("ST \(remittance.controlNumber)")
            case .groupEnded: kinds.append("GE")
            case .interchangeEnded: kinds.append("IEA")
            }
        }
        #expect(kinds == ["ISA 000000907", "GS 005010X221A1", "ST 112233", "GE", "IEA"])
        #expect(try reader.next() == nil)
    }

    @Test func interchangeHeader() throws {
        let interchange = try #require(try SampleData.load("united-healthcare-legacy.835").interchanges.first)
        #expect(interchange.senderID == "ENS_EDI" && interchange.receiverID == "GATE0110")
        #expect(interchange.versionNumber == "00501" && interchange.usage == "P")
        #expect(interchange.groups.first?.controlNumber == "444444444")
    }
}
