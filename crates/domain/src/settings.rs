//! What the administrators' settings pages need beyond the calls the API makes: who
//! holds which roles and teams (the list of users), a field's place among its
//! object's fields (metadata only, one unit of work; its section goes through
//! `Crm::update_field` like the rest of its metadata), and several
//! records of one object changed together, each at the version it was read at
//! (reordering stages, moving the default pipeline): all of them, or none.

use rapport_model::{Actor, FieldDef, ModelError, Record};
use rapport_store::{StoreError, meta, users};
use serde::Serialize;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::Result;

/// The roles and teams of one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub user_id: Uuid,
    /// Role ids, by role name.
    pub roles: Vec<Uuid>,
    pub teams: Vec<Uuid>,
}

/// Where a field moves among its object's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Earlier,
    Later,
}

/// The longest section name (the store checks it, with a field's other metadata).
pub use rapport_store::SECTION_MAX;

fn require_admin(actor: &Actor, what: &str) -> Result<()> {
    if actor.is_admin() && !actor.is_read_only() {
        Ok(())
    } else {
        Err(StoreError::Forbidden { object: what.to_owned(), action: "administer" }.into())
    }
}

fn unknown_field(object: &str, field: &str) -> StoreError {
    ModelError::UnknownField { object: object.to_owned(), field: field.to_owned() }.into()
}

impl Crm {
    /// Every user's roles and teams (administrators), read on one connection.
    pub async fn memberships(&self, actor: &Actor) -> Result<Vec<Membership>> {
        require_admin(actor, "users")?;
        Ok(self
            .store()
            .system_read(|c| {
                Box::pin(async move {
                    let all = users::list_users(c).await?;
                    let mut out = Vec::with_capacity(all.len());
                    for user in &all {
                        let roles = users::roles_of(c, user.id).await?.iter().map(|r| r.id).collect();
                        let teams = users::teams_of(c, user.id).await?;
                        out.push(Membership { user_id: user.id, roles, teams });
                    }
                    Ok(out)
                })
            })
            .await?)
    }

    /// Moves a field one place earlier or later among its object's fields (hidden
    /// ones included), numbering them all again from 0 in one unit. At either end it
    /// stays where it is.
    pub async fn move_field(&self, actor: &Actor, object: &str, field_id: &str, to: Move) -> Result<()> {
        require_admin(actor, "metadata")?;
        let (name, field_id) = (object.to_owned(), field_id.to_owned());
        self.system_write(move |c| {
            Box::pin(async move {
                meta::lock(c).await?;
                let schema = meta::load_schema(c).await?;
                let object = schema.object_by_api(&name)?;
                let mut order: Vec<&FieldDef> = object.fields.iter().collect();
                order.sort_by_key(|f| f.position);
                let at = order.iter().position(|f| f.id == field_id).ok_or_else(|| unknown_field(&name, &field_id))?;
                let other = match to {
                    Move::Earlier => at.checked_sub(1),
                    Move::Later => Some(at + 1).filter(|i| *i < order.len()),
                };
                let Some(other) = other else { return Ok(()) };
                order.swap(at, other);
                for (i, field) in order.into_iter().enumerate() {
                    let position = i32::try_from(i).unwrap_or(i32::MAX);
                    if field.position != position {
                        let mut moved = field.clone();
                        moved.position = position;
                        meta::update_field(c, &object.id, &moved).await?;
                    }
                }
                Ok(())
            })
        })
        .await?;
        self.store().schema().await?;
        Ok(())
    }

    /// Changes several records of one object as one unit, each only if it is still at
    /// the version given: all of them change, or none.
    pub async fn update_together(
        &self,
        actor: &Actor,
        object: &str,
        changes: Vec<(Uuid, i64, Map<String, Json>)>,
    ) -> Result<Vec<Record>> {
        let object = object.to_owned();
        self.transaction(actor, move |tx| {
            Box::pin(async move {
                let mut out = Vec::with_capacity(changes.len());
                for (id, version, input) in &changes {
                    out.push(tx.update(&object, *id, *version, input).await?);
                }
                Ok(out)
            })
        })
        .await
    }
}
