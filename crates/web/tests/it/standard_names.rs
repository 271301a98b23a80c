//! The web interface reads what it does with an object from metadata
//! (`ObjectDef::behaviour`), never from code that names one: a new object (a module's
//! orders, cases, visits) needs no change here. This test reads the interface's source
//! and templates and fails on a string literal naming a standard object, or a standard
//! field, or on a link to a standard object's pages.

use std::path::{Path, PathBuf};

use rapport_domain::model::standard::standard_objects;

/// Names that are also ordinary words of the interface's own vocabulary — form
/// parameters, message arguments, field type names, HTTP header values — and so appear
/// as literals without naming a standard object or field.
const ORDINARY_WORDS: [&str; 8] = [
    "name",       // form parameters of settings, message arguments, a new object's name field
    "title",      // message arguments
    "email",      // the email field type, and the users form
    "phone",      // the phone field type
    "kind",       // the filter builder's node kinds
    "amount",     // a money value's part (`{"amount", "currency"}`)
    "role",       // the users form
    "attachment", // `Content-Disposition: attachment`, and the attachment field type
];

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The string literals of Rust source, outside comments and `#[cfg(test)]` modules.
fn literals(source: &str) -> Vec<(usize, String)> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    let (mut line, mut previous) = (1, ' ');
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            // A character literal: `'"'` is not the start of a string.
            '\'' if previous != '\\' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                    chars.nth(if rest.starts_with('"') { 1 } else { 2 });
                }
            }
            '"' => {
                let mut text = String::new();
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                        continue;
                    } else if c == '"' {
                        break;
                    }
                    text.push(c);
                }
                out.push((line, text));
            }
            _ => {}
        }
        previous = c;
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_interface_names_no_standard_object_or_field() {
    let objects = standard_objects();
    let object_names: Vec<String> = objects
        .iter()
        .flat_map(|o| [o.id.clone(), o.api_name.clone()])
        .filter(|o| !ORDINARY_WORDS.contains(&o.as_str()))
        .collect();
    let field_names: Vec<String> = objects
        .iter()
        .flat_map(|o| o.fields.iter().map(|f| f.id.clone()))
        .filter(|f| !ORDINARY_WORDS.contains(&f.as_str()))
        .collect();
    let mut sources = Vec::new();
    files(&root().join("src/ui"), "rs", &mut sources);
    assert!(sources.len() > 20, "the interface's source was found: {sources:?}");
    let mut found = Vec::new();
    for path in &sources {
        let text = std::fs::read_to_string(path).unwrap();
        for (line, literal) in literals(&text) {
            let names_object = object_names.contains(&literal);
            let names_field = field_names.contains(&literal);
            if names_object || names_field {
                found.push(format!("{}:{line}: \"{literal}\"", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the interface names standard objects or fields; read them from metadata:\n{}",
        found.join("\n")
    );
}

#[test]
fn templates_link_to_no_standard_object() {
    let mut templates = Vec::new();
    files(&root().join("templates"), "html", &mut templates);
    assert!(templates.len() > 20, "the templates were found");
    let mut found = Vec::new();
    for path in &templates {
        let text = std::fs::read_to_string(path).unwrap();
        for object in standard_objects() {
            for prefix in ["/o/", "/kanban/", "/calendar/", "/r/"] {
                for name in [&object.api_name, &object.id] {
                    let link = format!("{prefix}{name}");
                    let at = text
                        .match_indices(&link)
                        .any(|(i, _)| !text[i + link.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'));
                    if at {
                        found.push(format!("{}: {link}", path.display()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "templates link to standard objects:\n{}", found.join("\n"));
}

#[test]
fn the_literal_reader_finds_what_it_must() {
    let source = "let a = \"people\"; // \"companies\"\nlet b = '\"'; let c = \"say \\\"hi\\\"\";\n#[cfg(test)]\nmod tests { \"leads\" }";
    let found: Vec<String> = literals(source).into_iter().map(|(_, l)| l).collect();
    assert_eq!(found, vec!["people".to_owned(), "say \"hi\"".to_owned()]);
}
