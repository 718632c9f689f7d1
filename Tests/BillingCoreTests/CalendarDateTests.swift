import BillingCore
import Testing

@Suite struct CalendarDateTests {
    @Test func parsesStrictISO() {
        #expect(CalendarDate(iso: "2024-02-29")?.day == 29)
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024/01/01", "2024-01-01T00:00", "", "abcd-ef-gh"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad) must be refused")
        }
    }

    @Test func parsesUSDates() {
        #expect(CalendarDate(us: "3/7/1980") == CalendarDate(year: 1980, month: 3, day: 7))
        #expect(CalendarDate(us: "03/07/1980") == CalendarDate(year: 1980, month: 3, day: 7))
        #expect(CalendarDate(us: "13/07/1980") == nil)
        #expect(CalendarDate(us: "1980-03-07") == nil)
    }

    @Test func dayNumbersRoundTripAcrossCenturies() {
        var date = CalendarDate(year: 1900, month: 1, day: 1)!
        var previous = date.dayNumber - 1
        while date.year < 2101 {
            #expect(date.dayNumber == previous + 1)
            #expect(CalendarDate(dayNumber: date.dayNumber) == date)
            previous = date.dayNumber
            date = date.adding(days: 1)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    }

    @Test func addingMonthsClampsToMonthEnd() {
        let jan31 = CalendarDate(year: 2024, month: 1, day: 31)!
        #expect(jan31.adding(months: 1) == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(year: 2025, month: 1, day: 31)!.adding(months: 1) == CalendarDate(year: 2025, month: 2, day: 28))
        #expect(jan31.adding(months: 12) == CalendarDate(year: 2025, month: 1, day: 31))
        #expect(CalendarDate(year: 2025, month: 3, day: 15)!.adding(months: -3) == CalendarDate(year: 2024, month: 12, day: 15))
    }

    @Test func weekdays() {
        #expect(CalendarDate(year: 2026, month: 11, day: 22)!.weekday == 0)  // a Sunday
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.weekday == 4)  // a Thursday
    }
}
