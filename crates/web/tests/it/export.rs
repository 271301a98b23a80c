//! Exports people open (issue 22): the list's records as a CSV that Excel opens in the
//! user's language (BOM, delimiter, labels, names, clean phones, neutralised formulas)
//! or as a workbook with real numbers and dates; only what the user may read; the
//! list's filter, sort and search; many pages streamed whole. Every test runs on
//! SQLite and PostgreSQL; the last drives the list page's menu in Chromium.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rapport_domain::model::access::{FieldAccess, ObjectRights, Reach};
use rapport_domain::model::{Actor, Grants};
use rapport_domain::testing::each_database;
use rapport_domain::{Crm, NewUser};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, COOKIE};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::app::{App, Session, spawn_app};
use crate::browser::{Browser, each_browser};

const PASSWORD: &str = "a long enough passphrase for export tests";
const PHONE: &str = "+30 698 197 1008";
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn obj(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

/// A user of `role` in the team North, in `locale`, signed in.
async fn seat(app: &App, email: &str, name: &str, role: &str, locale: &str) -> (Uuid, Session) {
    let new = NewUser {
        email: email.into(),
        display_name: name.into(),
        locale: Some(locale.into()),
        roles: vec![role.into()],
        teams: vec!["North".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    let (user, _) = app.crm.add_user(&Actor::system(), new).await.unwrap();
    (user.id, app.sign_in(email, PASSWORD).await)
}

/// The people every test exports: Balázs Balogh (a phone, a title that is a formula,
/// a company, a birthday), Anna Kis (a buyer) and Eleni Papadopoulou, owned by
/// `other`; all in the team North.
async fn people(crm: &Crm, owner: Uuid, other: Uuid) {
    let sys = Actor::system();
    let team = crm.teams(&sys).await.unwrap().into_iter().find(|t| t.name == "North").unwrap().id;
    let (owner_s, team_s) = (owner.to_string(), team.to_string());
    let company = crm
        .create(&sys, "companies", &obj(json!({"name": "Olympos Foods", "owner": owner_s, "team": team_s})))
        .await
        .unwrap();
    let records = [
        json!({"name": {"first": "Balázs", "last": "Balogh"}, "title": "=1+1", "phones": [{"value": PHONE}],
               "company": company.id.to_string(), "birthday": "1980-05-17", "gender": "male",
               "owner": owner_s, "team": team_s}),
        json!({"name": {"first": "Anna", "last": "Kis"}, "title": "Buyer", "owner": owner_s, "team": team_s}),
        json!({"name": {"first": "Eleni", "last": "Papadopoulou"}, "title": "Zsecret title",
               "owner": other.to_string(), "team": team_s}),
    ];
    for record in records {
        crm.create(&sys, "people", &obj(record)).await.unwrap();
    }
}

async fn download(app: &App, s: &Session, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).header(COOKIE, &s.cookie).send().await.unwrap()
}

/// The rows of a CSV export (after its byte order mark), split on `delimiter` as
/// RFC 4180 reads them.
fn rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let text = bytes.strip_prefix(BOM).expect("a CSV export starts with the UTF-8 byte order mark");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn column(header: &[String], label: &str) -> usize {
    header.iter().position(|h| h == label).unwrap_or_else(|| panic!("no column {label:?} in {header:?}"))
}

/// The list's columns of people, in each language, as the headers must read.
const COLUMNS: &str = "name,title,phones,company,birthday,gender";

#[tokio::test]
async fn a_csv_opens_in_excel_in_the_users_language() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        app.crm.create_team(&Actor::system(), "North").await.unwrap();
        let (owner, _) = seat(&app, "owner@export.example", "Réka Owner", "administrator", "en").await;
        let (other, _) = seat(&app, "other@export.example", "Other Owner", "administrator", "en").await;
        people(&app.crm, owner, other).await;
        let cases = [
            (
                "en",
                b',',
                ["Name", "Title", "Phones", "Primary company", "Birthday", "Gender", "Owner", "Team"],
                "Balázs Balogh",
                "Male",
            ),
            (
                "el",
                b';',
                ["Ονοματεπώνυμο", "Τίτλος", "Τηλέφωνα", "Κύρια εταιρεία", "Γενέθλια", "Φύλο", "Υπεύθυνος", "Ομάδα"],
                "Balázs Balogh",
                "Άνδρας",
            ),
            (
                "hu",
                b';',
                ["Név", "Beosztás", "Telefonszámok", "Elsődleges cég", "Születésnap", "Nem", "Tulajdonos", "Csapat"],
                "Balogh Balázs",
                "Férfi",
            ),
            (
                "ar",
                b';',
                [
                    "الاسم",
                    "المسمى الوظيفي",
                    "أرقام الهاتف",
                    "الشركة الرئيسية",
                    "تاريخ الميلاد",
                    "الجنس",
                    "المالك",
                    "الفريق",
                ],
                "Balázs Balogh",
                "ذكر",
            ),
        ];
        for (locale, delimiter, header, balogh, male) in cases {
            let (_, s) = seat(&app, &format!("{locale}@export.example"), "Reader", "sales_manager", locale).await;
            let response =
                download(&app, &s, &format!("/o/people/export.csv?columns={COLUMNS}&order_by=name[asc]")).await;
            let who = format!("{at} in {locale}");
            assert_eq!(response.status(), 200, "{who}");
            assert_eq!(response.headers()[CONTENT_TYPE], "text/csv; charset=utf-8", "{who}");
            let disposition = response.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_owned();
            assert!(
                disposition.starts_with("attachment; filename=\"people-") && disposition.contains(".csv"),
                "{who}: {disposition}"
            );
            let bytes = response.bytes().await.unwrap();
            assert!(bytes.starts_with(BOM), "{who}: no BOM");
            let text = std::str::from_utf8(&bytes[3..]).unwrap();
            assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "{who}: lines end in CRLF");
            let first_line = text.lines().next().unwrap();
            assert_eq!(first_line.matches(delimiter as char).count(), header.len() - 1, "{who}: {first_line}");
            let table = rows(&bytes, delimiter);
            assert_eq!(table[0], header, "{who}: headers are the labels in the user's language");
            let row = table.iter().find(|r| r[0].contains("Balázs")).unwrap_or_else(|| panic!("{who}: {table:?}"));
            assert_eq!(row[0], balogh, "{who}: the name in the language's order");
            assert_eq!(row[column(&table[0], header[1])], "'=1+1", "{who}: a formula is neutralised");
            assert_eq!(row[column(&table[0], header[2])], PHONE, "{who}: a phone comes out clean");
            assert_eq!(row[column(&table[0], header[3])], "Olympos Foods", "{who}: a relation by its name");
            assert_eq!(row[column(&table[0], header[4])], "1980-05-17", "{who}: a date in ISO 8601");
            assert_eq!(row[column(&table[0], header[5])], male, "{who}: an option by its label");
            assert_eq!(row[column(&table[0], header[6])], "Réka Owner", "{who}: the owner by name");
            assert_eq!(row[column(&table[0], header[7])], "North", "{who}: the team by name");
            assert!(!text.contains(&owner.to_string()), "{who}: no internal ids");
        }
    }
}

