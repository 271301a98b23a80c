//! When the demo's things happen: on its users' working days, in office hours of
//! their own time zones, as a sales team's diary would have them. Meetings start on
//! the quarter hour and end by closing time, calls are made at any minute of the
//! working day and only in the past, tasks fall due on the quarter hour, and deals
//! close on working days.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use rand::Rng;
use rand::rngs::StdRng;
use time::OffsetDateTime;

/// The working day: from half past eight to six.
pub const OPENS: (i8, i8) = (8, 30);
pub const CLOSES: (i8, i8) = (18, 0);

/// Minutes in a quarter hour: meetings and due times fall on these.
const SLOT: i64 = 15;

/// Where and when a demo user works: their time zone and the two days of its weekend.
#[derive(Debug, Clone)]
pub struct Office {
    zone: TimeZone,
    weekend: [Weekday; 2],
}

/// The weekend where `zone` is: Friday and Saturday in Saudi Arabia, Egypt and the
/// Gulf states that keep it, Saturday and Sunday elsewhere (the Emirates moved to it
/// in 2022).
pub fn weekend_in(zone: &str) -> [Weekday; 2] {
    const FRIDAY_SATURDAY: &[&str] =
        &["Asia/Riyadh", "Africa/Cairo", "Asia/Kuwait", "Asia/Qatar", "Asia/Bahrain", "Asia/Muscat", "Asia/Amman"];
    if FRIDAY_SATURDAY.contains(&zone) {
        [Weekday::Friday, Weekday::Saturday]
    } else {
        [Weekday::Saturday, Weekday::Sunday]
    }
}

impl Office {
    /// The office of a user in `zone` (an IANA name; UTC when it is not one).
    pub fn new(zone: &str) -> Office {
        Office { zone: TimeZone::get(zone).unwrap_or(TimeZone::UTC), weekend: weekend_in(zone) }
    }

    fn works_on(&self, day: Date) -> bool {
        !self.weekend.contains(&day.weekday())
    }

    /// The working day `days` from today (the next one when that day is a weekend).
    pub fn working_day(&self, now: OffsetDateTime, days: i64) -> Date {
        let today = self.local(now).map_or(Date::ZERO, |(day, _)| day);
        let mut day = today.checked_add(jiff::Span::new().days(days)).unwrap_or(today);
        while !self.works_on(day) {
            day = day.tomorrow().unwrap_or(day);
        }
        day
    }

    /// `now` on this office's calendar and clock.
    fn local(&self, now: OffsetDateTime) -> Option<(Date, Time)> {
        let at =
            jiff::Timestamp::from_nanosecond(now.unix_timestamp_nanos()).ok()?.to_zoned_datetime(self.zone.clone());
        Some((at.date(), at.time()))
    }

    /// The instant `minutes` after opening time on `day`, in this office's zone.
    fn at(&self, day: Date, minutes: i64) -> OffsetDateTime {
        let opens = day.at(OPENS.0, OPENS.1, 0, 0);
        let local = opens.checked_add(jiff::Span::new().minutes(minutes)).unwrap_or(opens);
        local
            .to_zoned_datetime(self.zone.clone())
            .ok()
            .and_then(|z| OffsetDateTime::from_unix_timestamp_nanos(z.timestamp().as_nanosecond()).ok())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// A meeting on the working day `days` from today: it starts on a quarter hour and
    /// ends by closing time. Answers its start and end.
    pub fn meeting(&self, rng: &mut StdRng, now: OffsetDateTime, days: i64) -> (OffsetDateTime, OffsetDateTime) {
        let day = self.working_day(now, days);
        let length = *[30, 45, 60, 60, 60, 90].get(rng.random_range(0..6)).unwrap_or(&60);
        let last_start = (working_minutes() - length) / SLOT;
        let start = rng.random_range(0..=last_start) * SLOT;
        (self.at(day, start), self.at(day, start + length))
    }

    /// A call made on the working day `days` before today (or today, earlier than
    /// `now`), at any minute of office hours: calls are logged once they are made.
    pub fn call(&self, rng: &mut StdRng, now: OffsetDateTime, days_ago: i64) -> OffsetDateTime {
        let minutes = rng.random_range(0..working_minutes() - SLOT);
        let mut days = -days_ago.abs();
        loop {
            let at = self.at(self.working_day(now, days), minutes);
            // Moving back a week keeps the weekday, so it stays a working day.
            if at <= now || days < -3650 {
                return at;
            }
            days -= 7;
        }
    }

    /// When a task is due: a quarter hour of the working day `days` from today.
    pub fn due(&self, rng: &mut StdRng, now: OffsetDateTime, days: i64) -> OffsetDateTime {
        let day = self.working_day(now, days);
        self.at(day, rng.random_range(0..=working_minutes() / SLOT) * SLOT)
    }

    /// A working day `days` from today, as a date value (a deal's close date).
    pub fn date(&self, now: OffsetDateTime, days: i64) -> time::Date {
        let day = self.working_day(now, days);
        let month = time::Month::try_from(day.month().unsigned_abs()).unwrap_or(time::Month::January);
        time::Date::from_calendar_date(i32::from(day.year()), month, day.day().unsigned_abs()).unwrap_or(now.date())
    }
}

/// Minutes from opening to closing time.
fn working_minutes() -> i64 {
    i64::from(CLOSES.0 - OPENS.0) * 60 + i64::from(CLOSES.1 - OPENS.1)
}
