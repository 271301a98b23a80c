//! Compiles the filter AST to a SQL condition with bound parameters only. Each
//! condition is typed against its field: a value that does not fit is an error that
//! names the field, never a silent mismatch. `like`, `ilike`, `contains` and
//! `startswith` compare folded text (DESIGN §4), so they behave the same on both
//! databases.

use std::str::FromStr;

use rapport_model::field::ColumnRole;
use rapport_model::filter::{Condition, Filter, Op, Operand};
use rapport_model::{Actor, Column, FieldDef, FieldType, Logical, ModelError, ObjectDef, fold};
use rust_decimal::Decimal;
use sea_query::{Cond, Expr, ExprTrait, LikeExpr, Query, SimpleExpr};
use uuid::Uuid;

use crate::conn::{Backend, Cell};
use crate::ddl::q;
use crate::error::{Result, StoreError};
use crate::records::bind;

/// What a filter compiles against.
pub struct Scope<'a> {
    pub backend: Backend,
    pub object: &'a ObjectDef,
    pub actor: &'a Actor,
}

/// A field a path names: a visible field of the object or a system field.
pub fn resolve_field(object: &ObjectDef, api_name: &str) -> Result<FieldDef> {
    if let Ok(field) = object.field_by_api(api_name) {
        return Ok(field.clone());
    }
    ObjectDef::system_fields()
        .into_iter()
        .find(|f| f.api_name == api_name)
        .ok_or_else(|| ModelError::UnknownField { object: object.api_name.clone(), field: api_name.into() }.into())
}

pub fn compile(scope: &Scope<'_>, filter: &Filter) -> Result<SimpleExpr> {
    Ok(match filter {
        Filter::And(children) => children.iter().try_fold(Cond::all(), |c, f| Ok::<_, StoreError>(c.add(compile(scope, f)?)))?.into(),
        Filter::Or(children) => children.iter().try_fold(Cond::any(), |c, f| Ok::<_, StoreError>(c.add(compile(scope, f)?)))?.into(),
        Filter::Not(inner) => compile(scope, inner)?.not(),
        Filter::Cond(c) => condition(scope, c)?,
    })
}

fn path_name(c: &Condition) -> String {
    c.path.join(".")
}

fn bad_value(c: &Condition, value: &str, expected: &'static str) -> StoreError {
    StoreError::BadFilterValue { field: path_name(c), value: value.into(), expected }
}

fn bad_op(c: &Condition) -> StoreError {
    StoreError::BadOperator { field: path_name(c), op: c.op.as_str().into() }
}

fn condition(scope: &Scope<'_>, c: &Condition) -> Result<SimpleExpr> {
    let field = resolve_field(scope.object, &c.path[0])?;
    if let Some(kind) = field.kind.contact_kind() {
        return contact_condition(scope, &field, kind.as_str(), c);
    }
    let part = c.path.get(1).map(String::as_str);
    if c.path.len() > 2 {
        return Err(ModelError::UnknownField { object: scope.object.api_name.clone(), field: path_name(c) }.into());
    }
    let columns = field.columns();
    let target = match part {
        Some(p) => {
            let col = crate::columns::part_column(&field, p)
                .ok_or_else(|| ModelError::UnknownField { object: scope.object.api_name.clone(), field: path_name(c) })?;
            Target::Part(col)
        }
        None => Target::Whole,
    };
    if c.op == Op::Is {
        let cols: Vec<Column> = match &target {
            Target::Part(col) => vec![col.clone()],
            Target::Whole => columns.iter().filter(|c| c.role != ColumnRole::Folded).cloned().collect(),
        };
        return null_check(scope, &cols, c);
    }
    match target {
        Target::Part(col) => {
            if !matches!(c.op, Op::Eq | Op::Neq | Op::Gt | Op::Gte | Op::Lt | Op::Lte | Op::In | Op::Nin) {
                return Err(bad_op(c));
            }
            let value_kind = if col.role == ColumnRole::Part("amount") { PartKind::Amount(&field) } else { PartKind::Text };
            compare(scope, &col, c, &|s| part_cell(value_kind.clone(), s, c))
        }
        Target::Whole => {
            if !field.kind.operators().contains(&c.op) {
                return Err(bad_op(c));
            }
            whole_field(scope, &field, c)
        }
    }
}

enum Target {
    Whole,
    Part(Column),
}

#[derive(Clone)]
enum PartKind<'a> {
    Text,
    Amount(&'a FieldDef),
}

fn part_cell(kind: PartKind<'_>, s: &str, c: &Condition) -> Result<Cell> {
    match kind {
        PartKind::Text => Ok(Cell::Text(s.to_owned())),
        PartKind::Amount(field) => amount_cell(field, s, c),
    }
}

fn amount_cell(field: &FieldDef, s: &str, c: &Condition) -> Result<Cell> {
    let FieldType::Currency { scale } = field.kind else { return Err(bad_op(c)) };
    let d = Decimal::from_str(s.trim()).map_err(|_| bad_value(c, s, "a number"))?;
    Ok(Cell::Int(crate::types::scaled(d, u32::from(scale)).map_err(|_| bad_value(c, s, "an amount in range"))?))
}