#[tokio::test]
async fn numbers_and_money_are_numbers_with_the_locales_decimal_mark() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        app.crm.create_team(&Actor::system(), "North").await.unwrap();
        let (owner, en) = seat(&app, "en@money.example", "Owner", "administrator", "en").await;
        let (_, hu) = seat(&app, "hu@money.example", "Owner Hu", "administrator", "hu").await;
        let (_, ar) = seat(&app, "ar@money.example", "Owner Ar", "administrator", "ar").await;
        let sys = Actor::system();
        let company = json!({"name": "Kalamata Olives", "annual_revenue": {"amount": "1234567.5", "currency": "EUR"},
                             "employees": 12, "address": {"street": "Ermou 12", "city": "Αθήνα", "postcode": "10563", "country": "GR"},
                             "owner": owner.to_string()});
        app.crm.create(&sys, "companies", &obj(company)).await.unwrap();
        let path = "/o/companies/export.csv?columns=name,annual_revenue,employees,address";
        for (s, delimiter, amount, locale) in
            [(&en, b',', "1234567.50", "en"), (&hu, b';', "1234567,50", "hu"), (&ar, b';', "1234567.50", "ar")]
        {
            let table = rows(&download(&app, s, path).await.bytes().await.unwrap(), delimiter);
            let who = format!("{at} in {locale}");
            assert_eq!(
                table[0].len(),
                1 + 2 + 1 + 5 + 2,
                "{who}: name, amount and currency, employees, five address parts, owner, team: {:?}",
                table[0]
            );
            let row = &table[1];
            assert_eq!(row[1], amount, "{who}: an amount as a number Excel sums");
            assert_eq!(row[2], "EUR", "{who}: its currency in a column of its own");
            assert_eq!(row[3], "12", "{who}");
            assert_eq!(&row[4..9], ["Ermou 12", "Αθήνα", "10563", "", "GR"], "{who}: the address in its parts");
        }
        let table = rows(&download(&app, &en, path).await.bytes().await.unwrap(), b',');
        assert_eq!(
            &table[0][1..5],
            ["Annual revenue", "Annual revenue (Currency)", "Employees", "Address (Street)"],
            "{at}"
        );
    }
}

