//! Every user-visible string comes from Fluent: no template holds literal text (in its
//! content or in the attributes people read: labels, titles, placeholders, alt texts),
//! and every message id the templates and the UI code name exists in English.

use std::path::{Path, PathBuf};

use rapport_web::ui::i18n::Tr;

/// Text a template may hold as it is: the product's name and typography.
const ALLOWED: [&str; 1] = ["Rapport"];

/// Attributes whose values people read or hear.
const READ_ATTRIBUTES: [&str; 6] = ["aria-label", "title", "placeholder", "alt", "data-template", "data-error-text"];

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

fn templates() -> Vec<PathBuf> {
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"), "html")
}

/// The template with every askama block, expression and comment replaced by `§`.
fn without_askama(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(['{']) {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        let close = match after.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                out.push('{');
                rest = &after[1..];
                continue;
            }
        };
        match after.find(close) {
            Some(end) => {
                out.push('§');
                rest = &after[end + 2..];
            }
            None => panic!("an askama block is not closed"),
        }
    }
    out.push_str(rest);
    out
}

fn has_words(text: &str) -> bool {
    let mut text = text.to_owned();
    for allowed in ALLOWED {
        text = text.replace(allowed, "");
    }
    // Entities (&nbsp;) are not words.
    let mut cleaned = String::new();
    let mut in_entity = false;
    for c in text.chars() {
        match c {
            '&' => in_entity = true,
            ';' if in_entity => in_entity = false,
            _ if in_entity => {}
            _ => cleaned.push(c),
        }
    }
    cleaned.chars().any(char::is_alphabetic)
}

/// Literal text of a template: (what, text) for content between tags and for the
/// values of read attributes.
fn literal_text(template: &str) -> Vec<(String, String)> {
    let text = without_askama(template);
    let mut found = Vec::new();
    let mut rest = text.as_str();
    // Key caps (`<kbd>K</kbd>`) name keys, which are the same in every language.
    let mut in_kbd = false;
    while let Some(open) = rest.find('<') {
        let content = &rest[..open];
        if has_words(content) && !in_kbd {
            found.push(("text".to_owned(), content.trim().to_owned()));
        }
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        in_kbd = tag == "kbd";
        for attribute in READ_ATTRIBUTES {
            let key = format!("{attribute}=\"");
            if let Some(at) = tag.find(&key) {
                let value = &tag[at + key.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                if has_words(value) {
                    found.push((attribute.to_owned(), value.to_owned()));
                }
            }
        }
        rest = &rest[open + close + 1..];
    }
    if has_words(rest) {
        found.push(("text".to_owned(), rest.trim().to_owned()));
    }
    found
}

#[test]
fn templates_hold_no_literal_text() {
    let mut problems = Vec::new();
    for path in templates() {
        let template = std::fs::read_to_string(&path).unwrap();
        for (what, text) in literal_text(&template) {
            problems.push(format!("{}: {what} {text:?}", path.display()));
        }
    }
    assert!(problems.is_empty(), "literal text in templates (use a Fluent message):\n{}", problems.join("\n"));
}

#[test]
fn the_check_finds_literal_text() {
    assert_eq!(literal_text("<p>{{ t.t(\"a\") }}</p>"), vec![]);
    assert_eq!(literal_text("<p>Hello {{ name }}</p>").len(), 1);
    assert_eq!(literal_text("<input aria-label=\"Search\">").len(), 1);
    assert_eq!(literal_text("<input aria-label=\"{{ t.t(\"x\") }}\"> &nbsp; · –").len(), 0);
    assert_eq!(literal_text("<span>Rapport</span>").len(), 0);
    assert_eq!(literal_text("<kbd>Ctrl</kbd> + <kbd>K</kbd>").len(), 0);
    assert_eq!(literal_text("<kbd>K</kbd> to search").len(), 1);
}

/// The message ids a source names literally: `t("id")`, `t1("id"`, `args("id"`,
/// `has("id")`.
fn named_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for call in [".t(\"", ".t1(\"", ".args(\"", ".has(\""] {
        let mut rest = text;
        while let Some(at) = rest.find(call) {
            let after = &rest[at + call.len()..];
            let end = after.find('"').unwrap_or(0);
            let id = &after[..end];
            if !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                ids.push(id.to_owned());
            }
            rest = &after[end..];
        }
    }
    ids
}

