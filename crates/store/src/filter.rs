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
use crate::types::bind;

/// What a filter compiles against.
pub struct Scope<'a> {
    pub backend: Backend,
    pub object: &'a ObjectDef,
    pub actor: &'a Actor,
    /// The region for phone numbers typed without a country code.
    pub values: &'a rapport_model::ValueContext,
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

/// The SQL condition of a filter, after checking that it is within the language's
/// bounds (a filter built by code is held to them as much as one parsed from text).
pub fn compile(scope: &Scope<'_>, filter: &Filter) -> Result<SimpleExpr> {
    rapport_model::filter::check_bounds(filter).map_err(ModelError::from)?;
    compile_tree(scope, filter)
}

/// Whether every condition of `filter` is on a field of a handful of values (a select
/// or a yes/no field). Such a filter usually keeps a large share of the rows, so that a
/// sorted page is read fastest along the sort key's index, stopping once the page is
/// full, rather than through the filter's index and a sort of every match (see
/// `page::list`).
pub fn only_enumerations(object: &ObjectDef, filter: &Filter) -> bool {
    match filter {
        Filter::And(children) | Filter::Or(children) => children.iter().all(|f| only_enumerations(object, f)),
        Filter::Not(inner) => only_enumerations(object, inner),
        Filter::Cond(c) => {
            c.path.len() == 1
                && resolve_field(object, &c.path[0])
                    .is_ok_and(|f| matches!(f.kind, FieldType::Select { .. } | FieldType::Boolean))
        }
    }
}

fn compile_tree(scope: &Scope<'_>, filter: &Filter) -> Result<SimpleExpr> {
    Ok(match filter {
        Filter::And(children) => balanced(compile_all(scope, children)?, true),
        Filter::Or(children) => balanced(compile_all(scope, children)?, false),
        Filter::Not(inner) => is_not_true(scope.backend, compile_tree(scope, inner)?),
        Filter::Cond(c) => condition(scope, c)?,
    })
}

fn compile_all(scope: &Scope<'_>, children: &[Filter]) -> Result<Vec<SimpleExpr>> {
    children.iter().map(|f| compile_tree(scope, f)).collect()
}

/// `a AND b AND c …` (or `OR`) as a balanced tree rather than a chain, so that the
/// statement's expression depth grows with the logarithm of the conditions, not
/// with their number (SQLite refuses trees deeper than 1,000; every renderer
/// recurses).
fn balanced(mut exprs: Vec<SimpleExpr>, all: bool) -> SimpleExpr {
    match exprs.len() {
        0 => Expr::cust(if all { "1 = 1" } else { "1 = 0" }),
        1 => exprs.remove(0),
        n => {
            let right = exprs.split_off(n / 2);
            let (l, r) = (balanced(exprs, all), balanced(right, all));
            if all { l.and(r) } else { l.or(r) }
        }
    }
}

