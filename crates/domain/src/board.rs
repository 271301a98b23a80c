//! When records entered their column of a board: the date-time field an object's
//! `behaviour.board.since` names is read-only, kept by the rule `rules::board`, which
//! stamps the moment of the write. Rapport itself may know better: a demo whose deals
//! "have been" in their stages for weeks, an import of deals with their history. This
//! sets the stamp through the ordinary record path (each write in a unit of work, with
//! its rules, audit row and event), as Rapport's own write, for administrators only.

use rapport_model::{Actor, ModelError, Reason};
use rapport_store::StoreError;
use serde_json::{Map, Value as Json};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::crm::Crm;
use crate::error::Result;

/// Records stamped per unit of work.
const CHUNK: usize = 250;

impl Crm {
    /// Sets when each of `stamps`' records (of `object`, an API name) entered its
    /// column; answers how many were stamped. Refused for anyone but an administrator,
    /// and for an object whose board stamps nothing (naming `behaviour.board.since`).
    pub async fn stamp_column_entry(
        &self,
        actor: &Actor,
        object: &str,
        stamps: &[(Uuid, OffsetDateTime)],
    ) -> Result<usize> {
        if !actor.is_admin() || actor.is_read_only() {
            return Err(StoreError::Forbidden { object: object.to_owned(), action: "administer" }.into());
        }
        let schema = self.store().schema().await?;
        let def = schema.object_by_api(object).map_err(StoreError::from)?;
        let since = def.behaviour.board.as_ref().and_then(|b| b.since.as_ref()).and_then(|id| def.field(id));
        let Some(since) = since else {
            return Err(StoreError::from(ModelError::invalid("behaviour.board.since", Reason::Required)).into());
        };
        for chunk in stamps.chunks(CHUNK) {
            let (chunk, object, field) = (chunk.to_vec(), object.to_owned(), since.api_name.clone());
            self.transaction(actor, move |tx| {
                Box::pin(async move {
                    for (id, at) in chunk {
                        let value = Json::String(rapport_model::value::format_datetime(at));
                        tx.update_as_system(&object, id, &Map::from_iter([(field.clone(), value)])).await?;
                    }
                    Ok(())
                })
            })
            .await?;
        }
        Ok(stamps.len())
    }
}
