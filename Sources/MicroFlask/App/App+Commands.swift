/// Custom commands, like Flask's `app.cli.add_command`: `swift run App init-db`.
extension App {
    /// A command run with `swift run App NAME [arguments]`.
    struct Command: Sendable {
        let help: String
        let run: @Sendable ([String]) throws -> Void
    }

    /// Registers a command; it is listed by `--help` and runs instead of the server.
    ///
    /// ```swift
    /// app.command("init-db", help: "Create the tables") { args in
    ///     try Database.create(at: app.config["DATABASE"] ?? "app.sqlite")
    ///     print("Initialized the database.")
    /// }
    /// ```
    public func command(_ name: String, help: String = "", _ run: @escaping @Sendable ([String]) throws -> Void) {
        lock.withLock {
            checkNotFrozen("command '\(name)'")
            commands[name] = Command(help: help, run: run)
        }
    }

    /// The registered commands, for `--help`.
    var commandUsage: String {
        let registered = lock.withLock { commands }
        guard !registered.isEmpty else { return "" }
        let width = registered.keys.map(\.count).max() ?? 0
        return "\n\nApp commands:\n"
            + registered.keys.sorted().map {
                "  \($0.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(registered[$0]?.help ?? "")"
            }
            .joined(separator: "\n")
    }
}
