import BillingCore
import Printing

/// Pages 2 to m: every visit with its lines in plain words (code beside), what insurance paid and adjusted, what is
/// the patient's and why, insurance still pending marked as not owed; then payments and other activity; then the
/// payment plan's remaining installments, when there is a plan; then the messages and notices.
struct DetailPages {
    let layout: StatementLayout
    let document: PDFDocument

    static let top = 66.0
    static let bottom = StatementLayout.page.height - 54

    /// Service, code, charge, insurance paid, adjustment, you paid, your share, why you owe: 540 pt in all.
    static let visitWidths: [Double] = [124, 50, 52, 52, 58, 52, 54, 98]
    static let activityWidths: [Double] = [80, 360, 100]
    static let planWidths: [Double] = [80, 100]

    func pages() throws(PrintingError) -> [Page] {
        let labels = layout.labels, statement = layout.statement
        var flow = PageFlow(document: document, top: Self.top, bottom: Self.bottom, left: StatementLayout.left,
                            width: StatementLayout.width, decorate: decorate)
        let heading = StatementLayout.style(11, .bold)
        flow.heading(labels.visitsTitle, style: heading, keepWith: 60)
        if statement.visits.isEmpty {
            flow.paragraph(labels.noVisits, style: StatementLayout.style(8.5), spacing: 14)
        } else {
            try flow.table(visitTable, rows: statement.visits.flatMap(visitRows))
        }
        flow.heading(labels.activityTitle, style: heading, keepWith: 40)
        if statement.activity.isEmpty {
            flow.paragraph(labels.noActivity, style: StatementLayout.style(8.5), spacing: 14)
        } else {
            try flow.table(activityTable, rows: statement.activity.map { item in
                TableRow([labels.tableDate(item.date), item.description, item.amount.formatted])
            })
        }
        if let plan = statement.plan {
            flow.heading(labels.planTitle, style: heading, keepWith: 40)
            flow.paragraph(labels.planCharged(plan.card), style: StatementLayout.style(8.5), spacing: 8)
            try flow.table(planTable, rows: plan.remaining.map { installment in
                TableRow([labels.tableDate(installment.dueDate), installment.amount.formatted])
            })
        }
        flow.heading(labels.messagesTitle, style: heading, keepWith: 24)
        // The right to dispute leads the messages: it has a deadline.
        for message in [statement.disputeNotice].compactMap({ $0 }) + statement.messages {
            flow.paragraph(message, style: StatementLayout.style(8))
        }
        return flow.finished()
    }

    private var visitTable: Table {
        let columns = zip(layout.labels.visitColumns, Self.visitWidths).enumerated().map { index, column in
            switch index {
            case 0, 1, 7: TableColumn(column.0, width: column.1, overflow: .wrap)
            default: TableColumn(column.0, width: column.1, alignment: .right)
            }
        }
        return Table(columns: columns, font: .sans(7.5), headerFont: .sans(7, weight: .bold))
    }

    private var activityTable: Table {
        let columns = zip(layout.labels.activityColumns, Self.activityWidths).enumerated().map { index, column in
            TableColumn(column.0, width: column.1, alignment: index == 2 ? .right : .left, overflow: index == 1 ? .wrap : .ellipsis)
        }
        return Table(columns: columns, font: .sans(8), headerFont: .sans(7.5, weight: .bold))
    }

    private var planTable: Table {
        let columns = zip(layout.labels.planColumns, Self.planWidths).enumerated().map { index, column in
            TableColumn(column.0, width: column.1, alignment: index == 1 ? .right : .left)
        }
        return Table(columns: columns, font: .sans(8), headerFont: .sans(7.5, weight: .bold))
    }

    private func visitRows(_ visit: Statement.Visit) -> [TableRow] {
        let labels = layout.labels
        let heading = [labels.tableDate(visit.dateOfService), visit.patientName, visit.provider, visit.location]
            .filter { !$0.isEmpty }.joined(separator: " · ")
        var rows = [TableRow.spanning(heading, fill: .gray(0.94))]
        for line in visit.lines {
            let service = line.units > 1 ? "\(line.description) × \(line.units)" : line.description
            rows.append(TableRow([service, line.codeWithModifiers, line.charge.formatted, line.insurancePaid.formatted,
                                  line.adjustments.formatted, line.patientPaid.formatted, line.yourShare.formatted,
                                  why(line)]))
        }
        let total = visit.total
        if visit.lines.count > 1 {
            rows.append(TableRow([labels.visitTotal, "", total.charge.formatted, total.insurancePaid.formatted,
                                  total.adjustments.formatted, total.patientPaid.formatted, total.yourShare.formatted,
                                  total.insurancePending.isPositive ? labels.notOwedYet(total.insurancePending.formatted) : ""],
                                 weight: .bold, ruleAbove: true))
        }
        return rows
    }

    /// The reasons the patient owes this line, and what insurance has not decided yet.
    private func why(_ line: Statement.Line) -> String {
        let labels = layout.labels
        var parts = line.reasons.map { "\(labels.reasons[$0.reason] ?? $0.reason.plainName) \($0.amount.formatted)" }
        if line.insurancePending.isPositive { parts.append(labels.notOwedYet(line.insurancePending.formatted)) }
        return parts.joined(separator: "\n")
    }

    /// Running header (practice, statement and account numbers) and footer (page number) of every detail page.
    private func decorate(_ page: inout Page) {
        let statement = layout.statement
        page.text(statement.practice.name, at: Point(x: StatementLayout.left, y: 36), style: StatementLayout.style(9, .bold))
        page.text(layout.labels.continuation(statement.number, statement.guarantor.accountNumber),
                  at: Point(x: StatementLayout.right, y: 37), style: StatementLayout.style(8, alignment: .right))
        page.line(from: Point(x: StatementLayout.left, y: 52), to: Point(x: StatementLayout.right, y: 52))
        page.text(statement.practice.phone + " · " + layout.website,
                  at: Point(x: StatementLayout.left, y: Self.bottom + 18), style: StatementLayout.style(7, color: StatementLayout.grey))
        page.pageNumber(at: Point(x: StatementLayout.right, y: Self.bottom + 18),
                        style: StatementLayout.style(7, color: StatementLayout.grey, alignment: .right),
                        format: layout.labels.pageOfTotal)
    }
}
