import Foundation
import Hummingbird

/// The client's address as a reverse proxy reports it. Only trusted when `PortalConfiguration.trustForwardedFor` says
/// the portal runs behind such a proxy; otherwise anyone could claim any address and dodge the sign-in throttle.
enum ClientAddress {
    /// The rightmost X-Forwarded-For entry: the one the proxy itself added. Entries to its left are whatever the
    /// client sent and prove nothing.
    static func forwarded(_ headers: HTTPFields) -> String? {
        guard let last = headers[values: .xForwardedFor].last?.split(separator: ",").last else { return nil }
        let address = String(last).trimmingCharacters(in: .whitespaces)
        guard (1...45).contains(address.count), address.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return nil }
        return address
    }
}
