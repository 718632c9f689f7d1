import BillingCore
import ClearbillCrypto

/// The signed link a statement carries in its QR code: it opens the guarantor's account without typing anything.
/// It expires 90 days after the due date — derived from the statement, so printing it again gives the same bytes.
public enum StatementLink {
    public static let validDaysAfterDue = 90

    public static func url(for statement: Statement, accountID: Int64, publicURL: String, key: [UInt8]) -> String {
        SignedLink.url(publicURL: publicURL, accountID: accountID,
                       expires: statement.dueDate.adding(days: validDaysAfterDue).noonUTC, key: key)
    }
}
