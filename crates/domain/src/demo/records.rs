//! One record's input from a country's data: people, companies and leads, with
//! their names, addresses, phones and amounts. The benchmark seed makes its people
//! and companies with these too.

use std::ops::Range;

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde_json::{Map, Value as Json, json};
use uuid::Uuid;

use super::{City, Country, LocaleData, en, pick};

/// Select options (keys): the interface shows them in the reader's language.
pub(super) const SOURCES: &[&str] =
    &["website", "referral", "event", "cold_call", "campaign", "partner", "social", "other"];
const INDUSTRIES: &[&str] =
    &["retail", "wholesale", "manufacturing", "services", "technology", "hospitality", "construction", "health"];
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

/// An index into `COUNTRIES` in the international mix's proportions: mostly Greek
/// and Hungarian customers, as in the requirement documents.
pub(crate) fn pick_country(rng: &mut StdRng) -> usize {
    weighted(rng, en::LOCALE.weights)
}

/// An amount drawn from `range` (in euro's worth) in `currency`.
pub(super) fn money(rng: &mut StdRng, range: Range<u64>, currency: &str) -> Json {
    // Roughly what a euro buys, so that forint and riyal amounts look like real ones.
    let per_euro = match currency {
        "HUF" => 400,
        "EGP" => 50,
        "SAR" | "AED" => 4,
        _ => 1,
    };
    json!({"amount": format!("{}.00", rng.random_range(range) * per_euro), "currency": currency})
}

/// A phone number of the country that libphonenumber accepts (numbering plans have
/// gaps, so a random number is drawn again until it is valid).
pub(crate) fn phone(rng: &mut StdRng, country: &Country) -> String {
    let mut last = String::new();
    for _ in 0..50 {
        let (prefix, digits) = country.phones.choose(rng).copied().unwrap_or(("", 9));
        let rest: String = (prefix.len()..digits).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
        last = format!("+{} {prefix} {rest}", country.calling_code);
        if rapport_model::contact::normalize_phone(&last, country.code).is_ok() {
            break;
        }
    }
    last
}

fn address(rng: &mut StdRng, country: &Country) -> Map<String, Json> {
    let Some(city) = country.cities.choose(rng) else { return Map::new() };
    let street = city.streets.choose(rng).copied().unwrap_or(city.name);
    let number = rng.random_range(1..200);
    let street = if country.house_number_first { format!("{number} {street}") } else { format!("{street} {number}") };
    let mut address = obj(json!({"street": street, "city": city.name, "country": country.code}));
    if let Some(postcode) = city.postcode(rng) {
        address.insert("postcode".into(), json!(postcode));
    }
    address
}

impl City {
    fn postcode(&self, rng: &mut StdRng) -> Option<&'static str> {
        self.postcodes.choose(rng).copied()
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

pub(crate) fn person_input(rng: &mut StdRng, country: &Country, company: Option<(Uuid, &str)>) -> Map<String, Json> {
    let female = rng.random_bool(0.5);
    let first = pick(rng, if female { country.female } else { country.male });
    let last = gendered(rng, country.last, country.last_female, female);
    let local = local_part(rng, country, first, last);
    // Free-mail addresses are crowded, so people add digits to theirs.
    let email = match company {
        Some((_, domain)) => format!("{local}@{domain}"),
        None => format!("{local}{}@mail.{}", rng.random_range(1..999), country.domain),
    };
    let mut p = json!({
        "name": {"first": first, "last": last},
        "title": gendered(rng, country.titles, country.titles_female, female),
        "emails": [{"value": email, "label": "work"}],
        "phones": [{"value": phone(rng, country), "label": "mobile"}],
        "address": address(rng, country),
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

/// The `n`th company name of the country (`Ερμής Εμπορική Α.Ε.`) and its web domain.
/// Each round through the words shifts the sectors by one, so neighbours differ in
/// both and a name repeats only after every pair was used; the domain then gets a
/// number to stay apart.
fn company_name(rng: &mut StdRng, country: &Country, n: usize) -> (String, String) {
    let (words, sectors) = (country.company_words.len().max(1), country.sectors.len().max(1));
    let word = country.company_words.get(n % words).copied().unwrap_or("Acme");
    let sector = country.sectors.get((n % words + n / words) % sectors).copied().unwrap_or("");
    let form = country.legal_forms.choose(rng).copied().unwrap_or("{}");
    let name = form.replace("{}", format!("{word} {sector}").trim());
    let round = n / (words * sectors);
    let number = if round > 0 { (round + 1).to_string() } else { String::new() };
    let latin = country.latin;
    let domain = format!("{}-{}{number}.{}", latin(word), latin(sector), country.domain);
    (name, domain)
}

pub(crate) fn company_input(rng: &mut StdRng, country: &Country, n: usize) -> (Map<String, Json>, String) {
    let (name, domain) = company_name(rng, country, n);
    let input = obj(json!({
        "name": name,
        "domain": domain,
        "industry": pick(rng, INDUSTRIES),
        "employees": rng.random_range(2..2500),
        "annual_revenue": money(rng, 50_000..90_000_000, country.currency),
        "phones": [phone(rng, country)],
        "emails": [format!("info@{domain}")],
        "address": address(rng, country),
        "lead_source": pick(rng, SOURCES),
    }));
    (input, domain)
}

pub(super) fn lead_input(rng: &mut StdRng, data: &'static LocaleData) -> Map<String, Json> {
    let country = country(rng, data);
    let p = person_input(rng, country, None);
    let company = rng.random_range(0..1000);
    let currency = pick(rng, data.currencies);
    obj(json!({
        "name": p.get("name"),
        "company_name": company_name(rng, country, company).0,
        "email": p.get("emails").and_then(|e| e.get(0)).and_then(|e| e.get("value")),
        "phone": p.get("phones").and_then(|e| e.get(0)).and_then(|e| e.get("value")),
        "status": pick(rng, &["new", "contacted", "qualified", "unqualified"]),
        "source": pick(rng, SOURCES),
        "score": rng.random_range(0..101),
        "estimated_value": money(rng, 1_000..250_000, currency),
    }))
}
