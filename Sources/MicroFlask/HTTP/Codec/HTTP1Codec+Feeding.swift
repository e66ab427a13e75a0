/// Feeding received bytes to the codec, buffering only what must wait.
extension HTTP1Codec {
    /// Parses newly received `bytes` (after anything buffered), calling `handle` for each event
    /// until it returns `.pause` or `.close`, or the bytes run out.
    ///
    /// Returns `.proceed` when every byte was used or kept (more are needed), `.pause` when
    /// unparsed bytes wait for `resume`, `.close` when the connection must end after a failure
    /// or a `.close` directive. `handle` must not use this codec (it is being mutated).
    mutating func feed(
        _ bytes: UnsafeBufferPointer<UInt8>, _ handle: (HTTP1Event) -> HTTP1Directive
    ) -> HTTP1Directive {
        if inbound.isEmpty {
            // The common case: parse straight from the caller's buffer, keep only a partial rest.
            let (consumed, directive) = run(bytes, handle)
            if directive != .close && consumed < bytes.count {
                inbound.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[consumed...]))
            }
            return directive
        }
        inbound.append(contentsOf: bytes)
        return resume(handle)
    }

    /// Goes on with the buffered bytes after a `.pause` (see `feed`).
    mutating func resume(_ handle: (HTTP1Event) -> HTTP1Directive) -> HTTP1Directive {
        // Moved out (not copied) so it can be read while the state changes.
        var buffered = inbound
        inbound = []
        let (consumed, directive) = buffered.withUnsafeBufferPointer { run($0, handle) }
        if directive == .close { return .close }
        // A resumed head scan stays valid: it is relative to the start of the partial request,
        // which is where the buffer starts once the answered requests are removed.
        if consumed < buffered.count {
            buffered.removeFirst(consumed)
            inbound = buffered
        }
        return directive
    }

    private mutating func run(
        _ bytes: UnsafeBufferPointer<UInt8>, _ handle: (HTTP1Event) -> HTTP1Directive
    ) -> (consumed: Int, HTTP1Directive) {
        var position = 0
        while let event = next(in: bytes, at: &position) {
            let directive = handle(event)
            if case .failure = event { return (bytes.count, .close) }
            switch directive {
            case .proceed: continue
            case .pause: return (position, .pause)
            case .close:
                close()
                return (bytes.count, .close)
            }
        }
        return (position, state.isClosed ? .close : .proceed)
    }
}

extension HTTP1Codec.State {
    var isClosed: Bool {
        if case .closed = self { return true }
        return false
    }
}