fn column_expr(scope: &Scope<'_>, col: &Column) -> Expr {
    Expr::col((scope.object.table(), col.name.clone()))
}

fn null_check(scope: &Scope<'_>, cols: &[Column], c: &Condition) -> Result<SimpleExpr> {
    let all_null = cols.iter().fold(Cond::all(), |acc, col| acc.add(column_expr(scope, col).is_null()));
    match &c.operand {
        Operand::Null => Ok(all_null.into()),
        Operand::NotNull => Ok(SimpleExpr::from(all_null).not()),
        _ => Err(bad_op(c)),
    }
}

/// Applies a comparison operator to one column, typing each operand with `cell_of`.
fn compare(scope: &Scope<'_>, col: &Column, c: &Condition, cell_of: &dyn Fn(&str) -> Result<Cell>) -> Result<SimpleExpr> {
    let b = scope.backend;
    let e = column_expr(scope, col);
    let one = |s: &str| -> Result<SimpleExpr> { bind(b, col.logical, &cell_of(s)?) };
    let list = |items: &[String]| -> Result<Vec<SimpleExpr>> { items.iter().map(|s| one(s)).collect() };
    Ok(match (&c.op, &c.operand) {
        (Op::Eq, Operand::Value(v)) => e.eq(one(v)?),
        (Op::Neq, Operand::Value(v)) => {
            // "Not this value" includes empty ones, as users expect.
            Cond::any().add(e.clone().ne(one(v)?)).add(e.is_null()).into()
        }
        (Op::Gt, Operand::Value(v)) => e.gt(one(v)?),
        (Op::Gte, Operand::Value(v)) => e.gte(one(v)?),
        (Op::Lt, Operand::Value(v)) => e.lt(one(v)?),
        (Op::Lte, Operand::Value(v)) => e.lte(one(v)?),
        (Op::In, Operand::List(items)) if items.is_empty() => Expr::cust("1 = 0"),
        (Op::In, Operand::List(items)) => e.is_in(list(items)?),
        (Op::Nin, Operand::List(items)) if items.is_empty() => Expr::cust("1 = 1"),
        (Op::Nin, Operand::List(items)) => Cond::any().add(e.clone().is_not_in(list(items)?)).add(e.is_null()).into(),
        _ => return Err(bad_op(c)),
    })
}

/// Escapes LIKE wildcards in user text matched literally.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The LIKE pattern of a text-matching operator, over folded text.
fn like_pattern(c: &Condition) -> Result<String> {
    let Operand::Value(v) = &c.operand else { return Err(bad_op(c)) };
    let folded = fold(v);
    Ok(match c.op {
        Op::Like | Op::Ilike => folded,
        Op::Contains => format!("%{}%", escape_like(&folded)),
        Op::StartsWith => format!("{}%", escape_like(&folded)),
        _ => return Err(bad_op(c)),
    })
}

fn like(e: Expr, pattern: String, escaped: bool) -> SimpleExpr {
    let like = LikeExpr::new(pattern);
    e.like(if escaped { like.escape('\\') } else { like })
}

fn whole_field(scope: &Scope<'_>, field: &FieldDef, c: &Condition) -> Result<SimpleExpr> {
    let columns = field.columns();
    let folded = columns.iter().find(|c| c.role == ColumnRole::Folded).cloned();
    if let (FieldType::MultiSelect { options }, Op::Contains, Operand::Value(v)) = (&field.kind, c.op, &c.operand) {
        return has_option(scope, field, options, v, c);
    }
    if c.op.is_text_match() {
        let pattern = like_pattern(c)?;
        let escaped = matches!(c.op, Op::Contains | Op::StartsWith);
        return match (&field.kind, folded) {
            (_, Some(col)) => Ok(like(column_expr(scope, &col), pattern, escaped)),
            (FieldType::Phone { multiple: false }, None) => {
                let col = sort_or_value(field)?;
                let Operand::Value(v) = &c.operand else { return Err(bad_op(c)) };
                let digits = rapport_model::contact::normalize_phone(v, "US").unwrap_or_else(|_| v.trim().to_owned());
                Ok(like(column_expr(scope, &col), format!("{}%", escape_like(&digits)), true))
            }
            _ => Err(bad_op(c)),
        };
    }
    let value_col = sort_or_value(field)?;
    match &field.kind {
        // Names compare by their folded "last first" key.
        FieldType::FullName => compare(scope, &value_col, c, &|s| Ok(Cell::Text(fold(s)))),
        FieldType::Currency { .. } => compare(scope, &value_col, c, &|s| amount_cell(field, s, c)),
        FieldType::MultiSelect { .. } => Err(bad_op(c)),
        kind => compare(scope, &value_col, c, &|s| typed_cell(scope, kind, s, c)),
    }
}

fn sort_or_value(field: &FieldDef) -> Result<Column> {
    field
        .kind
        .sort_column(&field.id)
        .or_else(|| field.columns().into_iter().find(|c| c.role == ColumnRole::Value))
        .ok_or_else(|| StoreError::Database(format!("field {} has no value column", field.id)))
}

