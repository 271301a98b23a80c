//! Global search (Ctrl-K or `/` from any page): type-ahead across every object the user
//! may read, by name, email, phone and company (each object's searchable fields, in
//! its search index), a few records per object, one statement per object. And the
//! look-up behind relation inputs: records of one object by name.

use askama::Template;
use axum::extract::{Path, Query, State};
use rapport_domain::ListQuery;
use rapport_domain::model::access::Reach;
use rapport_domain::model::{Action, Condition, FieldType, Filter, ObjectDef, Op, Operand};
use serde::Deserialize;

use super::format::Format;
use super::i18n::Tr;
use super::page::{Chrome, PageResult, UiError, Viewer, render};
use crate::AppState;

/// Records per object in the type-ahead.
const PER_OBJECT: u32 = 5;
/// Records in a relation look-up.
const LOOKUP_ROWS: u32 = 10;

#[derive(Deserialize, Default)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

/// One hit.
pub struct Hit {
    pub href: String,
    pub label: String,
    pub detail: String,
}

/// The hits of one object.
pub struct Group {
    pub title: String,
    pub hits: Vec<Hit>,
    pub more_href: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    t: Tr,
    chrome: Chrome,
    q: String,
    groups: Vec<Group>,
}

fn searchable(viewer: &Viewer, objects: Vec<ObjectDef>) -> Vec<ObjectDef> {
    let mut out: Vec<ObjectDef> = objects
        .into_iter()
        .filter(|o| !o.hidden && o.has_search() && viewer.actor().reach(&o.id, Action::Read) != Reach::None)
        .collect();
    // Objects with a search rank first, in its order; the others follow by name.
    out.sort_by_key(|o| (o.behaviour.search_rank.unwrap_or(i32::MAX), o.label_plural.clone()));
    out
}

/// A second line for a hit: the first email or phone it has (a phone grouped as its
/// country writes it), else nothing.
fn detail(format: &Format, object: &ObjectDef, record: &rapport_domain::model::Record) -> String {
    object
        .visible_fields()
        .filter(|f| f.kind.contact_kind().is_some())
        .find_map(|f| match record.get(&f.id) {
            rapport_domain::model::Value::Contacts(points) => points.first().map(|p| format.point(&f.kind, p)),
            rapport_domain::model::Value::Text(t) if matches!(f.kind, FieldType::Phone { .. }) => Some(format.phone(t)),
            rapport_domain::model::Value::Text(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

async fn groups(state: &AppState, viewer: &Viewer, q: &str) -> Result<Vec<Group>, UiError> {
    if q.trim().is_empty() {
        return Ok(Vec::new());
    }
    let schema = viewer.schema(state).await?;
    let mut out = Vec::new();
    for object in searchable(viewer, schema.all().cloned().collect()) {
        let query = ListQuery { q: Some(q.to_owned()), limit: PER_OBJECT, ..ListQuery::default() };
        let page = state.crm.list(viewer.actor(), &object.api_name, query).await?;
        if page.records.is_empty() {
            continue;
        }
        let hits = page
            .records
            .iter()
            .map(|r| Hit {
                href: format!("/o/{}/{}", object.api_name, r.id),
                label: viewer.format.label(&object, r),
                detail: detail(&viewer.format, &object, r),
            })
            .collect();
        out.push(Group {
            title: object.label_plural.clone(),
            hits,
            more_href: format!("/o/{}?q={}", object.api_name, super::page::urlencode(q)),
        });
    }
    Ok(out)
}

/// `GET /search?q=…`: the whole page, or (for the type-ahead) the same page from
/// which htmx takes the results.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Query(params): Query<SearchParams>) -> PageResult {
    let groups = groups(&state, &viewer, &params.q).await?;
    let chrome = viewer.chrome(&state, "search").await?;
    Ok(render(&SearchPage { t: viewer.tr.clone(), chrome, q: params.q, groups }))
}

#[derive(Deserialize, Default)]
pub struct LookupParams {
    #[serde(default, rename = "_lookup")]
    text: String,
}

#[derive(Template)]
#[template(path = "lookup.html")]
struct Lookup {
    t: Tr,
    hits: Vec<(String, String)>,
}

/// `GET /lookup/{object_id}?_lookup=…`: records of an object by name, for a relation
/// input (its options carry the id to set).
pub async fn lookup(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(object_id): Path<String>,
    Query(params): Query<LookupParams>,
) -> PageResult {
    let schema = viewer.schema(&state).await?;
    let object = schema.object(&object_id).ok().filter(|o| !o.hidden).ok_or_else(UiError::not_found)?;
    let text = Some(params.text.trim().to_owned()).filter(|t| !t.is_empty());
    let label = object.label_field.as_deref().and_then(|id| object.field(id)).map(|f| f.api_name.clone());
    // Objects without a search index (pipelines, stages) are looked up by label.
    let (q, filter) = match (text, label) {
        (Some(text), _) if object.has_search() => (Some(text), None),
        (Some(text), Some(label)) => {
            let condition = Condition { path: vec![label], op: Op::Contains, operand: Operand::Value(text) };
            (None, Some(Filter::Cond(condition)))
        }
        _ => (None, None),
    };
    let query = ListQuery { q, filter, limit: LOOKUP_ROWS, ..ListQuery::default() };
    let page = state.crm.list(viewer.actor(), &object.api_name, query).await?;
    let hits = page.records.iter().map(|r| (r.id.to_string(), viewer.format.label(object, r))).collect();
    Ok(render(&Lookup { t: viewer.tr.clone(), hits }))
}
