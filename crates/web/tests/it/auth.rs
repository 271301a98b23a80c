//! Sign-in, sessions, CSRF defences and API tokens over HTTP, on every database.
//! Cookies are handled by hand (read `Set-Cookie`, send `Cookie`) so that their flags
//! can be asserted; the Origin a browser would send is set explicitly.

use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use rapport_domain::{NewUser, SessionPolicy};
use rapport_web::WebConfig;
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, REFERER, RETRY_AFTER, SET_COOKIE};
use reqwest::{RequestBuilder, Response};
use serde_json::{Value, json};

use crate::app::{App, spawn_app, spawn_app_with};

const EMAIL: &str = "dana@example.com";
const PASSWORD: &str = "plum orchard under winter light";
const NEW_PASSWORD: &str = "a quieter evening by the harbour";

async fn add_user(app: &App, email: &str) {
    let user = NewUser {
        email: email.into(),
        display_name: "Dana Petrou".into(),
        password: Some(PASSWORD.into()),
        roles: vec!["sales_rep".into()],
        ..Default::default()
    };
    app.crm.add_user(&Actor::system(), user).await.unwrap();
}

/// A signed-in browser: its cookie (`name=value`) and the CSRF token it was given.
struct Session {
    cookie: String,
    csrf: String,
}

fn set_cookie(response: &Response) -> String {
    response.headers().get(SET_COOKIE).expect("a Set-Cookie header").to_str().unwrap().to_owned()
}

/// `POST /auth/login` as a page of the app sends it (with the app's Origin).
async fn login_as(app: &App, email: &str, password: &str, old: Option<&Session>) -> Response {
    let mut request = app
        .client
        .post(app.url("/auth/login"))
        .header(ORIGIN, &app.base)
        .json(&json!({"email": email, "password": password}));
    if let Some(old) = old {
        request = request.header(COOKIE, &old.cookie);
    }
    request.send().await.unwrap()
}

async fn session_of(response: Response) -> Session {
    assert_eq!(response.status(), 200);
    let header = set_cookie(&response);
    let cookie = header.split(';').next().unwrap().to_owned();
    let body: Value = response.json().await.unwrap();
    Session { cookie, csrf: body["csrf_token"].as_str().unwrap().to_owned() }
}

async fn sign_in(app: &App, password: &str) -> Session {
    session_of(login_as(app, EMAIL, password, None).await).await
}

/// A state-changing request from a page of the app: cookie, CSRF token, Origin.
fn write(app: &App, method: reqwest::Method, path: &str, session: &Session) -> RequestBuilder {
    app.client
        .request(method, app.url(path))
        .header(COOKIE, &session.cookie)
        .header("X-CSRF-Token", &session.csrf)
        .header(ORIGIN, &app.base)
}

fn post(app: &App, path: &str, session: &Session) -> RequestBuilder {
    write(app, reqwest::Method::POST, path, session)
}

async fn me_status(app: &App, cookie: &str) -> u16 {
    app.client.get(app.url("/api/v1/me")).header(COOKIE, cookie).send().await.unwrap().status().as_u16()
}

async fn bearer_me_status(app: &App, token: &str) -> u16 {
    app.client.get(app.url("/api/v1/me")).bearer_auth(token).send().await.unwrap().status().as_u16()
}

/// A program asking for a new token with its bearer token (no cookie, no Origin).
async fn bearer_new_token(app: &App, token: &str, body: Value) -> Response {
    app.client.post(app.url("/api/v1/me/tokens")).bearer_auth(token).json(&body).send().await.unwrap()
}

/// Asserts an RFC 9457 problem with its status and stable code; returns its body.
async fn problem(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status(), status, "{code}");
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert_eq!(body["type"], format!("https://rapport.invalid/problems/{code}"));
    assert!(body["title"].is_string() && body["detail"].is_string(), "{body}");
    body
}

fn change_password_body(current: &str, new: &str) -> Value {
    json!({"current_password": current, "new_password": new})
}