#[tokio::test]
async fn an_export_holds_only_what_the_user_may_read() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let sys = Actor::system();
        app.crm.create_team(&sys, "North").await.unwrap();
        // Reads and exports its own records only, and not people's titles.
        let mut grants = Grants { default: ObjectRights::uniform(Reach::Own), ..Grants::default() };
        grants.fields.entry("person".into()).or_default().insert("title".into(), FieldAccess::Hidden);
        app.crm.save_role(&sys, None, "Own exports", grants).await.unwrap();
        let (owner, _) = seat(&app, "owner@reach.example", "Owner", "administrator", "en").await;
        let (reader, s) = seat(&app, "reader@reach.example", "Reader", "Own exports", "en").await;
        people(&app.crm, owner, reader).await;
        for fields in ["", "all"] {
            let path = format!("/o/people/export.csv?columns={COLUMNS}&fields={fields}");
            let response = download(&app, &s, &path).await;
            assert_eq!(response.status(), 200, "{at}");
            let bytes = response.bytes().await.unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let table = rows(&bytes, b',');
            assert_eq!(table.len(), 2, "{at} ({fields}): only the reader's own person: {text}");
            assert_eq!(table[1][0], "Eleni Papadopoulou", "{at}");
            assert!(
                !table[0].iter().any(|h| h == "Title"),
                "{at} ({fields}): the hidden field has no column: {:?}",
                table[0]
            );
            assert!(!text.contains("Zsecret") && !text.contains("Balogh"), "{at} ({fields}): {text}");
        }
        // A role that may not export gets a refusal, not a file, in either format.
        let (_, read_only) = seat(&app, "ro@reach.example", "Read only", "read_only", "en").await;
        for ext in ["csv", "xlsx"] {
            let response = download(&app, &read_only, &format!("/o/people/export.{ext}")).await;
            assert_eq!(response.status(), 403, "{at}: {ext}");
            assert!(!response.text().await.unwrap().contains("Balogh"), "{at}: {ext}");
        }
    }
}

