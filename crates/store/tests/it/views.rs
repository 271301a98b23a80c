//! Saved list views and recently viewed records (migration 6) on each backend, written
//! and read back through the store's functions in units of work.

use rapport_model::Logical;
use rapport_store::users::{self, UserRow};
use rapport_store::views::{self, RECENT_PER_USER, RecentRow, ViewRow};
use rapport_store::{Cell, Store, StoreError, now};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::harness::{each_backend, refused};

/// Runs `$body` as one unit of work over the system tables, with the connection `$c`.
macro_rules! write {
    ($store:expr, |$c:ident| $body:expr) => {
        $store.system_write(move |$c| Box::pin(async move { $body })).await
    };
}

/// Runs `$body` as one read of the system tables.
macro_rules! read {
    ($store:expr, |$c:ident| $body:expr) => {
        $store.system_read(move |$c| Box::pin(async move { $body })).await.unwrap()
    };
}

async fn add_user(store: &Store, email: &str) -> Uuid {
    let at = now();
    let row = UserRow {
        id: Uuid::now_v7(),
        email: email.into(),
        display_name: email.into(),
        locale: "en".into(),
        time_zone: "UTC".into(),
        is_active: true,
        password_hash: None,
        must_change_password: false,
        created_at: at,
        updated_at: at,
    };
    let id = row.id;
    write!(store, |c| users::insert_user(c, &row).await).unwrap();
    id
}

fn view(object: &str, owner: Uuid, name: &str, shared: bool) -> ViewRow {
    let at = now();
    ViewRow {
        id: Uuid::now_v7(),
        object_id: object.into(),
        owner_id: owner,
        name: name.into(),
        shared,
        filter: String::new(),
        sort: String::new(),
        columns: String::new(),
        q: String::new(),
        created_at: at,
        updated_at: at,
    }
}

async fn insert(store: &Store, row: &ViewRow) -> Result<(), StoreError> {
    let row = row.clone();
    write!(store, |c| views::insert_view(c, &row).await)
}

async fn views_of(store: &Store, object: &'static str, owner: Option<Uuid>) -> Vec<ViewRow> {
    read!(store, |c| views::views_of(c, object, owner).await)
}

#[tokio::test]
async fn saved_views_round_trip_and_names_are_unique_per_owner_and_object() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let (al, bea) = (add_user(s, "al@example.com").await, add_user(s, "bea@example.com").await);
        let mut mine = view("person", al, "Open", false);
        mine.filter = "name.last[startswith]:Παπα".into();
        mine.sort = "name[asc],created_at[desc]".into();
        mine.columns = "name,emails,owner".into();
        mine.q = "Αθήνα".into();
        insert(s, &mine).await.unwrap();
        // The same name is free for another owner and for another object.
        let theirs = view("person", bea, "Open", true);
        insert(s, &theirs).await.unwrap();
        let companies = view("company", al, "Open", false);
        insert(s, &companies).await.unwrap();
        let id = mine.id;
        assert_eq!(read!(s, |c| views::view_by_id(c, id).await), Some(mine.clone()), "{name}: read back");
        assert_eq!(read!(s, |c| views::view_by_id(c, Uuid::now_v7()).await), None, "{name}: unknown id");

        refused(name, "a name the owner has", insert(s, &view("person", al, "Open", true)).await, "name", "name_taken");
        assert_eq!(views_of(s, "person", Some(al)).await, vec![mine.clone(), theirs.clone()], "{name}: own and shared");
        assert_eq!(views_of(s, "person", Some(bea)).await, vec![theirs.clone()], "{name}: not al's private one");
        assert_eq!(views_of(s, "person", None).await, vec![theirs.clone()], "{name}: only shared ones");
        assert_eq!(views_of(s, "company", Some(bea)).await, Vec::<ViewRow>::new(), "{name}");
        assert_eq!(views_of(s, "company", Some(al)).await, vec![companies.clone()], "{name}");

        // An update writes all but the object, the owner and the creation time.
        let second = view("person", al, "Second", false);
        insert(s, &second).await.unwrap();
        let changed = ViewRow {
            object_id: "company".into(),
            owner_id: bea,
            name: "Mine".into(),
            shared: true,
            filter: String::new(),
            sort: "name[desc]".into(),
            columns: "name".into(),
            q: String::new(),
            created_at: mine.created_at - Duration::days(2),
            updated_at: mine.updated_at + Duration::minutes(3),
            ..mine.clone()
        };
        let row = changed.clone();
        write!(s, |c| views::update_view(c, &row).await).unwrap();
        let expected =
            ViewRow { object_id: "person".into(), owner_id: al, created_at: mine.created_at, ..changed.clone() };
        assert_eq!(read!(s, |c| views::view_by_id(c, id).await), Some(expected.clone()), "{name}: updated");

        // The clash is looked for among the stored owner's views of the stored object.
        let clash = ViewRow { name: "Second".into(), ..changed.clone() };
        refused(
            name,
            "renamed to a taken name",
            write!(s, |c| views::update_view(c, &clash).await),
            "name",
            "name_taken",
        );
        assert_eq!(read!(s, |c| views::view_by_id(c, id).await), Some(expected.clone()), "{name}: unchanged");

        let ghost = view("person", al, "Ghost", false);
        let ghost_id = ghost.id;
        match write!(s, |c| views::update_view(c, &ghost).await) {
            Err(StoreError::NotFound { object, id }) => assert_eq!((object.as_str(), id), ("saved_views", ghost_id)),
            other => panic!("{name}: expected not found, got {other:?}"),
        }

        assert!(write!(s, |c| views::delete_view(c, id).await).unwrap(), "{name}: deleted");
        assert!(!write!(s, |c| views::delete_view(c, id).await).unwrap(), "{name}: nothing to delete twice");
        assert_eq!(read!(s, |c| views::view_by_id(c, id).await), None, "{name}: gone");
        assert_eq!(views_of(s, "person", Some(al)).await, vec![theirs, second], "{name}");
    }
}

