//! Sign-in and sessions. Sessions live in the database, so every `rapport serve`
//! process behind a load balancer knows them; only a SHA-256 digest of the session id
//! is stored, so a copy of the database opens no session. A session ends after a
//! quiet spell (idle expiry) and at the latest a fixed time after sign-in (absolute
//! expiry); signing in always makes a new id (rotation). Failed sign-ins are
//! throttled per account and per address, counted from the security event log (so
//! the count is shared by all processes), and an unknown email gets the very answer,
//! after the very work, that a wrong password gets.

use rapport_model::Actor;
use rapport_store::attempts;
use rapport_store::credentials::{self, SessionRow};
use rapport_store::events::{self, NewEvent};
use rapport_store::users::{self, UserRow};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::accounts::{User, hash_password, normalize_email};
use crate::crm::Crm;
use crate::error::{DomainError, Result};
use crate::{password, secret};

/// How long sessions live and how sign-in is throttled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused this long has ended.
    pub idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub absolute: Duration,
    /// Failed sign-ins for one email within `window` before further ones are refused.
    pub max_failures_per_account: i64,
    /// Failed sign-ins from one address within `window` (many accounts tried).
    pub max_failures_per_address: i64,
    pub window: Duration,
}

impl Default for SessionPolicy {
    /// NIST SP 800-63B (AAL2) bounds: re-authenticate after 12 hours of use at most
    /// and after one hour without activity would be the strict end; a CRM is used all
    /// day, so the idle limit is a working morning, the absolute one a working day.
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::hours(4),
            absolute: Duration::hours(12),
            max_failures_per_account: 5,
            max_failures_per_address: 50,
            window: Duration::minutes(15),
        }
    }
}

/// A request to sign in.
#[derive(Debug, Clone, Default)]
pub struct Login {
    pub email: String,
    pub password: String,
    /// The client's address (for throttling and the trail).
    pub address: Option<String>,
    pub user_agent: Option<String>,
    /// The session id the client still holds, ended on sign-in (rotation).
    pub replaces: Option<String>,
}

/// A new session: the id goes into the cookie, the CSRF token into pages.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: String,
    pub csrf_token: String,
    pub user: User,
    pub expires_at: OffsetDateTime,
}

/// How a request proved who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A session cookie: state changes need the CSRF token.
    Session { csrf_token: String },
    /// A bearer API token.
    Token { id: uuid::Uuid, read_only: bool },
}

/// Who is calling: the actor every domain call takes, the user, and how they signed
/// in.
#[derive(Debug, Clone)]
pub struct Principal {
    pub actor: Actor,
    pub user: User,
    pub credential: Credential,
}

/// Sessions are touched at most this often, so reads do not all turn into writes.
const TOUCH_EVERY: Duration = Duration::seconds(60);

