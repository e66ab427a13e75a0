import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    struct DateFieldsTests {
        /// The day arithmetic agrees with Foundation's Gregorian calendar (which is proleptic from
        /// 1582 on, so the range starts after that), in UTC and in a zone with daylight saving time.
        @Test(arguments: ["UTC", "America/New_York", "Asia/Kolkata"])
        func fieldsMatchTheCalendar(_ zoneName: String) throws {
            let zone = try #require(TimeZone(identifier: zoneName))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            var generator = SystemRandomNumberGenerator()
            // Epoch edges, 2000-02-29, 2000-03-01 and 2100-03-01, then random instants from 1621 to 2381.
            var instants: [TimeInterval] = [0, -1, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400]
            for _ in 0..<2_000 {
                instants.append(TimeInterval(Int.random(in: -11_000_000_000...13_000_000_000, using: &generator)))
            }
            for instant in instants {
                let date = Date(timeIntervalSince1970: instant)
                let fields = TemplateDate(date, timeZone: zone).computeFields()
                let parts = calendar.dateComponents(
                    [.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
                let expected = [
                    parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second,
                    parts.weekday.map { ($0 + 5) % 7 }, calendar.ordinality(of: .day, in: .year, for: date),
                ]
                let got = [
                    fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second, fields.weekday,
                    fields.dayOfYear,
                ]
                #expect(got == expected.map { $0 ?? -1 }, "\(zoneName) \(instant)")
            }
        }

        @Test func copiesShareTheirFields() throws {
            let value = TemplateValue.date(Date(timeIntervalSince1970: 1_705_314_600))
            #expect(
                try render("{{ d.year }}-{{ d.month }}-{{ d.day }} {{ d.strftime('%j %a') }}", ["d": value])
                    == "2024-1-15 015 Mon")
        }
    }
}
