//! Normalisation of contact points (email addresses, phone numbers, web addresses).
//!
//! The normalised value is what Rapport stores in the indexed column used for lookup
//! and duplicate detection, so two spellings of the same address must come out the
//! same, and a value that cannot be used to reach anyone is refused at the edge
//! instead of turning up later as a bounce or a dead link.

use std::collections::BTreeMap;

use phonenumber::{Mode, country::Id};
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

use crate::error::Reason;
use crate::filter::{Condition, Filter, Op, Operand};
use crate::{ContactKind, ObjectDef, Value};

/// RFC 5321 allows a 256-octet path, minus the angle brackets.
const EMAIL_MAX: usize = 254;
/// RFC 5321 local-part limit, in octets.
const LOCAL_MAX: usize = 64;
/// RFC 1035 label limit.
const LABEL_MAX: usize = 63;
/// Longer addresses break in browsers, mail clients and spreadsheets.
const URL_MAX: usize = 2048;
/// E.164 numbers have at most 15 digits; with an `00` prefix, separators and brackets
/// anything longer than this is not a phone number, and it keeps libphonenumber's
/// regular expressions away from large inputs.
const PHONE_INPUT_MAX: usize = 64;

/// ASCII characters other than letters and digits that RFC 5322 allows unquoted in a
/// local part (`dot-atom`).
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";

/// Normalises an email address for storage and duplicate detection.
///
/// Only the unquoted `dot-atom` form is accepted (no quoted local parts, comments or
/// IP literals): those forms are legal but in a CRM they are almost always typing
/// mistakes, and no one hands out such an address on a business card. Unicode letters
/// are allowed in both parts (RFC 6531, internationalised email), after NFC so that a
/// Greek or Hungarian address typed on different keyboards stays one address.
///
/// The whole address is lower-cased, the local part included, although RFC 5321 lets
/// a server treat the local part case-sensitively: practically no server does, and a
/// CRM that kept `Maria@x.gr` and `maria@x.gr` apart would show one person twice.
/// The limits are in octets because that is what SMTP counts.
pub fn normalize_email(input: &str) -> Result<String, Reason> {
    let too_long = Reason::TooLong { max: EMAIL_MAX as u32 };
    let address: String = input.trim().nfc().collect();
    if address.len() > EMAIL_MAX {
        return Err(too_long);
    }
    let (local, domain) = address.split_once('@').ok_or(Reason::NotAnEmail)?;
    if !valid_local_part(local) || !valid_email_domain(domain) {
        return Err(Reason::NotAnEmail);
    }
    // Lower-casing can lengthen text (`İ` becomes `i` and a combining dot) and undo NFC.
    let normalized: String = format!("{}@{}", local.to_lowercase(), domain.to_lowercase()).nfc().collect();
    if normalized.len() > EMAIL_MAX {
        return Err(too_long);
    }
    Ok(normalized)
}

