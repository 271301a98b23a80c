//! What the interface does with an object, declared as data: where it sits in the
//! navigation and the search, whether its records are on the calendar (and which
//! fields say when), which fields its board can be made by, the quick action that
//! makes one from another record's page, the lists it puts on Home (and how a record of
//! one is marked done there), which of its open records need attention, whether its
//! records are the columns of another object's board (stages), and the key facts a
//! record's page shows under its name. Standard objects get
//! theirs from `standard.rs`; custom ones through Settings or the metadata API. The
//! web interface reads only this, so a new object is metadata, not code.
//!
//! Fields are named by their stable ids (`due_at`, `cf_visit_at`), never by API name,
//! so renaming a field's API name never breaks a capability.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Reason};
use crate::field::{FieldDef, FieldType};
use crate::object::{ObjectDef, Schema};

/// An object's capabilities. Everything is optional: an object without any is listed,
/// searched and edited like every other, under "More" in the navigation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nav: Option<Nav>,
    /// The order objects are searched and shown in by the global search (lower
    /// first); objects without one follow, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_rank: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<Board>,
    /// The records of this object are the columns of other objects' boards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stages: Option<Stages>,
    /// A record page offers to make one of these from it (activities only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick: Option<QuickAction>,
    /// Records of this object are planned work until done (activities only): a
    /// record's next activity is the earliest open one on its timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Planned>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub home: Vec<HomeList>,
    /// Home lists the user's open records of the object's board that need attention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attention: Option<Attention>,
    /// Records hold a stored file, downloaded rather than opened as a page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub files: bool,
    /// The key facts of a record: the fields its page shows under its name, in this
    /// order (a person's company and title, a deal's amount and stage). Empty ones are
    /// left out; a hidden one is skipped, so hiding a field never waits on this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
    /// How its list looks before a user chooses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListLayout>,
}

/// The list of an object as it first opens: the columns that matter to the people who
/// work with it (a person's company, a deal's stage and amount), in this order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListLayout {
    /// Field ids.
    pub columns: Vec<String>,
}

/// Where an object has an entry of its own in the navigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nav {
    #[serde(default)]
    pub group: NavGroup,
    /// Entries of a group are in this order (lower first), then by name.
    #[serde(default)]
    pub rank: i32,
    /// The entry's icon: a name from the interface's icon set (Lucide's names, such
    /// as `users`); an icon the set lacks shows as a plain dot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
}

/// Whether `name` can name an icon: lowercase words joined by hyphens (`building-2`).
pub fn is_icon_name(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NavGroup {
    /// An entry in the bar itself.
    Main,
    /// Under "More".
    #[default]
    More,
}

/// Records on the calendar: from `start` to `end`, or for `duration` seconds, or a
/// moment (a due time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// A date-time field: when the record happens; moving it on the calendar sets it.
    pub start: String,
    /// A date-time field: when it ends (moved with the start, keeping the length).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// An integer field: how long it lasts, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// A yes/no field: the record takes the whole day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_day: Option<String>,
    /// A field listing who takes part (JSON or text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendees: Option<String>,
    /// Records shown as done (struck through): a select field holding one of these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<FieldValues>,
    /// A free slot of the calendar makes a record of this object (the first object
    /// that says so, in navigation order); it needs an `end` or a `duration`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub schedule: bool,
}

/// A select field and some of its values: "status is open or in progress".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldValues {
    pub field: String,
    pub values: Vec<String>,
}

/// A select field and the one value an action sets it to: "status becomes done".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldValue {
    pub field: String,
    pub value: String,
}

/// Which fields a board of the object can be made by. Every visible select field
/// can be; these come first, and relation fields only through here (their target
/// must have `stages`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The board shown when none is asked for (else the first field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// A money field summed per column and shown on the cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<String>,
    /// Home shows the user's open records by the default board's columns.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub home: bool,
    /// A read-only date-time field: when the record entered its column of the default
    /// board. A rule stamps it whenever the default field changes (and on create), so
    /// cards can say how long a record has been in its column and when it rots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Relation fields whose records a card names (a deal's company and contact).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub card: Vec<String>,
}

/// The records of this object are the columns of a board (the stages of a sales
/// pipeline): grouped by `group` (a relation: each pipeline has its stages), in the
/// order of `order`, each with its win probability and outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// A relation field to the object whose records group the stages.
    pub group: String,
    /// An integer field of this object: the column order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// A percent field of this object: the win probability of records in the stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<String>,
    /// A select field of this object offering `open`, `won` and `lost`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// An integer field of this object: a record left in the stage for more than this
    /// many days rots (it needs attention; boards and Home highlight it). Empty: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotting: Option<String>,
    /// A yes/no field of the group object: the group a board opens with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_default: Option<String>,
    /// An integer field of the group object: the order groups are offered in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_order: Option<String>,
}

