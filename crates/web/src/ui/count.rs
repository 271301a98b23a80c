//! How many records a list view matches, shown beside the list's title. Loaded by the
//! list page after it shows (htmx, `hx-trigger="load"`), so a count over a million
//! rows never delays the rows themselves. Above [`EXACT_UP_TO`] matches, by the
//! database's estimate, the list says "about" a rounded number: PostgreSQL's planner
//! answers in constant time; SQLite counts exactly (its estimate is a count).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use rapport_domain::ListQuery;
use rust_decimal::Decimal;

use super::i18n::Arg;
use super::list::{ViewState, filter_of};
use super::page::{PageResult, Viewer, object_of, render, with_page_headers};
use crate::AppState;

/// The largest estimate still counted exactly.
const EXACT_UP_TO: i64 = 10_000;

/// `n` to two significant digits (123,456 → 120,000): what "about" promises.
pub fn rounded(n: i64) -> i64 {
    if n < 100 {
        return n;
    }
    let digits = n.ilog10();
    let unit = 10_i64.pow(digits - 1);
    (n + unit / 2) / unit * unit
}

/// `GET /o/{object}/count?{view}`: the count as a short text, or nothing when the
/// view cannot be counted (its own page says why).
pub async fn count(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(view): Query<ViewState>,
) -> PageResult {
    let object = object_of(&state, &viewer, &name).await?;
    let Ok(filter) = filter_of(&viewer.tr, &view) else { return Ok(empty()) };
    let query = ListQuery {
        filter,
        sort: Vec::new(),
        limit: 1,
        cursor: None,
        q: Some(view.q.clone()).filter(|q| !q.trim().is_empty()),
    };
    let actor = viewer.actor();
    let Ok(estimate) = state.crm.estimate(actor, &object.api_name, query.clone()).await else { return Ok(empty()) };
    let (n, about) = if estimate > EXACT_UP_TO {
        (rounded(estimate), true)
    } else {
        match state.crm.count(actor, &object.api_name, query).await {
            Ok(n) => (n, false),
            Err(_) => return Ok(empty()),
        }
    };
    let shown = viewer.format.number(Decimal::from(n));
    let id = if about { "list-count-about" } else { "list-count" };
    let text = viewer.tr.args(id, &[("count", Arg::Number(n)), ("shown", Arg::Text(shown))]);
    Ok(render(&Counted { text }))
}

#[derive(Template)]
#[template(source = "{{ text }}", ext = "html")]
struct Counted {
    text: String,
}

fn empty() -> Response {
    with_page_headers(Html(String::new()).into_response())
}
