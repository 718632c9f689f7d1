import BillingCore
import BillingStore
import Foundation
import Hummingbird
import Logging
import Mail

/// Emails an issued Good Faith Estimate's PDF to the patient: to the account's email on file, or, for a prospective
/// patient without an account, to the address the desk typed. The message says no more than it must (the practice,
/// that the GFE is attached, the phone number); what it is about is in the attachment. A sending is recorded, with
/// its audit line, only once the relay has accepted the message.
struct EstimateMailer: Sendable {
    let services: PortalServices
    let mail: MailSettings

    enum Refusal: Error {
        case noAddressOnFile
        case badAddress(String)
        case superseded(by: String)
        case notSent(MailError)

        var status: HTTPResponse.Status {
            switch self {
            case .noAddressOnFile, .badAddress: .unprocessableContent
            case .superseded: .conflict
            case .notSent: .badGateway
            }
        }

        var text: String {
            switch self {
            case .noAddressOnFile: "Not emailed: no email address is on file for this account. Print the Good Faith Estimate or hand it over instead."
            case .badAddress(let reason): "Not emailed: the address is \(reason)."
            case .superseded(let number): "Not emailed: this Good Faith Estimate was replaced by \(number); email that one."
            case .notSent(let error): "Not emailed: \(error.description). Nothing was sent; try again later or print it."
            }
        }
    }

    /// Sends the GFE and records the sending; `typedAddress` is used only when the estimate has no account.
    func send(_ issued: IssuedGoodFaithEstimate, typedAddress: String?, by staff: String, client: String,
              logger: Logger) async throws -> EstimateEmail {
        if let newer = issued.supersededBy { throw Refusal.superseded(by: newer) }
        let recipient = try await address(issued, typedAddress: typedAddress)
        let directory = PracticeDirectory(database: services.database)
        guard let practice = try await directory.practice() else { throw EstimateError.practiceNotSet }
        let pdf = try PDFDownload.goodFaithEstimateBytes(issued.estimate)
        let message: MailMessage
        do throws(MailError) {
            message = try MailMessage(
                from: mail.from, fromName: practice.name, to: recipient, subject: "Your Good Faith Estimate from \(practice.name)",
                body: """
                    Hello,

                    Your Good Faith Estimate from \(practice.name) is attached as a PDF.

                    If you have questions about it, please call us at \(practice.phone).

                    \(practice.name)
                    """,
                attachment: .init(filename: PDFDownload.goodFaithEstimateFilename(issued.estimate), contentType: "application/pdf",
                                  bytes: Array(buffer: pdf)),
                date: services.database.clock())
            try await mail.client.send(message)
        } catch {
            logger.warning("gfe:\(issued.id) not emailed: \(error.logSummary)")
            throw Refusal.notSent(error)
        }
        let sending = try await EstimateEmailLog(database: services.database).record(
            issued, to: recipient.description, messageID: message.messageID,
            on: CalendarDate(services.database.clock(), in: .current), by: staff, client: client)
        logger.info("gfe:\(issued.id) emailed as sending:\(sending.id)")
        return sending
    }

    private func address(_ issued: IssuedGoodFaithEstimate, typedAddress: String?) async throws -> MailAddress {
        let text: String
        if let accountID = issued.accountID {
            guard let account = try await PracticeDirectory(database: services.database).account(id: accountID),
                  !account.email.trimmingCharacters(in: .whitespaces).isEmpty else { throw Refusal.noAddressOnFile }
            text = account.email
        } else {
            text = typedAddress ?? ""
        }
        do { return try MailAddress(text) } catch {
            if case .invalidAddress(let reason) = error { throw Refusal.badAddress("not an email address (\(reason))") }
            throw Refusal.badAddress("not an email address")
        }
    }
}
