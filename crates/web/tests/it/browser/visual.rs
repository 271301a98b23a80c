//! Visual regression: the main pages, in each language, on a desktop and (English and
//! Arabic) on a phone, compared with reference pictures committed in
//! `crates/web/tests/visual/`. A style change that hides or moves content changes many
//! pixels and fails; a clock's minute or a blinking caret changes a few and passes.
//! The references are made on purpose, never by a failing run: `scripts/visual-update`
//! (RAPPORT_VISUAL_UPDATE=1) writes them from the SQLite run; both databases are then
//! compared with the same pictures. A failing page leaves its picture and a map of the
//! differing pixels under the test output (`browser/visual/`).
//!
//! The records are made here with fixed names, amounts and no dates that depend on
//! today, so that the pages look the same every day.

use std::path::{Path, PathBuf};

use rapport_domain::model::Actor;
use rapport_domain::{NewUser, UserPatch};
use serde_json::{Value, json};

use super::{Browser, PASSWORD, each_browser, output_dir};

/// A channel that differs by more than this is a differing pixel (anti-aliasing and
/// colour rounding stay under it).
const CHANNEL: u8 = 48;
/// The share of differing pixels a page may have: 0.4 %.
const SHARE: f64 = 0.004;

/// A picture's pixels (RGBA), halved in each direction to keep the references small.
struct Picture {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

fn decode(png_bytes: &[u8]) -> Picture {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a picture of a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let rgba: Vec<u8> = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| match channels {
            4 => [p[0], p[1], p[2], p[3]],
            3 => [p[0], p[1], p[2], 255],
            2 => [p[0], p[0], p[0], p[1]],
            _ => [p[0], p[0], p[0], 255],
        })
        .collect();
    Picture { width: info.width, height: info.height, rgba }
}

/// Each 2×2 block averaged into one pixel.
fn halve(p: &Picture) -> Picture {
    let (w, h) = (p.width / 2, p.height / 2);
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            for c in 0..4 {
                let at = |dx: u32, dy: u32| u32::from(p.rgba[(((2 * y + dy) * p.width + 2 * x + dx) * 4 + c) as usize]);
                rgba.push(((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4) as u8);
            }
        }
    }
    Picture { width: w, height: h, rgba }
}

fn encode(p: &Picture, path: &Path) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, p.width, p.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_compression(png::Compression::High);
    encoder.write_header().unwrap().write_image_data(&p.rgba).unwrap();
}

/// Columns at each side left out of the comparison: a phone's overlay scrollbar comes
/// and goes there (on the left in a right-to-left page).
const EDGE: u32 = 6;

/// The share of pixels that differ, and a picture of them (red where they do).
fn difference(a: &Picture, b: &Picture) -> (f64, Picture) {
    let mut map = b.rgba.clone();
    let mut differing = 0_usize;
    for (i, (pa, pb)) in a.rgba.chunks(4).zip(b.rgba.chunks(4)).enumerate() {
        let x = i as u32 % a.width;
        if x < EDGE || x + EDGE >= a.width {
            continue;
        }
        if pa.iter().zip(pb).any(|(x, y)| x.abs_diff(*y) > CHANNEL) {
            differing += 1;
            map[i * 4..i * 4 + 4].copy_from_slice(&[255, 0, 0, 255]);
        }
    }
    (differing as f64 / (a.width * a.height) as f64, Picture { width: b.width, height: b.height, rgba: map })
}

fn references() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/visual")
}

/// Compares the page on screen with its reference `name`; what differs, if anything.
async fn look(b: &Browser, name: &str, updating: bool) -> Option<String> {
    let shot = halve(&decode(&b.client.screenshot().await.unwrap()));
    let reference = references().join(format!("{name}.png"));
    if updating {
        std::fs::create_dir_all(references()).unwrap();
        encode(&shot, &reference);
        return None;
    }
    let Ok(bytes) = std::fs::read(&reference) else {
        return Some(format!("{name}: no reference picture (run scripts/visual-update)"));
    };
    let expected = decode(&bytes);
    let out = output_dir().join("visual");
    std::fs::create_dir_all(&out).unwrap();
    if (expected.width, expected.height) != (shot.width, shot.height) {
        encode(&shot, &out.join(format!("{name}.png")));
        return Some(format!(
            "{name}: {}×{} instead of {}×{}",
            shot.width, shot.height, expected.width, expected.height
        ));
    }
    let (share, map) = difference(&expected, &shot);
    if share <= SHARE {
        return None;
    }
    encode(&shot, &out.join(format!("{name}.png")));
    encode(&map, &out.join(format!("{name}-diff.png")));
    Some(format!("{name}: {:.2} % of the pixels differ (at most {:.2} % may)", share * 100.0, SHARE * 100.0))
}

