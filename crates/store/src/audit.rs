//! The audit log: who changed what and when, one row per changed field, written in the
//! same transaction as the change. The application only appends to it.

use rapport_model::{Actor, Logical};
use sea_query::{Expr, ExprTrait, Order, Query};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Cell, Conn};
use crate::error::Result;
use crate::types::to_sea;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
    Purge,
    /// An activity was put on the record's timeline.
    Link,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Restore => "restore",
            Action::Purge => "purge",
            Action::Link => "link",
        }
    }
}

/// One audit row as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: OffsetDateTime,
    pub actor_id: Option<Uuid>,
    pub object_id: String,
    pub record_id: Uuid,
    pub action: String,
    pub field_id: Option<String>,
    pub old_value: Option<Json>,
    pub new_value: Option<Json>,
}

/// A change to write: the field (none for whole-record actions) and its values.
pub struct Change<'a> {
    pub action: Action,
    pub field_id: Option<&'a str>,
    pub old: Option<Json>,
    pub new: Option<Json>,
}

pub async fn write(
    conn: &Conn<'_>,
    actor: &Actor,
    object_id: &str,
    record_id: Uuid,
    changes: Vec<Change<'_>>,
) -> Result<()> {
    let b = conn.backend();
    let at = crate::now();
    for change in changes {
        let json = |j: Option<Json>| j.map_or(Cell::Null, Cell::Json);
        let insert = Query::insert()
            .into_table("audit_log")
            .columns(["at", "actor_id", "object_id", "record_id", "action", "field_id", "old_value", "new_value"])
            .values_panic([
                to_sea(b, Logical::DateTime, &Cell::DateTime(at))?.into(),
                to_sea(b, Logical::Uuid, &actor.user_id().map_or(Cell::Null, Cell::Uuid))?.into(),
                to_sea(b, Logical::Text, &Cell::Text(object_id.into()))?.into(),
                to_sea(b, Logical::Uuid, &Cell::Uuid(record_id))?.into(),
                to_sea(b, Logical::Text, &Cell::Text(change.action.as_str().into()))?.into(),
                to_sea(b, Logical::Text, &change.field_id.map_or(Cell::Null, |f| Cell::Text(f.into())))?.into(),
                to_sea(b, Logical::Json, &json(change.old))?.into(),
                to_sea(b, Logical::Json, &json(change.new))?.into(),
            ])
            .to_owned();
        conn.execute(&insert).await?;
    }
    Ok(())
}

const KINDS: [Logical; 9] = [
    Logical::Integer,
    Logical::DateTime,
    Logical::Uuid,
    Logical::Text,
    Logical::Uuid,
    Logical::Text,
    Logical::Text,
    Logical::Json,
    Logical::Json,
];

/// The audit rows of one record, oldest first.
pub async fn for_record(conn: &Conn<'_>, object_id: &str, record_id: Uuid) -> Result<Vec<AuditEntry>> {
    let b = conn.backend();
    let select = Query::select()
        .columns(["seq", "at", "actor_id", "object_id", "record_id", "action", "field_id", "old_value", "new_value"])
        .from("audit_log")
        .and_where(Expr::col("object_id").eq(to_sea(b, Logical::Text, &Cell::Text(object_id.into()))?))
        .and_where(Expr::col("record_id").eq(to_sea(b, Logical::Uuid, &Cell::Uuid(record_id))?))
        .order_by("seq", Order::Asc)
        .to_owned();
    let rows = conn.query(&select, &KINDS).await?;
    Ok(rows.into_iter().map(entry).collect())
}

fn entry(row: Vec<Cell>) -> AuditEntry {
    let mut c = row.into_iter();
    let mut next = || c.next().unwrap_or(Cell::Null);
    let json = |cell: Cell| match cell {
        Cell::Json(j) => Some(j),
        _ => None,
    };
    AuditEntry {
        seq: next().as_i64().unwrap_or_default(),
        at: next().as_datetime().unwrap_or(OffsetDateTime::UNIX_EPOCH),
        actor_id: next().as_uuid(),
        object_id: next().into_text().unwrap_or_default(),
        record_id: next().as_uuid().unwrap_or_default(),
        action: next().into_text().unwrap_or_default(),
        field_id: next().into_text(),
        old_value: json(next()),
        new_value: json(next()),
    }
}

/// A page of a record's field changes (updates, owner and team changes), newest
/// first, before `before` (`at`, `seq`), without the `hidden` fields: the
/// field-change half of its timeline.
pub async fn changes_page(
    conn: &Conn<'_>,
    object_id: &str,
    record_id: Uuid,
    hidden: &[String],
    before: Option<(OffsetDateTime, i64)>,
    limit: u64,
) -> Result<Vec<AuditEntry>> {
    let b = conn.backend();
    let mut select = Query::select();
    select
        .columns(["seq", "at", "actor_id", "object_id", "record_id", "action", "field_id", "old_value", "new_value"])
        .from("audit_log")
        .and_where(Expr::col("object_id").eq(to_sea(b, Logical::Text, &Cell::Text(object_id.into()))?))
        .and_where(Expr::col("record_id").eq(to_sea(b, Logical::Uuid, &Cell::Uuid(record_id))?))
        .and_where(Expr::col("action").eq(to_sea(b, Logical::Text, &Cell::Text(Action::Update.as_str().into()))?))
        .order_by("at", Order::Desc)
        .order_by("seq", Order::Desc)
        .limit(limit);
    // Fields hidden from the reader are left out here, in the SQL, so that a page is
    // full and its cursor exact however many hidden changes there are.
    if !hidden.is_empty() {
        let ids = hidden
            .iter()
            .map(|f| to_sea(b, Logical::Text, &Cell::Text(f.clone())).map(Expr::from))
            .collect::<Result<Vec<_>>>()?;
        select.and_where(Expr::col("field_id").is_not_in(ids));
    }
    if let Some((at, seq)) = before {
        select.and_where(Expr::tuple([Expr::col("at"), Expr::col("seq")]).lt(Expr::tuple([
            Expr::from(to_sea(b, Logical::DateTime, &Cell::DateTime(at))?),
            Expr::from(to_sea(b, Logical::Integer, &Cell::Int(seq))?),
        ])));
    }
    let rows = conn.query(&select, &KINDS).await?;
    Ok(rows.into_iter().map(entry).collect())
}
