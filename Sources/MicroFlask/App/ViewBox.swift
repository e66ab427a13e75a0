/// A view kept in a `Route`.
final class ViewBox: Sendable {
    let view: Handler

    init(_ view: @escaping Handler) { self.view = view }
}
