/// What ``MultipartDecoder`` found in the bytes of a multipart body, in order: for each part, its
/// head, any number of data spans, then its end.
public enum MultipartEvent {
    /// A part begins: its `Content-Disposition` name, filename and `Content-Type`.
    case partHead(MultipartPartHead)
    /// The next bytes of the current part's content. Valid only during the callback (they may be
    /// the caller's own buffer): copy or write what you keep.
    case partData(UnsafeRawBufferPointer)
    /// The current part is complete.
    case partEnd
}