impl Crm {
    /// Signs a user in. Wrong password, unknown email and inactive user all answer
    /// `InvalidCredentials`; too many recent failures answer `Throttled` before any
    /// password is checked.
    pub async fn login(&self, login: Login) -> Result<NewSession> {
        let policy = self.session_policy();
        let email = normalize_email(&login.email).unwrap_or_else(|_| login.email.trim().to_lowercase());
        let attempt = self.reserve_attempt(&email, login.address.as_deref()).await?;
        let found = {
            let email = email.clone();
            self.store().system_read(move |c| Box::pin(async move { users::user_by_email(c, &email).await })).await?
        };
        let verified = match &found {
            Some(user) => verify(&login.password, user).await?,
            None => spend_a_check(&login.password).await.map(|()| false)?,
        };
        let Some(user) = found.filter(|_| verified) else {
            self.record_failure(&email, login.address.as_deref()).await?;
            return Err(DomainError::InvalidCredentials);
        };
        let now = rapport_store::now();
        let id = secret::random_token(32);
        let row = SessionRow {
            id_hash: secret::digest(&id),
            user_id: user.id,
            csrf_token: secret::random_token(32),
            created_at: now,
            last_seen_at: now,
            expires_at: now + policy.absolute,
            address: login.address.clone(),
            user_agent: login.user_agent.map(|a| a.chars().take(300).collect()),
        };
        let session =
            NewSession { id, csrf_token: row.csrf_token.clone(), user: User::from(&user), expires_at: row.expires_at };
        let replaces = login.replaces.map(|old| secret::digest(&old));
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    attempts::succeeded(c, attempt).await?;
                    if let Some(old) = replaces {
                        credentials::delete_session(c, &old).await?;
                    }
                    credentials::delete_expired_sessions(c, now - policy.idle, now).await?;
                    credentials::insert_session(c, &row).await?;
                    let event = NewEvent {
                        actor_id: Some(row.user_id),
                        kind: "login",
                        subject: Some(&user.email),
                        address: row.address.as_deref(),
                        detail: None,
                    };
                    events::record(c, &event).await
                })
            })
            .await?;
        Ok(session)
    }

    /// Reserves a sign-in attempt for `email` from `address` before any password is
    /// checked; refused with `Throttled` when the window already holds as many
    /// attempts that have not succeeded as the policy allows (see
    /// [`rapport_store::attempts`]: parallel guesses are counted too).
    async fn reserve_attempt(&self, email: &str, address: Option<&str>) -> Result<uuid::Uuid> {
        let policy = self.session_policy();
        let limits = attempts::Limits {
            per_subject: policy.max_failures_per_account,
            per_address: policy.max_failures_per_address,
            since: rapport_store::now() - policy.window,
        };
        let (email, address) = (email.to_owned(), address.map(throttle_key));
        let reserved = self
            .store()
            .system_write(move |c| {
                Box::pin(async move { attempts::reserve(c, &email, address.as_deref(), limits).await })
            })
            .await?;
        reserved.ok_or(DomainError::Throttled {
            retry_after_secs: u64::try_from(policy.window.whole_seconds()).unwrap_or(900),
        })
    }

    async fn record_failure(&self, email: &str, address: Option<&str>) -> Result<()> {
        let (email, address) = (email.to_owned(), address.map(str::to_owned));
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    let event = NewEvent {
                        actor_id: None,
                        kind: "login_failed",
                        subject: Some(&email),
                        address: address.as_deref(),
                        detail: None,
                    };
                    events::record(c, &event).await
                })
            })
            .await?;
        Ok(())
    }

    /// The principal of a session cookie, if the session is live; touches it.
    pub async fn session(&self, id: &str) -> Result<Principal> {
        let policy = self.session_policy();
        let hash = secret::digest(id);
        let now = rapport_store::now();
        let live = |s: &SessionRow| s.last_seen_at + policy.idle > now && s.expires_at > now;
        let sessions = &self.principals().sessions;
        let Some(found) = sessions.find(self.store(), &hash, live).await? else {
            return Err(DomainError::Unauthenticated);
        };
        if now - found.credential.last_seen_at >= TOUCH_EVERY {
            let touched = hash.clone();
            self.store()
                .system_write(move |c| Box::pin(async move { credentials::touch_session(c, &touched, now).await }))
                .await?;
            sessions.update(&hash, |s| s.last_seen_at = now);
        }
        Ok(Principal {
            actor: found.actor,
            user: User::from(&found.user),
            credential: Credential::Session { csrf_token: found.credential.csrf_token },
        })
    }

    /// Ends one session (sign out).
    pub async fn logout(&self, id: &str) -> Result<()> {
        let hash = secret::digest(id);
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    let Some(session) = credentials::session_by_hash(c, &hash).await? else { return Ok(()) };
                    credentials::delete_session(c, &hash).await?;
                    let event = NewEvent {
                        actor_id: Some(session.user_id),
                        kind: "logout",
                        subject: Some(&session.user_id.to_string()),
                        address: None,
                        detail: None,
                    };
                    events::record(c, &event).await
                })
            })
            .await?;
        Ok(())
    }

    /// Ends every session of the actor (sign out everywhere). Returns how many.
    pub async fn logout_everywhere(&self, actor: &Actor) -> Result<u64> {
        let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
        crate::accounts::require_writer(actor)?;
        let actor = actor.clone();
        self.system_write(move |c| {
            Box::pin(async move {
                let ended = credentials::delete_sessions_of(c, user_id).await?;
                let detail = json!({ "sessions": ended });
                crate::accounts::event(c, &actor, "logout_everywhere", Some(&user_id.to_string()), detail).await?;
                Ok(ended)
            })
        })
        .await
    }

    /// Changes the actor's own password: the current one must be right, the new one
    /// must pass the password rules. Every other session of the user ends; `keep` is
    /// the session id the change was made from.
    pub async fn change_password(&self, actor: &Actor, current: &str, new: &str, keep: Option<&str>) -> Result<()> {
        let user_id = actor.user_id().ok_or(DomainError::Unauthenticated)?;
        crate::accounts::require_writer(actor)?;
        let row = self.store().system_read(move |c| Box::pin(users::user_by_id(c, user_id))).await?;
        let Some(row) = row else { return Err(DomainError::Unauthenticated) };
        // Guessing the current password from a stolen session counts as guessing at
        // sign-in: the same per-account limit.
        self.reserve_attempt(&row.email, None).await?;
        if !verify(current, &row).await? {
            self.record_failure(&row.email, None).await?;
            return Err(DomainError::InvalidCredentials);
        }
        self.set_password(actor, row, new, keep.map(secret::digest), false).await
    }

    /// Gives a user a new one-time password (administrators): every session of the
    /// user ends and the password must be changed at the next sign-in.
    pub async fn reset_password(&self, actor: &Actor, user_id: uuid::Uuid) -> Result<String> {
        if !actor.is_admin() {
            return Err(rapport_store::StoreError::Forbidden { object: "users".into(), action: "administer" }.into());
        }
        let row = self.store().system_read(move |c| Box::pin(users::user_by_id(c, user_id))).await?;
        let row = row.ok_or(rapport_store::StoreError::NotFound { object: "users".into(), id: user_id })?;
        let one_time = password::generate();
        self.set_password(actor, row, &one_time, None, true).await?;
        Ok(one_time)
    }

    /// Sets a password that was checked against the rules (`must_change` for
    /// one-time passwords), ending the user's other sessions.
    async fn set_password(
        &self,
        actor: &Actor,
        row: UserRow,
        new: &str,
        keep_hash: Option<String>,
        must_change: bool,
    ) -> Result<()> {
        password::check_new(new, &[row.email.as_str(), row.display_name.as_str()])
            .map_err(|rejection| DomainError::Password { field: "new_password", rejection })?;
        let hash = hash_password(new).await?;
        let actor = actor.clone();
        let kind = if must_change { "password_reset" } else { "password_change" };
        let id = row.id;
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    // The row as it is now (locked): a deactivation that committed while
                    // the hash was made stays, and a deactivated user gets no password.
                    let mut row = users::user_for_update(c, id)
                        .await?
                        .filter(|u| u.is_active)
                        .ok_or(rapport_store::StoreError::NotFound { object: "users".into(), id })?;
                    row.password_hash = Some(hash);
                    row.must_change_password = must_change;
                    row.updated_at = rapport_store::now();
                    users::update_user(c, &row).await?;
                    let kept = match &keep_hash {
                        Some(hash) => credentials::session_by_hash(c, hash).await?,
                        None => None,
                    };
                    credentials::delete_sessions_of(c, row.id).await?;
                    if let Some(session) = kept.filter(|s| s.user_id == row.id) {
                        credentials::insert_session(c, &session).await?;
                    }
                    crate::accounts::event(c, &actor, kind, Some(&row.id.to_string()), serde_json::Value::Null).await
                })
            })
            .await?;
        Ok(())
    }
}

/// Whether `password` is the active user's (argon2 off the async runtime). A user
/// without a password or inactive costs the same time and fails.
async fn verify(password: &str, user: &UserRow) -> Result<bool> {
    let Some(hash) = user.password_hash.clone().filter(|_| user.is_active) else {
        return spend_a_check(password).await.map(|()| false);
    };
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || password::verify(&password, &hash))
        .await
        .map_err(|e| rapport_store::StoreError::Database(format!("password check stopped: {e}")).into())
}

/// Spends the time of a password check when there is no hash to check against.
async fn spend_a_check(password: &str) -> Result<()> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || password::verify_against_nothing(&password))
        .await
        .map_err(|e| rapport_store::StoreError::Database(format!("password check stopped: {e}")).into())
}

/// The address sign-ins are counted by: an IPv4 address as it is, an IPv6 address by
/// its /64 (one customer's network; counting single IPv6 addresses would let one
/// machine try from billions of them).
fn throttle_key(address: &str) -> String {
    match address.parse::<std::net::IpAddr>().map(|a| a.to_canonical()) {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(v4) => v4.to_string(),
        Err(_) => address.to_owned(),
    }
}
