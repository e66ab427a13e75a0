/// `loop` as a value, for `{% set outer = loop %}` in nested loops: a snapshot of the loop's
/// state at the moment it was read (the inner loop reads it while the outer one stands still).
struct LoopObject: TemplateObject {
    let state: TemplateRenderer.LoopState

    var templateTypeName: String { "LoopContext" }

    func member(_ name: String) -> TemplateValue? {
        LoopAttribute(rawValue: name).map(state.value(of:))
    }

    func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        guard name == "cycle" else { return nil }
        guard !arguments.isEmpty else { throw TemplateError(.runtime, "loop.cycle() needs at least one value") }
        return arguments[state.index0 % arguments.count]
    }

    /// Jinja prints a loop as `<LoopContext 1/3>`.
    var templateText: String { "<LoopContext \(state.index0 + 1)/\(state.length)>" }
}
