//! Home: the page a user's day starts on. Everything on it is read from metadata,
//! never from object names:
//!
//! - **My day**: the lists objects declare (`behaviour.home`) — tasks due today by
//!   time then overdue newest first, each marked done in place where the list says
//!   how (`done`); meetings of the coming days; today's calls; reminders — each item
//!   with the records it is linked to (its customer); the open records that need
//!   attention (`behaviour.attention`, see `rapport_domain::home`); the user's open
//!   records by stage, one table per pipeline (`board.home`), amounts one line per
//!   currency; and the records opened last.
//! - **My team** (`?view=team`), for a user who manages a team's records: per member,
//!   the counts of the lists that declare a `team` window (overdue tasks, today's
//!   meetings) and the open pipeline by stage.
//!
//! A fixed number of statements, whatever the data: per list at most two pages, its
//! links and one read per kind of linked record; per board its open stages, one
//! grouped total and its pipelines; per team view its members and one grouped total
//! per count.

mod attention;
mod boards;
mod done;
mod team;

use askama::Template;
use axum::extract::{Query, State};
use rapport_domain::ListQuery;
use rapport_domain::model::behaviour::{HomeList, Window};
use rapport_domain::model::filter::print as print_filter;
use rapport_domain::model::sort::SortKey;
use rapport_domain::model::{Action, FieldDef, Filter, ObjectDef, Op, Record, Schema, Value};
use rust_decimal::Decimal;
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use done::mark_done;

use super::format::Format;
use super::i18n::Tr;
use super::page::{Chrome, PageResult, UiError, Viewer, render, urlencode};
use crate::AppState;

/// Items per agenda list (the list's own page has the rest).
const AGENDA: u32 = 10;
/// Recently viewed records on Home.
const RECENT: usize = 8;
/// Linked records shown with an item.
const CUSTOMERS: usize = 3;

/// A link: where and what it says.
pub struct Link {
    pub href: String,
    pub label: String,
}

/// What a section says when it has nothing, and what to do next.
pub struct Empty {
    pub text: String,
    pub link: Link,
}

/// The form that marks an item done in place.
pub struct DoneForm {
    pub action: String,
    pub version: i64,
    pub list: String,
    /// The button's accessible name: the action and the item.
    pub label: String,
}

/// One item of an agenda list.
pub struct Item {
    /// The element id of its row (`home-tasks-{id}`).
    pub dom_id: String,
    pub href: String,
    pub label: String,
    pub when: String,
    /// The moment, for `<time datetime>`.
    pub when_iso: String,
    pub overdue: bool,
    /// The records it is linked to (its customer).
    pub customers: Vec<Link>,
    pub done: Option<DoneForm>,
}

/// Items under a heading of their own ("Today", "Overdue", a day of the week); the
/// heading is empty for a list of one group.
pub struct Group {
    pub key: String,
    pub title: String,
    pub items: Vec<Item>,
}

/// A list of the user's records, as an object's metadata declares it.
pub struct Agenda {
    pub key: String,
    pub title: String,
    pub groups: Vec<Group>,
    pub empty: Empty,
    pub link: Link,
}

impl Agenda {
    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.items.is_empty())
    }
}

/// `?view=team` asks for the team view.
#[derive(Debug, Default, Deserialize)]
pub struct HomeQuery {
    #[serde(default)]
    view: Option<String>,
}

