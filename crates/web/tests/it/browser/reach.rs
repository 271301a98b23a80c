//! What a new user reaches at once, in every language, on a desktop and on a phone:
//! the quick search (Ctrl-K or `/`) shows its results under the search field, where
//! they can be seen and clicked; the main pages fit a phone's width (wide tables and
//! the board scroll in their own box, not the page) and, right to left too, open with
//! the logo and the greeting in view; the folded menu, "More" open, leaves every item,
//! the account's links and the search within reach; the day view shows its hours.
//! Phones are Chromium's device mode (`Browser::phone`): a narrow desktop window
//! hides what a phone shows (a phone widens its viewport to a page wider than its
//! screen, and a right-to-left page then opens shifted). The phone pages are saved as
//! test output (`browser/reach/`) to be looked at.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use rapport_domain::demo::{DemoLocale, DemoSize, load};
use rapport_domain::model::Actor;
use rapport_domain::{NewUser, UserPatch};
use serde_json::{Value, json};

use super::{Browser, PASSWORD, each_browser, output_dir};

const CONTROL: char = '\u{E009}';
const ESCAPE: char = '\u{E00C}';

/// One language's user and the records they search for: a person and a company, and
/// the start of each name the user types.
struct Searcher {
    locale: &'static str,
    person: (&'static str, &'static str),
    person_typed: &'static str,
    company: &'static str,
    company_typed: &'static str,
}

const SEARCHERS: [Searcher; 4] = [
    Searcher {
        locale: "en",
        person: ("Winifred", "Ashcombe"),
        person_typed: "Winif",
        company: "Quillon Marine Ltd",
        company_typed: "Quillo",
    },
    Searcher {
        locale: "el",
        person: ("Ευανθία", "Μαυρογένη"),
        person_typed: "Ευανθ",
        company: "Κυκλαδίτικα Κεραμικά ΑΕ",
        company_typed: "Κυκλαδ",
    },
    Searcher {
        locale: "hu",
        person: ("Boglárka", "Fehérvári"),
        person_typed: "Boglá",
        company: "Balatoni Halászat Kft.",
        company_typed: "Balaton",
    },
    Searcher {
        locale: "ar",
        person: ("ريما", "الحربي"),
        person_typed: "ريم",
        company: "مؤسسة الواحة",
        company_typed: "مؤسس",
    },
];

/// Presses `keys` together (the first ones held while the last is pressed), on
/// whatever has the focus.
async fn chord(b: &Browser, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for &key in keys {
        actions = actions.then(KeyAction::Down { value: key });
    }
    for &key in keys.iter().rev() {
        actions = actions.then(KeyAction::Up { value: key });
    }
    b.client.perform_actions(actions).await.unwrap();
    b.client.release_actions().await.unwrap();
}

/// Why the element `css` cannot be seen and clicked where it is (outside the window,
/// without size, clipped by a scrolling box or under something else), or `None`.
async fn unseen(b: &Browser, css: &str) -> Option<String> {
    let script = "const el = document.querySelector(arguments[0]); \
        if (!el) return 'missing'; \
        const r = el.getBoundingClientRect(); \
        const where = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)} in ${innerWidth}x${innerHeight}`; \
        if (r.width < 1 || r.height < 1) return 'no size: ' + where; \
        if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return 'outside the window: ' + where; \
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
        if (!hit || !(hit === el || el.contains(hit))) return 'hidden under ' + (hit ? hit.outerHTML.slice(0, 120) : 'nothing') + ': ' + where; \
        return null;";
    match b.client.execute(script, vec![json!(css)]).await.unwrap() {
        Value::String(why) => Some(why),
        _ => None,
    }
}

