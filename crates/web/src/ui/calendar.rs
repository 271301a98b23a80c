//! The calendar: the records of every object whose metadata puts it on the calendar
//! (`behaviour.calendar`: meetings from start to end, calls for their duration, tasks
//! at their due time, a custom "visit") of a user or a team, by day, week or month, in
//! the viewer's time zone. Only what the viewer may read is shown (the domain applies
//! the viewer's reach in SQL): one list statement per object and view.
//!
//! A slot (an hour of a day, or a day of the month) opens the quick form of a new
//! record of the scheduling object (meetings) starting then. An event moves to another
//! slot by dragging (pointer events, `board.js`) or with its "Reschedule" form; both
//! post the new start with the record's version, and an event with an end keeps its
//! length. The answer is the calendar again.
//!
//! Positions are classes computed here (`dc-3 rs-20 re-24`: day column, first and
//! last grid row), since the content policy forbids inline styles.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::{Date, DateTime, Weekday};
use rapport_domain::ListQuery;
use rapport_domain::model::access::{FieldAccess, Reach};
use rapport_domain::model::sort::SortKey;
use rapport_domain::model::{Action, FieldDef, Filter, ObjectDef, Op, Record, Schema, Value};
use serde::Deserialize;
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::form::{self, Input, InputKind, Pairs};
use super::i18n::Tr;
use super::page::{Chrome, PageError, PageResult, UiError, Viewer, redirect, render, render_status, urlencode};
use super::quick;
use crate::AppState;
use crate::problem::Problem;

/// Items read per kind and view (a view with more says so).
const MAX_ITEMS: u32 = 500;
/// Events shown in a day of the month view; the rest are in the day's view.
const MONTH_EVENTS: usize = 3;
/// Grid rows: a header row, then 48 half hours.
const FIRST_ROW: i64 = 2;
const LAST_ROW: i64 = FIRST_ROW + 48;
/// How long a call without a duration, and a task, are drawn (minutes).
const POINT_MINUTES: i64 = 30;
/// The length of a new event (minutes).
const NEW_EVENT_MINUTES: i64 = 60;
/// Colours of the calendar's objects (`ev-0` …), in their order.
const COLOURS: usize = 6;

/// The objects on the calendar, in their order (their search rank, then name).
fn calendar_objects(schema: &Schema) -> Vec<&ObjectDef> {
    let mut out: Vec<&ObjectDef> = schema.all().filter(|o| !o.hidden && o.behaviour.calendar.is_some()).collect();
    out.sort_by_key(|o| (o.behaviour.search_rank.unwrap_or(i32::MAX), o.label_plural.clone()));
    out
}

/// An object's calendar capability with its fields, as the viewer's schema has them.
struct OnCalendar<'a> {
    object: &'a ObjectDef,
    start: &'a FieldDef,
    end: Option<&'a FieldDef>,
    duration: Option<&'a FieldDef>,
    /// A done record's field and values.
    done: Option<(&'a FieldDef, &'a [String])>,
}

impl<'a> OnCalendar<'a> {
    fn of(object: &'a ObjectDef) -> Option<OnCalendar<'a>> {
        let calendar = object.behaviour.calendar.as_ref()?;
        let visible = |id: &Option<String>| id.as_deref().and_then(|id| object.field(id)).filter(|f| !f.hidden);
        Some(OnCalendar {
            object,
            start: object.field(&calendar.start).filter(|f| !f.hidden)?,
            end: visible(&calendar.end),
            duration: visible(&calendar.duration),
            done: calendar
                .done
                .as_ref()
                .and_then(|d| Some((object.field(&d.field).filter(|f| !f.hidden)?, d.values.as_slice()))),
        })
    }

    /// Whether a record is a moment (a due time) rather than a span.
    fn is_moment(&self) -> bool {
        self.end.is_none() && self.duration.is_none()
    }
}

/// The calendar's state, as its address (and every form on it) carries it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CalState {
    #[serde(default)]
    pub view: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub owner: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Day,
    Week,
    Month,
}

impl View {
    fn name(self) -> &'static str {
        match self {
            View::Day => "day",
            View::Week => "week",
            View::Month => "month",
        }
    }
}