#[tokio::test]
async fn login_sets_a_session_cookie_with_safe_flags() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let response = login_as(&app, EMAIL, PASSWORD, None).await;
        assert_eq!(response.status(), 200, "{}", db.name());
        assert_eq!(response.headers()["cache-control"], "no-store");
        let cookie = set_cookie(&response);
        assert!(cookie.starts_with("rapport_session="), "{cookie}");
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.split("; ").any(|a| a == flag), "{flag} missing: {cookie}");
        }
        assert!(!cookie.contains("Secure"), "no Secure over plain http: {cookie}");
        let max_age: i64 = cookie.split("; ").find_map(|a| a.strip_prefix("Max-Age=")).unwrap().parse().unwrap();
        assert!((12 * 3600 - 60..=12 * 3600).contains(&max_age), "Max-Age is the absolute expiry: {max_age}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["user"]["email"], EMAIL);
        assert!(body["user"].get("password_hash").is_none());
        assert!(body["expires_at"].as_str().unwrap().contains('T'));
        let csrf = body["csrf_token"].as_str().unwrap();
        assert!(csrf.len() >= 40);
        assert!(!cookie.contains(csrf), "the CSRF token is not the session id");
    }
}

#[tokio::test]
async fn an_https_public_url_makes_the_cookie_secure_and_host_prefixed() {
    for db in each_database().await {
        let config = WebConfig { public_url: Some("https://crm.example.test/".into()), ..WebConfig::default() };
        let app = spawn_app_with(&db, config, SessionPolicy::default()).await;
        add_user(&app, EMAIL).await;
        let login = json!({"email": EMAIL, "password": PASSWORD});
        let from_loopback =
            app.client.post(app.url("/auth/login")).header(ORIGIN, &app.base).json(&login).send().await.unwrap();
        problem(from_loopback, 403, "csrf_failed").await;
        let response = app
            .client
            .post(app.url("/auth/login"))
            .header(ORIGIN, "https://crm.example.test")
            .json(&login)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", db.name());
        let cookie = set_cookie(&response);
        assert!(cookie.starts_with("__Host-rapport_session="), "{cookie}");
        assert!(cookie.split("; ").any(|a| a == "Secure"), "{cookie}");
        assert!(cookie.split("; ").any(|a| a == "Path=/"), "{cookie}");
        assert!(!cookie.contains("Domain="), "__Host- cookies are host-only: {cookie}");
        let pair = cookie.split(';').next().unwrap();
        assert_eq!(me_status(&app, pair).await, 200);
        let plain_name = pair.replace("__Host-rapport_session", "rapport_session");
        assert_eq!(me_status(&app, &plain_name).await, 401);
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let wrong_password = login_as(&app, EMAIL, "not the password at all", None).await;
        let unknown_email = login_as(&app, "nobody@example.com", "not the password at all", None).await;
        assert_eq!(wrong_password.status(), 401, "{}", db.name());
        assert_eq!(unknown_email.status(), wrong_password.status());
        assert!(wrong_password.headers().get(SET_COOKIE).is_none());
        let (a, b) = (wrong_password.text().await.unwrap(), unknown_email.text().await.unwrap());
        assert_eq!(a, b);
        let body: Value = serde_json::from_str(&a).unwrap();
        assert_eq!(body["code"], "invalid_credentials");
    }
}

#[tokio::test]
async fn the_sixth_failed_sign_in_in_a_row_is_throttled_even_with_the_right_password() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        for attempt in 1..=5 {
            let response = login_as(&app, EMAIL, "a wrong guess, again", None).await;
            assert_eq!(response.status(), 401, "attempt {attempt} on {}", db.name());
        }
        let response = login_as(&app, EMAIL, PASSWORD, None).await;
        let retry_after: u64 = response.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!(retry_after > 0);
        problem(response, 429, "too_many_attempts").await;
    }
}

