//! The interface in the user's language: Arabic pages run right to left with the
//! navigation mirrored; a Greek user finds an accented name typed without accents.
//! Each main page of each language's demo company is saved as test output.

use rapport_domain::NewUser;
use rapport_domain::demo::{DemoLocale, DemoSize, load};
use rapport_domain::model::Actor;
use serde_json::json;

use super::{Browser, PASSWORD, each_browser, each_browser_in, output_dir};
use crate::words::{english_only_words, words};

/// An administrator called `name` who reads Rapport in `locale` and `zone`.
async fn user_in(b: &Browser, email: &str, name: &str, locale: &str, zone: &str) {
    let new = NewUser {
        email: email.into(),
        display_name: name.into(),
        locale: Some(locale.into()),
        time_zone: Some(zone.into()),
        roles: vec!["administrator".into()],
        password: Some(PASSWORD.into()),
        ..NewUser::default()
    };
    b.app.crm.add_user(&Actor::system(), new).await.unwrap();
}

/// The main pages of `locale`'s own demo company, as its first sales rep sees them:
/// saved per locale as test output, and into docs/img when scripts/screenshots asks.
async fn save_pages(locale: DemoLocale, code: &'static str) {
    // On the demo's own region, as `rapport serve --demo-locale` runs it.
    each_browser_in(locale.region(), &format!("pages-{code}"), move |b: Browser| async move {
        let size = DemoSize { companies: 30, people: 120, leads: 40, opportunities: 40, activities: 400 };
        let demo = load(&b.app.crm, &size, locale).await.unwrap();
        let rep = demo.logins.iter().find(|l| l.role == "sales_rep").unwrap();
        b.client.set_window_size(1280, 860).await.unwrap();
        b.sign_in(&rep.email, &rep.password).await;
        b.goto("/o/people").await;
        let first = b.find("#rows tr[data-id] td a").await.attr("href").await.unwrap().unwrap();
        let dir = std::env::var_os("RAPPORT_SCREENSHOTS_DIR")
            .map_or_else(|| output_dir().join("locales"), std::path::PathBuf::from);
        std::fs::create_dir_all(&dir).unwrap();
        let pages = [
            ("home", "/"),
            ("people", "/o/people"),
            ("record", first.as_str()),
            ("new-person", "/o/people/new"),
            ("kanban", "/kanban/opportunities"),
            ("calendar", "/calendar?view=week"),
        ];
        for (name, path) in pages {
            b.goto(path).await;
            b.find("main").await;
            b.settle().await;
            let png = b.client.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{code}-{name}.png")), png).unwrap();
            if name == "record" || name == "people" {
                phones_read_as_written(&b, locale, &format!("{code} {name}")).await;
            }
        }
        // The same pages on a phone, as test output only (to look at, not for the
        // guide): no page may be wider than the screen in any language.
        let phone = output_dir().join("locales");
        std::fs::create_dir_all(&phone).unwrap();
        b.client.set_window_size(390, 844).await.unwrap();
        for (name, path) in pages {
            b.goto(path).await;
            b.find("main").await;
            b.settle().await;
            let overflow = b.client.execute("return document.documentElement.scrollWidth - window.innerWidth", vec![]);
            let overflow = overflow.await.unwrap().as_i64().unwrap_or(0);
            let png = b.client.screenshot().await.unwrap();
            std::fs::write(phone.join(format!("{code}-{name}-phone.png")), png).unwrap();
            assert!(overflow <= 0, "{code} {name}: {overflow} px wider than a phone");
        }
    })
    .await;
}

