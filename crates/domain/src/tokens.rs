//! API tokens for programs: made per user, optionally expiring and optionally
//! read-only, shown once and stored as a SHA-256 digest (a token is 256 random bits,
//! so a fast digest is as safe as a slow hash and costs nothing per request). A
//! read-only token acts with the user's rules minus every write.

use rapport_model::Actor;
use rapport_store::StoreError;
use rapport_store::credentials::{self, TokenRow};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::accounts::{User, event, principal};
use crate::crm::Crm;
use crate::error::{DomainError, Result};
use crate::secret;
use crate::sessions::{Credential, Principal};

/// A token as listed (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub read_only: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

impl From<&TokenRow> for TokenInfo {
    fn from(t: &TokenRow) -> Self {
        TokenInfo {
            id: t.id,
            user_id: t.user_id,
            name: t.name.clone(),
            read_only: t.read_only,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            last_used_at: t.last_used_at,
        }
    }
}

/// A new token: `secret` is shown this once.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub info: TokenInfo,
    pub secret: String,
}

/// What a new token is for.
#[derive(Debug, Clone, Default)]
pub struct TokenRequest {
    pub name: String,
    pub read_only: bool,
    pub expires_at: Option<OffsetDateTime>,
}

/// `last_used_at` is written at most this often per token.
const TOUCH_EVERY: time::Duration = time::Duration::seconds(60);

fn not_found_token(id: Uuid) -> DomainError {
    StoreError::NotFound { object: "tokens".into(), id }.into()
}

impl Crm {
    /// Makes a token for `user_id` (the user, or an administrator for anyone).
    pub async fn create_token(&self, actor: &Actor, user_id: Uuid, request: TokenRequest) -> Result<NewToken> {
        if !(actor.is_admin() || actor.user_id() == Some(user_id)) {
            return Err(StoreError::NotFound { object: "users".into(), id: user_id }.into());
        }
        crate::accounts::require_writer(actor)?;
        let name = request.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 100 {
            let reason = if name.is_empty() {
                rapport_model::Reason::Required
            } else {
                rapport_model::Reason::TooLong { max: 100 }
            };
            return Err(DomainError::Store(rapport_model::ModelError::invalid("name", reason).into()));
        }
        let now = rapport_store::now();
        if request.expires_at.is_some_and(|e| e <= now) {
            let reason = rapport_model::Reason::OutOfRange { min: "now".into(), max: String::new() };
            return Err(DomainError::Store(rapport_model::ModelError::invalid("expires_at", reason).into()));
        }
        let (secret, hash) = secret::new_api_token();
        let row = TokenRow {
            id: Uuid::now_v7(),
            user_id,
            name,
            hash,
            read_only: request.read_only,
            created_at: now,
            expires_at: request.expires_at,
            revoked_at: None,
            last_used_at: None,
        };
        let info = TokenInfo::from(&row);
        let actor = actor.clone();
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    let Some((user, _)) = principal(c, user_id).await? else {
                        return Err(StoreError::NotFound { object: "users".into(), id: user_id });
                    };
                    // A one-time password is for changing it, not for lasting credentials.
                    if user.must_change_password && actor.user_id() == Some(user_id) {
                        return Err(StoreError::Forbidden { object: "tokens".into(), action: "create" });
                    }
                    credentials::insert_token(c, &row).await?;
                    let detail = json!({ "token": row.id, "name": row.name, "read_only": row.read_only });
                    event(c, &actor, "token_create", Some(&user_id.to_string()), detail).await
                })
            })
            .await?;
        Ok(NewToken { info, secret })
    }

    /// The tokens of a user (the user or an administrator), newest first.
    pub async fn tokens(&self, actor: &Actor, user_id: Uuid) -> Result<Vec<TokenInfo>> {
        if !(actor.is_admin() || actor.user_id() == Some(user_id)) {
            return Err(StoreError::NotFound { object: "users".into(), id: user_id }.into());
        }
        let rows = self.store().system_read(move |c| Box::pin(credentials::tokens_of(c, user_id))).await?;
        Ok(rows.iter().map(TokenInfo::from).collect())
    }

    /// Revokes a token of `owner` (the actor, or anyone for an administrator); with
    /// no owner named, any token (administrators only: the command line).
    pub async fn revoke_token(&self, actor: &Actor, owner: Option<Uuid>, id: Uuid) -> Result<()> {
        crate::accounts::require_writer(actor)?;
        let allowed = match owner {
            Some(user) => actor.is_admin() || actor.user_id() == Some(user),
            None => actor.is_admin(),
        };
        if !allowed {
            return Err(not_found_token(id));
        }
        let actor = actor.clone();
        let revoked = self
            .system_write(move |c| {
                Box::pin(async move {
                    let revoked = credentials::revoke_token(c, id, owner, rapport_store::now()).await?;
                    if revoked {
                        event(c, &actor, "token_revoke", Some(&id.to_string()), serde_json::Value::Null).await?;
                    }
                    Ok(revoked)
                })
            })
            .await?;
        if revoked { Ok(()) } else { Err(not_found_token(id)) }
    }

    /// The principal of a bearer token, if it is known, live and its user active.
    pub async fn authenticate_token(&self, bearer: &str) -> Result<Principal> {
        let hash = secret::digest(bearer.trim());
        let now = rapport_store::now();
        let live = |t: &TokenRow| t.revoked_at.is_none() && t.expires_at.is_none_or(|e| e > now);
        let tokens = &self.principals().tokens;
        let Some(found) = tokens.find(self.store(), &hash, live).await? else {
            return Err(DomainError::Unauthenticated);
        };
        let token = found.credential;
        if token.last_used_at.is_none_or(|t| now - t >= TOUCH_EVERY) {
            let id = token.id;
            self.store().system_write(move |c| Box::pin(credentials::touch_token(c, id, now))).await?;
            tokens.update(&hash, |t| t.last_used_at = Some(now));
        }
        let actor = match found.actor {
            Actor::User { id, teams, grants } if token.read_only => Actor::user(id, teams, grants.without_writes()),
            other => other,
        };
        Ok(Principal {
            actor,
            user: User::from(&found.user),
            credential: Credential::Token { id: token.id, read_only: token.read_only },
        })
    }
}
