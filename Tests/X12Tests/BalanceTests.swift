import Testing
@testable import X12

@Suite struct BalanceTests {
    @Test(arguments: ["blue-cross-nc-no-envelope.835", "managed-care.835", "medicare-part-a.835",
                      "secondary-payment.835", "united-healthcare-legacy.835"])
    func balancedSamples(name: String) throws {
        #expect(try SampleData.load(name).balanceProblems() == [])
    }

    @Test func reversalSampleTotalDoesNotBalance() throws {
        // Σ CLP04 = −510.25, Σ PLB = −977.94: the payment should be 467.69, BPR02 says 5,950.21.
        let problems = try SampleData.load("v4010-reversal-correction-plb.835").balanceProblems()
        #expect(problems == [BalanceProblem(rule: .totalPayment, segmentNumber: 3, statedCents: 595_021,
                                            computedCents: 46_769)])
    }

    static func managedCare(_ change: (String) -> String) throws -> [BalanceProblem] {
        try SampleData.read(change(try SampleData.text("managed-care.835"))).balanceProblems()
    }

    @Test func claimPaidAndTotal() throws {
        let problems = try Self.managedCare { $0.replacingFirst("*800.00*450.00*", with: "*800.00*451.00*") }
        #expect(problems.map(\.rule) == [.claimPaid, .totalPayment])
        #expect(problems.first?.segmentNumber == 13)
        #expect(problems.first?.computedCents == 45_000 && problems.first?.statedCents == 45_100)
        #expect(problems.last?.computedCents == 94_600)
    }

    @Test func patientResponsibility() throws {
        let problems = try Self.managedCare { $0.replacingFirst("*450.00*300.00*", with: "*450.00*299.99*") }
        #expect(problems == [BalanceProblem(rule: .claimPatientResponsibility, segmentNumber: 13,
                                            statedCents: 29_999, computedCents: 30_000)])
    }

    @Test func linePaid() throws {
        let problems = try Self.managedCare { $0.replacingFirst("*800.00*500.00~", with: "*800.00*501.00~") }
        #expect(problems == [BalanceProblem(rule: .servicePaid, segmentNumber: 16, statedCents: 50_100,
                                            computedCents: 50_000)])
    }

    @Test func providerAdjustmentReducesTheTotal() throws {
        let problems = try Self.managedCare { $0.replacingFirst("SE*26*", with: "PLB*1*20021231*WO*10~SE*27*") }
        #expect(problems == [BalanceProblem(rule: .totalPayment, segmentNumber: 3, statedCents: 94_500,
                                            computedCents: 93_500)])
        #expect(problems.first?.description.contains("BPR02") == true)
    }
}
