import Glibc

/// The request being dispatched on this thread, so `app.render` can offer templates `session`,
/// `request` and `get_flashed_messages()` the way Flask's request context does.
///
/// A view runs start to finish on the thread that dispatches it, so a thread-local slot is
/// enough, and setting it costs no allocation.
enum CurrentRequest {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func set(_ request: Request?) {
        pthread_setspecific(key, request.map { UnsafeRawPointer(Unmanaged.passUnretained($0).toOpaque()) })
    }

    /// The request of an async view, which runs on another thread than the one dispatching it.
    @TaskLocal static var task: Request?

    static var value: Request? {
        if let request = pthread_getspecific(key).map({ Unmanaged<Request>.fromOpaque($0).takeUnretainedValue() }) {
            return request
        }
        return task
    }
}
