import ClearbillCrypto
import Testing

@Suite struct SHA256HasherTests {
    @Test func piecesGiveTheDigestOfTheWhole() {
        let data = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for pieceSize in [1, 63, 64, 65_536, 200_000] {
            let hasher = SHA256Hasher()
            var start = 0
            while start < data.count {
                let end = min(start + pieceSize, data.count)
                hasher.update(Array(data[start..<end]))
                start = end
            }
            #expect(hasher.finalizeHex() == Digest.sha256Hex(data), "pieces of \(pieceSize)")
        }
    }

    @Test func nothingFedIsTheEmptyDigest() {
        #expect(SHA256Hasher().finalizeHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
