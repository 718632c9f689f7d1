import Printing

/// Where the windows of a #10 double-window envelope fall on a US Letter sheet folded in three. Vendors publish
/// different positions, so they are data: pick the mail house's profile, or `standard`, which fits them all.
///
/// The sheet goes in with its top panel facing the windows and the fold under that panel resting on the envelope's
/// bottom, so a window's position from the envelope's bottom is its position up from the fold. The recipient window
/// shows the patient's address; the return window shows the practice's address on the top panel and, on the
/// detached coupon mailed back in the reply envelope, the remit-to address (the reply envelope's window sits where
/// the outer one's return window does, as in the vendors' matched envelope sets).
///
/// USPS (Publication 25, DMM 202): every character of an address must stay visible through the window wherever the
/// insert shifts inside the envelope, with at least 1/8" of clear space between the text and each window edge;
/// type at least 8 pt, sans-serif, capitals preferred. `clearance` is that 1/8", and addresses are only ever set
/// inside `printableArea` — the window less the clearance on all four sides.
public struct EnvelopeProfile: Sendable, Hashable {
    /// A window in inches: from the envelope's left edge, from its bottom edge, and its size.
    public struct Window: Sendable, Hashable {
        public var left: Double
        public var bottom: Double
        public var width: Double
        public var height: Double

        public init(left: Double, bottom: Double, width: Double, height: Double) {
            self.left = left
            self.bottom = bottom
            self.width = width
            self.height = height
        }

        /// The part of this window that is also inside `other`: what shows through both vendors' envelopes.
        func intersection(_ other: Window) -> Window {
            let left = max(self.left, other.left), bottom = max(self.bottom, other.bottom)
            let right = min(self.left + width, other.left + other.width)
            let top = min(self.bottom + height, other.bottom + other.height)
            return Window(left: left, bottom: bottom, width: max(0, right - left), height: max(0, top - bottom))
        }
    }

    public var name: String
    public var recipientWindow: Window
    public var returnWindow: Window

    public init(name: String, recipientWindow: Window, returnWindow: Window) {
        self.name = name
        self.recipientWindow = recipientWindow
        self.returnWindow = returnWindow
    }

    /// USPS: 1/8" of clear space between an address and every edge of the window it shows through.
    public static let clearance = Double.inches(0.125)
    /// One panel of a US Letter sheet folded in three for a #10 envelope: 11" / 3.
    public static let panelHeight = Double.inches(11) / 3

    /// Lob's #10 double-window envelope.
    public static let lob = EnvelopeProfile(
        name: "lob",
        recipientWindow: Window(left: 0.625, bottom: 1, width: 4, height: 1),
        returnWindow: Window(left: 0.625, bottom: 2.375, width: 3.25, height: 0.875))

    /// OpenEMR's #10 preset.
    public static let openEMR = EnvelopeProfile(
        name: "openemr",
        recipientWindow: Window(left: 0.5, bottom: 0.75, width: 4, height: 1.375),
        returnWindow: Window(left: 0.5, bottom: 2.5, width: 3.5, height: 1))

    /// The default: the area every published profile shows, so a statement laid out for it reads correctly in
    /// either vendor's envelopes.
    public static let standard = EnvelopeProfile(
        name: "standard",
        recipientWindow: lob.recipientWindow.intersection(openEMR.recipientWindow),
        returnWindow: lob.returnWindow.intersection(openEMR.returnWindow))

    public static let all = [standard, lob, openEMR]

    public static func named(_ name: String) -> EnvelopeProfile? { all.first { $0.name == name.lowercased() } }

    /// The recipient window on page 1, in page points.
    public var recipientRect: Rect { Self.rect(recipientWindow, panelBottom: Self.panelHeight) }

    /// The return window on page 1's top panel, in page points.
    public var returnRect: Rect { Self.rect(returnWindow, panelBottom: Self.panelHeight) }

    /// The return window on the coupon, whose bottom edge is the page's: the coupon is the sheet's bottom panel.
    public func remitRect(pageHeight: Double) -> Rect { Self.rect(returnWindow, panelBottom: pageHeight) }

    /// Where address text may go in `window`: inside it by the USPS clearance on every side.
    public static func printableArea(_ window: Rect) -> Rect {
        Rect(x: window.minX + clearance, y: window.minY + clearance,
             width: max(0, window.width - 2 * clearance), height: max(0, window.height - 2 * clearance))
    }

    private static func rect(_ window: Window, panelBottom: Double) -> Rect {
        Rect(x: .inches(window.left), y: panelBottom - .inches(window.bottom + window.height),
             width: .inches(window.width), height: .inches(window.height))
    }
}
