public enum FontWeight: Hashable, Sendable {
    case regular
    case bold
}

/// A font by fontconfig family name, size in points and weight.
public struct Font: Hashable, Sendable {
    public var family: String
    public var size: Double
    public var weight: FontWeight

    public init(family: String, size: Double, weight: FontWeight = .regular) {
        self.family = family
        self.size = size
        self.weight = weight
    }

    /// The body face (Debian `fonts-dejavu-core`).
    public static let sansFamily = "DejaVu Sans"
    /// The remittance scan-line face (Debian `fonts-ocr-a`); fontconfig names it "OCRA".
    public static let ocrAFamily = "OCRA"

    public static func sans(_ size: Double, weight: FontWeight = .regular) -> Font {
        Font(family: sansFamily, size: size, weight: weight)
    }

    /// OCR-A for scan lines. Bank lockbox scanners read OCR-A at 10 pt (ANSI X3.17), hence the default.
    public static func ocrA(_ size: Double = 10) -> Font {
        Font(family: ocrAFamily, size: size)
    }

    public func with(weight: FontWeight) -> Font {
        var copy = self
        copy.weight = weight
        return copy
    }

    /// Families from `families` that fontconfig does not have. Pango silently substitutes a missing family, which
    /// for a scan line means a coupon the bank cannot read, so a service should check this at start.
    public static func missingFamilies(_ families: [String]) -> [String] {
        let installed = Set(Typesetter.installedFamilies().map { $0.lowercased() })
        return families.filter { !installed.contains($0.lowercased()) }
    }
}
