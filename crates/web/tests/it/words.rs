//! The words of a page, to tell whether a page in Greek, Hungarian or Arabic still
//! holds English that was never translated: the English catalogue's words that a
//! language's own messages never use, and the visible text of a page's HTML.

use std::collections::BTreeSet;

/// Words of the English interface that the language's own messages never use: one
/// of them on a page is English left untranslated.
pub fn english_only_words(locale: &str) -> BTreeSet<String> {
    let words_of = |locale: &str| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(locale);
        let mut text = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // Message text only: not ids, comments, variables or selector keys.
            for line in source.lines().filter(|l| !l.trim_start().starts_with('#')) {
                let value = line.split_once(" = ").map_or(line, |(_, v)| v);
                // A variant's text without its key (`*[other] 5 selected`).
                let value = match value.trim_start().trim_start_matches('*').strip_prefix('[') {
                    Some(variant) => variant.split_once(']').map_or("", |(_, text)| text),
                    None => value,
                };
                let mut depth = 0;
                for c in value.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ if depth == 0 => text.push(c),
                        _ => {}
                    }
                }
                text.push('\n');
            }
        }
        words(&text)
    };
    let own = words_of(locale);
    words_of("en").into_iter().filter(|w| !own.contains(w)).collect()
}

/// The lower-cased words of four letters or more in `text`.
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 4).map(str::to_lowercase).collect()
}

/// The text a reader sees of a page's HTML, as the browser test reads it: text nodes
/// outside `<script>`, `<style>`, `<template>`, `<code>` and `<kbd>` (identifiers) and
/// outside elements marked with another `lang` than the page's, plus the title.
/// Entities are left as they are (they are not words).
pub fn visible_text(html: &str) -> String {
    let page_lang = attribute(tag_at(html, "<html").unwrap_or(""), "lang").unwrap_or_default();
    let mut out = String::new();
    // Open elements, each with whether its text is skipped.
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if !open.last().is_some_and(|(_, skip)| *skip) {
            out.push_str(&rest[..lt]);
            out.push(' ');
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(at) = open.iter().rposition(|(n, _)| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        let name: String =
            tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        let inherited = open.last().is_some_and(|(_, skip)| *skip);
        let other_lang = attribute(tag, "lang").is_some_and(|l| l != page_lang);
        let skip = inherited || other_lang || SKIPPED.contains(&name.as_str());
        if matches!(name.as_str(), "script" | "style") {
            // Raw text: skip to the closing tag.
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |end| &rest[end..]);
        }
        open.push((name, skip));
    }
    out
}

const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "!doctype"];
const SKIPPED: [&str; 6] = ["script", "style", "template", "code", "kbd", "svg"];

fn tag_at<'a>(html: &'a str, start: &str) -> Option<&'a str> {
    let at = html.find(start)?;
    let end = html[at..].find('>')?;
    Some(&html[at..at + end])
}

/// The value of `name="…"` in a tag's text.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let at = tag.find(&needle)? + needle.len();
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_owned())
}

#[test]
fn visible_text_keeps_what_a_reader_sees() {
    let html = r#"<!DOCTYPE html><html lang="el"><head><title>Επαφές</title><style>.a{color:red}</style>
        <script>const hidden = "Untranslated";</script></head><body><nav><a href="/o/people">Άτομα</a></nav>
        <main><p>Save <b>changes</b></p><code>people</code><span lang="en">Rapport English</span><br>
        <!-- Comment words --><input placeholder="Search"><p>Τέλος</p></main></body></html>"#;
    let text = visible_text(html);
    let seen = words(&text);
    for word in ["επαφές", "άτομα", "save", "changes", "τέλος"] {
        assert!(seen.contains(word), "{word} in {text}");
    }
    for word in ["untranslated", "color", "people", "english", "comment", "search"] {
        assert!(!seen.contains(word), "{word} not in {text}");
    }
}
