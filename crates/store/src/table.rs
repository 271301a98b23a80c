//! System tables declared once. A row struct written with [`system_table!`] is the one
//! place that names a table's columns: the macro derives from it the column list, each
//! column's [`Logical`] kind (from the field's Rust type, through [`Column`]), the
//! decoder of a [`Row`](crate::conn::Row) read with those kinds, and the bound values
//! for an insert or an update. Adding a column is one edit to the struct; the compiler
//! then points at every place that builds the row.

use rapport_model::Logical;
use serde_json::Value as Json;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::conn::Cell;
use crate::error::Result;
use crate::system::Cells;

/// A Rust type a system-table column holds: its logical kind (the same on both
/// databases, DESIGN §3), and the conversions to and from a [`Cell`].
pub(crate) trait Column: Sized {
    const KIND: Logical;

    fn to_cell(&self) -> Cell;

    /// The value of a non-null cell; `None` when the cell is of another type.
    fn from_cell(cell: Cell) -> Option<Self>;

    /// The next cell of a row: a missing, NULL or mistyped one is an error.
    fn take(cells: &mut Cells) -> Result<Self> {
        cells.req(Self::from_cell)
    }
}

impl Column for Uuid {
    const KIND: Logical = Logical::Uuid;
    fn to_cell(&self) -> Cell {
        Cell::Uuid(*self)
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        cell.as_uuid()
    }
}

impl Column for String {
    const KIND: Logical = Logical::Text;
    fn to_cell(&self) -> Cell {
        Cell::Text(self.clone())
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        cell.into_text()
    }
}

impl Column for bool {
    const KIND: Logical = Logical::Boolean;
    fn to_cell(&self) -> Cell {
        Cell::Bool(*self)
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        match cell {
            Cell::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl Column for i64 {
    const KIND: Logical = Logical::Integer;
    fn to_cell(&self) -> Cell {
        Cell::Int(*self)
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        cell.as_i64()
    }
}

impl Column for OffsetDateTime {
    const KIND: Logical = Logical::DateTime;
    fn to_cell(&self) -> Cell {
        Cell::DateTime(*self)
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        cell.as_datetime()
    }
}

impl Column for Json {
    const KIND: Logical = Logical::Json;
    fn to_cell(&self) -> Cell {
        Cell::Json(self.clone())
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        match cell {
            Cell::Json(j) => Some(j),
            _ => None,
        }
    }
}

/// A nullable column: NULL is `None`.
impl<T: Column> Column for Option<T> {
    const KIND: Logical = T::KIND;
    fn to_cell(&self) -> Cell {
        self.as_ref().map_or(Cell::Null, T::to_cell)
    }
    fn from_cell(cell: Cell) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            cell => T::from_cell(cell).map(Some),
        }
    }
    fn take(cells: &mut Cells) -> Result<Self> {
        cells.opt(T::from_cell)
    }
}

/// Declares the row struct of a system table, its fields named and ordered as the
/// table's columns, and derives from it (in an `impl` of the struct):
///
/// - `TABLE`, `COLUMNS` and `KINDS`: the table, its column names, their logical kinds;
/// - `select()`: `SELECT <the columns, qualified> FROM <the table>`, to add conditions to;
/// - `decode(row)`: the struct from a row read with `KINDS`;
/// - `bound(backend)`: every column's name with its bound value;
/// - `insert(backend)`: the `INSERT` of the row, without the columns the database fills
///   itself (a field written `seq: i64 = serial` is read but never written);
/// - `written_columns()` and `written_cells()`: the same columns and values, for
///   inserts of many rows at once (bulk work's multi-row `INSERT` and `COPY`).
///
/// A struct may hold fewer columns than its table when it stands for what is read.
macro_rules! system_table {
    (
        $(#[$meta:meta])*
        $vis:vis struct $row:ident in $table:literal {
            $(
                $(#[$field_meta:meta])*
                $field_vis:vis $field:ident : $ty:ty $(= $serial:ident)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $row {
            $(
                $(#[$field_meta])*
                $field_vis $field: $ty,
            )*
        }

        // Each table uses the parts it needs; the others are there for the next change.
        #[allow(dead_code)]
        impl $row {
            pub(crate) const TABLE: &'static str = $table;
            pub(crate) const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];
            pub(crate) const KINDS: &'static [rapport_model::Logical] =
                &[$(<$ty as $crate::table::Column>::KIND),*];
            /// The columns the database fills itself, never written.
            const SERIAL: &'static [bool] = &[$($crate::table::system_table!(@serial $($serial)?)),*];

            pub(crate) fn select() -> sea_query::SelectStatement {
                let mut select = sea_query::Query::select();
                for column in Self::COLUMNS {
                    select.column((Self::TABLE, *column));
                }
                select.from(Self::TABLE).to_owned()
            }

            pub(crate) fn decode(row: $crate::conn::Row) -> $crate::error::Result<Self> {
                let mut cells = $crate::system::Cells::new($table, row);
                Ok($row { $($field: <$ty as $crate::table::Column>::take(&mut cells)?,)* })
            }

            pub(crate) fn bound(
                &self,
                b: $crate::conn::Backend,
            ) -> $crate::error::Result<Vec<(&'static str, sea_query::SimpleExpr)>> {
                Ok(vec![$((
                    stringify!($field),
                    $crate::types::bind(
                        b,
                        <$ty as $crate::table::Column>::KIND,
                        &$crate::table::Column::to_cell(&self.$field),
                    )?,
                )),*])
            }

            /// The columns an insert writes (all but the `serial` ones), with their kinds:
            /// what a multi-row insert or a `COPY` of many rows names.
            pub(crate) fn written_columns() -> Vec<(&'static str, rapport_model::Logical)> {
                Self::COLUMNS
                    .iter()
                    .zip(Self::KINDS)
                    .zip(Self::SERIAL)
                    .filter(|(_, serial)| !**serial)
                    .map(|((column, kind), _)| (*column, *kind))
                    .collect()
            }

            /// The cells of [`Self::written_columns`], in their order.
            pub(crate) fn written_cells(&self) -> Vec<$crate::conn::Cell> {
                let cells = [$($crate::table::Column::to_cell(&self.$field)),*];
                cells.into_iter().zip(Self::SERIAL).filter(|(_, serial)| !**serial).map(|(cell, _)| cell).collect()
            }

            pub(crate) fn insert(&self, b: $crate::conn::Backend) -> $crate::error::Result<sea_query::InsertStatement> {
                let columns = Self::written_columns();
                let values = columns
                    .iter()
                    .zip(self.written_cells())
                    .map(|((_, kind), cell)| $crate::types::bind(b, *kind, &cell))
                    .collect::<$crate::error::Result<Vec<_>>>()?;
                Ok(sea_query::Query::insert()
                    .into_table(Self::TABLE)
                    .columns(columns.into_iter().map(|(column, _)| column))
                    .values_panic(values)
                    .to_owned())
            }
        }
    };
    (@serial serial) => { true };
    (@serial) => { false };
}

pub(crate) use system_table;