/// Records that are planned work (tasks, meetings) until done: the next activity of
/// the records they are linked to is the earliest open one by `when`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Planned {
    /// A date-time field: when the work is due or happens.
    pub when: String,
    /// Records holding one of these values are done (or cancelled); an empty value is
    /// open.
    pub done: FieldValues,
}

/// What the outcome of a stage can be.
pub mod outcome {
    pub const OPEN: &str = "open";
    pub const WON: &str = "won";
    pub const LOST: &str = "lost";
    pub const ALL: [&str; 3] = [OPEN, WON, LOST];
}

/// The form a record page offers to make a record of this object (a call, a note, a
/// task) linked to the record: the fields it shows, and the values it starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuickAction {
    /// Quick actions are offered in this order (lower first).
    #[serde(default)]
    pub rank: i32,
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<Preset>,
}

/// A field's starting value in a quick form (also for fields the form does not show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub field: String,
    pub value: PresetValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PresetValue {
    /// This text, as typed in the form (a select's option value).
    Text(String),
    /// The text of a message in the user's language (`quick-call-subject`).
    Message(String),
    /// A date-time this many minutes from now (0: now).
    InMinutes(i64),
    /// A date-time on the day `days` from today, at `hour` o'clock, in the user's zone.
    DayAt { days: i64, hour: u8 },
}

/// How far from now a preset may put a date-time: ten years either way.
const PRESET_DAYS: u64 = 3_653;

impl PresetValue {
    /// Why a preset's date-time could not be made (a moment the calendar cannot hold,
    /// an hour the day does not have), if it could not.
    fn out_of_range(&self) -> Option<Reason> {
        let range = |max: u64| Reason::OutOfRange { min: format!("-{max}"), max: max.to_string() };
        let minutes = PRESET_DAYS * 24 * 60;
        match self {
            PresetValue::InMinutes(m) if m.unsigned_abs() > minutes => Some(range(minutes)),
            PresetValue::DayAt { days, .. } if days.unsigned_abs() > PRESET_DAYS => Some(range(PRESET_DAYS)),
            PresetValue::DayAt { hour, .. } if *hour > 23 => {
                Some(Reason::OutOfRange { min: "0".into(), max: "23".into() })
            }
            _ => None,
        }
    }
}

/// A list of the user's own records on Home ("tasks due", "upcoming meetings").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeList {
    /// Names the list: its title is the message `home-list-{key}` where there is one, else
    /// `title`.
    pub key: String,
    #[serde(default)]
    pub title: String,
    /// A date-time field: the list is about it, sorted by it, and shows it.
    pub when: String,
    pub window: Window,
    /// Only records holding one of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<FieldValues>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub newest_first: bool,
    /// For an `upcoming` window: how many days after today it reaches (7 when not
    /// said, at most [`MAX_UPCOMING_DAYS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u16>,
    /// Home offers to mark a record of the list done, in place: the select field and
    /// the value that says so (a task's status becomes `done`). The write is an
    /// ordinary update, with the version the page read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<FieldValue>,
    /// A manager's team view counts each member's records of the list in this window
    /// (`due_now`: overdue tasks; `today`: today's meetings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Window>,
}

/// The longest reach of an `upcoming` home list, in days.
pub const MAX_UPCOMING_DAYS: u16 = 31;
/// The reach of an `upcoming` home list that does not say.
pub const UPCOMING_DAYS: u16 = 7;

impl HomeList {
    /// How many days after today an `upcoming` list reaches.
    pub fn upcoming_days(&self) -> u16 {
        self.days.unwrap_or(UPCOMING_DAYS).min(MAX_UPCOMING_DAYS)
    }
}

/// Which records of a home list, by the date-time it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Before the end of today: due today (by time), then overdue (newest first).
    DueToday,
    /// Today, from midnight to midnight in the user's zone.
    Today,
    /// Up to now (reminders that are due; overdue tasks).
    DueNow,
    /// From the start of today to the end of the list's `days` after it (meetings
    /// coming up).
    Upcoming,
}

