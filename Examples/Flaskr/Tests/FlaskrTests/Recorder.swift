import MicroFlask

/// What an after-request hook saw, for the assertions Flask makes inside `with client:`.
final class Recorder: @unchecked Sendable {
    private(set) var userID: Int?
    private(set) var username: String?
    func set(userID: Int?, username: String?) {
        self.userID = userID
        self.username = username
    }
}
