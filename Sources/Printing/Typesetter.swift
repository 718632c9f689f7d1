import CCairo
import CPango

/// One Pango font map, context and layout per document, reused for every measurement and every piece of text:
/// creating a layout per string was the main cost (and the main leak risk) over thousands of pages.
///
/// A private font map rather than Pango's per-thread default: Swift tasks hop threads, and a font map must not be
/// used from two threads at once. Not thread-safe itself; `Page` and `PDFDocument` are not `Sendable`, so the
/// compiler keeps each typesetter on one task.
final class Typesetter {
    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private var descriptions: [Font: OpaquePointer] = [:]
    private var lineHeights: [Font: Double] = [:]

    /// Enough for any layout; a caller that shrinks text to fit could otherwise grow the cache without bound.
    private static let descriptionCacheLimit = 64

    init() {
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        // Hinted metrics snap advances to whole device units, which at 72 dpi shifts glyphs by up to half a point
        // and makes measured widths disagree with what a PDF viewer draws.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        layout = pango_layout_new(context)
    }

    deinit {
        for description in descriptions.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    func measure(_ text: String, width: Double?, style: TextStyle) -> TextMetrics {
        configure(text, width: width, style: style)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return TextMetrics(
            width: Self.points(logical.width),
            height: Self.points(logical.height),
            baseline: Self.points(pango_layout_get_baseline(layout)),
            lineCount: Int(pango_layout_get_line_count(layout)),
            isEllipsized: pango_layout_is_ellipsized(layout) != 0)
    }

    /// The height of one line in `font`, which is also the height of any single-line text in it.
    func lineHeight(_ font: Font) -> Double {
        if let known = lineHeights[font] { return known }
        let height = measure("Ag", width: nil, style: TextStyle(font: font)).height
        lineHeights[font] = height
        return height
    }

    /// Draws with the top of the first line at `origin.y`. Without a width, `origin.x` is the left edge, the right
    /// edge or the centre according to the alignment; with one, the text is aligned inside `origin.x ... + width`.
    func draw(_ text: String, at origin: Point, width: Double?, style: TextStyle, on cairo: OpaquePointer) {
        configure(text, width: width, style: style)
        var x = origin.x
        if width == nil, style.alignment != .left {
            var logical = PangoRectangle()
            pango_layout_get_extents(layout, nil, &logical)
            x -= style.alignment == .right ? Self.points(logical.width) : Self.points(logical.width) / 2
        }
        cairo_set_source_rgb(cairo, style.color.red, style.color.green, style.color.blue)
        cairo_move_to(cairo, x, origin.y)
        pango_cairo_show_layout(cairo, layout)
        cairo_new_path(cairo)
    }

    static func installedFamilies() -> [String] {
        let map = pango_cairo_font_map_new()
        defer { g_object_unref(UnsafeMutableRawPointer(map)) }
        var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(map, &families, &count)
        defer { g_free(families) }
        return (0..<Int(count)).compactMap { index in
            families?[index].flatMap { pango_font_family_get_name($0) }.map { String(cString: $0) }
        }
    }

    private func configure(_ text: String, width: Double?, style: TextStyle) {
        pango_layout_set_text(layout, text, -1)
        pango_layout_set_font_description(layout, description(for: style.font))
        pango_layout_set_width(layout, width.map { Int32(($0 * Double(PANGO_SCALE)).rounded()) } ?? -1)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        let ellipsize = style.overflow == .ellipsis && width != nil
        pango_layout_set_ellipsize(layout, ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE)
        // A line break in data meant for one line would otherwise become a second, unplanned line.
        pango_layout_set_single_paragraph_mode(layout, style.overflow == .ellipsis ? 1 : 0)
        let alignment = switch width == nil ? .left : style.alignment {
        case .left: PANGO_ALIGN_LEFT
        case .right: PANGO_ALIGN_RIGHT
        case .center: PANGO_ALIGN_CENTER
        }
        pango_layout_set_alignment(layout, alignment)
    }

    private func description(for font: Font) -> OpaquePointer {
        if let known = descriptions[font] { return known }
        if descriptions.count >= Self.descriptionCacheLimit {
            // The layout holds its own copy of the current description, so freeing these is safe.
            for description in descriptions.values { pango_font_description_free(description) }
            descriptions.removeAll()
        }
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, font.family)
        pango_font_description_set_weight(description, font.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        // An absolute size is in device units, i.e. points on a PDF surface; a plain size would be read at 96 dpi.
        pango_font_description_set_absolute_size(description, font.size * Double(PANGO_SCALE))
        descriptions[font] = description
        return description
    }

    private static func points(_ pangoUnits: Int32) -> Double { Double(pangoUnits) / Double(PANGO_SCALE) }
}