#[tokio::test]
async fn the_export_follows_the_lists_filter_sort_and_search() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        app.crm.create_team(&Actor::system(), "North").await.unwrap();
        let (owner, s) = seat(&app, "owner@view.example", "Owner", "administrator", "en").await;
        people(&app.crm, owner, owner).await;
        let names = |bytes: &[u8]| rows(bytes, b',').into_iter().skip(1).map(|r| r[0].clone()).collect::<Vec<_>>();
        let get = |path: String| {
            let app = &app;
            let s = &s;
            async move { download(app, s, &path).await.bytes().await.unwrap() }
        };
        let sorted = names(&get("/o/people/export.csv?columns=name&order_by=name[desc]".into()).await);
        assert_eq!(
            sorted,
            ["Eleni Papadopoulou", "Anna Kis", "Balázs Balogh"],
            "{at}: sorted as the list is (by family name)"
        );
        let filtered = names(&get("/o/people/export.csv?columns=name&filter=title[eq]:Buyer".into()).await);
        assert_eq!(filtered, ["Anna Kis"], "{at}: filtered as the list is");
        let searched = names(&get("/o/people/export.csv?columns=name&q=Papadopoulou".into()).await);
        assert_eq!(searched, ["Eleni Papadopoulou"], "{at}: searched as the list is");
        // The list's columns, in the list's order; every field with `fields=all`.
        let header = |bytes: &[u8]| rows(bytes, b',').remove(0);
        assert_eq!(
            header(&get("/o/people/export.csv?columns=title,name".into()).await),
            ["Title", "Name", "Owner", "Team"],
            "{at}"
        );
        let all = header(&get("/o/people/export.csv?columns=title,name&fields=all".into()).await);
        for label in ["Name", "Title", "Birthday", "Address (City)", "Notes", "Created", "Last updated", "Record ID"] {
            assert!(all.contains(&label.to_owned()), "{at}: {label} is not in {all:?}");
        }
        // A filter the list would refuse is refused, with the list's words, not a broken file.
        let response = download(&app, &s, "/o/people/export.csv?filter=nosuch[eq]:x").await;
        assert_eq!(response.status(), 400, "{at}");
    }
}

#[tokio::test]
async fn a_workbook_has_labels_numbers_and_dates() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let sys = Actor::system();
        app.crm.create_team(&sys, "North").await.unwrap();
        let (owner, s) = seat(&app, "owner@xlsx.example", "Owner", "administrator", "el").await;
        people(&app.crm, owner, owner).await;
        let pipeline =
            app.crm.create(&sys, "pipelines", &obj(json!({"name": "Wholesale", "is_default": true}))).await.unwrap();
        let stage = json!({"pipeline": pipeline.id.to_string(), "name": "Quoted", "position": 1, "kind": "open"});
        let stage = app.crm.create(&sys, "stages", &obj(stage)).await.unwrap();
        let deal = json!({"name": "Spring order", "amount": {"amount": "1234.5", "currency": "EUR"},
                          "pipeline": pipeline.id.to_string(), "stage": stage.id.to_string(),
                          "close_date": "2026-11-26", "probability": "12.5", "owner": owner.to_string()});
        app.crm.create(&sys, "opportunities", &obj(deal)).await.unwrap();

        let path = "/o/opportunities/export.xlsx?columns=name,amount,stage,close_date,probability";
        let response = download(&app, &s, path).await;
        assert_eq!(response.status(), 200, "{at}");
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK"), "{at}: a workbook is a zip");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
        let (name, sheet) = book.worksheets().remove(0);
        assert_eq!(name, "Ευκαιρίες πώλησης", "{at}: the sheet is named as the list");
        let cells: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
        let header: Vec<String> = cells[0].iter().map(ToString::to_string).collect();
        assert_eq!(
            header,
            ["Όνομα", "Ποσό", "Ποσό (Νόμισμα)", "Στάδιο", "Αναμενόμενο κλείσιμο", "Πιθανότητα", "Υπεύθυνος", "Ομάδα"],
            "{at}"
        );
        let row = &cells[1];
        assert_eq!(row[1], Data::Float(1234.5), "{at}: an amount is a number");
        assert_eq!(row[2], Data::String("EUR".into()), "{at}");
        assert_eq!(row[3], Data::String("Quoted".into()), "{at}: a relation by its name");
        let Data::DateTime(close) = &row[4] else { panic!("{at}: a date is a date cell, not {:?}", row[4]) };
        assert!(close.is_datetime(), "{at}");
        let (year, month, day, ..) = close.to_ymd_hms_milli();
        assert_eq!((year, month, day), (2026, 11, 26), "{at}");
        assert_eq!(row[5], Data::Float(0.125), "{at}: a percentage is a fraction Excel shows with %");
        assert_eq!(row[6], Data::String("Owner".into()), "{at}");

        // Text is text: a phone needs no prefix, and a formula stays words.
        let response = download(&app, &s, &format!("/o/people/export.xlsx?columns={COLUMNS}&order_by=name[asc]")).await;
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(response.bytes().await.unwrap().to_vec())).unwrap();
        let (_, sheet) = book.worksheets().remove(0);
        let row: Vec<Data> = sheet.rows().nth(1).unwrap().to_vec();
        assert_eq!(row[0], Data::String("Balázs Balogh".into()), "{at}");
        assert_eq!(row[1], Data::String("=1+1".into()), "{at}: a string cell, never a formula");
        assert_eq!(row[2], Data::String(PHONE.into()), "{at}");
        assert!(matches!(row[4], Data::DateTime(_)), "{at}: a birthday is a date: {:?}", row[4]);
        let formulas = book.worksheet_formula(&book.sheet_names()[0].clone()).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{at}: no cell is a formula");

        // In Arabic the sheet reads right to left, and phone numbers left to right.
        let (_, ar) = seat(&app, "ar@xlsx.example", "Owner Ar", "administrator", "ar").await;
        let response = download(&app, &ar, &format!("/o/people/export.xlsx?columns={COLUMNS}")).await;
        let mut archive = zip::ZipArchive::new(Cursor::new(response.bytes().await.unwrap().to_vec())).unwrap();
        let mut read = |name: &str| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
            text
        };
        assert!(read("xl/worksheets/sheet1.xml").contains("rightToLeft=\"1\""), "{at}: a right-to-left sheet");
        assert!(read("xl/styles.xml").contains("readingOrder=\"1\""), "{at}: phones read left to right");
    }
}

