import Foundation

/// One JSON encoding for everything that is hashed or compared (fingerprints, statement snapshots): sorted keys,
/// no pretty-printing, no escaped slashes — the same value always gives the same bytes.
public enum JSONCoding {
    public static var canonicalEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
