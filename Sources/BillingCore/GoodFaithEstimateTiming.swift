/// Monday to Friday. Federal holidays are not skipped: the practice's calendar is not in Clearbill, and counting a
/// holiday as a business day only ever makes a deadline earlier, never late.
public enum BusinessDays {
    public static func isBusinessDay(_ date: CalendarDate) -> Bool { (1...5).contains(date.weekday) }

    /// The `count`-th business day after `date` (not counting `date` itself).
    public static func adding(_ count: Int, to date: CalendarDate) -> CalendarDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isBusinessDay(day) { left -= 1 }
        }
        return day
    }

    /// Business days after `start` up to and including `end`; zero when `end` is not after `start`.
    public static func between(_ start: CalendarDate, _ end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        return (1...start.days(until: end)).count { isBusinessDay(start.adding(days: $0)) }
    }
}

/// When a Good Faith Estimate is due (45 CFR 149.610(b)(1)(vi)): counted from the day the service was scheduled, or
/// the day the patient asked about cost when nothing is scheduled.
public enum GoodFaithEstimateTiming {
    /// Nil when none is required: the service is less than three business days out (one may still be given).
    public static func dueDate(scheduledOrRequestedOn start: CalendarDate, serviceDate: CalendarDate?) -> CalendarDate? {
        guard let serviceDate else { return BusinessDays.adding(3, to: start) }
        let ahead = BusinessDays.between(start, serviceDate)
        if ahead >= 10 { return BusinessDays.adding(3, to: start) }
        if ahead >= 3 { return BusinessDays.adding(1, to: start) }
        return nil
    }

    public enum Status: String, Sendable, Equatable {
        case notRequired, due, overdue, issued
    }

    public static func status(dueDate: CalendarDate?, issued: Bool, today: CalendarDate) -> Status {
        if issued { return .issued }
        guard let dueDate else { return .notRequired }
        return today > dueDate ? .overdue : .due
    }
}

/// The patient–provider dispute threshold: billed at least $400.00 more than a provider's total on the GFE.
public enum DisputeThreshold {
    public static let amount = Money(cents: 40_000)
    /// Days from the first bill the patient has to start a dispute.
    public static let daysToDispute = 120

    public static func isSubstantiallyInExcess(billed: Money, estimated: Money) -> Bool {
        billed - estimated >= amount
    }

    /// What the patient's statement says while the dispute window is open.
    public static func notice(billed: Money, estimated: Money, billedOn: CalendarDate, estimateNumber: String) -> String {
        "You were billed \(billed.formatted) for care your Good Faith Estimate \(estimateNumber) put at \(estimated.formatted), "
            + "\((billed - estimated).formatted) more. You have the right to dispute this bill: start the patient–provider dispute "
            + "resolution process by \(billedOn.adding(days: daysToDispute).written()) at www.cms.gov/nosurprises or 1-800-985-3059. "
            + "We will not send the bill to collections or add fees while a dispute is open."
    }
}