#[tokio::test]
async fn a_large_export_streams_every_page() {
    for db in each_database().await {
        let app = spawn_app(&db).await;
        let at = db.name();
        let sys = Actor::system();
        app.crm.create_team(&sys, "North").await.unwrap();
        let (owner, s) = seat(&app, "owner@large.example", "Owner", "administrator", "hu").await;
        let total = 1_234;
        let inputs: Vec<Map<String, Value>> = (0..total)
            .map(|i| {
                obj(json!({"name": {"first": "Anna", "last": format!("Kovács {i:04}")}, "owner": owner.to_string()}))
            })
            .collect();
        app.crm.bulk_create(&sys, "people", inputs).await.unwrap();
        for ext in ["csv", "xlsx"] {
            let response = download(&app, &s, &format!("/o/people/export.{ext}?columns=name")).await;
            assert_eq!(response.status(), 200, "{at}");
            assert!(response.content_length().is_none(), "{at}: {ext} is streamed, not built whole");
            let bytes = response.bytes().await.unwrap();
            let names: Vec<String> = if ext == "csv" {
                rows(&bytes, b';').into_iter().skip(1).map(|r| r[0].clone()).collect()
            } else {
                let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
                book.worksheets().remove(0).1.rows().skip(1).map(|r| r[0].to_string()).collect()
            };
            assert_eq!(names.len(), total, "{at}: {ext} has every page");
            assert_eq!(names[0], "Kovács 0000 Anna", "{at}: {ext}");
            assert_eq!(names[total - 1], format!("Kovács {:04} Anna", total - 1), "{at}: {ext}");
        }
        let actor = app.crm.actor_for(owner).await.unwrap();
        let events = app.crm.security_events(&actor, owner, 10).await.unwrap();
        let completed =
            events.iter().find(|e| e.kind == "export_completed").expect("the export's completion is recorded");
        assert_eq!(completed.detail.as_ref().and_then(|d| d["count"].as_u64()), Some(total as u64), "{at}");
    }
}

