import BillingStore
import Hummingbird

/// The context every Clearbill request carries through middleware and routes.
public struct PortalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Where the request came from, for the sign-in throttle and the audit log: the connection's peer address, or,
    /// when the configuration trusts a proxy, the address that proxy reports (set by `SessionMiddleware`).
    public var clientAddress: String
    /// The signed-in session, loaded by `SessionMiddleware`.
    public var session: Session?
    /// The cookie named a session that ended for being idle, so the sign-in page can say why.
    public var sessionExpired = false
    /// The token every form on this page must send back (field `csrf`): the session's, or before sign-in the one in
    /// the `cb_csrf` cookie. Set by `CSRFMiddleware`.
    public var csrfToken = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Forms and API bodies are small; anything bigger is refused before it is read.
    public var maxUploadSize: Int { 1 << 20 }

    /// The one guarantor account a patient session may see.
    public var patientAccountID: Int64? { session?.patientAccountID }

    public var staffUser: StaffUser? { session?.staffUser }
}
