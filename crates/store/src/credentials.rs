//! Browser sessions and API tokens. Both are found by a digest of their secret (the
//! domain makes the secret and the digest; the store never sees the secret), so a copy
//! of the database does not let anyone sign in.

use sea_query::{Cond, Expr, ExprTrait, Order, Query};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::Conn;
use crate::error::Result;
use crate::freshness::bump_security;
use crate::system::{datetime, text, uuid};
use crate::table::system_table;

system_table! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct SessionRow in "sessions" {
        /// The digest of the session cookie's secret.
        pub id_hash: String,
        pub user_id: Uuid,
        /// The token forms must send back (double-submit protection against CSRF).
        pub csrf_token: String,
        pub created_at: OffsetDateTime,
        /// Moved on use; a session idle for too long ends.
        pub last_seen_at: OffsetDateTime,
        /// The absolute end, however busy the session.
        pub expires_at: OffsetDateTime,
        pub address: Option<String>,
        pub user_agent: Option<String>,
    }
}

system_table! {
    #[derive(Debug, Clone, PartialEq)]
    pub struct TokenRow in "api_tokens" {
        pub id: Uuid,
        pub user_id: Uuid,
        pub name: String,
        /// The digest of the token's secret.
        pub hash: String,
        pub read_only: bool,
        pub created_at: OffsetDateTime,
        pub expires_at: Option<OffsetDateTime>,
        pub revoked_at: Option<OffsetDateTime>,
        pub last_used_at: Option<OffsetDateTime>,
    }
}

// ---- sessions -------------------------------------------------------------------

pub async fn insert_session(conn: &Conn<'_>, session: &SessionRow) -> Result<()> {
    conn.execute(&session.insert(conn.backend())?).await?;
    Ok(())
}

/// The session with this digest, whether or not it has expired: the domain decides.
pub async fn session_by_hash(conn: &Conn<'_>, id_hash: &str) -> Result<Option<SessionRow>> {
    let b = conn.backend();
    let select = SessionRow::select().and_where(Expr::col("id_hash").eq(text(b, id_hash)?)).to_owned();
    conn.query_opt(&select, SessionRow::KINDS).await?.map(SessionRow::decode).transpose()
}

/// Marks a session as used at `at` (it stays alive while in use).
pub async fn touch_session(conn: &Conn<'_>, id_hash: &str, at: OffsetDateTime) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table("sessions")
        .value("last_seen_at", datetime(b, at)?)
        .and_where(Expr::col("id_hash").eq(text(b, id_hash)?))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}

/// Ends a session (sign-out); false when there was none.
pub async fn delete_session(conn: &Conn<'_>, id_hash: &str) -> Result<bool> {
    let b = conn.backend();
    let delete =
        Query::delete().from_table("sessions").and_where(Expr::col("id_hash").eq(text(b, id_hash)?)).to_owned();
    let ended = conn.execute(&delete).await? > 0;
    if ended {
        bump_security(conn).await?;
    }
    Ok(ended)
}

/// Ends every session of a user (password change, deactivation); how many ended.
pub async fn delete_sessions_of(conn: &Conn<'_>, user_id: Uuid) -> Result<u64> {
    let b = conn.backend();
    let delete =
        Query::delete().from_table("sessions").and_where(Expr::col("user_id").eq(uuid(b, user_id)?)).to_owned();
    let ended = conn.execute(&delete).await?;
    if ended > 0 {
        bump_security(conn).await?;
    }
    Ok(ended)
}

/// Removes the sessions idle since before `idle_cutoff` or past their end at `now`;
/// how many.
pub async fn delete_expired_sessions(conn: &Conn<'_>, idle_cutoff: OffsetDateTime, now: OffsetDateTime) -> Result<u64> {
    let b = conn.backend();
    let delete = Query::delete()
        .from_table("sessions")
        .cond_where(
            Cond::any()
                .add(Expr::col("last_seen_at").lt(datetime(b, idle_cutoff)?))
                .add(Expr::col("expires_at").lte(datetime(b, now)?)),
        )
        .to_owned();
    conn.execute(&delete).await
}

// ---- API tokens -----------------------------------------------------------------

pub async fn insert_token(conn: &Conn<'_>, token: &TokenRow) -> Result<()> {
    conn.execute(&token.insert(conn.backend())?).await?;
    Ok(())
}

/// The token with this digest, revoked or expired ones too: the domain decides.
pub async fn token_by_hash(conn: &Conn<'_>, hash: &str) -> Result<Option<TokenRow>> {
    let b = conn.backend();
    let select = TokenRow::select().and_where(Expr::col("hash").eq(text(b, hash)?)).to_owned();
    conn.query_opt(&select, TokenRow::KINDS).await?.map(TokenRow::decode).transpose()
}

/// A user's tokens, newest first.
pub async fn tokens_of(conn: &Conn<'_>, user_id: Uuid) -> Result<Vec<TokenRow>> {
    let b = conn.backend();
    let select = TokenRow::select()
        .and_where(Expr::col("user_id").eq(uuid(b, user_id)?))
        .order_by("created_at", Order::Desc)
        .order_by("id", Order::Desc)
        .to_owned();
    conn.query(&select, TokenRow::KINDS).await?.into_iter().map(TokenRow::decode).collect()
}

/// Revokes a token that is not revoked yet; with `user_id`, only when it is that user's
/// (a user revoking their own token cannot reach another's). False when nothing was
/// revoked, so the first revocation time stays.
pub async fn revoke_token(conn: &Conn<'_>, id: Uuid, user_id: Option<Uuid>, at: OffsetDateTime) -> Result<bool> {
    let b = conn.backend();
    let mut update = Query::update();
    update
        .table("api_tokens")
        .value("revoked_at", datetime(b, at)?)
        .and_where(Expr::col("id").eq(uuid(b, id)?))
        .and_where(Expr::col("revoked_at").is_null());
    if let Some(user_id) = user_id {
        update.and_where(Expr::col("user_id").eq(uuid(b, user_id)?));
    }
    let revoked = conn.execute(&update).await? > 0;
    if revoked {
        bump_security(conn).await?;
    }
    Ok(revoked)
}

/// Marks a token as used at `at`.
pub async fn touch_token(conn: &Conn<'_>, id: Uuid, at: OffsetDateTime) -> Result<()> {
    let b = conn.backend();
    let update = Query::update()
        .table("api_tokens")
        .value("last_used_at", datetime(b, at)?)
        .and_where(Expr::col("id").eq(uuid(b, id)?))
        .to_owned();
    conn.execute(&update).await?;
    Ok(())
}
