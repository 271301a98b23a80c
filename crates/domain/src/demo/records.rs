//! One record's input from a country's data: people, companies and leads, with
//! their names, addresses, phones and amounts. The benchmark seed makes its people
//! and companies with these too.

use std::ops::Range;

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use super::{City, CompanyNames, Country, LocaleData, Street, StreetStyle, en, pick};

/// Select options (keys): the interface shows them in the reader's language.
pub(super) const SOURCES: &[&str] =
    &["website", "referral", "event", "cold_call", "campaign", "partner", "social", "other"];
const HOBBIES: &[&str] = &["sport", "music", "travel", "reading", "cooking", "art", "technology", "gardening"];

pub(crate) fn obj(v: Json) -> Map<String, Json> {
    match v {
        Json::Object(m) => m,
        _ => Map::new(),
    }
}

/// A word in ASCII letters and digits, for scripts that accents aside are Latin
/// already (Kovács → kovacs).
pub(super) fn ascii(s: &str) -> String {
    let latin: String = rapport_model::fold(s).chars().filter(char::is_ascii_alphanumeric).collect();
    if latin.is_empty() { "contact".into() } else { latin }
}

/// A random position in a list of `len`, or `None` for an empty one.
fn index(rng: &mut StdRng, len: usize) -> Option<usize> {
    (len > 0).then(|| rng.random_range(0..len))
}

/// A word of `base`, or its feminine form in `feminine` when there is one.
fn gendered(rng: &mut StdRng, base: &[&'static str], feminine: &[&'static str], female: bool) -> &'static str {
    let Some(i) = index(rng, base.len()) else { return "" };
    let word = if female { feminine.get(i) } else { None };
    word.or(base.get(i)).copied().unwrap_or("")
}

/// The index of a part drawn with the given weights.
fn weighted(rng: &mut StdRng, weights: &[u32]) -> usize {
    let mut draw = rng.random_range(0..weights.iter().sum::<u32>().max(1));
    for (i, weight) in weights.iter().enumerate() {
        if draw < *weight {
            return i;
        }
        draw -= weight;
    }
    0
}

