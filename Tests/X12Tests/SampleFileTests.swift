import Testing
@testable import X12

@Suite struct SampleFileTests {
    @Test(arguments: SampleData.names)
    func everySampleReadsFromFileAndFromMemoryAlike(name: String) throws {
        let options = RemittanceReadOptions(acceptsCountMismatches: true)
        let fromFile = try RemittanceFile.read(path: try SampleData.path(name), options: options)
        let fromMemory = try RemittanceFile.read(bytes: try SampleData.bytes(name), options: options)
        #expect(fromFile == fromMemory)
        #expect(fromFile.countMismatches.isEmpty == (name != SampleData.wrongCountSample))
        #expect(!fromFile.remittances.isEmpty)
        #expect(fromFile.remittances.allSatisfy { !$0.claims.isEmpty })
    }

    @Test func strictReadingRefusesTheSampleWithAWrongSegmentCount() throws {
        let bytes = try SampleData.bytes(SampleData.wrongCountSample)
        let error = #expect(throws: X12Error.self) { try RemittanceFile.read(bytes: bytes) }
        #expect(error?.segmentNumber == 32 && error?.segmentID == "SE")
        #expect(error?.reason.contains("SE01 says 33 segments") == true)
        let lenient = try SampleData.load(SampleData.wrongCountSample)
        #expect(lenient.countMismatches == [try #require(error)])
    }

    @Test func smallFileChunksGiveTheSameResult() throws {
        let name = "v4010-deidentified-96-claims.835"
        let whole = try SampleData.load(name)
        var reader = RemittanceReader(source: try FileByteSource(path: try SampleData.path(name), chunkSize: 7))
        #expect(try RemittanceFile.read(from: &reader) == whole)
    }

    @Test(arguments: [
        ("blue-cross-nc-no-envelope.835", Int64(192_286)), ("managed-care.835", 94_500),
        ("medicare-part-a.835", 15_000_000), ("secondary-payment.835", 122_200),
        ("united-healthcare-legacy.835", 34_999), ("v4010-deidentified-96-claims.835", 9_999_999),
        ("v4010-reversal-correction-plb.835", 595_021),
    ])
    func paymentTotals(name: String, cents: Int64) throws {
        let file = try SampleData.load(name)
        #expect(file.remittances.map(\.payment.amountCents) == [cents])
    }

    @Test func managedCareClaimsAndLines() throws {
        let remittance = try #require(try SampleData.load("managed-care.835").remittances.first)
        #expect(remittance.payment.handling == .adviceOnly)
        #expect(remittance.payment.method == .ach)
        #expect(remittance.payment.date == nil, "BPR16 20002316 is not a calendar date")
        #expect(remittance.traceNumber == "7170066655")
        #expect(remittance.payer.name == "RUSHMORE LIFE")
        #expect(remittance.payee.npi == "5544667733")
        #expect(remittance.claims.map(\.patientControlNumber) == ["5554555444", "8765432112"])
        let first = remittance.claims[0]
        #expect(first.chargeCents == 80_000 && first.paidCents == 45_000 && first.patientResponsibilityCents == 30_000)
        #expect(first.patient?.lastName == "BUDD")
        #expect(first.adjustments.map(\.group) == [.contractualObligation])
        let line = try #require(first.services.first)
        #expect(line.procedure == ServicePayment.Procedure(qualifier: "HC", code: "99211", modifiers: []))
        #expect(line.periodStart == X12Date("20020301") && line.periodEnd == X12Date("20020304"))
        #expect(line.adjustments.first?.reasons.first?.amountCents == 30_000)
        #expect(remittance.balanceProblems() == [])
    }

    @Test func secondaryPaymentCompositesUseTheirOwnSeparator() throws {
        let file = try SampleData.load("secondary-payment.835")
        let claim = try #require(file.remittances.first?.claims.last)
        #expect(claim.status == .secondary)
        #expect(claim.services.map(\.procedure.code) == ["12345", "66543"])
        #expect(claim.services.map(\.procedure.modifiers) == [["26"], ["26"]])
        #expect(claim.services.last?.adjustments.first?.reasons.map(\.code) == ["1", "2"])
        #expect(claim.services.last?.units == "1.00")
    }

    @Test func blueCrossWithoutEnvelope() throws {
        let file = try SampleData.load("blue-cross-nc-no-envelope.835")
        #expect(file.interchanges.isEmpty)
        let claim = try #require(file.unenvelopedRemittances.first?.claims.first)
        #expect(claim.services.first?.originalProcedure?.code == "59410")
        #expect(claim.services.map(\.lineControlNumber) == ["0001", "0002", "0003"])
        #expect(claim.services.first?.allowedCents == 117_540)
        #expect(claim.received == X12Date("20110103"))
    }

    @Test func unitedHealthcareLineDetails() throws {
        let file = try SampleData.load("united-healthcare-legacy.835")
        let remittance = try #require(file.remittances.first)
        #expect(remittance.payer.payerID == "87726")
        #expect(file.interchanges.first?.groups.first?.version == "005010X221A1")
        let lastLine = try #require(remittance.claims.last?.services.last)
        #expect(lastLine.lineControlNumber == "123456789014")
        #expect(lastLine.adjustments.first?.reasons.map(\.amountCents) == [513, 11_000])
    }

    @Test func reversalAndProviderAdjustments() throws {
        let file = try SampleData.load("v4010-reversal-correction-plb.835")
        let remittance = try #require(file.remittances.first)
        #expect(file.interchanges.first?.groups.first?.version == "004010X091A1")
        #expect(remittance.claims.map(\.status) == [.reversal, .primary, .reversal])
        #expect(remittance.claims[0].paidCents == -21_000)
        #expect(remittance.claims[2].services.first?.procedure.modifiers == ["TG"])
        let plb = try #require(remittance.providerAdjustments.first)
        #expect(plb.items.map(\.amountCents) == [-100_810, 2_421, 595])
        #expect(plb.fiscalPeriodDate == X12Date("20090930"))
        #expect(remittance.payment.date == X12Date("20090220"))
    }

    @Test func medicareNegativeProviderAdjustmentBalances() throws {
        let file = try SampleData.load("medicare-part-a.835")
        let plb = try #require(file.remittances.first?.providerAdjustments.first?.items.first)
        #expect(plb.reasonCode == "CV" && plb.reference == "CP" && plb.amountCents == -127)
        #expect(file.balanceProblems() == [])
    }

    @Test func deidentifiedFileCounts() throws {
        let file = try SampleData.load("v4010-deidentified-96-claims.835")
        let claims = file.remittances.flatMap(\.claims)
        #expect(claims.count == 96)
        #expect(claims.filter { $0.status == .reversal }.count == 19)
        #expect(claims.flatMap(\.services).count == 365)
    }
}