/// Whose calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    Me,
    User(Uuid),
    Team(Uuid),
}

impl Owner {
    fn param(&self) -> String {
        match self {
            Owner::Me => "me".into(),
            Owner::User(id) => id.to_string(),
            Owner::Team(id) => format!("team:{id}"),
        }
    }

    fn condition(&self) -> Filter {
        match self {
            Owner::Me => Filter::eq("owner", "me"),
            Owner::User(id) => Filter::eq("owner", id.to_string()),
            Owner::Team(id) => Filter::eq("team", id.to_string()),
        }
    }
}

/// A calendar address, read and checked: a parameter it cannot use is a 400 page that
/// names it.
struct Resolved {
    view: View,
    date: Date,
    owner: Owner,
    /// The days shown: from `first` for `days` days.
    first: Date,
    days: i64,
}

impl Resolved {
    fn href(&self, view: View, date: Date) -> String {
        format!("/calendar?view={}&date={date}&owner={}", view.name(), urlencode(&self.owner.param()))
    }
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(jiff::Span::new().days(days)).unwrap_or(date)
}

/// The first day of the week `date` is in, weeks starting on `first`.
fn week_start(date: Date, first: Weekday) -> Date {
    let back = (date.weekday().to_monday_zero_offset() - first.to_monday_zero_offset()).rem_euclid(7);
    add_days(date, -i64::from(back))
}

fn bad_param(tr: &Tr, name: &str, id: &str, value: &str) -> UiError {
    UiError::bad_request(tr.args(id, &[("name", name.into()), ("value", value.into())]))
}

fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    Date::strptime("%Y-%m-%d", text).ok()
}

async fn resolve(state: &AppState, viewer: &Viewer, cal: &CalState) -> Result<Resolved, UiError> {
    let tr = &viewer.tr;
    let view = match cal.view.trim() {
        "" | "week" => View::Week,
        "day" => View::Day,
        "month" => View::Month,
        other => return Err(bad_param(tr, "view", "cal-bad-view", other)),
    };
    let date = if cal.date.trim().is_empty() {
        viewer.format.today()
    } else {
        parse_date(&cal.date).ok_or_else(|| bad_param(tr, "date", "cal-bad-date", &cal.date))?
    };
    let owner_text = cal.owner.trim();
    let owner = if owner_text.is_empty() || owner_text == "me" {
        Owner::Me
    } else if let Some(team) = owner_text.strip_prefix("team:") {
        let id: Uuid = team.parse().map_err(|_| bad_param(tr, "owner", "cal-bad-owner", owner_text))?;
        if !state.crm.teams(viewer.actor()).await?.iter().any(|t| t.id == id) {
            return Err(bad_param(tr, "owner", "cal-bad-owner", owner_text));
        }
        Owner::Team(id)
    } else {
        let id: Uuid = owner_text.parse().map_err(|_| bad_param(tr, "owner", "cal-bad-owner", owner_text))?;
        if !state.crm.users(viewer.actor()).await?.iter().any(|u| u.id == id) {
            return Err(bad_param(tr, "owner", "cal-bad-owner", owner_text));
        }
        if viewer.caller.user().id == id { Owner::Me } else { Owner::User(id) }
    };
    let week = viewer.format.first_weekday();
    let (first, days) = match view {
        View::Day => (date, 1),
        View::Week => (week_start(date, week), 7),
        View::Month => {
            let first = week_start(date.first_of_month(), week);
            let last = week_start(date.last_of_month(), week);
            let mut weeks = 1;
            let mut day = first;
            while day < last && weeks < 7 {
                day = add_days(day, 7);
                weeks += 1;
            }
            (first, weeks * 7)
        }
    };
    Ok(Resolved { view, date, owner, first, days })
}

/// Something on the calendar.
struct Item {
    /// The colour class of its object.
    class: String,
    object: ObjectDef,
    record: Record,
    start: OffsetDateTime,
    end: OffsetDateTime,
    moment: bool,
    done: bool,
    movable: bool,
}

