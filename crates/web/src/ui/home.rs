//! Home: what the signed-in user has to do today — overdue and today's tasks, today's
//! meetings and calls, reminders that are due — their open opportunities by stage, and
//! the records they opened last. A fixed number of statements, whatever the data.

use askama::Template;
use axum::extract::State;
use rapport_domain::ListQuery;
use rapport_domain::aggregate::TotalsQuery;
use rapport_domain::model::Value;
use rapport_domain::model::filter::parse as parse_filter;
use rapport_domain::model::sort::parse_sort;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::i18n::Tr;
use super::page::{Chrome, PageResult, UiError, Viewer, render};
use crate::AppState;

/// Items per agenda list.
const AGENDA: u32 = 20;
/// Recently viewed records on Home.
const RECENT: usize = 8;

/// One item of an agenda list.
pub struct Item {
    pub href: String,
    pub label: String,
    pub when: String,
    pub overdue: bool,
}

/// Open opportunities in one stage.
pub struct StageSum {
    pub stage: String,
    pub count: usize,
    pub total: String,
    /// Share of the largest stage's count, for the bar (0–100).
    pub width: u32,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: Tr,
    chrome: Chrome,
    tasks: Vec<Item>,
    meetings: Vec<Item>,
    calls: Vec<Item>,
    reminders: Vec<Item>,
    stages: Vec<StageSum>,
    recent: Vec<Item>,
    greeting_name: String,
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

async fn agenda(
    state: &AppState,
    viewer: &Viewer,
    object: &str,
    filter: &str,
    sort: &str,
    when_field: &str,
) -> Result<Vec<Item>, UiError> {
    let schema = viewer.schema(state).await?;
    let Ok(def) = schema.object_by_api(object) else { return Ok(Vec::new()) };
    let (Ok(filter), Ok(sort)) = (parse_filter(filter), parse_sort(sort)) else { return Ok(Vec::new()) };
    let query = ListQuery { filter: Some(filter), sort, limit: AGENDA, ..ListQuery::default() };
    let page = match state.crm.list(viewer.actor(), object, query).await {
        Ok(page) => page,
        Err(e) => {
            let problem = crate::problem::Problem::from(e);
            // An object, or a field, the user's role does not reach makes no agenda
            // rather than an error page.
            if problem.status.is_client_error() {
                return Ok(Vec::new());
            }
            return Err(UiError::from(problem));
        }
    };
    let now = OffsetDateTime::now_utc();
    let field = def.field_by_api(when_field).ok().map(|f| f.id.clone()).unwrap_or_default();
    Ok(page
        .records
        .iter()
        .map(|r| {
            let at = match r.get(&field) {
                Value::DateTime(t) => Some(*t),
                _ => None,
            };
            Item {
                href: format!("/o/{object}/{}", r.id),
                label: viewer.format.label(def, r),
                when: at.map(|t| viewer.format.datetime(t)).unwrap_or_default(),
                overdue: at.is_some_and(|t| t < now),
            }
        })
        .collect())
}

/// Open opportunities of the user, counted and summed by stage in one statement (the
/// stages in their order; stages without any left out).
async fn pipeline(state: &AppState, viewer: &Viewer) -> Result<Vec<StageSum>, UiError> {
    let schema = viewer.schema(state).await?;
    let (Ok(_), Ok(stages)) = (schema.object_by_api("opportunities"), schema.object_by_api("stages")) else {
        return Ok(Vec::new());
    };
    let stage_query = ListQuery {
        filter: parse_filter("kind[eq]:open").ok(),
        sort: parse_sort("position").unwrap_or_default(),
        limit: 200,
        ..ListQuery::default()
    };
    let open = state.crm.list(viewer.actor(), "stages", stage_query).await?;
    if open.records.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = open.records.iter().map(|r| r.id.to_string()).collect();
    let filter = parse_filter(&format!("and(owner[eq]:me,stage[in]:[{}])", ids.join(","))).ok();
    let query = TotalsQuery {
        list: ListQuery { filter, ..ListQuery::default() },
        group_by: Some("stage".into()),
        sum: Some("amount".into()),
    };
    let totals = state.crm.totals(viewer.actor(), "opportunities", query).await?;
    let mut sums: Vec<StageSum> = open
        .records
        .iter()
        .filter_map(|stage| {
            let group = totals.iter().find(|t| matches!(t.key, Value::Uuid(id) if id == stage.id))?;
            let total = group.sums.iter().map(|(c, a)| viewer.format.money(*a, c)).collect::<Vec<_>>().join(" + ");
            Some(StageSum {
                stage: viewer.format.label(stages, stage),
                count: usize::try_from(group.count).unwrap_or(0),
                total,
                width: 0,
            })
        })
        .collect();
    let most = sums.iter().map(|s| s.count).max().unwrap_or(0).max(1);
    for s in &mut sums {
        s.width = u32::try_from(s.count * 100 / most).unwrap_or(100);
    }
    Ok(sums)
}

/// Records the user opened last (and may still read).
async fn recent(state: &AppState, viewer: &Viewer) -> Result<Vec<Item>, UiError> {
    let schema = viewer.schema(state).await?;
    let recent = state.crm.recent_records(viewer.actor(), RECENT).await?;
    Ok(recent
        .into_iter()
        .filter_map(|(api, record)| {
            let object = schema.object_by_api(&api).ok()?;
            Some(Item {
                href: format!("/o/{api}/{}", record.id),
                label: viewer.format.label(object, &record),
                when: object.label.clone(),
                overdue: false,
            })
        })
        .collect())
}

/// `GET /`.
pub async fn page(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let fail = |e: UiError| e.render(&viewer.tr);
    let today = viewer.format.today();
    let start = viewer.format.start_of(today).unwrap_or_else(OffsetDateTime::now_utc);
    let end = today.tomorrow().ok().and_then(|d| viewer.format.start_of(d)).unwrap_or(start + time::Duration::days(1));
    let (start, end, now) = (iso(start), iso(end), iso(OffsetDateTime::now_utc()));
    let open = "status[in]:[open,in_progress]";
    let tasks_filter = format!("and(owner[eq]:me,{open},due_at[lt]:\"{end}\")");
    let meetings_filter = format!("and(owner[eq]:me,starts_at[gte]:\"{start}\",starts_at[lt]:\"{end}\")");
    let calls_filter = format!("and(owner[eq]:me,started_at[gte]:\"{start}\",started_at[lt]:\"{end}\")");
    let reminders_filter = format!("and(owner[eq]:me,{open},remind_at[lte]:\"{now}\")");
    let tasks = agenda(&state, &viewer, "tasks", &tasks_filter, "due_at", "due_at");
    let meetings = agenda(&state, &viewer, "meetings", &meetings_filter, "starts_at", "starts_at");
    let calls = agenda(&state, &viewer, "calls", &calls_filter, "started_at[desc]", "started_at");
    let reminders = agenda(&state, &viewer, "tasks", &reminders_filter, "remind_at", "remind_at");
    let page = HomePage {
        t: viewer.tr.clone(),
        chrome: viewer.chrome(&state, "home").await.map_err(fail)?,
        tasks: tasks.await.map_err(fail)?,
        meetings: meetings.await.map_err(fail)?,
        calls: calls.await.map_err(fail)?,
        reminders: reminders.await.map_err(fail)?,
        stages: pipeline(&state, &viewer).await.map_err(fail)?,
        recent: recent(&state, &viewer).await.map_err(fail)?,
        greeting_name: viewer.caller.user().display_name.clone(),
    };
    Ok(render(&page))
}
