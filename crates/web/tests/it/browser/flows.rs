//! A user's day in the browser: sign in, create a person, find them, edit inline,
//! add a note, and the answers to mistakes (wrong password, invalid values, an
//! expired session).

use rapport_domain::model::Actor;
use serde_json::{Map, Value, json};

use super::{Browser, PASSWORD, each_browser};

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

#[tokio::test]
async fn signing_in_keeps_the_email_on_a_mistake_and_returns_to_the_page_asked_for() {
    each_browser("sign-in", |b: Browser| async move {
        b.user("ana@example.com", "sales_manager", None).await;
        // A page that needs a session sends the visitor to sign in, remembering it.
        b.goto("/o/people").await;
        let at = b.wait_for_path("/login").await;
        assert_eq!(at, "/login");
        b.type_into("#email", "ana@example.com").await;
        b.type_into("#password", "not the password").await;
        b.click("form button[type=submit]").await;
        b.wait_for_text("#login-error", "do not match").await;
        let email = b.find("#email").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(email, "ana@example.com", "the email stays in the form");
        b.type_into("#password", PASSWORD).await;
        b.click("form button[type=submit]").await;
        assert_eq!(b.wait_for_path("/o/people").await, "/o/people");
        b.find("h1").await;
        // Signing out ends the session: the list asks for sign-in again.
        b.click(".account button").await;
        b.wait_for_path("/login").await;
        b.goto("/o/people").await;
        assert_eq!(b.wait_for_path("/login").await, "/login");
    })
    .await;
}

#[tokio::test]
async fn a_person_with_two_emails_is_found_by_search_and_edited_inline() {
    each_browser("person", |b: Browser| async move {
        b.user("ana@example.com", "administrator", None).await;
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Ζωή").await;
        b.type_into("[name='f.name.last']", "Καραγιάννη").await;
        // An invalid email is refused beside its field; what was typed stays.
        b.type_into("#f\\.emails", "not-an-email").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_text("[data-field='f.emails'] .error", "Not an email").await;
        let first = b.find("[name='f.name.first']").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(first, "Ζωή");
        let emails = b.find_all("[name='f.emails']").await;
        emails[0].clear().await.unwrap();
        emails[0].send_keys("zoe@example.gr").await.unwrap();
        b.click("[data-add-another]").await;
        let emails = b.find_all("[name='f.emails']").await;
        emails.last().unwrap().send_keys("zoe.k@work.example").await.unwrap();
        b.click("#record-form button[type=submit]").await;
        let path = b.wait_for_path("/o/people/0").await;
        let text = b.page_text().await;
        assert!(text.contains("zoe@example.gr") && text.contains("zoe.k@work.example"), "{text}");
        let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        let stored = b.app.crm.get(&Actor::system(), "people", id).await.unwrap();
        assert_eq!(stored.to_json(&b.app.crm.schema(&Actor::system()).await.unwrap().object("person").unwrap().clone())["emails"].as_array().unwrap().len(), 2);

        // Global search from another page finds her by part of the family name,
        // without accents.
        b.goto("/").await;
        b.type_into("#global-search", "καραγιαν").await;
        b.wait_for_text("header #search-results", "Καραγιάννη").await;
        b.click("header #search-results a").await;
        assert_eq!(b.wait_for_path(&path).await, path);

        // Inline edit of a cell in the list.
        b.goto("/o/people?columns=name,title").await;
        let cell = b.find(&format!("tr[data-id='{id}'] td.editable[data-label='Title']")).await;
        b.client.execute("arguments[0].dispatchEvent(new MouseEvent('dblclick', {bubbles: true}))", vec![serde_json::to_value(&cell).unwrap()]).await.unwrap();
        let input = b.find(&format!("tr[data-id='{id}'] input[name='f.title']")).await;
        input.send_keys("Head of purchasing\u{E007}").await.unwrap();
        b.wait_for_text(&format!("tr[data-id='{id}'] td[data-label='Title']"), "Head of purchasing").await;
        assert!(b.find_all(&format!("tr[data-id='{id}'] form")).await.is_empty(), "the editor closed");
        let stored = b.app.crm.get(&Actor::system(), "people", id).await.unwrap();
        let person = b.app.crm.schema(&Actor::system()).await.unwrap().object("person").unwrap().clone();
        assert_eq!(stored.to_json(&person)["title"], json!("Head of purchasing"));
    })
    .await;
}

