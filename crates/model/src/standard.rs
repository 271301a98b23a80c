//! The standard CRM schema as data: the objects every Rapport starts with. Migrations
//! create their tables through the same code that creates custom objects at runtime.

use crate::behaviour::{
    Attention, Behaviour, Board, Calendar, FieldValue, FieldValues, HomeList, ListLayout, Nav, NavGroup, Planned,
    Preset, PresetValue, QuickAction, Stages, Window,
};
use crate::field::{FieldDef as F, FieldType as T, SelectOption};
use crate::object::ObjectDef;

fn text(id: &str, label: &str) -> F {
    F::new(id, label, T::Text { max_length: Some(255) })
}
fn long(id: &str, label: &str) -> F {
    F::new(id, label, T::LongText)
}
fn select(id: &str, label: &str, options: &[(&str, &str)]) -> F {
    F::new(id, label, T::Select { options: opts(options) })
}
fn multi(id: &str, label: &str, options: &[(&str, &str)]) -> F {
    F::new(id, label, T::MultiSelect { options: opts(options) })
}
fn relation(id: &str, label: &str, target: &str) -> F {
    F::new(id, label, T::Relation { target: target.into() }).indexed()
}
fn opts(options: &[(&str, &str)]) -> Vec<SelectOption> {
    options.iter().map(|(v, l)| SelectOption::new(v, l)).collect()
}
fn money(id: &str, label: &str) -> F {
    F::new(id, label, T::Currency { scale: 2 })
}
fn datetime(id: &str, label: &str) -> F {
    F::new(id, label, T::DateTime)
}

fn object(id: &str, api: &str, label: &str, plural: &str, label_field: &str, fields: Vec<F>) -> ObjectDef {
    let fields = fields
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            f.position = i32::try_from(i).unwrap_or(i32::MAX);
            f
        })
        .collect();
    ObjectDef {
        id: id.into(),
        api_name: api.into(),
        label: label.into(),
        label_plural: plural.into(),
        is_standard: true,
        is_activity: false,
        behaviour: Default::default(),
        hidden: false,
        label_field: Some(label_field.into()),
        fields,
    }
}

fn activity(mut o: ObjectDef) -> ObjectDef {
    o.is_activity = true;
    o
}

const CONTACT_METHODS: &[(&str, &str)] = &[
    ("email", "Email"),
    ("phone", "Phone"),
    ("sms", "SMS"),
    ("whatsapp", "WhatsApp"),
    ("mail", "Post"),
    ("visit", "Visit"),
];
const LEAD_SOURCES: &[(&str, &str)] = &[
    ("website", "Website"),
    ("referral", "Referral"),
    ("event", "Event"),
    ("cold_call", "Cold call"),
    ("campaign", "Campaign"),
    ("partner", "Partner"),
    ("social", "Social media"),
    ("other", "Other"),
];
const PRIORITIES: &[(&str, &str)] = &[("low", "Low"), ("normal", "Normal"), ("high", "High"), ("urgent", "Urgent")];

pub fn person() -> ObjectDef {
    object(
        "person",
        "people",
        "Person",
        "People",
        "name",
        vec![
            F::new("name", "Name", T::FullName).indexed().searchable().required().section("main"),
            text("title", "Title").section("main"),
            text("occupation", "Occupation").section("main"),
            F::new("emails", "Emails", T::Email { multiple: true }).searchable().section("contact"),
            F::new("phones", "Phones", T::Phone { multiple: true }).searchable().section("contact"),
            F::new("websites", "Websites", T::Url { multiple: true }).section("contact"),
            F::new("social_profiles", "Social profiles", T::Social).searchable().section("contact"),
            F::new("address", "Address", T::Address).searchable().section("contact"),
            select("preferred_contact_method", "Preferred contact method", CONTACT_METHODS).section("contact"),
            text("preferred_contact_time", "Preferred contact time").section("contact"),
            F::new("language", "Language", T::Text { max_length: Some(35) }).section("contact"),
            F::new("birthday", "Birthday", T::Date).indexed().section("personal"),
            select(
                "gender",
                "Gender",
                &[("female", "Female"), ("male", "Male"), ("other", "Other"), ("undisclosed", "Prefer not to say")],
            )
            .section("personal"),
            long("family_notes", "Family").section("personal"),
            multi(
                "hobbies",
                "Hobbies",
                &[
                    ("sport", "Sport"),
                    ("music", "Music"),
                    ("travel", "Travel"),
                    ("reading", "Reading"),
                    ("cooking", "Cooking"),
                    ("art", "Art"),
                    ("technology", "Technology"),
                    ("gardening", "Gardening"),
                ],
            )
            .section("personal"),
            long("memberships", "Group memberships").section("personal"),
            select("lead_source", "Lead source", LEAD_SOURCES).indexed().section("sales"),
            relation("company", "Primary company", "company").section("sales"),
            long("notes", "Notes").section("main"),
        ],
    )
}

