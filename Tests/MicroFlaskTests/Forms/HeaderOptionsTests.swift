import Testing

@testable import MicroFlask

extension FormsTests {
    /// Expected values were produced by Werkzeug 3.1.8 `parse_options_header`.
    @Suite struct HeaderOptionsTests {
        @Test func contentTypeWithBoundaryAndCharset() {
            let header = HeaderOptions(
                parsing: "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk; charset=UTF-8")
            #expect(header.value == "multipart/form-data")
            #expect(header.boundary == "----WebKitFormBoundary7MA4YWxk")
            #expect(header.charset == "UTF-8")
        }

        @Test func quotedValuesAndCaseInsensitiveNames() {
            let header = HeaderOptions(parsing: "multipart/form-data; BOUNDARY=\"a b;c\"; x=1")
            #expect(header.boundary == "a b;c")
            #expect(header["X"] == "1")
        }

        @Test func escapesInQuotedStrings() {
            let header = HeaderOptions(parsing: #"form-data; name="f"; filename="x \"q\" \\ y.txt""#)
            #expect(header["filename"] == #"x "q" \ y.txt"#)
            #expect(HeaderOptions(parsing: #"form-data; filename="%22quoted%22.txt""#)["filename"] == "\"quoted\".txt")
        }

        @Test func extendedValuesAreDecoded() {
            #expect(
                HeaderOptions(parsing: "attachment; filename*=UTF-8''na%C3%AFve%20file.txt")["filename"]
                    == "naïve file.txt")
            #expect(HeaderOptions(parsing: "attachment; filename*=iso-8859-1'en'%E9t%E9")["filename"] == "été")
            #expect(HeaderOptions(parsing: "attachment; filename*=koi8-r''abc")["filename"] == "abc")
        }

        @Test func laterParameterWins() {
            let header = HeaderOptions(parsing: "form-data; filename=\"fallback.txt\"; filename*=UTF-8''na%C3%AFve.txt")
            #expect(header["filename"] == "naïve.txt")
            let reversed = HeaderOptions(
                parsing: "form-data; filename*=UTF-8''na%C3%AFve.txt; filename=\"fallback.txt\"")
            #expect(reversed["filename"] == "fallback.txt")
        }

        @Test func malformedParametersAreSkipped() {
            let header = HeaderOptions(parsing: "text/plain; novalue; =x; \"q\"=1; ok=yes; open=\"unterminated; last=1")
            #expect(header.options.map(\.name) == ["ok", "last"])
            #expect(header["ok"] == "yes")
            #expect(HeaderOptions(parsing: "").value == "")
            #expect(HeaderOptions(parsing: "text/html").options.isEmpty)
            #expect(HeaderOptions(parsing: "; boundary=x").options.isEmpty)
        }

        @Test func boundaryExtraction() {
            #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=XyZ") == "XyZ")
            #expect(MultipartParser.boundary(fromContentType: "Multipart/Form-Data; boundary=\"XyZ\"") == "XyZ")
            #expect(MultipartParser.boundary(fromContentType: "multipart/form-data") == nil)
            #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=\"\"") == nil)
            #expect(MultipartParser.boundary(fromContentType: "text/plain; boundary=XyZ") == nil)
        }
    }
}
