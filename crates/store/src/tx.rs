//! A unit of work that spans several records (a lead conversion, an activity with its
//! links, a batch of demo data): record operations on one transaction, validated
//! against the schema the unit started with.

use std::sync::Arc;

use rapport_model::value::{Mode, ValueContext, changes_from_json};
use rapport_model::{Actor, Record, Schema};
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::Conn;
use crate::error::Result;
use crate::rules::{Ctx, RecordRules};
use crate::{access, records, timeline};

pub struct Tx<'a> {
    pub conn: &'a Conn<'a>,
    pub schema: Arc<Schema>,
    pub values: ValueContext,
    pub actor: Actor,
    /// The store's business rules: every record operation of the unit runs them.
    pub rules: Arc<dyn RecordRules>,
}

impl Tx<'_> {
    /// The unit's write context, for record functions called directly.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx { conn: self.conn, actor: &self.actor, schema: &self.schema, rules: &*self.rules }
    }

    pub async fn create(&self, object: &str, input: &Map<String, Json>) -> Result<Record> {
        let object = self.schema.object_by_api(object)?;
        let changes = changes_from_json(&self.actor.view(object), input, Mode::Create, &self.values)?;
        let record = records::create(self.ctx(), object, changes).await?;
        Ok(access::visible(&self.actor, object, record))
    }

    /// Creates a record with fields only Rapport sets (a stored file's hash and key).
    pub async fn create_as_system(&self, object: &str, input: &Map<String, Json>) -> Result<Record> {
        let object = self.schema.object_by_api(object)?;
        let changes = rapport_model::value::system_changes_from_json(object, input, Mode::Create, &self.values)?;
        let record = records::create(self.ctx(), object, changes).await?;
        Ok(access::visible(&self.actor, object, record))
    }

    pub async fn update(&self, object: &str, id: Uuid, version: i64, input: &Map<String, Json>) -> Result<Record> {
        let object = self.schema.object_by_api(object)?;
        let changes = changes_from_json(&self.actor.view(object), input, Mode::Update, &self.values)?;
        let record = records::update(self.ctx(), object, id, version, changes).await?;
        Ok(access::visible(&self.actor, object, record))
    }

    /// Sets fields only Rapport sets (a board's stamp of when a record entered its
    /// column, when a demo or an import knows an earlier one), whatever version the
    /// record is at.
    pub async fn update_as_system(&self, object: &str, id: Uuid, input: &Map<String, Json>) -> Result<Record> {
        let object = self.schema.object_by_api(object)?;
        let changes = rapport_model::value::system_changes_from_json(object, input, Mode::Update, &self.values)?;
        let current = records::require(self.conn, &self.actor, object, id, rapport_model::Action::Edit).await?;
        let record = records::update(self.ctx(), object, id, current.version, changes).await?;
        Ok(access::visible(&self.actor, object, record))
    }

    /// Moves a record to the bin (soft delete), whatever version it is at.
    pub async fn delete(&self, object: &str, id: Uuid) -> Result<Record> {
        let object = self.schema.object_by_api(object)?;
        let record = records::delete(self.ctx(), object, id, None).await?;
        Ok(access::visible(&self.actor, object, record))
    }

    /// Sets the same fields on a record whatever version it is at (bulk edit: the user
    /// chose the value for every selected record at once).
    pub async fn overwrite(&self, object: &str, id: Uuid, input: &Map<String, Json>) -> Result<Record> {
        let def = self.schema.object_by_api(object)?;
        let current = records::require(self.conn, &self.actor, def, id, rapport_model::Action::Edit).await?;
        self.update(object, id, current.version, input).await
    }

    /// Gives a record another owner and/or team (its history keeps the old ones):
    /// needs the right to edit the record, whatever version it is at.
    pub async fn reassign(
        &self,
        object: &str,
        id: Uuid,
        owner: Option<Option<Uuid>>,
        team: Option<Option<Uuid>>,
    ) -> Result<Record> {
        let object = self.schema.object_by_api(object)?;
        let current = records::require(self.conn, &self.actor, object, id, rapport_model::Action::Edit).await?;
        let changes = rapport_model::Changes { values: Default::default(), owner_id: owner, team_id: team };
        let record = records::update(self.ctx(), object, id, current.version, changes).await?;
        Ok(access::visible(&self.actor, object, record))
    }

    /// Puts an activity on a record's timeline.
    pub async fn link(&self, activity: (&str, Uuid), record: (&str, Uuid), at: OffsetDateTime) -> Result<()> {
        let ends = timeline::Ends {
            activity: (self.schema.object_by_api(activity.0)?, activity.1),
            record: (self.schema.object_by_api(record.0)?, record.1),
        };
        timeline::link_checked(self.conn, &self.actor, ends, at).await
    }
}
