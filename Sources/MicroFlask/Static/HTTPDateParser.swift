/// Parses the HTTP date formats of RFC 9110 section 5.6.7, for `If-Modified-Since` and `If-Range`:
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and C's asctime form (`Sun Nov  6 08:49:37 1994`).
enum HTTPDateParser {

    /// Seconds since the epoch, or nil when `text` is not an HTTP date.
    static func epochSeconds(_ text: String) -> Int? {
        guard text.utf8.count < 64 else { return nil }
        let tokens = text.split { $0 == " " || $0 == "\t" || $0 == "," || $0 == "-" }
        let day: Substring
        let month: Substring
        let year: Substring
        let time: Substring
        if tokens.count == 6, tokens[5] == "GMT" {
            (day, month, year, time) = (tokens[1], tokens[2], tokens[3], tokens[4])
        } else if tokens.count == 5 {
            (month, day, time, year) = (tokens[1], tokens[2], tokens[3], tokens[4])
        } else {
            return nil
        }
        guard let monthIndex = HTTPDate.months.firstIndex(where: { $0.caseInsensitiveCompare(month) == .orderedSame }),
            let dayNumber = number(day, digits: 1...2),
            (1...31).contains(dayNumber), var yearNumber = number(year, digits: 2...4)
        else { return nil }
        if year.count == 2 { yearNumber += yearNumber < 70 ? 2000 : 1900 }
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, let hour = number(clock[0], digits: 2...2),
            let minute = number(clock[1], digits: 2...2),
            let second = number(clock[2], digits: 2...2), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = daysSinceEpoch(year: yearNumber, month: monthIndex + 1, day: dayNumber)
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// A decimal number of `digits` digits.
    private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count),
            text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(text)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
