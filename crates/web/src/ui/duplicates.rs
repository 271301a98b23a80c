//! The "already in Rapport?" box of a new record's form: while the user types, the
//! records they may read that may be the same one (a shared email or phone, a name
//! that sounds the same in Greek or Latin letters), each a link to open instead.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};

use super::form::{self, Pairs};
use super::page::{PageResult, Viewer, object_of, render};
use crate::AppState;

#[derive(Template)]
#[template(path = "duplicates.html")]
struct Duplicates {
    title: String,
    /// Each record's page and label.
    records: Vec<(String, String)>,
}

/// `POST /o/{object}/duplicates` with the form's fields: the box, empty when nothing
/// matches or the values cannot be read yet (the form names those on saving).
pub async fn suggest(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let input = form::record_input(&object, &pairs, &viewer.format);
    let found = state.crm.possible_duplicates(viewer.actor(), &object.api_name, &input).await.unwrap_or_default();
    let records: Vec<(String, String)> =
        found.iter().map(|r| (format!("/o/{}/{}", object.api_name, r.id), viewer.format.label(&object, r))).collect();
    let title = viewer.tr.t1("duplicates-title", "count", i64::try_from(records.len()).unwrap_or(i64::MAX));
    Ok(render(&Duplicates { title, records }))
}