pub fn company() -> ObjectDef {
    object(
        "company",
        "companies",
        "Company",
        "Companies",
        "name",
        vec![
            text("name", "Name").required().indexed().searchable(),
            F::new("domain", "Web domain", T::Url { multiple: false }).indexed().searchable(),
            select(
                "industry",
                "Industry",
                &[
                    ("retail", "Retail"),
                    ("wholesale", "Wholesale"),
                    ("manufacturing", "Manufacturing"),
                    ("services", "Services"),
                    ("technology", "Technology"),
                    ("finance", "Finance"),
                    ("health", "Health"),
                    ("hospitality", "Hospitality"),
                    ("construction", "Construction"),
                    ("public", "Public sector"),
                    ("other", "Other"),
                ],
            )
            .indexed(),
            F::new("employees", "Employees", T::Integer { min: Some(0), max: None }).indexed(),
            money("annual_revenue", "Annual revenue").indexed(),
            text("tax_id", "Tax id").searchable(),
            F::new("emails", "Emails", T::Email { multiple: true }).searchable(),
            F::new("phones", "Phones", T::Phone { multiple: true }).searchable(),
            F::new("address", "Address", T::Address).searchable(),
            F::new("social_profiles", "Social profiles", T::Social),
            select("lead_source", "Lead source", LEAD_SOURCES),
            relation("parent", "Parent company", "company"),
            long("description", "Description"),
        ],
    )
}

/// People ↔ companies, many-to-many with a role.
pub fn affiliation() -> ObjectDef {
    object(
        "affiliation",
        "affiliations",
        "Affiliation",
        "Affiliations",
        "role",
        vec![
            relation("person", "Person", "person").required(),
            relation("company", "Company", "company").required(),
            text("role", "Role"),
            F::new("is_primary", "Primary", T::Boolean),
            F::new("started_on", "Started", T::Date),
            F::new("ended_on", "Ended", T::Date),
        ],
    )
}

pub fn lead() -> ObjectDef {
    object(
        "lead",
        "leads",
        "Lead",
        "Leads",
        "name",
        vec![
            F::new("name", "Name", T::FullName).required().indexed().searchable(),
            text("company_name", "Company").searchable(),
            F::new("email", "Email", T::Email { multiple: false }).indexed().searchable(),
            F::new("phone", "Phone", T::Phone { multiple: false }).indexed().searchable(),
            select(
                "status",
                "Status",
                &[
                    ("new", "New"),
                    ("contacted", "Contacted"),
                    ("qualified", "Qualified"),
                    ("unqualified", "Unqualified"),
                    ("converted", "Converted"),
                ],
            )
            .required()
            .indexed(),
            select("source", "Source", LEAD_SOURCES).indexed(),
            F::new("score", "Score", T::Integer { min: Some(0), max: Some(100) }).indexed(),
            money("estimated_value", "Estimated value"),
            F::new("address", "Address", T::Address),
            long("description", "Description"),
            relation("converted_person", "Converted to person", "person"),
            relation("converted_company", "Converted to company", "company"),
            relation("converted_opportunity", "Converted to opportunity", "opportunity"),
        ],
    )
}

pub fn pipeline() -> ObjectDef {
    object(
        "pipeline",
        "pipelines",
        "Pipeline",
        "Pipelines",
        "name",
        vec![
            text("name", "Name").required().unique(),
            F::new("is_default", "Default", T::Boolean),
            F::new("position", "Order", T::Integer { min: None, max: None }),
        ],
    )
}

pub fn stage() -> ObjectDef {
    object(
        "stage",
        "stages",
        "Stage",
        "Stages",
        "name",
        vec![
            relation("pipeline", "Pipeline", "pipeline").required(),
            text("name", "Name").required(),
            F::new("position", "Order", T::Integer { min: None, max: None }).indexed(),
            F::new("probability", "Probability", T::Percent { scale: 2 }),
            select("kind", "Kind", &[("open", "Open"), ("won", "Won"), ("lost", "Lost")]).required(),
            // Added after the first release: last, so that positions stay as they were.
            F::new("rotting_days", "Rotting after (days)", T::Integer { min: Some(1), max: Some(3_650) }),
        ],
    )
}

