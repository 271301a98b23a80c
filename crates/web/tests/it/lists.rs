//! A list as a salesperson first sees it: the columns its object's metadata names
//! (a person's company, not their occupation), the number of records the view
//! matches — only those the user may read, in their language — and the filter said
//! in words.

use rapport_domain::model::{Actor, Record, Value};
use rapport_domain::testing::each_database;
use rapport_domain::{ListQuery, NewUser, UserPatch};
use rapport_web::ui::count::rounded;
use serde_json::json;

use crate::app::spawn_app;

const PASSWORD: &str = "a long enough passphrase for tests";

/// The column headings of a list page, in order.
fn headings(body: &str) -> Vec<String> {
    let head = body.split("<thead>").nth(1).and_then(|rest| rest.split("</thead>").next()).unwrap_or_default();
    head.split("<th")
        .skip(2)
        .map(|th| {
            let inner = th.split_once('>').map_or("", |(_, rest)| rest);
            let text: String = inner.split('<').map(|part| part.split_once('>').map_or(part, |(_, t)| t)).collect();
            text.trim().to_owned()
        })
        .collect()
}

#[tokio::test]
async fn a_list_opens_with_its_metadata_columns_and_counts_what_the_user_may_read() {
    for db in each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let sys = Actor::system();
        let mut ids = Vec::new();
        for (email, role) in [("boss@example.com", "administrator"), ("rep@example.com", "sales_rep")] {
            let new = NewUser {
                email: email.into(),
                display_name: email.into(),
                roles: vec![role.into()],
                password: Some(PASSWORD.into()),
                ..NewUser::default()
            };
            ids.push(app.crm.add_user(&sys, new).await.unwrap().0.id);
        }
        // Seven people: three the rep owns (two of them buyers), four of the boss's.
        for n in 0..7 {
            let owner = if n < 3 { ids[1] } else { ids[0] };
            let title = if n % 2 == 0 { "Buyer" } else { "Engineer" };
            let input = json!({"name": {"first": format!("P{n}"), "last": "Kis"}, "title": title,
                               "occupation": "zoccupation", "owner": owner.to_string(),
                               "phones": [format!("+30 210 555 010{n}")]});
            app.crm.create(&sys, "people", input.as_object().unwrap()).await.unwrap();
        }
        let boss = app.sign_in("boss@example.com", PASSWORD).await;
        let (status, body) = app.page(&boss, "/o/people").await;
        assert_eq!(status, 200, "{at}");
        let columns = headings(&body);
        assert_eq!(columns.first().map(String::as_str), Some("Name"), "{at}: {columns:?}");
        assert!(columns.iter().any(|c| c == "Primary company"), "{at}: {columns:?}");
        assert!(!columns.iter().any(|c| c == "Occupation"), "{at}: {columns:?}");
        assert!(!body.contains("zoccupation"), "{at}: occupation shown by default");
        // The view's own columns still win.
        let (_, chosen) = app.page(&boss, "/o/people?columns=name,occupation").await;
        assert_eq!(headings(&chosen), ["Name", "Occupation"], "{at}");
        // The count loads after the list, for the same view.
        assert!(body.contains("hx-get=\"/o/people/count?"), "{at}: the list does not ask for its count");
        assert_eq!(app.page(&boss, "/o/people/count").await, (200, "7 records".to_owned()), "{at}");
        let buyers = "/o/people/count?filter=title%5Beq%5D%3ABuyer";
        assert_eq!(app.page(&boss, buyers).await.1, "4 records", "{at}");
        // The rep's count is of what the rep may read, counted here record by record.
        let rep = app.sign_in("rep@example.com", PASSWORD).await;
        let rep_actor = app.crm.actor_for(ids[1]).await.unwrap();
        let everyone = ListQuery { limit: 100, ..ListQuery::default() };
        let rep_sees = app.crm.list(&rep_actor, "people", everyone).await.unwrap().records;
        assert!(rep_sees.len() < 7, "{at}: the rep reads every person");
        let (_, rep_count) = app.page(&rep, "/o/people/count").await;
        assert_eq!(rep_count, plural(rep_sees.len()), "{at}");
        assert_eq!(app.page(&rep, buyers).await.1, plural(buyers_among(&rep_sees)), "{at}");
        // In the user's language, with its plural.
        let greek = UserPatch { locale: Some("el".into()), ..UserPatch::default() };
        app.crm.update_user(&sys, ids[0], greek).await.unwrap();
        assert_eq!(app.page(&boss, "/o/people/count").await.1, "7 εγγραφές", "{at}");
        let arabic = UserPatch { locale: Some("ar".into()), ..UserPatch::default() };
        app.crm.update_user(&sys, ids[0], arabic).await.unwrap();
        assert_eq!(app.page(&boss, "/o/people/count").await.1, "٧ سجلات", "{at}");
        // A phone number reads left to right inside a right-to-left page.
        let (_, list) = app.page(&boss, "/o/people").await;
        let phone = list.split("href=\"tel:").nth(1).and_then(|rest| rest.split('>').next()).unwrap_or_default();
        assert!(phone.contains("dir=\"ltr\""), "{at}: {phone}");
        // A filter that cannot run counts nothing (the list says why).
        let (status, bad) = app.page(&boss, "/o/people/count?filter=nosuch%5Beq%5D%3A1").await;
        assert_eq!((status, bad.as_str()), (200, ""), "{at}");
    }
}

fn plural(n: usize) -> String {
    if n == 1 { "1 record".to_owned() } else { format!("{n} records") }
}

fn buyers_among(records: &[Record]) -> usize {
    records.iter().filter(|r| matches!(r.get("title"), Value::Text(t) if t == "Buyer")).count()
}

#[test]
fn about_keeps_two_significant_digits() {
    assert_eq!(rounded(7), 7);
    assert_eq!(rounded(10_001), 10_000);
    assert_eq!(rounded(123_456), 120_000);
    assert_eq!(rounded(1_250_000), 1_300_000);
    assert_eq!(rounded(999_999), 1_000_000);
}
