import Mail

/// How the portal sends email: the SMTP client for the practice's relay and the address mail comes from. Nil in
/// `PortalServices` when the server was started without `--mail-relay`; the desk then says email is not set up.
public struct MailSettings: Sendable {
    public let client: SMTPClient
    public let from: MailAddress

    public init(client: SMTPClient, from: MailAddress) {
        self.client = client
        self.from = from
    }
}
