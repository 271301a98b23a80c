//! The time zone picker of a user's profile (the settings' user pages and everyone's
//! own profile): every IANA zone the bundled tz database knows (jiff's), grouped by
//! region, each by its city's name in the user's language (CLDR's exemplar cities,
//! through ICU4X) and its offset from UTC today, so that nobody types `Europe/Athens`.
//! Aliases (`Asia/Calcutta`, `US/Eastern`) are left out: each place once, under its
//! canonical name. A zone a user already has is offered even when it is one of them.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use icu_datetime::NoCalendarFormatter;
use icu_datetime::fieldsets::zone::{ExemplarCity, LocalizedOffsetShort};
use icu_datetime::input::UtcOffset;
use icu_locale_core::Locale;
use icu_time::zone::iana::IanaParserExtended;
use rapport_domain::model::fold;

use super::super::i18n::Tr;

/// The regions of the IANA names, in the order the picker lists them (`UTC` comes
/// first, alone). The message of each is `zone-region-{region}` (lower case).
const REGIONS: [&str; 10] =
    ["Europe", "Asia", "Africa", "America", "Australia", "Pacific", "Atlantic", "Indian", "Antarctica", "Arctic"];

/// One zone of the picker.
#[derive(Debug, Clone)]
pub struct ZoneChoice {
    /// The IANA name, what is stored.
    pub id: String,
    /// The city and the offset, as the user reads them.
    pub label: String,
    pub selected: bool,
    /// `en` for a city CLDR has no name for in the user's language (its English name
    /// is shown), else empty: the page's language.
    pub lang: &'static str,
}

/// A region's zones (an `<optgroup>`).
#[derive(Debug, Clone)]
pub struct ZoneGroup {
    pub label: String,
    pub zones: Vec<ZoneChoice>,
}

/// A canonical zone with its city's name in one language.
struct Named {
    id: String,
    region: &'static str,
    city: String,
}

/// Whether `zone` is a zone the tz database knows (what a saved profile may hold).
pub fn is_known(zone: &str) -> bool {
    jiff::tz::db().get(zone).is_ok()
}

/// The canonical IANA names of every region, and `UTC`: the names jiff's database has
/// that ICU's table gives as their own canonical form.
fn canonical_zones() -> &'static [(String, &'static str)] {
    static ZONES: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
        let parser = IanaParserExtended::new();
        let mut zones: Vec<(String, &'static str)> = jiff::tz::db()
            .available()
            .map(|name| name.to_string())
            .filter_map(|name| {
                let region = REGIONS.iter().find(|r| name.split('/').next() == Some(**r))?;
                let parsed = parser.parse(&name);
                (!parsed.time_zone.is_unknown() && parsed.canonical == name).then_some((name, *region))
            })
            .collect();
        zones.sort();
        zones
    });
    &ZONES
}

/// The city of an IANA name as its last part reads (`Buenos_Aires` → `Buenos Aires`),
/// where CLDR has no name for it.
fn city_of_id(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).replace('_', " ")
}

/// The zones with their cities in `locale`'s language, made once per locale.
fn named(locale: &str) -> Arc<Vec<Named>> {
    static CACHE: LazyLock<Mutex<HashMap<String, Arc<Vec<Named>>>>> = LazyLock::new(Default::default);
    if let Some(found) = CACHE.lock().ok().and_then(|c| c.get(locale).cloned()) {
        return found;
    }
    let icu_locale = Locale::try_from_str(locale).unwrap_or(Locale::UNKNOWN);
    let formatter = NoCalendarFormatter::try_new((&icu_locale).into(), ExemplarCity).ok();
    let parser = IanaParserExtended::new();
    let list: Vec<Named> = canonical_zones()
        .iter()
        .map(|(id, region)| {
            let zone = parser.parse(id).time_zone.without_offset();
            let city = formatter
                .as_ref()
                .map(|f| f.format(&zone).to_string())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| city_of_id(id));
            Named { id: id.clone(), region, city }
        })
        .collect();
    let list = Arc::new(list);
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(locale.to_owned(), list.clone());
    }
    list
}

/// The offset of `zone` from UTC now, in seconds.
fn offset_now(zone: &str) -> i32 {
    jiff::tz::db().get(zone).map_or(0, |tz| tz.to_offset(jiff::Timestamp::now()).seconds())
}

/// An offset as the user's language writes it (`GMT+2`, `غرينتش+٢`).
struct Offsets(Option<NoCalendarFormatter<LocalizedOffsetShort>>);

