import Hummingbird

/// The context every Clearbill request carries through middleware and routes.
public struct PortalRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Forms and API bodies are small; anything bigger is refused before it is read.
    public var maxUploadSize: Int { 1 << 20 }
}
