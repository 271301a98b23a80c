//! Full-text search over each object's searchable fields, through the one `fold()`:
//! FTS5 over folded words with a column per field on SQLite; on PostgreSQL a tsvector
//! of field-prefixed folded words (`name.papadopoulos`) with a GIN index. Either way a
//! query names the fields it may match, so a field the caller may not read never
//! matches. Beside each folded word the index holds its sound key (`skeleton()`) where
//! that differs, and a query word matches either of its own two keys, so that
//! `papadopoulos` finds Παπαδόπουλος and the other way round. The keys are part of
//! what is stored: changing them needs a migration that calls [`reindex_all`].

use std::collections::BTreeMap;

use rapport_model::{
    ContactKind, FieldDef, FieldType, Logical, ModelError, ObjectDef, Reason, Value, query_keys, search_keys,
};
use sea_query::{Expr, ExprTrait, Query, SimpleExpr};

use crate::conn::{Backend, Cell, Conn, Sql};
use crate::ddl::{self, q};
use crate::error::Result;
use crate::types::to_sea;

/// The index words of each searchable field of a record: folded words and their
/// sound keys.
pub(crate) fn field_words<'a>(
    object: &'a ObjectDef,
    values: &BTreeMap<String, Value>,
) -> Vec<(&'a FieldDef, Vec<String>)> {
    object
        .searchable_fields()
        .map(|f| (f, search_keys(&values.get(&f.id).map(Value::search_text).unwrap_or_default())))
        .collect()
}

/// Writes (or rewrites) the search row of a record.
pub async fn index(conn: &Conn<'_>, object: &ObjectDef, rid: i64, values: &BTreeMap<String, Value>) -> Result<()> {
    if !object.has_search() {
        return Ok(());
    }
    let b = conn.backend();
    let words = field_words(object, values);
    let table = q(&object.search_table());
    match b {
        Backend::Sqlite => {
            remove(conn, object, rid).await?;
            let cols: Vec<String> = words.iter().map(|(f, _)| q(&ddl::fts_column(&f.id))).collect();
            let marks = vec!["?"; words.len()].join(", ");
            let mut values = vec![to_sea(b, Logical::Integer, &Cell::Int(rid))?];
            for (_, w) in &words {
                values.push(to_sea(b, Logical::Text, &Cell::Text(w.join(" ")))?);
            }
            let text = format!("INSERT INTO {table} (rowid, {}) VALUES (?, {marks})", cols.join(", "));
            conn.execute_sql(&Sql { text, values: sea_query::Values(values) }).await?;
        }
        Backend::Postgres => {
            let lexemes = pg_lexemes(&words);
            let text = format!(
                "INSERT INTO {table} (rid, doc) VALUES ($1, array_to_tsvector(string_to_array($2, ' '))) \
                 ON CONFLICT (rid) DO UPDATE SET doc = excluded.doc"
            );
            let values =
                vec![to_sea(b, Logical::Integer, &Cell::Int(rid))?, to_sea(b, Logical::Text, &Cell::Text(lexemes))?];
            conn.execute_sql(&Sql { text, values: sea_query::Values(values) }).await?;
        }
    }
    Ok(())
}

/// The PostgreSQL document of a record: its field-prefixed words (`name.papadopoulos`),
/// space-separated, for `array_to_tsvector(string_to_array(…, ' '))`.
pub(crate) fn pg_lexemes(words: &[(&FieldDef, Vec<String>)]) -> String {
    let lexemes: Vec<String> =
        words.iter().flat_map(|(f, w)| w.iter().map(move |word| format!("{}.{word}", f.id))).collect();
    lexemes.join(" ")
}

pub async fn remove(conn: &Conn<'_>, object: &ObjectDef, rid: i64) -> Result<()> {
    if !object.has_search() {
        return Ok(());
    }
    let b = conn.backend();
    let key = match b {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "rid",
    };
    let text = format!("DELETE FROM {} WHERE {key} = {}", q(&object.search_table()), placeholder(b, 1));
    let values = sea_query::Values(vec![to_sea(b, Logical::Integer, &Cell::Int(rid))?]);
    conn.execute_sql(&Sql { text, values }).await?;
    Ok(())
}

