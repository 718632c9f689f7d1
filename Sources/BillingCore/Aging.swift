/// A patient-due amount and the day it became the patient's to pay.
public struct AgingItem: Sendable, Equatable {
    public var since: CalendarDate
    public var amount: Money

    public init(since: CalendarDate, amount: Money) {
        self.since = since
        self.amount = amount
    }
}

/// Patient balance by age: current (0–30 days), 31–60, 61–90, 91–120, over 120. Always derived, never stored.
public struct AgingBuckets: Sendable, Equatable, Codable {
    public var current: Money = .zero
    public var days31to60: Money = .zero
    public var days61to90: Money = .zero
    public var days91to120: Money = .zero
    public var over120: Money = .zero

    public init() {}

    public init(items: [AgingItem], asOf today: CalendarDate) {
        for item in items where !item.amount.isZero {
            switch item.since.days(until: today) {
            case ...30: current += item.amount
            case 31...60: days31to60 += item.amount
            case 61...90: days61to90 += item.amount
            case 91...120: days91to120 += item.amount
            default: over120 += item.amount
            }
        }
    }

    public var total: Money { current + days31to60 + days61to90 + days91to120 + over120 }

    /// (label, amount) in order, for pages and PDFs.
    public var labelled: [(label: String, amount: Money)] {
        [("Current", current), ("31–60 days", days31to60), ("61–90 days", days61to90),
         ("91–120 days", days91to120), ("Over 120 days", over120)]
    }
}
