import ClearbillCrypto
import Testing

@Suite struct DigestTests {
    @Test func sha256MatchesTheKnownVector() {
        #expect(Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hmacMatchesRFC4231TestCase2() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Digest.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func constantTimeEqualComparesContentAndLength() {
        #expect(Digest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test func hexRoundTrips() {
        let bytes: [UInt8] = [0, 15, 16, 255]
        #expect(Digest.fromHex(Digest.hex(bytes)) == bytes)
        #expect(Digest.fromHex("zz") == nil)
        #expect(Digest.fromHex("abc") == nil)
    }

    @Test func randomTokensDifferAndDecode() {
        let a = SecureRandom.token(), b = SecureRandom.token()
        #expect(a != b)
        #expect(Base64URL.decode(a)?.count == 32)
        #expect(Base64URL.decode("not valid!") == nil)
    }

    @Test func passwordHashVerifiesOnlyTheRightPassword() {
        let stored = PasswordHash.make("correct horse", iterations: 1_000)
        #expect(PasswordHash.verify("correct horse", against: stored))
        #expect(!PasswordHash.verify("correct horsf", against: stored))
        #expect(!PasswordHash.verify("correct horse", against: "garbage"))
        #expect(stored != PasswordHash.make("correct horse", iterations: 1_000), "salts must differ")
    }
}