/// Every phone number on the page is grouped as its country writes it (national when
/// it is of the demo's own country), and reads left to right, in Arabic pages too: the
/// country code on its left, the groups after it in their order.
async fn phones_read_as_written(b: &Browser, locale: DemoLocale, at: &str) {
    // The phone values (the head's Call button, a tel: link too, is the record page's own).
    let links = b.find_all("main a[href^='tel:']:not([data-contact])").await;
    assert!(!links.is_empty(), "{at}: no phone numbers");
    for link in links {
        let href = link.attr("href").await.unwrap().unwrap_or_default();
        let number = href.trim_start_matches("tel:");
        let text = link.text().await.unwrap();
        let written = rapport_domain::model::contact::display_phone(number, locale.region());
        assert_eq!(Some(text.trim()), written.as_deref(), "{at}: {href}");
        // Each character lies right of the one before it on the same line (a narrow
        // column may wrap the number between its groups).
        let script = "const text = arguments[0].querySelector('bdi').firstChild; \
            const rect = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); \
              return r.getBoundingClientRect(); }; \
            for (let i = 1; i < text.length; i++) { \
              const [a, b] = [rect(i - 1), rect(i)]; \
              if (Math.abs(a.top - b.top) < 2 && a.width > 0 && b.width > 0 && b.left < a.left) return false; \
            } \
            return true;";
        let ltr = b.client.execute(script, vec![serde_json::to_value(&link).unwrap()]).await.unwrap();
        assert_eq!(ltr, json!(true), "{at}: {text} does not read left to right");
    }
}

#[tokio::test]
async fn greek_pages_on_the_greek_demo_company() {
    save_pages(DemoLocale::El, "el").await;
}

#[tokio::test]
async fn hungarian_pages_on_the_hungarian_demo_company() {
    save_pages(DemoLocale::Hu, "hu").await;
}

#[tokio::test]
async fn arabic_pages_on_the_arabic_demo_company() {
    save_pages(DemoLocale::Ar, "ar").await;
}

#[tokio::test]
async fn arabic_pages_run_right_to_left_with_the_navigation_mirrored() {
    each_browser("rtl", |b: Browser| async move {
        user_in(&b, "amal@example.com", "amal", "ar", "Asia/Riyadh").await;
        b.sign_in("amal@example.com", PASSWORD).await;
        let html = b.find("html").await;
        assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
        assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
        // The brand starts the header on the right, the account ends it on the left.
        let x = |css: &'static str| {
            let b = &b;
            async move { b.find(css).await.rectangle().await.unwrap().0 }
        };
        let (brand, account) = (x(".brand").await, x(".account").await);
        assert!(brand > account, "brand at {brand}, account at {account}: not mirrored");
        // Lists and forms too.
        b.goto("/o/people/new").await;
        // The form's grid fills from the right, and its text runs right to left.
        let fields = b.find_all("#record-form .form-grid > .field").await;
        let (first, second) = (fields[0].rectangle().await.unwrap().0, fields[1].rectangle().await.unwrap().0);
        assert!(first > second, "the first field at {first}, the second at {second}");
        let direction = b
            .client
            .execute("return getComputedStyle(document.querySelector('label')).direction", vec![])
            .await
            .unwrap();
        assert_eq!(direction, serde_json::json!("rtl"));
    })
    .await;
}

#[tokio::test]
async fn a_greek_user_finds_an_accented_name_typed_without_accents() {
    each_browser("el-search", |b: Browser| async move {
        user_in(&b, "eleni@example.com", "eleni", "el", "Europe/Athens").await;
        b.sign_in("eleni@example.com", PASSWORD).await;
        assert_eq!(b.find("html").await.attr("lang").await.unwrap().as_deref(), Some("el"));
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Ελένη").await;
        b.type_into("[name='f.name.last']", "Παπαδοπούλου").await;
        b.click("#record-form button[type=submit]").await;
        b.wait_for_path("/o/people/0").await;
        b.goto("/").await;
        b.type_into("#global-search", "ελενη παπαδοπουλου").await;
        b.wait_for_text("header #search-results", "Ελένη Παπαδοπούλου").await;
        // Final sigma and capitals fold too.
        b.goto("/o/people?q=ΠΑΠΑΔΟΠΟΥΛΟΥ").await;
        b.wait_for_text("#rows", "Ελένη Παπαδοπούλου").await;
        // Typed in Latin letters, as on a business card: found, and offered as the
        // record that already exists when someone starts to add her again.
        b.goto("/o/people?q=papadopoulou").await;
        b.wait_for_text("#rows", "Ελένη Παπαδοπούλου").await;
        b.goto("/o/people/new").await;
        b.type_into("[name='f.name.first']", "Eleni").await;
        b.type_into("[name='f.name.last']", "Papadopoulou").await;
        b.wait_for_text("#duplicates", "Ελένη Παπαδοπούλου").await;
        let link = b.find("#duplicates a").await.attr("href").await.unwrap().unwrap_or_default();
        assert!(link.starts_with("/o/people/0"), "{link}");
        let people = b
            .app
            .crm
            .list(&Actor::system(), "people", rapport_domain::ListQuery { limit: 5, ..Default::default() })
            .await
            .unwrap();
        let schema = b.app.crm.schema(&Actor::system()).await.unwrap();
        assert_eq!(
            people.records[0].to_json(schema.object("person").unwrap())["name"],
            json!({"first": "Ελένη", "last": "Παπαδοπούλου"})
        );
    })
    .await;
}

