//! Problems in the language the request asks for (`Accept-Language`, q-values
//! honoured, English otherwise), on every database: titles, details and each refused
//! field's message with its specifics, `Content-Language` and `Vary`; the codes never
//! change. And every code the API can answer with has its messages.

use rapport_domain::DomainError;
use rapport_domain::ListQuery;
use rapport_domain::model::{Actor, FieldError, ModelError, Reason};
use rapport_domain::password::PasswordRejection;
use rapport_web::Problem;
use rapport_web::problem::{FieldProblem, Message, STATUS_OF_CODE};
use rapport_web::problem_text;
use rapport_web::ui::i18n::{Tr, negotiate_locale};
use reqwest::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, VARY};
use reqwest::{Method, Response};
use serde_json::{Value, json};

use crate::app::{App, spawn_app};
use crate::records::token_for;
use rapport_domain::testing::each_database;

/// `request` with `Accept-Language: language` when there is one.
async fn send(
    app: &App,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
    language: Option<&str>,
) -> Response {
    let mut request = app.client.request(method, app.url(path)).bearer_auth(token);
    if let Some(language) = language {
        request = request.header(ACCEPT_LANGUAGE, language);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

/// The problem's body, after checking its status, its language and that caches keep
/// it per language.
async fn problem(response: Response, status: u16, language: &str) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()[CONTENT_LANGUAGE], language);
    let vary: Vec<&str> = response.headers().get_all(VARY).iter().filter_map(|v| v.to_str().ok()).collect();
    assert!(vary.iter().any(|v| v.contains("Accept-Language")), "Vary: {vary:?}");
    response.json().await.unwrap()
}

/// The message of the refused `field`, after checking its code.
fn message_of<'a>(body: &'a Value, field: &str, code: &str) -> &'a str {
    let error = body["errors"].as_array().unwrap().iter().find(|e| e["field"] == field).unwrap();
    assert_eq!(error["code"], code, "{body}");
    error["message"].as_str().unwrap()
}

fn has_script(text: &str, first: char, last: char) -> bool {
    text.chars().any(|c| (first..=last).contains(&c))
}

fn greek(text: &str) -> bool {
    has_script(text, '\u{0370}', '\u{03FF}')
}

fn arabic(text: &str) -> bool {
    has_script(text, '\u{0600}', '\u{06FF}')
}

/// A too-long title and an email that is not one, in one create.
fn bad_person() -> Value {
    json!({"name": {"first": "Ελένη", "last": "Νικολάου"}, "title": "x".repeat(300), "emails": ["not-an-email"]})
}

#[tokio::test]
async fn a_refused_create_answers_in_the_language_asked_for() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let token = token_for(&app, "admin@example.com", "administrator", None).await;
        let create = |language: Option<&'static str>| {
            send(&app, &token, Method::POST, "/api/v1/people", Some(bad_person()), language)
        };

        let el = problem(create(Some("el")).await, 400, "el").await;
        assert_eq!((el["code"].as_str(), el["status"].as_u64()), (Some("validation_failed"), Some(400)));
        assert_eq!(el["type"], "https://rapport.invalid/problems/validation_failed");
        assert_eq!(el["title"], "Μη έγκυρο αίτημα", "{el}");
        let too_long = message_of(&el, "title", "too_long");
        assert_eq!(too_long, "Υπερβαίνει τους 255 χαρακτήρες.", "{el}");
        assert_eq!(message_of(&el, "emails.0", "not_an_email"), "Δεν είναι διεύθυνση email.");
        let detail = el["detail"].as_str().unwrap();
        assert!(detail.starts_with("Μη έγκυρες τιμές: ") && detail.contains(too_long), "{detail}");

        let hu = problem(create(Some("hu-HU,hu;q=0.9")).await, 400, "hu").await;
        assert_eq!(hu["title"], "Hibás kérés");
        assert_eq!(message_of(&hu, "title", "too_long"), "Hosszabb 255 karakternél.");
        assert_eq!(message_of(&hu, "emails.0", "not_an_email"), "Ez nem e-mail-cím.");

        let ar = problem(create(Some("ar")).await, 400, "ar").await;
        assert_eq!(ar["title"], "طلب غير صالح");
        assert_eq!(message_of(&ar, "title", "too_long"), "أطول من ٢٥٥ حرف.");
        // Latin digits for an Arabic reader who asks for them.
        let latin = problem(create(Some("ar-u-nu-latn")).await, 400, "ar").await;
        assert_eq!(message_of(&latin, "title", "too_long"), "أطول من 255 حرف.");
        assert!(arabic(ar["detail"].as_str().unwrap()) && ar["detail"].as_str().unwrap().contains("؛ "), "{ar}");

        // The highest quality wins, not the first listed; a refused language is not used.
        let preferred = problem(create(Some("en;q=0.3, el;q=0.8, ar;q=0")).await, 400, "el").await;
        assert_eq!(preferred["title"], "Μη έγκυρο αίτημα");

        for language in [Some("fr"), None, Some("ar;q=0, fr")] {
            let en = problem(create(language).await, 400, "en").await;
            assert_eq!(en["title"], "Bad Request", "{language:?}");
            assert_eq!(message_of(&en, "title", "too_long"), "Longer than 255 characters.");
            assert_eq!(message_of(&en, "emails.0", "not_an_email"), "Not an email address.");
            assert_eq!(en["code"], "validation_failed");
        }
    }
}

