import Foundation
import Testing

@testable import MicroFlask

/// The pieces under the file responder: MIME types, ranges, dates and entity-tag lists.
@Suite struct StaticUnitTests {
    @Test func mimeTypes() {
        #expect(MIMEType.forPath("a/b/site.CSS") == "text/css")
        #expect(MIMEType.forPath(".hidden") == "application/octet-stream")
        #expect(MIMEType.forPath("archive.tar.gz") == "application/gzip")
        #expect(MIMEType.forPath("dir.d/file") == "application/octet-stream")
        #expect(MIMEType.contentType(forPath: "x.woff2") == "font/woff2")
        #expect(MIMEType.contentType(forPath: "feed.rss") == "application/rss+xml; charset=utf-8")
        #expect(MIMEType.withCharset("text/plain; charset=latin-1") == "text/plain; charset=latin-1")
    }

    @Test func rangeParsing() {
        #expect(ByteRange.parse("bytes=0-499") == .span(first: 0, last: 499))
        #expect(ByteRange.parse("bytes=500-") == .span(first: 500, last: nil))
        #expect(ByteRange.parse("bytes=-500") == .suffix(count: 500))
        #expect(ByteRange.parse(" bytes = 1 - 2 ") == .span(first: 1, last: 2))
        for bad in [
            "bytes=", "bytes=-", "bytes=2-1", "bytes=0-1,3-4", "lines=0-1", "0-1", "bytes=1e3-", "bytes=-+5",
            "bytes=99999999999999999999999-",
        ] {
            #expect(ByteRange.parse(bad) == nil, "\(bad)")
        }
        #expect(ByteRange.span(first: 0, last: 9).outcome(size: 5) == .partial(offset: 0, length: 5))
        #expect(ByteRange.span(first: 5, last: nil).outcome(size: 5) == .unsatisfiable)
        #expect(ByteRange.suffix(count: 2).outcome(size: 5) == .partial(offset: 3, length: 2))
        #expect(ByteRange.suffix(count: 1).outcome(size: 0) == .whole)
        #expect(ByteRange.suffix(count: 0).outcome(size: 5) == .unsatisfiable)
    }

    @Test func httpDates() {
        #expect(HTTPDateParser.epochSeconds("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDateParser.epochSeconds("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDateParser.epochSeconds("Sun Nov  6 08:49:37 1994") == 784_111_777)
        #expect(HTTPDateParser.epochSeconds("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDateParser.epochSeconds("Tue, 29 Feb 2028 23:59:59 GMT") == 1_835_481_599)
        for bad in [
            "", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z",
        ] {
            #expect(HTTPDateParser.epochSeconds(bad) == nil, "\(bad)")
        }
        #expect(HTTPDate.format(epochSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func entityTagLists() {
        let list = EntityTagList(#"W/"a", "b,c" ,garbage, "d""#)
        #expect(list.tags.map(\.opaque) == [#""a""#, #""b,c""#, #""d""#])
        #expect(list.tags.map(\.weak) == [true, false, false])
        #expect(list.weaklyMatches(#"W/"b,c""#))
        #expect(list.weaklyMatches(#""a""#))
        #expect(!list.weaklyMatches(#""e""#))
        #expect(list.stronglyMatches(#""d""#))
        #expect(!list.stronglyMatches(#""a""#), "a weak tag in the list never matches strongly")
        #expect(!list.stronglyMatches(#"W/"d""#), "our weak tag never matches strongly")
        #expect(EntityTagList(" * ").weaklyMatches(#"W/"x""#))
        #expect(EntityTagList("").tags.isEmpty)
    }
}