/// A filter operand typed for a scalar field.
fn typed_cell(scope: &Scope<'_>, kind: &FieldType, s: &str, c: &Condition) -> Result<Cell> {
    let t = s.trim();
    Ok(match kind {
        FieldType::Integer { .. } | FieldType::Rating { .. } => Cell::Int(t.parse().map_err(|_| bad_value(c, s, "an integer"))?),
        FieldType::Decimal { .. } | FieldType::Percent { .. } => {
            Cell::Decimal(Decimal::from_str(t).map_err(|_| bad_value(c, s, "a number"))?)
        }
        FieldType::Boolean => Cell::Bool(match t {
            "true" => true,
            "false" => false,
            _ => return Err(bad_value(c, s, "true or false")),
        }),
        FieldType::Date => Cell::Date(rapport_model::value::parse_date(t).ok_or_else(|| bad_value(c, s, "a date (YYYY-MM-DD)"))?),
        FieldType::DateTime => Cell::DateTime(
            rapport_model::value::parse_datetime(t)
                .or_else(|| rapport_model::value::parse_date(t).map(|d| d.midnight().assume_utc()))
                .ok_or_else(|| bad_value(c, s, "a date and time (RFC 3339)"))?,
        ),
        FieldType::Select { options } => {
            if !options.iter().any(|o| o.value == t) {
                return Err(bad_value(c, s, "one of the field's options"));
            }
            Cell::Text(t.to_owned())
        }
        FieldType::Relation { .. } | FieldType::Attachment => {
            if t == "me" {
                scope.actor.user_id().map_or(Cell::Null, Cell::Uuid)
            } else {
                Cell::Uuid(Uuid::from_str(t).map_err(|_| bad_value(c, s, "a record id or `me`"))?)
            }
        }
        FieldType::Email { multiple: false } => Cell::Text(t.to_lowercase()),
        FieldType::Phone { multiple: false } => {
            Cell::Text(rapport_model::contact::normalize_phone(t, "US").unwrap_or_else(|_| t.to_owned()))
        }
        _ => Cell::Text(t.to_owned()),
    })
}

/// Conditions on contact points are `EXISTS` over the child rows of the record.
fn contact_condition(scope: &Scope<'_>, field: &FieldDef, kind: &str, c: &Condition) -> Result<SimpleExpr> {
    if c.path.len() > 1 || !field.kind.operators().contains(&c.op) {
        return Err(bad_op(c));
    }
    let b = scope.backend;
    let mut sub = Query::select();
    sub.expr(Expr::cust("1"))
        .from("contact_points")
        .and_where(Expr::col(("contact_points", "object_id")).eq(bind(b, Logical::Text, &Cell::Text(scope.object.id.clone()))?))
        .and_where(Expr::col(("contact_points", "field_id")).eq(bind(b, Logical::Text, &Cell::Text(field.id.clone()))?))
        .and_where(Expr::col(("contact_points", "record_id")).equals((scope.object.table(), "id".to_owned())));
    let normalized = Expr::col(("contact_points", "normalized"));
    match (&c.op, &c.operand) {
        (Op::Is, Operand::Null) => return Ok(Expr::exists(sub).not()),
        (Op::Is, Operand::NotNull) => return Ok(Expr::exists(sub)),
        (Op::Eq, Operand::Value(v)) => {
            let n = match kind {
                "email" => rapport_model::contact::normalize_email(v).unwrap_or_else(|_| v.trim().to_lowercase()),
                "phone" => rapport_model::contact::normalize_phone(v, "US").unwrap_or_else(|_| v.trim().to_owned()),
                "url" => rapport_model::contact::normalize_url(v).unwrap_or_else(|_| v.trim().to_owned()),
                _ => fold(v.trim()),
            };
            sub.and_where(normalized.eq(bind(b, Logical::Text, &Cell::Text(n))?));
        }
        (Op::Contains | Op::StartsWith, Operand::Value(_)) => {
            sub.and_where(like(normalized, like_pattern(c)?, true));
        }
        _ => return Err(bad_op(c)),
    }
    Ok(Expr::exists(sub))
}

/// A multi-select holds an option: a JSON array membership test on either database.
fn has_option(
    scope: &Scope<'_>,
    field: &FieldDef,
    options: &[rapport_model::SelectOption],
    value: &str,
    c: &Condition,
) -> Result<SimpleExpr> {
    let value = value.trim();
    if !options.iter().any(|o| o.value == value) {
        return Err(bad_value(c, value, "one of the field's options"));
    }
    let column = format!("{}.{}", q(&scope.object.table()), q(&field.id));
    let cell = [bind(scope.backend, Logical::Text, &Cell::Text(value.to_owned()))?];
    Ok(match scope.backend {
        Backend::Sqlite => Expr::cust_with_exprs(format!("EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"), cell),
        Backend::Postgres => Expr::cust_with_exprs(format!("{column} @> jsonb_build_array(CAST($1 AS text))"), cell),
    })
}