#[tokio::test]
async fn me_needs_a_live_session() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        let response = app.client.get(app.url("/api/v1/me")).header(COOKIE, &session.cookie).send().await.unwrap();
        assert_eq!(response.status(), 200, "{}", db.name());
        let me: Value = response.json().await.unwrap();
        assert_eq!(me["email"], EMAIL);
        let anonymous = app.client.get(app.url("/api/v1/me")).send().await.unwrap();
        assert!(anonymous.headers().contains_key("www-authenticate"));
        problem(anonymous, 401, "unauthenticated").await;
        let garbage = app.client.get(app.url("/api/v1/me")).header(COOKIE, "rapport_session=garbage").send().await;
        problem(garbage.unwrap(), 401, "unauthenticated").await;
        let not_base64 = app.client.get(app.url("/api/v1/me")).header(COOKIE, "rapport_session=%00\"x").send().await;
        problem(not_base64.unwrap(), 401, "unauthenticated").await;
        let current = app.client.get(app.url("/auth/session")).header(COOKIE, &session.cookie).send().await.unwrap();
        let current: Value = current.json().await.unwrap();
        assert_eq!(current["csrf_token"], session.csrf.as_str());
        assert_eq!(current["user"]["email"], EMAIL);
    }
}

#[tokio::test]
async fn a_password_change_needs_the_csrf_token_and_the_origin() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        let other = sign_in(&app, PASSWORD).await;
        let body = change_password_body(PASSWORD, NEW_PASSWORD);
        let path = app.url("/api/v1/me/password");

        let (base, csrf, other_csrf) = (app.base.as_str(), session.csrf.as_str(), other.csrf.as_str());
        let refused: [&[(&str, &str)]; 5] = [
            &[("origin", base)],
            &[("origin", base), ("x-csrf-token", other_csrf)],
            &[("origin", "http://evil.example"), ("x-csrf-token", csrf)],
            &[("referer", "http://evil.example/page"), ("x-csrf-token", csrf)],
            &[("x-csrf-token", csrf)],
        ];
        for headers in refused {
            let request = headers
                .iter()
                .fold(app.client.post(&path).header(COOKIE, &session.cookie).json(&body), |request, (name, value)| {
                    request.header(*name, *value)
                });
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 403, "{headers:?} on {}", db.name());
            problem(response, 403, "csrf_failed").await;
        }
        // A header sent twice is not a browser's: refused even when one copy is right.
        let two_origins = post(&app, "/api/v1/me/password", &session).header(ORIGIN, "http://evil.example");
        problem(two_origins.json(&body).send().await.unwrap(), 403, "csrf_failed").await;
        let two_tokens = post(&app, "/api/v1/me/password", &session).header("X-CSRF-Token", &other.csrf);
        problem(two_tokens.json(&body).send().await.unwrap(), 403, "csrf_failed").await;
        assert_eq!(login_as(&app, EMAIL, PASSWORD, None).await.status(), 200, "unchanged on {}", db.name());

        let wrong_current = post(&app, "/api/v1/me/password", &session)
            .json(&change_password_body("not my password at all", NEW_PASSWORD));
        let refused = problem(wrong_current.send().await.unwrap(), 400, "validation_failed").await;
        let message = "The password is not correct.";
        assert_eq!(
            refused["errors"],
            json!([{"field": "current_password", "code": "invalid_credentials", "message": message}])
        );
        let weak = post(&app, "/api/v1/me/password", &session).json(&change_password_body(PASSWORD, "short"));
        let refused = problem(weak.send().await.unwrap(), 400, "validation_failed").await;
        let message = "Too short: use at least 15 characters (a few unrelated words work well).";
        assert_eq!(refused["errors"], json!([{"field": "new_password", "code": "too_short", "message": message}]));

        let changed = post(&app, "/api/v1/me/password", &session).json(&body).send().await.unwrap();
        assert_eq!(changed.status(), 204, "{}", db.name());
        problem(login_as(&app, EMAIL, PASSWORD, None).await, 401, "invalid_credentials").await;
        assert_eq!(login_as(&app, EMAIL, NEW_PASSWORD, None).await.status(), 200);
        assert_eq!(me_status(&app, &session.cookie).await, 200, "the session of the change stays");
        assert_eq!(me_status(&app, &other.cookie).await, 401, "other sessions end");
    }
}

#[tokio::test]
async fn a_referer_from_the_app_stands_in_for_a_missing_origin() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        let response = app
            .client
            .post(app.url("/auth/logout"))
            .header(COOKIE, &session.cookie)
            .header("X-CSRF-Token", &session.csrf)
            .header(REFERER, format!("{}/settings?tab=security", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204, "{}", db.name());
    }
}

