//! Schema parity (DESIGN §3, §8): a SQLite and a PostgreSQL database migrated by the
//! same program have the same tables with the same columns, logical types (through the
//! storage mapping) and nullability; every SQLite table but the FTS5 search tables is
//! STRICT. Checked after the migrations and again after runtime DDL.

use std::collections::{BTreeMap, BTreeSet};

use rapport_model::{Actor, FieldDef, FieldType, Logical, ObjectDef, SelectOption};
use rapport_store::{Backend, Location, Store, types::sql_type};

use crate::harness::{empty_postgres, empty_sqlite, pg_url, reopen, sqlite_path};

#[derive(Debug, Clone)]
struct Col {
    name: String,
    /// SQLite: declared type; PostgreSQL: `information_schema` data type.
    sql_type: String,
    nullable: bool,
    /// PostgreSQL: precision and scale of numeric columns.
    numeric: Option<(i32, i32)>,
    /// PostgreSQL: collation of text columns.
    collation: Option<String>,
}

#[derive(Debug, Default)]
struct Catalog {
    /// Tables by name (FTS5 virtual tables included, their shadow tables not).
    tables: BTreeMap<String, Vec<Col>>,
    /// SQLite: FTS5 virtual tables; PostgreSQL: none.
    virtual_tables: BTreeSet<String>,
    /// SQLite: ordinary tables that are not STRICT.
    not_strict: Vec<String>,
    /// Indexes made by CREATE INDEX (not by a key constraint), by table: name, unique,
    /// partial.
    indexes: BTreeMap<String, BTreeSet<(String, bool, bool)>>,
}

fn sqlite_catalog(location: &Location) -> Catalog {
    let conn = rusqlite::Connection::open(sqlite_path(location)).unwrap();
    let mut catalog = Catalog::default();
    let mut tables = conn
        .prepare("SELECT name, type, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        .unwrap();
    let list: Vec<(String, String, i64)> =
        tables.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap();
    for (name, kind, strict) in list {
        match kind.as_str() {
            "shadow" => continue,
            "virtual" => {
                let sql: String =
                    conn.query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [&name], |r| r.get(0)).unwrap();
                assert!(sql.to_lowercase().contains("using fts5"), "sqlite: virtual table {name} is not FTS5: {sql}");
                catalog.virtual_tables.insert(name.clone());
            }
            "table" if strict != 1 => catalog.not_strict.push(name.clone()),
            "table" => {}
            other => panic!("sqlite: unexpected {other} {name}"),
        }
        let mut info =
            conn.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid").unwrap();
        let rows: Vec<(String, String, i64, i64)> = info
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let pk_columns = rows.iter().filter(|r| r.3 > 0).count();
        let cols = rows
            .into_iter()
            .map(|(col, ty, notnull, pk)| {
                // An `INTEGER PRIMARY KEY` is the rowid: never NULL, though the pragma
                // reports it without NOT NULL.
                let rowid = pk > 0 && pk_columns == 1 && ty.eq_ignore_ascii_case("INTEGER");
                Col {
                    name: col,
                    sql_type: ty.to_uppercase(),
                    nullable: notnull == 0 && !rowid,
                    numeric: None,
                    collation: None,
                }
            })
            .collect();
        let mut list =
            conn.prepare("SELECT name, \"unique\", partial FROM pragma_index_list(?1) WHERE origin = 'c'").unwrap();
        let indexes = list
            .query_map([&name], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? == 1, r.get::<_, i64>(2)? == 1)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        catalog.indexes.insert(name.clone(), indexes);
        catalog.tables.insert(name, cols);
    }
    catalog
}

