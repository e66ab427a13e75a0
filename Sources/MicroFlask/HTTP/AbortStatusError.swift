/// `abort` was called with a status that is not an error (not 4xx or 5xx).
public struct AbortStatusError: Error, Sendable, CustomStringConvertible {
    /// The status `abort` was given.
    public let status: Status

    /// Says why the status is refused and what to return instead.
    public var description: String {
        "abort(\(status.code)): \(status.code) is not an error status; abort takes a 4xx or 5xx status (return redirect(to:) or a Response for the others)"
    }
}