#[tokio::test]
async fn a_malformed_filter_says_where_in_the_language_asked_for() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let token = token_for(&app, "admin@example.com", "administrator", None).await;
        let path = "/api/v1/people?filter=title%5Beq%5D:";
        let ar = problem(send(&app, &token, Method::GET, path, None, Some("ar")).await, 400, "ar").await;
        let message = message_of(&ar, "filter", "invalid_filter");
        assert_eq!(message, "خطأ عند الحرف رقم ١٠: كان المتوقع قيمة.", "{ar}");
        assert!(ar["detail"].as_str().unwrap().contains(message), "{ar}");

        let en = problem(send(&app, &token, Method::GET, path, None, None).await, 400, "en").await;
        assert_eq!(message_of(&en, "filter", "invalid_filter"), "Malformed at character 10: expected a value.");

        // A filter that parses but does not fit its field names the field and the value.
        let path = "/api/v1/people?filter=birthday%5Beq%5D:soon";
        let el = problem(send(&app, &token, Method::GET, path, None, Some("el")).await, 400, "el").await;
        let message = message_of(&el, "filter", "invalid_filter_value");
        assert_eq!(message, "Πεδίο `birthday`: η τιμή `soon` δεν είναι ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ).", "{el}");
    }
}

#[tokio::test]
async fn not_found_and_forbidden_answer_in_greek() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let admin = token_for(&app, "admin@example.com", "administrator", None).await;
        let missing = format!("/api/v1/people/{}", uuid::Uuid::now_v7());
        let not_found = problem(send(&app, &admin, Method::GET, &missing, None, Some("el")).await, 404, "el").await;
        assert_eq!((not_found["code"].as_str(), not_found["title"].as_str()), (Some("not_found"), Some("Δεν βρέθηκε")));
        assert!(greek(not_found["detail"].as_str().unwrap()), "{not_found}");

        let reader = token_for(&app, "reader@example.com", "read_only", None).await;
        let input = Some(json!({"name": {"first": "Άννα", "last": "Κ"}}));
        let refused = send(&app, &reader, Method::POST, "/api/v1/people", input, Some("el-GR")).await;
        let forbidden = problem(refused, 403, "el").await;
        assert_eq!(forbidden["code"], "forbidden");
        assert_eq!(forbidden["title"], "Δεν επιτρέπεται");
        let detail = forbidden["detail"].as_str().unwrap();
        assert!(detail.starts_with("Δεν επιτρέπεται να δημιουργήσετε εγγραφές του αντικειμένου `"), "{detail}");

        // A problem made at the edge, with English text only: its code's general sentence.
        let nowhere =
            problem(send(&app, &admin, Method::GET, "/api/v1/no/such/thing/here", None, Some("el")).await, 404, "el")
                .await;
        assert_eq!(nowhere["code"], "not_found");
        assert_eq!(nowhere["detail"], Tr::new("el").t("problem-not-found"));
    }
}