fn datetime_in(record: &Record, field: &FieldDef) -> Option<OffsetDateTime> {
    match record.get(&field.id) {
        Value::DateTime(t) => Some(*t),
        _ => None,
    }
}

fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The records of one calendar object in the view, read with its own statement.
async fn read_object(
    state: &AppState,
    viewer: &Viewer,
    on: &OnCalendar<'_>,
    owner: Filter,
    (from, to): (OffsetDateTime, OffsetDateTime),
) -> Result<Option<rapport_domain::Page>, UiError> {
    let (start, from, to) = (on.start.api_name.as_str(), iso(from), iso(to));
    // A span is in the view when it starts before the view ends and ends after it
    // starts; a moment (or a span told by its duration) when it starts in the view.
    let range = match on.end {
        Some(end) => [Filter::cmp(start, Op::Lt, to), Filter::cmp(&end.api_name, Op::Gt, from)],
        None => [Filter::cmp(start, Op::Gte, from), Filter::cmp(start, Op::Lt, to)],
    };
    let filter = Filter::all([Some(owner)].into_iter().chain(range.map(Some)));
    let sort = if on.start.sortable() { vec![SortKey::asc(start)] } else { Vec::new() };
    let query = ListQuery { filter, sort, limit: MAX_ITEMS, ..ListQuery::default() };
    match state.crm.list(viewer.actor(), &on.object.api_name, query).await {
        Ok(page) => Ok(Some(page)),
        Err(e) => {
            let problem = Problem::from(e);
            // An object the viewer may not read (or whose dates are hidden) is not on
            // the calendar; that is not an error.
            if problem.status.is_client_error() { Ok(None) } else { Err(problem.into()) }
        }
    }
}

/// The items of the view, and whether some were left out (more than a view reads).
async fn items(state: &AppState, viewer: &Viewer, at: &Resolved) -> Result<(Vec<Item>, bool), UiError> {
    let actor = viewer.actor();
    let schema = viewer.schema(state).await?;
    let from = viewer.format.start_of(at.first).unwrap_or_else(OffsetDateTime::now_utc);
    let to = viewer.format.start_of(add_days(at.first, at.days)).unwrap_or(from + time::Duration::days(at.days));
    let mut out = Vec::new();
    let mut truncated = false;
    for (index, object) in calendar_objects(schema).into_iter().enumerate() {
        let Some(on) = OnCalendar::of(object) else { continue };
        let Some(page) = read_object(state, viewer, &on, at.owner.condition(), (from, to)).await? else { continue };
        truncated |= page.has_more;
        let writes = |f: &FieldDef| actor.field_access(&object.id, &f.id) == FieldAccess::ReadWrite;
        let writable = writes(on.start) && on.end.is_none_or(writes);
        for record in page.records {
            let Some(start) = datetime_in(&record, on.start) else { continue };
            let end = match (on.end, on.duration) {
                (Some(end), _) => datetime_in(&record, end).filter(|e| *e > start),
                (None, Some(duration)) => match record.get(&duration.id) {
                    Value::Integer(s) if *s > 0 => Some(start + time::Duration::seconds(*s)),
                    _ => None,
                },
                (None, None) => None,
            }
            .unwrap_or(start + time::Duration::minutes(POINT_MINUTES));
            let done = on
                .done
                .is_some_and(|(field, values)| matches!(record.get(&field.id), Value::Text(s) if values.contains(s)));
            let movable = writable && actor.may(&object.id, Action::Edit, record.owner_id, record.team_id);
            let class = (index % COLOURS).to_string();
            let moment = on.is_moment();
            out.push(Item { class, object: object.clone(), record, start, end, moment, done, movable });
        }
    }
    out.sort_by_key(|i| (i.start, i.end));
    Ok((out, truncated))
}

/// An item as the templates show it.
pub struct EventView {
    /// The colour of the record's object (`0` for `ev-0`).
    pub kind: String,
    pub kind_label: String,
    pub object: String,
    pub id: Uuid,
    pub version: i64,
    pub title: String,
    pub href: String,
    /// `09:00–10:00`, or `09:00` for a task.
    pub when: String,
    /// The start as a `datetime-local` value, and its time of day (`09:00`).
    pub start_input: String,
    pub time: String,
    pub movable: bool,
    /// Grid placement classes (day column, rows, lane).
    pub place: String,
    /// The label of the reschedule form's input.
    pub reschedule_label: String,
    /// Whether a task is done (shown struck through).
    pub done: bool,
}