/// A customer's country in the locale's proportions.
pub(super) fn country(rng: &mut StdRng, data: &'static LocaleData) -> &'static Country {
    let i = weighted(rng, data.weights);
    data.countries.get(i).unwrap_or(&super::el::GREECE)
}

/// An index into `COUNTRIES` in the benchmark seed's proportions: mostly Greek and
/// Hungarian customers, as in the requirement documents.
pub(crate) fn pick_country(rng: &mut StdRng) -> usize {
    weighted(rng, en::SEED_WEIGHTS)
}

/// An amount drawn from `range` (in euro's worth) in `currency`, to three
/// significant digits, as estimates and revenues are written (`48 700`, not `48 713`).
pub(super) fn money(rng: &mut StdRng, range: Range<u64>, currency: &str) -> Json {
    money_of(round_figure(rng.random_range(range)), currency)
}

/// `euros`' worth in `currency`.
fn money_of(euros: u64, currency: &str) -> Json {
    // Roughly what a euro buys, so that forint and riyal amounts look like real ones.
    let per_euro = match currency {
        "HUF" => 400,
        "EGP" => 50,
        "SAR" | "AED" => 4,
        _ => 1,
    };
    json!({"amount": format!("{}.00", euros * per_euro), "currency": currency})
}

/// `n` to three significant digits.
fn round_figure(n: u64) -> u64 {
    let mut unit = 1;
    while n / unit >= 1000 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

/// A mobile number of the country, or with `city` a landline there (its area code),
/// that libphonenumber accepts as the country's: numbering plans have gaps, so a
/// random number is drawn again until it is valid. Written as people write it from
/// abroad (`+30 698 197 1008`); validation stores it as E.164.
pub(crate) fn phone(rng: &mut StdRng, country: &Country, city: Option<&City>) -> String {
    let (prefixes, digits) = city.map_or(country.mobiles, |c| c.area);
    let mut last = String::new();
    for _ in 0..50 {
        let prefix = prefixes.choose(rng).copied().unwrap_or("");
        // Subscriber numbers do not start with 0 or 1 (those lead to trunk and
        // service codes in most plans).
        let first = char::from(b'0' + rng.random_range(2..10u8));
        let rest: String = (prefix.len() + 1..digits).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
        let number = format!("+{}{prefix}{first}{rest}", country.calling_code);
        if rapport_model::contact::phone_country(&number).as_deref() == Some(country.code) {
            return rapport_model::contact::display_phone(&number, "").unwrap_or(number);
        }
        last = number;
    }
    last
}

/// An address in one of the country's cities, written as the country writes it;
/// answers the city too, for a landline there.
fn address(rng: &mut StdRng, country: &'static Country) -> (Map<String, Json>, Option<&'static City>) {
    let Some(city) = country.cities.choose(rng) else { return (Map::new(), None) };
    let Some(street) = city.streets.choose(rng) else { return (Map::new(), Some(city)) };
    let line = street_line(rng, country.streets, street);
    let mut address = obj(json!({"street": line, "city": city.name, "country": country.code}));
    if !street.postcode.is_empty() {
        address.insert("postcode".into(), json!(street.postcode));
    }
    (address, Some(city))
}

/// The street line of an address on `street`, with a house or building number.
fn street_line(rng: &mut StdRng, style: StreetStyle, street: &Street) -> String {
    // Only the Arabic-speaking countries' addresses name a district here, after an
    // Arabic comma.
    let district = |line: String| {
        if street.district.is_empty() { line } else { format!("{line}، {}", street.district) }
    };
    match style {
        StreetStyle::NameNumber => format!("{} {}", street.name, rng.random_range(1..160)),
        StreetStyle::NameNumberPeriod => format!("{} {}.", street.name, rng.random_range(1..120)),
        StreetStyle::NumberName => district(format!("{} {}", rng.random_range(1..220), street.name)),
        StreetStyle::Saudi => district(format!("{} {}", rng.random_range(2000..9000), street.name)),
        StreetStyle::Emirati => district(format!("مبنى {}، {}", rng.random_range(1..90), street.name)),
    }
}

/// An email's local part the way people of the country write theirs: `g.papadopoulos`,
/// `giorgos.papadopoulos`, or family name first (`kovacs.anna`).
fn local_part(rng: &mut StdRng, country: &Country, first: &str, last: &str) -> String {
    let (first, last) = ((country.latin)(first), (country.latin)(last));
    if country.family_first {
        return format!("{last}.{first}");
    }
    match rng.random_range(0..2) {
        0 => format!("{}.{last}", first.chars().next().unwrap_or('x')),
        _ => format!("{first}.{last}"),
    }
}

pub(crate) fn person_input(
    rng: &mut StdRng,
    country: &'static Country,
    company: Option<(Uuid, &str)>,
) -> Map<String, Json> {
    let female = rng.random_bool(0.5);
    let first = pick(rng, if female { country.female } else { country.male });
    let last = gendered(rng, country.last, country.last_female, female);
    let local = local_part(rng, country, first, last);
    // Free-mail addresses are crowded, so people add digits to theirs.
    let email = match company {
        Some((_, domain)) => format!("{local}@{domain}"),
        None => format!("{local}{}@mail.{}", rng.random_range(1..999), country.domain),
    };
    let (address, city) = address(rng, country);
    // Everyone has a mobile; some give a landline at work too, in their town.
    let mut phones = vec![json!({"value": phone(rng, country, None), "label": "mobile"})];
    if rng.random_bool(0.3) && city.is_some() {
        phones.push(json!({"value": phone(rng, country, city), "label": "work"}));
    }
    let mut p = json!({
        "name": {"first": first, "last": last},
        "title": gendered(rng, country.titles, country.titles_female, female),
        "emails": [{"value": email, "label": "work"}],
        "phones": phones,
        "address": address,
        "lead_source": pick(rng, SOURCES),
        "preferred_contact_method": pick(rng, &["email", "phone", "whatsapp", "visit"]),
        "hobbies": [pick(rng, HOBBIES), pick(rng, HOBBIES)],
        "gender": if female { "female" } else { "male" },
    });
    if rng.random_bool(0.6) {
        let (y, d) = (rng.random_range(1950..2002), rng.random_range(1..28));
        p["birthday"] = json!(format!("{y}-{:02}-{d:02}", rng.random_range(1..13)));
    }
    if let Some((id, _)) = company {
        p["company"] = json!(id.to_string());
    }
    obj(p)
}

/// A company of the country: the next of its names (see [`CompanyNames`]), with
/// the industry its line of business is in, a size and revenue that go together, and
/// a switchboard number in the town of its address. Answers its web domain and its
/// name without the legal form too (what its deals are called after).
pub(crate) fn company_input(
    rng: &mut StdRng,
    country: &'static Country,
    names: &mut CompanyNames,
) -> (Map<String, Json>, String, String) {
    let named = names.next(country);
    let domain = format!("{}.{}", named.domain, country.domain);
    let (address, city) = address(rng, country);
    let employees = employees(rng);
    // Revenue per employee: from 60 to 220 thousand euros a year.
    let revenue = round_figure(employees * rng.random_range(60_000..220_000));
    let input = obj(json!({
        "name": named.name,
        "domain": domain,
        "industry": named.industry,
        "employees": employees,
        "annual_revenue": money_of(revenue, country.currency),
        "phones": [phone(rng, country, city)],
        "emails": [format!("info@{domain}")],
        "address": address,
        "lead_source": pick(rng, SOURCES),
    }));
    (input, domain, named.short)
}

/// How many work at a customer: mostly small firms, some medium, a few large.
fn employees(rng: &mut StdRng) -> u64 {
    let bands: [(u64, u64); 5] = [(2, 10), (10, 50), (50, 250), (250, 1000), (1000, 5000)];
    let (low, high) = bands[weighted(rng, &[30, 35, 20, 10, 5])];
    rng.random_range(low..high)
}

pub(super) fn lead_input(rng: &mut StdRng, data: &'static LocaleData, names: &mut CompanyNames) -> Map<String, Json> {
    let country = country(rng, data);
    let p = person_input(rng, country, None);
    // A prospect's own number: a mobile, or the landline of its town.
    let city = p.get("address").and_then(|a| a.get("city")).and_then(Json::as_str);
    let city = country.cities.iter().find(|c| Some(c.name) == city);
    let phone = if rng.random_bool(0.6) { phone(rng, country, None) } else { phone(rng, country, city) };
    let currency = pick(rng, data.currencies);
    obj(json!({
        "name": p.get("name"),
        "company_name": names.next(country).name,
        "email": p.get("emails").and_then(|e| e.get(0)).and_then(|e| e.get("value")),
        "phone": phone,
        "address": p.get("address"),
        "status": pick(rng, &["new", "contacted", "qualified", "unqualified"]),
        "source": pick(rng, SOURCES),
        "score": rng.random_range(0..101),
        "estimated_value": money(rng, 1_000..250_000, currency),
    }))
}
