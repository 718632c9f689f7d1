import BillingCore
import Foundation
import Testing

@Suite struct PlanOptionTests {
    let policy = PlanPolicy.standard
    let december1 = CalendarDate(year: 2026, month: 12, day: 1)!

    @Test(arguments: [20_000, 20_001, 52_500, 99_999, 123_457, 250_000, 1_000_000, 3_333_333, 99_999_999])
    func everyOptionAddsUpToTheBalanceAndNoInstallmentIsBelowTheMinimum(cents: Int64) {
        let balance = Money(cents: cents)
        let options = PlanOption.offers(for: balance, policy: policy, firstDate: december1)
        #expect((2...4).contains(options.count), "\(options.count) options for \(balance)")
        for option in options {
            let installments = option.installments
            #expect(installments.count == option.count)
            #expect(installments.map(\.amount).sum() == balance, "\(option.code) for \(balance)")
            #expect(installments.allSatisfy { $0.amount >= policy.minimumInstallment }, "\(option.code) for \(balance)")
            // The remainder cents all go to the last installment, which is never smaller than the others.
            #expect(installments.dropLast().allSatisfy { $0.amount == option.regularAmount })
            #expect(option.lastAmount >= option.regularAmount && option.lastAmount.cents - option.regularAmount.cents < Int64(option.count))
            #expect(installments.map(\.sequence) == Array(1...option.count))
            #expect(option.lastDate <= december1.adding(months: policy.longestTermMonths))
        }
    }

