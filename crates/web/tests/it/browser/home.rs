//! Home in a real browser, on every database: a task marked done in place leaves the
//! page's lists with a toast and is done in the store (by mouse and by keyboard), the
//! empty state comes back once nothing is left, and a task changed meanwhile stays
//! with what happened; and Home on the demo company in every language, as a rep and
//! as a manager, on a desktop and a phone, fits a 360 px phone right to left. The
//! pages are saved as test output (`browser/home/`) to be looked at.

use rapport_domain::demo::{DemoLocale, DemoSize, load};
use rapport_domain::model::{Actor, Value};
use rapport_domain::{NewUser, UserPatch};
use serde_json::{Map, Value as Json, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, Time};
use uuid::Uuid;

use super::{Browser, PASSWORD, each_browser, output_dir};

fn obj(value: Json) -> Map<String, Json> {
    value.as_object().cloned().unwrap()
}

async fn task(b: &Browser, owner: Uuid, subject: &str, due: OffsetDateTime, customer: Uuid) -> Uuid {
    let due = due.format(&Rfc3339).unwrap();
    let input = json!({"subject": subject, "status": "open", "due_at": due, "owner": owner.to_string()});
    let made = b.app.crm.create(&Actor::system(), "tasks", &obj(input)).await.unwrap();
    b.app.crm.link_activity(&Actor::system(), ("tasks", made.id), ("people", customer), made.created_at).await.unwrap();
    made.id
}

async fn status_of(b: &Browser, id: Uuid) -> Value {
    b.app.crm.get(&Actor::system(), "tasks", id).await.unwrap().get("status").clone()
}

/// Waits until no element matches `css`.
async fn wait_gone(b: &Browser, css: &str) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(15);
    while !b.find_all(css).await.is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "`{css}` never went away");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    b.settle().await;
}

#[tokio::test]
async fn a_task_marked_done_on_home_leaves_the_page_and_is_done_in_the_store() {
    each_browser("home-done", |b: Browser| async move {
        let new = NewUser {
            email: "rep@example.com".into(),
            display_name: "Rep".into(),
            time_zone: Some("UTC".into()),
            roles: vec!["sales_rep".into()],
            password: Some(PASSWORD.into()),
            ..NewUser::default()
        };
        let rep = b.app.crm.add_user(&Actor::system(), new).await.unwrap().0;
        let person = json!({"name": {"first": "Zoé", "last": "Karagianni"}, "owner": rep.id.to_string()});
        let person = b.app.crm.create(&Actor::system(), "people", &obj(person)).await.unwrap().id;
        let day = OffsetDateTime::now_utc().replace_time(Time::MIDNIGHT);
        let first = task(&b, rep.id, "Send the spring catalogue", day + Duration::hours(23), person).await;
        let second = task(&b, rep.id, "Call about the late delivery", day - Duration::days(2), person).await;
        let third = task(&b, rep.id, "Confirm the order", day - Duration::days(5), person).await;
        b.sign_in("rep@example.com", PASSWORD).await;
        b.goto("/").await;
        b.find(&format!("#home-tasks-{first} .home-customers a[href='/o/people/{person}']")).await;

        // By mouse: the task leaves the list at once, a toast says so, the page stays.
        b.click(&format!("#home-tasks-{first} .home-done button")).await;
        wait_gone(&b, &format!("#home-tasks-{first}")).await;
        b.wait_for_text("#toast", "Done: Send the spring catalogue").await;
        assert!(b.find("#toast").await.is_displayed().await.unwrap());
        assert_eq!(status_of(&b, first).await, Value::Text("done".into()));
        assert_eq!(b.client.current_url().await.unwrap().path(), "/");
        b.find(&format!("#home-tasks-{second}")).await;

        // Changed meanwhile: it stays, saying what happened, with nothing overwritten.
        let patch = obj(json!({"subject": "Confirm the order (40 crates)"}));
        b.app.crm.update(&Actor::system(), "tasks", third, 1, &patch).await.unwrap();
        b.click(&format!("#home-tasks-{third} .home-done button")).await;
        b.wait_for_text(&format!("#home-tasks-{third} [role=alert]"), "Someone changed this meanwhile").await;
        b.wait_for_text(&format!("#home-tasks-{third}"), "Confirm the order (40 crates)").await;
        assert_eq!(status_of(&b, third).await, Value::Text("open".into()));
        let focused = b.client.execute("return document.activeElement.closest('li').id", vec![]).await.unwrap();
        assert_eq!(focused, json!(format!("home-tasks-{third}")), "the item that came back keeps the focus");

        // By keyboard, then the other one again (it now has the version it shows): the
        // focus goes on to the next item, then to the list; the list is empty and says
        // what to do next.
        for (id, focus_then) in [(second, format!("home-tasks-{third}")), (third, "home-tasks-title".to_owned())] {
            let button = b.find(&format!("#home-tasks-{id} .home-done button")).await;
            button.send_keys("\u{E007}").await.unwrap();
            wait_gone(&b, &format!("#home-tasks-{id}")).await;
            assert_eq!(status_of(&b, id).await, Value::Text("done".into()));
            let focused = b
                .client
                .execute("const a = document.activeElement; return (a.closest('li') || a).id;", vec![])
                .await
                .unwrap();
            assert_eq!(focused, json!(focus_then), "the focus goes on from where it was");
        }
        let empty = b.find("#home-tasks .home-empty").await;
        assert!(empty.is_displayed().await.unwrap(), "the empty state shows once nothing is left");
        assert!(empty.text().await.unwrap().contains("Nothing due today"));
    })
    .await;
}

