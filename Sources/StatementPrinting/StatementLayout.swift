import BillingCore
import Printing

/// The statement's measurements, type and shared pieces. Page 1 is three panels of 11"/3 (the sheet is folded in
/// three for the envelope): addresses and amount due on top, account summary and how to pay in the middle, the
/// remittance coupon at the bottom.
struct StatementLayout {
    let statement: Statement
    let labels: StatementLabels
    let envelope: EnvelopeProfile

    static let page = Size.usLetter
    static let margin = Double.inches(0.5)
    static let left = margin
    static let right = page.width - margin
    static let width = right - left
    static let panel = EnvelopeProfile.panelHeight
    /// The perforation: the coupon is the bottom panel.
    static let couponTop = page.height - panel

    static let grey = Color.gray(0.35)
    static func style(_ size: Double, _ weight: FontWeight = .regular, color: Color = .black,
                      alignment: TextAlignment = .left) -> TextStyle {
        TextStyle(font: .sans(size, weight: weight), color: color, alignment: alignment)
    }

    /// Where the right-hand column of page 1 and of the coupon starts: clear of both windows, whatever the profile.
    var columnLeft: Double {
        max(Double.inches(4.75), envelope.recipientRect.maxX + 14, envelope.returnRect.maxX + 14)
    }

    var columnWidth: Double { Self.right - columnLeft }

    /// The portal's address as people type it: no scheme, no trailing slash.
    var website: String {
        var text = Substring(statement.practice.website)
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    var practiceAddressLines: [[String]] {
        AddressBlock.lines(name: statement.practice.name, address: statement.practice.address)
    }

    /// An address set inside `window`'s printable area; `failure` when it cannot be.
    func placeAddress(_ arrangements: [[String]], in window: Rect, orThrow failure: StatementPrintingError,
                      on page: inout Page) throws(StatementPrintingError) {
        let area = EnvelopeProfile.printableArea(window)
        guard let block = AddressBlock.fit(arrangements, in: area, on: page) else { throw failure }
        block.draw(at: area.origin, on: &page)
    }

    /// "Label ........ value" rows: label on the left, value right-aligned at `x + width`. Returns the next row's y.
    @discardableResult
    func rows(_ rows: [(String, String)], x: Double, y: Double, width: Double, size: Double = 8.5,
              leading: Double = 12, boldLast: Bool = false, on page: inout Page) -> Double {
        var y = y
        for (index, row) in rows.enumerated() {
            let weight: FontWeight = boldLast && index == rows.count - 1 ? .bold : .regular
            if boldLast, index == rows.count - 1 {
                page.line(from: Point(x: x, y: y - 1.5), to: Point(x: x + width, y: y - 1.5))
            }
            page.text(row.0, at: Point(x: x, y: y), style: Self.style(size, weight))
            page.text(row.1, at: Point(x: x + width, y: y), style: Self.style(size, weight, alignment: .right))
            y += leading
        }
        return y
    }

    /// The largest size from `largest` down to `smallest` at which `text` fits `width` on one line.
    func fitting(_ text: String, width: Double, largest: Double, smallest: Double, weight: FontWeight = .bold,
                 on page: Page) -> TextStyle {
        var size = largest
        while size > smallest, page.measure(text, style: Self.style(size, weight)).width > width { size -= 0.5 }
        return Self.style(size, weight)
    }
}
