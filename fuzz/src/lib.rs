//! What the fuzz targets share: the standard objects as a system caller and as a
//! sales rep (own and team reach, hidden fields) see them, and a filter compiled into
//! the first statement of a list on both databases, as `GET /api/v1/{object}` runs it.

use std::sync::OnceLock;

use rapport_model::roles::standard_role;
use rapport_model::standard::{company, opportunity, person};
use rapport_model::{Action, Actor, Filter, ObjectDef, SortKey, ValueContext};
use rapport_store::page::{Reader, first_statement};
use rapport_store::{Backend, ListQuery, StoreError};

/// The key cursors are sealed under in the targets.
pub const CURSOR_KEY: [u8; 32] = [0x5a; 32];

/// A caller and the objects as that caller sees them.
pub struct Caller {
    pub actor: Actor,
    pub people: ObjectDef,
    pub companies: ObjectDef,
    pub opportunities: ObjectDef,
}

/// The system caller (every field, every row) and a sales rep (the team's rows, the
/// role's hidden fields left out of its view), made once: every input is checked as
/// both.
pub fn callers() -> &'static [Caller] {
    static CALLERS: OnceLock<Vec<Caller>> = OnceLock::new();
    CALLERS.get_or_init(make_callers)
}

fn make_callers() -> Vec<Caller> {
    let system =
        Caller { actor: Actor::system(), people: person(), companies: company(), opportunities: opportunity() };
    let Some(rep) = standard_role("sales_rep") else { return vec![system] };
    let grants = rep.grants;
    let view = |o: ObjectDef| grants.view(&o).into_owned();
    let rep = Caller {
        people: view(person()),
        companies: view(company()),
        opportunities: view(opportunity()),
        actor: Actor::user(uuid(1), vec![uuid(2)], grants.clone()),
    };
    vec![system, rep]
}

fn uuid(n: u128) -> uuid::Uuid {
    uuid::Uuid::from_u128(n)
}

/// The first statement of a list of `object` with `filter` and `sort` (and `cursor`)
/// for `caller` on both backends. Input errors are fine; a database error or a panic
/// is not.
pub fn compile_on_both(
    caller: &Caller,
    object: &ObjectDef,
    filter: Option<Filter>,
    sort: Vec<SortKey>,
    cursor: Option<String>,
) {
    let query = ListQuery { filter, sort, limit: 50, cursor, q: None };
    let reader = Reader { actor: &caller.actor, action: Action::Read, cursor_key: &CURSOR_KEY };
    for backend in [Backend::Sqlite, Backend::Postgres] {
        match first_statement(backend, reader, &ValueContext::default(), object, &query) {
            Ok(sql) => assert!(!sql.text.is_empty()),
            Err(StoreError::Database(e)) => panic!("{backend:?}: a database error from input: {e}"),
            Err(_) => {}
        }
    }
}