/// Opens `page`, presses `keys` to reach the search, types `typed` and checks that the
/// link to `href` shows under the field, above the page.
async fn quick_search(
    b: &Browser,
    page: &str,
    keys: &[char],
    typed: &str,
    href: &str,
    what: &str,
    shot: Option<String>,
) {
    b.goto(page).await;
    b.find("main").await;
    chord(b, keys).await;
    let focused = b.client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, json!("global-search"), "{what}: {keys:?} did not reach the search");
    b.client.active_element().await.unwrap().send_keys(typed).await.unwrap();
    let link = format!("header #search-results a[href='{href}']");
    b.find(&link).await;
    if let Some(why) = unseen(b, &link).await {
        panic!("{what}: the result for {typed:?} is not visible: {why}");
    }
    if let Some(name) = shot {
        let dir = output_dir().join("reach");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), b.client.screenshot().await.unwrap()).unwrap();
    }
    // Escape closes the results.
    chord(b, &[ESCAPE]).await;
    let open = b
        .client
        .execute("return document.querySelector('header #search-results').getBoundingClientRect().height", vec![])
        .await
        .unwrap();
    assert_eq!(open.as_f64(), Some(0.0), "{what}: Escape left the results open");
}

#[tokio::test]
async fn the_quick_search_shows_its_results_in_every_language_on_a_desktop_and_a_phone() {
    each_browser("reach-search", |b: Browser| async move {
        let sys = Actor::system();
        for s in &SEARCHERS {
            let email = format!("{}@example.com", s.locale);
            let new = NewUser {
                email: email.clone(),
                display_name: s.locale.into(),
                locale: Some(s.locale.into()),
                roles: vec!["administrator".into()],
                password: Some(PASSWORD.into()),
                ..NewUser::default()
            };
            b.app.crm.add_user(&sys, new).await.unwrap();
            let person = json!({"name": {"first": s.person.0, "last": s.person.1}});
            let person = b.app.crm.create(&sys, "people", person.as_object().unwrap()).await.unwrap().id;
            let company = json!({"name": s.company});
            let company = b.app.crm.create(&sys, "companies", company.as_object().unwrap()).await.unwrap().id;
            b.client.delete_all_cookies().await.unwrap();
            b.sign_in(&email, PASSWORD).await;
            for (width, height) in [(1280, 900), (390, 844)] {
                if width < 720 {
                    b.phone(width, height).await;
                }
                // On the home page, and over a page with boxes of its own (the
                // calendar's grid, the board).
                let pages = ["/", if width < 720 { "/kanban/opportunities" } else { "/calendar?view=week" }];
                for (page, (keys, typed, href)) in pages.into_iter().zip([
                    (&[CONTROL, 'k'][..], s.person_typed, format!("/o/people/{person}")),
                    (&['/'][..], s.company_typed, format!("/o/companies/{company}")),
                ]) {
                    let what = format!("{} on {page} at {width} px, {keys:?}", s.locale);
                    let shot = (keys.len() == 1).then(|| format!("{}-search-{width}", s.locale));
                    quick_search(&b, page, keys, typed, &href, &what, shot).await;
                }
            }
            b.desktop().await;
            // The first result is where Enter on it leads.
            b.goto("/").await;
            b.type_into("#global-search", s.person_typed).await;
            b.find("header #search-results a").await;
            chord(&b, &['\u{E015}']).await;
            chord(&b, &['\u{E007}']).await;
            b.wait_for_path(&format!("/o/people/{person}")).await;
        }
    })
    .await;
}

/// Why the page is wider than the window: its width and the elements that stick out
/// (not those inside a box that scrolls or clips them), or `None` when it fits.
async fn too_wide(b: &Browser, width: u32) -> Option<String> {
    // A phone widens its layout viewport (innerWidth) to a page wider than its screen.
    let script = "const w = arguments[0]; \
        const doc = document.documentElement; \
        if (doc.scrollWidth <= w && window.innerWidth <= w) return null; \
        const out = []; \
        for (const el of document.body.querySelectorAll('*')) { \
          const r = el.getBoundingClientRect(); \
          if (r.width === 0 || (r.right <= w + 1 && r.left >= -1)) continue; \
          let p = el.parentElement, kept = false; \
          while (p && p !== document.body) { if (getComputedStyle(p).overflowX !== 'visible') { kept = true; break; } p = p.parentElement; } \
          if (!kept) out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} \"${(el.textContent || '').trim().slice(0, 30)}\" ${Math.round(r.left)}..${Math.round(r.right)}`); \
        } \
        return `${doc.scrollWidth} px wide (viewport ${window.innerWidth}) on a ${w} px screen: ` + out.slice(0, 10).join('; ');";
    match b.client.execute(script, vec![json!(width)]).await.unwrap() {
        Value::String(why) => Some(why),
        _ => None,
    }
}