pub fn opportunity() -> ObjectDef {
    object(
        "opportunity",
        "opportunities",
        "Opportunity",
        "Opportunities",
        "name",
        vec![
            text("name", "Name").required().indexed().searchable(),
            money("amount", "Amount").indexed(),
            relation("pipeline", "Pipeline", "pipeline").required(),
            relation("stage", "Stage", "stage").required(),
            F::new("close_date", "Expected close", T::Date).indexed(),
            F::new("probability", "Probability", T::Percent { scale: 2 }),
            relation("company", "Company", "company"),
            relation("person", "Contact", "person"),
            select("source", "Source", LEAD_SOURCES),
            select(
                "lost_reason",
                "Lost reason",
                &[
                    ("price", "Price"),
                    ("competitor", "Competitor"),
                    ("timing", "Timing"),
                    ("no_budget", "No budget"),
                    ("no_decision", "No decision"),
                    ("other", "Other"),
                ],
            ),
            long("description", "Description"),
            // Stamped by the board rule whenever the stage changes (added after the first
            // release: last, so that positions stay as they were).
            datetime("stage_entered_at", "In stage since").read_only(),
        ],
    )
}

pub fn task() -> ObjectDef {
    activity(object(
        "task",
        "tasks",
        "Task",
        "Tasks",
        "subject",
        vec![
            text("subject", "Subject").required().searchable(),
            datetime("due_at", "Due").indexed(),
            datetime("remind_at", "Reminder").indexed(),
            select(
                "status",
                "Status",
                &[("open", "Open"), ("in_progress", "In progress"), ("done", "Done"), ("cancelled", "Cancelled")],
            )
            .required()
            .indexed(),
            select("priority", "Priority", PRIORITIES),
            datetime("completed_at", "Completed"),
            long("description", "Description").searchable(),
        ],
    ))
}

pub fn note() -> ObjectDef {
    activity(object(
        "note",
        "notes",
        "Note",
        "Notes",
        "title",
        vec![text("title", "Title").searchable(), long("body", "Text").required().searchable()],
    ))
}

pub fn call() -> ObjectDef {
    activity(object(
        "call",
        "calls",
        "Call",
        "Calls",
        "subject",
        vec![
            text("subject", "Subject").required().searchable(),
            select("direction", "Direction", &[("inbound", "Inbound"), ("outbound", "Outbound")]).required(),
            datetime("started_at", "Started").required().indexed(),
            F::new("duration_seconds", "Duration", T::Integer { min: Some(0), max: None }),
            select(
                "outcome",
                "Outcome",
                &[
                    ("connected", "Connected"),
                    ("no_answer", "No answer"),
                    ("busy", "Busy"),
                    ("voicemail", "Left voicemail"),
                    ("wrong_number", "Wrong number"),
                ],
            )
            .indexed(),
            F::new("phone", "Phone number", T::Phone { multiple: false }),
            long("notes", "Notes").searchable(),
        ],
    ))
}

pub fn meeting() -> ObjectDef {
    activity(object(
        "meeting",
        "meetings",
        "Meeting",
        "Meetings",
        "subject",
        vec![
            text("subject", "Subject").required().searchable(),
            datetime("starts_at", "Starts").required().indexed(),
            datetime("ends_at", "Ends").required(),
            text("location", "Location").searchable(),
            select("status", "Status", &[("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")])
                .indexed(),
            F::new("attendees", "Attendees", T::Json),
            long("agenda", "Agenda").searchable(),
        ],
    ))
}

/// File metadata; the bytes live in the data directory under `storage_key`.
pub fn attachment() -> ObjectDef {
    activity(object(
        "attachment",
        "attachments",
        "Attachment",
        "Attachments",
        "file_name",
        vec![
            text("file_name", "File name").required().searchable(),
            text("content_type", "Type").read_only(),
            F::new("size_bytes", "Size", T::Integer { min: Some(0), max: None }).read_only(),
            F::new("sha256", "SHA-256", T::Text { max_length: Some(64) }).read_only(),
            F::new("storage_key", "Storage key", T::Text { max_length: Some(200) }).required().read_only(),
        ],
    ))
}

