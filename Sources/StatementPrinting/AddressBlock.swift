import BillingCore
import Foundation
import Printing

/// An address set for an envelope window: capitals, no punctuation on the last line, the largest size from 10 pt
/// down to the USPS minimum of 8 pt at which every line fits the window's printable area.
struct AddressBlock {
    static let largest = 10.0
    static let smallest = 8.0

    let lines: [String]
    let font: Font

    /// USPS style: the unit (line 2) on the delivery line when it fits, else on the line above it.
    static func lines(name: String, address: MailingAddress) -> [[String]] {
        let street = address.line1.trimmingCharacters(in: .whitespaces)
        let unit = address.line2.trimmingCharacters(in: .whitespaces)
        let last = "\(address.city.trimmingCharacters(in: .whitespaces)) \(address.state) \(zip(address.zip))"
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !unit.isEmpty else { return [[name, street, last].map { $0.uppercased() }] }
        return [[name, "\(street) \(unit)", last], [name, unit, street, last]].map { $0.map { $0.uppercased() } }
    }

    /// The first arrangement and size that fits `area`, or nil when none does even at 8 pt.
    static func fit(_ arrangements: [[String]], in area: Rect, on page: Page) -> AddressBlock? {
        for lines in arrangements {
            var size = largest
            while size >= smallest {
                let font = Font.sans(size)
                let style = TextStyle(font: font)
                let height = page.measure(lines.joined(separator: "\n"), style: style).height
                let widest = lines.map { page.measure($0, style: style).width }.max() ?? 0
                if height <= area.height, widest <= area.width { return AddressBlock(lines: lines, font: font) }
                size -= 0.5
            }
        }
        return nil
    }

    func draw(at origin: Point, on page: inout Page) {
        page.text(lines.joined(separator: "\n"), at: origin, style: TextStyle(font: font))
    }

    /// "288041234" prints as "28804-1234"; anything else as typed.
    private static func zip(_ text: String) -> String {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        guard digits.count == 9, digits.count == text.count else { return text }
        return "\(digits.prefix(5))-\(digits.suffix(4))"
    }
}
