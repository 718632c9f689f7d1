/// How a line or a box outline is drawn.
public struct Stroke: Hashable, Sendable {
    public var width: Double
    public var color: Color
    /// Lengths of alternating dashes and gaps in points; empty for a solid line.
    public var dashes: [Double]

    public init(width: Double = 0.5, color: Color = .black, dashes: [Double] = []) {
        self.width = width
        self.color = color
        self.dashes = dashes
    }

    public static let hairline = Stroke(width: 0.5)

    /// The "detach here" line above a remittance coupon.
    public static let perforation = Stroke(width: 0.75, color: .gray(0.3), dashes: [4, 3])
}
