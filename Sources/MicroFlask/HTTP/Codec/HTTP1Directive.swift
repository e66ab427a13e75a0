/// What the codec's caller wants after handling one event.
enum HTTP1Directive: Equatable {
    /// Go on with the next event.
    case proceed
    /// Stop for now and keep the rest buffered (output is waiting for the socket); continue
    /// later with `HTTP1Codec.resume`.
    case pause
    /// The connection ends after what was written: drop every byte still unparsed.
    case close
}
