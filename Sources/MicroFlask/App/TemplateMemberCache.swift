import Synchronization

/// Members of a template object that are costly to build (`request.form` as a mapping), built
/// once per object and then shared: a template that reads `request.args` in a loop converts the
/// arguments once, not at each access.
final class TemplateMemberCache: Sendable {
    private let values = OrderedMutex<[String: TemplateValue]>([:])

    /// The member `name`, made by `make` the first time. `make` runs outside the lock, so it may
    /// read other members (two threads racing may both make it; either result is kept).
    func value(_ name: String, _ make: () -> TemplateValue) -> TemplateValue {
        if let value = values.withLock({ $0[name] }) { return value }
        let value = make()
        values.withLock { $0[name] = value }
        return value
    }
}
