import Surveys
import WijkpeilCore

/// How a quasi-identifying answer is coarsened on export.
public enum Coarsening {
    /// Ten-year bands: `0-9`, …, `70-79`, `80+`.
    public static func ageBand(_ age: Double) -> String {
        let years = Int(age.rounded(.down))
        if years >= 80 { return "80+" }
        let low = max(0, years / 10 * 10)
        return "\(low)-\(low + 9)"
    }

    /// The four digits of a Dutch postcode (PC4), or `nil` when it is not one.
    public static func pc4(_ postcode: String) -> String? {
        Postcode.pc4(postcode)
    }

    /// The ISO 8601 week of a date, `2026-W48`, or `nil` when it is not a date.
    public static func isoWeek(_ text: String) -> String? {
        guard let date = CalendarDate(text) else { return nil }
        let ordinal = dayOfYear(date)
        let weekday = isoWeekday(date)  // 1 = Monday … 7 = Sunday
        var year = date.year
        var week = (ordinal - weekday + 10) / 7
        if week < 1 {
            year -= 1
            week = weeksInYear(year)
        } else if week > weeksInYear(year) {
            year += 1
            week = 1
        }
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    static func dayOfYear(_ date: CalendarDate) -> Int {
        (1..<date.month).reduce(0) { $0 + CalendarDate.days(inMonth: $1, year: date.year) } + date.day
    }

    /// Monday 1 … Sunday 7, by Zeller's congruence for the Gregorian calendar.
    static func isoWeekday(_ date: CalendarDate) -> Int {
        var month = date.month, year = date.year
        if month < 3 {
            month += 12
            year -= 1
        }
        let h = (date.day + (13 * (month + 1)) / 5 + year + year / 4 - year / 100 + year / 400) % 7  // 0 = Saturday
        return ((h + 5) % 7) + 1
    }

    /// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday.
    static func weeksInYear(_ year: Int) -> Int {
        guard let first = CalendarDate("\(year)-01-01") else { return 52 }
        let weekday = isoWeekday(first)
        let leap = CalendarDate.days(inMonth: 2, year: year) == 29
        return weekday == 4 || (leap && weekday == 3) ? 53 : 52
    }
}
