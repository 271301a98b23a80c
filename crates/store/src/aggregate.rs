//! Totals of a list: how many records match and the sum of a money field per currency,
//! optionally grouped by the value of one field (the columns of a kanban board) or of
//! several (each rep's deals by stage, for a manager's Home). One
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
    let by = TotalsByQuery {
        list: query.list.clone(),
        group_by: query.group_by.iter().cloned().collect(),
        sum: query.sum.clone(),
    };
    let groups = totals_by(conn, reader, values, object, &by).await?;
    Ok(groups
        .into_iter()
        .map(|g| Totals { key: g.keys.into_iter().next().unwrap_or(Value::Null), count: g.count, sums: g.sums })
        .collect())
}

/// The totals of one group of several grouping fields.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotals {
    /// The grouping fields' values in this group, in the order of the query's
    /// `group_by` (`Value::Null` where the records have none).
    pub keys: Vec<Value>,
    pub count: i64,
    /// The sum of the money field per currency, by currency code.
    pub sums: Vec<(String, Decimal)>,
}

/// What to total by several fields at once (a rep's open deals by stage: `owner`,
/// `stage`).
#[derive(Debug, Clone, Default)]
pub struct TotalsByQuery {
    pub list: ListQuery,
    /// API names of groupable fields (see [`TotalsQuery::group_by`]); none totals the
    /// whole list.
    pub group_by: Vec<String>,
    pub sum: Option<String>,
}

/// The most fields a total may be grouped by.
pub const MAX_GROUP_BY: usize = 4;

/// The totals of `query` over `object`, one entry per combination of the grouping
/// fields' values that has records, in the order of the grouping columns (a group with
/// NULL keys after those with values, key by key) — one statement,
/// `SELECT k1, k2, currency, COUNT(*), SUM(amount) … GROUP BY k1, k2, currency`.
pub async fn totals_by(
    conn: &Conn<'_>,
    reader: Reader<'_>,
    values: &ValueContext,
    object: &ObjectDef,
    query: &TotalsByQuery,
) -> Result<Vec<GroupTotals>> {
    let b = conn.backend();
    let table = object.table();
    if query.group_by.len() > MAX_GROUP_BY {
        return Err(StoreError::BadOperator { field: query.group_by[MAX_GROUP_BY].clone(), op: "group_by".into() });
    }
    let groups = query.group_by.iter().map(|name| resolve_field(object, name)).collect::<Result<Vec<_>>>()?;
    if let Some(field) = groups.iter().find(|f| !groupable(f)) {
        return Err(StoreError::BadOperator { field: field.api_name.clone(), op: "group_by".into() });
    }
    let money = query.sum.as_deref().map(|name| resolve_field(object, name)).transpose()?;
    let scale = match &money {
        Some(FieldDef { kind: FieldType::Currency { scale }, .. }) => u32::from(*scale),
        Some(field) => return Err(StoreError::BadOperator { field: field.api_name.clone(), op: "sum".into() }),
        None => 0,
    };
    let group_columns: Vec<_> = groups.iter().filter_map(|f| f.columns().into_iter().next()).collect();
    let money_columns = money.as_ref().map(FieldDef::columns).unwrap_or_default();

    let mut select = Query::select();
    let mut kinds = Vec::new();
    let mut grouped = Vec::new();
    for column in &group_columns {
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

    let mut out: Vec<GroupTotals> = Vec::new();
    for row in conn.query(&select, &kinds).await? {
        let mut cells = row.into_iter();
        let mut keys = Vec::with_capacity(groups.len());
        for field in &groups {
            keys.push(crate::columns::decode(field, &mut [cells.next().unwrap_or(Cell::Null)])?);
        }
        let currency = if money.is_some() { cells.next().and_then(Cell::into_text) } else { None };
        let count = cells.next().and_then(|c| c.as_i64()).unwrap_or(0);
        let sum = match cells.next() {
            Some(Cell::Decimal(minor)) => Some(from_minor(minor, scale)?),
            _ => None,
        };
        // The database orders NULL first on SQLite and last on PostgreSQL: groups are
        // merged by their keys here, and NULL keys put last on both.
        let at = match out.iter().position(|t| t.keys == keys) {
            Some(i) => i,
            None => {
                out.push(GroupTotals { keys, count: 0, sums: Vec::new() });
                out.len() - 1
            }
        };
        let totals = &mut out[at];
        totals.count += count;
        if let (Some(currency), Some(sum)) = (currency, sum) {
            totals.sums.push((currency, sum));
        }
    }
    out.sort_by_key(|t| t.keys.iter().map(Value::is_null).collect::<Vec<_>>());
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

    /// The totals of a list of `object` as `actor` reads it, grouped by several fields
    /// (see [`totals_by`]).
    pub async fn totals_by(&self, actor: &Actor, object: &str, query: TotalsByQuery) -> Result<Vec<GroupTotals>> {
        let schema = self.schema().await?;
        let object = schema.object_by_api(object)?.clone();
        let (actor, values) = (actor.clone(), self.values().clone());
        self.db()
            .read(move |c| {
                Box::pin(async move {
                    let view = actor.view(&object);
                    let reader = Reader { actor: &actor, action: Action::Read, cursor_key: &[] };
                    totals_by(c, reader, &values, &view, &query).await
                })
            })
            .await
    }
}
