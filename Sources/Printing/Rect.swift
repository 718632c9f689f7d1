/// Page coordinates are PDF points (1/72 inch) measured from the top-left corner of the page, y growing downward.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Size: Hashable, Sendable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 8.5 × 11 inches, the only sheet a US mail house takes for statements.
    public static let usLetter = Size(width: 612, height: 792)
}

public struct Rect: Hashable, Sendable {
    public var origin: Point
    public var size: Size

    public init(origin: Point, size: Size) {
        self.origin = origin
        self.size = size
    }

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.init(origin: Point(x: x, y: y), size: Size(width: width, height: height))
    }

    public var minX: Double { origin.x }
    public var minY: Double { origin.y }
    public var maxX: Double { origin.x + size.width }
    public var maxY: Double { origin.y + size.height }
    public var width: Double { size.width }
    public var height: Double { size.height }
}

extension Double {
    /// Points in `value` inches, so a layout can say `.inches(4.5)` where the envelope spec says 4½".
    public static func inches(_ value: Double) -> Double { value * 72 }

    /// Points in `value` millimetres.
    public static func millimeters(_ value: Double) -> Double { value * 72 / 25.4 }
}
