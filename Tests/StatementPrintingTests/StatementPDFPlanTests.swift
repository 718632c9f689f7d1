import BillingCore
import BillingStore
import PDFTestSupport
import StatementPrinting
import Testing

/// The PDF of a patient on a payment plan shows what the web statement shows: the installment due and the plan balance
/// on page 1, the remaining schedule on the detail pages. Statements without a plan show none of it.
@Suite struct StatementPDFPlanTests {
    /// Five installments left, the last absorbing the remainder cent, the first due on the statement's due date.
    static func plan(for statement: Statement) -> Statement.PlanSummary {
        let amounts = [8_750, 8_750, 8_750, 8_750, 8_751].map { Money(cents: Int64($0)) }
        let remaining = amounts.enumerated().map { index, amount in
            ScheduledInstallment(sequence: index + 2, dueDate: statement.dueDate.adding(months: index), amount: amount)
        }
        return Statement.PlanSummary(installmentDue: amounts[0], planBalance: amounts.reduce(.zero, +), card: "Visa ending 4242",
                                     remaining: remaining)
    }

    /// The text of `statement` printed, whitespace collapsed, page 1 apart from the rest.
    static func printed(_ statement: Statement, _ demo: borrowing DemoStatements, name: String) throws -> (first: String, rest: String) {
        let pdf = demo.path("\(statement.number)-\(name).pdf")
        let pages = try StatementPDF(statement: statement, link: "\(DemoStatements.publicURL)/s/1?sig=x").write(to: .file(path: pdf))
        let rest = try (2...max(2, pages)).map { try PDFTool.text(of: pdf, page: $0) }.joined(separator: "\n")
        return (PDFReading.collapsed(try PDFTool.text(of: pdf, page: 1)), PDFReading.collapsed(rest))
    }

    static func onPlan(_ demo: borrowing DemoStatements, language: Language) async throws -> Statement {
        var statement = try #require(try await demo.first(where: { $0.plan == nil && $0.summary.amountDue.isPositive })).statement
        statement.language = language
        let plan = plan(for: statement)
        statement.plan = plan
        statement.summary.amountDue = plan.installmentDue
        return statement
    }

    @Test(arguments: [Language.english, .spanish])
    func aStatementOnAPlanPrintsTheInstallmentThePlanBalanceAndTheRemainingSchedule(language: Language) async throws {
        let demo = try await DemoStatements()
        let statement = try await Self.onPlan(demo, language: language)
        let plan = try #require(statement.plan)
        let labels = StatementLabels.for(language)
        let (first, rest) = try Self.printed(statement, demo, name: "plan-\(language.rawValue)")
        #expect(first.contains("\(labels.planInstallment) \(plan.installmentDue.formatted)"))
        #expect(first.contains("\(labels.planBalance) \(plan.planBalance.formatted)"))
        #expect(rest.contains(labels.planTitle))
        #expect(rest.contains(PDFReading.collapsed(labels.planCharged(plan.card))))
        for installment in plan.remaining {
            #expect(rest.contains("\(labels.tableDate(installment.dueDate)) \(installment.amount.formatted)"),
                    "installment \(installment.sequence) missing")
        }
    }

    @Test(arguments: [Language.english, .spanish])
    func aStatementWithoutAPlanPrintsNoneOfIt(language: Language) async throws {
        let demo = try await DemoStatements()
        var statement = try #require(try await demo.first(where: { $0.plan == nil })).statement
        statement.language = language
        let labels = StatementLabels.for(language)
        let (first, rest) = try Self.printed(statement, demo, name: "no-plan-\(language.rawValue)")
        for label in [labels.planInstallment, labels.planBalance, labels.planTitle] {
            #expect(!first.contains(label) && !rest.contains(label), "\(label) printed without a plan")
        }
    }
}
