/// A host object that templates read on demand: `obj.name`, `obj['key']` and `obj.method(...)`
/// are answered when the template asks, so nothing is computed for fields it never uses.
///
/// Put one in a context with ``TemplateValue/object(_:)``. MicroFlask's `request`, `session`,
/// `g` and `config` are objects like this, so `{{ request.form['title'] }}` parses the form only
/// when a template reads it.
///
/// ```swift
/// struct Clock: TemplateObject {
///     var templateTypeName: String { "Clock" }
///     func member(_ name: String) -> TemplateValue? {
///         name == "year" ? .int(Calendar.current.component(.year, from: Date())) : nil
///     }
/// }
/// let page = try templates.renderString("© {{ clock.year }}", ["clock": .object(Clock())])
/// ```
///
/// Only ``member(_:)`` and ``templateTypeName`` are required. A member that is absent (nil) is
/// *undefined*, as a missing attribute is in Jinja: it prints as nothing, and reading further
/// into it is an error.
public protocol TemplateObject: Sendable {
    /// The type name used in error messages, such as `Request` (`'Request object' has no attribute 'x'`).
    var templateTypeName: String { get }

    /// `obj.name`: the member's value, or nil when there is none.
    func member(_ name: String) -> TemplateValue?

    /// `obj[key]`: by default the member named by a string key.
    func item(_ key: TemplateValue) -> TemplateValue?

    /// `obj.method(arguments)`: the result, or nil when the object has no such method (an error
    /// naming the method). The default has none, except those of ``plainValue``.
    func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue?

    /// The plain value the object stands for when used as a whole: iterated, tested with `in`,
    /// measured with `|length`, compared, or passed to a filter. Nil (the default) makes the object
    /// opaque: it is true, has no items, and prints as ``templateText``.
    var plainValue: TemplateValue? { get }

    /// How `{{ obj }}` prints (Python's `str()`). By default the plain value's text, or
    /// `<TypeName object>`.
    var templateText: String { get }

    /// Whether two objects are equal for `==`; by default objects are never equal to anything
    /// but their plain values.
    func isEqual(to other: any TemplateObject) -> Bool
}

extension TemplateObject {
    /// `obj[key]`: a string key reads the member of that name, so `obj['name']` and `obj.name` agree;
    /// any other key is undefined.
    public func item(_ key: TemplateValue) -> TemplateValue? {
        guard let name = key.stringContent else { return nil }
        return member(name)
    }

    /// No methods: a template's `obj.method()` fails naming the method. Override to offer some.
    public func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        nil
    }

    /// Nil: the object is opaque (true, no items, printed as ``templateText``).
    public var plainValue: TemplateValue? { nil }

    /// The plain value's text, or `<TypeName object>` when there is none.
    public var templateText: String { plainValue?.text ?? "<\(templateTypeName) object>" }

    /// False: an object compares equal only through its ``plainValue``.
    public func isEqual(to other: any TemplateObject) -> Bool { false }
}
