import BillingCore
import Printing

/// The bottom panel of page 1, torn off and mailed back with a check: the remit-to address where the reply
/// envelope's window shows it, the numbers the payment is posted against, a box for the amount enclosed, and the
/// OCR-A scan line the lockbox reads.
struct RemittanceCoupon {
    let layout: StatementLayout
    let scanLine: ScanLine

    /// The scan line's band: the bottom half inch stays clear above and below it (lockbox practice: nothing printed
    /// over or near the line).
    static let scanLineBaselineFromBottom = Double.inches(0.5)

    func draw(on page: inout Page) throws(StatementPrintingError) {
        let statement = layout.statement, labels = layout.labels
        let top = StatementLayout.couponTop
        page.line(from: Point(x: 18, y: top), to: Point(x: StatementLayout.page.width - 18, y: top), stroke: .perforation)
        page.text("✂ " + labels.detachHere, at: Point(x: StatementLayout.left, y: top - 12),
                  style: StatementLayout.style(7, color: StatementLayout.grey))

        let window = layout.envelope.remitRect(pageHeight: StatementLayout.page.height)
        try layout.placeAddress(layout.practiceAddressLines, in: window,
                                orThrow: .practiceAddressDoesNotFit(profile: layout.envelope.name), on: &page)
        page.text(labels.writeAccountOnCheck, at: Point(x: StatementLayout.left, y: window.maxY + 10),
                  width: layout.columnLeft - StatementLayout.left - 12, style: StatementLayout.style(7.5))

        let x = layout.columnLeft, width = layout.columnWidth
        page.text(labels.couponTitle, at: Point(x: x, y: top + 12), style: StatementLayout.style(10, .bold))
        var y = layout.rows([(labels.accountHolder, statement.guarantor.name),
                             (labels.accountNumber, statement.guarantor.accountNumber),
                             (labels.statementNumber, statement.number),
                             (labels.dueDate, statement.dueDate.written(statement.language))],
                            x: x, y: top + 28, width: width, size: 8, leading: 11.5, on: &page)
        page.text(labels.amountDue, at: Point(x: x, y: y + 6), style: StatementLayout.style(9, .bold))
        page.text(statement.summary.amountDue.formatted, at: Point(x: x + width, y: y + 3),
                  style: StatementLayout.style(13, .bold, alignment: .right))
        y += 24

        let enclosed = Rect(x: x, y: y, width: width, height: 36)
        page.box(enclosed, stroke: Stroke(width: 0.75))
        page.text(labels.amountEnclosed, at: Point(x: x + 5, y: y + 3), style: StatementLayout.style(7, color: StatementLayout.grey))
        page.text("$", at: Point(x: x + 8, y: y + 15), style: StatementLayout.style(13, .bold))
        page.line(from: Point(x: x + 22, y: y + 30), to: Point(x: enclosed.maxX - 8, y: y + 30))

        let ocr = TextStyle(font: .ocrA(), alignment: .right)
        let metrics = page.measure(scanLine.text, style: ocr)
        page.text(scanLine.text, at: Point(x: StatementLayout.right,
                                           y: StatementLayout.page.height - Self.scanLineBaselineFromBottom - metrics.baseline),
                  style: ocr)
    }
}
