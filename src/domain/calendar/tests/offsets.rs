//! The offset table gives the same real instants as asking `chrono-tz`, in
//! every compiled-in zone, across clock changes and outside the table's years.

use chrono::{Days, NaiveDate};
use chrono_tz::{America, Asia, Australia, Europe, Pacific, Tz};

use super::super::LocalTime;
use super::super::offsets::OffsetTable;
use super::super::zone::{local_date, local_instant};

const TIMES: [(u16, u16); 7] = [(0, 0), (0, 30), (1, 0), (1, 30), (2, 0), (3, 0), (23, 59)];

fn check_day(zone: Tz, table: &OffsetTable, date: NaiveDate, hint: &mut usize) {
    let day = (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
    for (hour, minute) in TIMES {
        let time = LocalTime::from_hm(hour, minute).unwrap();
        let expected = local_instant(zone, date, time);
        let local = day * 86_400 + i64::from(time.minutes()) * 60;
        assert_eq!(table.to_utc(local, hint), expected.timestamp(), "{zone} {date} {time}");
        let mut fresh = 0;
        assert_eq!(table.to_utc(local, &mut fresh), expected.timestamp(), "{zone} {date} {time} without a hint");
        let shown = local_date(zone, expected);
        let shown_day = (shown - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
        assert_eq!(table.local_day(expected.timestamp()), shown_day, "{zone} {date} {time}");
    }
}

#[test]
fn zones_of_both_hemispheres_convert_local_times_as_chrono_tz_does() {
    // Dublin's winter time is its negative daylight saving; Kolkata and Tokyo never change.
    let zones = [
        chrono_tz::UTC,
        Europe::London,
        Europe::Dublin,
        Europe::Berlin,
        America::New_York,
        America::Sao_Paulo,
        Australia::Sydney,
        Pacific::Auckland,
        Asia::Kolkata,
        Asia::Tokyo,
    ];
    for zone in zones {
        let table = OffsetTable::of(zone);
        let mut hint = 0;
        let mut date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        while date < NaiveDate::from_ymd_opt(2028, 1, 1).unwrap() {
            check_day(zone, &table, date, &mut hint);
            date = date + Days::new(1);
        }
    }
}

#[test]
fn local_times_outside_the_table_are_read_from_the_zone_data() {
    for zone in [chrono_tz::Europe::London, chrono_tz::America::New_York, chrono_tz::Australia::Sydney] {
        let table = OffsetTable::of(zone);
        let mut hint = 0;
        for year in [1850, 1969, 2100, 2101, 2300] {
            for month in [1, 3, 4, 10, 11] {
                let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
                for offset in 0..31 {
                    check_day(zone, &table, first + Days::new(offset), &mut hint);
                }
            }
        }
    }
}