#[tokio::test]
async fn signing_in_again_ends_the_session_the_client_held() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let old = sign_in(&app, PASSWORD).await;
        let new = session_of(login_as(&app, EMAIL, PASSWORD, Some(&old)).await).await;
        assert_ne!(old.cookie, new.cookie);
        assert_eq!(me_status(&app, &old.cookie).await, 401, "{}", db.name());
        assert_eq!(me_status(&app, &new.cookie).await, 200);
    }
}

#[tokio::test]
async fn logout_ends_the_session_and_drops_the_cookie() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        let forged = app.client.post(app.url("/auth/logout")).header(COOKIE, &session.cookie).header(ORIGIN, &app.base);
        problem(forged.send().await.unwrap(), 403, "csrf_failed").await;
        assert_eq!(me_status(&app, &session.cookie).await, 200, "a refused logout changes nothing");
        let response = post(&app, "/auth/logout", &session).send().await.unwrap();
        assert_eq!(response.status(), 204, "{}", db.name());
        let cookie = set_cookie(&response);
        assert!(cookie.starts_with("rapport_session=;") && cookie.contains("Max-Age=0"), "{cookie}");
        assert_eq!(me_status(&app, &session.cookie).await, 401);
    }
}

#[tokio::test]
async fn logout_everywhere_ends_every_session() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let laptop = sign_in(&app, PASSWORD).await;
        let phone = sign_in(&app, PASSWORD).await;
        let response = post(&app, "/auth/logout-everywhere", &laptop).send().await.unwrap();
        assert_eq!(response.status(), 200, "{}", db.name());
        assert!(set_cookie(&response).contains("Max-Age=0"));
        let body: Value = response.json().await.unwrap();
        assert_eq!(body, json!({"ended": 2}));
        assert_eq!(me_status(&app, &laptop.cookie).await, 401);
        assert_eq!(me_status(&app, &phone.cookie).await, 401);
    }
}

#[tokio::test]
async fn an_idle_session_has_ended() {
    for db in each_database().await {
        let policy = SessionPolicy { idle: time::Duration::ZERO, ..Default::default() };
        let app = spawn_app_with(&db, WebConfig::default(), policy).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        assert_eq!(me_status(&app, &session.cookie).await, 401, "{}", db.name());
    }
}

#[tokio::test]
async fn api_tokens_made_through_the_api_authenticate_programs() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        let response = post(&app, "/api/v1/me/tokens", &session).json(&json!({"name": "sync script"})).send().await;
        let response = response.unwrap();
        assert_eq!(response.status(), 201, "{}", db.name());
        let made: Value = response.json().await.unwrap();
        let token = made["token"].as_str().unwrap().to_owned();
        assert!(token.starts_with("rpt_"));
        assert_eq!((made["name"].as_str(), made["read_only"].as_bool()), (Some("sync script"), Some(false)));

        assert_eq!(bearer_me_status(&app, &token).await, 200);
        // A write with a bearer token needs no CSRF token and no Origin, but a token
        // never mints another token: only a signed-in person does.
        let minted = bearer_new_token(&app, &token, json!({"name": "never-expiring copy"})).await;
        problem(minted, 403, "forbidden").await;
        let second = post(&app, "/api/v1/me/tokens", &session)
            .json(&json!({"name": "reporting", "read_only": true, "expires_at": "2999-01-01T00:00:00Z"}))
            .send()
            .await
            .unwrap();
        assert_eq!(second.status(), 201);
        let read_only: Value = second.json().await.unwrap();
        assert_eq!(read_only["expires_at"], "2999-01-01T00:00:00Z");
        let read_only_token = read_only["token"].as_str().unwrap().to_owned();

        assert_eq!(bearer_me_status(&app, &read_only_token).await, 200);
        let refused = bearer_new_token(&app, &read_only_token, json!({"name": "escalation"})).await;
        problem(refused, 403, "read_only_token").await;

        let list = app.client.get(app.url("/api/v1/me/tokens")).header(COOKIE, &session.cookie).send().await.unwrap();
        assert_eq!(list.status(), 200);
        let text = list.text().await.unwrap();
        assert!(!text.contains(&token) && !text.contains(&read_only_token), "secrets are shown once");
        let list: Value = serde_json::from_str(&text).unwrap();
        let names: Vec<&str> = list["data"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names.len(), 2, "{names:?}");

        let id = made["id"].as_str().unwrap();
        let revoked =
            write(&app, reqwest::Method::DELETE, &format!("/api/v1/me/tokens/{id}"), &session).send().await.unwrap();
        assert_eq!(revoked.status(), 204);
        assert_eq!(bearer_me_status(&app, &token).await, 401);
        let again =
            write(&app, reqwest::Method::DELETE, &format!("/api/v1/me/tokens/{id}"), &session).send().await.unwrap();
        problem(again, 404, "not_found").await;
        let not_an_id =
            write(&app, reqwest::Method::DELETE, "/api/v1/me/tokens/not-a-uuid", &session).send().await.unwrap();
        problem(not_an_id, 404, "not_found").await;
        assert_eq!(bearer_me_status(&app, "rpt_never_issued").await, 401);
        let basic = app.client.get(app.url("/api/v1/me")).basic_auth("dana", Some("pw")).send().await.unwrap();
        problem(basic, 401, "unauthenticated").await;
    }
}

