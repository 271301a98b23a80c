//! Home: what the signed-in user has to do today — the lists objects declare in their
//! metadata (`behaviour.home`: tasks due, today's meetings and calls, reminders), their
//! open records by stage for objects whose board says so (opportunities), and the
//! records they opened last. A fixed number of statements, whatever the data.

use askama::Template;
use axum::extract::State;
use rapport_domain::ListQuery;
use rapport_domain::aggregate::TotalsQuery;
use rapport_domain::model::behaviour::{HomeList, Window, outcome};
use rapport_domain::model::filter::print as print_filter;
use rapport_domain::model::sort::SortKey;
use rapport_domain::model::{FieldDef, Filter, ObjectDef, Op, Schema, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::i18n::Tr;
use super::page::{Chrome, PageResult, UiError, Viewer, render, urlencode};
use crate::AppState;

/// Items per agenda list.
const AGENDA: u32 = 20;
/// Recently viewed records on Home.
const RECENT: usize = 8;
/// Stages read for a board summary (far more than any sales process has).
const STAGES: u32 = 200;

/// One item of an agenda list.
pub struct Item {
    pub href: String,
    pub label: String,
    pub when: String,
    pub overdue: bool,
}

/// A list of the user's records, as an object's metadata declares it.
pub struct Agenda {
    pub key: String,
    pub title: String,
    pub empty: String,
    pub items: Vec<Item>,
    pub link: String,
    pub link_label: String,
}

/// Open records in one stage.
pub struct StageSum {
    pub stage: String,
    pub count: usize,
    pub total: String,
    /// Share of the largest stage's count, for the bar (0–100).
    pub width: u32,
}

/// The user's open records of an object by the stages of its board.
pub struct BoardSummary {
    pub key: String,
    pub title: String,
    pub empty: String,
    pub column: String,
    pub stages: Vec<StageSum>,
    pub link: String,
    pub link_label: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: Tr,
    chrome: Chrome,
    lists: Vec<Agenda>,
    boards: Vec<BoardSummary>,
    recent: Vec<Item>,
    greeting_name: String,
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The message `id` in the viewer's language, or `fallback` where there is none (a
/// custom object's list).
fn text_or(tr: &Tr, id: &str, fallback: impl FnOnce() -> String) -> String {
    if tr.has(id) { tr.t(id) } else { fallback() }
}

/// Today in the viewer's zone, and now.
struct Day {
    start: OffsetDateTime,
    end: OffsetDateTime,
    now: OffsetDateTime,
}

impl Day {
    fn of(viewer: &Viewer) -> Day {
        let now = OffsetDateTime::now_utc();
        let today = viewer.format.today();
        let start = viewer.format.start_of(today).unwrap_or(now);
        let end =
            today.tomorrow().ok().and_then(|d| viewer.format.start_of(d)).unwrap_or(start + time::Duration::days(1));
        Day { start, end, now }
    }
}

/// The user's own records a list is about, without its time window.
fn mine(object: &ObjectDef, list: &HomeList) -> Option<Filter> {
    let only = list.only.as_ref().and_then(|only| {
        let field = object.field(&only.field)?;
        Some(Filter::in_(&field.api_name, only.values.iter().cloned()))
    });
    Filter::all([Some(Filter::eq("owner", "me")), only])
}

fn window(when: &FieldDef, window: Window, day: &Day) -> Filter {
    let at = when.api_name.as_str();
    match window {
        Window::DueToday => Filter::cmp(at, Op::Lt, iso(day.end)),
        Window::DueNow => Filter::cmp(at, Op::Lte, iso(day.now)),
        Window::Today => {
            Filter::And(vec![Filter::cmp(at, Op::Gte, iso(day.start)), Filter::cmp(at, Op::Lt, iso(day.end))])
        }
    }
}

async fn agenda(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    list: &HomeList,
    day: &Day,
) -> Result<Option<Agenda>, UiError> {
    let Some(when) = object.field(&list.when).filter(|f| !f.hidden) else { return Ok(None) };
    let sort = vec![if list.newest_first { SortKey::desc(&when.api_name) } else { SortKey::asc(&when.api_name) }];
    let filter = Filter::all([mine(object, list), Some(window(when, list.window, day))]);
    let query = ListQuery { filter, sort, limit: AGENDA, ..ListQuery::default() };
    let page = match state.crm.list(viewer.actor(), &object.api_name, query).await {
        Ok(page) => page,
        Err(e) => {
            let problem = crate::problem::Problem::from(e);
            // An object, or a field, the user's role does not reach makes no agenda
            // rather than an error page.
            if problem.status.is_client_error() {
                return Ok(None);
            }
            return Err(UiError::from(problem));
        }
    };
    let items = page
        .records
        .iter()
        .map(|r| {
            let at = match r.get(&when.id) {
                Value::DateTime(t) => Some(*t),
                _ => None,
            };
            Item {
                href: format!("/o/{}/{}", object.api_name, r.id),
                label: viewer.format.label(object, r),
                when: at.map(|t| viewer.format.datetime(t)).unwrap_or_default(),
                overdue: at.is_some_and(|t| t < day.now),
            }
        })
        .collect();
    let tr = &viewer.tr;
    let key = &list.key;
    // Today's events are on the calendar; other lists open the whole list.
    let (link, link_label) = if list.window == Window::Today && object.behaviour.calendar.is_some() {
        ("/calendar".to_owned(), tr.t("home-calendar"))
    } else {
        let filter = mine(object, list).map(|f| print_filter(&f)).unwrap_or_default();
        let href =
            format!("/o/{}?filter={}&order_by={}", object.api_name, urlencode(&filter), urlencode(&when.api_name));
        (href, text_or(tr, &format!("home-{key}-link"), || tr.t("home-show-all")))
    };
    Ok(Some(Agenda {
        key: key.clone(),
        title: text_or(tr, &format!("home-{key}"), || {
            if list.title.is_empty() { object.label_plural.clone() } else { list.title.clone() }
        }),
        empty: text_or(tr, &format!("home-{key}-empty"), || tr.t("home-list-empty")),
        items,
        link,
        link_label,
    }))
}

/// The home lists of every object, in the objects' order.
async fn agendas(state: &AppState, viewer: &Viewer, schema: &Schema) -> Result<Vec<Agenda>, UiError> {
    let day = Day::of(viewer);
    let mut objects: Vec<&ObjectDef> = schema.all().filter(|o| !o.hidden && !o.behaviour.home.is_empty()).collect();
    objects.sort_by_key(|o| (o.behaviour.search_rank.unwrap_or(i32::MAX), o.label_plural.clone()));
    let mut out = Vec::new();
    for object in objects {
        for list in &object.behaviour.home {
            out.extend(agenda(state, viewer, object, list, &day).await?);
        }
    }
    Ok(out)
}

/// An object's board whose default field's columns are stages, with the stage object.
fn stage_board<'a>(schema: &'a Schema, object: &'a ObjectDef) -> Option<(&'a FieldDef, &'a ObjectDef)> {
    let board = object.behaviour.board.as_ref().filter(|b| b.home)?;
    let field = object.field(board.default.as_deref().or(board.fields.first().map(String::as_str))?)?;
    let stages = schema.object(field.kind.relation_target()?).ok()?;
    stages.behaviour.stages.as_ref()?;
    Some((field, stages))
}

/// The user's open records of `object`, counted and summed by stage in one statement
/// (the open stages in their order; stages without any left out).
async fn board_summary(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    (by, stages): (&FieldDef, &ObjectDef),
) -> Result<BoardSummary, UiError> {
    let Some(caps) = &stages.behaviour.stages else { return Err(UiError::not_found()) };
    let field_of = |id: &Option<String>| id.as_deref().and_then(|id| stages.field(id)).map(|f| f.api_name.clone());
    let stage_query = ListQuery {
        filter: field_of(&caps.outcome).map(|outcome| Filter::eq(&outcome, outcome::OPEN)),
        sort: field_of(&caps.order).map(|order| vec![SortKey::asc(&order)]).unwrap_or_default(),
        limit: STAGES,
        ..ListQuery::default()
    };
    let open = state.crm.list(viewer.actor(), &stages.api_name, stage_query).await?;
    let sum = object.behaviour.board.as_ref().and_then(|b| b.sum.as_deref()).and_then(|id| object.field(id));
    let mut rows = Vec::new();
    if !open.records.is_empty() {
        let ids = open.records.iter().map(|r| r.id.to_string());
        let filter = Filter::all([Some(Filter::eq("owner", "me")), Some(Filter::in_(&by.api_name, ids))]);
        let query = TotalsQuery {
            list: ListQuery { filter, ..ListQuery::default() },
            group_by: Some(by.api_name.clone()),
            sum: sum.map(|f| f.api_name.clone()),
        };
        let totals = state.crm.totals(viewer.actor(), &object.api_name, query).await?;
        rows = open
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
    }
    let most = rows.iter().map(|s| s.count).max().unwrap_or(0).max(1);
    for s in &mut rows {
        s.width = u32::try_from(s.count * 100 / most).unwrap_or(100);
    }
    let tr = &viewer.tr;
    let key = format!("home-board-{}", object.id);
    Ok(BoardSummary {
        title: text_or(tr, &key, || object.label_plural.clone()),
        empty: text_or(tr, &format!("{key}-empty"), || tr.t("home-list-empty")),
        column: by.label.clone(),
        stages: rows,
        link: format!("/kanban/{}", object.api_name),
        link_label: text_or(tr, &format!("{key}-link"), || tr.t("home-open-board")),
        key,
    })
}

async fn boards(state: &AppState, viewer: &Viewer, schema: &Schema) -> Result<Vec<BoardSummary>, UiError> {
    let mut out = Vec::new();
    for object in schema.all().filter(|o| !o.hidden) {
        let Some(board) = stage_board(schema, object) else { continue };
        match board_summary(state, viewer, object, board).await {
            Ok(summary) => out.push(summary),
            // An object or a stage list the user's role does not reach has no summary.
            Err(e) if e.status.is_client_error() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
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
    let schema = viewer.schema(&state).await?;
    let page = HomePage {
        t: viewer.tr.clone(),
        chrome: viewer.chrome(&state, "home").await?,
        lists: agendas(&state, &viewer, schema).await?,
        boards: boards(&state, &viewer, schema).await?,
        recent: recent(&state, &viewer).await?,
        greeting_name: viewer.caller.user().display_name.clone(),
    };
    Ok(render(&page))
}
