import Foundation

/// The variable names of every template an environment has parsed, each given a slot number.
///
/// The parser resolves a name to its slot once, so a render reads and assigns variables by
/// position in an array (``TemplateRenderer``'s frame) instead of hashing the name at each
/// access. Slots are shared by all templates of the environment, so a block, an included
/// template and its parent see the same variables in the same slots.
final class TemplateNames: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String: Int] = [:]
    private var names: [String] = []

    /// The slot of `loop`, read when `loop` is not a `{% for %}`'s own (a context variable named so).
    static let loopSlot = 0

    init() {
        _ = slot(for: "loop")
    }

    /// The slot of `name`, given a new one the first time it is seen.
    func slot(for name: String) -> Int {
        lock.withLock {
            if let slot = slots[name] { return slot }
            names.append(name)
            slots[name] = names.count - 1
            return names.count - 1
        }
    }

    /// How many slots there are now.
    var count: Int { lock.withLock { names.count } }
}