/// `(e) IS NOT TRUE`: true where `e` is false *or unknown*. A plain `NOT` would drop
/// the rows where `e` is NULL (an empty field under a comparison), so `not(f)` would
/// not be the complement of `f`; with this every filter is two-valued.
fn is_not_true(b: Backend, e: SimpleExpr) -> SimpleExpr {
    let template = match b {
        Backend::Sqlite => "(?) IS NOT TRUE",
        Backend::Postgres => "($1) IS NOT TRUE",
    };
    Expr::cust_with_exprs(template, [e])
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
            let col = crate::columns::part_column(&field, p).ok_or_else(|| ModelError::UnknownField {
                object: scope.object.api_name.clone(),
                field: path_name(c),
            })?;
            Target::Part(col)
        }
        None => Target::Whole,
    };
    if c.op == Op::Is {
        let cols: Vec<Column> = match &target {
            Target::Part(col) => vec![col.clone()],
            Target::Whole if !field.kind.operators().contains(&Op::Is) => return Err(bad_op(c)),
            Target::Whole if matches!(field.kind, FieldType::MultiSelect { .. }) => {
                return empty_selection(scope, &field, c);
            }
            Target::Whole => columns.iter().filter(|c| c.role != ColumnRole::Folded).cloned().collect(),
        };
        return null_check(scope, &cols, c);
    }
    match target {
        Target::Part(col) => {
            if !FieldType::PART_OPERATORS.contains(&c.op) {
                return Err(bad_op(c));
            }
            let value_kind = match col.role {
                ColumnRole::Part("amount") => PartKind::Amount(&field),
                ColumnRole::Part("currency") => PartKind::Currency,
                ColumnRole::Part("country") => PartKind::Country,
                _ => PartKind::Text,
            };
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

/// How the operand of a condition on a part of a composite field is typed.
#[derive(Clone)]
enum PartKind<'a> {
    Text,
    Amount(&'a FieldDef),
    /// ISO 4217 codes are stored upper-case, whatever case they were typed in.
    Currency,
    /// Countries are stored as ISO 3166 alpha-2 codes; input may be alpha-2 or alpha-3.
    Country,
}

fn part_cell(kind: PartKind<'_>, s: &str, c: &Condition) -> Result<Cell> {
    match kind {
        PartKind::Text => Ok(Cell::Text(s.to_owned())),
        PartKind::Amount(field) => amount_cell(field, s, c),
        PartKind::Currency => Ok(Cell::Text(s.trim().to_ascii_uppercase())),
        PartKind::Country => {
            let code = s.trim().to_ascii_uppercase();
            Ok(Cell::Text(rapport_model::iso::country(&code).map_or(code, |c| c.alpha2.to_owned())))
        }
    }
}

/// A money amount as the minor units it is stored in. An amount with more decimal
/// places than the field keeps would be rounded, and so compare wrongly: refused.
fn amount_cell(field: &FieldDef, s: &str, c: &Condition) -> Result<Cell> {
    let FieldType::Currency { scale } = field.kind else {
        return Err(bad_op(c));
    };
    let d = Decimal::from_str(s.trim()).map_err(|_| bad_value(c, s, "a number"))?.normalize();
    if d.scale() > u32::from(scale) {
        return Err(bad_value(c, s, "an amount with no more decimal places than the field keeps"));
    }
    Ok(Cell::Int(crate::types::scaled(d, u32::from(scale)).map_err(|_| bad_value(c, s, "an amount in range"))?))
}

/// A number a decimal column can hold: within its precision and scale. Anything else
/// would be rounded (SQLite stores scaled integers) or overflow, and compare
/// differently on the two databases: refused.
fn decimal_cell(t: &str, precision: u8, scale: u8, c: &Condition) -> Result<Cell> {
    let d = Decimal::from_str(t).map_err(|_| bad_value(c, t, "a number"))?.normalize();
    if d.scale() > u32::from(scale) {
        return Err(bad_value(c, t, "a number with no more decimal places than the field keeps"));
    }
    let digits = std::cmp::min(u32::from(precision.saturating_sub(scale)), 27);
    if d.abs() >= Decimal::from_i128_with_scale(10i128.pow(digits), 0) {
        return Err(bad_value(c, t, "a number in the field's range"));
    }
    Ok(Cell::Decimal(d))
}

/// `is:null` on a multi-select: nothing chosen, whether stored as NULL or as `[]`.
fn empty_selection(scope: &Scope<'_>, field: &FieldDef, c: &Condition) -> Result<SimpleExpr> {
    let column = format!("{}.{}", q(&scope.object.table()), q(&field.id));
    let length = match scope.backend {
        Backend::Sqlite => format!("json_array_length({column})"),
        Backend::Postgres => format!("jsonb_array_length({column})"),
    };
    match &c.operand {
        Operand::Null => Ok(Expr::cust(format!("({column} IS NULL OR {length} = 0)"))),
        Operand::NotNull => Ok(Expr::cust(format!("({column} IS NOT NULL AND {length} > 0)"))),
        _ => Err(bad_op(c)),
    }
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
/// An operand that types to no value (`me` for an actor who is no user) equals
/// nothing: `eq` and `in` do not match it, `neq` and `nin` match every row.
fn compare(
    scope: &Scope<'_>,
    col: &Column,
    c: &Condition,
    cell_of: &dyn Fn(&str) -> Result<Cell>,
) -> Result<SimpleExpr> {
    let b = scope.backend;
    let e = column_expr(scope, col);
    let never = || Expr::cust("1 = 0");
    let always = || Expr::cust("1 = 1");
    let one = |s: &str| -> Result<Option<SimpleExpr>> {
        let cell = cell_of(s)?;
        if cell.is_null() { Ok(None) } else { bind(b, col.logical, &cell).map(Some) }
    };
    let list = |items: &[String]| -> Result<Vec<SimpleExpr>> {
        Ok(items.iter().map(|s| one(s)).collect::<Result<Vec<_>>>()?.into_iter().flatten().collect())
    };
    Ok(match (&c.op, &c.operand) {
        (Op::Neq, Operand::Value(v)) => match one(v)? {
            // "Not this value" includes empty ones, as users expect.
            Some(v) => Cond::any().add(e.clone().ne(v)).add(e.is_null()).into(),
            None => always(),
        },
        (op @ (Op::Eq | Op::Gt | Op::Gte | Op::Lt | Op::Lte), Operand::Value(v)) => match (op, one(v)?) {
            (_, None) => never(),
            (Op::Eq, Some(v)) => e.eq(v),
            (Op::Gt, Some(v)) => e.gt(v),
            (Op::Gte, Some(v)) => e.gte(v),
            (Op::Lt, Some(v)) => e.lt(v),
            (_, Some(v)) => e.lte(v),
        },
        (Op::In, Operand::List(items)) => match list(items)? {
            values if values.is_empty() => never(),
            values => e.is_in(values),
        },
        (Op::Nin, Operand::List(items)) => match list(items)? {
            values if values.is_empty() => always(),
            values => Cond::any().add(e.clone().is_not_in(values)).add(e.is_null()).into(),
        },
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

/// The LIKE pattern of a text-matching operator over `text` (already folded or
/// normalised by the caller). In `like`/`ilike` patterns `%` and `_` are wildcards and
/// `\\` takes the next character literally, on both databases (a trailing lone `\\`
/// is itself literal); `contains` and `startswith` match their text literally.
fn like_pattern(op: Op, text: &str) -> Option<String> {
    Some(match op {
        Op::Like | Op::Ilike => {
            let trailing = text.chars().rev().take_while(|c| *c == '\\').count();
            if trailing % 2 == 1 { format!("{text}\\") } else { text.to_owned() }
        }
        Op::Contains => format!("%{}%", escape_like(text)),
        Op::StartsWith => format!("{}%", escape_like(text)),
        _ => return None,
    })
}

/// `e LIKE pattern ESCAPE '\\'`: the same escape character on both databases (without
/// one, PostgreSQL would still treat `\\` as an escape and SQLite would not).
fn like(e: Expr, pattern: String) -> SimpleExpr {
    e.like(LikeExpr::new(pattern).escape('\\'))
}

fn whole_field(scope: &Scope<'_>, field: &FieldDef, c: &Condition) -> Result<SimpleExpr> {
    let columns = field.columns();
    let folded = columns.iter().find(|c| c.role == ColumnRole::Folded).cloned();
    if let (FieldType::MultiSelect { options }, Op::Contains, Operand::Value(v)) = (&field.kind, c.op, &c.operand) {
        return has_option(scope, field, options, v, c);
    }
    if c.op.is_text_match() {
        let Operand::Value(v) = &c.operand else {
            return Err(bad_op(c));
        };
        return match (&field.kind, folded) {
            (_, Some(col)) => {
                let pattern = like_pattern(c.op, &fold(v)).ok_or_else(|| bad_op(c))?;
                Ok(like(column_expr(scope, &col), pattern))
            }
            (FieldType::Phone { multiple: false }, None) => {
                let col = sort_or_value(field).ok_or_else(|| bad_op(c))?;
                let pattern = like_pattern(c.op, &phone_prefix(v)).ok_or_else(|| bad_op(c))?;
                Ok(like(column_expr(scope, &col), pattern))
            }
            _ => Err(bad_op(c)),
        };
    }
    // Composites without a value of their own (addresses) are compared part by part;
    // text as typed (its sort key is folded, but `eq` means the same text).
    let value_col = match field.kind {
        FieldType::Text { .. } => value_column(field),
        _ => sort_or_value(field),
    }
    .ok_or_else(|| bad_op(c))?;
    match &field.kind {
        // Names compare by their folded "last first" key.
        FieldType::FullName => compare(scope, &value_col, c, &|s| Ok(Cell::Text(fold(s)))),
        FieldType::Currency { .. } => compare(scope, &value_col, c, &|s| amount_cell(field, s, c)),
        FieldType::MultiSelect { .. } => Err(bad_op(c)),
        kind => compare(scope, &value_col, c, &|s| typed_cell(scope, kind, s, c)),
    }
}

fn sort_or_value(field: &FieldDef) -> Option<Column> {
    field.kind.sort_column(&field.id).or_else(|| value_column(field))
}

fn value_column(field: &FieldDef) -> Option<Column> {
    field.columns().into_iter().find(|c| c.role == ColumnRole::Value)
}

/// The start of a phone number as stored (E.164): its digits, and `+` if typed.
fn phone_prefix(v: &str) -> String {
    v.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
}

/// A filter operand typed for a scalar field.
fn typed_cell(scope: &Scope<'_>, kind: &FieldType, s: &str, c: &Condition) -> Result<Cell> {
    let t = s.trim();
    Ok(match kind {
        FieldType::Integer { .. } | FieldType::Rating { .. } => {
            Cell::Int(t.parse().map_err(|_| bad_value(c, s, "an integer"))?)
        }
        FieldType::Decimal { precision, scale } => decimal_cell(t, *precision, *scale, c)?,
        FieldType::Percent { scale } => decimal_cell(t, 9 + *scale, *scale, c)?,
        FieldType::Boolean => Cell::Bool(match t {
            "true" => true,
            "false" => false,
            _ => return Err(bad_value(c, s, "true or false")),
        }),
        FieldType::Date => {
            Cell::Date(rapport_model::value::parse_date(t).ok_or_else(|| bad_value(c, s, "a date (YYYY-MM-DD)"))?)
        }
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
        // Compared as stored: normalised.
        FieldType::Email { multiple: false } => {
            Cell::Text(rapport_model::contact::normalize_email(t).unwrap_or_else(|_| t.to_lowercase()))
        }
        FieldType::Url { multiple: false } => {
            Cell::Text(rapport_model::contact::normalize_url(t).unwrap_or_else(|_| t.to_owned()))
        }
        FieldType::Phone { multiple: false } => Cell::Text(
            rapport_model::contact::normalize_phone(t, &scope.values.default_region).unwrap_or_else(|_| t.to_owned()),
        ),
        _ => Cell::Text(t.to_owned()),
    })
}

/// Conditions on contact points are `EXISTS` over the child rows of the record.
fn contact_condition(scope: &Scope<'_>, field: &FieldDef, kind: &str, c: &Condition) -> Result<SimpleExpr> {
    if c.path.len() > 1 {
        return Err(ModelError::UnknownField { object: scope.object.api_name.clone(), field: path_name(c) }.into());
    }
    if !field.kind.operators().contains(&c.op) {
        return Err(bad_op(c));
    }
    let b = scope.backend;
    let mut sub = Query::select();
    sub.expr(Expr::cust("1"))
        .from("contact_points")
        .and_where(Expr::col(("contact_points", "object_id")).eq(bind(
            b,
            Logical::Text,
            &Cell::Text(scope.object.id.clone()),
        )?))
        .and_where(Expr::col(("contact_points", "field_id")).eq(bind(b, Logical::Text, &Cell::Text(field.id.clone()))?))
        .and_where(Expr::col(("contact_points", "record_id")).equals((scope.object.table(), "id".to_owned())));
    let normalized = Expr::col(("contact_points", "normalized"));
    match (&c.op, &c.operand) {
        (Op::Is, Operand::Null) => return Ok(Expr::exists(sub).not()),
        (Op::Is, Operand::NotNull) => return Ok(Expr::exists(sub)),
        (Op::Eq, Operand::Value(v)) => {
            sub.and_where(normalized.eq(bind(b, Logical::Text, &Cell::Text(contact_key(scope, kind, v)))?));
        }
        (Op::In, Operand::List(items)) => {
            let keys = items
                .iter()
                .map(|v| bind(b, Logical::Text, &Cell::Text(contact_key(scope, kind, v))))
                .collect::<Result<Vec<_>>>()?;
            if keys.is_empty() {
                return Ok(Expr::cust("1 = 0"));
            }
            sub.and_where(normalized.is_in(keys));
        }
        (Op::Contains | Op::StartsWith, Operand::Value(v)) => {
            // The normalised values are not folded: emails and web addresses keep their
            // accents (lower-cased), phones are E.164, social handles are folded. Match
            // the text as they store it, and folded, so that `ÁRPÁD` finds
            // `árpád@példa.hu` and `EXAMPLE` finds `info@example.gr`.
            let mut texts = match kind {
                "phone" => vec![phone_prefix(v)],
                _ => vec![fold(v.trim()), v.trim().to_lowercase()],
            };
            texts.dedup();
            let mut any = Cond::any();
            for text in texts {
                any = any.add(like(normalized.clone(), like_pattern(c.op, &text).ok_or_else(|| bad_op(c))?));
            }
            sub.and_where(any.into());
        }
        _ => return Err(bad_op(c)),
    }
    Ok(Expr::exists(sub))
}

/// A contact value as contact points store it (normalised), so that it compares
/// equal however it was typed; text that is no valid value is compared as typed.
fn contact_key(scope: &Scope<'_>, kind: &str, v: &str) -> String {
    match kind {
        "email" => rapport_model::contact::normalize_email(v).unwrap_or_else(|_| v.trim().to_lowercase()),
        "phone" => rapport_model::contact::normalize_phone(v, &scope.values.default_region)
            .unwrap_or_else(|_| v.trim().to_owned()),
        "url" => rapport_model::contact::normalize_url(v).unwrap_or_else(|_| v.trim().to_owned()),
        _ => fold(v.trim()),
    }
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
        Backend::Sqlite => {
            Expr::cust_with_exprs(format!("EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)"), cell)
        }
        Backend::Postgres => Expr::cust_with_exprs(format!("{column} @> jsonb_build_array(CAST($1 AS text))"), cell),
    })
}
