//! Database URLs: PostgreSQL and SQLite are told apart, anything else is refused, and
//! a description never shows a password.

use rapport_store::Location;

#[test]
fn urls_choose_the_backend() {
    assert!(matches!(Location::parse("postgres://u:p@h:5432/db", 4), Ok(Location::Postgres { pool_size: 4, .. })));
    assert!(matches!(Location::parse("postgresql://h/db", 4), Ok(Location::Postgres { .. })));
    assert!(matches!(Location::parse("host=h user=u password=s dbname=d", 4), Ok(Location::Postgres { .. })));
    assert!(matches!(Location::parse("sqlite://data/r.db", 4), Ok(Location::Sqlite { .. })));
    assert!(matches!(Location::parse("./rapport-data/rapport.db", 4), Ok(Location::Sqlite { .. })));
    for bad in ["postgress://h/db", "mysql://h/db", "postgres://h:notaport/db"] {
        let err = Location::parse(bad, 4).expect_err(bad);
        assert_eq!(err.code(), "database_unavailable", "{bad}");
    }
}

#[test]
fn descriptions_hide_passwords() {
    for url in ["postgres://alice:s3cret@db.example:6543/crm", "postgres://db.example/crm?user=alice&password=s3cret"] {
        let text = Location::parse(url, 4).unwrap().describe();
        assert!(!text.contains("s3cret"), "{text}");
        assert!(text.contains("alice") && text.contains("db.example") && text.contains("crm"), "{text}");
    }
}