/// Normalises a phone number to E.164 (`+302101234567`), the one spelling that is
/// the same whoever typed it and wherever they were, so it can be indexed, matched
/// against caller ids and dialled from any country.
///
/// `default_region` (ISO 3166-1 alpha-2, e.g. the user's or the record's country) says
/// where a number written without a country code belongs. If it is not a region
/// libphonenumber knows, only numbers with a country code are accepted, rather than
/// guessing one.
///
/// Only digits, a leading `+` and the separators people type (spaces, `-`, `.`, `/`,
/// brackets) are allowed. Letters are refused: libphonenumber would silently drop an
/// extension (`ext. 12`), which E.164 cannot hold, or turn a vanity number into
/// digits nobody checked. Arabic-Indic digits are read as digits because that is what
/// an Arabic keyboard types and libphonenumber does not map them.
pub fn normalize_phone(input: &str, default_region: &str) -> Result<String, Reason> {
    let region = default_region.trim().to_ascii_uppercase().parse::<Id>().ok();
    let typed = dialable(input).ok_or(Reason::NotAPhone)?;
    // libphonenumber strips `00` only where it is the region's international prefix
    // (and never without a region), but people everywhere write `0030 ...` for `+30`.
    let international = typed.strip_prefix("00").map(|rest| format!("+{rest}"));
    [Some(typed.as_str()), international.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(|candidate| phonenumber::parse(region, candidate).ok())
        .find(phonenumber::is_valid)
        .map(|number| number.format().mode(Mode::E164).to_string())
        .ok_or(Reason::NotAPhone)
}

/// A stored phone number (E.164, `+306981971008`) grouped as its country writes it:
/// in the national format (`698 197 1008`, `(06 1) 483 7539`, `020 7946 0018`) when
/// the number belongs to `home` (ISO 3166-1 alpha-2, the region numbers are typed in
/// without a country code), in the international one (`+30 698 197 1008`,
/// `+36 1 483 7539`) otherwise or when `home` is empty. libphonenumber's grouping,
/// so each country's numbers read the way its people write them. `None` when the
/// text is not a number libphonenumber can place (a value stored before validation
/// existed): it is then shown as it is.
pub fn display_phone(number: &str, home: &str) -> Option<String> {
    let parsed = parse_stored_phone(number)?;
    let national = parsed.country().id().is_some_and(|id| id.as_ref().eq_ignore_ascii_case(home.trim()));
    let mode = if national { Mode::National } else { Mode::International };
    Some(parsed.format().mode(mode).to_string())
}

/// The country (ISO 3166-1 alpha-2) a stored phone number belongs to, by its
/// numbering plan (`+302310123456` → `GR`), or `None` when it is not a valid number.
pub fn phone_country(number: &str) -> Option<String> {
    let parsed = parse_stored_phone(number)?;
    parsed.country().id().map(|id| id.as_ref().to_owned())
}

/// A stored number with its country code (`+…`), when it is a valid one.
fn parse_stored_phone(number: &str) -> Option<phonenumber::PhoneNumber> {
    let typed = dialable(number).filter(|d| d.starts_with('+'))?;
    phonenumber::parse(None, typed).ok().filter(phonenumber::is_valid)
}

/// The digits of a typed phone number (ASCII), with `+` in front if it had one, or
/// `None` if it contains anything that is not part of writing a number down.
fn dialable(input: &str) -> Option<String> {
    let input = input.trim();
    if input.chars().count() > PHONE_INPUT_MAX {
        return None;
    }
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '0'..='9' => out.push(c),
            '\u{0660}'..='\u{0669}' => out.push(shift_digit(c, '\u{0660}')?),
            '\u{06F0}'..='\u{06F9}' => out.push(shift_digit(c, '\u{06F0}')?),
            // Only before the first digit: `(+30) 210 ...` is common, `21+0` is not a number.
            '+' if out.is_empty() => out.push('+'),
            '-' | '.' | '/' | '(' | ')' | '\u{2010}'..='\u{2015}' => {}
            c if c.is_whitespace() => {}
            _ => return None,
        }
    }
    out.bytes().any(|b| b.is_ascii_digit()).then_some(out)
}

fn shift_digit(c: char, zero: char) -> Option<char> {
    char::from_digit(u32::from(c) - u32::from(zero), 10)
}

