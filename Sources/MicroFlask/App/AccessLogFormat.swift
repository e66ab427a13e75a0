/// The access log's line format (`--access-log`, `config.accessLogFormat`).
public enum AccessLogFormat: String, Sendable, CaseIterable {
    /// Werkzeug's development server's line, the default:
    /// `127.0.0.1 - - [02/Dec/2026 01:02:03] "GET / HTTP/1.1" 200 -` (local time; like
    /// Werkzeug, no size).
    case werkzeug
    /// Apache's (and nginx's) combined format:
    /// `127.0.0.1 - - [02/Dec/2026:01:02:03 +0000] "GET / HTTP/1.1" 200 13 "-" "curl/8.5.0"`.
    case combined
    /// One JSON object a line, for log collectors: `time` (UTC), `remote_addr`, `method`,
    /// `target`, `protocol`, `status`, `bytes`, `duration_ms`, `request_id`, `referer`,
    /// `user_agent` (null when absent).
    case json
}
