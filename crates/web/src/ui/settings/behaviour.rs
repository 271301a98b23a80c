//! An object's behaviour (its capabilities) as a form: where it sits in the navigation
//! and the search, whether its records are on the calendar and by which fields, the
//! board its records make, and, for an activity, the quick action that makes one from
//! another record's page. What the form does not show (home lists, stages, presets,
//! attendees, done values, all-day) is kept as it is: the behaviour is saved whole, so
//! the form starts from the stored one. The store checks what is saved; its refusals
//! come back beside the control they are about.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rapport_domain::ObjectPatch;
use rapport_domain::model::behaviour::{Behaviour, Board, Calendar, Nav, NavGroup, QuickAction};
use rapport_domain::model::{FieldDef, FieldType, ObjectDef, Schema};

use super::super::form::Choice;
use super::super::form::Pairs;
use super::super::i18n::Tr;
use super::super::page::{Chrome, PageResult, Viewer, redirect, render, render_status};
use super::{Admin, Errors, Notice, Tab, checked, chrome, missing, refused, refused_status, tabs, value, values};
use crate::AppState;
use crate::problem::{FieldProblem, Problem};

/// What the form's inputs hold: as stored, or as typed.
#[derive(Debug)]
pub struct Typed {
    nav_main: bool,
    nav_rank: String,
    search_rank: String,
    calendar: bool,
    calendar_start: String,
    calendar_end: String,
    calendar_duration: String,
    calendar_schedule: bool,
    board: bool,
    board_default: String,
    board_sum: String,
    board_home: bool,
    quick: bool,
    quick_rank: String,
    quick_fields: Vec<String>,
}