/// Normalises a web address: a scheme is added when missing because people type
/// `example.gr`, and only `http`/`https` are accepted because the value is rendered
/// as a link (`javascript:` or `file:` links would be a hazard, not a website).
///
/// The host must look like a public name (a dot in it) or be `localhost`, and may
/// not carry `user:password@`: a credential has no place in a CRM field and is a
/// common trick to disguise the real host. Scheme and host are lower-cased because
/// they are case-insensitive; path, query and fragment are case-sensitive and are
/// kept as typed.
pub fn normalize_url(input: &str) -> Result<String, Reason> {
    let too_long = Reason::TooLong { max: URL_MAX as u32 };
    let typed = input.trim();
    if typed.chars().count() > URL_MAX {
        return Err(too_long);
    }
    if typed.is_empty() || typed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Reason::NotAUrl);
    }
    let (scheme, rest) = match split_scheme(typed) {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => ("https".to_owned(), typed.strip_prefix("//").unwrap_or(typed)),
    };
    if scheme != "http" && scheme != "https" {
        return Err(Reason::NotAUrl);
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if valid_port(port) => (host, Some(port)),
        Some(_) => return Err(Reason::NotAUrl),
        None => (authority, None),
    };
    let host: String = host.nfc().collect::<String>().to_lowercase().nfc().collect();
    if host != "localhost" && !(host.contains('.') && host.split('.').all(valid_label)) {
        return Err(Reason::NotAUrl);
    }
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    let normalized = format!("{scheme}://{host}{port}{tail}");
    if normalized.chars().count() > URL_MAX {
        return Err(too_long);
    }
    Ok(normalized)
}

/// Splits `scheme://rest` when the text starts with an RFC 3986 scheme, so that a
/// `://` later on (`example.gr/?next=https://...`) is not mistaken for one.
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

fn valid_port(port: &str) -> bool {
    (1..=5).contains(&port.len())
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| p <= 65_535)
}

fn valid_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= LOCAL_MAX
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c) || international(c))
}

/// A domain that can receive mail: a registered name under a top-level domain. A
/// numeric last label means an IP address, which RFC 5321 only allows in brackets.
fn valid_email_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| valid_label(label))
        && labels.last().is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()))
}

/// A DNS label as people write it: letters, digits and inner hyphens, with Unicode
/// letters allowed for internationalised domain names (checked before punycode, so
/// the length limit counts characters, which is close enough for validation).
fn valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.chars().count() <= LABEL_MAX
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || international(c))
}

/// Non-ASCII letters and digits, plus the combining marks some scripts need even
/// after NFC (Devanagari viramas, for example).
fn international(c: char) -> bool {
    !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c))
}