/// Fixed records: three companies, people at them, deals in the first stages, notes.
async fn records(b: &Browser) -> String {
    let sys = &Actor::system();
    let crm = &b.app.crm;
    let create = |object: &'static str, input: Value| async move {
        crm.create(sys, object, input.as_object().unwrap()).await.unwrap()
    };
    let companies = [
        ("Northwind Foods plc", "retail"),
        ("Αιγαίο Τρόφιμα Α.Ε.", "wholesale"),
        ("Balatoni Halászat Kft.", "manufacturing"),
        ("شركة الواحة للأغذية", "services"),
    ];
    let mut company_ids = Vec::new();
    for (name, industry) in companies {
        company_ids.push(create("companies", json!({"name": name, "industry": industry})).await.id);
    }
    let people = [
        ("Winifred", "Ashcombe", "Buyer", "+44 20 7946 0018", "w.ashcombe@northwind.example"),
        ("Ευανθία", "Μαυρογένη", "Υπεύθυνη αγορών", "+30 210 555 0101", "e.mavrogeni@aigaio.example"),
        ("Boglárka", "Fehérvári", "Beszerző", "+36 1 483 7539", "fehervari.boglarka@balaton.example"),
        ("ريما", "الحربي", "مديرة المشتريات", "+966 11 555 0102", "rima@alwaha.example"),
    ];
    let pipeline = create("pipelines", json!({"name": "Sales", "is_default": true, "position": 1})).await.id;
    let mut stage_ids = Vec::new();
    for (position, (name, probability, kind)) in
        [("Qualification", "20", "open"), ("Proposal", "50", "open"), ("Won", "100", "won")].into_iter().enumerate()
    {
        let stage = json!({"name": name, "position": position + 1, "probability": probability, "kind": kind,
                           "pipeline": pipeline.to_string()});
        stage_ids.push(create("stages", stage).await.id);
    }
    // Not today: the pages must look the same every day.
    let at = time::macros::datetime!(2026-03-02 10:00 UTC);
    let mut first = String::new();
    for (i, (given, family, title, phone, email)) in people.into_iter().enumerate() {
        let person = create(
            "people",
            json!({"name": {"first": given, "last": family}, "title": title, "phones": [phone], "emails": [email],
                   "company": company_ids[i].to_string()}),
        )
        .await;
        if i == 0 {
            first = format!("/o/people/{}", person.id);
        }
        let note =
            create("notes", json!({"title": "Visit", "body": format!("Met {given} about the spring order.")})).await;
        crm.link_activity(sys, ("note", note.id), ("person", person.id), at).await.unwrap();
        create(
            "opportunities",
            json!({"name": format!("Spring order {}", i + 1), "amount": {"amount": format!("{}000.00", 12 + i * 7), "currency": "EUR"},
                   "company": company_ids[i].to_string(), "person": person.id.to_string(),
                   "pipeline": pipeline.to_string(), "stage": stage_ids[i % 2].to_string()}),
        )
        .await;
    }
    first
}

#[tokio::test]
async fn the_main_pages_look_as_their_reference_pictures() {
    let updating = std::env::var_os("RAPPORT_VISUAL_UPDATE").is_some();
    each_browser("visual", move |b: Browser| async move {
        // References come from one database; the other is compared with them.
        let updating = updating && b.app.crm.backend_name() == "sqlite";
        let record = records(&b).await;
        let new = NewUser {
            email: "visual@example.com".into(),
            display_name: "Anna Visual".into(),
            roles: vec!["administrator".into()],
            password: Some(PASSWORD.into()),
            ..NewUser::default()
        };
        let (user, _) = b.app.crm.add_user(&Actor::system(), new).await.unwrap();
        b.sign_in("visual@example.com", PASSWORD).await;
        let pages = [
            ("people", "/o/people"),
            ("record", record.as_str()),
            ("new-person", "/o/people/new"),
            ("opportunities", "/o/opportunities"),
            ("kanban", "/kanban/opportunities"),
            ("settings", "/settings"),
        ];
        let mut problems = Vec::new();
        for language in ["en", "el", "hu", "ar"] {
            let patch = UserPatch { locale: Some(language.into()), ..UserPatch::default() };
            b.app.crm.update_user(&Actor::system(), user.id, patch).await.unwrap();
            let mut sizes = vec![("desktop", 0, 0)];
            if matches!(language, "en" | "ar") {
                sizes.push(("phone", 390, 844));
            }
            for (size, width, height) in sizes {
                if width == 0 {
                    b.desktop().await;
                    b.client.set_window_size(1280, 800).await.unwrap();
                } else {
                    b.phone(width, height).await;
                }
                for (name, path) in pages {
                    b.goto(path).await;
                    b.find("main").await;
                    b.settle().await;
                    // The caret and the focus ring are not part of the look.
                    b.client.execute("document.activeElement?.blur()", vec![]).await.unwrap();
                    if let Some(why) = look(&b, &format!("{language}-{size}-{name}"), updating).await {
                        problems.push(why);
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    })
    .await;
}
