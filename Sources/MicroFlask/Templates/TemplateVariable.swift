/// A variable as a template uses it: its name (for lookups in the context and for error
/// messages) and its slot in the render's frame, resolved when the template is parsed.
struct TemplateVariable: Sendable, Equatable {
    let name: String
    let slot: Int
}
