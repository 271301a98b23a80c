//! The storage types of DESIGN §3, exact on both backends: one SQL type per logical
//! type and database, and the conversions of values in and out. SQLite: uuid as
//! BLOB(16), datetimes as integer microseconds, dates as ISO text, decimals as scaled
//! integers. PostgreSQL: uuid, timestamptz, date, numeric(p, s), text with the "C"
//! collation (byte order, as on SQLite), jsonb.

use rapport_model::Logical;
use rust_decimal::Decimal;
use sea_query::{SimpleExpr, Value as Sea};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::{Backend, Cell};
use crate::error::{Result, StoreError};

/// The SQL column type of a logical type.
pub fn sql_type(backend: Backend, logical: Logical) -> String {
    match (backend, logical) {
        (Backend::Sqlite, Logical::Uuid) => "BLOB".into(),
        (Backend::Sqlite, Logical::Text | Logical::Date | Logical::Json) => "TEXT".into(),
        (Backend::Sqlite, _) => "INTEGER".into(),
        (Backend::Postgres, Logical::Uuid) => "uuid".into(),
        (Backend::Postgres, Logical::Integer | Logical::Minor) => "bigint".into(),
        (Backend::Postgres, Logical::Decimal { precision, scale }) => format!("numeric({precision},{scale})"),
        (Backend::Postgres, Logical::Text) => "text COLLATE \"C\"".into(),
        (Backend::Postgres, Logical::Boolean) => "boolean".into(),
        (Backend::Postgres, Logical::Date) => "date".into(),
        (Backend::Postgres, Logical::DateTime) => "timestamptz".into(),
        (Backend::Postgres, Logical::Json) => "jsonb".into(),
    }
}

pub fn micros(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}

pub fn from_micros(us: i64) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(us) * 1000)
        .map_err(|_| StoreError::Database(format!("timestamp {us} out of range")))
}

/// A decimal as an integer of `scale` minor digits (SQLite storage, money amounts).
pub fn scaled(d: Decimal, scale: u32) -> Result<i64> {
    let mut d = d;
    d.rescale(scale);
    i64::try_from(d.mantissa()).map_err(|_| StoreError::Database(format!("{d} does not fit 64 bits at scale {scale}")))
}

pub fn unscaled(i: i64, scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(i128::from(i), scale)
}

/// The bound value of a cell in a column of `logical` type, typed even when null
/// (PostgreSQL checks the type of a null parameter).
pub fn to_sea(backend: Backend, logical: Logical, cell: &Cell) -> Result<Sea> {
    let wrong = || StoreError::Database(format!("value {cell:?} does not fit a {logical:?} column"));
    let v = match (backend, logical, cell) {
        (_, Logical::Integer | Logical::Minor, Cell::Int(i)) => Sea::BigInt(Some(*i)),
        (_, Logical::Integer | Logical::Minor, Cell::Null) => Sea::BigInt(None),
        (_, Logical::Text, Cell::Text(s)) => Sea::String(Some(s.clone())),
        (_, Logical::Text, Cell::Null) => Sea::String(None),
        (Backend::Sqlite, Logical::Uuid, Cell::Uuid(u)) => Sea::Bytes(Some(u.as_bytes().to_vec())),
        (Backend::Sqlite, Logical::Uuid, Cell::Null) => Sea::Bytes(None),
        (Backend::Postgres, Logical::Uuid, Cell::Uuid(u)) => Sea::Uuid(Some(*u)),
        (Backend::Postgres, Logical::Uuid, Cell::Null) => Sea::Uuid(None),
        (Backend::Sqlite, Logical::Boolean, Cell::Bool(b)) => Sea::BigInt(Some(i64::from(*b))),
        (Backend::Sqlite, Logical::Boolean, Cell::Null) => Sea::BigInt(None),
        (Backend::Postgres, Logical::Boolean, Cell::Bool(b)) => Sea::Bool(Some(*b)),
        (Backend::Postgres, Logical::Boolean, Cell::Null) => Sea::Bool(None),
        (Backend::Sqlite, Logical::DateTime, Cell::DateTime(t)) => Sea::BigInt(Some(micros(*t))),
        (Backend::Sqlite, Logical::DateTime, Cell::Null) => Sea::BigInt(None),
        (Backend::Postgres, Logical::DateTime, Cell::DateTime(t)) => Sea::TimeDateTimeWithTimeZone(Some(*t)),
        (Backend::Postgres, Logical::DateTime, Cell::Null) => Sea::TimeDateTimeWithTimeZone(None),
        (Backend::Sqlite, Logical::Date, Cell::Date(d)) => Sea::String(Some(rapport_model::value::format_date(*d))),
        (Backend::Sqlite, Logical::Date, Cell::Null) => Sea::String(None),
        (Backend::Postgres, Logical::Date, Cell::Date(d)) => Sea::TimeDate(Some(*d)),
        (Backend::Postgres, Logical::Date, Cell::Null) => Sea::TimeDate(None),
        (Backend::Sqlite, Logical::Decimal { scale, .. }, Cell::Decimal(d)) => {
            Sea::BigInt(Some(scaled(*d, u32::from(scale))?))
        }
        (Backend::Sqlite, Logical::Decimal { .. }, Cell::Null) => Sea::BigInt(None),
        (Backend::Postgres, Logical::Decimal { .. }, Cell::Decimal(d)) => Sea::Decimal(Some(*d)),
        (Backend::Postgres, Logical::Decimal { .. }, Cell::Null) => Sea::Decimal(None),
        (Backend::Sqlite, Logical::Json, Cell::Json(j)) => Sea::String(Some(j.to_string())),
        (Backend::Sqlite, Logical::Json, Cell::Null) => Sea::String(None),
        (Backend::Postgres, Logical::Json, Cell::Json(j)) => Sea::Json(Some(Box::new(j.clone()))),
        (Backend::Postgres, Logical::Json, Cell::Null) => Sea::Json(None),
        _ => return Err(wrong()),
    };
    Ok(v)
}

