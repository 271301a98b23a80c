//! Company names as each country makes them, each one once: a brand and a line of
//! business (`Αιγαίο Τρόφιμα Α.Ε.`, `Northwind Foods Ltd`), a family's name
//! (`Kovács Élelmiszer Kft.`), an owner's (`J. Taylor Engineering Ltd`,
//! `مؤسسة خالد العتيبي للتجارة`) or two partners' (`Smith & Jones Logistics Ltd`,
//! `Kovács és Nagy Építő Kft.`). The line of business says the industry, so a food
//! company is in manufacturing, not technology.
//!
//! Every pattern is walked in a scrambled order without repeats, so names stay
//! apart at any size: a country's few thousand combinations come first, and only
//! past them does a name carry a number.

use std::collections::HashMap;

use super::Country;

/// A line of business: the word a company name carries (`Τρόφιμα`, `Foods`,
/// `للأغذية`) and the industry option it belongs to.
pub(crate) type Sector = (&'static str, &'static str);

/// A company's name, its web domain (without the country's top-level domain) and
/// its industry.
pub(crate) struct CompanyName {
    pub name: String,
    /// The name without its legal form, as people say it (`Northwind Foods`).
    pub short: String,
    pub domain: String,
    pub industry: &'static str,
}

/// The kinds of name, in the order a country's companies take them: brands are the
/// most common, then family firms, owners and partnerships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Brand,
    Family,
    Owner,
    Partners,
}

const TURNS: [Kind; 10] = [
    Kind::Brand,
    Kind::Family,
    Kind::Brand,
    Kind::Owner,
    Kind::Brand,
    Kind::Partners,
    Kind::Brand,
    Kind::Family,
    Kind::Owner,
    Kind::Partners,
];

/// The next company names of each country, none given twice.
#[derive(Default)]
pub(crate) struct CompanyNames {
    given: HashMap<&'static str, Given>,
}

/// A country's names given so far: turns taken, names of each kind, and what its
/// owners are called (worked out once).
struct Given {
    turn: usize,
    taken: [usize; 4],
    sizes: [usize; 4],
    owners: Vec<String>,
}

impl CompanyNames {
    pub fn next(&mut self, country: &'static Country) -> CompanyName {
        let given = self.given.entry(country.code).or_insert_with(|| {
            let owners = owners(country);
            let sizes = Kind::ALL.map(|kind| size(country, owners.len(), kind));
            Given { turn: 0, taken: [0; 4], sizes, owners }
        });
        let total: usize = given.sizes.iter().sum();
        let round = given.taken.iter().sum::<usize>() / total.max(1);
        // The kind whose turn it is, or the next one that still has names this round.
        let mut kind = TURNS[given.turn % TURNS.len()];
        for step in 0..TURNS.len() {
            kind = TURNS[(given.turn + step) % TURNS.len()];
            if given.taken[kind as usize] < given.sizes[kind as usize] * (round + 1) {
                break;
            }
        }
        given.turn += 1;
        let size = given.sizes[kind as usize].max(1);
        let (lap, n) = (given.taken[kind as usize] / size, given.taken[kind as usize] % size);
        given.taken[kind as usize] += 1;
        name(country, &given.owners, kind, scrambled(n, size), lap)
    }
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Brand, Kind::Family, Kind::Owner, Kind::Partners];
}

/// How many names of `kind` the country's words make.
fn size(country: &Country, owners: usize, kind: Kind) -> usize {
    let (brands, families, sectors) = (country.brands.len(), country.last.len(), country.sectors.len());
    sectors
        * match kind {
            Kind::Brand => brands,
            Kind::Family => families,
            Kind::Owner => owners * families,
            Kind::Partners => families * families.saturating_sub(1),
        }
}

/// The `n`th of `size` in an order that jumps about, without repeats: a stride
/// coprime with `size` visits each once.
fn scrambled(n: usize, size: usize) -> usize {
    let mut stride = (size * 5 / 8) | 1;
    while gcd(stride, size) != 1 {
        stride += 1;
    }
    (n * stride + size / 3) % size.max(1)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// What an owner is called in a firm's name: the first name's initial (`J. Taylor`),
/// or the whole first name where the country names firms so (`خالد العتيبي`,
/// `Kovács Péter`). Initials once each, so two names never read the same.
fn owners(country: &Country) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for first in country.male {
        let owner = if country.owner_full_name {
            (*first).to_owned()
        } else {
            first.chars().next().map(|c| format!("{c}.")).unwrap_or_default()
        };
        if !owner.is_empty() && !out.contains(&owner) {
            out.push(owner);
        }
    }
    out
}

/// The `n`th name of `kind`; past the first `lap` they carry its number.
fn name(country: &Country, owners: &[String], kind: Kind, n: usize, lap: usize) -> CompanyName {
    let sectors = country.sectors.len().max(1);
    let (word, industry) = country.sectors.get(n % sectors).copied().unwrap_or(("", "other"));
    let rest = n / sectors;
    let families = country.last.len().max(1);
    let family = |i: usize| country.last.get(i % families).copied().unwrap_or("");
    let latin = country.latin;
    let (core, parts): (String, Vec<String>) = match kind {
        Kind::Brand => {
            let brand = country.brands.get(rest % country.brands.len().max(1)).copied().unwrap_or("");
            (brand.to_owned(), vec![latin(brand)])
        }
        Kind::Family => (family(rest).to_owned(), vec![latin(family(rest))]),
        Kind::Owner => {
            let owner = owners.get(rest / families % owners.len().max(1)).cloned().unwrap_or_default();
            let family = family(rest);
            let (core, latin_name) = if country.family_first {
                (format!("{family} {owner}"), format!("{}{}", latin(family), latin(&owner)))
            } else {
                (format!("{owner} {family}"), format!("{}{}", latin(&owner), latin(family)))
            };
            (core, vec![latin_name])
        }
        Kind::Partners => {
            let first = rest / (families - 1).max(1);
            let second = rest % (families - 1).max(1);
            // The second partner is any family but the first.
            let second = if second >= first { second + 1 } else { second };
            let core = format!("{}{}{}", family(first), country.partners, family(second));
            (core, vec![latin(family(first)), latin(family(second))])
        }
    };
    let number = if lap > 0 { format!(" {}", lap + 1) } else { String::new() };
    let form = country.legal_forms.get(n % country.legal_forms.len().max(1)).copied().unwrap_or("{}");
    let short = format!("{core} {word}{number}");
    let name = form.replace("{}", &short);
    let mut domain = parts;
    domain.push(latin(word));
    if lap > 0 {
        domain.push((lap + 1).to_string());
    }
    domain.retain(|p| !p.is_empty() && p != "contact");
    CompanyName { name, short, domain: domain.join("-"), industry }
}
