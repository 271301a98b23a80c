//! A field value as the cells of its columns, and back: the one place that knows how
//! each field type is laid out in its table.

use rapport_model::field::ColumnRole;
use rapport_model::{Address, FieldDef, FieldType, FullName, Value, fold};
use serde_json::Value as Json;

use crate::conn::Cell;
use crate::error::{Result, StoreError};
use crate::types::{scaled, unscaled};

/// The cells of a field's columns, in the order of `field.columns()`.
pub fn encode(field: &FieldDef, value: &Value) -> Result<Vec<Cell>> {
    let text = |s: &Option<String>| s.clone().map_or(Cell::Null, Cell::Text);
    let mut cells = match (&field.kind, value) {
        // Empty composites (a name without parts) clear every column, the folded one too.
        (_, v) if v.is_null() => field.columns().iter().map(|_| Cell::Null).collect(),
        (FieldType::Currency { scale }, Value::Money { amount, currency }) => {
            vec![Cell::Int(scaled(*amount, u32::from(*scale))?), Cell::Text(currency.clone())]
        }
        (FieldType::Address, Value::Address(a)) => {
            vec![text(&a.street), text(&a.city), text(&a.postcode), text(&a.region), text(&a.country)]
        }
        (FieldType::FullName, Value::Name(n)) => vec![text(&n.first), text(&n.last)],
        (_, Value::Text(s)) => vec![Cell::Text(s.clone())],
        (_, Value::Integer(i)) => vec![Cell::Int(*i)],
        (_, Value::Decimal(d)) => vec![Cell::Decimal(*d)],
        (_, Value::Bool(b)) => vec![Cell::Bool(*b)],
        (_, Value::Date(d)) => vec![Cell::Date(*d)],
        (_, Value::DateTime(t)) => vec![Cell::DateTime(*t)],
        (_, Value::Uuid(u)) => vec![Cell::Uuid(*u)],
        (_, Value::List(items)) => vec![Cell::Json(Json::from(items.clone()))],
        (_, Value::Json(j)) => vec![Cell::Json(j.clone())],
        (_, Value::Contacts(_)) => Vec::new(),
        (kind, v) => {
            return Err(StoreError::Database(format!("a {v:?} cannot be stored in a {} field", kind.type_name())));
        }
    };
    if field.kind.has_folded_column() && !value.is_null() {
        let folded = match value {
            Value::Name(n) => n.sort_key(),
            Value::Text(s) => fold(s),
            _ => String::new(),
        };
        cells.push(Cell::Text(folded));
    }
    Ok(cells)
}

/// The value of a field from the cells of its columns, which it takes (each cell
/// becomes part of the value without a copy; the slice is left holding nulls).
pub fn decode(field: &FieldDef, cells: &mut [Cell]) -> Result<Value> {
    let mut take = |i: usize| cells.get_mut(i).map(std::mem::take).unwrap_or_default();
    let first = take(0);
    let mut part = |i: usize| take(i).into_text();
    let value = match &field.kind {
        FieldType::Currency { scale } => match (&first, part(1)) {
            (Cell::Int(minor), Some(currency)) => {
                let stored = unscaled(*minor, u32::from(*scale));
                // Shown with the currency's decimals, unless that would lose a digit.
                let mut amount = stored;
                amount.rescale(rapport_model::value::money_scale(*scale, &currency));
                Value::Money { amount: if amount == stored { amount } else { stored }, currency }
            }
            _ => Value::Null,
        },
        FieldType::Address => {
            let a = Address {
                street: first.into_text(),
                city: part(1),
                postcode: part(2),
                region: part(3),
                country: part(4),
            };
            if a.is_empty() { Value::Null } else { Value::Address(a) }
        }
        FieldType::FullName => {
            let n = FullName { first: first.into_text(), last: part(1) };
            if n.first.is_none() && n.last.is_none() { Value::Null } else { Value::Name(n) }
        }
        FieldType::MultiSelect { .. } => match first {
            Cell::Json(Json::Array(items)) => {
                Value::List(items.into_iter().filter_map(|i| i.as_str().map(str::to_owned)).collect())
            }
            _ => Value::Null,
        },
        _ => match first {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::Integer(i),
            Cell::Text(s) => Value::Text(s),
            Cell::Bool(b) => Value::Bool(b),
            Cell::Uuid(u) => Value::Uuid(u),
            Cell::DateTime(t) => Value::DateTime(t),
            Cell::Date(d) => Value::Date(d),
            Cell::Decimal(d) => Value::Decimal(d.normalize()),
            Cell::Json(j) => Value::Json(j),
        },
    };
    Ok(value)
}

/// The column that holds a part of a composite field (`address.city`).
pub fn part_column(field: &FieldDef, part: &str) -> Option<rapport_model::Column> {
    let part = static_part(part)?;
    field.columns().into_iter().find(|c| c.role == ColumnRole::Part(part))
}

/// Parts are a closed set of static names; map a runtime name onto them.
fn static_part(part: &str) -> Option<&'static str> {
    rapport_model::field::ADDRESS_PARTS
        .iter()
        .chain(rapport_model::field::NAME_PARTS.iter())
        .chain(["amount", "currency"].iter())
        .find(|p| **p == part)
        .copied()
}