#[tokio::test]
async fn bad_bodies_are_problems() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let session = sign_in(&app, PASSWORD).await;
        let malformed = app
            .client
            .post(app.url("/auth/login"))
            .header(ORIGIN, &app.base)
            .header(CONTENT_TYPE, "application/json")
            .body("{\"email\": ")
            .send()
            .await
            .unwrap();
        problem(malformed, 400, "malformed_json").await;
        let unknown_field = app
            .client
            .post(app.url("/auth/login"))
            .header(ORIGIN, &app.base)
            .json(&json!({"email": EMAIL, "password": PASSWORD, "remember": true}))
            .send()
            .await
            .unwrap();
        problem(unknown_field, 400, "invalid_body").await;
        let not_json = app.client.post(app.url("/auth/login")).header(ORIGIN, &app.base).body("email=a").send();
        problem(not_json.await.unwrap(), 415, "unsupported_media_type").await;
        let huge = "x".repeat(rapport_web::AUTH_BODY_LIMIT + 1);
        let too_large = post(&app, "/api/v1/me/tokens", &session).json(&json!({"name": huge})).send().await.unwrap();
        problem(too_large, 413, "body_too_large").await;
        let unnamed = post(&app, "/api/v1/me/tokens", &session).json(&json!({"name": " "})).send().await.unwrap();
        let body = problem(unnamed, 400, "validation_failed").await;
        assert_eq!(body["errors"], json!([{"field": "name", "code": "required", "message": "Required."}]));
        let bad_date = post(&app, "/api/v1/me/tokens", &session).json(&json!({"name": "x", "expires_at": "soon"}));
        problem(bad_date.send().await.unwrap(), 400, "invalid_body").await;
        problem(app.client.get(app.url("/api/v1/nothing/here/at/all")).send().await.unwrap(), 404, "not_found").await;
        let wrong_method = app.client.put(app.url("/api/v1/me")).bearer_auth("rpt_x").send().await.unwrap();
        problem(wrong_method, 405, "method_not_allowed").await;
    }
}

