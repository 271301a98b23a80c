//! Who is acting. Every store call takes an actor (DESIGN §2), so that permissions
//! and the audit trail have one door.

use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Migrations, seeding and background jobs.
    System,
    User {
        id: Uuid,
        teams: Vec<Uuid>,
    },
}

impl Actor {
    pub fn system() -> Self {
        Actor::System
    }

    pub fn user(id: Uuid, teams: Vec<Uuid>) -> Self {
        Actor::User { id, teams }
    }

    /// The user id recorded in `created_by`, `updated_by` and the audit log.
    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Actor::System => None,
            Actor::User { id, .. } => Some(*id),
        }
    }
}