/// Which open records of an object's board need attention — each rule that is set
/// marks a record (see `rapport_domain::home`, which applies them):
/// - `past`: its date has passed (a deal's expected close date);
/// - `next_step`: nothing is planned on its timeline (no linked activity of an object
///   with a calendar that is still to come and not done);
/// - `rotting_days`: it has not changed for this many days. This is the object's
///   default; a per-stage rotting setting, when stages have one, is meant to take its
///   place for the records in that stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attention {
    /// A date or date-time field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub past: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub next_step: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotting_days: Option<u16>,
    /// Fields shown with each record (its customer, its amount).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

impl Behaviour {
    pub fn is_empty(&self) -> bool {
        *self == Behaviour::default()
    }

    /// Every field id a capability names, with where (`calendar.start`): what may not
    /// be hidden or dropped while the capability names it (a key fact may be hidden).
    pub fn uses(&self) -> Vec<(String, String)> {
        let mut copy = self.clone();
        copy.refs_mut().into_iter().map(|(place, field)| (place, field.clone())).collect()
    }

    /// Names fields by their ids where a client named them by API name (as it may,
    /// like everything else it sends).
    pub fn resolve_api_names(&mut self, object: &ObjectDef) {
        for (_, field) in self.refs_mut() {
            if object.field(field).is_none()
                && let Some(found) = object.fields.iter().find(|f| f.api_name == *field)
            {
                field.clone_from(&found.id);
            }
        }
    }

    /// The field references of the object's own fields, with where they are.
    fn refs_mut(&mut self) -> Vec<(String, &mut String)> {
        let mut out: Vec<(String, &mut String)> = Vec::new();
        if let Some(c) = &mut self.calendar {
            out.push(("calendar.start".into(), &mut c.start));
            let optional = [
                ("end", &mut c.end),
                ("duration", &mut c.duration),
                ("all_day", &mut c.all_day),
                ("attendees", &mut c.attendees),
            ];
            for (name, field) in optional {
                if let Some(f) = field {
                    out.push((format!("calendar.{name}"), f));
                }
            }
            if let Some(done) = &mut c.done {
                out.push(("calendar.done.field".into(), &mut done.field));
            }
        }
        if let Some(b) = &mut self.board {
            for (i, f) in b.fields.iter_mut().enumerate() {
                out.push((format!("board.fields.{i}"), f));
            }
            for (name, field) in [("default", &mut b.default), ("sum", &mut b.sum), ("since", &mut b.since)] {
                if let Some(f) = field {
                    out.push((format!("board.{name}"), f));
                }
            }
            for (i, f) in b.card.iter_mut().enumerate() {
                out.push((format!("board.card.{i}"), f));
            }
        }
        if let Some(l) = &mut self.list {
            for (i, f) in l.columns.iter_mut().enumerate() {
                out.push((format!("list.columns.{i}"), f));
            }
        }
        if let Some(s) = &mut self.stages {
            out.push(("stages.group".into(), &mut s.group));
            for (name, field) in [
                ("order", &mut s.order),
                ("probability", &mut s.probability),
                ("outcome", &mut s.outcome),
                ("rotting", &mut s.rotting),
            ] {
                if let Some(f) = field {
                    out.push((format!("stages.{name}"), f));
                }
            }
        }
        if let Some(q) = &mut self.quick {
            for (i, f) in q.fields.iter_mut().enumerate() {
                out.push((format!("quick.fields.{i}"), f));
            }
            for (i, p) in q.presets.iter_mut().enumerate() {
                out.push((format!("quick.presets.{i}.field"), &mut p.field));
            }
        }
        if let Some(p) = &mut self.planned {
            out.push(("planned.when".into(), &mut p.when));
            out.push(("planned.done.field".into(), &mut p.done.field));
        }
        for (i, list) in self.home.iter_mut().enumerate() {
            out.push((format!("home.{i}.when"), &mut list.when));
            if let Some(only) = &mut list.only {
                out.push((format!("home.{i}.only.field"), &mut only.field));
            }
            if let Some(done) = &mut list.done {
                out.push((format!("home.{i}.done.field"), &mut done.field));
            }
        }
        if let Some(a) = &mut self.attention {
            if let Some(past) = &mut a.past {
                out.push(("attention.past".into(), past));
            }
            for (i, f) in a.fields.iter_mut().enumerate() {
                out.push((format!("attention.fields.{i}"), f));
            }
        }
        for (i, fact) in self.facts.iter_mut().enumerate() {
            out.push((format!("facts.{i}"), fact));
        }
        out
    }

    /// The date-time field that says when a record happens or is due (the calendar's
    /// start: a call's start, a meeting's, a task's due time): where its entry sits on
    /// a timeline.
    pub fn when_field(&self) -> Option<&str> {
        self.calendar.as_ref().map(|c| c.start.as_str())
    }

