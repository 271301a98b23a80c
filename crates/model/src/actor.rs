//! Who is acting. Every store call takes an actor (DESIGN §2), so that permissions
//! and the audit trail have one door: a user carries the merged rules of their roles,
//! and the store applies them to every read and write.

use std::borrow::Cow;
use std::sync::Arc;

use uuid::Uuid;

use crate::access::{Action, FieldAccess, Grants, Reach, within};
use crate::object::ObjectDef;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Migrations, seeding and background jobs: reaches everything.
    System,
    User {
        id: Uuid,
        teams: Vec<Uuid>,
        grants: Arc<Grants>,
    },
}

impl Actor {
    pub fn system() -> Self {
        Actor::System
    }

    pub fn user(id: Uuid, teams: Vec<Uuid>, grants: Grants) -> Self {
        Actor::User { id, teams, grants: Arc::new(grants) }
    }

    /// The actor a business rule's effects write as: the same user, so that
    /// `created_by` and the audit trail name who caused them, with every right. An
    /// effect (a reservation, a history row) is the system's consequence of a write the
    /// user was allowed to make, not a write of their choosing: a sales rep whose order
    /// line reserves stock need not be allowed to edit the stock record.
    pub fn for_effects(&self) -> Actor {
        match self {
            Actor::System => Actor::System,
            Actor::User { id, teams, .. } => {
                Actor::User { id: *id, teams: teams.clone(), grants: Arc::new(Grants::administrator()) }
            }
        }
    }

    /// The user id recorded in `created_by`, `updated_by` and the audit log.
    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Actor::System => None,
            Actor::User { id, .. } => Some(*id),
        }
    }

    pub fn teams(&self) -> &[Uuid] {
        match self {
            Actor::System => &[],
            Actor::User { teams, .. } => teams,
        }
    }

    /// May change metadata, users, teams and roles.
    pub fn is_admin(&self) -> bool {
        match self {
            Actor::System => true,
            Actor::User { grants, .. } => grants.admin,
        }
    }

    /// Acting through a read-only API token: changes nothing, not even its own
    /// account.
    pub fn is_read_only(&self) -> bool {
        matches!(self, Actor::User { grants, .. } if grants.read_only)
    }

    /// Whether a record `action` makes or leaves with `owner` and `team` stays within
    /// reach: as [`Actor::may`], and, short of reaching every record, the team must be
    /// one of the actor's own (no planting records in another team's lists).
    pub fn may_assign(&self, object_id: &str, action: Action, owner: Option<Uuid>, team: Option<Uuid>) -> bool {
        // No team is "mine" only for an actor who has none: one who has a team may not
        // take a record out of it (their manager and team mates would lose it).
        let team_is_mine = match team {
            Some(t) => self.teams().contains(&t),
            None => self.teams().is_empty(),
        };
        self.may(object_id, action, owner, team) && (team_is_mine || self.reach(object_id, action) == Reach::All)
    }

    pub fn reach(&self, object_id: &str, action: Action) -> Reach {
        match self {
            Actor::System => Reach::All,
            Actor::User { grants, .. } => grants.reach(object_id, action),
        }
    }

    pub fn field_access(&self, object_id: &str, field_id: &str) -> FieldAccess {
        match self {
            Actor::System => FieldAccess::ReadWrite,
            Actor::User { grants, .. } => grants.field(object_id, field_id),
        }
    }

    /// Whether `action` reaches a record owned by `owner` in `team`.
    pub fn may(&self, object_id: &str, action: Action, owner: Option<Uuid>, team: Option<Uuid>) -> bool {
        match self {
            Actor::System => true,
            Actor::User { id, teams, grants } => within(grants.reach(object_id, action), *id, teams, owner, team),
        }
    }

    /// The object as this actor sees it (see [`Grants::view`]).
    pub fn view<'a>(&self, object: &'a ObjectDef) -> Cow<'a, ObjectDef> {
        match self {
            Actor::System => Cow::Borrowed(object),
            Actor::User { grants, .. } if grants.admin => Cow::Borrowed(object),
            Actor::User { grants, .. } => grants.view(object),
        }
    }
}
