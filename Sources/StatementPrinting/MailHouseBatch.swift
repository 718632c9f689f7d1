import BillingCore
import BillingStore
import Foundation

/// Makes a cycle's mail-house batch end to end — the cycle's statements, the selection, the files — and records it.
/// The command line and the billing office's page both come through here.
public enum MailHouseBatch {
    public struct Result: Sendable {
        public var made: StatementStore.CycleResult
        public var summary: StatementBatch.Summary
        public var record: StatementBatchRecord
    }

    public enum Failure: Error, CustomStringConvertible {
        case statementMissing(String)
        public var description: String {
            switch self { case .statementMissing(let number): "statement \(number) was selected for the batch but cannot be loaded" }
        }
    }

    public static func make(database: ClearbillDatabase, cycle: CalendarDate, folder: URL, options: StatementBatch.Options,
                            publicURL: String?, linkKey: [UInt8], madeBy: String) async throws -> Result {
        let store = StatementStore(database: database)
        let made = try await store.generateCycle(cycleDate: cycle)
        let selection = try await store.batchSelection(cycleDate: cycle)
        let batch = try StatementBatch(folder: folder, cycleDate: cycle, options: options)
        for number in selection.statementNumbers {
            guard let stored = try await store.load(number: number) else { throw Failure.statementMissing(number) }
            try batch.add(stored.statement, link: StatementLink.url(for: stored.statement, accountID: stored.record.accountID,
                                                                    publicURL: publicURL ?? stored.statement.practice.website, key: linkKey))
        }
        for suppression in selection.suppressed { try batch.suppress(suppression) }
        let summary = try batch.finish()
        let record = try await StatementBatchLog(database: database).record(StatementBatchRecord(
            cycleDate: cycle, folder: folder.path, madeBy: madeBy, statements: summary.statements, suppressed: summary.suppressed,
            totalDue: Money(cents: summary.totalDueCents), pages: summary.pages, sheets: summary.sheets, pdfSHA256: summary.pdfSHA256))
        return Result(made: made, summary: summary, record: record)
    }

    /// The files of a batch a browser may ask for, by name.
    public static let fileNames = [StatementBatch.pdfName, StatementBatch.manifestName, StatementBatch.exceptionsName, StatementBatch.summaryName]
}
