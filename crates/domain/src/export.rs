//! Export of a list as CSV: the records the actor may export (their export reach, in
//! the SQL), with the columns the actor may read, page by page so memory stays flat
//! at any size. Every export is a security event with its object, filter and count.

use std::io::Write;

use rapport_model::{Actor, FieldAccess, Value};
use rapport_store::ListQuery;
use rapport_store::events::NewEvent;
use serde_json::json;

use crate::crm::Crm;
use crate::error::{DomainError, Result};

/// Rows read per page of an export.
const PAGE: u32 = 500;

impl Crm {
    /// Writes the records of `object` that match `query` (filter, sort, search) as
    /// CSV to `out`, and returns how many were written. A formula-looking cell
    /// (`=`, `+`, `-`, `@`) is prefixed with `'` so spreadsheets show it as text
    /// (CSV injection).
    pub async fn export_csv<W: Write + Send>(
        &self,
        actor: &Actor,
        object: &str,
        query: ListQuery,
        out: W,
    ) -> Result<usize> {
        self.export_view_csv(actor, object, query, &[], out).await
    }

    /// [`Crm::export_csv`] with the columns of a list view: `columns` (field API names,
    /// in their order) after the id, owner and team; every readable field when empty.
    /// A name the actor may not read, or no field has, is left out.
    pub async fn export_view_csv<W: Write + Send>(
        &self,
        actor: &Actor,
        object: &str,
        mut query: ListQuery,
        columns: &[String],
        out: W,
    ) -> Result<usize> {
        let schema = self.store().schema().await?;
        let def = schema.object_by_api(object).map_err(rapport_store::StoreError::from)?.clone();
        let readable = |f: &&rapport_model::FieldDef| {
            actor.field_access(&def.id, &f.id) != FieldAccess::Hidden && !f.kind.is_computed()
        };
        let fields: Vec<_> = if columns.is_empty() {
            def.visible_fields().filter(readable).cloned().collect()
        } else {
            columns
                .iter()
                .filter_map(|name| def.visible_fields().filter(readable).find(|f| &f.api_name == name))
                .cloned()
                .collect()
        };
        // The trail says an export began before any row leaves, and how many rows
        // left when it ends; a failure part way still leaves the first entry.
        let reach = actor.reach(&def.id, rapport_model::Action::Export);
        if reach == rapport_model::access::Reach::None {
            return Err(rapport_store::StoreError::Forbidden { object: def.api_name.clone(), action: "export" }.into());
        }
        self.record_export(actor, "export", &def.id, &query, None).await?;
        let mut csv = csv::Writer::from_writer(out);
        let mut header = vec!["id".to_owned(), "owner".to_owned(), "team".to_owned()];
        header.extend(fields.iter().map(|f| f.api_name.clone()));
        csv.write_record(&header).map_err(export_error)?;
        query.limit = PAGE;
        query.cursor = None;
        let mut written = 0;
        loop {
            let page = self.store().export_page(actor, object, query.clone()).await?;
            for record in &page.records {
                let opt = |u: Option<uuid::Uuid>| u.map(|u| u.to_string()).unwrap_or_default();
                let mut row = vec![record.id.to_string(), opt(record.owner_id), opt(record.team_id)];
                row.extend(fields.iter().map(|f| cell(record.get(&f.id))));
                csv.write_record(&row).map_err(export_error)?;
            }
            written += page.records.len();
            match page.next_cursor {
                Some(cursor) if page.has_more => query.cursor = Some(cursor),
                _ => break,
            }
        }
        csv.flush().map_err(|e| DomainError::Export(e.to_string()))?;
        self.record_export(actor, "export_completed", &def.id, &query, Some(written)).await?;
        Ok(written)
    }

    async fn record_export(
        &self,
        actor: &Actor,
        kind: &'static str,
        object_id: &str,
        query: &ListQuery,
        count: Option<usize>,
    ) -> Result<()> {
        let detail = json!({
            "object": object_id,
            "filter": query.filter.as_ref().map(ToString::to_string),
            "q": query.q,
            "count": count,
        });
        let (actor_id, subject) = (actor.user_id(), object_id.to_owned());
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    let event =
                        NewEvent { actor_id, kind, subject: Some(&subject), address: None, detail: Some(detail) };
                    rapport_store::events::record(c, &event).await
                })
            })
            .await?;
        Ok(())
    }
}

fn export_error(e: csv::Error) -> DomainError {
    DomainError::Export(e.to_string())
}

/// A value as a CSV cell; typed text that a spreadsheet would run as a formula is
/// made text (numbers keep their sign).
fn cell(value: &Value) -> String {
    let text = value.to_csv();
    let numeric = matches!(value, Value::Integer(_) | Value::Decimal(_) | Value::Money { .. });
    if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text }
}
