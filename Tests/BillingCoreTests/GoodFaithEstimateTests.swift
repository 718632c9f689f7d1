import BillingCore
import Testing

@Suite struct GoodFaithEstimateTests {
    static let practice = Practice(name: "Blue Ridge Dermatology", address: MailingAddress(line1: "12 Elm St", city: "Asheville", state: "NC", zip: "28801"),
                                   phone: "828-555-0100", hours: "", website: "", taxID: "56-1234567", npi: NPI.make("123456789"))
    static let clinician = Provider(id: 1, name: "Rosa Lin", credentials: "MD", npi: NPI.make("222222222"))
    static let office = Location(id: 1, name: "Main office", address: practice.address, phone: "", placeOfService: "11")

    static func estimate(practice: Practice = practice, clinician: Provider = clinician, location: Location = office,
                         name: String = "Ana", primary: String = "Botox for frown lines") throws -> GoodFaithEstimate {
        let quote = try Quote.price(QuoteRequest(items: [.init(item: "botox", area: "glabellar"), .init(item: "juvederm-ultra-xc", area: "lips")],
                                                 discount: .init(amount: Money(cents: 5_000), reason: "New patient")),
                                    catalog: QuoteTests.catalog, on: CalendarDate(year: 2026, month: 6, day: 15)!)
        let details = EstimateDetails(
            patient: EstimatePatient(accountID: nil, patientID: nil, firstName: name, lastName: "Peña", dateOfBirth: CalendarDate(year: 1975, month: 3, day: 9)!),
            providerID: 1, locationID: 1, selfPay: true, primaryService: primary, scheduledOn: CalendarDate(year: 2026, month: 6, day: 15)!,
            serviceDate: CalendarDate(year: 2026, month: 7, day: 1)!, validUntil: CalendarDate(year: 2026, month: 7, day: 15)!, quote: quote)
        return Estimate(id: 7, seriesID: 7, revises: nil, details: details, createdBy: "casey").goodFaithEstimate(
            number: GoodFaithEstimateNumber.make(series: 7, version: 1), version: 1, supersedes: nil, practice: practice,
            clinician: clinician, location: location, issuedOn: CalendarDate(year: 2026, month: 6, day: 15)!)
    }

    @Test func aCompleteEstimateIsIssuedWithExpectedChargesNetOfTheDiscount() throws {
        let gfe = try GoodFaithEstimate.issue(try Self.estimate())
        #expect(gfe.number == "GFE-000007-1")
        #expect(gfe.total == Money(cents: 28_000 + 72_500 - 5_000))
        #expect(gfe.providers[0].items.map(\.expectedCharge).sum() == gfe.total)
        #expect(gfe.providers[0].items.map(\.code) == ["J0585", "FILLER-HA"])
        #expect(gfe.providers[0].npi == NPI.make("123456789") && gfe.providers[0].taxID == "56-1234567")
        #expect(gfe.providers[0].clinician == "Rosa Lin, MD" && gfe.providers[0].locationAddress.state == "NC")
        #expect(GoodFaithEstimate.disclaimers.contains { $0.contains("$400.00") && $0.contains("120 calendar days") })
        #expect(GoodFaithEstimate.disclaimers.contains { $0.contains("not a contract") })
        #expect(GoodFaithEstimate.disclaimers.contains { $0.contains("only an estimate") })
        #expect(GoodFaithEstimate.disclaimers.contains { $0.contains("www.cms.gov/nosurprises") })
    }

    @Test func anEstimateMissingARequiredElementCannotBeIssued() throws {
        var noTIN = Self.practice
        noTIN.taxID = ""
        #expect(throws: GoodFaithEstimateIncomplete(missing: [.providerTaxID])) { try GoodFaithEstimate.issue(try Self.estimate(practice: noTIN)) }
        var badNPI = Self.practice
        badNPI.npi = "1234567890"
        var nowhere = Self.office
        nowhere.address.state = ""
        var unnamed = Self.clinician
        unnamed.npi = ""
        #expect(throws: GoodFaithEstimateIncomplete(missing: [.primaryService, .providerNPI, .clinician, .serviceLocation])) {
            try GoodFaithEstimate.issue(try Self.estimate(practice: badNPI, clinician: unnamed, location: nowhere, primary: " "))
        }
        var nameless = try Self.estimate()
        nameless.patientName = " "
        nameless.patientDateOfBirth = nameless.issuedOn.adding(days: 1)
        #expect(throws: GoodFaithEstimateIncomplete(missing: [.patientName, .patientDateOfBirth])) { try GoodFaithEstimate.issue(nameless) }
        var noItems = try Self.estimate()
        noItems.providers[0].items = []
        #expect(throws: GoodFaithEstimateIncomplete(missing: [.items])) { try GoodFaithEstimate.issue(noItems) }
        var noCode = try Self.estimate()
        noCode.providers[0].items[0].code = "botox"
        #expect(throws: GoodFaithEstimateIncomplete(missing: [.serviceCodes])) { try GoodFaithEstimate.issue(noCode) }
    }

    @Test func taxIDsArePrintedShapes() {
        #expect(TaxID.isValid("56-1234567") && TaxID.isValid("561234567"))
        for bad in ["", "56-123456", "5612345678", "561-234567", "56-12345A7"] { #expect(!TaxID.isValid(bad), "\(bad)") }
    }
}