/// A cell as a bound expression for a column of `logical` type (see [`to_sea`]).
pub fn bind(b: Backend, logical: Logical, cell: &Cell) -> Result<SimpleExpr> {
    Ok(to_sea(b, logical, cell)?.into())
}

pub fn sqlite_cell(v: rusqlite::types::ValueRef<'_>, kind: Logical) -> Result<Cell> {
    use rusqlite::types::ValueRef as V;
    let bad = || StoreError::Database(format!("unexpected SQLite value {v:?} for a {kind:?} column"));
    Ok(match (v, kind) {
        (V::Null, _) => Cell::Null,
        (V::Integer(i), Logical::Integer | Logical::Minor) => Cell::Int(i),
        (V::Integer(i), Logical::Boolean) => Cell::Bool(i != 0),
        (V::Integer(i), Logical::DateTime) => Cell::DateTime(from_micros(i)?),
        (V::Integer(i), Logical::Decimal { scale, .. }) => Cell::Decimal(unscaled(i, u32::from(scale))),
        (V::Blob(b), Logical::Uuid) => Cell::Uuid(Uuid::from_slice(b).map_err(|_| bad())?),
        (V::Text(t), Logical::Text) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
        (V::Text(t), Logical::Date) => {
            Cell::Date(rapport_model::value::parse_date(&String::from_utf8_lossy(t)).ok_or_else(bad)?)
        }
        (V::Text(t), Logical::Json) => Cell::Json(serde_json::from_slice(t).map_err(|_| bad())?),
        _ => return Err(bad()),
    })
}

pub fn pg_cell(row: &tokio_postgres::Row, i: usize, kind: Logical) -> Result<Cell> {
    fn get<'a, T: tokio_postgres::types::FromSql<'a>>(row: &'a tokio_postgres::Row, i: usize) -> Result<Option<T>> {
        row.try_get::<_, Option<T>>(i).map_err(|e| StoreError::Database(format!("column {i}: {e}")))
    }
    let cell = match kind {
        Logical::Integer | Logical::Minor => get::<i64>(row, i)?.map(Cell::Int),
        Logical::Text => get::<String>(row, i)?.map(Cell::Text),
        Logical::Uuid => get::<Uuid>(row, i)?.map(Cell::Uuid),
        Logical::Boolean => get::<bool>(row, i)?.map(Cell::Bool),
        Logical::DateTime => get::<OffsetDateTime>(row, i)?.map(Cell::DateTime),
        Logical::Date => get::<time::Date>(row, i)?.map(Cell::Date),
        Logical::Decimal { .. } => get::<Decimal>(row, i)?.map(Cell::Decimal),
        Logical::Json => get::<serde_json::Value>(row, i)?.map(Cell::Json),
    };
    Ok(cell.unwrap_or(Cell::Null))
}