    /// The select field and its values that mark a record as done (a task done or
    /// cancelled), for objects whose records are open until then.
    pub fn done(&self) -> Option<&FieldValues> {
        self.calendar.as_ref().and_then(|c| c.done.as_ref())
    }

    /// The problems of these capabilities on `object` (as it will be), each naming
    /// the property at fault (`behaviour.calendar.start`).
    pub fn check(&self, schema: &Schema, object: &ObjectDef) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut fail = |place: &str, reason: Reason| errors.push(FieldError::new(format!("behaviour.{place}"), reason));
        for (place, id) in self.uses() {
            match object.field(&id) {
                None => fail(&place, Reason::UnknownField),
                // A hidden key fact or list column is skipped by the page: the field may
                // be hidden.
                Some(field) if field.hidden && (place.starts_with("facts.") || place.starts_with("list.")) => {}
                Some(field) if field.hidden => fail(&place, Reason::UnknownField),
                Some(field) => {
                    if let Some(expected) = expected_kind(&place, field, schema) {
                        fail(&place, Reason::WrongType { expected });
                    }
                }
            }
        }
        for (place, field, values) in self.value_lists() {
            check_values(object, &place, field, values, &mut fail);
        }
        if let Some(c) = &self.calendar
            && c.schedule
            && c.end.is_none()
            && c.duration.is_none()
        {
            fail("calendar.schedule", Reason::Required);
        }
        if self.quick.is_some() && !object.is_activity {
            fail("quick", Reason::WrongType { expected: "an activity object" });
        }
        if self.planned.is_some() && !object.is_activity {
            fail("planned", Reason::WrongType { expected: "an activity object" });
        }
        if let Some(since) = self.board.as_ref().and_then(|b| b.since.as_ref())
            && object.field(since).is_some_and(|f| !f.read_only)
        {
            fail("board.since", Reason::WrongType { expected: "a read-only date-time field" });
        }
        if let Some(s) = &self.stages {
            self.check_group_fields(schema, object, s, &mut fail);
        }
        for (i, preset) in self.quick.iter().flat_map(|q| q.presets.iter()).enumerate() {
            if let Some(reason) = preset.value.out_of_range() {
                fail(&format!("quick.presets.{i}.value"), reason);
            }
        }
        if self.nav.as_ref().and_then(|n| n.icon.as_deref()).is_some_and(|icon| !is_icon_name(icon)) {
            fail("nav.icon", Reason::InvalidName);
        }
        for (i, list) in self.home.iter().enumerate() {
            if !crate::field::is_valid_name(&list.key) {
                fail(&format!("home.{i}.key"), Reason::InvalidName);
            }
            if list.days.is_some_and(|d| d == 0 || d > MAX_UPCOMING_DAYS) {
                let max = MAX_UPCOMING_DAYS.to_string();
                fail(&format!("home.{i}.days"), Reason::OutOfRange { min: "1".into(), max });
            }
        }
        if self.attention.is_some() && self.board.is_none() {
            fail("attention", Reason::WrongType { expected: "an object with a board" });
        }
        errors
    }

    /// The select values capabilities name, with where and of which field.
    fn value_lists(&self) -> Vec<(String, &str, &[String])> {
        let mut out: Vec<(String, &str, &[String])> = Vec::new();
        if let Some(done) = self.calendar.as_ref().and_then(|c| c.done.as_ref()) {
            out.push(("calendar.done.values".to_owned(), &done.field, &done.values));
        }
        if let Some(planned) = &self.planned {
            out.push(("planned.done.values".to_owned(), &planned.done.field, &planned.done.values));
        }
        for (i, list) in self.home.iter().enumerate() {
            if let Some(only) = &list.only {
                out.push((format!("home.{i}.only.values"), &only.field, &only.values));
            }
            if let Some(done) = &list.done {
                out.push((format!("home.{i}.done.value"), &done.field, std::slice::from_ref(&done.value)));
            }
        }
        out
    }

    fn check_group_fields(
        &self,
        schema: &Schema,
        object: &ObjectDef,
        stages: &Stages,
        fail: &mut impl FnMut(&str, Reason),
    ) {
        let group = object
            .field(&stages.group)
            .and_then(|f| f.kind.relation_target())
            .and_then(|target| schema.object(target).ok().or((target == object.id).then_some(object)));
        let Some(group) = group else { return };
        let checks = [
            ("stages.group_default", &stages.group_default, "a yes/no field of the group object"),
            ("stages.group_order", &stages.group_order, "an integer field of the group object"),
        ];
        for (place, field, expected) in checks {
            let Some(id) = field else { continue };
            let fits = group.field(id).is_some_and(|f| match place {
                "stages.group_default" => matches!(f.kind, FieldType::Boolean),
                _ => matches!(f.kind, FieldType::Integer { .. }),
            });
            if !fits {
                fail(place, Reason::WrongType { expected });
            }
        }
    }
}

