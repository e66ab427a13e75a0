/// `loop` as a value, for `{% set outer = loop %}` in nested loops: a snapshot of the loop's
/// state at the moment it was read (the inner loop reads it while the outer one stands still).
struct LoopObject: TemplateObject {
    let state: TemplateRenderer.LoopState

    var templateTypeName: String { "LoopContext" }

    func member(_ name: String) -> TemplateValue? {
        switch LoopAttribute(rawValue: name) {
        case .index?: return .int(state.index0 + 1)
        case .index0?: return .int(state.index0)
        case .revindex?: return .int(state.length - state.index0)
        case .revindex0?: return .int(state.length - state.index0 - 1)
        case .first?: return .bool(state.index0 == 0)
        case .last?: return .bool(state.index0 == state.length - 1)
        case .length?: return .int(state.length)
        case .depth?: return .int(1)
        case nil: return nil
        }
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