fn number(n: Option<i32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The field a select chose; none for its empty option.
fn chosen(id: &str) -> Option<String> {
    Some(id.to_owned()).filter(|id| !id.is_empty())
}

impl Typed {
    fn of(behaviour: &Behaviour) -> Typed {
        let nav = behaviour.nav.as_ref();
        let calendar = behaviour.calendar.as_ref();
        let board = behaviour.board.as_ref();
        let quick = behaviour.quick.as_ref();
        let id = |f: Option<&String>| f.cloned().unwrap_or_default();
        Typed {
            nav_main: nav.is_some_and(|n| n.group == NavGroup::Main),
            nav_rank: number(nav.map(|n| n.rank)),
            search_rank: number(behaviour.search_rank),
            calendar: calendar.is_some(),
            calendar_start: id(calendar.map(|c| &c.start)),
            calendar_end: id(calendar.and_then(|c| c.end.as_ref())),
            calendar_duration: id(calendar.and_then(|c| c.duration.as_ref())),
            calendar_schedule: calendar.is_some_and(|c| c.schedule),
            board: board.is_some(),
            board_default: id(board.and_then(|b| b.default.as_ref())),
            board_sum: id(board.and_then(|b| b.sum.as_ref())),
            board_home: board.is_some_and(|b| b.home),
            quick: quick.is_some(),
            quick_rank: number(quick.map(|q| q.rank)),
            quick_fields: quick.map(|q| q.fields.clone()).unwrap_or_default(),
        }
    }

    fn from_pairs(pairs: &Pairs) -> Typed {
        Typed {
            nav_main: value(pairs, "nav_group") == "main",
            nav_rank: value(pairs, "nav_rank"),
            search_rank: value(pairs, "search_rank"),
            calendar: checked(pairs, "calendar"),
            calendar_start: value(pairs, "calendar_start"),
            calendar_end: value(pairs, "calendar_end"),
            calendar_duration: value(pairs, "calendar_duration"),
            calendar_schedule: checked(pairs, "calendar_schedule"),
            board: checked(pairs, "board"),
            board_default: value(pairs, "board_default"),
            board_sum: value(pairs, "board_sum"),
            board_home: checked(pairs, "board_home"),
            quick: checked(pairs, "quick"),
            quick_rank: value(pairs, "quick_rank"),
            quick_fields: values(pairs, "quick_fields").into_iter().filter(|v| !v.is_empty()).collect(),
        }
    }

    /// The behaviour this form makes of `before`: what the form shows replaced, the
    /// rest kept. Numbers that are not numbers and a calendar without its start are
    /// refused here; the store checks the rest.
    ///
    /// `last_rank` is the place after every entry of the bar, where an object put
    /// there with no rank goes.
    fn behaviour(&self, tr: &Tr, object: &ObjectDef, before: &Behaviour, last_rank: i32) -> Result<Behaviour, Errors> {
        let mut errors = Errors::default();
        let mut rank = |key: &str, text: &str| -> Option<i32> {
            if text.is_empty() {
                return None;
            }
            let parsed = text.parse::<i32>().ok();
            if parsed.is_none() {
                errors.add(key, tr.t("settings-not-a-number"));
            }
            parsed
        };
        let (nav_rank, search_rank, quick_rank) = (
            rank("nav_rank", &self.nav_rank),
            rank("search_rank", &self.search_rank),
            rank("quick_rank", &self.quick_rank),
        );
        if self.calendar && self.calendar_start.is_empty() {
            errors.add("calendar_start", tr.t("field-required"));
        }
        if self.quick && object.is_activity && self.quick_fields.is_empty() {
            errors.add("quick_fields", tr.t("settings-behaviour-quick-fields-needed"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // The form does not offer icons: the one the object had stays.
        let icon = before.nav.as_ref().and_then(|n| n.icon.clone());
        let nav = match (self.nav_main, nav_rank) {
            // Under "More" with no rank is where an object without a place is.
            (false, None) => None,
            (true, rank) => Some(Nav { group: NavGroup::Main, rank: rank.unwrap_or(last_rank), icon }),
            (false, Some(rank)) => Some(Nav { group: NavGroup::More, rank, icon }),
        };
        Ok(Behaviour {
            nav,
            search_rank,
            calendar: self.calendar(before.calendar.as_ref()),
            board: self.board(object, before.board.as_ref()),
            // Only activities have quick actions; for another object, what it had stays
            // for the store to judge.
            quick: if object.is_activity {
                self.quick(quick_rank, before.quick.as_ref())
            } else {
                before.quick.clone()
            },
            ..before.clone()
        })
    }

    fn calendar(&self, before: Option<&Calendar>) -> Option<Calendar> {
        self.calendar.then(|| Calendar {
            start: self.calendar_start.clone(),
            end: chosen(&self.calendar_end),
            duration: chosen(&self.calendar_duration),
            schedule: self.calendar_schedule,
            all_day: before.and_then(|c| c.all_day.clone()),
            attendees: before.and_then(|c| c.attendees.clone()),
            done: before.and_then(|c| c.done.clone()),
        })
    }

    /// The board; a relation chosen as its default is among its fields, since a
    /// relation makes a board only when they name it.
    fn board(&self, object: &ObjectDef, before: Option<&Board>) -> Option<Board> {
        if !self.board {
            return None;
        }
        let mut fields = before.map(|b| b.fields.clone()).unwrap_or_default();
        let default = chosen(&self.board_default);
        if let Some(id) = &default
            && object.field(id).is_some_and(|f| f.kind.relation_target().is_some())
            && !fields.contains(id)
        {
            fields.insert(0, id.clone());
        }
        Some(Board { fields, default, sum: chosen(&self.board_sum), home: self.board_home })
    }

    /// The quick action: the fields ticked, those it showed before in their order,
    /// then new ones in the form's order; its presets kept.
    fn quick(&self, rank: Option<i32>, before: Option<&QuickAction>) -> Option<QuickAction> {
        if !self.quick {
            return None;
        }
        let old = before.map(|q| q.fields.clone()).unwrap_or_default();
        let mut fields: Vec<String> = old.into_iter().filter(|f| self.quick_fields.contains(f)).collect();
        for id in &self.quick_fields {
            if !fields.contains(id) {
                fields.push(id.clone());
            }
        }
        Some(QuickAction {
            rank: rank.unwrap_or(0),
            fields,
            presets: before.map(|q| q.presets.clone()).unwrap_or_default(),
        })
    }
}

/// What a control is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Select,
    Number,
    /// A yes/no checkbox.
    Check,
    /// Several checkboxes with one name.
    Checks,
}

/// A control of the form, as the template draws it; its id is its input's name and
/// the key of its messages.
#[derive(Debug, Clone)]
pub struct Control {
    pub id: &'static str,
    pub kind: Kind,
    pub label: String,
    pub help: String,
    pub value: String,
    pub on: bool,
    pub choices: Vec<Choice>,
    pub error: String,
}

impl Control {
    fn new(id: &'static str, kind: Kind, label: String) -> Control {
        Control {
            id,
            kind,
            label,
            help: String::new(),
            value: String::new(),
            on: false,
            choices: Vec::new(),
            error: String::new(),
        }
    }

    fn help(mut self, help: String) -> Control {
        self.help = help;
        self
    }

    /// The ids of the texts that describe the input: its help, its message.
    pub fn described_by(&self) -> String {
        let help = (!self.help.is_empty()).then(|| format!("{}-help", self.id));
        let error = (!self.error.is_empty()).then(|| format!("{}-error", self.id));
        help.into_iter().chain(error).collect::<Vec<_>>().join(" ")
    }
}

/// A part of the form: a legend and its controls.
pub struct Part {
    pub id: &'static str,
    pub legend: String,
    pub help: String,
    pub controls: Vec<Control>,
}

/// The fields of `object` a control may offer: visible, of a kind `fits`.
fn fields_where(object: &ObjectDef, fits: impl Fn(&FieldDef) -> bool) -> Vec<&FieldDef> {
    super::objects::ordered(object).into_iter().filter(|f| !f.hidden && fits(f)).collect()
}

/// A select of `fields`, `current` selected; `none` labels an empty first option.
fn select(id: &'static str, label: String, fields: &[&FieldDef], current: &str, none: Option<String>) -> Control {
    let empty = none.map(|label| Choice { value: String::new(), label, selected: current.is_empty() });
    let choices = empty
        .into_iter()
        .chain(fields.iter().map(|f| Choice { value: f.id.clone(), label: f.label.clone(), selected: f.id == current }))
        .collect();
    Control { choices, value: current.to_owned(), ..Control::new(id, Kind::Select, label) }
}

fn check(id: &'static str, label: String, on: bool) -> Control {
    Control { on, ..Control::new(id, Kind::Check, label) }
}

fn number_input(id: &'static str, label: String, text: &str) -> Control {
    Control { value: text.to_owned(), ..Control::new(id, Kind::Number, label) }
}

/// Whether a board can be made by the field: a select, or a relation to an object
/// whose records are stages.
fn makes_board(schema: &Schema, field: &FieldDef) -> bool {
    match &field.kind {
        FieldType::Select { .. } => true,
        FieldType::Relation { target } => schema.object(target).ok().is_some_and(|t| t.behaviour.stages.is_some()),
        _ => false,
    }
}

fn navigation(tr: &Tr, typed: &Typed) -> Part {
    let group = Control {
        choices: [
            ("main", "settings-behaviour-nav-main", typed.nav_main),
            ("more", "settings-behaviour-nav-more", !typed.nav_main),
        ]
        .into_iter()
        .map(|(value, label, selected)| Choice { value: value.into(), label: tr.t(label), selected })
        .collect(),
        ..Control::new("nav_group", Kind::Select, tr.t("settings-behaviour-nav-group"))
    };
    Part {
        id: "behaviour-nav",
        legend: tr.t("settings-behaviour-nav"),
        help: String::new(),
        controls: vec![
            group,
            number_input("nav_rank", tr.t("settings-behaviour-nav-rank"), &typed.nav_rank)
                .help(tr.t("settings-behaviour-nav-rank-help")),
            number_input("search_rank", tr.t("settings-behaviour-search-rank"), &typed.search_rank)
                .help(tr.t("settings-behaviour-search-rank-help")),
        ],
    }
}

fn calendar(tr: &Tr, object: &ObjectDef, typed: &Typed) -> Part {
    let datetimes = fields_where(object, |f| matches!(f.kind, FieldType::DateTime));
    let integers = fields_where(object, |f| matches!(f.kind, FieldType::Integer { .. }));
    let none = || Some(tr.t("settings-behaviour-none"));
    let mut on = check("calendar", tr.t("settings-behaviour-calendar-on"), typed.calendar);
    if datetimes.is_empty() {
        on = on.help(tr.t("settings-behaviour-calendar-needs-datetime"));
    }
    Part {
        id: "behaviour-calendar",
        legend: tr.t("settings-behaviour-calendar"),
        help: String::new(),
        controls: vec![
            on,
            select(
                "calendar_start",
                tr.t("settings-behaviour-calendar-start"),
                &datetimes,
                &typed.calendar_start,
                None,
            ),
            select("calendar_end", tr.t("settings-behaviour-calendar-end"), &datetimes, &typed.calendar_end, none()),
            select(
                "calendar_duration",
                tr.t("settings-behaviour-calendar-duration"),
                &integers,
                &typed.calendar_duration,
                none(),
            )
            .help(tr.t("settings-behaviour-calendar-duration-help")),
            check("calendar_schedule", tr.t("settings-behaviour-calendar-schedule"), typed.calendar_schedule)
                .help(tr.t("settings-behaviour-calendar-schedule-help")),
        ],
    }
}

fn board(tr: &Tr, schema: &Schema, object: &ObjectDef, typed: &Typed) -> Part {
    let columns = fields_where(object, |f| makes_board(schema, f));
    let money = fields_where(object, |f| matches!(f.kind, FieldType::Currency { .. }));
    let mut on = check("board", tr.t("settings-behaviour-board-on"), typed.board);
    if columns.is_empty() {
        on = on.help(tr.t("settings-behaviour-board-needs-field"));
    }
    Part {
        id: "behaviour-board",
        legend: tr.t("settings-behaviour-board"),
        help: String::new(),
        controls: vec![
            on,
            select(
                "board_default",
                tr.t("settings-behaviour-board-default"),
                &columns,
                &typed.board_default,
                Some(tr.t("settings-behaviour-board-first")),
            ),
            select(
                "board_sum",
                tr.t("settings-behaviour-board-sum"),
                &money,
                &typed.board_sum,
                Some(tr.t("settings-behaviour-none")),
            ),
            check("board_home", tr.t("settings-behaviour-board-home"), typed.board_home),
        ],
    }
}

/// The quick action of an activity: the fields a person fills in, ticked as the
/// form shows them, the others after.
fn quick(tr: &Tr, object: &ObjectDef, typed: &Typed) -> Part {
    let fillable = fields_where(object, |f| !f.read_only);
    let ticked = |f: &&FieldDef| typed.quick_fields.contains(&f.id);
    let mut order: Vec<&FieldDef> =
        typed.quick_fields.iter().filter_map(|id| fillable.iter().find(|f| f.id == *id).copied()).collect();
    order.extend(fillable.iter().filter(|f| !ticked(f)).copied());
    let fields = Control {
        choices: order
            .iter()
            .map(|f| Choice { value: f.id.clone(), label: f.label.clone(), selected: ticked(f) })
            .collect(),
        ..Control::new("quick_fields", Kind::Checks, tr.t("settings-behaviour-quick-fields"))
    };
    Part {
        id: "behaviour-quick",
        legend: tr.t("settings-behaviour-quick"),
        help: tr.t("settings-behaviour-quick-help"),
        controls: vec![
            check("quick", tr.t("settings-behaviour-quick-on"), typed.quick),
            number_input("quick_rank", tr.t("settings-behaviour-quick-rank"), &typed.quick_rank)
                .help(tr.t("settings-behaviour-rank-help")),
            fields,
        ],
    }
}

/// The parts of the form for `object`, with `errors` beside their controls.
fn parts(tr: &Tr, schema: &Schema, object: &ObjectDef, typed: &Typed, errors: &Errors) -> Vec<Part> {
    let mut parts = vec![navigation(tr, typed), calendar(tr, object, typed), board(tr, schema, object, typed)];
    if object.is_activity {
        parts.push(quick(tr, object, typed));
    }
    for control in parts.iter_mut().flat_map(|p| p.controls.iter_mut()) {
        control.error = errors.get(control.id);
    }
    parts
}

/// The control a refusal of the store is about (`behaviour.calendar.start` is
/// `calendar_start`); a part's own problems go beside its checkbox, the rest are the
/// form's.
fn control_of(place: &str) -> &'static str {
    let place = place.strip_prefix("behaviour.").unwrap_or(place);
    let exact = [
        ("nav.rank", "nav_rank"),
        ("search_rank", "search_rank"),
        ("calendar.start", "calendar_start"),
        ("calendar.end", "calendar_end"),
        ("calendar.duration", "calendar_duration"),
        ("calendar.schedule", "calendar_schedule"),
        ("board.default", "board_default"),
        ("board.sum", "board_sum"),
        ("quick.rank", "quick_rank"),
    ];
    if let Some((_, control)) = exact.iter().find(|(p, _)| *p == place) {
        return control;
    }
    let prefixes = [("board.fields", "board_default"), ("quick.fields", "quick_fields")];
    if let Some((_, control)) = prefixes.iter().find(|(p, _)| place.starts_with(p)) {
        return control;
    }
    ["calendar", "board", "quick"].into_iter().find(|part| place.split('.').next() == Some(*part)).unwrap_or("")
}

/// What a refusal says beside its control: what the control needs, in words of this
/// form, or the problem's own message.
fn message(tr: &Tr, control: &str, error: &FieldProblem) -> String {
    let id = match (error.code.as_str(), control) {
        ("wrong_type", "calendar_start" | "calendar_end") => "settings-behaviour-need-datetime",
        ("wrong_type", "calendar_duration") => "settings-behaviour-need-integer",
        ("wrong_type", "board_default") => "settings-behaviour-need-board-field",
        ("wrong_type", "board_sum") => "settings-behaviour-need-money",
        ("wrong_type", "quick") => "settings-behaviour-need-activity",
        ("unknown_field", _) => "settings-behaviour-unknown-field",
        ("required", "calendar_schedule") => "settings-behaviour-schedule-needs-end",
        _ => return crate::problem_text::field_message(error, tr),
    };
    tr.t(id)
}

/// The messages of a refusal, by control.
fn refusal_errors(tr: &Tr, problem: &Problem) -> Errors {
    if problem.errors.is_empty() {
        return Errors(vec![(String::new(), super::super::form::general_message(tr, problem))]);
    }
    Errors(
        problem
            .errors
            .iter()
            .map(|e| {
                let control = control_of(&e.field);
                (control.to_owned(), message(tr, control, e))
            })
            .collect(),
    )
}

/// What an object does, in a few words each (for its page in the settings); empty
/// when it has no capability.
pub fn summary(tr: &Tr, behaviour: &Behaviour) -> Vec<String> {
    let nav_main = behaviour.nav.as_ref().is_some_and(|n| n.group == NavGroup::Main);
    [
        (nav_main, "settings-behaviour-has-nav"),
        (behaviour.calendar.is_some(), "settings-behaviour-has-calendar"),
        (behaviour.board.is_some(), "settings-behaviour-has-board"),
        (behaviour.quick.is_some(), "settings-behaviour-has-quick"),
        (behaviour.stages.is_some(), "settings-behaviour-has-stages"),
        (!behaviour.home.is_empty(), "settings-behaviour-has-home"),
        (behaviour.files, "settings-behaviour-has-files"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, id)| tr.t(id))
    .collect()
}

#[derive(Template)]
#[template(path = "settings_behaviour.html")]
struct BehaviourPage {
    t: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    object: ObjectDef,
    /// The object's name as people read it.
    heading: String,
    parts: Vec<Part>,
    notice: String,
    /// The messages about no one control.
    general: String,
}

/// The rank after every other object's in the navigation bar.
fn last_rank(schema: &Schema, object: &ObjectDef) -> i32 {
    let ranks = schema.nav_objects().into_iter().filter(|o| o.id != object.id);
    ranks.filter_map(|o| o.behaviour.nav.as_ref()).map(|n| n.rank.saturating_add(10)).max().unwrap_or(0)
}

/// An object by API name, in the schema as the viewer reads it (standard names in
/// their language).
async fn object_named(state: &AppState, viewer: &Viewer, name: &str) -> Result<(Schema, ObjectDef), Response> {
    let schema = viewer.schema(state).await.map_err(|e| e.render(&viewer.tr))?;
    let object = schema.all().find(|o| o.api_name == name).cloned().ok_or_else(|| missing(&viewer.tr))?;
    Ok((schema.clone(), object))
}

async fn behaviour_page(
    state: &AppState,
    viewer: &Viewer,
    name: &str,
    typed: Option<Typed>,
    errors: Errors,
) -> Result<BehaviourPage, Response> {
    let (schema, object) = object_named(state, viewer, name).await?;
    let typed = typed.unwrap_or_else(|| Typed::of(&object.behaviour));
    let tr = &viewer.tr;
    Ok(BehaviourPage {
        t: tr.clone(),
        chrome: chrome(state, viewer).await?,
        tabs: tabs(tr, "objects"),
        heading: object.label_plural.clone(),
        parts: parts(tr, &schema, &object, &typed, &errors),
        object,
        notice: String::new(),
        general: errors.get(""),
    })
}

/// `GET /settings/objects/{object}/behaviour`.
pub async fn page(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Query(notice): Query<Notice>,
) -> PageResult {
    let mut page = behaviour_page(&state, &viewer, &name, None, Errors::default()).await?;
    page.notice = notice.text(&viewer.tr);
    Ok(render(&page))
}

/// `POST /settings/objects/{object}/behaviour`: the whole behaviour, what the form
/// does not show kept.
pub async fn save(
    State(state): State<AppState>,
    Admin(viewer): Admin,
    Path(name): Path<String>,
    Form(pairs): Form<Pairs>,
) -> PageResult {
    let tr = &viewer.tr;
    let (schema, object) = object_named(&state, &viewer, &name).await?;
    let typed = Typed::from_pairs(&pairs);
    let (status, errors) = match typed.behaviour(tr, &object, &object.behaviour, last_rank(&schema, &object)) {
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        Ok(behaviour) => {
            let patch = ObjectPatch { behaviour: Some(behaviour), ..ObjectPatch::default() };
            match state.crm.update_object(viewer.actor(), &object.api_name, patch).await {
                Ok(saved) => {
                    let to = format!("/settings/objects/{}/behaviour?saved=1", saved.api_name);
                    return Ok(redirect(&to, viewer.htmx));
                }
                Err(e) => {
                    let problem = refused(e)?;
                    (refused_status(&problem), refusal_errors(tr, &problem))
                }
            }
        }
    };
    let page = behaviour_page(&state, &viewer, &name, Some(typed), errors).await?;
    Ok(render_status(status, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_goes_beside_the_control_it_is_about() {
        assert_eq!(control_of("behaviour.calendar.start"), "calendar_start");
        assert_eq!(control_of("behaviour.board.fields.2"), "board_default");
        assert_eq!(control_of("behaviour.quick.fields.0"), "quick_fields");
        assert_eq!(control_of("behaviour.calendar.done.values.1"), "calendar");
        assert_eq!(control_of("behaviour.quick"), "quick");
        assert_eq!(control_of("behaviour.home.0.when"), "");
    }

    #[test]
    fn every_standard_behaviour_is_taken_back_unchanged() {
        let tr = Tr::new("en");
        for object in rapport_domain::model::standard::standard_objects() {
            let before = object.behaviour.clone();
            let typed = Typed::of(&before);
            let after = typed.behaviour(&tr, &object, &before, 1000).expect("the stored behaviour is valid");
            assert_eq!(after, before, "{}", object.id);
        }
    }
}
