import CCairo

/// A PNG decoded once and drawn any number of times. Cairo embeds it once per document however many pages show
/// it, so load a logo once per document, not per page. Not `Sendable`: Cairo may attach per-document data to it.
public final class PNGImage {
    let surface: OpaquePointer
    public let pixelWidth: Int
    public let pixelHeight: Int

    public init(path: String) throws(PrintingError) {
        let surface = cairo_image_surface_create_from_png(path)!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .cannotLoadImage(path: path, status: String(cString: cairo_status_to_string(status)))
        }
        self.surface = surface
        pixelWidth = Int(cairo_image_surface_get_width(surface))
        pixelHeight = Int(cairo_image_surface_get_height(surface))
    }

    deinit { cairo_surface_destroy(surface) }
}

/// How an image fills the rectangle it is drawn into.
public enum ImageFit: Hashable, Sendable {
    /// As large as fits while keeping its proportions, centred.
    case aspectFit
    /// Exactly the rectangle, proportions ignored.
    case stretch
}
