import ClearbillCrypto
import Foundation
import Testing

@Suite struct SignedTokenTests {
    let key = Array("a signing key of thirty-two bytes".utf8)
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func signsAndVerifiesThePayload() {
        let token = SignedToken.sign("v1|42|1780000600", key: key)
        #expect(SignedToken.verify(token, key: key) == "v1|42|1780000600")
        #expect(token.hasPrefix(Base64URL.encode(Array("v1|42|1780000600".utf8)) + "."))
        #expect(SignedToken.verify(token, key: Array("another key".utf8)) == nil)
    }

    @Test func anyChangeToPayloadOrSignatureIsRefused() {
        let token = SignedToken.sign("v1|42|1780000600", key: key)
        let forged = Base64URL.encode(Array("v1|43|1780000600".utf8)) + token.drop(while: { $0 != "." })
        #expect(SignedToken.verify(forged, key: key) == nil)
        var flipped = Array(token)
        flipped[flipped.count - 1] = flipped.last == "A" ? "B" : "A"
        #expect(SignedToken.verify(String(flipped), key: key) == nil)
        for broken in ["", ".", "abc", token + ".x", token.replacingOccurrences(of: ".", with: "")] {
            #expect(SignedToken.verify(broken, key: key) == nil)
        }
    }

    @Test func linksOpenTheirAccountUntilTheyExpire() throws {
        let url = SignedLink.url(publicURL: "https://billing.example.com/", accountID: 42, expires: now.addingTimeInterval(600), key: key)
        #expect(url.hasPrefix("https://billing.example.com/s/"))
        let token = String(url.dropFirst("https://billing.example.com/s/".count))
        #expect(try SignedLink.verify(token, key: key, now: now) == 42)
        #expect(throws: SignedLinkError.expired(accountID: 42)) { try SignedLink.verify(token, key: key, now: now.addingTimeInterval(600)) }
        #expect(throws: SignedLinkError.invalid) { try SignedLink.verify(token, key: Array("other".utf8), now: now) }
    }

    @Test func wellSignedButMalformedPayloadsAreInvalid() {
        for payload in ["v2|42|1780000600", "v1|x|1780000600", "v1|42", "v1|-3|1780000600", "v1|42|soon"] {
            #expect(throws: SignedLinkError.invalid) { try SignedLink.verify(SignedToken.sign(payload, key: key), key: key, now: now) }
        }
    }
}
