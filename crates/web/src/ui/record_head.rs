//! The head of a record's page: its name, its key facts (the fields its object's
//! metadata names, `behaviour.facts`) and the ways to reach it — call (`tel:`),
//! WhatsApp (`https://wa.me/<digits>`) and email (`mailto:`) from its first phone and
//! email, leaving out points marked as opted out or invalid.

use rapport_domain::model::{ContactPoint, FieldType, ObjectDef, Record, Value};

use super::duration;
use super::format::Shown;
use super::page::Viewer;

/// A way to reach the record.
pub struct ContactAction {
    /// `tel`, `whatsapp` or `mailto` (the button's style and its message).
    pub kind: &'static str,
    /// Its icon's name in the sprite.
    pub icon: &'static str,
    pub href: String,
    pub label: String,
    /// The number or address it uses.
    pub detail: String,
}

/// A key fact as shown.
pub struct Fact {
    pub label: String,
    pub value: Shown,
    /// A phone or an email: on a phone the head's call and email buttons stand for it.
    pub contact: bool,
}

/// The key facts with a value, labelled, in the order the metadata gives them.
pub fn facts(
    viewer: &Viewer,
    object: &ObjectDef,
    record: &Record,
    labels: &dyn Fn(&str, &uuid::Uuid) -> Option<String>,
) -> Vec<Fact> {
    object
        .behaviour
        .facts
        .iter()
        .filter_map(|id| object.visible_fields().find(|f| f.id == *id))
        .filter(|f| !record.get(&f.id).is_null())
        .map(|f| Fact {
            label: f.label.clone(),
            value: duration::shown(&viewer.tr, &viewer.format, object, f, record.get(&f.id), labels),
            contact: matches!(f.kind, FieldType::Phone { .. } | FieldType::Email { .. }),
        })
        .collect()
}

/// Call, WhatsApp and email, where the record has a phone or an email.
pub fn contact_actions(viewer: &Viewer, object: &ObjectDef, record: &Record) -> Vec<ContactAction> {
    let mut out = Vec::new();
    let first = |kind: fn(&FieldType) -> bool| {
        object.visible_fields().filter(|f| kind(&f.kind)).find_map(|f| first_point(record.get(&f.id)))
    };
    if let Some((typed, e164)) = first(|k| matches!(k, FieldType::Phone { .. })) {
        let dial = if e164.starts_with('+') { e164.clone() } else { typed.split_whitespace().collect() };
        // Grouped as the number's country writes it, like every other phone on the page.
        let shown = viewer.format.phone(&dial);
        out.push(action(viewer, "tel", format!("tel:{dial}"), &shown));
        // WhatsApp needs the number with its country code: only an E.164 one.
        let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
        if e164.starts_with('+') && !digits.is_empty() {
            out.push(action(viewer, "whatsapp", format!("https://wa.me/{digits}"), &shown));
        }
    }
    if let Some((typed, _)) = first(|k| matches!(k, FieldType::Email { .. })) {
        out.push(action(viewer, "mailto", format!("mailto:{typed}"), &typed));
    }
    out
}

fn action(viewer: &Viewer, kind: &'static str, href: String, detail: &str) -> ContactAction {
    let icon = match kind {
        "tel" => "phone",
        "whatsapp" => "message-circle",
        _ => "mail",
    };
    ContactAction { kind, icon, href, label: viewer.tr.t(&format!("record-action-{kind}")), detail: detail.to_owned() }
}

/// The first point of a contact value to use (the primary one first; none opted out or
/// marked invalid): as typed, and normalised (E.164 for a phone).
fn first_point(value: &Value) -> Option<(String, String)> {
    match value {
        // A single phone or email is stored normalised.
        Value::Text(text) if !text.trim().is_empty() => Some((text.clone(), text.clone())),
        Value::Contacts(points) => {
            let usable = |p: &&ContactPoint| !p.opt_out && !p.invalid && !p.value.trim().is_empty();
            let point = points.iter().filter(usable).find(|p| p.primary).or_else(|| points.iter().find(usable))?;
            let normalized = if point.normalized.is_empty() { point.value.clone() } else { point.normalized.clone() };
            Some((point.value.clone(), normalized))
        }
        _ => None,
    }
}
