//! The user's open records that need attention, for each object that declares the
//! rule (`behaviour.attention`; the rule itself is `rapport_domain::home`'s): each with
//! why, in words, and the facts the rule names (its customer, its amount).

use rapport_domain::home::{AttentionQuery, NeedsAttention};
use rapport_domain::model::behaviour::Attention;
use rapport_domain::model::{FieldDef, Filter, ObjectDef, Schema};

use super::{Day, Empty, Link, text_or};
use crate::AppState;
use crate::ui::format::Shown;
use crate::ui::list::relation_labels;
use crate::ui::page::{UiError, Viewer};

/// Records listed per object.
const ATTENTION: u32 = 6;

/// One fact shown with a record: a value, a link where it is a record.
pub struct Fact {
    pub label: String,
    pub text: String,
    pub href: String,
}

pub struct AttentionItem {
    pub href: String,
    pub label: String,
    /// Why it needs attention, one reason a line.
    pub reasons: Vec<String>,
    pub facts: Vec<Fact>,
}

pub struct AttentionList {
    pub key: String,
    pub title: String,
    pub items: Vec<AttentionItem>,
    pub empty: Empty,
    pub link: Link,
}

/// A value as one line of text, and a link when it is a record.
fn fact(label: &str, shown: Shown) -> Option<Fact> {
    let (text, href) = match shown {
        // A related record the user may not read is left out rather than announced.
        Shown::Empty | Shown::Withheld(_) => return None,
        Shown::Record { href, text } => (text, href),
        Shown::Text(text) => (text, String::new()),
        Shown::Link { text, .. } => (text, String::new()),
        Shown::Badges(items) => (items.join(", "), String::new()),
        Shown::Links(links) => (links.into_iter().map(|(_, text)| text).collect::<Vec<_>>().join(", "), String::new()),
    };
    Some(Fact { label: label.to_owned(), text, href })
}

/// Why a record needs attention, in the user's words.
fn reasons(viewer: &Viewer, object: &ObjectDef, rule: &Attention, found: &NeedsAttention) -> Vec<String> {
    let tr = &viewer.tr;
    let mut out = Vec::new();
    if found.past {
        let field = rule.past.as_deref().and_then(|id| object.field(id)).map(|f| f.label.clone()).unwrap_or_default();
        out.push(tr.t1("home-reason-past", "field", field));
    }
    if found.no_next_step {
        out.push(tr.t("home-reason-no-next-step"));
    }
    if found.rotting {
        out.push(tr.t1("home-reason-rotting", "count", i64::from(rule.rotting_days.unwrap_or(0))));
    }
    out
}

async fn list(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    rule: &Attention,
    day: &Day,
) -> Result<Option<AttentionList>, UiError> {
    let query = AttentionQuery {
        filter: Some(Filter::eq("owner", "me")),
        now: day.now,
        today: day.today_date(),
        limit: ATTENTION,
    };
    let found = match state.crm.needing_attention(viewer.actor(), &object.api_name, query).await {
        Ok(found) => found,
        Err(e) => {
            // An object the user's role does not reach has no such list.
            let problem = crate::problem::Problem::from(e);
            if problem.status.is_client_error() {
                return Ok(None);
            }
            return Err(problem.into());
        }
    };
    let fields: Vec<&FieldDef> = rule.fields.iter().filter_map(|id| object.field(id)).filter(|f| !f.hidden).collect();
    let records: Vec<_> = found.iter().map(|f| f.record.clone()).collect();
    let labels = relation_labels(state, viewer, &fields, &records).await?;
    let lookup = |target: &str, id: &uuid::Uuid| labels.get(&(target.to_owned(), *id)).cloned();
    let items = found
        .iter()
        .map(|f| AttentionItem {
            href: format!("/o/{}/{}", object.api_name, f.record.id),
            label: viewer.format.label(object, &f.record),
            reasons: reasons(viewer, object, rule, f),
            facts: fields
                .iter()
                .filter_map(|field| {
                    fact(&field.label, viewer.format.shown(&viewer.tr, field, f.record.get(&field.id), &lookup))
                })
                .collect(),
        })
        .collect();
    let tr = &viewer.tr;
    let key = format!("home-attention-{}", object.id);
    Ok(Some(AttentionList {
        title: text_or(tr, &key, || tr.t1("home-attention", "object", object.label_plural.clone())),
        items,
        empty: Empty {
            text: text_or(tr, &format!("{key}-none"), || tr.t("home-attention-none")),
            link: Link { href: format!("/kanban/{}", object.api_name), label: tr.t("home-open-board") },
        },
        link: Link { href: format!("/kanban/{}", object.api_name), label: tr.t("home-open-board") },
        key,
    }))
}

/// The lists of every object that declares what needs attention.
pub async fn lists(
    state: &AppState,
    viewer: &Viewer,
    schema: &Schema,
    day: &Day,
) -> Result<Vec<AttentionList>, UiError> {
    let mut out = Vec::new();
    for object in schema.all().filter(|o| !o.hidden) {
        let Some(rule) = &object.behaviour.attention else { continue };
        out.extend(list(state, viewer, object, rule, day).await?);
    }
    Ok(out)
}
