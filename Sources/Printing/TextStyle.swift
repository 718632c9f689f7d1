public enum TextAlignment: Hashable, Sendable {
    case left
    case right
    case center
}

/// What happens to text longer than its width.
public enum TextOverflow: Hashable, Sendable {
    /// Break at word boundaries (or inside a word too long for the width) onto more lines.
    case wrap
    /// Keep one line and end it with "…".
    case ellipsis
}

public struct TextStyle: Hashable, Sendable {
    public var font: Font
    public var color: Color
    public var alignment: TextAlignment
    public var overflow: TextOverflow

    public init(font: Font = .sans(10), color: Color = .black, alignment: TextAlignment = .left,
                overflow: TextOverflow = .wrap) {
        self.font = font
        self.color = color
        self.alignment = alignment
        self.overflow = overflow
    }

    public static let body = TextStyle()

    public func aligned(_ alignment: TextAlignment) -> TextStyle {
        var copy = self
        copy.alignment = alignment
        return copy
    }
}

/// The size of laid-out text. `baseline` is the distance from the top of the box to the first line's baseline.
public struct TextMetrics: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public var baseline: Double
    public var lineCount: Int
    public var isEllipsized: Bool
}