    @Test func manyBalancesAndTermsAddUpExactly() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let balance = Money(cents: Int64.random(in: 5_000...50_000_000, using: &generator))
            for frequency in InstallmentFrequency.allCases {
                for count in [2, 3, 5, 6, 7, 12, 13, 26] {
                    let option = PlanOption(frequency: frequency, count: count, total: balance, firstDate: december1)
                    #expect(option.installments.map(\.amount).sum() == balance)
                    #expect(option.installments.allSatisfy { $0.amount.isPositive })
                }
            }
        }
    }

    @Test func theSummaryReadsAsAPatientWouldSayIt() throws {
        let option = try #require(PlanOption.offers(for: Money(cents: 52_500), policy: policy, firstDate: december1).first { $0.code == "monthly-6" })
        #expect(option.summary == "6 payments of $87.50 monthly, first on Dec 1, 2026, last on May 1, 2027")
        let uneven = PlanOption(frequency: .monthly, count: 3, total: Money(cents: 100_000), firstDate: december1)
        #expect(uneven.summary == "3 payments: 2 of $333.33 and a last one of $333.34 monthly, first on Dec 1, 2026, last on Feb 1, 2027")
    }

    @Test func theOffersForTheStandardPolicy() {
        let codes = PlanOption.offers(for: .dollars(600), policy: policy, firstDate: december1).map(\.code)
        #expect(codes == ["monthly-3", "monthly-6", "monthly-12", "every-two-weeks-13"])
        // $200 at $25 at least: eight months at most, and eight payments every two weeks.
        #expect(PlanOption.offers(for: .dollars(200), policy: policy, firstDate: december1).map(\.code)
                == ["monthly-3", "monthly-6", "monthly-8", "every-two-weeks-8"])
        var monthlyOnly = policy
        monthlyOnly.frequencies = [.monthly]
        #expect(PlanOption.offers(for: .dollars(2_000), policy: monthlyOnly, firstDate: december1).map(\.code)
                == ["monthly-3", "monthly-6", "monthly-12"])
    }

    @Test func monthlyDatesClampToTheMonthsEndAndComeBack() {
        let january31 = CalendarDate(year: 2027, month: 1, day: 31)!
        let dates = PlanOption(frequency: .monthly, count: 4, total: .dollars(400), firstDate: january31).installments.map(\.dueDate.iso)
        #expect(dates == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"])
        let leap = PlanOption(frequency: .monthly, count: 3, total: .dollars(300), firstDate: CalendarDate(year: 2028, month: 1, day: 31)!)
        #expect(leap.installments.map(\.dueDate.iso) == ["2028-01-31", "2028-02-29", "2028-03-31"])
        let leapDay = PlanOption(frequency: .monthly, count: 13, total: .dollars(1_300), firstDate: CalendarDate(year: 2028, month: 2, day: 29)!)
        #expect(leapDay.installments.map(\.dueDate.iso).suffix(2) == ["2029-01-29", "2029-02-28"])
        let yearEnd = PlanOption(frequency: .monthly, count: 3, total: .dollars(300), firstDate: CalendarDate(year: 2026, month: 12, day: 31)!)
        #expect(yearEnd.installments.map(\.dueDate.iso) == ["2026-12-31", "2027-01-31", "2027-02-28"])
    }

    @Test func everyTwoWeeksCrossesMonthsAndTheLeapDay() {
        let option = PlanOption(frequency: .everyTwoWeeks, count: 4, total: .dollars(400), firstDate: CalendarDate(year: 2028, month: 2, day: 15)!)
        #expect(option.installments.map(\.dueDate.iso) == ["2028-02-15", "2028-02-29", "2028-03-14", "2028-03-28"])
    }

    @Test func eligibilityEdges() {
        #expect(policy.ineligibility(balance: Money(cents: 19_999)) != nil)
        #expect(policy.ineligibility(balance: .dollars(200)) == nil)
        #expect(policy.ineligibility(balance: .zero)?.contains("$200.00") == true)
        #expect(policy.ineligibility(balance: Money(cents: -500))?.contains("your balance is $0.00") == true)
        #expect(PlanOption.offers(for: Money(cents: 19_999), policy: policy, firstDate: december1).isEmpty)
        #expect(PlanOption.chosen("monthly-6", for: .dollars(600), policy: policy, firstDate: december1)?.count == 6)
        #expect(PlanOption.chosen("monthly-7", for: .dollars(600), policy: policy, firstDate: december1) == nil, "only offered options")
        #expect(PlanOption.chosen("weekly-6", for: .dollars(600), policy: policy, firstDate: december1) == nil)
        // The smallest balance the policy allows still gets choices, none below the minimum installment.
        var tight = policy
        tight.minimumBalance = .dollars(50)
        let options = PlanOption.offers(for: .dollars(50), policy: tight, firstDate: december1)
        #expect(options.map(\.code) == ["monthly-2", "every-two-weeks-2"])
    }

    @Test func anInvalidPolicyNamesEverySetting() {
        var bad = policy
        bad.minimumInstallment = .zero
        bad.longestTermMonths = 1
        bad.frequencies = []
        bad.annualInterestPercent = 5
        bad.graceDays = -1
        bad.retryEveryDays = 0
        bad.missedInstallmentsToDefault = 0
        bad.termsVersion = " "
        let fields = bad.problems().map(\.field)
        #expect(fields == ["minimumInstallment", "longestTermMonths", "frequencies", "annualInterestPercent", "graceDays",
                           "retryEveryDays", "missedInstallmentsToDefault", "termsVersion"])
        #expect(throws: ValidationFailure.self) { try bad.validated() }
        #expect(policy.problems().isEmpty)
    }

    @Test func aPolicyFileMayGiveOnlyWhatItChangesInDollarsOrCents() throws {
        let file = #"{"minimumBalance": "300.00", "graceDays": 5, "frequencies": ["monthly"]}"#
        let read = try JSONDecoder().decode(PlanPolicy.self, from: Data(file.utf8))
        #expect(read.minimumBalance == .dollars(300) && read.graceDays == 5 && read.frequencies == [.monthly])
        #expect(read.minimumInstallment == policy.minimumInstallment && read.termsVersion == policy.termsVersion)
        let stored = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(PlanPolicy.self, from: stored) == policy, "the stored form (cents) reads back")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PlanPolicy.self, from: Data(#"{"minimumBalance": "2OO"}"#.utf8))
        }
    }
}
