/// Size limits applied to every request, with the status each one answers when exceeded.
///
/// ```swift
/// app.config.limits.maxBodySize = 64 * 1024 * 1024   // allow 64 MiB uploads
/// ```
public struct HTTPLimits: Sendable {
    /// The longest request line accepted; longer ones get 414. Default 8 KiB.
    public var maxRequestLineLength = 8 * 1024
    /// The largest header section accepted; larger ones get 431. Default 32 KiB.
    public var maxHeaderSize = 32 * 1024
    /// The most header fields accepted; more get 431. Default 100.
    public var maxHeaderCount = 100
    /// The largest body accepted; larger ones get 413. Default 16 MiB.
    public var maxBodySize = 16 * 1024 * 1024

    /// The defaults described on each property.
    public init() {}
}
