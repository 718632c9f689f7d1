import BillingCore
import Printing

extension StatementLayout {
    func drawFirstPage(on page: inout Page, qrCode: QRCode) throws(StatementPrintingError) {
        // What shows through the windows, and nothing else inside them.
        try placeAddress(AddressBlock.lines(name: statement.guarantor.name, address: statement.guarantor.address),
                         in: envelope.recipientRect,
                         orThrow: .patientAddressDoesNotFit(account: statement.guarantor.accountNumber), on: &page)
        try placeAddress(practiceAddressLines, in: envelope.returnRect,
                         orThrow: .practiceAddressDoesNotFit(profile: envelope.name), on: &page)
        drawContact(on: &page)
        drawHeading(on: &page)
        drawAmountDue(on: &page)
        let summaryWidth = Double.inches(3.75)
        let summaryEnd = drawAccountSummary(width: summaryWidth, on: &page)
        drawAging(top: summaryEnd + 10, width: summaryWidth, on: &page)
        drawHowToPay(qrCode: qrCode, left: Self.left + summaryWidth + 18, on: &page)
        page.pageNumber(at: Point(x: Self.right, y: Self.couponTop - 12), style: Self.style(7, color: Self.grey,
                        alignment: .right), format: labels.pageOfTotal)
    }

    /// Phone, hours and portal under the recipient window, clear of it by more than the insert can shift.
    private func drawContact(on page: inout Page) {
        let top = max(envelope.recipientRect.maxY, envelope.returnRect.maxY) + 12
        let practice = statement.practice
        page.text(labels.questions(practice.phone, practice.hours) + "\n" + website,
                  at: Point(x: Self.left, y: top), width: columnLeft - Self.left - 12, style: Self.style(7.5))
    }

    private func drawHeading(on page: inout Page) {
        let x = columnLeft, width = columnWidth
        page.text(labels.statementTitle, at: Point(x: x, y: 24), style: Self.style(14, .bold))
        rows([(labels.statementDate, statement.cycleDate.written(statement.language)),
              (labels.accountNumber, statement.guarantor.accountNumber),
              (labels.statementNumber, statement.number),
              (labels.onlineCode, statement.accessCode)],
             x: x, y: 46, width: width, size: 8, leading: 11, on: &page)
    }

    /// The amount due and the due date, the largest type on the page (HFMA: what the patient looks for first).
    private func drawAmountDue(on page: inout Page) {
        let box = Rect(x: columnLeft, y: 98, width: columnWidth, height: Self.panel - 98 - 10)
        page.box(box, stroke: .hairline, fill: .gray(0.93), cornerRadius: 4)
        let x = box.minX + 10, width = box.width - 20
        let summary = statement.summary
        page.text(labels.amountDueNow, at: Point(x: x, y: box.minY + 10), style: Self.style(10, .bold))
        page.text(summary.amountDue.formatted, at: Point(x: x, y: box.minY + 24),
                  style: fitting(summary.amountDue.formatted, width: width, largest: 26, smallest: 16, on: page))
        page.text(labels.payBy, at: Point(x: x, y: box.minY + 60), style: Self.style(9))
        let due = statement.dueDate.written(statement.language)
        page.text(due, at: Point(x: x, y: box.minY + 72), style: fitting(due, width: width, largest: 15, smallest: 11, on: page))
        var lines = [(labels.accountBalance, summary.balance.formatted)]
        if summary.insurancePending.isPositive { lines.append((labels.waitingOnInsurance, summary.insurancePending.formatted)) }
        if summary.credit.isPositive { lines.append((labels.creditOnAccount, summary.credit.formatted)) }
        rows(lines, x: x, y: box.minY + 98, width: width, size: 7, leading: 10, on: &page)
    }

    /// Previous balance to amount due, every step shown, so the patient can check it with a pencil.
    private func drawAccountSummary(width: Double, on page: inout Page) -> Double {
        let summary = statement.summary
        let top = Self.panel + 12
        page.text(labels.accountSummary, at: Point(x: Self.left, y: top), style: Self.style(10, .bold))
        var lines: [(String, String)] = [
            (labels.previousBalance, summary.previousBalance.formatted),
            (labels.newCharges, summary.newCharges.formatted),
            (labels.insurancePayments, summary.insurancePayments.negated.formatted),
            (labels.insuranceAdjustments, summary.insuranceAdjustments.negated.formatted),
            (labels.yourPayments, summary.patientPayments.negated.formatted),
        ]
        if !summary.writeOffs.isZero { lines.append((labels.balanceAdjustments, summary.writeOffs.negated.formatted)) }
        if !summary.refunds.isZero { lines.append((labels.refunds, summary.refunds.formatted)) }
        var y = rows(lines + [(labels.accountBalance, summary.balance.formatted)], x: Self.left, y: top + 17,
                     width: width, boldLast: true, on: &page)
        var closing: [(String, String)] = []
        if summary.insurancePending.isPositive {
            closing.append((labels.waitingOnInsurance, summary.insurancePending.negated.formatted))
        }
        if summary.credit.isPositive, summary.amountDue.isZero {
            closing.append((labels.creditOnAccount, summary.credit.formatted))
        }
        // On a plan the amount due is the installment (plus anything the plan does not cover): say so, with what the
        // plan still holds. Without a plan nothing is added, so those statements print as before.
        if let plan = statement.plan {
            closing.append((labels.planBalance, plan.planBalance.formatted))
            closing.append((labels.planInstallment, plan.installmentDue.formatted))
        }
        y = rows(closing, x: Self.left, y: y, width: width, on: &page)
        return rows([(labels.amountDueNow, summary.amountDue.formatted)], x: Self.left, y: y + 2, width: width,
                    boldLast: true, on: &page)
    }

    private func drawAging(top: Double, width: Double, on page: inout Page) {
        page.text(labels.agingTitle, at: Point(x: Self.left, y: top), style: Self.style(8.5, .bold))
        let aging = statement.aging
        let amounts = [aging.current, aging.days31to60, aging.days61to90, aging.days91to120, aging.over120]
        let cell = width / Double(amounts.count)
        for (index, (label, amount)) in zip(labels.agingBuckets, amounts).enumerated() {
            let box = Rect(x: Self.left + Double(index) * cell, y: top + 13, width: cell, height: 26)
            page.box(box, stroke: .hairline, fill: index == 0 ? nil : .gray(0.96))
            page.text(label, at: Point(x: box.minX, y: box.minY + 3), width: cell,
                      style: Self.style(6.5, color: Self.grey, alignment: .center))
            page.text(amount.formatted, at: Point(x: box.minX, y: box.minY + 13), width: cell,
                      style: Self.style(8, alignment: .center))
        }
    }

    private func drawHowToPay(qrCode: QRCode, left: Double, on page: inout Page) {
        let top = Self.panel + 12
        page.text(labels.howToPay, at: Point(x: left, y: top), style: Self.style(10, .bold))
        let side = 84.0
        page.qrCode(qrCode, at: Point(x: left - 6, y: top + 14), side: side)
        let practice = statement.practice
        let textLeft = left + side
        let width = Self.right - textLeft
        var y = top + 18
        for item in [labels.payOnline(website, statement.accessCode), labels.payByPhone(practice.phone, practice.hours),
                     labels.payByMail(practice.name), labels.payInPerson] {
            let style = Self.style(7.5)
            page.text(item, at: Point(x: textLeft, y: y), width: width, style: style)
            y += page.measure(item, width: width, style: style).height + 5
        }
    }
}