/// What My day shows.
struct DayView {
    lists: Vec<Agenda>,
    attention: Vec<attention::AttentionList>,
    boards: Vec<boards::BoardSummary>,
    recent: Agenda,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    t: Tr,
    chrome: Chrome,
    greeting_name: String,
    today: String,
    /// Whether the user may switch to the team view (and whether it is shown).
    may_see_team: bool,
    day: Option<DayView>,
    team: Option<team::TeamView>,
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The message `id` in the viewer's language, or `fallback` where there is none (a
/// custom object's list).
fn text_or(tr: &Tr, id: &str, fallback: impl FnOnce() -> String) -> String {
    if tr.has(id) { tr.t(id) } else { fallback() }
}

/// A count in the user's digits.
fn count_text(format: &Format, n: i64) -> String {
    format.number(Decimal::from(n))
}

/// Sums of money, one line per currency in the user's language (never added across
/// currencies: Rapport holds no exchange rates).
fn money_lines(format: &Format, sums: &[(String, Decimal)]) -> Vec<String> {
    let mut sums = sums.to_vec();
    sums.sort_by(|a, b| a.0.cmp(&b.0));
    sums.iter().map(|(currency, amount)| format.money(*amount, currency)).collect()
}

/// How many records, and their amounts per currency.
type Counted = (i64, Vec<(String, Decimal)>);

/// Adds `more` to per-currency `sums`.
fn add_sums(sums: &mut Vec<(String, Decimal)>, more: &[(String, Decimal)]) {
    for (currency, amount) in more {
        match sums.iter_mut().find(|(c, _)| c == currency) {
            Some((_, total)) => *total += *amount,
            None => sums.push((currency.clone(), *amount)),
        }
    }
}

/// The date and moments Home's windows are made of, in the viewer's zone.
pub struct Day {
    pub today: jiff::civil::Date,
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
    pub now: OffsetDateTime,
}

impl Day {
    fn of(format: &Format) -> Day {
        let now = OffsetDateTime::now_utc();
        let today = format.today();
        let start = format.start_of(today).unwrap_or(now);
        let end = Day::start_after(format, today, 1).unwrap_or(start + time::Duration::days(1));
        Day { today, start, end, now }
    }

    /// Where the day `days` after `today` starts.
    fn start_after(format: &Format, today: jiff::civil::Date, days: i64) -> Option<OffsetDateTime> {
        let day = today.checked_add(jiff::Span::new().days(days)).ok()?;
        format.start_of(day)
    }