#[tokio::test]
async fn the_main_pages_fit_a_phone_in_every_language_with_the_logo_and_greeting_in_view() {
    each_browser("reach-phone", |b: Browser| async move {
        let size = DemoSize { companies: 12, people: 30, leads: 10, opportunities: 24, activities: 150 };
        let demo = load(&b.app.crm, &size, DemoLocale::En).await.unwrap();
        let rep = demo.logins.iter().find(|l| l.role == "sales_rep").unwrap();
        let rep_id = b.app.crm.user_by_email(&Actor::system(), &rep.email).await.unwrap().id;
        let dir = output_dir().join("reach");
        std::fs::create_dir_all(&dir).unwrap();
        let mut record = String::new();
        // Every page is looked at (and saved) before the test fails with all it found.
        let mut problems = Vec::new();
        // Each language with a name of its own: the greeting holds it.
        for (code, name) in [
            ("en", "Maximilian Worthington"),
            ("el", "Κωνσταντίνα Παπαδοπούλου"),
            ("hu", "Szentgyörgyi Erzsébet"),
            ("ar", "عبد الرحمن الهاشمي"),
        ] {
            let patch =
                UserPatch { locale: Some(code.into()), display_name: Some(name.into()), ..UserPatch::default() };
            b.app.crm.update_user(&Actor::system(), rep_id, patch).await.unwrap();
            b.desktop().await;
            b.client.delete_all_cookies().await.unwrap();
            b.sign_in(&rep.email, &rep.password).await;
            if record.is_empty() {
                b.goto("/o/people").await;
                record = b.find("#rows tr[data-id] td a").await.attr("href").await.unwrap().unwrap();
            }
            for (width, height) in [(360, 640), (390, 844)] {
                b.phone(width, height).await;
                for (page, path) in [
                    ("home", "/"),
                    ("people", "/o/people"),
                    ("companies", "/o/companies"),
                    ("record", record.as_str()),
                    ("new-person", "/o/people/new"),
                    ("kanban", "/kanban/opportunities"),
                    ("calendar", "/calendar"),
                    ("month", "/calendar?view=month"),
                    ("day", "/calendar?view=day"),
                ] {
                    b.goto(path).await;
                    b.find("main").await;
                    b.settle().await;
                    if width == 390 {
                        let png = b.client.screenshot().await.unwrap();
                        std::fs::write(dir.join(format!("{code}-{page}.png")), png).unwrap();
                        // And the parts below the first screen that were too wide.
                        for (part, css) in [("pipeline", ".dashboard .wide"), ("grid", "table.cal-month")] {
                            if let Ok(el) = b.client.find(fantoccini::Locator::Css(css)).await {
                                let png = el.screenshot().await.unwrap();
                                std::fs::write(dir.join(format!("{code}-{page}-{part}.png")), png).unwrap();
                            }
                        }
                    }
                    if let Some(why) = too_wide(&b, width).await {
                        problems.push(format!("{code} {path} at {width} px: {why}"));
                    }
                    if page == "month" {
                        // The weekdays' names are whole, not cut short.
                        let cut = b
                            .client
                            .execute(
                                "return [...document.querySelectorAll('table.cal-month thead th')] \
                                   .filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent);",
                                vec![],
                            )
                            .await
                            .unwrap();
                        if cut != json!([]) {
                            problems.push(format!("{code} {path} at {width} px: weekdays cut short: {cut}"));
                        }
                    }
                    if page == "day" {
                        // The day's hours fill the screen, in a box of their own.
                        let shown = b
                            .client
                            .execute(
                                "const box = document.querySelector('#calendar .cal-scroll'); \
                                 box.scrollIntoView({block: 'end'}); \
                                 const r = box.getBoundingClientRect(); \
                                 const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
                                 const ok = r.height >= innerHeight * 0.4 && box.contains(hit); \
                                 window.scrollTo(0, 0); \
                                 return ok;",
                                vec![],
                            )
                            .await
                            .unwrap();
                        if shown != json!(true) {
                            problems.push(format!("{code} {path} at {width} px: the day's hours are cut short"));
                        }
                    }
                    for css in [".brand", "main h1"] {
                        let edges = b
                            .client
                            .execute(
                                "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
                                 const v = window.visualViewport; \
                                 return [r.left - v.offsetLeft, r.right - v.offsetLeft, v.width, v.pageLeft];",
                                vec![json!(css)],
                            )
                            .await
                            .unwrap();
                        let [left, right, shown, scroll] = [0, 1, 2, 3].map(|i| edges[i].as_f64().unwrap_or(f64::NAN));
                        if !(left >= 0.0 && right <= shown + 0.5 && scroll == 0.0) {
                            problems.push(format!(
                                "{code} {path} at {width} px: `{css}` spans {left}..{right} of the {shown} px shown \
                                 (scrolled {scroll})"
                            ));
                        }
                    }
                }
                // The folded menu opens, with "More": every item, and the account's
                // links and the search beneath, within reach (not under each other).
                b.goto("/").await;
                b.click(".menu-toggle").await;
                b.click("#nav .more summary").await;
                if width == 390 {
                    let png = b.client.screenshot().await.unwrap();
                    std::fs::write(dir.join(format!("{code}-menu.png")), png).unwrap();
                }
                for link in b.find_all("#nav a, .account a, .account button, #global-search").await {
                    let href = link.html(false).await.unwrap().chars().take(80).collect::<String>();
                    let at = b
                        .client
                        .execute(
                            "arguments[0].scrollIntoView({block: 'nearest'}); \
                             const r = arguments[0].getBoundingClientRect(); \
                             const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
                             const ok = r.left >= -0.5 && r.right <= innerWidth + 0.5 && r.top >= -0.5 && r.bottom <= innerHeight + 0.5 \
                                    && r.width > 0 && (hit === arguments[0] || arguments[0].contains(hit)); \
                             return ok ? true : `at ${Math.round(r.left)},${Math.round(r.top)} \
                                    ${Math.round(r.width)}x${Math.round(r.height)} in ${innerWidth}x${innerHeight}, \
                                    under ${hit ? hit.outerHTML.slice(0, 80) : 'nothing'}`;",
                            vec![serde_json::to_value(&link).unwrap()],
                        )
                        .await
                        .unwrap();
                    if at != json!(true) {
                        problems.push(format!("{code} at {width} px, menu open: {href} cannot be reached: {at}"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    })
    .await;
}

/// Every page of every object fits a 360 px phone: each page in every language as
/// the administrator (who reaches them all), and each page a role may open as every
/// other role in Arabic (right to left, the longest words), on both databases. The
/// pages are those the HTTP every-page test opens (`pages::every_page`).
#[tokio::test]
async fn every_page_fits_a_360_px_phone_for_every_role_in_every_language() {
    each_browser("reach-every-page", |b: Browser| async move {
        let seats = crate::pages::company(&b.app).await;
        let mut problems = Vec::new();
        let mut opened = 0;
        for seat in &seats {
            let languages: &[&str] = if seat.role == "administrator" { &["en", "el", "hu", "ar"] } else { &["ar"] };
            let (pages, _) = crate::pages::every_page(&b.app.crm, seat).await;
            b.desktop().await;
            b.client.delete_all_cookies().await.unwrap();
            b.sign_in(&seat.email, crate::pages::PASSWORD).await;
            b.phone(360, 740).await;
            for language in languages {
                let patch = UserPatch { locale: Some((*language).into()), ..UserPatch::default() };
                b.app.crm.update_user(&Actor::system(), seat.id, patch).await.unwrap();
                for (path, expect) in &pages {
                    if *expect != crate::pages::Expect::Open || path.ends_with(".csv") || path.ends_with("/count") {
                        continue;
                    }
                    b.goto(path).await;
                    b.find("main").await;
                    b.settle().await;
                    opened += 1;
                    if let Some(why) = too_wide(&b, 360).await {
                        problems.push(format!("{} in {language}: {path}: {why}", seat.role));
                    }
                }
            }
        }
        assert!(opened > 300, "only {opened} pages opened");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    })
    .await;
}