impl Offsets {
    fn new(locale: &str) -> Offsets {
        let icu_locale = Locale::try_from_str(locale).unwrap_or(Locale::UNKNOWN);
        Offsets(NoCalendarFormatter::try_new((&icu_locale).into(), LocalizedOffsetShort).ok())
    }

    fn text(&self, seconds: i32) -> String {
        let offset = UtcOffset::try_from_seconds(seconds).unwrap_or(UtcOffset::zero());
        self.0.as_ref().map_or_else(|| format!("UTC{seconds:+}"), |f| f.format(&offset).to_string())
    }
}

/// The picker's groups for `tr`'s locale with `current` selected: `UTC` first, then
/// each region's cities in alphabetical order, then (alone) a current zone the list
/// does not hold under that name.
pub fn groups(tr: &Tr, current: &str) -> Vec<ZoneGroup> {
    let offsets = Offsets::new(tr.locale());
    let english = named("en");
    // A city CLDR names in English only is marked as English on other languages'
    // pages (screen readers read it so).
    let other_script = tr.code() != "en";
    let choice = |id: &str, city: &str| ZoneChoice {
        id: id.to_owned(),
        label: format!("{city} ({})", offsets.text(offset_now(id))),
        selected: id == current,
        lang: if other_script && english.iter().any(|n| n.id == id && n.city == city) { "en" } else { "" },
    };
    let utc = ZoneChoice { id: "UTC".into(), label: tr.t("zone-utc"), selected: current == "UTC", lang: "" };
    let mut out = vec![ZoneGroup { label: tr.t("zone-region-utc"), zones: vec![utc] }];
    let list = named(tr.locale());
    for region in REGIONS {
        let mut cities: Vec<&Named> = list.iter().filter(|n| n.region == region).collect();
        cities.sort_by_cached_key(|n| (fold(&n.city), n.id.clone()));
        out.push(ZoneGroup {
            label: tr.t(&format!("zone-region-{}", region.to_lowercase())),
            zones: cities.into_iter().map(|n| choice(&n.id, &n.city)).collect(),
        });
    }
    let listed = out.iter().flat_map(|g| &g.zones).any(|z| z.selected);
    if !listed && !current.is_empty() {
        let mut other = choice(current, &city_of_id(current));
        other.lang = "";
        out.push(ZoneGroup { label: tr.t("zone-region-other"), zones: vec![other] });
    }
    out
}

/// Field messages with the one about the time zone saying what is wrong in words a
/// user acts on (the generic "not one of the options" does not say which list).
pub fn explained(tr: &Tr, mut messages: Vec<(String, String)>) -> Vec<(String, String)> {
    for (field, message) in &mut messages {
        if field == "time_zone" {
            *message = tr.t("zone-unknown");
        }
    }
    messages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(groups: &[ZoneGroup], id: &str) -> String {
        groups.iter().flat_map(|g| &g.zones).find(|z| z.id == id).map(|z| z.label.clone()).unwrap_or_default()
    }

    #[test]
    fn cities_are_named_in_the_users_language_once_each() {
        let greek = groups(&Tr::new("el"), "Europe/Athens");
        assert!(label(&greek, "Europe/Athens").starts_with("Αθήνα"), "{}", label(&greek, "Europe/Athens"));
        let selected: Vec<&ZoneChoice> = greek.iter().flat_map(|g| &g.zones).filter(|z| z.selected).collect();
        assert_eq!(selected.len(), 1);
        let arabic = groups(&Tr::new("ar"), "Asia/Riyadh");
        assert!(!label(&arabic, "Asia/Riyadh").is_ascii(), "{}", label(&arabic, "Asia/Riyadh"));
        let english = groups(&Tr::new("en"), "UTC");
        assert_eq!(label(&english, "Europe/Budapest").split(' ').next(), Some("Budapest"));
        // Aliases are not offered beside their zone.
        assert!(label(&english, "Asia/Calcutta").is_empty());
        assert!(!label(&english, "Asia/Kolkata").is_empty());
        assert!(label(&english, "US/Eastern").is_empty());
    }

    #[test]
    fn a_zone_the_list_lacks_is_still_offered_when_it_is_the_users() {
        let english = groups(&Tr::new("en"), "US/Eastern");
        assert!(label(&english, "US/Eastern").starts_with("Eastern"));
        assert!(is_known("US/Eastern"));
        assert!(!is_known("Mars/Olympus_Mons"));
    }
}