async fn postgres_catalog(location: &Location) -> Catalog {
    let client = crate::harness::admin(pg_url(location)).await;
    let mut catalog = Catalog::default();
    let tables = client
        .query(
            "SELECT table_name::text, table_type::text FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .await
        .unwrap();
    for t in tables {
        let (name, kind): (String, String) = (t.get(0), t.get(1));
        assert_eq!(kind, "BASE TABLE", "postgres: {name} is a {kind}");
        let rows = client
            .query(
                "SELECT column_name::text, data_type::text, is_nullable::text, numeric_precision::int, numeric_scale::int, \
                 collation_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                &[&name],
            )
            .await
            .unwrap();
        let cols = rows
            .iter()
            .map(|r| {
                let sql_type: String = r.get(1);
                let numeric = (sql_type == "numeric")
                    .then(|| (r.get::<_, Option<i32>>(3).unwrap_or(-1), r.get::<_, Option<i32>>(4).unwrap_or(-1)));
                Col { name: r.get(0), sql_type, nullable: r.get::<_, String>(2) == "YES", numeric, collation: r.get(5) }
            })
            .collect();
        let indexes = client
            .query(
                "SELECT i.relname::text, x.indisunique, x.indpred IS NOT NULL FROM pg_index x \
                 JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
                 JOIN pg_namespace n ON n.oid = t.relnamespace \
                 WHERE n.nspname = current_schema() AND t.relname = $1 \
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                &[&name],
            )
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        catalog.indexes.insert(name.clone(), indexes);
        catalog.tables.insert(name, cols);
    }
    catalog
}

/// PostgreSQL types each SQLite storage type stands for (DESIGN §3).
fn same_logical_type(sqlite: &str, postgres: &str) -> bool {
    match sqlite {
        "BLOB" => postgres == "uuid",
        "INTEGER" => matches!(postgres, "bigint" | "numeric" | "boolean" | "timestamp with time zone"),
        "TEXT" => matches!(postgres, "text" | "date" | "jsonb"),
        _ => false,
    }
}

/// The catalog's spelling of `sql_type(Postgres, logical)`.
fn pg_catalog_type(logical: Logical) -> (&'static str, Option<(i32, i32)>) {
    match logical {
        Logical::Uuid => ("uuid", None),
        Logical::Integer | Logical::Minor => ("bigint", None),
        Logical::Decimal { precision, scale } => ("numeric", Some((i32::from(precision), i32::from(scale)))),
        Logical::Text => ("text", None),
        Logical::Boolean => ("boolean", None),
        Logical::Date => ("date", None),
        Logical::DateTime => ("timestamp with time zone", None),
        Logical::Json => ("jsonb", None),
    }
}

/// Columns only PostgreSQL has, on purpose: `record_events.tx` is the writing
/// transaction's id, which the settle step compares with the oldest running
/// transaction; SQLite's single writer needs no such thing (docs/RELIABILITY.md).
const POSTGRES_ONLY: [(&str, &str); 1] = [("record_events", "tx")];

/// Compares the two catalogs; every difference is listed, not just the first.
fn compare(stage: &str, sqlite: &Catalog, postgres: &Catalog, objects: &[ObjectDef]) {
    let mut problems = Vec::new();
    assert!(sqlite.not_strict.is_empty(), "{stage}: sqlite tables that are not STRICT: {:?}", sqlite.not_strict);
    let (s_names, p_names): (BTreeSet<&String>, BTreeSet<&String>) =
        (sqlite.tables.keys().collect(), postgres.tables.keys().collect());
    assert_eq!(s_names, p_names, "{stage}: the same tables on sqlite (left) and postgres (right)");
    for (table, s_cols) in &sqlite.tables {
        let p_cols: Vec<Col> = postgres.tables[table]
            .iter()
            .filter(|c| !POSTGRES_ONLY.contains(&(table.as_str(), c.name.as_str())))
            .cloned()
            .collect();
        if sqlite.virtual_tables.contains(table) {
            // The search table: FTS5 on SQLite, a tsvector table on PostgreSQL.
            assert!(table.starts_with("srch_"), "{stage}: sqlite virtual table {table} is not a search table");
            continue;
        }
        if sqlite.indexes.get(table) != postgres.indexes.get(table) {
            problems.push(format!(
                "{table}: indexes differ: sqlite {:?}, postgres {:?}",
                sqlite.indexes.get(table),
                postgres.indexes.get(table)
            ));
        }
        let s_order: Vec<&str> = s_cols.iter().map(|c| c.name.as_str()).collect();
        let p_order: Vec<&str> = p_cols.iter().map(|c| c.name.as_str()).collect();
        if s_order != p_order {
            problems.push(format!("{table}: columns differ: sqlite {s_order:?}, postgres {p_order:?}"));
            continue;
        }
        for (s, p) in s_cols.iter().zip(&p_cols) {
            if !same_logical_type(&s.sql_type, &p.sql_type) {
                problems.push(format!("{table}.{}: sqlite {} vs postgres {}", s.name, s.sql_type, p.sql_type));
            }
            if s.nullable != p.nullable {
                problems
                    .push(format!("{table}.{}: nullable on sqlite {}, on postgres {}", s.name, s.nullable, p.nullable));
            }
            if p.sql_type == "text" && p.collation.as_deref() != Some("C") {
                problems.push(format!(
                    "{table}.{}: postgres text collation {:?}, not \"C\" (byte order as on sqlite)",
                    s.name, p.collation
                ));
            }
        }
    }
    // Object tables: each column has exactly the SQL type of its logical type.
    for object in objects {
        let table = object.table();
        let mut expected: Vec<(String, Logical)> = rapport_model::object::SYSTEM_COLUMNS
            .iter()
            .zip(rapport_store::records::SYSTEM_KINDS)
            .map(|(c, l)| ((*c).to_owned(), l))
            .collect();
        for field in object.stored_fields() {
            expected.extend(field.columns().into_iter().map(|c| (c.name, c.logical)));
        }
        let (Some(s_cols), Some(p_cols)) = (sqlite.tables.get(&table), postgres.tables.get(&table)) else {
            problems.push(format!("{table}: missing"));
            continue;
        };
        let names: Vec<&str> = expected.iter().map(|(n, _)| n.as_str()).collect();
        let s_names: Vec<&str> = s_cols.iter().map(|c| c.name.as_str()).collect();
        if names != s_names {
            problems.push(format!("{table}: metadata says columns {names:?}, sqlite has {s_names:?}"));
            continue;
        }
        for ((name, logical), (s, p)) in expected.iter().zip(s_cols.iter().zip(p_cols)) {
            if s.sql_type != sql_type(Backend::Sqlite, *logical) {
                problems.push(format!("{table}.{name}: {logical:?} is {} on sqlite", s.sql_type));
            }
            let (ty, numeric) = pg_catalog_type(*logical);
            if p.sql_type != ty || p.numeric != numeric {
                problems.push(format!("{table}.{name}: {logical:?} is {} {:?} on postgres", p.sql_type, p.numeric));
            }
        }
    }
    assert!(problems.is_empty(), "{stage}: sqlite and postgres schemas differ:\n{}", problems.join("\n"));
}

fn every_kind() -> ObjectDef {
    use FieldType as T;
    let options = vec![SelectOption::new("a", "A"), SelectOption::new("b", "B")];
    let fields = vec![
        FieldDef::new("title", "Title", T::Text { max_length: Some(50) }).unique().searchable(),
        FieldDef::new("body", "Body", T::LongText).searchable(),
        FieldDef::new("qty", "Qty", T::Integer { min: None, max: None }).indexed(),
        FieldDef::new("price", "Price", T::Decimal { precision: 12, scale: 4 }).indexed(),
        FieldDef::new("budget", "Budget", T::Currency { scale: 2 }).indexed(),
        FieldDef::new("share", "Share", T::Percent { scale: 3 }),
        FieldDef::new("active", "Active", T::Boolean).required(),
        FieldDef::new("due_on", "Due", T::Date),
        FieldDef::new("seen_at", "Seen", T::DateTime),
        FieldDef::new("stage", "Stage", T::Select { options: options.clone() }),
        FieldDef::new("tags", "Tags", T::MultiSelect { options }),
        FieldDef::new("email", "Email", T::Email { multiple: false }).unique(),
        FieldDef::new("phone", "Phone", T::Phone { multiple: false }),
        FieldDef::new("site", "Site", T::Url { multiple: false }),
        FieldDef::new("emails", "Emails", T::Email { multiple: true }),
        FieldDef::new("socials", "Social", T::Social),
        FieldDef::new("addr", "Address", T::Address).searchable(),
        FieldDef::new("full_name", "Name", T::FullName).indexed(),
        FieldDef::new("stars", "Stars", T::Rating { max: 5 }),
        FieldDef::new("company", "Company", T::Relation { target: "company".into() }).indexed(),
        FieldDef::new("data", "Data", T::Json),
        FieldDef::new(
            "total",
            "Total",
            T::Formula { expression: "qty * price".into(), result: rapport_model::field::ScalarKind::Decimal },
        ),
    ];
    ObjectDef {
        id: "kitchen_sink".into(),
        api_name: "kitchen_sinks".into(),
        label: "Sink".into(),
        label_plural: "Sinks".into(),
        is_standard: false,
        is_activity: false,
        behaviour: Default::default(),
        hidden: false,
        label_field: Some("title".into()),
        fields,
    }
}

/// The same runtime DDL on a store: a custom object, added and purged fields.
async fn runtime_ddl(store: &Store) -> Vec<ObjectDef> {
    let actor = Actor::system();
    store.create_object(&actor, every_kind()).await.unwrap();
    let mut extra = FieldDef::new("", "Extra", FieldType::Decimal { precision: 18, scale: 6 }).indexed();
    extra.api_name = "extra".into();
    store.add_field(&actor, "companies", extra).await.unwrap();
    let mut gone = FieldDef::new("", "Gone", FieldType::Address);
    gone.api_name = "gone".into();
    let gone = store.add_field(&actor, "kitchen_sinks", gone).await.unwrap();
    let hide = rapport_store::FieldPatch { hidden: Some(true), ..Default::default() };
    store.update_field(&actor, "kitchen_sinks", &gone.id, hide).await.unwrap();
    store.purge_field(&actor, "kitchen_sinks", &gone.id).await.unwrap();
    store.schema().await.unwrap().all().cloned().collect()
}

#[tokio::test]
async fn migrated_schemas_match() {
    let sqlite = empty_sqlite();
    let Some(postgres) = empty_postgres().await else {
        return;
    };
    let s_store = reopen(&sqlite.location).await.expect("migrate sqlite");
    let p_store = reopen(&postgres.location).await.expect("migrate postgres");
    let objects: Vec<ObjectDef> = s_store.schema().await.unwrap().all().cloned().collect();
    assert_eq!(
        objects,
        p_store.schema().await.unwrap().all().cloned().collect::<Vec<_>>(),
        "the same metadata on sqlite (left) and postgres (right)"
    );
    let (s_cat, p_cat) = (sqlite_catalog(&sqlite.location), postgres_catalog(&postgres.location).await);
    for expected in [
        "schema_migrations",
        "meta_objects",
        "meta_fields",
        "meta_version",
        "audit_log",
        "obj_person",
        "srch_person",
        "saved_views",
        "recent_views",
        "record_events",
    ] {
        assert!(s_cat.tables.contains_key(expected), "sqlite lacks {expected}");
    }
    let expected_index = ("ux_obj_pipeline_name".to_owned(), true, true);
    for (backend, cat) in [("sqlite", &s_cat), ("postgres", &p_cat)] {
        assert!(
            cat.indexes.get("obj_pipeline").is_some_and(|i| i.contains(&expected_index)),
            "{backend}: the catalog shows the partial unique index: {:?}",
            cat.indexes.get("obj_pipeline")
        );
    }
    compare("after migrations", &s_cat, &p_cat, &objects);

    let objects = runtime_ddl(&s_store).await;
    assert_eq!(objects, runtime_ddl(&p_store).await, "the same metadata after runtime DDL");
    compare(
        "after runtime DDL",
        &sqlite_catalog(&sqlite.location),
        &postgres_catalog(&postgres.location).await,
        &objects,
    );
}
