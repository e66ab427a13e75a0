import Foundation

/// A `Date` as templates see it: printed as Python prints a `datetime` (`2024-01-15 10:30:00`),
/// with `strftime`, `isoformat()` and the fields `year`, `month`, `day`, `hour`, `minute`,
/// `second` and `microsecond`, so Flask templates such as
/// `{{ post['created'].strftime('%Y-%m-%d') }}` work unchanged.
///
/// A Swift `Date` is an instant, a Python `datetime` from SQLite is a wall-clock time without a
/// zone; the instant is shown in ``timeZone``, UTC unless you choose another (SQLite's
/// `CURRENT_TIMESTAMP` is UTC, so Flaskr's dates come out the same).
///
/// ```swift
/// let context: [String: TemplateValue] = ["created": .date(Date())]
/// let local = TemplateValue.date(Date(), timeZone: .current)
/// ```
///
/// `strftime` knows `%Y %m %d %H %M %S %f %y %b %B %a %A %j %p %I %w %z %Z %%`, with the English
/// names of Python's C locale; other directives are copied as written.
public struct TemplateDate: TemplateObject, Equatable {
    /// The instant.
    public let date: Date
    /// The time zone the instant is shown in.
    public let timeZone: TimeZone

    /// UTC, the default time zone of template dates.
    public static let utc = TimeZone(secondsFromGMT: 0)!

    /// A template date showing `date` in `timeZone` (UTC by default).
    public init(_ date: Date, timeZone: TimeZone = TemplateDate.utc) {
        self.date = date
        self.timeZone = timeZone
    }

    /// `datetime.datetime`, Python's name, so error messages read as Jinja's do.
    public var templateTypeName: String { "datetime.datetime" }

    /// The calendar fields of the date as shown in its time zone.
    struct Fields: Sendable {
        var year, month, day, hour, minute, second, microsecond, weekday, dayOfYear: Int
        var offset: Int
    }

    /// The fields, worked out the first time a template asks and then kept (copies of the date,
    /// as a context passes it around, share them).
    var fields: Fields { cache.fields(for: self) }
    private let cache = TemplateDateFields()

    /// Works the fields out with the proleptic Gregorian calendar's day arithmetic, from the
    /// zone's offset at that instant: the same answer as `Calendar`, at a fraction of its cost.
    func computeFields() -> Fields {
        let total = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (total / 1_000_000).rounded(.down)
        let microsecond = Int(total - seconds * 1_000_000)
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
        let local = Int(seconds) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        return Fields(
            year: year, month: month, day: day, hour: secondOfDay / 3_600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60, microsecond: microsecond,
            weekday: ((days % 7) + 7 + 3) % 7,  // Python's weekday(): Monday is 0; 1970-01-01 was a Thursday
            dayOfYear: days - Self.days(fromCivil: year, 1, 1) + 1, offset: offset)
    }

    /// Year, month and day of the day `days` after 1970-01-01 (eras of 400 years, March-based years).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468  // days from 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // 0 is March
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days from 1970-01-01 to the given date (the inverse of ``civil(fromDays:)``).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Dates are equal when they show the same instant in the same zone.
    public static func == (lhs: TemplateDate, rhs: TemplateDate) -> Bool {
        lhs.date == rhs.date && lhs.timeZone == rhs.timeZone
    }

    /// `year`, `month`, `day`, `hour`, `minute`, `second` and `microsecond`, in ``timeZone``; nil for
    /// any other name.
    public func member(_ name: String) -> TemplateValue? {
        switch name {
        case "year": return .int(fields.year)
        case "month": return .int(fields.month)
        case "day": return .int(fields.day)
        case "hour": return .int(fields.hour)
        case "minute": return .int(fields.minute)
        case "second": return .int(fields.second)
        case "microsecond": return .int(fields.microsecond)
        default: return nil
        }
    }

    /// `strftime(format)`, `isoformat(sep='T')`, `weekday()` (Monday is 0) and `isoweekday()`
    /// (Monday is 1); nil for any other name.
    public func callMethod(
        _ name: String, _ arguments: [TemplateValue], _ keywords: [String: TemplateValue]
    ) throws -> TemplateValue? {
        switch name {
        case "strftime":
            guard let format = (arguments.first ?? keywords["format"])?.stringContent else {
                throw TemplateError(.runtime, "strftime() needs a format string", hint: "write .strftime('%Y-%m-%d')")
            }
            return .string(strftime(format))
        case "isoformat":
            let separator = (arguments.first ?? keywords["sep"])?.stringContent ?? "T"
            return .string(text(separator: separator))
        case "weekday": return .int(fields.weekday)
        case "isoweekday": return .int(fields.weekday + 1)
        default: return nil
        }
    }

    /// Python's `str(datetime)`: `YYYY-MM-DD HH:MM:SS`, with `.ffffff` when there are microseconds.
    public var templateText: String { text(separator: " ") }

    /// Equal to another template date for the same instant, whatever the time zones.
    public func isEqual(to other: any TemplateObject) -> Bool {
        (other as? TemplateDate)?.date == date
    }

    private func text(separator: String) -> String {
        let fields = self.fields
        var out = pad(fields.year, 4) + "-" + pad(fields.month, 2) + "-" + pad(fields.day, 2) + separator
        out += pad(fields.hour, 2) + ":" + pad(fields.minute, 2) + ":" + pad(fields.second, 2)
        if fields.microsecond != 0 { out += "." + pad(fields.microsecond, 6) }
        return out
    }

    /// Formats like Python's `datetime.strftime` in the C locale.
    public func strftime(_ format: String) -> String {
        let fields = self.fields
        var out = ""
        var iterator = format.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else {
                out.append(character)
                continue
            }
            guard let directive = iterator.next() else {
                out.append("%")
                break
            }
            switch directive {
            case "Y": out += String(fields.year)
            case "y": out += pad(fields.year % 100, 2)
            case "m": out += pad(fields.month, 2)
            case "d": out += pad(fields.day, 2)
            case "H": out += pad(fields.hour, 2)
            case "I": out += pad(fields.hour % 12 == 0 ? 12 : fields.hour % 12, 2)
            case "M": out += pad(fields.minute, 2)
            case "S": out += pad(fields.second, 2)
            case "f": out += pad(fields.microsecond, 6)
            case "p": out += fields.hour < 12 ? "AM" : "PM"
            case "j": out += pad(fields.dayOfYear, 3)
            case "w": out += String((fields.weekday + 1) % 7)
            case "a": out += String(Self.dayNames[fields.weekday].prefix(3))
            case "A": out += Self.dayNames[fields.weekday]
            case "b": out += String(Self.monthNames[fields.month - 1].prefix(3))
            case "B": out += Self.monthNames[fields.month - 1]
            case "z":
                let minutes = abs(fields.offset) / 60
                out += (fields.offset < 0 ? "-" : "+") + pad(minutes / 60, 2) + pad(minutes % 60, 2)
            case "Z": out += timeZone.abbreviation(for: date) ?? timeZone.identifier
            case "%": out += "%"
            default:
                out.append("%")
                out.append(directive)
            }
        }
        return out
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
}

extension TemplateValue {
    /// A date for a template context, shown in `timeZone` (UTC by default); see ``TemplateDate``.
    public static func date(_ date: Date, timeZone: TimeZone = TemplateDate.utc) -> TemplateValue {
        .object(TemplateDate(date, timeZone: timeZone))
    }
}