/// The page's width beyond the window's, with what sticks out, if it does not fit.
async fn overflow(b: &Browser, width: u32) -> Option<String> {
    let script = "const w = arguments[0]; const doc = document.documentElement; \
        if (doc.scrollWidth <= w && window.innerWidth <= w) return null; \
        return `${doc.scrollWidth} px wide: ` + [...document.querySelectorAll('main *')] \
          .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > w + 1 || r.left < -1); }) \
          .slice(0, 8).map((el) => el.tagName + '.' + el.className).join(', ');";
    match b.client.execute(script, vec![json!(width)]).await.unwrap() {
        Json::String(why) => Some(why),
        _ => None,
    }
}

async fn shoot(b: &Browser, name: &str) {
    let dir = output_dir().join("home");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), b.client.screenshot().await.unwrap()).unwrap();
}

/// The whole page, not only the first screen.
async fn shoot_whole(b: &Browser, name: &str, width: u32) {
    let height = b.client.execute("return document.documentElement.scrollHeight", vec![]).await.unwrap();
    let height = height.as_u64().unwrap_or(900).clamp(600, 6000) as u32;
    if width < 720 {
        b.phone(width, height).await;
    } else {
        b.client.set_window_size(width, height + 120).await.unwrap();
    }
    b.settle().await;
    shoot(b, name).await;
}

#[tokio::test]
async fn home_on_the_demo_in_every_language_as_a_rep_and_a_manager_fits_a_phone() {
    each_browser("home-demo", |b: Browser| async move {
        let size = DemoSize { companies: 12, people: 40, leads: 10, opportunities: 40, activities: 300 };
        let demo = load(&b.app.crm, &size, DemoLocale::En).await.unwrap();
        let mut problems = Vec::new();
        for role in ["sales_rep", "sales_manager"] {
            let login = demo.logins.iter().find(|l| l.role == role).unwrap();
            let id = b.app.crm.user_by_email(&Actor::system(), &login.email).await.unwrap().id;
            for code in ["en", "el", "hu", "ar"] {
                let patch = UserPatch { locale: Some(code.into()), ..UserPatch::default() };
                b.app.crm.update_user(&Actor::system(), id, patch).await.unwrap();
                b.desktop().await;
                b.client.set_window_size(1280, 900).await.unwrap();
                b.client.delete_all_cookies().await.unwrap();
                b.sign_in(&login.email, &login.password).await;
                let views: &[(&str, &str)] =
                    if role == "sales_manager" { &[("day", "/"), ("team", "/?view=team")] } else { &[("day", "/")] };
                for (view, path) in views {
                    let name = format!("{code}-{role}-{view}");
                    b.goto(path).await;
                    b.find("main h1").await;
                    if *view == "team" {
                        b.find("#home-team-summary tr[data-member]").await;
                    } else {
                        b.find("#home-tasks").await;
                    }
                    shoot_whole(&b, &format!("{name}-desktop"), 1280).await;
                    b.client.set_window_size(1280, 900).await.unwrap();
                    for width in [390, 360] {
                        b.phone(width, 844).await;
                        b.goto(path).await;
                        b.find("main h1").await;
                        b.settle().await;
                        if let Some(why) = overflow(&b, width).await {
                            problems.push(format!("{name} at {width} px: {why}"));
                        }
                        if width == 390 {
                            shoot_whole(&b, &format!("{name}-phone"), 390).await;
                        }
                    }
                    b.desktop().await;
                }
                // A rep's Home has no team view; a manager's offers it.
                let switch = b.find_all(".home-views a[href='/?view=team']").await.len();
                assert_eq!(switch, usize::from(role == "sales_manager"), "{code} {role}");
            }
        }
        assert!(problems.is_empty(), "Home is wider than a phone:\n{}", problems.join("\n"));
    })
    .await;
}
