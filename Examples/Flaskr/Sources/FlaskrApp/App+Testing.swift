import MicroFlask

extension App {
    /// Whether the app runs under test (Flask's `app.testing`): `TESTING` is true.
    public var testing: Bool { config["TESTING"] == "true" || config["TESTING"] == "True" }
}
