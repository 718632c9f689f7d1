import CCairo

/// Paints a page's recorded commands with Cairo. All state a command changes (path, dash, transform) is reset
/// before the next one, so commands never leak into each other.
enum PageRenderer {
    static func render(_ page: Page, number: Int, total: Int, on cairo: OpaquePointer) {
        for command in page.commands {
            switch command {
            case .text(let text, let origin, let width, let style):
                page.typesetter.draw(text, at: origin, width: width, style: style, on: cairo)
            case .pageNumber(let origin, let width, let style, let format):
                page.typesetter.draw(format(number, total), at: origin, width: width, style: style, on: cairo)
            case .line(let start, let end, let stroke):
                cairo_move_to(cairo, start.x, start.y)
                cairo_line_to(cairo, end.x, end.y)
                strokePath(stroke, on: cairo)
            case .box(let rect, let stroke, let fill, let radius):
                addRectangle(rect, cornerRadius: radius, on: cairo)
                if let fill {
                    setColor(fill, on: cairo)
                    cairo_fill_preserve(cairo)
                }
                if let stroke { strokePath(stroke, on: cairo) }
                cairo_new_path(cairo)
            case .image(let image, let rect):
                drawImage(image, in: rect, on: cairo)
            case .qrCode(let code, let rect, let quietZone):
                drawQRCode(code, in: rect, quietZone: quietZone, on: cairo)
            }
        }
    }

    private static func setColor(_ color: Color, on cairo: OpaquePointer) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }

    private static func strokePath(_ stroke: Stroke, on cairo: OpaquePointer) {
        setColor(stroke.color, on: cairo)
        cairo_set_line_width(cairo, stroke.width)
        cairo_set_dash(cairo, stroke.dashes, Int32(stroke.dashes.count), 0)
        cairo_stroke(cairo)
    }

    private static func addRectangle(_ rect: Rect, cornerRadius: Double, on cairo: OpaquePointer) {
        let radius = min(max(cornerRadius, 0), rect.width / 2, rect.height / 2)
        guard radius > 0 else {
            cairo_rectangle(cairo, rect.minX, rect.minY, rect.width, rect.height)
            return
        }
        let quarter = Double.pi / 2
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, rect.maxX - radius, rect.minY + radius, radius, -quarter, 0)
        cairo_arc(cairo, rect.maxX - radius, rect.maxY - radius, radius, 0, quarter)
        cairo_arc(cairo, rect.minX + radius, rect.maxY - radius, radius, quarter, 2 * quarter)
        cairo_arc(cairo, rect.minX + radius, rect.minY + radius, radius, 2 * quarter, 3 * quarter)
        cairo_close_path(cairo)
    }

    private static func drawImage(_ image: PNGImage, in rect: Rect, on cairo: OpaquePointer) {
        guard image.pixelWidth > 0, image.pixelHeight > 0 else { return }
        cairo_save(cairo)
        cairo_translate(cairo, rect.minX, rect.minY)
        cairo_scale(cairo, rect.width / Double(image.pixelWidth), rect.height / Double(image.pixelHeight))
        cairo_set_source_surface(cairo, image.surface, 0, 0)
        cairo_rectangle(cairo, 0, 0, Double(image.pixelWidth), Double(image.pixelHeight))
        cairo_fill(cairo)
        cairo_restore(cairo)
    }

    /// Dark modules as one path of horizontal runs filled at once: no hairline seams between neighbours and a
    /// far smaller content stream than one square per module.
    private static func drawQRCode(_ code: QRCode, in rect: Rect, quietZone: Int, on cairo: OpaquePointer) {
        cairo_rectangle(cairo, rect.minX, rect.minY, rect.width, rect.height)
        setColor(.white, on: cairo)
        cairo_fill(cairo)
        let module = rect.width / Double(code.size + 2 * quietZone)
        let left = rect.minX + Double(quietZone) * module, top = rect.minY + Double(quietZone) * module
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < code.size, code.isDark(row: row, column: column) { column += 1 }
                cairo_rectangle(cairo, left + Double(start) * module, top + Double(row) * module,
                                Double(column - start) * module, module)
            }
        }
        setColor(.black, on: cairo)
        cairo_fill(cairo)
    }
}