    /// Today as a `time` date (what date fields hold).
    pub fn today_date(&self) -> time::Date {
        let month = time::Month::try_from(self.today.month() as u8).unwrap_or(time::Month::January);
        time::Date::from_calendar_date(i32::from(self.today.year()), month, self.today.day() as u8)
            .unwrap_or(time::Date::MIN)
    }
}

/// The user's own records a list is about, without its time window.
fn mine(object: &ObjectDef, list: &HomeList) -> Option<Filter> {
    Filter::all([Some(Filter::eq("owner", "me")), only(object, list)])
}

/// The values a list keeps (open tasks).
fn only(object: &ObjectDef, list: &HomeList) -> Option<Filter> {
    list.only.as_ref().and_then(|only| {
        let field = object.field(&only.field)?;
        Some(Filter::in_(&field.api_name, only.values.iter().cloned()))
    })
}

fn between(at: &str, from: OffsetDateTime, to: OffsetDateTime) -> Filter {
    Filter::And(vec![Filter::cmp(at, Op::Gte, iso(from)), Filter::cmp(at, Op::Lt, iso(to))])
}

/// The records of a window, by the date-time field `at` (the team view counts by it).
fn window_filter(at: &str, window: Window, list: &HomeList, format: &Format, day: &Day) -> Filter {
    match window {
        Window::DueToday => Filter::cmp(at, Op::Lt, iso(day.end)),
        Window::DueNow => Filter::cmp(at, Op::Lte, iso(day.now)),
        Window::Today => between(at, day.start, day.end),
        Window::Upcoming => {
            let days = i64::from(list.upcoming_days()) + 1;
            let end = Day::start_after(format, day.today, days).unwrap_or(day.end);
            between(at, day.start, end)
        }
    }
}

/// One read of a list: the records of a window under one heading, in one order.
struct Part {
    group: &'static str,
    filter: Filter,
    newest_first: bool,
}

/// The reads a list is made of: tasks due are today's by time, then the overdue ones
/// of the days before, newest first (the oldest are the least likely to be done).
fn parts(when: &FieldDef, list: &HomeList, format: &Format, day: &Day) -> Vec<Part> {
    let at = when.api_name.as_str();
    match list.window {
        Window::DueToday => vec![
            Part { group: "today", filter: between(at, day.start, day.end), newest_first: false },
            Part { group: "overdue", filter: Filter::cmp(at, Op::Lt, iso(day.start)), newest_first: true },
        ],
        window => vec![Part {
            group: "",
            filter: window_filter(at, window, list, format, day),
            newest_first: list.newest_first,
        }],
    }
}

/// The moment a record's `when` field holds.
fn moment(record: &Record, when: &FieldDef) -> Option<OffsetDateTime> {
    match record.get(&when.id) {
        Value::DateTime(t) => Some(*t),
        _ => None,
    }
}

/// A group's heading: today, tomorrow, or the day.
fn day_title(tr: &Tr, format: &Format, day: &Day, date: jiff::civil::Date) -> String {
    let tomorrow = day.today.tomorrow().ok();
    if date == day.today {
        tr.t("home-group-today")
    } else if Some(date) == tomorrow {
        tr.t("home-group-tomorrow")
    } else {
        format.long_day(date)
    }
}

/// How an item's moment reads: the time on today's items and under a day's heading,
/// the day and time on others.
fn when_text(format: &Format, day: &Day, window: Window, t: OffsetDateTime) -> String {
    if window == Window::Upcoming || format.local_date(t) == Some(day.today) {
        format.time(t)
    } else {
        format.datetime(t)
    }
}

/// The records a page of activities is linked to, as links per activity.
async fn customers(
    state: &AppState,
    viewer: &Viewer,
    schema: &Schema,
    object: &ObjectDef,
    records: &[Record],
) -> Result<std::collections::HashMap<uuid::Uuid, Vec<Link>>, UiError> {
    let mut out: std::collections::HashMap<uuid::Uuid, Vec<Link>> = std::collections::HashMap::new();
    if !object.is_activity || records.is_empty() {
        return Ok(out);
    }
    let ids: Vec<uuid::Uuid> = records.iter().map(|r| r.id).collect();
    for linked in state.crm.linked_records(viewer.actor(), &object.api_name, &ids).await? {
        let Ok(target) = schema.object_by_api(&linked.object) else { continue };
        let links = out.entry(linked.activity_id).or_default();
        if links.len() < CUSTOMERS {
            links.push(Link {
                href: format!("/o/{}/{}", target.api_name, linked.record.id),
                label: viewer.format.label(target, &linked.record),
            });
        }
    }
    Ok(out)
}

/// The list of a page of records, or none when the user's role does not reach the
/// object (an agenda of an object the user may not read is no error).
async fn read_part(
    state: &AppState,
    viewer: &Viewer,
    object: &ObjectDef,
    query: ListQuery,
) -> Result<Option<Vec<Record>>, UiError> {
    match state.crm.list(viewer.actor(), &object.api_name, query).await {
        Ok(page) => Ok(Some(page.records)),
        Err(e) => {
            let problem = crate::problem::Problem::from(e);
            if problem.status.is_client_error() { Ok(None) } else { Err(UiError::from(problem)) }
        }
    }
}

/// The form that marks `record` done, where the list says how and the user may edit it.
fn done_form(viewer: &Viewer, object: &ObjectDef, list: &HomeList, record: &Record, label: &str) -> Option<DoneForm> {
    let done = list.done.as_ref()?;
    object.field(&done.field).filter(|f| !f.hidden)?;
    if !viewer.actor().may(&object.id, Action::Edit, record.owner_id, record.team_id) {
        return None;
    }
    Some(DoneForm {
        action: format!("/home/done/{}/{}", object.api_name, record.id),
        version: record.version,
        list: list.key.clone(),
        label: viewer.tr.t1("home-mark-done-label", "item", label),
    })
}

/// An item of a list.
pub(super) fn item(
    viewer: &Viewer,
    (object, list, when): (&ObjectDef, &HomeList, &FieldDef),
    day: &Day,
    record: &Record,
    customers: Vec<Link>,
) -> Item {
    let at = moment(record, when);
    let label = viewer.format.label(object, record);
    Item {
        dom_id: format!("home-{}-{}", list.key, record.id),
        href: format!("/o/{}/{}", object.api_name, record.id),
        when: at.map(|t| when_text(&viewer.format, day, list.window, t)).unwrap_or_default(),
        when_iso: at.map(iso).unwrap_or_default(),
        overdue: list.window == Window::DueToday && at.is_some_and(|t| t < day.now),
        customers,
        done: done_form(viewer, object, list, record, &label),
        label,
    }
}

/// Puts items under their headings: as their reads said, or by day for a list of the
/// coming days.
fn grouped(
    viewer: &Viewer,
    list: &HomeList,
    day: &Day,
    read: Vec<(&'static str, Item, Option<OffsetDateTime>)>,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (group, item, at) in read {
        let (key, title) = if list.window == Window::Upcoming {
            let date = at.and_then(|t| viewer.format.local_date(t)).unwrap_or(day.today);
            (date.to_string(), day_title(&viewer.tr, &viewer.format, day, date))
        } else if group.is_empty() {
            (String::new(), String::new())
        } else {
            (group.to_owned(), viewer.tr.t(&format!("home-group-{group}")))
        };
        match groups.last_mut() {
            Some(last) if last.key == key => last.items.push(item),
            _ => groups.push(Group { key, title, items: vec![item] }),
        }
    }
    groups
}

/// Where a list's "show all" goes: the calendar for events, else the whole list.
fn list_link(tr: &Tr, object: &ObjectDef, list: &HomeList, when: &FieldDef) -> Link {
    let key = &list.key;
    if matches!(list.window, Window::Today | Window::Upcoming) && object.behaviour.calendar.is_some() {
        return Link { href: "/calendar".into(), label: tr.t("home-calendar") };
    }
    let filter = mine(object, list).map(|f| print_filter(&f)).unwrap_or_default();
    let href = format!("/o/{}?filter={}&order_by={}", object.api_name, urlencode(&filter), urlencode(&when.api_name));
    Link { href, label: text_or(tr, &format!("home-list-{key}-all"), || tr.t("home-show-all")) }
}

/// What an empty list says, and the next step: a new record (on the calendar for an
/// object scheduled there).
fn empty_state(tr: &Tr, object: &ObjectDef, list: &HomeList) -> Empty {
    let key = &list.key;
    let scheduled = object.behaviour.calendar.as_ref().is_some_and(|c| c.schedule);
    let href = if scheduled { "/calendar".to_owned() } else { format!("/o/{}/new", object.api_name) };
    Empty {
        text: text_or(tr, &format!("home-list-{key}-none"), || tr.t("home-list-none")),
        link: Link { href, label: text_or(tr, &format!("home-list-{key}-add"), || tr.t("list-new")) },
    }
}

async fn agenda(
    state: &AppState,
    viewer: &Viewer,
    schema: &Schema,
    (object, list): (&ObjectDef, &HomeList),
    day: &Day,
) -> Result<Option<Agenda>, UiError> {
    let Some(when) = object.field(&list.when).filter(|f| !f.hidden) else { return Ok(None) };
    let mut read: Vec<(&'static str, Record)> = Vec::new();
    for part in parts(when, list, &viewer.format, day) {
        let room = AGENDA.saturating_sub(u32::try_from(read.len()).unwrap_or(AGENDA));
        if room == 0 {
            break;
        }
        let sort = vec![if part.newest_first { SortKey::desc(&when.api_name) } else { SortKey::asc(&when.api_name) }];
        let filter = Filter::all([mine(object, list), Some(part.filter)]);
        let query = ListQuery { filter, sort, limit: room, ..ListQuery::default() };
        let Some(records) = read_part(state, viewer, object, query).await? else { return Ok(None) };
        read.extend(records.into_iter().map(|r| (part.group, r)));
    }
    let records: Vec<Record> = read.iter().map(|(_, r)| r.clone()).collect();
    let mut linked = customers(state, viewer, schema, object, &records).await?;
    let items = read
        .into_iter()
        .map(|(group, record)| {
            let links = linked.remove(&record.id).unwrap_or_default();
            let at = moment(&record, when);
            (group, item(viewer, (object, list, when), day, &record, links), at)
        })
        .collect();
    let tr = &viewer.tr;
    Ok(Some(Agenda {
        key: list.key.clone(),
        title: text_or(tr, &format!("home-list-{}", list.key), || {
            if list.title.is_empty() { object.label_plural.clone() } else { list.title.clone() }
        }),
        groups: grouped(viewer, list, day, items),
        empty: empty_state(tr, object, list),
        link: list_link(tr, object, list, when),
    }))
}

/// The objects with home lists, in the order of the global search.
fn home_objects(schema: &Schema) -> Vec<&ObjectDef> {
    let mut objects: Vec<&ObjectDef> = schema.all().filter(|o| !o.hidden && !o.behaviour.home.is_empty()).collect();
    objects.sort_by_key(|o| (o.behaviour.search_rank.unwrap_or(i32::MAX), o.label_plural.clone()));
    objects
}

/// The home lists of every object, in the objects' order.
async fn agendas(state: &AppState, viewer: &Viewer, schema: &Schema, day: &Day) -> Result<Vec<Agenda>, UiError> {
    let mut out = Vec::new();
    for object in home_objects(schema) {
        for list in &object.behaviour.home {
            out.extend(agenda(state, viewer, schema, (object, list), day).await?);
        }
    }
    Ok(out)
}

/// Records the user opened last (and may still read).
async fn recent(state: &AppState, viewer: &Viewer, schema: &Schema) -> Result<Agenda, UiError> {
    let recent = state.crm.recent_records(viewer.actor(), RECENT).await?;
    let items = recent
        .into_iter()
        .filter_map(|(api, record)| {
            let object = schema.object_by_api(&api).ok()?;
            Some(Item {
                dom_id: format!("home-recent-{}", record.id),
                href: format!("/o/{api}/{}", record.id),
                label: viewer.format.label(object, &record),
                when: object.label.clone(),
                when_iso: String::new(),
                overdue: false,
                customers: Vec::new(),
                done: None,
            })
        })
        .collect();
    let tr = &viewer.tr;
    Ok(Agenda {
        key: "recent".into(),
        title: tr.t("home-recent"),
        groups: vec![Group { key: String::new(), title: String::new(), items }],
        empty: Empty {
            text: tr.t("home-recent-empty"),
            link: Link { href: "/search".into(), label: tr.t("home-recent-search") },
        },
        link: Link { href: String::new(), label: String::new() },
    })
}

async fn day_view(state: &AppState, viewer: &Viewer, schema: &Schema, day: &Day) -> Result<DayView, UiError> {
    Ok(DayView {
        lists: agendas(state, viewer, schema, day).await?,
        attention: attention::lists(state, viewer, schema, day).await?,
        boards: boards::summaries(state, viewer, schema).await?,
        recent: recent(state, viewer, schema).await?,
    })
}

/// `GET /` (and `/?view=team`).
pub async fn page(State(state): State<AppState>, viewer: Viewer, Query(query): Query<HomeQuery>) -> PageResult {
    let schema = viewer.schema(&state).await?;
    let day = Day::of(&viewer.format);
    let may_see_team = team::may_see(&viewer, schema);
    let wants_team = may_see_team && query.view.as_deref() == Some("team");
    let (day_part, team_part) = if wants_team {
        (None, Some(team::view(&state, &viewer, schema, &day).await?))
    } else {
        (Some(day_view(&state, &viewer, schema, &day).await?), None)
    };
    let page = HomePage {
        t: viewer.tr.clone(),
        chrome: viewer.chrome(&state, "home").await?,
        greeting_name: viewer.caller.user().display_name.clone(),
        today: viewer.format.long_day(day.today),
        may_see_team,
        day: day_part,
        team: team_part,
    };
    Ok(render(&page))
}
