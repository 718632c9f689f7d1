/// One installment of a schedule: when it falls due and how much it takes.
public struct ScheduledInstallment: Sendable, Equatable, Codable {
    public var sequence: Int
    public var dueDate: CalendarDate
    public var amount: Money

    public init(sequence: Int, dueDate: CalendarDate, amount: Money) {
        self.sequence = sequence
        self.dueDate = dueDate
        self.amount = amount
    }
}

/// One way to spread a balance, as a patient reads it: "6 payments of $87.50, first on Dec 1, 2026, last on May 1,
/// 2027". Exact in cents: every installment is the balance divided by their number, rounded down, and the last one
/// absorbs the cents left over, so the installments add up to the balance exactly and the last is never the smallest.
public struct PlanOption: Sendable, Equatable {
    public var frequency: InstallmentFrequency
    public var count: Int
    public var total: Money
    public var firstDate: CalendarDate

    public init(frequency: InstallmentFrequency, count: Int, total: Money, firstDate: CalendarDate) {
        self.frequency = frequency
        self.count = count
        self.total = total
        self.firstDate = firstDate
    }

    /// What a form posts to choose this option: "monthly-6".
    public var code: String { "\(frequency.rawValue)-\(count)" }

    public var regularAmount: Money { Money(cents: total.cents / Int64(count)) }
    public var lastAmount: Money { Money(cents: total.cents - regularAmount.cents * Int64(count - 1)) }
    public var lastDate: CalendarDate { frequency.dueDate(first: firstDate, index: count - 1) }

    public var installments: [ScheduledInstallment] {
        (0..<count).map { index in
            ScheduledInstallment(sequence: index + 1, dueDate: frequency.dueDate(first: firstDate, index: index),
                                 amount: index == count - 1 ? lastAmount : regularAmount)
        }
    }

    public var summary: String {
        let amounts = lastAmount == regularAmount
            ? "\(count) payments of \(regularAmount.formatted)"
            : "\(count) payments: \(count - 1) of \(regularAmount.formatted) and a last one of \(lastAmount.formatted)"
        return "\(amounts) \(frequency.plainName), first on \(firstDate.short), last on \(lastDate.short)"
    }

    /// The two to four choices offered for `balance` starting on `firstDate`, shortest first; none when the balance is
    /// below the policy's minimum. Monthly terms of 3, 6 and 12 months (or the longest the policy and the minimum
    /// installment allow), and about six months every two weeks.
    public static func offers(for balance: Money, policy: PlanPolicy, firstDate: CalendarDate) -> [PlanOption] {
        guard policy.ineligibility(balance: balance) == nil else { return [] }
        let both = policy.frequencies.count > 1
        return policy.frequencies.flatMap { frequency -> [PlanOption] in
            let most = Swift.min(frequency.mostInstallments(inMonths: policy.longestTermMonths),
                                 Int(balance.cents / policy.minimumInstallment.cents))
            guard most >= 2 else { return [] }
            let wanted: [Int] = switch frequency {
            case .monthly: both ? [3, 6, most] : [3, 6, 12, most]
            case .everyTwoWeeks: both ? [13] : [6, 13, most]
            }
            let counts = wanted.map { Swift.min($0, most) }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
            return counts.map { PlanOption(frequency: frequency, count: $0, total: balance, firstDate: firstDate) }
        }
    }

    /// The option a form named by `code`, if it is among those offered.
    public static func chosen(_ code: String, for balance: Money, policy: PlanPolicy, firstDate: CalendarDate) -> PlanOption? {
        offers(for: balance, policy: policy, firstDate: firstDate).first { $0.code == code }
    }
}

extension PlanPolicy {
    /// Why a balance cannot go on a plan, in the patient's words; nil when it can.
    public func ineligibility(balance: Money) -> String? {
        guard balance >= minimumBalance else {
            return "Payment plans are for balances of \(minimumBalance.formatted) or more; your balance is \(Money.max(balance, .zero).formatted)."
        }
        guard balance <= Money.largestEntry else { return "This balance is too large for an online plan; please call the billing office." }
        return nil
    }
}
