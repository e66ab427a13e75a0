import Synchronization

/// The calendar fields of one ``TemplateDate``, worked out once and shared by its copies.
final class TemplateDateFields: Sendable {
    private let stored = OrderedMutex<TemplateDate.Fields?>(nil)

    func fields(for date: TemplateDate) -> TemplateDate.Fields {
        if let fields = stored.withLock({ $0 }) { return fields }
        let fields = date.computeFields()
        stored.withLock { $0 = fields }
        return fields
    }
}
