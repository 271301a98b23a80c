//! The audit log: who changed what and when, one row per changed field, written in the
//! same transaction as the change. The application only appends to it.

use rapport_model::{Actor, Logical};
use sea_query::{Expr, ExprTrait, Order};
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Cell, Conn};
use crate::error::Result;
use crate::table::system_table;
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

system_table! {
    /// One audit row as read back.
    #[derive(Debug, Clone, PartialEq)]
    pub struct AuditEntry in "audit_log" {
        pub seq: i64 = serial,
        pub at: OffsetDateTime,
        pub actor_id: Option<Uuid>,
        pub object_id: String,
        pub record_id: Uuid,
        pub action: String,
        pub field_id: Option<String>,
        pub old_value: Option<Json>,
        pub new_value: Option<Json>,
    }
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
        let entry = AuditEntry {
            // The database numbers rows; the insert leaves `seq` out.
            seq: 0,
            at,
            actor_id: actor.user_id(),
            object_id: object_id.to_owned(),
            record_id,
            action: change.action.as_str().to_owned(),
            field_id: change.field_id.map(str::to_owned),
            old_value: change.old,
            new_value: change.new,
        };
        conn.execute(&entry.insert(b)?).await?;
    }
    Ok(())
}

/// The audit rows of one record, oldest first.
pub async fn for_record(conn: &Conn<'_>, object_id: &str, record_id: Uuid) -> Result<Vec<AuditEntry>> {
    let b = conn.backend();
    let select = AuditEntry::select()
        .and_where(Expr::col("object_id").eq(to_sea(b, Logical::Text, &Cell::Text(object_id.into()))?))
        .and_where(Expr::col("record_id").eq(to_sea(b, Logical::Uuid, &Cell::Uuid(record_id))?))
        .order_by("seq", Order::Asc)
        .to_owned();
    conn.query(&select, AuditEntry::KINDS).await?.into_iter().map(AuditEntry::decode).collect()
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
    let mut select = AuditEntry::select();
    select
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
    conn.query(&select, AuditEntry::KINDS).await?.into_iter().map(AuditEntry::decode).collect()
}
