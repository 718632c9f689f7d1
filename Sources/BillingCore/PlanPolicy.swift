/// How often a plan's installments fall due.
public enum InstallmentFrequency: String, Sendable, Codable, CaseIterable {
    case monthly
    case everyTwoWeeks = "every-two-weeks"

    /// The due date of installment `index` (0 = the first). Monthly dates are counted from the first date each time,
    /// not from the previous one, so Jan 31 gives Feb 28 (29) and then Mar 31 again.
    public func dueDate(first: CalendarDate, index: Int) -> CalendarDate {
        switch self {
        case .monthly: first.adding(months: index)
        case .everyTwoWeeks: first.adding(days: 14 * index)
        }
    }

    /// The most installments a term of `months` holds: one a month, or 26 a year every two weeks.
    public func mostInstallments(inMonths months: Int) -> Int {
        switch self {
        case .monthly: months
        case .everyTwoWeeks: months * 26 / 12
        }
    }

    public var plainName: String {
        switch self {
        case .monthly: "monthly"
        case .everyTwoWeeks: "every two weeks"
        }
    }
}

/// The practice's rules for payment plans. They are configuration (`clearbill serve` and `clearbill plans run`
/// options, or a JSON file); the defaults are what a dermatology practice commonly offers. A plan keeps the policy it
/// was agreed under, so changing the configuration never changes terms a patient already accepted.
public struct PlanPolicy: Sendable, Equatable, Codable {
    /// The smallest balance a plan can be made for.
    public var minimumBalance: Money
    /// No installment (but the last, which absorbs the remainder cents and so is never smaller) goes below this.
    public var minimumInstallment: Money
    /// The longest a plan may run, first installment to last.
    public var longestTermMonths: Int
    public var frequencies: [InstallmentFrequency]
    /// Plans carry no interest: a finance charge would make the plan consumer credit under Truth in Lending, and
    /// Clearbill posts none. The field exists so that a configuration asking for interest is refused, not ignored.
    public var annualInterestPercent: Int
    /// Days after a due date a declined installment is still retried before it counts as missed.
    public var graceDays: Int
    /// Days between retries of a declined installment within the grace period.
    public var retryEveryDays: Int
    /// Missed installments that end (default) the plan; its remaining balance then returns to the statement cycle.
    public var missedInstallmentsToDefault: Int
    /// Whether new charges may be folded into an active plan by making it again for the whole balance.
    public var allowsAddingCharges: Bool
    /// The version of the written terms a patient agrees to; stored with each acceptance.
    public var termsVersion: String

    public init(minimumBalance: Money = .dollars(200), minimumInstallment: Money = .dollars(25), longestTermMonths: Int = 12,
                frequencies: [InstallmentFrequency] = [.monthly, .everyTwoWeeks], annualInterestPercent: Int = 0,
                graceDays: Int = 10, retryEveryDays: Int = 3, missedInstallmentsToDefault: Int = 2,
                allowsAddingCharges: Bool = true, termsVersion: String = "2026-12") {
        self.minimumBalance = minimumBalance
        self.minimumInstallment = minimumInstallment
        self.longestTermMonths = longestTermMonths
        self.frequencies = frequencies
        self.annualInterestPercent = annualInterestPercent
        self.graceDays = graceDays
        self.retryEveryDays = retryEveryDays
        self.missedInstallmentsToDefault = missedInstallmentsToDefault
        self.allowsAddingCharges = allowsAddingCharges
        self.termsVersion = termsVersion
    }

    public static let standard = PlanPolicy()

    /// Everything wrong with the policy, each naming its setting.
    public func problems() -> [FieldError] {
        var out: [FieldError] = []
        if !minimumInstallment.isPositive || minimumInstallment > Money.largestEntry {
            out.append(FieldError("minimumInstallment", "must be above $0.00 and at most \(Money.largestEntry.formatted)"))
        }
        if minimumBalance > Money.largestEntry {
            out.append(FieldError("minimumBalance", "must be at most \(Money.largestEntry.formatted)"))
        } else if minimumInstallment.isPositive, minimumBalance.cents < 2 * minimumInstallment.cents {
            out.append(FieldError("minimumBalance", "must be at least two minimum installments (\(Money(cents: 2 * minimumInstallment.cents).formatted))"))
        }
        if !(2...60).contains(longestTermMonths) { out.append(FieldError("longestTermMonths", "must be 2 to 60 months")) }
        if frequencies.isEmpty { out.append(FieldError("frequencies", "name at least one of monthly, every-two-weeks")) }
        if Set(frequencies).count != frequencies.count { out.append(FieldError("frequencies", "names a frequency twice")) }
        if annualInterestPercent != 0 {
            out.append(FieldError("annualInterestPercent", "must be 0: Clearbill's plans carry no interest (no finance charges are posted)"))
        }
        if !(0...60).contains(graceDays) { out.append(FieldError("graceDays", "must be 0 to 60 days")) }
        if !(1...30).contains(retryEveryDays) { out.append(FieldError("retryEveryDays", "must be 1 to 30 days")) }
        if !(1...12).contains(missedInstallmentsToDefault) { out.append(FieldError("missedInstallmentsToDefault", "must be 1 to 12")) }
        let version = termsVersion.trimmingCharacters(in: .whitespaces)
        if version.isEmpty || version.count > 40 { out.append(FieldError("termsVersion", "must be 1 to 40 characters")) }
        return out
    }

    /// The policy, or every problem with it.
    public func validated() throws(ValidationFailure) -> PlanPolicy {
        let problems = problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return self
    }

    // Decoded field by field so that a configuration file may give only what it changes.
    enum CodingKeys: String, CodingKey {
        case minimumBalance, minimumInstallment, longestTermMonths, frequencies, annualInterestPercent, graceDays,
             retryEveryDays, missedInstallmentsToDefault, allowsAddingCharges, termsVersion
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PlanPolicy.standard
        minimumBalance = try Self.money(c, .minimumBalance) ?? d.minimumBalance
        minimumInstallment = try Self.money(c, .minimumInstallment) ?? d.minimumInstallment
        longestTermMonths = try c.decodeIfPresent(Int.self, forKey: .longestTermMonths) ?? d.longestTermMonths
        frequencies = try c.decodeIfPresent([InstallmentFrequency].self, forKey: .frequencies) ?? d.frequencies
        annualInterestPercent = try c.decodeIfPresent(Int.self, forKey: .annualInterestPercent) ?? d.annualInterestPercent
        graceDays = try c.decodeIfPresent(Int.self, forKey: .graceDays) ?? d.graceDays
        retryEveryDays = try c.decodeIfPresent(Int.self, forKey: .retryEveryDays) ?? d.retryEveryDays
        missedInstallmentsToDefault = try c.decodeIfPresent(Int.self, forKey: .missedInstallmentsToDefault) ?? d.missedInstallmentsToDefault
        allowsAddingCharges = try c.decodeIfPresent(Bool.self, forKey: .allowsAddingCharges) ?? d.allowsAddingCharges
        termsVersion = try c.decodeIfPresent(String.self, forKey: .termsVersion) ?? d.termsVersion
    }

    /// An amount as a person writes it in a file ("200.00") or as the stored policy keeps it (cents).
    private static func money(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Money? {
        guard c.contains(key) else { return nil }
        if let cents = try? c.decode(Int64.self, forKey: key) { return Money(cents: cents) }
        let text = try c.decode(String.self, forKey: key)
        do { return try Money(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: error.description)
        }
    }
}