#[test]
fn accept_language_picks_the_best_offered_locale() {
    let cases = [
        (None, "en"),
        (Some(""), "en"),
        (Some("el"), "el"),
        (Some("hu-HU,hu;q=0.9"), "hu"),
        (Some("fr-FR, fr;q=0.9, ar;q=0.5"), "ar"),
        (Some("en;q=0.5, el;q=0.9"), "el"),
        (Some("el;q=0.5, hu;q=0.5"), "el"),
        (Some("el;q=0, *;q=0.1"), "en"),
        (Some("AR-eg"), "ar"),
        (Some("el;q=bad, hu"), "hu"),
    ];
    for (header, expected) in cases {
        assert_eq!(negotiate_locale(header), expected, "{header:?}");
    }
}

/// The message ids every answer can need, present in English (so a new code cannot
/// ship untranslated; the messages test then asks every locale for them).
#[test]
fn every_code_the_api_answers_with_has_its_messages() {
    let en = Tr::new("en");
    let mut missing = Vec::new();
    let mut need = |id: String| {
        if !en.has(&id) {
            missing.push(id);
        }
    };
    for (code, status) in STATUS_OF_CODE {
        need(format!("problem-{}", code.replace('_', "-")));
        need(format!("problem-title-{}", status.as_u16()));
        if !status.is_server_error() {
            need(format!("detail-{}", code.replace('_', "-")));
        }
    }
    need("detail-internal-error".into());
    // Made at the edge (web), with a status of their own.
    for code in [
        "csrf_failed",
        "read_only_token",
        "method_not_allowed",
        "malformed_json",
        "invalid_body",
        "unsupported_media_type",
        "body_too_large",
        "unreadable_body",
        "version_required",
        "unknown_relation",
    ] {
        need(format!("problem-{}", code.replace('_', "-")));
    }
    for status in [405, 413, 415, 422, 428] {
        need(format!("problem-title-{status}"));
    }
    for reason in Reason::samples() {
        need(format!("reason-{}", reason.code().replace('_', "-")));
    }
    for rejection in password_rejections() {
        need(format!("reason-{}", rejection.code().replace('_', "-")));
    }
    for code in ["invalid_filter", "invalid_order_by"] {
        need(format!("reason-{}", code.replace('_', "-")));
    }
    for kind in rapport_domain::model::filter::Syntax::samples() {
        need(format!("filter-{}", kind.code().replace('_', "-")));
    }
    assert!(missing.is_empty(), "messages missing in English: {missing:?}");
}

fn password_rejections() -> Vec<PasswordRejection> {
    vec![
        PasswordRejection::TooShort { min: 15 },
        PasswordRejection::TooLong { max: 128 },
        PasswordRejection::Common,
        PasswordRejection::Predictable,
        PasswordRejection::ContainsPersonalInfo,
    ]
}

/// Every reason, password rejection and filter error reads with its specifics in
/// every language: no argument is left unfilled, and none falls back to English.
#[test]
fn every_refusal_reads_with_its_specifics_in_every_language() {
    let field = |code: &str, args: Vec<(&'static str, String)>| FieldProblem {
        field: "f".into(),
        code: code.into(),
        message: Some(Message::new(format!("reason-{}", code.replace('_', "-")), args)),
    };
    let mut refusals: Vec<FieldProblem> = Reason::samples().iter().map(|r| field(r.code(), r.args())).collect();
    refusals.extend(password_rejections().iter().map(|r| field(r.code(), rapport_domain::error::password_args(r))));
    for kind in rapport_domain::model::filter::Syntax::samples() {
        let error = rapport_domain::model::FilterError { position: 7, kind };
        refusals.push(field("invalid_filter", error.args()));
    }
    for locale in ["en", "el", "hu", "ar"] {
        let tr = Tr::new(locale);
        for refusal in &refusals {
            let message = problem_text::field_message(refusal, &tr);
            let id = &refusal.message.as_ref().unwrap().id;
            assert!(!message.contains('{') && !message.contains(id.as_str()), "{locale} {id}: {message}");
            if locale != "en" {
                assert_ne!(message, problem_text::field_message(refusal, &Tr::new("en")), "{locale} {id}");
            }
            for (name, value) in &refusal.message.as_ref().unwrap().args {
                let shown = ["max", "min", "scale", "value", "name", "position"];
                // Arabic says one and two in words ("منزلتين": two places).
                let in_words = locale == "ar" && ["1", "2"].contains(&value.as_str());
                if shown.contains(name) && !in_words {
                    // Arabic writes numbers in Arabic-Indic digits (٢٠٠).
                    let digits: String = match locale {
                        "ar" => value
                            .chars()
                            .map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x660 + d).unwrap()))
                            .collect(),
                        _ => value.clone(),
                    };
                    assert!(message.contains(digits.as_str()), "{locale} {id} names its {name}: {message}");
                }
            }
        }
    }
}

