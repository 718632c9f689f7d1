/// An RGB colour with components in 0...1. Statements print in greys; RGB is there for the portal's receipts.
public struct Color: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A grey where 0 is black and 1 is white.
    public static func gray(_ level: Double) -> Color { Color(red: level, green: level, blue: level) }

    public static let black = Color.gray(0)
    public static let white = Color.gray(1)
}