pub fn tag() -> ObjectDef {
    object(
        "tag",
        "tags",
        "Tag",
        "Tags",
        "name",
        vec![
            text("name", "Name").required().unique().searchable(),
            F::new("color", "Color", T::Text { max_length: Some(16) }),
        ],
    )
}

/// Every standard object, in creation order, with what the interface does with it.
pub fn standard_objects() -> Vec<ObjectDef> {
    vec![
        company(),
        person(),
        affiliation(),
        pipeline(),
        stage(),
        lead(),
        opportunity(),
        task(),
        note(),
        call(),
        meeting(),
        attachment(),
        tag(),
    ]
    .into_iter()
    .map(|mut o| {
        o.behaviour = behaviour(&o.id);
        o
    })
    .collect()
}

/// The icon of a standard object's navigation entry (a Lucide name).
fn icon(object: &str) -> Option<&'static str> {
    Some(match object {
        "person" => "users",
        "company" => "building-2",
        "lead" => "user-plus",
        "opportunity" => "target",
        "task" => "square-check-big",
        "meeting" => "calendar-days",
        "call" => "phone",
        "note" => "sticky-note",
        "file" => "paperclip",
        _ => return None,
    })
}

/// The columns a standard object's list opens with.
fn list_columns(object: &str) -> Option<ListLayout> {
    let columns: &[&str] = match object {
        "person" => &["name", "company", "title", "emails", "phones"],
        "company" => &["name", "industry", "address", "phones", "domain"],
        "lead" => &["name", "company_name", "status", "source", "email", "phone"],
        "opportunity" => &["name", "company", "stage", "amount", "close_date"],
        "task" => &["subject", "due_at", "status", "priority"],
        "meeting" => &["subject", "starts_at", "location", "status"],
        "call" => &["subject", "started_at", "direction", "outcome", "duration_seconds"],
        _ => return None,
    };
    Some(ListLayout { columns: columns.iter().map(|c| (*c).to_owned()).collect() })
}

/// The capabilities of a standard object (see `behaviour.rs`); the code that reads
/// them never names an object.
pub fn behaviour(object: &str) -> Behaviour {
    let ids = |fields: &[&str]| fields.iter().map(|f| (*f).to_owned()).collect::<Vec<_>>();
    Behaviour { facts: ids(facts(object)), list: list_columns(object), ..capabilities(object) }
}

/// The key facts a standard record's page shows under its name.
fn facts(object: &str) -> &'static [&'static str] {
    match object {
        "person" => &["company", "title", "phones", "emails"],
        "company" => &["industry", "domain", "phones", "emails", "address"],
        "lead" => &["status", "company_name", "phone", "email", "estimated_value"],
        "opportunity" => &["amount", "stage", "close_date", "company", "person"],
        "affiliation" => &["person", "company", "is_primary"],
        "task" => &["due_at", "status", "priority"],
        "call" => &["started_at", "outcome", "duration_seconds"],
        "meeting" => &["starts_at", "location", "status"],
        _ => &[],
    }
}