/// "Any email or phone of `values` is one of the record's": one `in` condition per
/// email or phone field of `object`, over the points' normalised (indexed) values, so
/// the filter stays as small as the fields are few (each holds at most
/// [`crate::value::MAX_CONTACT_POINTS`], checked by validation); `None` when there
/// are none. The duplicate check asks it of every new record.
pub fn shared_contacts(object: &ObjectDef, values: &BTreeMap<String, Value>) -> Option<Filter> {
    let mut any = Vec::new();
    for field in object.visible_fields() {
        if !matches!(field.kind.contact_kind(), Some(ContactKind::Email | ContactKind::Phone)) {
            continue;
        }
        let Some(Value::Contacts(points)) = values.get(&field.id) else { continue };
        if points.is_empty() {
            continue;
        }
        any.push(Filter::Cond(Condition {
            path: vec![field.api_name.clone()],
            op: Op::In,
            operand: Operand::List(points.iter().map(|p| p.normalized.clone()).collect()),
        }));
    }
    (!any.is_empty()).then_some(Filter::Or(any))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn email_accepts_and_lower_cases() {
        assert_eq!(normalize_email("  Maria.Papadopoulou@Example.GR ").unwrap(), "maria.papadopoulou@example.gr");
        assert_eq!(normalize_email("o'brien+crm@mail.co.uk").unwrap(), "o'brien+crm@mail.co.uk");
        assert_eq!(normalize_email("a!#$%&'*+/=?^_`{|}~-z@x.io").unwrap(), "a!#$%&'*+/=?^_`{|}~-z@x.io");
        assert_eq!(normalize_email("x@sub-domain.example.com").unwrap(), "x@sub-domain.example.com");
        assert_eq!(normalize_email("x@xn--hxajbheg2az3al.xn--jxalpdlp").unwrap(), "x@xn--hxajbheg2az3al.xn--jxalpdlp");
        assert_eq!(normalize_email("x@123.example.com").unwrap(), "x@123.example.com");
    }

    #[test]
    fn email_accepts_unicode() {
        assert_eq!(normalize_email("Μαρία@Παράδειγμα.Δοκιμή").unwrap(), "μαρία@παράδειγμα.δοκιμή");
        assert_eq!(normalize_email("Őry.Árpád@Példa.HU").unwrap(), "őry.árpád@példa.hu");
        assert_eq!(normalize_email("أحمد@مثال.السعودية").unwrap(), "أحمد@مثال.السعودية");
        // Decomposed input (e + combining acute) is stored composed, so it matches.
        assert_eq!(normalize_email("jose\u{301}@example.com").unwrap(), normalize_email("josé@example.com").unwrap());
    }

    #[test]
    fn email_rejects() {
        for bad in [
            "",
            "   ",
            "plain",
            "@example.com",
            "maria@",
            "maria@example",
            "maria@@example.com",
            "a@b@example.com",
            ".maria@example.com",
            "maria.@example.com",
            "ma..ria@example.com",
            "ma ria@example.com",
            "\"maria\"@example.com",
            "maria@-example.com",
            "maria@example-.com",
            "maria@example..com",
            "maria@.example.com",
            "maria@example.com.",
            "maria@exa_mple.com",
            "maria@192.168.1.1",
            "maria@[192.168.1.1]",
            "maria(work)@example.com",
            "maria@example.com>",
            "<maria@example.com>",
        ] {
            assert_eq!(normalize_email(bad), Err(Reason::NotAnEmail), "{bad:?}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(normalize_email(&long_local), Err(Reason::NotAnEmail));
        let long_label = format!("a@{}.com", "b".repeat(64));
        assert_eq!(normalize_email(&long_label), Err(Reason::NotAnEmail));
    }

    #[test]
    fn email_length_limit() {
        let address = |last: usize| {
            let domain = ["b".repeat(63), "c".repeat(63), "d".repeat(40), "e".repeat(last), "com".to_owned()].join(".");
            format!("{}@{domain}", "a".repeat(64))
        };
        let at_limit = address(16);
        assert_eq!(at_limit.len(), 254);
        assert_eq!(normalize_email(&at_limit).unwrap(), at_limit);
        assert_eq!(normalize_email(&address(17)), Err(Reason::TooLong { max: 254 }));
        // SMTP counts octets: a Greek letter is two, so 32 make a full local part and
        // this 131-character address is two octets over.
        let beta = "β".repeat(31);
        let greek = format!("{}@{beta}.{beta}.{beta}.gr", "α".repeat(32));
        assert_eq!((greek.chars().count(), greek.len()), (131, 256));
        assert_eq!(normalize_email(&greek), Err(Reason::TooLong { max: 254 }));
        let local_over = format!("{}@example.gr", "α".repeat(33));
        assert_eq!(normalize_email(&local_over), Err(Reason::NotAnEmail));
        let local_at_limit = format!("{}@example.gr", "α".repeat(32));
        assert_eq!(normalize_email(&local_at_limit).unwrap(), local_at_limit);
    }

    #[test]
    fn phone_greek_and_hungarian() {
        assert_eq!(normalize_phone("210 123 4567", "GR").unwrap(), "+302101234567");
        assert_eq!(normalize_phone("210-123-4567", "gr").unwrap(), "+302101234567");
        assert_eq!(normalize_phone("(+30) 210 123 4567", "HU").unwrap(), "+302101234567");
        assert_eq!(normalize_phone("694 123 4567", "GR").unwrap(), "+306941234567");
        assert_eq!(normalize_phone("+36 1 234 5678", "GR").unwrap(), "+3612345678");
        assert_eq!(normalize_phone("+36 1 234 5678", "").unwrap(), "+3612345678");
        assert_eq!(normalize_phone("06 30 123 4567", "HU").unwrap(), "+36301234567");
        assert_eq!(normalize_phone("(06 30) 123.4567", "HU").unwrap(), "+36301234567");
        assert_eq!(normalize_phone("06 1 234 5678", "HU").unwrap(), "+3612345678");
    }

    #[test]
    fn phone_international_prefix_00() {
        assert_eq!(normalize_phone("0030 210 123 4567", "GR").unwrap(), "+302101234567");
        // `00` is not the international prefix in the US (011), nor is there a region.
        assert_eq!(normalize_phone("0030 210 123 4567", "US").unwrap(), "+302101234567");
        assert_eq!(normalize_phone("0036 30 123 4567", "").unwrap(), "+36301234567");
        assert_eq!(normalize_phone("0036 30 123 4567", "XX").unwrap(), "+36301234567");
    }

    #[test]
    fn phone_arabic_region_and_digits() {
        assert_eq!(normalize_phone("050 123 4567", "SA").unwrap(), "+966501234567");
        assert_eq!(normalize_phone("٠٥٠١٢٣٤٥٦٧", "SA").unwrap(), "+966501234567");
        assert_eq!(normalize_phone("۰۵۰۱۲۳۴۵۶۷", "SA").unwrap(), "+966501234567");
        assert_eq!(normalize_phone("+20 10 1234 5678", "GR").unwrap(), "+201012345678");
        assert_eq!(normalize_phone("+971 50 123 4567", "GR").unwrap(), "+971501234567");
    }

    #[test]
    fn phone_rejects() {
        for (bad, region) in [
            ("", "GR"),
            ("   ", "GR"),
            ("abc", "GR"),
            ("123", "GR"),
            ("+", "GR"),
            ("00", "GR"),
            ("()", "GR"),
            // No country code and no usable region: nothing to guess from.
            ("210 123 4567", ""),
            ("210 123 4567", "XX"),
            ("210 123 4567", "Greece"),
            // Too many digits, wrong place for `+`, extensions and vanity letters.
            ("+30 210 123 4567 8", "GR"),
            ("210+1234567", "GR"),
            ("210 123 4567 ext. 12", "GR"),
            ("1-800-FLOWERS", "US"),
            ("  2 22#:", "GR"),
            ("+30 210 123 4567; +30 210 765 4321", "GR"),
        ] {
            assert_eq!(normalize_phone(bad, region), Err(Reason::NotAPhone), "{bad:?} {region:?}");
        }
        assert_eq!(normalize_phone(&"1".repeat(100), "GR"), Err(Reason::NotAPhone));
    }

    #[test]
    fn phones_are_grouped_as_their_country_writes_them() {
        for (stored, home, shown) in [
            // A Greek mobile: three, three and four digits, not "69 81971008".
            ("+306981971008", "GR", "698 197 1008"),
            ("+306981971008", "HU", "+30 698 197 1008"),
            ("+306981971008", "", "+30 698 197 1008"),
            ("+302310123456", "gr", "231 012 3456"),
            // Budapest's one-digit area code, and Hungary's trunk prefix at home.
            ("+3614837539", "GB", "+36 1 483 7539"),
            ("+3614837539", "HU", "(06 1) 483 7539"),
            ("+36301234567", "HU", "06 30 123 4567"),
            ("+442079460018", "GB", "020 7946 0018"),
            ("+442079460018", "GR", "+44 20 7946 0018"),
            ("+441612345678", "GB", "0161 234 5678"),
            ("+966112345678", "SA", "011 234 5678"),
            ("+966501234567", "AE", "+966 50 123 4567"),
            ("+201012345678", "SA", "+20 10 12345678"),
            // Typed with separators, still one number.
            ("+30 69 81971008", "GB", "+30 698 197 1008"),
        ] {
            assert_eq!(display_phone(stored, home).as_deref(), Some(shown), "{stored} at home in {home:?}");
        }
        // Not a number libphonenumber can place: the caller shows it as it is.
        for odd in ["", "210 123 4567", "+30 123", "call me", "+99912345678"] {
            assert_eq!(display_phone(odd, "GR"), None, "{odd:?}");
        }
    }

    #[test]
    fn a_phone_belongs_to_its_numbering_plans_country() {
        assert_eq!(phone_country("+302310123456").as_deref(), Some("GR"));
        assert_eq!(phone_country("+3652123456").as_deref(), Some("HU"));
        assert_eq!(phone_country("+97142345678").as_deref(), Some("AE"));
        assert_eq!(phone_country("+441132345678").as_deref(), Some("GB"));
        assert_eq!(phone_country("+447700900123"), None, "Ofcom's range for drama is no one's");
        assert_eq!(phone_country("2310123456"), None, "no country code");
    }

    #[test]
    fn url_adds_scheme_and_lower_cases_host() {
        assert_eq!(normalize_url("example.gr").unwrap(), "https://example.gr");
        assert_eq!(normalize_url(" www.Example.GR/Path?Q=A#Frag ").unwrap(), "https://www.example.gr/Path?Q=A#Frag");
        assert_eq!(normalize_url("HTTP://Example.com").unwrap(), "http://example.com");
        assert_eq!(normalize_url("HtTpS://EXAMPLE.com:8443/x").unwrap(), "https://example.com:8443/x");
        assert_eq!(normalize_url("localhost:3000").unwrap(), "https://localhost:3000");
        assert_eq!(normalize_url("http://LOCALHOST/admin").unwrap(), "http://localhost/admin");
        assert_eq!(normalize_url("//cdn.example.com/a.js").unwrap(), "https://cdn.example.com/a.js");
        assert_eq!(normalize_url("192.168.1.10:8080").unwrap(), "https://192.168.1.10:8080");
        assert_eq!(
            normalize_url("example.com?next=http://other.com").unwrap(),
            "https://example.com?next=http://other.com"
        );
        assert_eq!(normalize_url("example.com#top").unwrap(), "https://example.com#top");
    }

    #[test]
    fn url_accepts_unicode_hosts_and_paths() {
        assert_eq!(normalize_url("Παράδειγμα.ΔΟΚΙΜΉ/Σελίδα").unwrap(), "https://παράδειγμα.δοκιμή/Σελίδα");
        assert_eq!(normalize_url("https://példa.hu/árak").unwrap(), "https://példa.hu/árak");
        assert_eq!(normalize_url("مثال.السعودية").unwrap(), "https://مثال.السعودية");
    }

    #[test]
    fn url_rejects() {
        for bad in [
            "",
            "   ",
            "example",
            "https://",
            "https:///path",
            "ftp://example.com",
            "mailto:maria@example.com",
            "javascript:alert(1)",
            "javascript://example.com/%0aalert(1)",
            "file:///etc/passwd",
            "http:/example.com",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://example.com/a\tb",
            "https://user:pass@example.com",
            "https://example.com@evil.com",
            "https://example.com:",
            "https://example.com:port",
            "https://example.com:65536",
            "https://example.com:123456",
            "https://example..com",
            "https://.example.com",
            "https://example.com.",
            "https://-example.com",
            "https://exa_mple.com",
            "https://[::1]:8080",
            "https://example.com\\@evil.com",
        ] {
            assert_eq!(normalize_url(bad), Err(Reason::NotAUrl), "{bad:?}");
        }
        assert_eq!(normalize_url("https://example.com:65535").unwrap(), "https://example.com:65535");
    }

    #[test]
    fn url_length_limit() {
        let path = "a".repeat(URL_MAX - "https://example.com/".len());
        let at_limit = format!("https://example.com/{path}");
        assert_eq!(normalize_url(&at_limit).unwrap(), at_limit);
        assert_eq!(normalize_url(&format!("{at_limit}b")), Err(Reason::TooLong { max: 2048 }));
        // The added scheme counts: the stored value is what must fit.
        let bare = format!("example.com/{}", "a".repeat(URL_MAX - "example.com/".len()));
        assert_eq!(normalize_url(&bare), Err(Reason::TooLong { max: 2048 }));
    }
}
