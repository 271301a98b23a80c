//! The principal behind each credential (session or API token), cached per process so
//! that a request proves who it is with one statement instead of four (the credential,
//! the user, the teams, the roles). The statement reads the store's two freshness
//! counters ([`rapport_store::freshness`]); every change to users, teams, roles,
//! sessions or tokens moves the security counter in its own unit of work, in whichever
//! process makes it, and an entry is used only at the counter it was loaded at. So a
//! revoked token, a deactivated user or a changed role is refused or obeyed from the
//! next request on, in every process, exactly as without the cache.
//!
//! An entry only ever says yes: a credential the cached row would refuse (idle,
//! expired) is read again before it is refused, since another process may have used
//! it since.

use std::collections::HashMap;
use std::sync::Mutex;

use rapport_model::Actor;
use rapport_store::conn::BoxFuture;
use rapport_store::credentials::{self, SessionRow, TokenRow};
use rapport_store::users::UserRow;
use rapport_store::{Conn, Store};
use uuid::Uuid;

use crate::accounts::principal;
use crate::error::Result;

/// Entries kept per kind of credential; past it, stale entries go, then all.
const MAX_ENTRIES: usize = 10_000;

/// A credential's row with the user it acts for, as loaded.
#[derive(Debug, Clone)]
pub(crate) struct Found<C> {
    pub credential: C,
    pub user: UserRow,
    pub actor: Actor,
}

/// A row that proves who a request is, found by the digest of its secret.
pub(crate) trait CredentialRow: Clone + Send + 'static {
    fn user_id(&self) -> Uuid;
    fn load<'a>(conn: &'a Conn<'a>, hash: &'a str) -> BoxFuture<'a, rapport_store::Result<Option<Self>>>;
}

impl CredentialRow for SessionRow {
    fn user_id(&self) -> Uuid {
        self.user_id
    }
    fn load<'a>(conn: &'a Conn<'a>, hash: &'a str) -> BoxFuture<'a, rapport_store::Result<Option<Self>>> {
        Box::pin(credentials::session_by_hash(conn, hash))
    }
}

impl CredentialRow for TokenRow {
    fn user_id(&self) -> Uuid {
        self.user_id
    }
    fn load<'a>(conn: &'a Conn<'a>, hash: &'a str) -> BoxFuture<'a, rapport_store::Result<Option<Self>>> {
        Box::pin(credentials::token_by_hash(conn, hash))
    }
}

/// The cache of one kind of credential, by digest.
pub(crate) struct Principals<C> {
    entries: Mutex<HashMap<String, (i64, Found<C>)>>,
}

impl<C> Default for Principals<C> {
    fn default() -> Self {
        Principals { entries: Mutex::new(HashMap::new()) }
    }
}

impl<C: CredentialRow> Principals<C> {
    /// The credential with digest `hash` and its principal: from the cache when it is
    /// current and `usable` takes it, else read from the database (and cached).
    /// `None` when there is no such credential, its user is inactive, or `usable`
    /// refuses the row as the database has it.
    pub async fn find(&self, store: &Store, hash: &str, usable: impl Fn(&C) -> bool) -> Result<Option<Found<C>>> {
        let version = store.versions().await?.security;
        if let Some(found) = self.cached(hash, version).filter(|f| usable(&f.credential)) {
            return Ok(Some(found));
        }
        let key = hash.to_owned();
        let found = store
            .system_read(move |c| {
                Box::pin(async move {
                    let Some(credential) = C::load(c, &key).await? else { return Ok(None) };
                    let loaded = principal(c, credential.user_id()).await?;
                    Ok(loaded.map(|(user, actor)| Found { credential, user, actor }))
                })
            })
            .await?;
        if let Some(found) = &found {
            // Cached at the version read before loading: a change committed meanwhile
            // has moved the counter past it, so the entry is read again next time.
            self.keep(hash, version, found.clone());
        }
        Ok(found.filter(|f| usable(&f.credential)))
    }

    /// Changes the cached row after the database's was changed (a touch).
    pub fn update(&self, hash: &str, change: impl FnOnce(&mut C)) {
        if let Ok(mut entries) = self.entries.lock()
            && let Some((_, found)) = entries.get_mut(hash)
        {
            change(&mut found.credential);
        }
    }

    fn cached(&self, hash: &str, version: i64) -> Option<Found<C>> {
        let entries = self.entries.lock().ok()?;
        entries.get(hash).filter(|(at, _)| *at == version).map(|(_, found)| found.clone())
    }

    fn keep(&self, hash: &str, version: i64, found: Found<C>) {
        let Ok(mut entries) = self.entries.lock() else { return };
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| *at == version);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(hash.to_owned(), (version, found));
    }
}

/// Both caches, shared by every clone of a [`crate::Crm`].
#[derive(Default)]
pub(crate) struct PrincipalCache {
    pub sessions: Principals<SessionRow>,
    pub tokens: Principals<TokenRow>,
}
