/// The session and flashed messages of a request.
extension Request {
    /// The signed-cookie session (Flask's `session`), loaded on first use.
    public var session: Session {
        if let loadedSession { return loadedSession }
        let session = dispatcher.sessionCookie.load(from: http)
        loadedSession = session
        return session
    }

    /// Queues a message for the next page (Flask's `flash`).
    ///
    /// ```swift
    /// req.flash("Logged in as \(name)")
    /// return redirect(to: try req.urlFor("index"))
    /// ```
    public func flash(_ message: String, category: String = "message") {
        let flashes = session["_flashes"]?.arrayValue ?? []
        session["_flashes"] = .array(flashes + [.array([.string(category), .string(message)])])
    }

    /// Takes the flashed messages out of the session (Flask's `get_flashed_messages`). Like
    /// Flask, later calls in the same request return the same messages, so a template may test
    /// `get_flashed_messages()` and then loop over it.
    public func flashedMessages() -> [(category: String, message: String)] {
        if let taken = takenFlashes { return taken }
        let flashes = session["_flashes"]?.arrayValue ?? []
        if !flashes.isEmpty { session["_flashes"] = nil }
        let taken = flashes.compactMap { entry -> (category: String, message: String)? in
            guard let pair = entry.arrayValue, pair.count == 2 else { return nil }
            return (pair[0].text, pair[1].text)
        }
        takenFlashes = taken
        return taken
    }
}
