import BillingStore
import Foundation
import Hummingbird

/// What patient and staff sign-in share: the throttle, the audit trail, opening and ending sessions, and the
/// lock-out page.
struct SignInSupport {
    let services: PortalServices

    /// One try at signing in. `action` names it in the audit log ("patient.sign-in", "staff.sign-in"); `subject` is
    /// the throttle's (an account, a staff user, or a hash of what was typed); `account` is the account it names.
    struct Attempt {
        var action: String
        var subject: String
        var account: Int64?
    }

    private var throttle: SignInThrottle { SignInThrottle(database: services.database) }
    private var audit: AuditLog { AuditLog(database: services.database) }
    private var sessions: SessionStore { SessionStore(database: services.database) }

    /// The lock-out page when the subject or the client is locked; nil when the attempt may be checked.
    func lockedOut(_ attempt: Attempt, _ context: PortalRequestContext) async throws -> Response? {
        guard case .locked(let retryAfter) = try await throttle.verdict(subject: attempt.subject, client: context.clientAddress)
        else { return nil }
        try await audit.record(actor: "anonymous", action: attempt.action + ".locked", subject: attempt.subject,
                               account: attempt.account, client: context.clientAddress)
        return try await lockedPage(retryAfter, context)
    }

    /// Counts and audits a failure. The failure that reaches the limit is answered with the lock-out page, so the
    /// person learns of it at once; otherwise nil and the route shows its generic error.
    func failed(_ attempt: Attempt, _ context: PortalRequestContext) async throws -> Response? {
        try await throttle.record(subject: attempt.subject, client: context.clientAddress, succeeded: false)
        try await audit.record(actor: "anonymous", action: attempt.action + ".failed", subject: attempt.subject,
                               account: attempt.account, client: context.clientAddress)
        guard case .locked(let retryAfter) = try await throttle.verdict(subject: attempt.subject, client: context.clientAddress)
        else { return nil }
        return try await lockedPage(retryAfter, context)
    }

    func succeeded(_ attempt: Attempt, owner: SessionOwner, detail: String, then destination: String,
                   _ context: PortalRequestContext) async throws -> Response {
        try await throttle.record(subject: attempt.subject, client: context.clientAddress, succeeded: true)
        try await audit.record(actor: owner.auditActor, action: attempt.action, account: attempt.account, detail: detail,
                               client: context.clientAddress)
        return try await startSession(owner, then: destination, context)
    }

    /// A fresh session (any earlier one in this browser is ended, so a session id never survives a sign-in) and a
    /// 303 to where the user is going.
    func startSession(_ owner: SessionOwner, then destination: String, _ context: PortalRequestContext) async throws -> Response {
        if let earlier = context.session { try await sessions.end(earlier) }
        let (token, _) = try await sessions.open(for: owner)
        var response = Response.redirect(to: destination, type: .normal)
        response.setCookie(SessionCookie.make(token: token, services.configuration))
        return response
    }

    func signOut(_ context: PortalRequestContext, action: String, then destination: String) async throws -> Response {
        if let session = context.session {
            try await sessions.end(session)
            try await audit.record(actor: session.owner.auditActor, action: action, account: session.patientAccountID,
                                   client: context.clientAddress)
        }
        var response = Response.redirect(to: destination, type: .normal)
        response.setCookie(SessionCookie.clearing(services.configuration))
        return response
    }

    private func lockedPage(_ retryAfter: TimeInterval, _ context: PortalRequestContext) async throws -> Response {
        let minutes = max(1, Int((retryAfter / 60).rounded(.up)))
        let wait = minutes == 1 ? "1 minute" : "\(minutes) minutes"
        let message = PageMessage(
            title: "Sign-in is paused",
            paragraphs: ["There were too many unsuccessful tries to sign in, so sign-in is paused for \(wait) to protect "
                             + "patients' information.",
                         "Please try again after that, checking each answer against your paper statement. If you need help "
                             + "now, call the billing office at the number at the bottom of this page."],
            link: nil)
        var response = try await services.pages.message(message, context: context, status: .tooManyRequests)
        response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up)))
        return response
    }

    static let expiredNotice = "For your security, you were signed out after 15 minutes without activity. Sign in again to continue."
}

extension SessionOwner {
    /// Who did it, as the audit log names them: ids and usernames, never a patient's name.
    var auditActor: String {
        switch self {
        case .patient(let account): "patient:\(account)"
        case .staff(let user): "staff:\(user.username)"
        }
    }
}
