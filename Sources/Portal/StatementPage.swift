import BillingCore

/// The values the statement templates render: every amount already formatted, every date written out, every code
/// beside its words. The PDF layout reads the same `Statement`, never these strings.
enum StatementPage {
    static func values(_ statement: Statement) -> [String: Any] {
        let summary = statement.summary
        var values: [String: Any] = [
            "number": statement.number,
            "accountNumber": statement.guarantor.accountNumber,
            "guarantorName": statement.guarantor.name,
            "statementDate": statement.cycleDate.written(),
            "dueDate": statement.dueDate.written(),
            "amountDue": summary.amountDue.formatted,
            "hasAmountDue": summary.amountDue.isPositive,
            "balance": summary.balance.formatted,
            "summaryRows": [
                row("Previous balance", summary.previousBalance, since: statement.previousCycleDate),
                row("New charges", summary.newCharges),
                row("Insurance payments", summary.insurancePayments.negated),
                row("Insurance adjustments", summary.insuranceAdjustments.negated),
                row("Your payments", summary.patientPayments.negated),
                row("Balance adjustments", summary.writeOffs.negated),
                row("Refunds to you", summary.refunds),
            ].compactMap { $0 },
            "insurancePending": summary.insurancePending.formatted,
            "hasInsurancePending": summary.insurancePending.isPositive,
            "credit": summary.credit.formatted,
            "hasCredit": summary.credit.isPositive,
            "visits": statement.visits.map(visit),
            "activity": statement.activity.map { ["date": $0.date.short, "description": $0.description, "amount": $0.amount.formatted] },
            "hasActivity": !statement.activity.isEmpty,
            "aging": statement.aging.labelled.map { ["label": $0.label, "amount": $0.amount.formatted] },
            "messages": statement.messages,
            "disputeNotice": statement.disputeNotice ?? "",
        ]
        if let plan = statement.plan {
            values["plan"] = ["installmentDue": plan.installmentDue.formatted, "planBalance": plan.planBalance.formatted, "card": plan.card,
                              "remaining": plan.remaining.map { ["date": $0.dueDate.written(), "amount": $0.amount.formatted] }]
        }
        return values
    }

    private static func row(_ label: String, _ amount: Money, since: CalendarDate? = nil) -> [String: String]? {
        if amount.isZero, label != "Previous balance" { return nil }
        return ["label": since.map { "\(label) (\($0.short))" } ?? label, "amount": amount.formatted]
    }

    private static func visit(_ visit: Statement.Visit) -> [String: Any] {
        let totals = visit.total
        return [
            "date": visit.dateOfService.written(),
            "patientName": visit.patientName,
            "provider": visit.provider,
            "location": visit.location,
            "lines": visit.lines.map(line),
            "totalCharge": totals.charge.formatted,
            "totalInsurancePaid": totals.insurancePaid.formatted,
            "totalAdjustments": totals.adjustments.formatted,
            "totalYourShare": totals.yourShare.formatted,
        ]
    }

    private static func line(_ line: Statement.Line) -> [String: Any] {
        var why = line.reasons.map { "\($0.reason.plainName) \($0.amount.formatted)" }
        if line.selfPay, why.isEmpty { why = ["Self-pay"] }
        if line.patientPaid.isPositive { why.append("you paid \(line.patientPaid.formatted)") }
        return [
            "code": line.codeWithModifiers,
            "description": line.description,
            "units": line.units > 1 ? " × \(line.units)" : "",
            "charge": line.charge.formatted,
            "insurancePaid": line.insurancePaid.formatted,
            "adjustments": line.adjustments.formatted,
            "yourShare": line.yourShare.formatted,
            "pending": line.insurancePending.isPositive ? "\(line.insurancePending.formatted) waiting on insurance" : "",
            "why": why.joined(separator: "; "),
        ]
    }
}