#[tokio::test]
async fn a_hungarian_users_pages_are_in_hungarian() {
    each_browser("hu", |b: Browser| async move {
        user_in(&b, "eszter@example.com", "eszter", "hu", "Europe/Budapest").await;
        b.sign_in("eszter@example.com", PASSWORD).await;
        assert_eq!(b.find("html").await.attr("lang").await.unwrap().as_deref(), Some("hu"));
        let nav = b.find("#nav").await.text().await.unwrap();
        assert!(
            nav.contains(&rapport_web::ui::i18n::Tr::new("hu").t("nav-calendar")) && !nav.contains("Calendar"),
            "{nav}"
        );
    })
    .await;
}

/// What one language's sample business is called: the records the page shows, so
/// that the words on the page that are not the interface's are known.
struct Sample {
    locale: &'static str,
    /// The signed-in user's name.
    user: &'static str,
    zone: &'static str,
    person: (&'static str, &'static str),
    company: &'static str,
    pipeline: &'static str,
    stages: [&'static str; 4],
    deal: &'static str,
    meeting: &'static str,
}

const SAMPLES: [Sample; 3] = [
    Sample {
        locale: "el",
        user: "Ελένη Νικολάου",
        zone: "Europe/Athens",
        person: ("Γιώργος", "Παπαδόπουλος"),
        company: "Ελαιώνες Καλαμάτας ΑΕ",
        pipeline: "Χονδρική",
        stages: ["Επαφή", "Προσφορά", "Κερδισμένη", "Χαμένη"],
        deal: "Ελαιόλαδο για την Κρήτη",
        meeting: "Γευσιγνωσία",
    },
    Sample {
        locale: "hu",
        user: "Szabó Eszter",
        zone: "Europe/Budapest",
        person: ("Anna", "Kovács"),
        company: "Tokaji Borház Kft.",
        pipeline: "Nagykereskedelem",
        stages: ["Kapcsolat", "Ajánlat", "Megnyert", "Elvesztett"],
        deal: "Borszállítás Debrecenbe",
        meeting: "Kóstoló",
    },
    Sample {
        locale: "ar",
        user: "فاطمة الزهراني",
        zone: "Asia/Riyadh",
        person: ("محمد", "العتيبي"),
        company: "شركة النخيل للتجارة",
        pipeline: "الجملة",
        stages: ["تواصل", "عرض", "مكسوبة", "خاسرة"],
        deal: "تمور إلى جدة",
        meeting: "تذوق",
    },
];

async fn no_english_left(sample: &'static Sample) {
    each_browser(&format!("no-english-{}", sample.locale), move |b: Browser| async move {
        let email = format!("{}@example.com", sample.locale);
        user_in(&b, &email, sample.user, sample.locale, sample.zone).await;
        let sys = Actor::system();
        let create = |object: &'static str, input: serde_json::Value| {
            let app = &b.app;
            let sys = &sys;
            async move { app.crm.create(sys, object, input.as_object().unwrap()).await.unwrap() }
        };
        let company = create("companies", json!({"name": sample.company})).await;
        let person = create(
            "people",
            json!({"name": {"first": sample.person.0, "last": sample.person.1}, "company": company.id.to_string()}),
        )
        .await;
        let pipeline = create("pipelines", json!({"name": sample.pipeline, "is_default": true, "position": 1})).await;
        let mut stages = Vec::new();
        for (i, (name, kind)) in sample.stages.iter().zip(["open", "open", "won", "lost"]).enumerate() {
            let input = json!({"pipeline": pipeline.id.to_string(), "name": name, "position": i, "kind": kind});
            stages.push(create("stages", input).await.id);
        }
        let deal = json!({"name": sample.deal, "pipeline": pipeline.id.to_string(), "stage": stages[1].to_string(),
                          "amount": {"amount": "1234.50", "currency": "EUR"}, "company": company.id.to_string()});
        create("opportunities", deal).await;
        let today = time::OffsetDateTime::now_utc().replace_time(time::macros::time!(10:00));
        let meeting = json!({"subject": sample.meeting, "starts_at": today.format(&time::format_description::well_known::Rfc3339).unwrap(),
                             "ends_at": (today + time::Duration::hours(1)).format(&time::format_description::well_known::Rfc3339).unwrap()});
        create("meetings", meeting).await;

        b.sign_in(&email, PASSWORD).await;
        let english = english_only_words(sample.locale);
        let data = words(&format!("{} {} {} {} {} {} {} {}", sample.user, sample.person.0, sample.person.1, sample.company,
                                  sample.pipeline, sample.stages.join(" "), sample.deal, sample.meeting));
        let person_page = format!("/o/people/{}", person.id);
        let search = format!("/search?q={}", sample.person.1);
        for path in ["/", "/o/people", "/o/companies", "/o/opportunities", person_page.as_str(), "/o/people/new",
                     "/kanban/opportunities", "/calendar", "/calendar?view=week", "/calendar?view=month", "/me",
                     search.as_str(), "/settings", "/settings/objects", "/settings/objects/people", "/settings/users", "/settings/roles",
                     "/settings/boards"]
        {
            b.goto(path).await;
            b.find("main").await;
            // Identifiers (an object's API name in <code>) are not words of a language.
            let script = "const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); \
                          const parts = []; \
                          while (walker.nextNode()) { \
                            const parent = walker.currentNode.parentElement; \
                            const own = parent.closest('[lang]').lang === document.documentElement.lang; \
                            if (own && !parent.closest('code, kbd')) parts.push(walker.currentNode.data); \
                          } \
                          return parts.join('\\n');";
            let body = b.client.execute(script, vec![]).await.unwrap();
            let text = format!("{} {}", body.as_str().unwrap_or_default(), b.client.title().await.unwrap());
            // Email addresses are data, in Latin letters in every language.
            let text = text.split_whitespace().filter(|w| !w.contains('@')).collect::<Vec<_>>().join(" ");
            let left: Vec<String> =
                words(&text).into_iter().filter(|w| english.contains(w) && !data.contains(w)).collect();
            assert!(left.is_empty(), "{}: English left on {path}: {left:?}\n{text}", sample.locale);
            if sample.locale != "hu" {
                // Greek and Arabic pages hold no Latin words at all but names (Rapport's,
                // WhatsApp's, Excel's), codes (EUR, SMS) and a file's extension (xlsx).
                let latin: Vec<&str> = text
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| w.len() >= 2 && !["Rapport", "WhatsApp", "Excel", "xlsx"].contains(w))
                    .filter(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
                    .collect();
                assert!(latin.is_empty(), "{}: Latin words on {path}: {latin:?}\n{text}", sample.locale);
            }
        }
    })
    .await;
}

#[tokio::test]
async fn no_english_is_left_on_the_main_pages_in_greek() {
    no_english_left(&SAMPLES[0]).await;
}

#[tokio::test]
async fn no_english_is_left_on_the_main_pages_in_hungarian() {
    no_english_left(&SAMPLES[1]).await;
}

#[tokio::test]
async fn no_english_is_left_on_the_main_pages_in_arabic() {
    no_english_left(&SAMPLES[2]).await;
}
