extension Statement {
    /// The payment plan an account is on when its statement is made: the amount due becomes the installment due (plus
    /// anything the plan does not cover), and the statement shows the plan's balance and what is left of its schedule.
    public struct PlanSummary: Sendable, Equatable, Codable {
        /// Unpaid installments due by the statement's due date (missed ones included).
        public var installmentDue: Money
        public var planBalance: Money
        /// "Visa ending 4242", charged automatically on each due date.
        public var card: String
        public var remaining: [ScheduledInstallment]

        public init(installmentDue: Money, planBalance: Money, card: String, remaining: [ScheduledInstallment]) {
            self.installmentDue = installmentDue
            self.planBalance = planBalance
            self.card = card
            self.remaining = remaining
        }

        /// The statement's message about the plan.
        public func message(_ language: Language) -> String {
            let next = remaining.first
            switch language {
            case .spanish:
                return "Tiene un plan de pagos sin intereses. Saldo del plan: \(planBalance.formatted)."
                    + (next.map { " Próximo pago: \($0.amount.formatted) el \($0.dueDate.written(.spanish)), con su tarjeta \(card)." } ?? "")
            case .english:
                return "You are on an interest-free payment plan. Plan balance: \(planBalance.formatted)."
                    + (next.map { " Next installment: \($0.amount.formatted) on \($0.dueDate.written()), charged to your \(card)." } ?? "")
            }
        }
    }
}
