import Foundation

/// Reading the body as a form, as uploaded files, or as JSON (Flask's `request.form`,
/// `request.files`, `request.get_json()`).
extension HTTPRequest {
    /// The form fields of an `application/x-www-form-urlencoded` or `multipart/form-data` body;
    /// empty for other bodies. Parsed once, on first use.
    ///
    /// ```swift
    /// let name = try request.form["name"] ?? ""
    /// ```
    /// Throws a 400 `HTTPError` when a multipart body is malformed, and 413 when the form passes
    /// `formLimits` (the app's `maxFormMemorySize` and `maxFormParts`, as Flask's
    /// `MAX_FORM_MEMORY_SIZE` and `MAX_FORM_PARTS`). Views
    /// read the App-level `req.form`, which does not throw: the dispatcher parses form bodies
    /// before the hooks and the view, and answers these errors itself.
    public var form: MultiDict {
        get throws(HTTPError) { try parsedBody().fields }
    }

    /// The files of a `multipart/form-data` body, by field name. Large files are spooled to a
    /// temporary folder that is removed when the request ends.
    public var files: UploadedFiles {
        get throws(HTTPError) { try parsedBody().files }
    }

    /// The body's media type, lower-cased, without parameters (`application/json`).
    public var mimeType: String {
        guard let contentType = headers["Content-Type"] else { return "" }
        return String(contentType.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            .lowercased()
    }

    /// Whether the body is declared as JSON (`application/json` or `application/*+json`).
    public var isJSON: Bool {
        let type = mimeType
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// Decodes a JSON body into `T` (Flask's `get_json()`, typed).
    ///
    /// ```swift
    /// struct NewUser: Decodable { let name: String }
    /// app.post("/users") { req in
    ///     let user = try req.decode(NewUser.self)
    ///     return ("created \(user.name)", Status.created)
    /// }
    /// ```
    /// 415 when the body is not declared as JSON, 400 with the decoder's reason when it does not decode.
    public func decode<T: Decodable>(_ type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()) throws(HTTPError)
        -> T
    {
        try requireJSON()
        do {
            return try decoder.decode(T.self, from: Data(body))
        } catch {
            throw HTTPError(
                .badRequest, message: "The body is not valid JSON for \(T.self): \(HTTPRequest.describe(error))")
        }
    }

    /// The JSON body as Foundation objects (`[String: Any]`, `[Any]`, ...); 415 or 400 as `decode`.
    public var json: Any {
        get throws(HTTPError) {
            try requireJSON()
            do {
                return try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
            } catch {
                throw HTTPError(.badRequest, message: "Failed to decode JSON object: \(error.localizedDescription)")
            }
        }
    }

    /// 415 unless the body is declared as JSON, with Flask's message.
    private func requireJSON() throws(HTTPError) {
        guard isJSON else {
            throw HTTPError(
                .unsupportedMediaType,
                message:
                    "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            context.codingPath.isEmpty
                ? context.debugDescription
                : "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }

    /// Whether the body is a form (`form` and `files` parse it).
    var hasFormBody: Bool {
        let type = mimeType
        return type == "application/x-www-form-urlencoded" || type == "multipart/form-data"
    }

    /// Parses the body once, by its content type, within `formLimits`.
    ///
    /// A multipart body is dropped once parsed (`body` is then empty), as Werkzeug's
    /// `get_data()` is after the form was read: the server parses such a body as it arrives and
    /// never keeps it, and parsing one given whole leaves the request in the same state.
    func parsedBody() throws(HTTPError) -> ParsedBody {
        if let parsed = bodyCache { return parsed }
        if let receivedFormError { throw Self.httpError(for: receivedFormError) }
        let mimeType = self.mimeType
        defer { if mimeType == "multipart/form-data" { content = RequestBody() } }
        do {
            let parsed = try ParsedBody(
                content, mimeType: mimeType, contentType: headers["Content-Type"] ?? "", limits: formLimits)
            bodyCache = parsed
            return parsed
        } catch {
            throw Self.httpError(for: error)
        }
    }

    /// A limit answers Flask's own 413 page; other errors say what was wrong with the body.
    private static func httpError(for error: FormError) -> HTTPError {
        HTTPError(Status(error.statusCode), message: error.statusCode == 413 ? nil : error.description)
    }

    /// Takes the form the server parsed while the body arrived (the body itself was not kept).
    func receive(_ form: MultipartForm) {
        bodyCache = ParsedBody(form)
    }

    /// Removes spooled upload files; the dispatcher calls this when the request ends.
    func cleanUpUploads() {
        bodyCache?.multipart?.cleanup()
    }
}

/// What `form` and `files` parsed out of a body.
struct ParsedBody {
    var fields = MultiDict()
    var files = UploadedFiles()
    var multipart: MultipartForm?

    init() {}

    /// Parses `body` by its media type: urlencoded and multipart forms, nothing for other types.
    init(_ body: RequestBody, mimeType: String, contentType: String, limits: FormLimits) throws(FormError) {
        switch mimeType {
        case "application/x-www-form-urlencoded":
            self.init()
            fields = MultiDict(try URLEncodedForm.parse(body, limits: limits))
        case "multipart/form-data":
            self.init(try limits.multipartParser.parse(body, contentType: contentType))
        default:
            self.init()
        }
    }

    /// The fields and files of a parsed multipart form.
    init(_ form: MultipartForm) {
        fields = MultiDict(form.fields)
        files = UploadedFiles(form.files.map { ($0.fieldName, $0) })
        multipart = form
    }
}

/// Uploaded files by field name, in order (Flask's `request.files`).
public struct UploadedFiles: Sendable, Sequence {
    let items: [(String, UploadedFile)]

    init(_ items: [(String, UploadedFile)] = []) { self.items = items }

    /// The first file sent under `name`.
    public subscript(name: String) -> UploadedFile? { items.first { $0.0 == name }?.1 }

    /// Every file sent under `name`.
    public func getAll(_ name: String) -> [UploadedFile] { items.compactMap { $0.0 == name ? $0.1 : nil } }

    /// The number of files.
    public var count: Int { items.count }

    /// Iterates the `(field name, file)` pairs in the order the form sent them.
    public func makeIterator() -> IndexingIterator<[(String, UploadedFile)]> { items.makeIterator() }
}
