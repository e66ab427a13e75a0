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

    /// The calendar fields, computed when a template asks.
    struct Fields {
        var year, month, day, hour, minute, second, microsecond, weekday, dayOfYear: Int
        var offset: Int
    }

    var fields: Fields {
        let total = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (total / 1_000_000).rounded(.down)
        let microsecond = Int(total - seconds * 1_000_000)
        let instant = Date(timeIntervalSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: instant)
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: instant) ?? 1
        return Fields(
            year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0,
            minute: parts.minute ?? 0, second: parts.second ?? 0, microsecond: microsecond,
            weekday: ((parts.weekday ?? 1) + 5) % 7,  // Python's weekday(): Monday is 0
            dayOfYear: dayOfYear, offset: timeZone.secondsFromGMT(for: instant))
    }

    /// `year`, `month`, `day`, `hour`, `minute`, `second` and `microsecond`, in ``timeZone``; nil for
    /// any other name.
    public func member(_ name: String) -> TemplateValue? {
        let fields = self.fields
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
