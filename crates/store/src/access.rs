//! The actor's rules inside the store (DESIGN §4: permissions in the SQL, not after).
//! A read adds the actor's reach as a condition on `owner_id`/`team_id` to its SQL, so
//! lists, counts, search, exports and timelines can never return a row the actor may
//! not read; a unit of work checks the write rules on the row it has just read (and,
//! on PostgreSQL, locked), inside its transaction. A record the actor may not read is
//! answered exactly like one that does not exist.

use rapport_model::access::Reach;
use rapport_model::{Action, Actor, FieldAccess, FieldError, Logical, ModelError, ObjectDef, Reason, Record};
use sea_query::{Cond, Expr, ExprTrait, SimpleExpr};
use serde_json::Value as Json;
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::conn::{Backend, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::types::bind;

/// Which rows of a table an action reaches.
pub enum Rows {
    All,
    None,
    /// The rows this condition (on the table's `owner_id`/`team_id`) keeps.
    Only(SimpleExpr),
}

/// The rows of `table` (the table of object `object_id`) that `action` reaches.
pub fn rows_within(b: Backend, table: &str, object_id: &str, actor: &Actor, action: Action) -> Result<Rows> {
    let column = |name: &str| Expr::col((table.to_owned(), name.to_owned()));
    let Some(user) = actor.user_id() else { return Ok(Rows::All) };
    let own = || -> Result<SimpleExpr> { Ok(column("owner_id").eq(bind(b, Logical::Uuid, &Cell::Uuid(user))?)) };
    Ok(match actor.reach(object_id, action) {
        Reach::All => Rows::All,
        Reach::None => Rows::None,
        Reach::Own => Rows::Only(own()?),
        Reach::Team if actor.teams().is_empty() => Rows::Only(own()?),
        Reach::Team => {
            let teams =
                actor.teams().iter().map(|t| bind(b, Logical::Uuid, &Cell::Uuid(*t))).collect::<Result<Vec<_>>>()?;
            Rows::Only(Cond::any().add(own()?).add(column("team_id").is_in(teams)).into())
        }
    })
}

/// The condition that keeps a read of `object` within the actor's reach for
/// `action`, or `None` when it reaches every row. No reach at all is refused.
pub fn row_condition(b: Backend, object: &ObjectDef, actor: &Actor, action: Action) -> Result<Option<SimpleExpr>> {
    refuse_hidden(actor, object, action)?;
    match rows_within(b, &object.table(), &object.id, actor, action)? {
        Rows::All => Ok(None),
        Rows::None => Err(forbidden(object, action)),
        Rows::Only(condition) => Ok(Some(condition)),
    }
}

/// A hidden object is for administrators only (they may unhide it).
fn refuse_hidden(actor: &Actor, object: &ObjectDef, action: Action) -> Result<()> {
    if object.hidden && !actor.is_admin() { Err(forbidden(object, action)) } else { Ok(()) }
}

pub fn forbidden(object: &ObjectDef, action: Action) -> StoreError {
    StoreError::Forbidden { object: object.api_name.clone(), action: action.as_str() }
}

/// Refuses anyone but an administrator (metadata, purges).
pub fn require_admin(actor: &Actor, what: &'static str) -> Result<()> {
    if actor.is_admin() { Ok(()) } else { Err(StoreError::Forbidden { object: what.to_owned(), action: "administer" }) }
}

/// Checks `action` on a record the unit has read: a record the actor may not read
/// is not found; one it may read but not change is forbidden (and so is every
/// record of an object the actor may not read at all).
pub fn check_record(actor: &Actor, object: &ObjectDef, action: Action, record: &Record) -> Result<()> {
    refuse_hidden(actor, object, action)?;
    if actor.reach(&object.id, Action::Read) == Reach::None {
        // The whole object is out of reach, as its lists are: nothing to hide.
        return Err(forbidden(object, action));
    }
    if !actor.may(&object.id, Action::Read, record.owner_id, record.team_id) {
        return Err(StoreError::NotFound { object: object.api_name.clone(), id: record.id });
    }
    if !actor.may(&object.id, action, record.owner_id, record.team_id) {
        return Err(forbidden(object, action));
    }
    Ok(())
}

/// The owner and team of a new record: the input's, else the actor and the actor's
/// first team.
pub fn assignment(
    actor: &Actor,
    owner: Option<Option<Uuid>>,
    team: Option<Option<Uuid>>,
) -> (Option<Uuid>, Option<Uuid>) {
    (owner.unwrap_or_else(|| actor.user_id()), team.unwrap_or_else(|| actor.teams().first().copied()))
}

/// A new record must fall within the actor's create reach: a rep who may create only
/// own records cannot create one owned by someone else, nor put one in another team.
pub fn check_create(actor: &Actor, object: &ObjectDef, owner: Option<Uuid>, team: Option<Uuid>) -> Result<()> {
    check_assignable(actor, object, Action::Create, owner, team)
}

/// A record given to `owner` and `team` by `action` stays within the actor's reach
/// for it (see [`Actor::may_assign`]): a rep who edits only own records cannot give one
/// away or orphan it; a manager who edits the team's can move records within the team.
pub fn check_assignable(
    actor: &Actor,
    object: &ObjectDef,
    action: Action,
    owner: Option<Uuid>,
    team: Option<Uuid>,
) -> Result<()> {
    refuse_hidden(actor, object, action)?;
    if actor.may_assign(&object.id, action, owner, team) { Ok(()) } else { Err(forbidden(object, action)) }
}

/// An owner or team named in the input must exist, and the owner be an active user:
/// a record assigned to nobody who can see it would be lost.
pub async fn check_assignment(conn: &Conn<'_>, owner: Option<Option<Uuid>>, team: Option<Option<Uuid>>) -> Result<()> {
    let mut errors = Vec::new();
    if let Some(owner) = owner.flatten()
        && crate::users::users_exist_active(conn, &[owner]).await?.is_empty()
    {
        errors.push(FieldError::new("owner", Reason::UnknownRecord));
    }
    if let Some(team) = team.flatten()
        && crate::users::teams_exist(conn, &[team]).await?.is_empty()
    {
        errors.push(FieldError::new("team", Reason::UnknownRecord));
    }
    if errors.is_empty() { Ok(()) } else { Err(ModelError::Invalid(errors).into()) }
}

/// An error about fields, without the names of fields hidden from the actor (a
/// restore that clashes on a hidden unique value says only that the record clashes).
pub fn without_hidden_fields(actor: &Actor, object: &ObjectDef, e: StoreError) -> StoreError {
    let StoreError::Model(ModelError::Invalid(errors)) = e else { return e };
    let hidden = |api: &str| {
        object.fields.iter().any(|f| f.api_name == api && actor.field_access(&object.id, &f.id) == FieldAccess::Hidden)
    };
    let errors =
        errors.into_iter().map(|f| if hidden(&f.field) { FieldError::new("record", f.reason) } else { f }).collect();
    StoreError::Model(ModelError::Invalid(errors))
}

/// A record as the actor may see it: without the values of fields hidden from it.
pub fn visible(actor: &Actor, object: &ObjectDef, mut record: Record) -> Record {
    if actor.user_id().is_some() {
        record.values.retain(|field, _| actor.field_access(&object.id, field) != FieldAccess::Hidden);
    }
    record
}

/// Whether `field` (an id) is hidden from the actor: by its role, or by an
/// administrator for everyone (until unhidden).
pub fn hidden_field(actor: &Actor, object: &ObjectDef, field: &str) -> bool {
    actor.field_access(&object.id, field) == FieldAccess::Hidden || object.field(field).is_some_and(|f| f.hidden)
}

/// The ids of the fields hidden from the actor (for SQL that must skip them).
pub fn hidden_fields(actor: &Actor, object: &ObjectDef) -> Vec<String> {
    object.fields.iter().filter(|f| hidden_field(actor, object, &f.id)).map(|f| f.id.clone()).collect()
}

/// Audit entries as the actor may see them: changes of hidden fields are left out,
/// and hidden fields are taken out of the values recorded at creation.
pub fn visible_audit(actor: &Actor, object: &ObjectDef, entries: Vec<AuditEntry>) -> Vec<AuditEntry> {
    let hidden = |field: &str| hidden_field(actor, object, field);
    entries
        .into_iter()
        .filter(|e| !e.field_id.as_deref().is_some_and(hidden))
        .map(|mut e| {
            for value in [&mut e.old_value, &mut e.new_value].into_iter().flatten() {
                if let Json::Object(map) = value {
                    map.retain(|field, _| !hidden(field));
                }
            }
            e
        })
        .collect()
}