/// The list page offers both formats in its Export menu, with the list's view, and
/// what each button asks for downloads: fetched by the page itself, with its session.
#[tokio::test]
async fn the_list_page_offers_excel_and_csv() {
    each_browser("export", |b: Browser| async move {
        b.app.crm.create_team(&Actor::system(), "North").await.unwrap();
        let new = NewUser {
            email: "ana@export.example".into(),
            display_name: "Ana".into(),
            locale: Some("hu".into()),
            roles: vec!["administrator".into()],
            teams: vec!["North".into()],
            password: Some(PASSWORD.into()),
            ..NewUser::default()
        };
        let (ana, _) = b.app.crm.add_user(&Actor::system(), new).await.unwrap();
        people(&b.app.crm, ana.id, ana.id).await;
        b.sign_in("ana@export.example", PASSWORD).await;
        b.goto("/o/people?columns=name,title&order_by=name[desc]&q=Balogh").await;
        b.click(".export-menu summary").await;
        assert_eq!(b.find_all(".export-menu button[data-export]").await.len(), 2);
        let fetch = r#"
            const kind = arguments[0], done = arguments[arguments.length - 1];
            const form = document.querySelector('.export-menu form');
            const button = form.querySelector(`button[data-export="${kind}"]`);
            const url = button.formAction + '?' + new URLSearchParams(new FormData(form));
            fetch(url).then(async r => {
                const bytes = new Uint8Array(await r.arrayBuffer());
                done({url, status: r.status, type: r.headers.get('content-type'),
                      head: Array.from(bytes.slice(0, 4)), text: new TextDecoder().decode(bytes)});
            }).catch(e => done({url, error: String(e)}));
        "#;
        for kind in ["xlsx", "csv"] {
            let got = b.client.execute_async(fetch, vec![json!(kind)]).await.unwrap();
            let url = got["url"].as_str().unwrap_or_else(|| panic!("{got}"));
            assert!(url.contains(&format!("/o/people/export.{kind}?")) && url.contains("q=Balogh"), "{url}");
            assert!(url.contains("order_by=name%5Bdesc%5D") && url.contains("columns=name%2Ctitle"), "{url}");
            assert_eq!(got["status"], 200, "{kind}: {got}");
            let head: Vec<u64> = got["head"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
            if kind == "xlsx" {
                assert_eq!(head[..2], [u64::from(b'P'), u64::from(b'K')], "a workbook");
            } else {
                assert_eq!(head[..3], [0xEF, 0xBB, 0xBF], "a CSV with its BOM");
                let text = got["text"].as_str().unwrap();
                assert!(
                    text.contains("Név;Beosztás;Tulajdonos;Csapat") && text.contains("Balogh Balázs;'=1+1;Ana;North"),
                    "{text}"
                );
                assert!(!text.contains("Kis"), "the list's search: {text}");
            }
        }
        // "All fields" is one click away.
        b.click(".export-menu input[value='all']").await;
        let all = b.client.execute_async(fetch, vec![json!("csv")]).await.unwrap();
        assert!(all["url"].as_str().unwrap().contains("fields=all"));
        assert!(all["text"].as_str().unwrap().contains("Rekordazonosító"));
        save_screenshot(&b, "export-menu-hu-desktop").await;

        // On a phone, in Arabic (right to left), the open menu stays on the screen.
        b.app
            .crm
            .update_user(
                &Actor::system(),
                ana.id,
                rapport_domain::UserPatch { locale: Some("ar".into()), ..Default::default() },
            )
            .await
            .unwrap();
        b.phone(360, 780).await;
        b.goto("/o/people").await;
        b.click(".export-menu summary").await;
        let fits = "const r = document.querySelector('.export-menu form').getBoundingClientRect(); \
                    return [r.left, r.right, window.innerWidth, document.documentElement.scrollWidth, \
                            document.querySelector('.export-menu').open ? 1 : 0, r.top, window.innerHeight];";
        let box_ = b.client.execute(fits, vec![]).await.unwrap();
        let [left, right, width, scroll, open, top, height] = [0, 1, 2, 3, 4, 5, 6].map(|i| box_[i].as_f64().unwrap());
        save_screenshot(&b, "export-menu-ar-phone").await;
        assert!(
            open == 1.0 && right - left > 200.0 && top > 0.0 && top < height / 2.0,
            "the menu opens under its button: {box_}"
        );
        assert!(left >= 0.0 && right <= width && scroll <= width, "the menu leaves the screen: {box_}");
        b.desktop().await;
    })
    .await;
}

/// What the menu looked like, for people to look at (next to the failure screenshots).
async fn save_screenshot(b: &Browser, name: &str) {
    if let Ok(png) = b.client.screenshot().await {
        let _ = std::fs::write(crate::browser::output_dir().join(format!("{name}.png")), png);
    }
}