fn placeholder(b: Backend, n: usize) -> String {
    match b {
        Backend::Sqlite => "?".into(),
        Backend::Postgres => format!("${n}"),
    }
}

/// Recreates the search table of an object (after its searchable fields changed) and
/// indexes every live record again.
pub async fn rebuild(conn: &Conn<'_>, object: &ObjectDef) -> Result<()> {
    conn.batch(&ddl::drop_search_table(object)).await?;
    for stmt in ddl::create_search_table(conn.backend(), object) {
        conn.batch(&stmt).await?;
    }
    let mut after = 0i64;
    loop {
        let page = crate::records::scan_live(conn, object, after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.rid;
        for record in &page {
            index(conn, object, record.rid, &record.values).await?;
        }
    }
    Ok(())
}

/// Re-indexes every object that has searchable fields (a migration's step, after
/// what the index holds for a word changed), inside the caller's transaction.
pub async fn reindex_all(conn: &Conn<'_>) -> Result<()> {
    let schema = crate::meta::load_schema(conn).await?;
    for object in schema.all().filter(|o| o.has_search()) {
        rebuild(conn, object).await?;
    }
    Ok(())
}

/// The longest search text, in characters: a name, an address, an email, with room.
pub const MAX_SEARCH_CHARS: usize = 500;
/// The most words a search matches at once: each word is a term of the index query
/// for every searchable field, and databases bound those queries (PostgreSQL's
/// tsquery, SQLite's FTS5 expression depth).
pub const MAX_SEARCH_WORDS: usize = 20;

/// Refuses search text longer or with more words than [`MAX_SEARCH_CHARS`] and
/// [`MAX_SEARCH_WORDS`], naming `q`.
pub fn check_search_text(text: &str) -> Result<()> {
    if text.chars().count() > MAX_SEARCH_CHARS {
        return Err(ModelError::invalid("q", Reason::TooLong { max: MAX_SEARCH_CHARS as u32 }).into());
    }
    if rapport_model::fold_tokens(text).len() > MAX_SEARCH_WORDS {
        return Err(ModelError::invalid("q", Reason::TooMany { max: MAX_SEARCH_WORDS as u32 }).into());
    }
    Ok(())
}

/// The condition "the record has the address `text` in one of `fields`" when `text` is
/// one whole email address and every email field among `fields` keeps its addresses as
/// contact points: an index look-up of the normalised address, where the words of an
/// address (`anna`, `duna`, `hu`) would walk the long posting lists of common words.
/// `None` for any other text: it is searched by its words.
pub fn address(b: Backend, object: &ObjectDef, fields: &[&FieldDef], text: &str) -> Result<Option<SimpleExpr>> {
    if !text.contains('@') {
        return Ok(None);
    }
    let Ok(normalized) = rapport_model::contact::normalize_email(text) else {
        return Ok(None);
    };
    let email_fields: Vec<&FieldDef> =
        fields.iter().copied().filter(|f| matches!(f.kind, FieldType::Email { .. })).collect();
    let all_contact_points = email_fields.iter().all(|f| f.kind.contact_kind() == Some(ContactKind::Email));
    if email_fields.is_empty() || !all_contact_points {
        return Ok(None);
    }
    let text_cell = |s: &str| to_sea(b, Logical::Text, &Cell::Text(s.to_owned()));
    let field_ids = email_fields.iter().map(|f| text_cell(&f.id)).collect::<Result<Vec<_>>>()?;
    let points = Query::select()
        .column("record_id")
        .from("contact_points")
        .and_where(Expr::col("kind").eq(text_cell(ContactKind::Email.as_str())?))
        .and_where(Expr::col("normalized").eq(text_cell(&normalized)?))
        .and_where(Expr::col("object_id").eq(text_cell(&object.id)?))
        .and_where(Expr::col("field_id").is_in(field_ids))
        .to_owned();
    Ok(Some(Expr::col((object.table(), "id".to_owned())).in_subquery(points)))
}

/// The condition "the record matches every word of `text` in one of `fields`", each
/// word as a prefix of an index word through its folded form or its sound key; `None`
/// when the text has no words or no field may be searched.
pub fn matches(b: Backend, object: &ObjectDef, fields: &[&FieldDef], text: &str) -> Result<Option<SimpleExpr>> {
    let Some((rowids, query)) = matching_rowids(b, object, fields, text)? else { return Ok(None) };
    Ok(Some(Expr::cust_with_values(format!("\"rid\" IN ({rowids})"), [query])))
}

/// The rowids of the records that match `text` (see [`matches`]), as SQL with its one
/// bound value: the full-text index's own statement.
fn matching_rowids(
    b: Backend,
    object: &ObjectDef,
    fields: &[&FieldDef],
    text: &str,
) -> Result<Option<(String, sea_query::Value)>> {
    check_search_text(text)?;
    let words = query_keys(text);
    if words.is_empty() || fields.is_empty() || !object.has_search() {
        return Ok(None);
    }
    let table = q(&object.search_table());
    let (sql, query) = match b {
        Backend::Sqlite => {
            let cols = fields.iter().map(|f| ddl::fts_column(&f.id)).collect::<Vec<_>>().join(" ");
            let query = words
                .iter()
                .map(|keys| {
                    let any_key = keys.iter().map(|k| format!("{{{cols}}} : \"{k}\"*")).collect::<Vec<_>>();
                    format!("({})", any_key.join(" OR "))
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            (format!("SELECT rowid FROM {table} WHERE {table} MATCH ?"), query)
        }
        Backend::Postgres => {
            let query = words
                .iter()
                .map(|keys| {
                    let any = fields
                        .iter()
                        .flat_map(|f| keys.iter().map(move |k| format!("'{}.{k}':*", f.id)))
                        .collect::<Vec<_>>();
                    format!("({})", any.join(" | "))
                })
                .collect::<Vec<_>>()
                .join(" & ");
            // The parameter is typed as text, then cast: as `CAST($1 AS tsquery)` the
            // server would type the parameter itself as tsquery and read the text sent
            // for it as binary tsquery.
            (format!("SELECT rid FROM {table} WHERE doc @@ CAST(CAST($1 AS text) AS tsquery)"), query)
        }
    };
    Ok(Some((sql, to_sea(b, Logical::Text, &Cell::Text(query))?)))
}

/// The rowids of the records that match `text`, when there are at most `cap` of them
/// (`None` when more, or when the text is not searched by its words). A page of a
/// search that matches few records is read from them: neither planner knows how many
/// records a search matches, and both may walk the sort key's index checking each
/// record against the matches, which for a full name among a million people reads
/// most of the table before it has a page (5 s on PostgreSQL, where reading the few
/// matches and sorting them takes a millisecond).
pub async fn few_matches(
    conn: &Conn<'_>,
    object: &ObjectDef,
    fields: &[&FieldDef],
    text: &str,
    cap: usize,
) -> Result<Option<Vec<i64>>> {
    let Some((rowids, query)) = matching_rowids(conn.backend(), object, fields, text)? else { return Ok(None) };
    let sql = Sql { text: format!("{rowids} LIMIT {}", cap + 1), values: sea_query::Values(vec![query]) };
    let rows = conn.query_sql(&sql, &[Logical::Integer]).await?;
    if rows.len() > cap {
        return Ok(None);
    }
    Ok(Some(rows.iter().filter_map(|r| r.first()?.as_i64()).collect()))
}

/// The condition "the record is one of `rowids`" (of [`few_matches`]): one bound value
/// however many they are, so that one statement text serves every search (a list of
/// placeholders would be a new prepared statement, kept in each connection's cache,
/// for every number of matches).
pub fn among(b: Backend, object: &ObjectDef, rowids: &[i64]) -> Result<SimpleExpr> {
    let listed = rowids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let table = q(&object.table());
    let (sql, list) = match b {
        Backend::Sqlite => (format!("{table}.\"rid\" IN (SELECT value FROM json_each(?))"), format!("[{listed}]")),
        Backend::Postgres => {
            (format!("{table}.\"rid\" = ANY(CAST(CAST($1 AS text) AS bigint[]))"), format!("{{{listed}}}"))
        }
    };
    Ok(Expr::cust_with_values(sql, [to_sea(b, Logical::Text, &Cell::Text(list))?]))
}
