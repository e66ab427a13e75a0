import Testing

@testable import MicroFlask

extension FormsTests {
    /// Expected values were produced by Werkzeug 3.1.8 (`request.form` / `request.args`, i.e.
    /// `parse_qsl(..., keep_blank_values=True, errors="werkzeug.url_quote")` and `_urlencode`).
    @Suite struct URLEncodedFormTests {
        private func parse(_ text: String) -> [Pair] {
            URLEncodedForm.parse(Array(text.utf8)).map(Pair.init)
        }

        @Test func simplePairs() {
            #expect(parse("a=1&b=2") == [Pair("a", "1"), Pair("b", "2")])
        }

        @Test func emptyPairsSkippedAndBlankValuesKept() {
            #expect(parse("a=1&&b=&c") == [Pair("a", "1"), Pair("b", ""), Pair("c", "")])
            #expect(parse("=&=x&x=") == [Pair("", ""), Pair("", "x"), Pair("x", "")])
            #expect(parse("&&&") == [])
            #expect(parse("") == [])
            #expect(parse("lone") == [Pair("lone", "")])
        }

        @Test func plusAndPercentDecoding() {
            #expect(
                parse("name=J%C3%B6rg+M%C3%BCller&q=a%2Bb%3Dc%26d")
                    == [Pair("name", "Jörg Müller"), Pair("q", "a+b=c&d")])
            #expect(parse("sp=a+b%20c") == [Pair("sp", "a b c")])
            #expect(parse("k%20ey=v=w=x") == [Pair("k ey", "v=w=x")])
        }

        @Test func onlyAmpersandSeparates() {
            #expect(parse("semi=a;b=c") == [Pair("semi", "a;b=c")])
        }

        @Test func malformedEscapesStayLiteral() {
            #expect(
                parse("bad=%zz%4&trail=%&pct=100%25") == [
                    Pair("bad", "%zz%4"), Pair("trail", "%"), Pair("pct", "100%"),
                ])
        }

        @Test func escapedInvalidUTF8StaysEscapedUppercase() {
            #expect(parse("inv=%FF%fe&mix=%C3%A9%C3x") == [Pair("inv", "%FF%FE"), Pair("mix", "é%C3x")])
            #expect(parse("%E2%82=x&e=%E2%82%AC") == [Pair("%E2%82", "x"), Pair("e", "€")])
        }

        @Test func rawUTF8IsKeptAndEscapesDoNotJoinRawCharacters() {
            #expect(URLEncodedForm.parse(Array("raw=caf\u{e9}".utf8)).map(Pair.init) == [Pair("raw", "café")])
            let bytes: [UInt8] = Array("a=%C3%A9".utf8) + [0xC3, 0xA9] + Array("%A9".utf8)
            #expect(URLEncodedForm.parse(bytes).map(Pair.init) == [Pair("a", "éé%A9")])
        }

        @Test func rawInvalidUTF8BecomesReplacementCharacter() {
            // Werkzeug drops the whole body here; MicroFlask keeps the other fields.
            let bytes: [UInt8] = Array("raw=".utf8) + [0xFF] + Array("&a=1".utf8)
            #expect(URLEncodedForm.parse(bytes).map(Pair.init) == [Pair("raw", "\u{FFFD}"), Pair("a", "1")])
        }

        @Test func encodeMatchesWerkzeug() {
            #expect(URLEncodedForm.encode([("a", "1"), ("b", "x y")]) == "a=1&b=x+y")
            #expect(URLEncodedForm.encode([("q", "a+b=c&d"), ("name", "Jörg")]) == "q=a%2Bb%3Dc%26d&name=J%C3%B6rg")
            #expect(
                URLEncodedForm.encode([("safe", "!$'()*,/:;?@"), ("unsafe", "\"#%<>[\\]^`{|}")])
                    == "safe=!$'()*,/:;?@&unsafe=%22%23%25%3C%3E%5B%5C%5D%5E%60%7B%7C%7D")
            #expect(
                URLEncodedForm.encode([("t", "~-._ é€😀"), ("", "")]) == "t=~-._+%C3%A9%E2%82%AC%F0%9F%98%80&=")
            #expect(URLEncodedForm.encode([("k=", "v\n\r\t")]) == "k%3D=v%0A%0D%09")
            #expect(URLEncodedForm.encode([]) == "")
        }

        @Test func encodeThenParseRoundTrips() {
            let pairs = [("a b", "c+d&e=f"), ("ü", "😀 %zz"), ("", ""), ("x", "1;2")]
            let parsed = URLEncodedForm.parse(Array(URLEncodedForm.encode(pairs).utf8)).map(Pair.init)
            #expect(parsed == pairs.map(Pair.init))
        }

        @Test func randomBytesNeverTrap() {
            var generator = SystemRandomNumberGenerator()
            let interesting: [UInt8] = Array("%&=+aF0".utf8) + [0xC3, 0xA9, 0xFF, 0xE2, 0x80]
            for _ in 0..<500 {
                let length = Int.random(in: 0..<64, using: &generator)
                let bytes = (0..<length).map { _ in
                    Bool.random(using: &generator)
                        ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
                }
                _ = URLEncodedForm.parse(bytes)
            }
        }
    }
}