/// Failed sign-ins from `client` (as a proxy on loopback reports it) for new emails.
async fn fail_from(app: &App, client: &str, n: usize) -> Vec<u16> {
    let mut statuses = Vec::new();
    for i in 0..n {
        let response = app
            .client
            .post(app.url("/auth/login"))
            .header(ORIGIN, &app.base)
            .header("X-Forwarded-For", format!("198.51.100.250, {client}"))
            .json(&json!({"email": format!("nobody{i}@example.com"), "password": "wrong guess"}))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    for db in each_database().await {
        let policy = SessionPolicy { max_failures_per_address: 2, ..SessionPolicy::default() };
        // Behind a trusted proxy (the test client on loopback), each client is counted
        // on its own: the right-most forwarded address, not the left part it wrote. The
        // proxy is named as a dual-stack listener would see it, and still matches.
        let trusted = WebConfig { trusted_proxies: vec!["::ffff:127.0.0.1".parse().unwrap()], ..WebConfig::default() };
        let app = spawn_app_with(&db, trusted, policy).await;
        assert_eq!(fail_from(&app, "203.0.113.1", 3).await, vec![401, 401, 429], "{}", db.name());
        assert_eq!(fail_from(&app, "203.0.113.2", 1).await, vec![401], "{}: another client", db.name());
        drop(app);
        // Without the setting the header is ignored: every request is the peer's.
        let db = each_database().await.into_iter().find(|d| d.name() == db.name()).unwrap();
        let app = spawn_app_with(&db, WebConfig::default(), policy).await;
        assert_eq!(fail_from(&app, "203.0.113.1", 2).await, vec![401, 401]);
        assert_eq!(fail_from(&app, "203.0.113.2", 1).await, vec![429], "{}: the header is not believed", db.name());
    }
}

#[tokio::test]
async fn a_one_time_password_must_be_changed_before_anything_else() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let user = NewUser {
            email: EMAIL.into(),
            display_name: "Dana Petrou".into(),
            password: None,
            roles: vec!["sales_rep".into()],
            ..Default::default()
        };
        let (_, one_time) = app.crm.add_user(&Actor::system(), user).await.unwrap();
        let one_time = one_time.expect("a one-time password");
        let session = sign_in(&app, &one_time).await;

        let me = app.client.get(app.url("/api/v1/me")).header(COOKIE, &session.cookie).send().await.unwrap();
        assert_eq!(me.status(), 200, "{}", db.name());
        let me: Value = me.json().await.unwrap();
        assert_eq!(me["must_change_password"], true);
        let current = app.client.get(app.url("/auth/session")).header(COOKIE, &session.cookie).send().await.unwrap();
        assert_eq!(current.status(), 200);

        let list = app.client.get(app.url("/api/v1/me/tokens")).header(COOKIE, &session.cookie).send().await.unwrap();
        let body = problem(list, 403, "password_change_required").await;
        assert!(body["detail"].as_str().unwrap().contains("change the password"), "{body}");
        let mint = post(&app, "/api/v1/me/tokens", &session).json(&json!({"name": "before the change"})).send().await;
        problem(mint.unwrap(), 403, "password_change_required").await;
        // Forged writes are still refused as forgeries first.
        let forged =
            app.client.post(app.url("/api/v1/me/tokens")).header(COOKIE, &session.cookie).header(ORIGIN, &app.base);
        problem(forged.json(&json!({"name": "x"})).send().await.unwrap(), 403, "csrf_failed").await;

        let changed =
            post(&app, "/api/v1/me/password", &session).json(&change_password_body(&one_time, NEW_PASSWORD)).send();
        assert_eq!(changed.await.unwrap().status(), 204, "{}", db.name());
        let list = app.client.get(app.url("/api/v1/me/tokens")).header(COOKIE, &session.cookie).send().await.unwrap();
        assert_eq!(list.status(), 200, "{}", db.name());
        let me = app.client.get(app.url("/api/v1/me")).header(COOKIE, &session.cookie).send().await.unwrap();
        assert_eq!(me.json::<Value>().await.unwrap()["must_change_password"], false);
    }
}

#[tokio::test]
async fn a_one_time_password_still_allows_signing_out() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let user = NewUser {
            email: EMAIL.into(),
            display_name: "Dana Petrou".into(),
            password: None,
            roles: vec!["sales_rep".into()],
            ..Default::default()
        };
        let one_time = app.crm.add_user(&Actor::system(), user).await.unwrap().1.unwrap();
        let first = sign_in(&app, &one_time).await;
        let second = sign_in(&app, &one_time).await;
        assert_eq!(post(&app, "/auth/logout", &first).send().await.unwrap().status(), 204, "{}", db.name());
        assert_eq!(post(&app, "/auth/logout-everywhere", &second).send().await.unwrap().status(), 200);
        assert_eq!(me_status(&app, &second.cookie).await, 401);
    }
}

#[tokio::test]
async fn a_bearer_header_does_not_exempt_sign_in_from_the_origin_check() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        add_user(&app, EMAIL).await;
        let forged = app
            .client
            .post(app.url("/auth/login"))
            .bearer_auth("rpt_anything")
            .header(ORIGIN, "http://evil.example")
            .json(&json!({"email": EMAIL, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert!(forged.headers().get(SET_COOKIE).is_none(), "{}", db.name());
        problem(forged, 403, "csrf_failed").await;
    }
}
