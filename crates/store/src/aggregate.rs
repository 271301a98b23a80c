//! Totals of a list: how many records match and the sum of a money field per currency,
//! optionally grouped by the value of one field (the columns of a kanban board). One
//! statement, `SELECT key, currency, COUNT(*), SUM(amount) … GROUP BY key, currency`,
//! whose `WHERE` is the list's own base condition: the reader's reach, the filter and
//! the search are in the SQL exactly as [`crate::page::list`] has them, so a total never
//! counts a row the list would not show.

use rapport_model::{Action, Actor, FieldDef, FieldType, Logical, ObjectDef, Value, ValueContext};
use rust_decimal::Decimal;
use sea_query::{Expr, ExprTrait, Order, Query};

use crate::conn::{Cell, Conn};
use crate::error::{Result, StoreError};
use crate::filter::resolve_field;
use crate::page::{ListQuery, Reader, base_condition};
use crate::store::Store;

/// The totals of one group (or of the whole list when it is not grouped).
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// The grouping field's value in this group (`Value::Null` for the records without
    /// one, and for the one group of an ungrouped list).
    pub key: Value,
    /// How many records the group has.
    pub count: i64,
    /// The sum of the money field per currency, by currency code; records without an
    /// amount add nothing (and a group of such records has no sums).
    pub sums: Vec<(String, Decimal)>,
}

/// What to total.
#[derive(Debug, Clone, Default)]
pub struct TotalsQuery {
    /// Which records: the filter and the search of a list (sort, limit and cursor are
    /// not used).
    pub list: ListQuery,
    /// The API name of the field to group by: one with a single column that compares by
    /// equality (select, relation, text, number, date, boolean, owner, team…).
    pub group_by: Option<String>,
    /// The API name of a currency field to sum.
    pub sum: Option<String>,
}

/// A field a list can be grouped by: one column, compared whole.
fn groupable(field: &FieldDef) -> bool {
    field.columns().len() == 1
        && !matches!(
            field.kind,
            FieldType::LongText
                | FieldType::Json
                | FieldType::MultiSelect { .. }
                | FieldType::Formula { .. }
                | FieldType::Rollup { .. }
        )
}

/// The totals of `query` over `object` (the reader's view of it), one entry per group
/// in the order of the grouping column (NULL last).
pub async fn totals(
    conn: &Conn<'_>,
    reader: Reader<'_>,
    values: &ValueContext,
    object: &ObjectDef,
    query: &TotalsQuery,
) -> Result<Vec<Totals>> {
    let b = conn.backend();
    let table = object.table();
    let group = query.group_by.as_deref().map(|name| resolve_field(object, name)).transpose()?;
    if let Some(field) = group.as_ref().filter(|f| !groupable(f)) {
        return Err(StoreError::BadOperator { field: field.api_name.clone(), op: "group_by".into() });
    }
    let money = query.sum.as_deref().map(|name| resolve_field(object, name)).transpose()?;
    let scale = match &money {
        Some(FieldDef { kind: FieldType::Currency { scale }, .. }) => u32::from(*scale),
        Some(field) => return Err(StoreError::BadOperator { field: field.api_name.clone(), op: "sum".into() }),
        None => 0,
    };
    let group_column = group.as_ref().and_then(|f| f.columns().into_iter().next());
    let money_columns = money.as_ref().map(FieldDef::columns).unwrap_or_default();

    let mut select = Query::select();
    let mut kinds = Vec::new();
    let mut grouped = Vec::new();
    if let Some(column) = &group_column {
        select.expr(Expr::col((table.clone(), column.name.clone())));
        kinds.push(column.logical);
        grouped.push(column.name.clone());
    }
    if let [amount, currency] = money_columns.as_slice() {
        select.expr(Expr::col((table.clone(), currency.name.clone())));
        kinds.push(Logical::Text);
        grouped.push(currency.name.clone());
        select.expr(Expr::cust("COUNT(*)"));
        kinds.push(Logical::Integer);
        // SQLite sums integers exactly (an overflow is an error, never a rounded
        // float); PostgreSQL's SUM(bigint) is numeric. Both decode as whole minor units.
        select.expr(Expr::col((table.clone(), amount.name.clone())).sum());
        kinds.push(Logical::Decimal { precision: 38, scale: 0 });
    } else {
        select.expr(Expr::cust("COUNT(*)"));
        kinds.push(Logical::Integer);
    }
    select.from(table.clone()).cond_where(base_condition(b, object, reader, values, &query.list)?);
    for name in &grouped {
        select.group_by_col((table.clone(), name.clone()));
        select.order_by((table.clone(), name.clone()), Order::Asc);
    }

    let mut out: Vec<Totals> = Vec::new();
    for row in conn.query(&select, &kinds).await? {
        let mut cells = row.into_iter();
        let key = match &group {
            Some(field) => crate::columns::decode(field, &mut [cells.next().unwrap_or(Cell::Null)])?,
            None => Value::Null,
        };
        let currency = if money.is_some() { cells.next().and_then(Cell::into_text) } else { None };
        let count = cells.next().and_then(|c| c.as_i64()).unwrap_or(0);
        let sum = match cells.next() {
            Some(Cell::Decimal(minor)) => Some(from_minor(minor, scale)?),
            _ => None,
        };
        // The database orders NULL first on SQLite and last on PostgreSQL: groups are
        // merged by key here, and the NULL group put last on both.
        let at = match out.iter().position(|t| t.key == key) {
            Some(i) => i,
            None => {
                out.push(Totals { key, count: 0, sums: Vec::new() });
                out.len() - 1
            }
        };
        let totals = &mut out[at];
        totals.count += count;
        if let (Some(currency), Some(sum)) = (currency, sum) {
            totals.sums.push((currency, sum));
        }
    }
    out.sort_by_key(|t| t.key.is_null());
    for totals in &mut out {
        totals.sums.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(out)
}

/// A sum of minor units as an amount of `scale` decimals.
fn from_minor(mut minor: Decimal, scale: u32) -> Result<Decimal> {
    minor.rescale(0);
    Decimal::try_from_i128_with_scale(minor.mantissa(), scale)
        .map_err(|_| StoreError::Database(format!("a sum of {minor} minor units does not fit scale {scale}")))
}

impl Store {
    /// The totals of a list of `object` as `actor` reads it (see [`totals`]).
    pub async fn totals(&self, actor: &Actor, object: &str, query: TotalsQuery) -> Result<Vec<Totals>> {
        let schema = self.schema().await?;
        let object = schema.object_by_api(object)?.clone();
        let (actor, values) = (actor.clone(), self.values().clone());
        self.db()
            .read(move |c| {
                Box::pin(async move {
                    let view = actor.view(&object);
                    // Totals have no pages: the cursor key seals nothing here.
                    let reader = Reader { actor: &actor, action: Action::Read, cursor_key: &[] };
                    totals(c, reader, &values, &view, &query).await
                })
            })
            .await
    }
}
