//! Saved list views and recently viewed records (migration 6): the rows behind a
//! user's named lists and "recently viewed" menu, read and written by the domain's
//! units of work (through [`Store::system_write`](crate::Store::system_write)). The
//! store keeps what the database must keep true (a view's name is its owner's once
//! per object, a user's recent views stay few); who may see or change a view, and
//! whether its filter, sort and columns make sense, is the domain's to decide.

use rapport_model::{Logical, ModelError, Reason};
use sea_query::{Cond, Expr, ExprTrait, OnConflict, Order, Query, SelectStatement};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Backend, Cell, Conn};
use crate::error::{Result, StoreError};
use crate::system::{text, uuid, violates_unique};
use crate::table::system_table;
use crate::types::bind;

system_table! {
    /// A saved view as stored. `filter`, `sort` and `columns` are text in the API's
    /// syntax (empty when not set): they are read again against the object as it is when
    /// the view is used, so a view outlives fields that come and go.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct ViewRow in "saved_views" {
        pub id: Uuid,
        /// The object's id (`person`), not its API name, which may change.
        pub object_id: String,
        pub owner_id: Uuid,
        pub name: String,
        /// Listed to everyone who may read the object, not only the owner.
        pub shared: bool,
        pub filter: String,
        pub sort: String,
        /// Field API names, comma-separated.
        pub columns: String,
        /// Full-text search words.
        pub q: String,
        pub created_at: OffsetDateTime,
        pub updated_at: OffsetDateTime,
    }
}

system_table! {
    /// One record a user opened, and when they last did (the user is the one asked about).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct RecentRow in "recent_views" {
        pub object_id: String,
        pub record_id: Uuid,
        pub viewed_at: OffsetDateTime,
    }
}

/// How many recently viewed records are kept per user; older ones are dropped as new
/// ones come, so the table stays small however long a user works.
pub const RECENT_PER_USER: u64 = 50;

/// The columns of a view that a change never writes: the view's object and owner are
/// the ones it was made with.
const FIXED: [&str; 4] = ["id", "object_id", "owner_id", "created_at"];

// ---- saved views ----------------------------------------------------------------

fn name_taken() -> StoreError {
    StoreError::Model(ModelError::invalid("name", Reason::NameTaken))
}

/// The unique constraint refused a name the check before the write allowed (a
/// concurrent save won the race): the same field error the check gives.
fn map_name_taken(e: StoreError) -> StoreError {
    if violates_unique(&e, "saved_views", "name", "ux_saved_views_name") { name_taken() } else { e }
}

/// Whether the owner has another view of the object with this name. Checked before a
/// write so that a clash is a field error, not a failed statement that would abort a
/// PostgreSQL transaction. For a view that is stored (`stored`), its object and owner
/// are the stored ones, which a change never writes.
async fn check_name(conn: &Conn<'_>, view: &ViewRow, stored: bool) -> Result<()> {
    let b = conn.backend();
    let scope = if stored {
        let of_stored = Query::select()
            .columns(["object_id", "owner_id"])
            .from("saved_views")
            .and_where(Expr::col("id").eq(uuid(b, view.id)?))
            .to_owned();
        Expr::tuple([Expr::col("object_id"), Expr::col("owner_id")]).in_subquery(of_stored)
    } else {
        Expr::col("object_id").eq(text(b, &view.object_id)?).and(Expr::col("owner_id").eq(uuid(b, view.owner_id)?))
    };
    let select = Query::select()
        .column("id")
        .from("saved_views")
        .and_where(scope)
        .and_where(Expr::col("name").eq(text(b, &view.name)?))
        .and_where(Expr::col("id").ne(uuid(b, view.id)?))
        .limit(1)
        .to_owned();
    if conn.query(&select, &[Logical::Uuid]).await?.is_empty() { Ok(()) } else { Err(name_taken()) }
}

/// Adds a view; a name the owner already gave another view of the object is refused
/// as `name_taken` on `name`.
pub async fn insert_view(conn: &Conn<'_>, view: &ViewRow) -> Result<()> {
    check_name(conn, view, false).await?;
    conn.execute(&view.insert(conn.backend())?).await.map_err(map_name_taken)?;
    Ok(())
}

/// Writes a view's name, sharing, filter, sort, columns, search words and
/// `updated_at`; its object, owner and `created_at` never change (those of `view` are
/// not read). A name the owner gave another view of the object is `name_taken`.
pub async fn update_view(conn: &Conn<'_>, view: &ViewRow) -> Result<()> {
    check_name(conn, view, true).await?;
    let b = conn.backend();
    let mut update = Query::update();
    update.table("saved_views").and_where(Expr::col("id").eq(uuid(b, view.id)?));
    for (column, value) in view.bound(b)?.into_iter().filter(|(column, _)| !FIXED.contains(column)) {
        update.value(column, value);
    }
    match conn.execute(&update).await.map_err(map_name_taken)? {
        0 => Err(StoreError::NotFound { object: "saved_views".into(), id: view.id }),
        _ => Ok(()),
    }
}