#[test]
fn every_message_named_exists_in_english() {
    let en = Tr::new("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = templates();
    sources.extend(files(&root.join("src/ui"), "rs"));
    let mut missing = Vec::new();
    let mut named = 0;
    for path in sources {
        for id in named_ids(&std::fs::read_to_string(&path).unwrap()) {
            named += 1;
            if !en.has(&id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(named > 100, "the scan found only {named} message ids");
    assert!(!en.has("no-such-message") && en.has("home-greeting"), "`has` tells messages from gaps");
    assert!(missing.is_empty(), "message ids without an English message:\n{}", missing.join("\n"));
}

/// The messages of a locale's files: id → the variables it uses (`$name`).
fn messages_of(locale: &str) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(locale);
    let mut out = std::collections::BTreeMap::new();
    let mut current: Option<String> = None;
    for path in files(&dir, "ftl") {
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && line.contains(" =");
            if starts_message {
                let id = line.split(" =").next().unwrap().trim().to_owned();
                current = Some(id.clone());
                out.entry(id).or_insert_with(std::collections::BTreeSet::new);
            } else if line.starts_with('#') || line.trim().is_empty() {
                current = None;
                continue;
            }
            if let Some(id) = &current {
                let mut rest = line;
                while let Some(at) = rest.find('$') {
                    let name: String = rest[at + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    if !name.is_empty() {
                        out.get_mut(id).unwrap().insert(name.clone());
                    }
                    rest = &rest[at + 1 + name.len()..];
                }
            }
        }
    }
    out
}

/// Every locale with a folder has every English message, no others, with the same
/// variables, and each formats (with every plural form) without errors.
#[test]
fn every_locale_has_every_message_with_its_variables() {
    let english = messages_of("en");
    assert!(english.len() > 300, "read only {} English messages", english.len());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let locale = entry.unwrap().file_name().to_string_lossy().into_owned();
        if locale == "en" {
            continue;
        }
        let tr = Tr::new(&locale);
        assert_eq!(tr.code(), locale, "the UI offers {locale}");
        let theirs = messages_of(&locale);
        for (id, vars) in &english {
            match theirs.get(id) {
                None => problems.push(format!("{locale}: {id} is missing")),
                Some(own) if own != vars => problems.push(format!("{locale}: {id} uses {own:?}, English {vars:?}")),
                Some(_) if !tr.has_own(id) => problems.push(format!("{locale}: {id} does not parse")),
                Some(_) => {
                    for n in [0_i64, 1, 2, 5, 11, 21] {
                        let args: Vec<(&str, rapport_web::ui::i18n::Arg)> = vars
                            .iter()
                            .map(|v| (v.as_str(), if v == "count" || v == "n" { n.into() } else { "X".into() }))
                            .collect();
                        let text = tr.args(id, &args);
                        if text == *id || text.trim().is_empty() {
                            problems.push(format!("{locale}: {id} does not format with {n}"));
                            break;
                        }
                    }
                }
            }
        }
        for id in theirs.keys().filter(|id| !english.contains_key(*id)) {
            problems.push(format!("{locale}: {id} is not an English message"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Plural forms follow each language's rules (CLDR): Arabic has six, Greek and
/// Hungarian two (Hungarian's nouns stay singular after a number).
#[test]
fn plural_forms_follow_each_language() {
    let count = |locale: &str, n: i64| Tr::new(locale).t1("bulk-selected", "count", n);
    let cases: [(&str, [&str; 6]); 5] = [
        ("en", ["0 selected", "1 selected", "2 selected", "5 selected", "11 selected", "21 selected"]),
        ("el", ["0 επιλεγμένες", "1 επιλεγμένη", "2 επιλεγμένες", "5 επιλεγμένες", "11 επιλεγμένες", "21 επιλεγμένες"]),
        ("hu", ["0 kijelölve", "1 kijelölve", "2 kijelölve", "5 kijelölve", "11 kijelölve", "21 kijelölve"]),
        ("ar", ["لم يُحدَّد أي سجل", "سجل واحد محدد", "سجلان محددان", "٥ سجلات محددة", "١١ سجلًا محددًا", "٢١ سجلًا محددًا"]),
        // The same forms for an Arabic reader of Latin digits.
        (
            "ar-u-nu-latn",
            ["لم يُحدَّد أي سجل", "سجل واحد محدد", "سجلان محددان", "5 سجلات محددة", "11 سجلًا محددًا", "21 سجلًا محددًا"],
        ),
    ];
    for (locale, expected) in cases {
        for (n, text) in [0, 1, 2, 5, 11, 21].into_iter().zip(expected) {
            assert_eq!(count(locale, n), text, "{locale} {n}");
        }
    }
    assert_eq!(count("ar", 100), "١٠٠ سجل محدد", "Arabic's other form");
}

/// `locales/en/schema.ftl` holds the standard objects', fields' and options' names as
/// the model defines them (`RAPPORT_BLESS=1` rewrites it after the model changes).
#[test]
fn the_english_standard_names_match_the_model() {
    let mut text = String::from(
        "## The standard objects, fields and options (made from rapport_model::standard by the\n## messages test; RAPPORT_BLESS=1 rewrites this file).\n",
    );
    for (id, label) in rapport_web::ui::labels::standard_messages() {
        text.push_str(&format!("{id} = {label}\n"));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en/schema.ftl");
    if std::env::var("RAPPORT_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        text,
        "run with RAPPORT_BLESS=1 to rewrite {}",
        path.display()
    );
}

/// Standard names show in the user's language; a name an administrator changed shows
/// as they wrote it.
#[test]
fn standard_names_are_localized_unless_renamed() {
    use rapport_domain::model::{FieldType, Schema};
    let el = Tr::new("el");
    let mut schema = Schema::new(rapport_domain::model::standard::standard_objects());
    if let Some(company) = schema.objects.get_mut("company") {
        std::sync::Arc::make_mut(company).label_plural = "Clients".into();
    }
    rapport_web::ui::labels::localize(&mut schema, &el);
    let person = schema.object("person").unwrap();
    assert_eq!(person.label_plural, el.t("std-object-person-plural"));
    assert_ne!(person.label_plural, "People");
    assert_eq!(person.field("title").unwrap().label, el.t("std-field-person-title"));
    let gender = person
        .fields
        .iter()
        .find(|f| matches!(&f.kind, FieldType::Select { options } if options.iter().any(|o| o.value == "female")))
        .unwrap();
    let FieldType::Select { options } = &gender.kind else { unreachable!() };
    let female = options.iter().find(|o| o.value == "female").unwrap();
    assert_eq!(female.label, el.t(&format!("std-option-person-{}-female", gender.id)));
    assert_eq!(schema.object("company").unwrap().label_plural, "Clients", "a renamed object keeps its name");
}