/// An hour of a day in the day and week grids: where a new meeting can start and an
/// event can be dropped.
pub struct Slot {
    /// The local start, `2026-03-02T09:00`.
    pub value: String,
    pub label: String,
    pub place: String,
    pub hour: i8,
    /// The new-meeting form starting then.
    pub href: String,
}

/// A day of the view.
pub struct DayView {
    pub date: String,
    pub heading: String,
    pub long: String,
    pub is_today: bool,
    pub in_month: bool,
    pub number: i8,
    pub href: String,
    /// Where a day column's header sits in the grid.
    pub place: String,
    pub events: Vec<EventView>,
    /// Events of the day not shown in the month view, and the text saying so.
    pub more: String,
    pub slots: Vec<Slot>,
    /// The label of the month view's "new meeting" link of the day.
    pub new_label: String,
    pub new_href: String,
}

/// The calendar itself: the middle of the page, and what a reschedule answers with.
#[derive(Template)]
#[template(path = "calendar_body.html")]
pub struct CalendarBody {
    t: Tr,
    view: &'static str,
    days: Vec<DayView>,
    /// The month view's weeks (indexes into `days`, seven each).
    weeks: Vec<Vec<usize>>,
    /// Each weekday's name in full, and short for a phone's narrow columns.
    weekday_names: Vec<(String, String)>,
    hours: Vec<(String, String)>,
    /// The calendar's state, carried by its forms.
    date: String,
    owner: String,
    message: String,
    notice: String,
    truncated: bool,
    empty: bool,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    t: Tr,
    chrome: Chrome,
    title: String,
    view: &'static str,
    date: String,
    prev_href: String,
    next_href: String,
    today_href: String,
    views: Vec<(String, String, bool)>,
    /// The people and teams whose calendars can be shown: value, label, chosen.
    owners: Vec<(String, String, bool)>,
    body: CalendarBody,
}

/// The form of a new event (a fragment in the calendar's panel).
#[derive(Template)]
#[template(path = "calendar_form.html")]
struct EventForm {
    t: Tr,
    inputs: Vec<Input>,
    error: String,
    view: String,
    date: String,
    owner: String,
}

/// The form of a new event as a page of its own (when no script opened it in the
/// panel).
#[derive(Template)]
#[template(path = "calendar_new.html")]
struct EventPage {
    t: Tr,
    chrome: Chrome,
    back: String,
    form: EventForm,
}

/// The local date and time of an instant, in the viewer's zone.
fn local(viewer: &Viewer, t: OffsetDateTime) -> Option<DateTime> {
    viewer.format.local_input(t).parse().ok()
}

/// The grid row a local time starts in (half hours after the header row).
fn row_of(time: DateTime) -> i64 {
    FIRST_ROW + i64::from(time.hour()) * 2 + i64::from(time.minute() >= 30)
}

/// The grid row a local time ends before (rounded up to the half hour).
fn end_row_of(time: DateTime) -> i64 {
    let minutes = i64::from(time.hour()) * 60 + i64::from(time.minute());
    FIRST_ROW + (minutes + 29) / 30
}

fn event_view(viewer: &Viewer, item: &Item, place: String) -> EventView {
    let tr = &viewer.tr;
    let when = if item.moment {
        viewer.format.time(item.start)
    } else {
        format!("{}–{}", viewer.format.time(item.start), viewer.format.time(item.end))
    };
    let title = viewer.format.label(&item.object, &item.record);
    EventView {
        kind: item.class.clone(),
        kind_label: item.object.label.clone(),
        object: item.object.api_name.clone(),
        id: item.record.id,
        version: item.record.version,
        reschedule_label: tr.t1("cal-reschedule-start", "title", title.as_str()),
        title,
        href: format!("/o/{}/{}", item.object.api_name, item.record.id),
        when,
        start_input: viewer.format.local_input(item.start),
        time: viewer.format.time(item.start),
        movable: item.movable,
        place,
        done: item.done,
    }
}

