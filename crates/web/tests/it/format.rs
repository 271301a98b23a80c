//! Values as each language writes them (CLDR through ICU4X): numbers, money, dates,
//! times, the first day of the week, name order and addresses. Hungarian groups
//! thousands only from five digits on (CLDR's minimum grouping), and Greek and Arabic
//! read the clock in twelve hours, as their CLDR data says.

use jiff::civil::{Weekday, date};
use rapport_model::{Address, FullName};
use rapport_web::ui::format::Format;
use rust_decimal::Decimal;
use time::macros::datetime;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn formats() -> [(&'static str, Format); 5] {
    ["en", "el", "hu", "ar", "ar-u-nu-latn"].map(|code| (code, Format::new(code, "Europe/Athens")))
}

/// Each language's answer, in the order of `formats()`.
fn each(expected: [&str; 5], shown: impl Fn(&Format) -> String) {
    for ((code, format), want) in formats().iter().zip(expected) {
        assert_eq!(shown(format), want, "{code}");
    }
}

#[test]
fn numbers_group_and_mark_decimals_as_each_language_does() {
    each(["1,234,567.5", "1.234.567,5", "1\u{a0}234\u{a0}567,5", "١٬٢٣٤٬٥٦٧٫٥", "1,234,567.5"], |f| {
        f.number(dec("1234567.5"))
    });
    each(["12,345", "12.345", "12\u{a0}345", "١٢٬٣٤٥", "12,345"], |f| f.number(dec("12345")));
    each(["1,234", "1.234", "1234", "١٬٢٣٤", "1,234"], |f| f.number(dec("1234")));
    each(["-1,234.5", "-1.234,5", "-1234,5", "\u{61c}-١٬٢٣٤٫٥", "\u{200e}-1,234.5"], |f| {
        f.number(dec("-1234.5"))
    });
    each(["12.5%", "12,5%", "12,5%", "١٢٫٥٪", "12.5%"], |f| f.percent(dec("12.5000")));
}

#[test]
fn money_has_the_currency_decimals_and_the_language_symbol_place() {
    each(
        ["€1,234.50", "1.234,50\u{a0}€", "1234,50\u{a0}€", "١٬٢٣٤٫٥٠\u{a0}€", "1,234.50\u{a0}€"],
        |f| f.money(dec("1234.5"), "EUR"),
    );
    each(
        [
            "HUF\u{a0}123,456.78",
            "123.456,78\u{a0}HUF",
            "123\u{a0}456,78\u{a0}Ft",
            "١٢٣٬٤٥٦٫٧٨\u{a0}HUF",
            "123,456.78\u{a0}HUF",
        ],
        |f| f.money(dec("123456.78"), "HUF"),
    );
    each(
        [
            "SAR\u{a0}1,234.56",
            "1.234,56\u{a0}SAR",
            "1234,56\u{a0}SAR",
            "١٬٢٣٤٫٥٦\u{a0}ر.س.\u{200f}",
            "1,234.56\u{a0}ر.س.\u{200f}",
        ],
        |f| f.money(dec("1234.56"), "SAR"),
    );
    // A refund; the yen has no minor unit; the Kuwaiti dinar has three.
    each(
        ["-$99.90", "-99,90\u{a0}$", "-99,90\u{a0}USD", "\u{61c}-٩٩٫٩٠\u{a0}US$", "\u{200e}-99.90\u{a0}US$"],
        |f| f.money(dec("-99.9"), "USD"),
    );
    each(["JPY\u{a0}1,235", "1.235\u{a0}JPY", "1235\u{a0}JPY", "١٬٢٣٥\u{a0}JPY", "1,235\u{a0}JPY"], |f| {
        f.money(dec("1234.5"), "JPY")
    });
    assert_eq!(Format::new("en", "UTC").money(dec("1.2345"), "KWD"), "KWD\u{a0}1.235");
}

#[test]
fn currencies_written_whole_show_no_decimals_unless_the_amount_has_some() {
    // The forint is written whole (CLDR: no cash digits): no ",00" after 12 500 Ft.
    each(
        ["HUF\u{a0}12,500", "12.500\u{a0}HUF", "12\u{a0}500\u{a0}Ft", "١٢٬٥٠٠\u{a0}HUF", "12,500\u{a0}HUF"],
        |f| f.money(dec("12500.00"), "HUF"),
    );
    each(["HUF\u{a0}0", "0\u{a0}HUF", "0\u{a0}Ft", "٠\u{a0}HUF", "0\u{a0}HUF"], |f| f.money(dec("0.00"), "HUF"));
    let hu = Format::new("hu", "Europe/Budapest");
    for (amount, currency, shown) in [
        ("4920000.00", "HUF", "4\u{a0}920\u{a0}000\u{a0}Ft"),
        ("-1500", "HUF", "-1500\u{a0}Ft"),
        // A fraction that was stored is never hidden.
        ("12500.5", "HUF", "12\u{a0}500,50\u{a0}Ft"),
        // The Czech and Swedish crowns too; the euro keeps its cents, the yen has none.
        ("2500.00", "CZK", "2500\u{a0}CZK"),
        ("2500.00", "SEK", "2500\u{a0}SEK"),
        ("2500.00", "EUR", "2500,00\u{a0}€"),
        ("2500", "JPY", "2500\u{a0}JPY"),
        ("2500.000", "KWD", "2500,000\u{a0}KWD"),
    ] {
        assert_eq!(hu.money(dec(amount), currency), shown, "{amount} {currency}");
    }
}

#[test]
fn phones_are_grouped_as_their_country_writes_them_national_at_home() {
    // The installation's region says which numbers are at home; the language does not.
    let greek_office = Format::new("en", "Europe/Athens").with_phone_region("GR");
    assert_eq!(greek_office.phone("+306981971008"), "698 197 1008");
    assert_eq!(greek_office.phone("+3614837539"), "+36 1 483 7539");
    assert_eq!(greek_office.phone("+442079460018"), "+44 20 7946 0018");
    let london_office = Format::new("el", "Europe/London").with_phone_region("gb");
    assert_eq!(london_office.phone("+306981971008"), "+30 698 197 1008");
    assert_eq!(london_office.phone("+442079460018"), "020 7946 0018");
    // Without a region, the language's country is home.
    assert_eq!(Format::new("hu", "Europe/Budapest").phone("+3614837539"), "(06 1) 483 7539");
    assert_eq!(Format::new("ar", "Asia/Riyadh").phone("+966501234567"), "050 123 4567");
    assert_eq!(Format::new("ar", "Asia/Riyadh").with_phone_region("").phone("+97142345678"), "+971 4 234 5678");
    // What libphonenumber cannot place is shown as it was stored.
    assert_eq!(greek_office.phone("extension 12"), "extension 12");
}

#[test]
fn dates_and_times_in_the_language_and_the_users_zone() {
    // 12:05 UTC is 14:05 in Athens.
    let t = datetime!(2026-03-05 12:05 UTC);
    each(
        [
            "5 Mar 2026, 14:05",
            "5 Μαρ 2026, 2:05\u{202f}μ.μ.",
            "2026. márc. 5. 14:05",
            "٠٥\u{200f}/٠٣\u{200f}/٢٠٢٦، ٢:٠٥ م",
            "05\u{200f}/03\u{200f}/2026، 2:05 م",
        ],
        |f| f.datetime(t),
    );
    each(["14:05", "2:05\u{202f}μ.μ.", "14:05", "٢:٠٥ م", "2:05 م"], |f| f.time(t));
    let day = date(2026, 3, 5);
    each(
        [
            "Thursday, 5 March 2026",
            "Πέμπτη 5 Μαρτίου 2026",
            "2026. március 5., csütörtök",
            "الخميس، ٥ مارس ٢٠٢٦",
            "الخميس، 5 مارس 2026",
        ],
        |f| f.long_day(day),
    );
    // A month on its own is named in the nominative (Μάρτιος), within a date in the
    // genitive (Μαρτίου).
    each(["March 2026", "Μάρτιος 2026", "2026. március", "مارس ٢٠٢٦", "مارس 2026"], |f| {
        f.month_title(day)
    });
    each(["Monday", "Δευτέρα", "hétfő", "الاثنين", "الاثنين"], |f| f.weekday(Weekday::Monday));
    each(["Thu", "Πέμ", "Cs", "الخميس", "الخميس"], |f| f.weekday_short(Weekday::Thursday));
    let date_value = time::macros::date!(2026 - 11 - 26);
    each(
        ["26 Nov 2026", "26 Νοε 2026", "2026. nov. 26.", "٢٦\u{200f}/١١\u{200f}/٢٠٢٦", "26\u{200f}/11\u{200f}/2026"],
        |f| f.date(date_value),
    );
}

#[test]
fn weeks_start_where_the_language_is_spoken() {
    each(["Monday", "Monday", "Monday", "Sunday", "Sunday"], |f| format!("{:?}", f.first_weekday()));
}

#[test]
fn hungarian_names_put_the_family_name_first() {
    let name = FullName { first: Some("Anna".into()), last: Some("Kovács".into()) };
    each(["Anna Kovács", "Anna Kovács", "Kovács Anna", "Anna Kovács", "Anna Kovács"], |f| f.name(&name));
    let only_family = FullName { first: None, last: Some("Nagy".into()) };
    assert_eq!(Format::new("hu", "UTC").name(&only_family), "Nagy");
}

fn address(street: &str, postcode: &str, city: &str, region: Option<&str>, country: &str) -> Address {
    Address {
        street: Some(street.into()),
        postcode: Some(postcode.into()),
        city: Some(city.into()),
        region: region.map(Into::into),
        country: Some(country.into()),
    }
}

#[test]
fn addresses_follow_their_countrys_order_and_name_only_a_foreign_country() {
    let athens = address("Ερμού 10", "105 63", "Αθήνα", None, "GR");
    let budapest = address("Váci utca 12.", "1052", "Budapest", None, "HU");
    let riyadh = address("طريق الملك فهد", "12214", "الرياض", None, "SA");
    let boston = address("1 Main St", "02110", "Boston", Some("MA"), "US");
    each(
        [
            "Ερμού 10, 105 63 Αθήνα, GR",
            "Ερμού 10, 105 63 Αθήνα",
            "Ερμού 10, 105 63 Αθήνα, GR",
            "Ερμού 10، 105 63 Αθήνα، GR",
            "Ερμού 10، 105 63 Αθήνα، GR",
        ],
        |f| f.address(&athens),
    );
    each(
        [
            "Budapest, Váci utca 12., 1052, HU",
            "Budapest, Váci utca 12., 1052, HU",
            "Budapest, Váci utca 12., 1052",
            "Budapest، Váci utca 12.، 1052، HU",
            "Budapest، Váci utca 12.، 1052، HU",
        ],
        |f| f.address(&budapest),
    );
    assert_eq!(Format::new("ar", "UTC").address(&riyadh), "طريق الملك فهد، الرياض 12214");
    assert_eq!(Format::new("en", "UTC").address(&boston), "1 Main St, Boston, MA 02110, US");
}
