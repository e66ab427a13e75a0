/// `abort` was called with a status that is not an error (not 4xx or 5xx).
public struct AbortStatusError: Error, Sendable, CustomStringConvertible {
    /// The status `abort` was given.
    public let status: Status

    public var description: String {
        "abort(\(status.code)): \(status.code) is not an error status; abort takes a 4xx or 5xx status (return redirect(to:) or a Response for the others)"
    }
}