/// A view written without its texts (by a later migration, or by hand) gets them empty.
#[tokio::test]
async fn saved_view_texts_default_to_empty() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let owner = add_user(s, "al@example.com").await;
        let id = Uuid::now_v7();
        write!(s, |c| {
            let b = c.backend();
            let bind = |l, cell: Cell| rapport_store::types::bind(b, l, &cell);
            let insert = sea_query::Query::insert()
                .into_table("saved_views")
                .columns(["id", "object_id", "owner_id", "name", "shared", "created_at", "updated_at"])
                .values_panic([
                    bind(Logical::Uuid, Cell::Uuid(id))?,
                    bind(Logical::Text, Cell::Text("person".into()))?,
                    bind(Logical::Uuid, Cell::Uuid(owner))?,
                    bind(Logical::Text, Cell::Text("Bare".into()))?,
                    bind(Logical::Boolean, Cell::Bool(false))?,
                    bind(Logical::DateTime, Cell::DateTime(now()))?,
                    bind(Logical::DateTime, Cell::DateTime(now()))?,
                ])
                .to_owned();
            c.execute(&insert).await
        })
        .unwrap();
        let bare = read!(s, |c| views::view_by_id(c, id).await).unwrap();
        assert_eq!([bare.filter, bare.sort, bare.columns, bare.q], ["", "", "", ""].map(String::from), "{name}");
    }
}

async fn record(store: &Store, user: Uuid, object: &'static str, record: Uuid, at: OffsetDateTime) {
    write!(store, |c| views::record_recent(c, user, object, record, at).await).unwrap();
}

async fn recent(store: &Store, user: Uuid, limit: u64) -> Vec<(String, Uuid)> {
    let rows: Vec<RecentRow> = read!(store, |c| views::recent_of(c, user, limit).await);
    rows.into_iter().map(|r| (r.object_id, r.record_id)).collect()
}

#[tokio::test]
async fn recent_views_keep_the_newest_fifty_per_user() {
    for db in each_backend().await {
        let (s, name) = (&db.store, db.name);
        let (al, bea) = (add_user(s, "al@example.com").await, add_user(s, "bea@example.com").await);
        let start = now() - Duration::hours(1);
        let at = |i: i64| start + Duration::seconds(i);
        let bea_saw = Uuid::now_v7();
        record(s, bea, "company", bea_saw, at(0)).await;

        let kept = usize::try_from(RECENT_PER_USER).unwrap();
        let records: Vec<Uuid> = (0..kept + 5).map(|_| Uuid::now_v7()).collect();
        for (i, id) in records.iter().enumerate() {
            record(s, al, "person", *id, at(i64::try_from(i).unwrap() + 1)).await;
        }
        let newest_first = |ids: &[Uuid]| ids.iter().rev().map(|id| ("person".to_owned(), *id)).collect::<Vec<_>>();
        assert_eq!(recent(s, al, 1000).await, newest_first(&records[5..]), "{name}: the newest fifty, newest first");
        assert_eq!(recent(s, al, 3).await, newest_first(&records[kept + 2..]), "{name}: at most the limit");
        assert_eq!(recent(s, bea, 1000).await, vec![("company".to_owned(), bea_saw)], "{name}: others untouched");

        // Opening a record again moves it to the top, once.
        record(s, al, "person", records[10], at(100)).await;
        let mut expected = vec![records[10]];
        expected.extend(records[5..].iter().filter(|id| **id != records[10]).rev());
        let expected: Vec<(String, Uuid)> = expected.into_iter().map(|id| ("person".to_owned(), id)).collect();
        assert_eq!(recent(s, al, 1000).await, expected, "{name}: moved up, not repeated");

        // The same id under another object is another entry; the oldest kept one goes.
        record(s, al, "company", records[10], at(101)).await;
        let got = recent(s, al, 1000).await;
        assert_eq!(got.len(), kept, "{name}");
        assert_eq!(got[..2], [("company".to_owned(), records[10]), ("person".to_owned(), records[10])], "{name}");
        assert!(!got.contains(&("person".to_owned(), records[5])), "{name}: the oldest was dropped");
        assert!(got.contains(&("person".to_owned(), records[6])), "{name}: only the oldest");
    }
}

/// One user opening many records at once (several tabs, the benchmark's record pages):
/// every note is written, none ends as a deadlock, and the list keeps its newest fifty.
#[tokio::test]
async fn recent_views_noted_side_by_side_never_deadlock() {
    for db in each_backend().await {
        let s = &db.store;
        let user = add_user(s, "tabs@example.com").await;
        let records: Vec<Uuid> = (0..RECENT_PER_USER + 20).map(|_| Uuid::now_v7()).collect();
        let mut notes = tokio::task::JoinSet::new();
        for writer in 0..8 {
            let (s, records) = (s.clone(), records.clone());
            notes.spawn(async move {
                // Each writer walks the same records from its own place, so that they
                // move and trim each other's rows.
                for i in 0..records.len() {
                    let record = records[(i + writer * 9) % records.len()];
                    let at = now();
                    write!(s, |c| views::record_recent(c, user, "person", record, at).await)?;
                }
                Ok::<(), StoreError>(())
            });
        }
        while let Some(done) = notes.join_next().await {
            done.unwrap().unwrap_or_else(|e| panic!("{}: {e}", db.name));
        }
        let kept = recent(s, user, 1000).await;
        assert_eq!(kept.len(), usize::try_from(RECENT_PER_USER).unwrap(), "{}", db.name);
    }
}
