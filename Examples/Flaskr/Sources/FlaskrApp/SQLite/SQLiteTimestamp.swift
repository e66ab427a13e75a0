import Foundation

/// The text form of `TIMESTAMP` values, as Python's `sqlite3` converts them: `YYYY-MM-DD
/// HH:MM:SS` with an optional `.ffffff`, a wall-clock time without a zone, read here as UTC.
enum SQLiteTimestamp {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// The date `text` stands for; nil when it is not in that form (the text is then kept as text).
    static func date(from text: String) -> Date? {
        let halves = text.split(separator: " ", omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let day = halves[0].split(separator: "-").compactMap { Int($0) }
        let clock = halves[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let time = clock[0].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, time.count == 3 else { return nil }
        var microseconds = 0
        if clock.count == 2 {
            let digits = clock[1].prefix(6)
            guard let fraction = Int(digits) else { return nil }
            microseconds = fraction * Int(pow(10, Double(6 - digits.count)))
        }
        let parts = DateComponents(
            year: day[0], month: day[1], day: day[2], hour: time[0], minute: time[1], second: time[2])
        guard let whole = calendar.date(from: parts) else { return nil }
        return whole.addingTimeInterval(Double(microseconds) / 1_000_000)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`, as Python's adapter stores a `datetime` (`isoformat(" ")`).
    static func text(from date: Date) -> String {
        let total = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (total / 1_000_000).rounded(.down)
        let microseconds = Int(total - seconds * 1_000_000)
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) "
        text += "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))"
        if microseconds != 0 { text += "." + pad(microseconds, 6) }
        return text
    }
}