/// A filter the store refuses names its field as an argument, which is how the
/// builder finds the failing row without reading English text; the page shows it in
/// the viewer's language.
#[tokio::test]
async fn a_store_refusal_names_its_field_and_reads_in_the_viewers_language() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let filter = rapport_domain::model::filter::parse("address.city[eq]:x,").ok();
        assert!(filter.is_none(), "the trailing comma is malformed");
        let filter = rapport_domain::model::filter::parse("birthday[gt]:later").unwrap();
        let query = ListQuery { filter: Some(filter), limit: 1, ..ListQuery::default() };
        let error = app.crm.list(&Actor::system(), "people", query).await.unwrap_err();
        let problem = Problem::from(error);
        assert_eq!(problem.arg("field"), Some("birthday"), "{problem:?}");
        let el = problem_text::detail(&problem, &Tr::new("el"));
        assert_eq!(el, "Πεδίο `birthday`: η τιμή `later` δεν είναι ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ).");
    }
}

#[test]
fn a_validation_detail_lists_the_fields_in_the_language() {
    let reason = Reason::OutOfRange { min: "0".into(), max: "10".into() };
    let model = ModelError::Invalid(vec![FieldError::new("amount", reason)]);
    let problem = Problem::from(DomainError::Store(model.into()));
    assert_eq!(
        problem_text::detail(&problem, &Tr::new("hu")),
        "Érvénytelen érték: amount: 0 és 10 között kell lennie."
    );
    assert_eq!(problem_text::detail(&problem, &Tr::new("en")), "Invalid value: amount: Must be between 0 and 10.");
    assert_eq!(problem_text::title(problem.status, &Tr::new("ar")), "طلب غير صالح");
}

/// A Greek user's list refuses a filter in Greek (the parser's and the store's
/// refusals alike), whatever language the browser asks for.
#[tokio::test]
async fn a_greek_users_list_refuses_a_filter_in_greek() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let password = "a long enough passphrase for tests";
        let new = rapport_domain::NewUser {
            email: "eleni@example.gr".into(),
            display_name: "Ελένη".into(),
            locale: Some("el".into()),
            roles: vec!["administrator".into()],
            password: Some(password.into()),
            ..rapport_domain::NewUser::default()
        };
        app.crm.add_user(&Actor::system(), new).await.unwrap();
        let login = app
            .client
            .post(app.url("/auth/login"))
            .header(reqwest::header::ORIGIN, &app.base)
            .json(&json!({"email": "eleni@example.gr", "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), 200);
        let cookie =
            login.headers()[reqwest::header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
        let page = |filter: &'static str| {
            app.client
                .get(app.url(&format!("/o/people?filter={filter}")))
                .header(reqwest::header::COOKIE, &cookie)
                .header(ACCEPT_LANGUAGE, "en")
                .send()
        };
        let syntax = page("title%5Beq%5D:").await.unwrap().text().await.unwrap();
        assert!(syntax.contains("Λάθος στον χαρακτήρα 10: αναμενόταν τιμή."), "{syntax}");
        let store = page("birthday%5Bgt%5D:later").await.unwrap().text().await.unwrap();
        assert!(store.contains("η τιμή `later` δεν είναι ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ)"), "{store}");
    }
}