/// What the interface does with a standard object, but for its list and key facts.
fn capabilities(object: &str) -> Behaviour {
    let main = |rank| Some(Nav { group: NavGroup::Main, rank, icon: icon(object).map(str::to_owned) });
    let ids = |fields: &[&str]| fields.iter().map(|f| (*f).to_owned()).collect::<Vec<_>>();
    let text = |field: &str, value: &str| Preset { field: field.into(), value: PresetValue::Text(value.into()) };
    let values = |field: &str, values: &[&str]| Some(FieldValues { field: field.into(), values: ids(values) });
    let open_tasks = || values("status", &["open", "in_progress"]);
    let home = |key: &str, title: &str, when: &str, window, only| HomeList {
        key: key.into(),
        title: title.into(),
        when: when.into(),
        window,
        only,
        newest_first: false,
        days: None,
        done: None,
        team: None,
    };
    // A task is done from Home by its status (its completion time follows, by rule).
    let task_done = || Some(FieldValue { field: "status".into(), value: "done".into() });
    match object {
        "person" => Behaviour { nav: main(10), search_rank: Some(10), ..Behaviour::default() },
        "company" => Behaviour { nav: main(20), search_rank: Some(20), ..Behaviour::default() },
        "lead" => Behaviour {
            nav: main(30),
            search_rank: Some(30),
            board: Some(Board { default: Some("status".into()), ..Board::default() }),
            ..Behaviour::default()
        },
        "opportunity" => Behaviour {
            nav: main(40),
            search_rank: Some(40),
            board: Some(Board {
                fields: ids(&["stage"]),
                default: Some("stage".into()),
                sum: Some("amount".into()),
                home: true,
                since: Some("stage_entered_at".into()),
                card: ids(&["company", "person"]),
            }),
            // A deal needs attention when it should have closed by now, when nothing is
            // planned for it, or when it has not moved for a month.
            attention: Some(Attention {
                past: Some("close_date".into()),
                next_step: true,
                rotting_days: Some(30),
                fields: ids(&["company", "person", "amount", "close_date"]),
            }),
            ..Behaviour::default()
        },
        "stage" => Behaviour {
            stages: Some(Stages {
                group: "pipeline".into(),
                order: Some("position".into()),
                probability: Some("probability".into()),
                outcome: Some("kind".into()),
                rotting: Some("rotting_days".into()),
                group_default: Some("is_default".into()),
                group_order: Some("position".into()),
            }),
            ..Behaviour::default()
        },
        "task" => Behaviour {
            nav: main(50),
            search_rank: Some(50),
            calendar: Some(Calendar {
                start: "due_at".into(),
                end: None,
                duration: None,
                all_day: None,
                attendees: None,
                done: values("status", &["done", "cancelled"]),
                schedule: false,
            }),
            quick: Some(QuickAction {
                rank: 30,
                fields: ids(&["subject", "due_at", "remind_at", "priority", "description"]),
                // A follow-up is due the next morning unless the user says otherwise.
                presets: vec![
                    text("status", "open"),
                    text("priority", "normal"),
                    Preset { field: "due_at".into(), value: PresetValue::DayAt { days: 1, hour: 9 } },
                ],
            }),
            planned: Some(Planned {
                when: "due_at".into(),
                done: FieldValues { field: "status".into(), values: ids(&["done", "cancelled"]) },
            }),
            home: vec![
                HomeList {
                    done: task_done(),
                    team: Some(Window::DueNow),
                    ..home("tasks", "Tasks due", "due_at", Window::DueToday, open_tasks())
                },
                HomeList {
                    done: task_done(),
                    ..home("reminders", "Reminders", "remind_at", Window::DueNow, open_tasks())
                },
            ],
            ..Behaviour::default()
        },
        "meeting" => Behaviour {
            nav: main(60),
            search_rank: Some(60),
            calendar: Some(Calendar {
                start: "starts_at".into(),
                end: Some("ends_at".into()),
                duration: None,
                all_day: None,
                attendees: Some("attendees".into()),
                done: None,
                schedule: true,
            }),
            quick: Some(QuickAction {
                rank: 40,
                fields: ids(&["subject", "starts_at", "ends_at", "location", "agenda"]),
                presets: vec![
                    Preset { field: "starts_at".into(), value: PresetValue::InMinutes(60) },
                    Preset { field: "ends_at".into(), value: PresetValue::InMinutes(120) },
                    text("status", "planned"),
                ],
            }),
            planned: Some(Planned {
                when: "starts_at".into(),
                done: FieldValues { field: "status".into(), values: ids(&["held", "cancelled"]) },
            }),
            home: vec![HomeList {
                days: Some(7),
                team: Some(Window::Today),
                ..home("meetings", "Upcoming meetings", "starts_at", Window::Upcoming, None)
            }],
            ..Behaviour::default()
        },
        "call" => Behaviour {
            search_rank: Some(70),
            calendar: Some(Calendar {
                start: "started_at".into(),
                end: None,
                duration: Some("duration_seconds".into()),
                all_day: None,
                attendees: None,
                done: None,
                schedule: false,
            }),
            quick: Some(QuickAction {
                rank: 10,
                fields: ids(&["subject", "direction", "outcome", "started_at", "duration_seconds", "notes"]),
                presets: vec![
                    Preset { field: "started_at".into(), value: PresetValue::InMinutes(0) },
                    text("direction", "outbound"),
                    text("outcome", "connected"),
                    Preset { field: "subject".into(), value: PresetValue::Message("quick-call-subject".into()) },
                ],
            }),
            home: vec![HomeList {
                newest_first: true,
                ..home("calls", "Today's calls", "started_at", Window::Today, None)
            }],
            ..Behaviour::default()
        },
        "note" => Behaviour {
            quick: Some(QuickAction { rank: 20, fields: ids(&["title", "body"]), presets: Vec::new() }),
            ..Behaviour::default()
        },
        "attachment" => Behaviour { files: true, ..Behaviour::default() },
        _ => Behaviour::default(),
    }
}