/// Lanes for the events of one day: overlapping events side by side (at most four
/// lanes; more overlap in the last).
fn lanes(spans: &[(i64, i64)]) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 1); spans.len()];
    let mut cluster: Vec<usize> = Vec::new();
    let mut cluster_end = i64::MIN;
    let mut lane_ends: Vec<i64> = Vec::new();
    let flush = |cluster: &mut Vec<usize>, lane_ends: &mut Vec<i64>, out: &mut Vec<(usize, usize)>| {
        let n = lane_ends.len().clamp(1, 4);
        for &i in cluster.iter() {
            out[i].1 = n;
        }
        cluster.clear();
        lane_ends.clear();
    };
    for (i, &(start, end)) in spans.iter().enumerate() {
        if start >= cluster_end && !cluster.is_empty() {
            flush(&mut cluster, &mut lane_ends, &mut out);
        }
        let lane = match lane_ends.iter().position(|e| *e <= start) {
            Some(l) => {
                lane_ends[l] = end;
                l
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        out[i].0 = lane.min(3);
        cluster.push(i);
        cluster_end = if cluster.len() == 1 { end } else { cluster_end.max(end) };
    }
    flush(&mut cluster, &mut lane_ends, &mut out);
    out
}

fn new_href(at: &Resolved, start: &str) -> String {
    format!(
        "/calendar/new?start={}&view={}&date={}&owner={}",
        urlencode(start),
        at.view.name(),
        at.date,
        urlencode(&at.owner.param())
    )
}

/// The days of the view with their events and slots.
fn days(viewer: &Viewer, at: &Resolved, items: &[Item]) -> Vec<DayView> {
    let tr = &viewer.tr;
    let today = viewer.format.today();
    let mut per_day: HashMap<Date, Vec<(&Item, DateTime, DateTime)>> = HashMap::new();
    let first_local = at.first.to_datetime(jiff::civil::Time::midnight());
    for item in items {
        let (Some(start), Some(end)) = (local(viewer, item.start), local(viewer, item.end)) else { continue };
        // An event that began before the view starts is drawn from the view's start.
        let start = start.max(first_local);
        per_day.entry(start.date()).or_default().push((item, start, end));
    }
    (0..at.days)
        .map(|i| {
            let date = add_days(at.first, i);
            let col = if at.view == View::Month { 1 } else { i + 2 };
            let entries = per_day.remove(&date).unwrap_or_default();
            let spans: Vec<(i64, i64)> = entries
                .iter()
                .map(|(_, s, e)| {
                    let start = row_of(*s);
                    let end = if e.date() > date { LAST_ROW } else { end_row_of(*e) };
                    (start, end.clamp(start + 1, LAST_ROW))
                })
                .collect();
            let placed = lanes(&spans);
            let mut events: Vec<EventView> = entries
                .iter()
                .zip(spans.iter().zip(placed))
                .map(|((item, _, _), ((start, end), (lane, of)))| {
                    // One row holds one line: there the title comes first.
                    let short = if end - start <= 1 { " short" } else { "" };
                    let place = format!("dc-{col} rs-{start} re-{end} ln-{lane}-{of}{short}");
                    event_view(viewer, item, place)
                })
                .collect();
            let mut more = String::new();
            if at.view == View::Month && events.len() > MONTH_EVENTS {
                more = tr.t1("cal-more", "count", events.len() - MONTH_EVENTS);
                events.truncate(MONTH_EVENTS);
            }
            let long = viewer.format.long_day(date);
            let slots = if at.view == View::Month {
                Vec::new()
            } else {
                (0..24_i8)
                    .map(|hour| {
                        let value = format!("{date}T{hour:02}:00");
                        let row = FIRST_ROW + i64::from(hour) * 2;
                        Slot {
                            label: tr.args(
                                "cal-slot",
                                &[
                                    ("date", long.as_str().into()),
                                    ("time", viewer.format.clock(jiff::civil::Time::constant(hour, 0, 0, 0)).into()),
                                ],
                            ),
                            place: format!("dc-{col} rs-{row} re-{}", row + 2),
                            href: new_href(at, &value),
                            value,
                            hour,
                        }
                    })
                    .collect()
            };
            DayView {
                date: date.to_string(),
                heading: viewer.format.weekday_and_day(date),
                new_label: tr.t1("cal-new-on", "date", long.as_str()),
                new_href: new_href(at, &format!("{date}T09:00")),
                long,
                is_today: date == today,
                in_month: date.month() == at.date.month(),
                number: date.day(),
                href: at.href(View::Day, date),
                place: format!("dc-{col}"),
                events,
                more,
                slots,
            }
        })
        .collect()
}

async fn body(
    state: &AppState,
    viewer: &Viewer,
    at: &Resolved,
    message: String,
    notice: String,
) -> Result<CalendarBody, UiError> {
    let (items, truncated) = items(state, viewer, at).await?;
    let empty = items.is_empty();
    let days = days(viewer, at, &items);
    let weeks = if at.view == View::Month {
        (0..days.len()).collect::<Vec<_>>().chunks(7).map(<[usize]>::to_vec).collect()
    } else {
        Vec::new()
    };
    let weekday_names = (0..7_i64)
        .map(|i| {
            let day = at.first.weekday().wrapping_add(i);
            (viewer.format.weekday(day), viewer.format.weekday_short(day))
        })
        .collect();
    let hours = (0..24)
        .map(|h: i8| {
            let row = FIRST_ROW + i64::from(h) * 2;
            (viewer.format.clock(jiff::civil::Time::constant(h, 0, 0, 0)), format!("rs-{row} re-{}", row + 2))
        })
        .collect();
    Ok(CalendarBody {
        t: viewer.tr.clone(),
        view: at.view.name(),
        days,
        weeks,
        weekday_names,
        hours,
        date: at.date.to_string(),
        owner: at.owner.param(),
        message,
        notice,
        truncated,
        empty,
    })
}

fn title(viewer: &Viewer, at: &Resolved) -> String {
    let format = &viewer.format;
    match at.view {
        View::Day => format.long_day(at.date),
        View::Week => viewer.tr.args(
            "cal-title-week",
            &[("from", format.day(at.first).into()), ("to", format.day(add_days(at.first, 6)).into())],
        ),
        View::Month => format.month_title(at.date),
    }
}

/// `GET /calendar?view=day|week|month&date=YYYY-MM-DD&owner=me|<user id>|team:<team id>`.
pub async fn page(State(state): State<AppState>, viewer: Viewer, Query(cal): Query<CalState>) -> PageResult {
    let at = resolve(&state, &viewer, &cal).await?;
    let tr = &viewer.tr;
    let (prev, next) = match at.view {
        View::Day => (add_days(at.date, -1), add_days(at.date, 1)),
        View::Week => (add_days(at.date, -7), add_days(at.date, 7)),
        View::Month => {
            let first = at.date.first_of_month();
            (add_days(first, -1).first_of_month(), add_days(at.date.last_of_month(), 1))
        }
    };
    let views = [View::Day, View::Week, View::Month]
        .into_iter()
        .map(|v| (at.href(v, at.date), tr.t(&format!("cal-view-{}", v.name())), v == at.view))
        .collect();
    let actor = viewer.actor();
    let me = viewer.caller.user().id;
    let mut owners = vec![("me".to_owned(), tr.t("cal-owner-me"), at.owner == Owner::Me)];
    let mut users: Vec<(String, String, bool)> = state
        .crm
        .users(actor)
        .await?
        .into_iter()
        .filter(|u| u.is_active && u.id != me)
        .map(|u| (u.id.to_string(), u.display_name, at.owner == Owner::User(u.id)))
        .collect();
    users.sort_by(|a, b| a.1.cmp(&b.1));
    owners.extend(users);
    let mut teams = state.crm.teams(actor).await?;
    teams.sort_by(|a, b| a.name.cmp(&b.name));
    owners.extend(teams.into_iter().map(|t| {
        (format!("team:{}", t.id), tr.t1("cal-owner-team", "team", t.name.as_str()), at.owner == Owner::Team(t.id))
    }));
    let page = CalendarPage {
        t: tr.clone(),
        chrome: viewer.chrome(&state, "calendar").await?,
        title: title(&viewer, &at),
        view: at.view.name(),
        date: at.date.to_string(),
        prev_href: at.href(at.view, prev),
        next_href: at.href(at.view, next),
        today_href: at.href(at.view, viewer.format.today()),
        views,
        owners,
        body: body(&state, &viewer, &at, String::new(), String::new()).await?,
    };
    Ok(render(&page))
}

/// The object a free slot makes a record of, when the viewer may create one.
async fn scheduling_object(state: &AppState, viewer: &Viewer) -> Result<ObjectDef, UiError> {
    let schema = viewer.schema(state).await?;
    let object = schema.scheduling_object().ok_or_else(UiError::not_found)?;
    if viewer.actor().reach(&object.id, Action::Create) == Reach::None {
        return Err(UiError::forbidden());
    }
    Ok(object.clone())
}

fn event_form(
    viewer: &Viewer,
    object: &ObjectDef,
    pairs: &Pairs,
    errors: &[(String, String)],
    cal: &CalState,
) -> EventForm {
    let form = quick::form(viewer, object, pairs, errors, "cal-");
    EventForm {
        t: viewer.tr.clone(),
        inputs: form.inputs,
        error: form.error,
        view: cal.view.clone(),
        date: cal.date.clone(),
        owner: cal.owner.clone(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct NewParams {
    #[serde(default)]
    start: String,
    #[serde(flatten)]
    cal: CalState,
}

/// `GET /calendar/new?start=2026-03-02T09:00`: the form of a new event (a meeting)
/// starting then (an hour long), in the calendar's panel (or as a page without
/// scripts).
pub async fn new_event(State(state): State<AppState>, viewer: Viewer, Query(params): Query<NewParams>) -> PageResult {
    let object = scheduling_object(&state, &viewer).await?;
    let on = OnCalendar::of(&object).ok_or_else(UiError::not_found)?;
    let start: DateTime = params
        .start
        .trim()
        .parse()
        .map_err(|_| PageError::from(bad_param(&viewer.tr, "start", "cal-bad-start", &params.start)))?;
    let end_of = |start: DateTime| start.checked_add(jiff::Span::new().minutes(NEW_EVENT_MINUTES)).unwrap_or(start);
    let input = |t: DateTime| t.strftime("%Y-%m-%dT%H:%M").to_string();
    let mut pairs = quick::presets(&viewer, &object);
    let mut set = |field: &FieldDef, value: String| {
        let name = format!("f.{}", field.api_name);
        pairs.retain(|(k, _)| *k != name);
        pairs.push((name, value));
    };
    set(on.start, input(start));
    if let Some(end) = on.end {
        set(end, input(end_of(start)));
    } else if let Some(duration) = on.duration {
        set(duration, (NEW_EVENT_MINUTES * 60).to_string());
    }
    let form = event_form(&viewer, &object, &pairs, &[], &params.cal);
    if viewer.htmx {
        return Ok(render(&form));
    }
    let back = format!(
        "/calendar?view={}&date={}&owner={}",
        urlencode(&params.cal.view),
        urlencode(&params.cal.date),
        urlencode(&params.cal.owner)
    );
    let page = EventPage { t: viewer.tr.clone(), chrome: viewer.chrome(&state, "calendar").await?, back, form };
    Ok(render(&page))
}

/// `POST /calendar/new`: creates the event and shows the calendar at its day; or the
/// form again with the errors beside the fields.
pub async fn create_event(State(state): State<AppState>, viewer: Viewer, Form(pairs): Form<Pairs>) -> PageResult {
    let object = scheduling_object(&state, &viewer).await?;
    let on = OnCalendar::of(&object).ok_or_else(UiError::not_found)?;
    let cal = super::address::read::<CalState>(&pairs);
    let input = quick::input(&viewer, &object, &pairs);
    match state.crm.create(viewer.actor(), &object.api_name, &input).await {
        Ok(record) => {
            let day = datetime_in(&record, on.start)
                .and_then(|t| viewer.format.local_date(t))
                .map(|d| d.to_string())
                .unwrap_or_default();
            let view = if cal.view.is_empty() { "week" } else { cal.view.as_str() };
            let owner = if cal.owner.is_empty() { "me" } else { cal.owner.as_str() };
            let to = format!("/calendar?view={}&date={day}&owner={}", urlencode(view), urlencode(owner));
            Ok(redirect(&to, viewer.htmx))
        }
        Err(e) => {
            let problem = Problem::from(e);
            if problem.status.is_server_error() {
                return Err(problem.into());
            }
            let errors = form::field_messages(&viewer.tr, &problem);
            let form = event_form(&viewer, &object, &pairs, &errors, &cal);
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &form))
        }
    }
}

/// `POST /calendar/{object}/{id}/move`: gives an event a new start (`start`, local) if
/// it is still at `version` — an event with an end keeps its length. The
/// answer is the calendar again, with a message when nothing was changed.
pub async fn reschedule(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((name, id)): Path<(String, String)>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let id: Uuid = id.parse().map_err(|_| UiError::not_found())?;
    let cal = super::address::read::<CalState>(&pairs);
    let at = resolve(&state, &viewer, &cal).await?;
    let get =
        |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let version: i64 = get("version").parse().unwrap_or(0);
    let start_text = get("start");
    let answer = |status: StatusCode, message: String, notice: String| {
        let (state, viewer, at) = (&state, &viewer, &at);
        async move {
            let body = body(state, viewer, at, message, notice).await?;
            Ok::<Response, PageError>(render_status(status, &body))
        }
    };
    let Some(start) =
        viewer.format.from_local_input(&start_text).and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok())
    else {
        return answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t1("cal-bad-start-field", "value", start_text.as_str()),
            String::new(),
        )
        .await;
    };
    let schema = viewer.schema(&state).await?;
    let object = schema.object_by_api(&name).map_err(|_| UiError::not_found())?;
    let on = OnCalendar::of(object).ok_or_else(UiError::not_found)?;
    let mut input = Map::new();
    input.insert(on.start.api_name.clone(), Json::String(iso(start)));
    let current = match state.crm.get(viewer.actor(), &object.api_name, id).await {
        Ok(record) => Some(record),
        Err(e) if e.code() == "not_found" => None,
        Err(e) => return Err(e.into()),
    };
    let Some(current) = current else {
        return answer(StatusCode::NOT_FOUND, tr.t("cal-gone"), String::new()).await;
    };
    if let Some(end) = on.end {
        let length = match (datetime_in(&current, on.start), datetime_in(&current, end)) {
            (Some(s), Some(e)) if e > s => e - s,
            _ => time::Duration::minutes(NEW_EVENT_MINUTES),
        };
        input.insert(end.api_name.clone(), Json::String(iso(start + length)));
    }
    match state.crm.update(viewer.actor(), &object.api_name, id, version, &input).await {
        Ok(record) => {
            let notice = tr.args(
                "cal-moved",
                &[
                    ("title", viewer.format.label(object, &record).into()),
                    ("when", viewer.format.datetime(start).into()),
                ],
            );
            answer(StatusCode::OK, String::new(), notice).await
        }
        Err(e) => {
            let problem = Problem::from(e);
            let (status, message) = match (problem.status, problem.code) {
                (_, "version_conflict") => (StatusCode::CONFLICT, tr.t("cal-conflict")),
                (StatusCode::FORBIDDEN, _) => (StatusCode::FORBIDDEN, tr.t("cal-forbidden")),
                (StatusCode::NOT_FOUND, _) => (StatusCode::NOT_FOUND, tr.t("cal-gone")),
                (s, _) if s.is_client_error() => {
                    let fields = form::field_messages(tr, &problem);
                    let text = fields.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join(" ");
                    (StatusCode::UNPROCESSABLE_ENTITY, tr.t1("cal-refused", "reason", text))
                }
                _ => return Err(problem.into()),
            };
            answer(status, message, String::new()).await
        }
    }
}