#[tokio::test]
async fn a_note_and_a_call_appear_on_the_timeline() {
    each_browser("timeline", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let person = b
            .app
            .crm
            .create(
                &Actor::system(),
                "people",
                &obj(json!({"name": {"first": "Gábor", "last": "Kiss"}, "owner": user.id.to_string()})),
            )
            .await
            .unwrap();
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto(&format!("/o/people/{}", person.id)).await;
        b.find("#timeline").await;
        b.click("#tab-notes").await;
        // A note without text is refused beside the field, and nothing is written.
        b.click("#quick-notes button[type=submit]").await;
        b.wait_for_text("#quick-notes", "Required").await;
        b.type_into("#quick-notes textarea[name='f.body']", "Prefers delivery on Tuesdays.").await;
        b.click("#quick-notes button[type=submit]").await;
        b.wait_for_text("#timeline", "Prefers delivery on Tuesdays.").await;
        // Log a call with its outcome.
        b.click("#tab-calls").await;
        b.type_into("#quick-calls input[name='f.subject']", "Asked about the catalogue").await;
        b.click("#quick-calls button[type=submit]").await;
        b.wait_for_text("#timeline", "Asked about the catalogue").await;
        // Attach a file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("price list 2027.csv");
        std::fs::write(&path, "item,price\nolive oil,9.50\n").unwrap();
        b.click("#tab-attach").await;
        b.find("#attach-file").await.send_keys(path.to_str().unwrap()).await.unwrap();
        b.click("#quick-attach button[type=submit]").await;
        b.wait_for_text("#timeline", "price list 2027.csv").await;
        let page = b.app.crm.timeline_page(&Actor::system(), "people", person.id, None, 10).await.unwrap();
        assert_eq!(page.entries.len(), 3, "exactly one note, one call and one file were written");
        // The file downloads as it was, never shown inline.
        let href = b.find("#timeline a[href^='/files/']").await.attr("href").await.unwrap().unwrap();
        let cookies = b.client.get_all_cookies().await.unwrap();
        let cookie = cookies.iter().map(|c| format!("{}={}", c.name(), c.value())).collect::<Vec<_>>().join("; ");
        let download = b.app.client.get(b.url(&href)).header("cookie", cookie).send().await.unwrap();
        assert_eq!(download.status(), 200);
        assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(download.text().await.unwrap(), "item,price\nolive oil,9.50\n");
    })
    .await;
}

#[tokio::test]
async fn a_filter_built_in_the_builder_is_saved_as_a_view_and_reloads() {
    each_browser("saved-view", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let sys = Actor::system();
        for (first, title) in [("Anna", "Buyer"), ("Bela", "Buyer"), ("Anna", "Owner"), ("Cecil", "Buyer")] {
            let input =
                obj(json!({"name": {"first": first, "last": "Kis"}, "title": title, "owner": user.id.to_string()}));
            b.app.crm.create(&sys, "people", &input).await.unwrap();
        }
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/o/people?columns=name,title").await;
        // Reorder the columns: title first.
        b.click(".columns-picker summary").await;
        b.click(".column-choice:nth-child(3) [data-move='up']").await;
        b.click(".list-controls button[type=submit]").await;
        b.wait_for_url("columns=title%2Cname").await;
        let headings: Vec<String> = {
            let mut out = Vec::new();
            for th in b.find_all("table.records thead th").await {
                out.push(th.text().await.unwrap());
            }
            out
        };
        assert_eq!(headings[1..3], ["Title".to_owned(), "Name".to_owned()], "{headings:?}");
        b.click("button[hx-get*='filter-builder']").await;
        // title = Buyer, and (first name = Anna or first name = Bela).
        b.click("#filter-builder button[value='add:0']").await;
        b.find("#b-path-1").await.select_by_value("title").await.unwrap();
        b.find("#b-op-1").await.select_by_value("eq").await.unwrap();
        b.type_into("#b-value-1", "Buyer").await;
        b.click("#filter-builder button[value='group:0']").await;
        b.find("#b-path-3").await.select_by_value("name.first").await.unwrap();
        b.type_into("#b-value-3", "Anna").await;
        b.click("#filter-builder button[value='add:2']").await;
        b.find("#b-path-4").await.select_by_value("name.first").await.unwrap();
        b.type_into("#b-value-4", "Bela").await;
        // A mistake first: `is` takes null or not_null; the builder says so and keeps the rows.
        b.find("#b-op-1").await.select_by_value("is").await.unwrap();
        b.click("#filter-builder button[value='apply']").await;
        b.wait_for_text("#filter-builder [data-row='1'] .error", "null").await;
        b.find("#b-op-1").await.select_by_value("eq").await.unwrap();
        b.click("#filter-builder button[value='apply']").await;
        b.wait_for_url("filter=").await;
        b.find("#list-filter").await;
        // The list says the filter in words, not in the filter language.
        b.wait_for_text(".filter-summary", "Title is equal to Buyer and (Name · First name is equal to Anna or").await;
        let rows = || async {
            let mut names = Vec::new();
            for row in b.find_all("#rows tr[data-id]").await {
                names.push(row.text().await.unwrap());
            }
            names.sort();
            names
        };
        let shown = rows().await;
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].contains("Anna Kis") && shown[0].contains("Buyer"), "{shown:?}");
        assert!(shown[1].contains("Bela Kis"), "{shown:?}");
        // Save it as a view, reload it from its own address.
        b.click(".save-view summary").await;
        b.type_into("#view-name", "Buyers A and B").await;
        b.click(".save-view button[type=submit]").await;
        b.wait_for_url("view=").await;
        let ana = b.app.crm.actor_for(user.id).await.unwrap();
        let views = b.app.crm.saved_views(&ana, "people").await.unwrap();
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].name, "Buyers A and B");
        assert_eq!(views[0].columns, ["title", "name"]);
        b.goto("/o/people").await;
        assert_eq!(b.find_all("#rows tr[data-id]").await.len(), 4);
        b.goto(&format!("/o/people?view={}", views[0].id)).await;
        b.wait_for_text(".views a[aria-current='page']", "Buyers A and B").await;
        assert_eq!(rows().await, shown, "the saved view shows the same records");
        // Its export has the view's records and columns, in the view's order.
        let query = "const f = document.querySelector('.export-menu form'); \
                     return new URLSearchParams(new FormData(f)).toString();";
        let query = b.client.execute(query, vec![]).await.unwrap();
        let href = format!("/o/people/export.csv?{}", query.as_str().unwrap());
        let cookies = b.client.get_all_cookies().await.unwrap();
        let cookie = cookies.iter().map(|c| format!("{}={}", c.name(), c.value())).collect::<Vec<_>>().join("; ");
        let csv = b.app.client.get(b.url(&href)).header("cookie", cookie).send().await.unwrap().text().await.unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[0], "Title,Name,Owner,Team", "{csv}");
        assert_eq!(lines.len(), 3, "{csv}");
        assert!(lines[1..].iter().all(|l| l.starts_with("Buyer,")), "{csv}");
    })
    .await;
}

