//! `rapport user`, `rapport team` and `rapport token` as an operator runs them.

use std::io::Write;
use std::process::{Output, Stdio};

use rapport_domain::testing::{TestDatabase, each_database};
use rapport_domain::{Crm, DatabaseConfig, Login};

use crate::serve::rapport;

fn run(db: &TestDatabase, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child =
        rapport(db).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

async fn crm(db: &TestDatabase) -> Crm {
    let config = DatabaseConfig {
        url: db.url.clone(),
        data_dir: db.data_dir.clone(),
        pool_size: 2,
        default_region: "GR".into(),
        event_retention_days: 30,
    };
    Crm::open(&config).await.unwrap()
}

fn login(email: &str, password: &str) -> Login {
    Login { email: email.into(), password: password.into(), ..Login::default() }
}

#[tokio::test]
async fn the_first_administrator_and_a_token_from_the_command_line() {
    for db in each_database().await {
        let at = db.name();
        let out = run(&db, &["user", "add", "--admin", "Boss@Example.GR"], None);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{at}: {stderr}");
        let one_time = stdout.lines().find_map(|l| l.split("sign-in): ").nth(1)).expect(&stdout).trim().to_owned();
        let crm = crm(&db).await;
        let session = crm.login(login("boss@example.gr", &one_time)).await.unwrap();
        assert!(session.user.must_change_password, "{at}");
        assert!(crm.session(&session.id).await.unwrap().actor.is_admin());

        // A password from standard input, checked by the same rules.
        let weak =
            run(&db, &["user", "add", "--role", "sales_rep", "rep@example.gr", "--password-stdin"], Some("secret\n"));
        let (_, stderr) = text(&weak);
        assert!(!weak.status.success() && stderr.contains("password"), "{at}: {stderr}");
        assert_eq!(crm.login(login("rep@example.gr", "secret")).await.unwrap_err().code(), "invalid_credentials");
        let good = "ferry-lantern-quartz-meadow";
        let out = run(&db, &["user", "add", "--role", "sales_rep", "rep@example.gr", "--password-stdin"], Some(good));
        assert!(out.status.success(), "{at}: {}", text(&out).1);
        assert!(!crm.login(login("rep@example.gr", good)).await.unwrap().user.must_change_password);
        let none = run(&db, &["user", "add", "norole@example.gr"], None);
        assert!(!none.status.success() && text(&none).1.contains("--role"), "{at}");

        // A token for scripts: printed once on stdout, works as a bearer.
        let out = run(&db, &["token", "create", "--user", "rep@example.gr", "--read-only"], None);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{at}: {stderr}");
        let secret = stdout.trim();
        let principal = crm.authenticate_token(secret).await.unwrap();
        assert_eq!(principal.user.email, "rep@example.gr");
        assert!(matches!(principal.credential, rapport_domain::Credential::Token { read_only: true, .. }));
        let unknown = run(&db, &["token", "create", "--user", "ghost@example.gr"], None);
        assert!(!unknown.status.success() && text(&unknown).1.contains("email"), "{at}");

        // An expiry in days: 0 is refused, not rounded up; too many is an error, not a panic.
        let out = run(
            &db,
            &["token", "create", "--user", "rep@example.gr", "--name", "month", "--expires-in-days", "30"],
            None,
        );
        assert!(out.status.success(), "{at}: {}", text(&out).1);
        let month = crm.authenticate_token(text(&out).0.trim()).await.unwrap();
        let tokens = crm.tokens(&rapport_domain::model::Actor::system(), month.user.id).await.unwrap();
        let expires_at = tokens.iter().find(|t| t.name == "month").and_then(|t| t.expires_at).expect("an expiry");
        let days = (expires_at - time::OffsetDateTime::now_utc()).whole_days();
        assert!((29..=30).contains(&days), "{at}: {days}");
        for (days, says) in [("0", "at least 1 day"), ("4294967295", "9999"), ("soon", "whole number")] {
            let out = run(&db, &["token", "create", "--user", "rep@example.gr", "--expires-in-days", days], None);
            let (stdout, stderr) = text(&out);
            assert!(!out.status.success() && stdout.is_empty(), "{at}: {days}");
            assert!(stderr.contains("--expires-in-days") && stderr.contains(says), "{at}: {days}: {stderr}");
            assert!(!stderr.contains("panicked"), "{at}: {stderr}");
        }

        // A reset gives a new one-time password and ends the old one.
        let out = run(&db, &["user", "password", "boss@example.gr"], None);
        let (stdout, _) = text(&out);
        let fresh = stdout.rsplit(": ").next().unwrap().trim().to_owned();
        assert_eq!(crm.session(&session.id).await.unwrap_err().code(), "unauthenticated", "{at}");
        crm.login(login("boss@example.gr", &fresh)).await.unwrap();
        let listed = text(&run(&db, &["user", "list"], None)).0;
        assert!(listed.contains("boss@example.gr") && listed.contains("rep@example.gr"), "{at}: {listed}");
    }
}
