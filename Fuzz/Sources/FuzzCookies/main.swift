// Cookies: any `Cookie` header parses without crashing, a quoted value unquotes to itself, and a
// session cookie (signed JSON) from the client never loads unless it verifies.
import FuzzSupport
@testable import MicroFlask

let cookie = SessionCookie(settings: SessionCookie.Settings(), secretKey: "fuzz", fallbackKeys: [])

runFuzzer { data in
    let header = String(decoding: data, as: UTF8.self)
    let request = HTTPRequest(method: .GET, target: "/", headers: ["Cookie": header])
    let cookies = request.cookies
    for (name, value) in cookies {
        check(!name.isEmpty, "an empty cookie name")
        check(CookieCoding.unquote(Substring(CookieCoding.quote(value))) == value, "quote/unquote: \(value)")
    }
    check(CookieCoding.unquote(Substring(CookieCoding.quote(header))) == header, "quote/unquote of the header")
    let session = cookie.load(from: request)
    check(session.values.isEmpty, "an unsigned session cookie loaded: \(header)")
}
