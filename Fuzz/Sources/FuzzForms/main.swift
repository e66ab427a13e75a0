// URL-encoded forms and query strings: parsing never crashes, encoding then parsing gives the
// pairs back, the body parser (with its size limit) agrees with the plain one, and a request's
// `args` are its query string's pairs.
import FuzzSupport
import MicroFlask

func text(_ pairs: some Sequence<(String, String)>) -> [String] { pairs.map { "\($0.0)=\($0.1)" } }

runFuzzer { data in
    let pairs = URLEncodedForm.parse(data)
    let encoded = URLEncodedForm.encode(pairs)
    check(text(URLEncodedForm.parse(Array(encoded.utf8))) == text(pairs), "encode/parse: \(pairs) -> \(encoded)")

    var limits = FormLimits()
    limits.maxMemorySize = 512
    do throws(FormError) {
        let fromBody = try URLEncodedForm.parse(RequestBody(data), limits: limits)
        check(data.count <= 512, "a body over the limit was parsed")
        check(text(fromBody) == text(pairs), "body parser: \(fromBody) != \(pairs)")
    } catch {
        check(data.count > 512 && error.statusCode == 413, "body parser failed: \(error)")
    }

    // The printable bytes as a query string, through the request.
    let query = String(decoding: data.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "#") }, as: UTF8.self)
    let request = HTTPRequest(method: .GET, target: "/p?" + query)
    let args = request.args.map { ($0.key, $0.value) }
    check(text(args) == text(URLEncodedForm.parse(Array(query.utf8))), "args differ from the query's pairs")
    _ = request.path
}
