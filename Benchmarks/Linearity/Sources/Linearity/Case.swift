/// One parser or matcher to time: `make(size)` builds an input of about `size` units and
/// returns the work to time on it.
struct Case {
    let name: String
    /// The input size at 1x, in the unit the name gives.
    let size: Int
    let make: (Int) throws -> () throws -> Void
}