@Suite struct GoodFaithEstimateTimingTests {
    // 2026-06-12 is a Friday.
    let friday = CalendarDate(year: 2026, month: 6, day: 12)!

    @Test func businessDaysSkipWeekends() {
        #expect(friday.weekday == 5)
        #expect(BusinessDays.adding(1, to: friday) == CalendarDate(year: 2026, month: 6, day: 15)!, "Friday + 1 is Monday")
        #expect(BusinessDays.adding(3, to: friday) == CalendarDate(year: 2026, month: 6, day: 17)!)
        #expect(BusinessDays.adding(1, to: friday.adding(days: 1)) == CalendarDate(year: 2026, month: 6, day: 15)!, "Saturday + 1 is Monday")
        #expect(BusinessDays.between(friday, friday.adding(days: 3)) == 1, "Friday to Monday is one business day")
    }

    @Test func scheduledThreeOrMoreBusinessDaysOutIsDueInOne() {
        // Friday to Wednesday: Mon, Tue, Wed = 3 business days, though 5 calendar days.
        #expect(GoodFaithEstimateTiming.dueDate(scheduledOrRequestedOn: friday, serviceDate: friday.adding(days: 5))
                == CalendarDate(year: 2026, month: 6, day: 15)!)
        // Friday to Tuesday: 2 business days: none required.
        #expect(GoodFaithEstimateTiming.dueDate(scheduledOrRequestedOn: friday, serviceDate: friday.adding(days: 4)) == nil)
    }

    @Test func scheduledTenOrMoreBusinessDaysOutIsDueInThree() {
        // Friday + 14 calendar days = Friday two weeks on = 10 business days.
        #expect(GoodFaithEstimateTiming.dueDate(scheduledOrRequestedOn: friday, serviceDate: friday.adding(days: 14))
                == CalendarDate(year: 2026, month: 6, day: 17)!)
        // 13 calendar days (a Thursday) is 9 business days: one business day.
        #expect(GoodFaithEstimateTiming.dueDate(scheduledOrRequestedOn: friday, serviceDate: friday.adding(days: 13))
                == CalendarDate(year: 2026, month: 6, day: 15)!)
    }

    @Test func onRequestIsDueInThreeBusinessDays() {
        let saturday = friday.adding(days: 1)
        #expect(GoodFaithEstimateTiming.dueDate(scheduledOrRequestedOn: saturday, serviceDate: nil) == CalendarDate(year: 2026, month: 6, day: 17)!)
    }

    @Test func dueThenOverdueTheDayAfter() {
        let due = CalendarDate(year: 2026, month: 6, day: 15)!
        #expect(GoodFaithEstimateTiming.status(dueDate: due, issued: false, today: due) == .due)
        #expect(GoodFaithEstimateTiming.status(dueDate: due, issued: false, today: due.adding(days: 1)) == .overdue)
        #expect(GoodFaithEstimateTiming.status(dueDate: due, issued: true, today: due.adding(days: 9)) == .issued)
        #expect(GoodFaithEstimateTiming.status(dueDate: nil, issued: false, today: due) == .notRequired)
    }
}

@Suite struct DisputeThresholdTests {
    let estimated = Money(cents: 95_500)

    @Test func billedAtMost399_99OverIsNotFlagged() {
        #expect(!DisputeThreshold.isSubstantiallyInExcess(billed: estimated + Money(cents: 39_999), estimated: estimated))
        #expect(!DisputeThreshold.isSubstantiallyInExcess(billed: estimated, estimated: estimated))
        #expect(!DisputeThreshold.isSubstantiallyInExcess(billed: .zero, estimated: estimated))
    }

    @Test func billed400_00OrMoreOverIsFlagged() {
        #expect(DisputeThreshold.isSubstantiallyInExcess(billed: estimated + Money(cents: 40_000), estimated: estimated))
        #expect(DisputeThreshold.isSubstantiallyInExcess(billed: estimated + Money(cents: 40_001), estimated: estimated))
    }

    @Test func theNoticeGivesTheDeadline() {
        let text = DisputeThreshold.notice(billed: Money(cents: 135_500), estimated: estimated, billedOn: CalendarDate(year: 2026, month: 7, day: 1)!,
                                           estimateNumber: "GFE-000007-1")
        #expect(text.contains("$400.00 more") && text.contains("October 29, 2026") && text.contains("GFE-000007-1"))
    }
}