/// Removes a view; false when there was none.
pub async fn delete_view(conn: &Conn<'_>, id: Uuid) -> Result<bool> {
    let b = conn.backend();
    let delete = Query::delete().from_table("saved_views").and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned();
    Ok(conn.execute(&delete).await? > 0)
}

pub async fn view_by_id(conn: &Conn<'_>, id: Uuid) -> Result<Option<ViewRow>> {
    let b = conn.backend();
    let select = ViewRow::select().and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned();
    conn.query_opt(&select, ViewRow::KINDS).await?.map(ViewRow::decode).transpose()
}

/// A view for a change: locked until the unit of work ends on PostgreSQL (on SQLite
/// the single writer serialises units anyway), so that the owner check and the write
/// see the same row.
pub async fn view_for_update(conn: &Conn<'_>, id: Uuid) -> Result<Option<ViewRow>> {
    let b = conn.backend();
    let mut select = ViewRow::select().and_where(Expr::col("id").eq(uuid(b, id)?)).to_owned();
    if b == Backend::Postgres {
        select.lock(sea_query::LockType::Update);
    }
    conn.query_opt(&select, ViewRow::KINDS).await?.map(ViewRow::decode).transpose()
}

/// The views of an object that `owner` made, and those anyone shared (only the
/// shared ones when `owner` is `None`), by name. The domain orders them for people.
pub async fn views_of(conn: &Conn<'_>, object_id: &str, owner: Option<Uuid>) -> Result<Vec<ViewRow>> {
    let b = conn.backend();
    let shared = Expr::col("shared").eq(bind(b, Logical::Boolean, &Cell::Bool(true))?);
    let visible = match owner {
        Some(owner) => Cond::any().add(Expr::col("owner_id").eq(uuid(b, owner)?)).add(shared),
        None => Cond::all().add(shared),
    };
    let select = ViewRow::select()
        .and_where(Expr::col("object_id").eq(text(b, object_id)?))
        .cond_where(visible)
        .order_by("name", Order::Asc)
        .order_by("id", Order::Asc)
        .to_owned();
    conn.query(&select, ViewRow::KINDS).await?.into_iter().map(ViewRow::decode).collect()
}

// ---- recently viewed --------------------------------------------------------------

/// The advisory lock space of a user's recently viewed records (beside the sign-in
/// attempts' and the migrations').
const RECENT_LOCK_SPACE: i64 = 0x7265_6365;

/// Notes that a user opened a record at `at` (moving it to the top when it was there
/// already), then drops the user's views beyond the newest [`RECENT_PER_USER`].
pub async fn record_recent(
    conn: &Conn<'_>,
    user_id: Uuid,
    object_id: &str,
    record_id: Uuid,
    at: OffsetDateTime,
) -> Result<()> {
    let b = conn.backend();
    // One user's notes one at a time: two record pages opened together would each
    // move a row the other's trim deletes, and PostgreSQL would end one as a deadlock.
    conn.lock_key(RECENT_LOCK_SPACE, &user_id.to_string()).await?;
    // The row as read, and the user it belongs to.
    let row = RecentRow { object_id: object_id.to_owned(), record_id, viewed_at: at };
    let (mut columns, mut values) = (vec!["user_id"], vec![uuid(b, user_id)?]);
    for (column, value) in row.bound(b)? {
        columns.push(column);
        values.push(value);
    }
    let insert = Query::insert()
        .into_table(RecentRow::TABLE)
        .columns(columns)
        .values_panic(values)
        .on_conflict(OnConflict::columns(["user_id", "object_id", "record_id"]).update_column("viewed_at").to_owned())
        .to_owned();
    conn.execute(&insert).await?;
    // One statement: what is not among the newest goes. The keys break ties of equal
    // times the same way as the list does, so the list and the trim agree.
    let newest = newest_first(Query::select().columns(["object_id", "record_id"]).from("recent_views"), b, user_id)?
        .limit(RECENT_PER_USER)
        .to_owned();
    let delete = Query::delete()
        .from_table("recent_views")
        .and_where(Expr::col("user_id").eq(uuid(b, user_id)?))
        .and_where(Expr::tuple([Expr::col("object_id"), Expr::col("record_id")]).not_in_subquery(newest))
        .to_owned();
    conn.execute(&delete).await?;
    Ok(())
}

/// `select` limited to the user's rows, newest first (ties by object and record, so
/// the order is the same every time).
fn newest_first(select: &mut SelectStatement, b: Backend, user_id: Uuid) -> Result<&mut SelectStatement> {
    Ok(select
        .and_where(Expr::col("user_id").eq(uuid(b, user_id)?))
        .order_by("viewed_at", Order::Desc)
        .order_by("object_id", Order::Desc)
        .order_by("record_id", Order::Desc))
}

/// The records a user opened, newest first, at most `limit` of them.
pub async fn recent_of(conn: &Conn<'_>, user_id: Uuid, limit: u64) -> Result<Vec<RecentRow>> {
    let b = conn.backend();
    let select = newest_first(&mut RecentRow::select(), b, user_id)?.limit(limit).to_owned();
    conn.query(&select, RecentRow::KINDS).await?.into_iter().map(RecentRow::decode).collect()
}