#[tokio::test]
async fn relations_are_picked_by_typing_a_name() {
    each_browser("relations", |b: Browser| async move {
        let user = b.user("ana@example.com", "administrator", None).await;
        let sys = Actor::system();
        let pipeline =
            b.app.crm.create(&sys, "pipelines", &obj(json!({"name": "Wholesale", "is_default": true}))).await.unwrap();
        let stage = b
            .app
            .crm
            .create(
                &sys,
                "stages",
                &obj(json!({"pipeline": pipeline.id.to_string(), "name": "Quoted", "position": 1, "kind": "open"})),
            )
            .await
            .unwrap();
        let company = b
            .app
            .crm
            .create(&sys, "companies", &obj(json!({"name": "Olympos Foods", "owner": user.id.to_string()})))
            .await
            .unwrap();
        b.sign_in("ana@example.com", PASSWORD).await;
        b.goto("/o/opportunities/new").await;
        b.type_into("[name='f.name']", "Spring order").await;
        b.type_into("[name='f.amount.amount']", "1250.50").await;
        b.type_into("[name='f.amount.currency']", "EUR").await;
        for (field, text, pick) in
            [("pipeline", "Whole", "Wholesale"), ("stage", "Quo", "Quoted"), ("company", "olympos", "Olympos Foods")]
        {
            b.type_into(&format!("#f\\.{field}-search"), text).await;
            b.wait_for_text(&format!("[data-field='f.{field}'] .lookup"), pick).await;
            b.click(&format!("[data-field='f.{field}'] .lookup [data-pick]")).await;
        }
        b.click("#record-form button[type=submit]").await;
        let path = b.wait_for_path("/o/opportunities/0").await;
        b.wait_for_text("#fields", "Olympos Foods").await;
        let id: uuid::Uuid = path.rsplit('/').next().unwrap().parse().unwrap();
        let schema = b.app.crm.schema(&sys).await.unwrap();
        let stored =
            b.app.crm.get(&sys, "opportunities", id).await.unwrap().to_json(schema.object("opportunity").unwrap());
        assert_eq!(stored["stage"], json!(stage.id.to_string()));
        assert_eq!(stored["company"], json!(company.id.to_string()));
        assert_eq!(stored["amount"], json!({"amount": "1250.50", "currency": "EUR"}));
    })
    .await;
}