/// What a capability needs of a field, when `field` is not it.
fn expected_kind(place: &str, field: &FieldDef, schema: &Schema) -> Option<&'static str> {
    let kind = &field.kind;
    let ok = match place {
        "calendar.start" | "calendar.end" | "board.since" | "planned.when" => matches!(kind, FieldType::DateTime),
        "calendar.duration" | "stages.order" | "stages.rotting" => matches!(kind, FieldType::Integer { .. }),
        "calendar.all_day" => matches!(kind, FieldType::Boolean),
        "calendar.attendees" => matches!(kind, FieldType::Json | FieldType::LongText | FieldType::Text { .. }),
        "calendar.done.field" | "planned.done.field" | "stages.outcome" => matches!(kind, FieldType::Select { .. }),
        "board.sum" => matches!(kind, FieldType::Currency { .. }),
        p if p.starts_with("board.card.") => matches!(kind, FieldType::Relation { .. }),
        "stages.probability" => matches!(kind, FieldType::Percent { .. }),
        "stages.group" => matches!(kind, FieldType::Relation { .. }),
        p if p.starts_with("board.") => match kind {
            FieldType::Select { .. } => true,
            FieldType::Relation { target } => schema.object(target).ok().is_some_and(|t| t.behaviour.stages.is_some()),
            _ => false,
        },
        p if p.starts_with("home.") && p.ends_with(".when") => matches!(kind, FieldType::DateTime),
        p if p.ends_with(".only.field") || p.ends_with(".done.field") => matches!(kind, FieldType::Select { .. }),
        "attention.past" => matches!(kind, FieldType::Date | FieldType::DateTime),
        _ => true,
    };
    if ok {
        return None;
    }
    Some(match place {
        "calendar.start" | "calendar.end" | "board.since" | "planned.when" => "a date-time field",
        "calendar.duration" | "stages.order" | "stages.rotting" => "an integer field",
        "calendar.all_day" => "a yes/no field",
        "calendar.attendees" => "a JSON or text field",
        "board.sum" => "a money field",
        p if p.starts_with("board.card.") => "a relation field",
        "stages.probability" => "a percent field",
        "stages.group" => "a relation field",
        p if p.starts_with("board.") => "a select field, or a relation to an object with stages",
        p if p.starts_with("home.") && p.ends_with(".when") => "a date-time field",
        "attention.past" => "a date or date-time field",
        _ => "a select field",
    })
}

/// Each value must be one of the select's options; `place` names the list (a single
/// value is named by it, each of several by its index).
fn check_values(object: &ObjectDef, place: &str, field: &str, values: &[String], fail: &mut impl FnMut(&str, Reason)) {
    let Some(field) = object.field(field) else { return };
    let options = field.kind.options();
    if options.is_empty() {
        return;
    }
    let single = place.ends_with(".value");
    for (i, value) in values.iter().enumerate() {
        if !options.iter().any(|o| o.value == *value) {
            let at = if single { place.to_owned() } else { format!("{place}.{i}") };
            fail(&at, Reason::UnknownOption { value: value.clone() });
        }
    }
}

impl Schema {
    /// The objects with their own entry in the navigation bar, in order.
    pub fn nav_objects(&self) -> Vec<&ObjectDef> {
        let mut out: Vec<&ObjectDef> =
            self.all().filter(|o| o.behaviour.nav.as_ref().is_some_and(|n| n.group == NavGroup::Main)).collect();
        out.sort_by_key(|o| (o.behaviour.nav.as_ref().map_or(0, |n| n.rank), o.label_plural.clone()));
        out
    }

    /// The object a free calendar slot makes a record of.
    pub fn scheduling_object(&self) -> Option<&ObjectDef> {
        let mut candidates: Vec<&ObjectDef> =
            self.all().filter(|o| !o.hidden && o.behaviour.calendar.as_ref().is_some_and(|c| c.schedule)).collect();
        candidates.sort_by_key(|o| (o.behaviour.nav.as_ref().map_or(i32::MAX, |n| n.rank), o.id.clone()));
        candidates.first().copied()
    }

    /// The object whose records hold stored files.
    pub fn files_object(&self) -> Option<&ObjectDef> {
        self.all().find(|o| o.behaviour.files)
    }
}
