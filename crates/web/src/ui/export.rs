//! Exports people open: `GET /o/{object}/export.csv` and `/o/{object}/export.xlsx`,
//! the list as its address has it (filter, search, sort) with the list's columns, or
//! every field the user may read with `fields=all`.
//!
//! Each record becomes cells as the user reads the list: headers are the fields'
//! labels in the user's language, options their labels, names in the language's order
//! ([`Format::name`], the one place names are ordered), related records, owners and
//! teams by their names. An address is split into its parts and an amount of money
//! into its number and its currency, so a spreadsheet can filter by city and sum the
//! amounts. The domain writes the cells ([`rapport_domain::export`]): a CSV as the
//! user's Excel opens it, or a workbook.
//!
//! The file streams: the first page is read while the request is answered (so a bad
//! filter or a refusal is an error page, not a broken file), the rest in a task of its
//! own, a page at a time, each page within the request time limit, the rows written on
//! a blocking thread to the response body as they come (a workbook once its
//! worksheet, kept in temporary files, is complete). A failure part way cuts the
//! download off, so no one takes half a file for the whole.

use std::collections::HashMap;
use std::io::Write;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use rapport_domain::export::{Cell, CsvSheet, CsvStyle, ExportRun, Sheet, XlsxSheet};
use rapport_domain::model::field::ADDRESS_PARTS;
use rapport_domain::model::{Actor, FieldDef, FieldType, ObjectDef, Record, Schema, Value};
use rapport_domain::{Crm, DomainError, ListQuery};
use rust_decimal::Decimal;
use serde::Deserialize;
use tokio::sync::mpsc;
use uuid::Uuid;

use super::format::Format;
use super::i18n::Tr;
use super::list::{ViewState, columns_of, filter_of, sort_of};
use super::page::{PageError, PageResult, UiError, Viewer, object_of, urlencode, with_page_headers};
use crate::AppState;

/// What the export's form asks besides the list's state.
#[derive(Debug, Default, Deserialize)]
pub struct ExportOptions {
    /// `all` for every readable field; otherwise the list's columns.
    #[serde(default)]
    fields: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Csv,
    Xlsx,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Csv => "csv",
            Kind::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Kind::Csv => "text/csv; charset=utf-8",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// `GET /o/{object}/export.csv`.
pub async fn csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(view): Query<ViewState>,
    Query(options): Query<ExportOptions>,
) -> PageResult {
    export(state, viewer, &name, view, options, Kind::Csv).await
}

/// `GET /o/{object}/export.xlsx`.
pub async fn xlsx(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(name): Path<String>,
    Query(view): Query<ViewState>,
    Query(options): Query<ExportOptions>,
) -> PageResult {
    export(state, viewer, &name, view, options, Kind::Xlsx).await
}

async fn export(
    state: AppState,
    viewer: Viewer,
    name: &str,
    view: ViewState,
    options: ExportOptions,
    kind: Kind,
) -> PageResult {
    let object = object_of(&state, &viewer, name).await?;
    let bad = |message: String| PageError::from(UiError::bad_request(message));
    let query = ListQuery {
        filter: filter_of(&viewer.tr, &view).map_err(bad)?,
        sort: sort_of(&viewer.tr, &object, &view).map_err(bad)?,
        q: Some(view.q.clone()).filter(|q| !q.trim().is_empty()),
        ..ListQuery::default()
    };
    let columns = plan(&viewer.tr, &object, &view, options.fields == "all");
    let mut run = state.crm.start_export(viewer.actor(), &object.api_name, query).await?;
    let first = run.next_page().await?;
    let cells = Cells::new(&state, &viewer, columns).await?;
    let header: Vec<String> = cells.columns.iter().map(|c| c.label.clone()).collect();
    let file = SheetFile {
        kind,
        header,
        name: object.label_plural.clone(),
        rtl: viewer.tr.dir() == "rtl",
        style: CsvStyle::excel(viewer.tr.code()),
    };
    let (sender, chunks) = mpsc::channel(BODY_CHUNKS);
    tokio::spawn(stream(run, cells, first, file, sender));
    let day = viewer.format.today();
    Ok(with_page_headers(attachment(kind, &object, &day.to_string(), Body::new(ExportBody { chunks }))))
}

/// The response: the file's type and its name, an ASCII one and the list's name in
/// the user's language (RFC 6266), with the day it was made.
fn attachment(kind: Kind, object: &ObjectDef, day: &str, body: Body) -> Response {
    let ext = kind.extension();
    let readable: String =
        object.label_plural.chars().map(|c| if c.is_control() || "/\\\"".contains(c) { ' ' } else { c }).collect();
    let disposition = format!(
        "attachment; filename=\"{}-{day}.{ext}\"; filename*=UTF-8''{}",
        object.api_name,
        urlencode(&format!("{} {day}.{ext}", readable.trim())).replace('/', "%2F")
    );
    let headers = [
        (CONTENT_TYPE, HeaderValue::from_static(kind.content_type())),
        (CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment"))),
    ];
    (headers, body).into_response()
}

/// Chunks of the body waiting for the client; with [`CHUNK`] bytes each, what an
/// export holds in memory for a slow client.
const BODY_CHUNKS: usize = 8;
/// The bytes sent to the client at a time.
const CHUNK: usize = 64 * 1024;

/// The file being written: its kind and what it needs besides the rows.
struct SheetFile {
    kind: Kind,
    header: Vec<String>,
    name: String,
    rtl: bool,
    style: CsvStyle,
}

/// Reads the remaining pages and hands their rows to the writer thread; records the
/// export's completion once the last byte is written.
async fn stream(mut run: ExportRun, cells: Cells, first: Option<Vec<Record>>, file: SheetFile, body: Chunks) {
    // Two pages in flight: the next is read while the last is written.
    let (rows, pages) = mpsc::channel::<Result<Vec<Vec<Cell>>, String>>(2);
    // A client that has gone stops the reading too (a workbook sends nothing before
    // its last row, so its writer would not notice before then).
    let client = body.clone();
    let out = BodyWriter { sender: Some(body), buffer: Vec::with_capacity(CHUNK) };
    let writer = tokio::task::spawn_blocking(move || write_file(file, pages, out));
    let mut page = first;
    while let Some(records) = page {
        if client.is_closed() {
            let _ = rows.send(Err("the client has gone".into())).await;
            break;
        }
        let converted = cells.rows(&records).await.map_err(|e| e.to_string());
        let failed = converted.is_err();
        if rows.send(converted).await.is_err() || failed {
            break;
        }
        page = match tokio::time::timeout(crate::REQUEST_TIMEOUT, run.next_page()).await {
            Ok(Ok(next)) => next,
            Ok(Err(e)) => {
                let _ = rows.send(Err(e.to_string())).await;
                break;
            }
            Err(_) => {
                let _ = rows.send(Err("a page of the export took longer than a request may".into())).await;
                break;
            }
        };
    }
    drop((rows, client));
    match writer.await {
        Ok(true) => {
            if let Err(e) = run.finish().await {
                tracing::warn!(error = %e, "an export's completion was not recorded");
            }
        }
        Ok(false) => {}
        Err(e) => tracing::error!(error = %e, "an export's writer stopped"),
    }
}

/// Writes the header and every page of rows into the response body; says whether the
/// whole file went out. A failure (or a client gone away) cuts the body off.
fn write_file(file: SheetFile, mut pages: mpsc::Receiver<Result<Vec<Vec<Cell>>, String>>, mut out: BodyWriter) -> bool {
    let written = write_sheet(&file, &mut pages, &mut out);
    match written.and_then(|()| out.flush().map_err(|e| DomainError::Export(e.to_string()))) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "an export was cut off");
            out.abort(e.to_string());
            false
        }
    }
}

fn write_sheet(
    file: &SheetFile,
    pages: &mut mpsc::Receiver<Result<Vec<Vec<Cell>>, String>>,
    out: &mut BodyWriter,
) -> Result<(), DomainError> {
    let mut sheet: Box<dyn Sheet + '_> = match file.kind {
        Kind::Csv => Box::new(CsvSheet::new(out, file.style)?),
        Kind::Xlsx => Box::new(XlsxSheet::new(out, &file.name, file.rtl)?),
    };
    sheet.header(&file.header)?;
    while let Some(page) = pages.blocking_recv() {
        for row in page.map_err(DomainError::Export)? {
            sheet.row(&row)?;
        }
    }
    sheet.finish()
}

/// Where the file's chunks go, and the end of the body that reads them.
type Chunks = mpsc::Sender<std::io::Result<Bytes>>;

/// The response body: the chunks the writer thread sends, ended when it is done, cut
/// off by an error it sends. Polled again after its end (a compressing layer does),
/// it keeps saying it has ended.
struct ExportBody {
    chunks: mpsc::Receiver<std::io::Result<Bytes>>,
}

impl http_body::Body for ExportBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        self.chunks.poll_recv(cx).map(|chunk| chunk.map(|bytes| bytes.map(http_body::Frame::data)))
    }
}

/// The response body as a writer, for the blocking thread that writes the file: bytes
/// go out in chunks of [`CHUNK`], each waiting for room in the body's channel.
struct BodyWriter {
    sender: Option<Chunks>,
    buffer: Vec<u8>,
}

impl BodyWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK)));
        let gone = || std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client has gone");
        let sender = self.sender.as_ref().ok_or_else(gone)?;
        sender.blocking_send(Ok(chunk)).map_err(|_| gone())
    }

    /// Ends the body with an error: the client sees a failed download.
    fn abort(&mut self, message: String) {
        if let Some(sender) = self.sender.take() {
            let _ = sender.blocking_send(Err(std::io::Error::other(message)));
        }
    }
}

impl Write for BodyWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// What a column of the export holds.
enum Source {
    /// A field's value, as one cell.
    Value(FieldDef),
    /// One part of an address.
    Part(FieldDef, &'static str),
    /// The number of an amount of money, and its currency.
    Amount(FieldDef),
    Currency(FieldDef),
    Owner,
    Team,
    Created,
    Updated,
    Id,
}

struct Column {
    label: String,
    source: Source,
}

/// The columns of an export: the list's (or every readable field), then the owner and
/// the team; an export of every field ends with when each record was created and last
/// changed, and its id (what finds it again).
fn plan(tr: &Tr, object: &ObjectDef, view: &ViewState, all: bool) -> Vec<Column> {
    let fields: Vec<&FieldDef> =
        if all { object.visible_fields().collect() } else { columns_of(object, &view.columns) };
    let part = |field: &FieldDef, part: &str| {
        tr.args(
            "export-part",
            &[("field", field.label.as_str().into()), ("part", tr.t(&format!("export-part-{part}")).into())],
        )
    };
    let mut columns = Vec::new();
    for field in fields.into_iter().filter(|f| !f.kind.is_computed()) {
        match field.kind {
            FieldType::Address => columns.extend(
                ADDRESS_PARTS.iter().map(|p| Column { label: part(field, p), source: Source::Part(field.clone(), p) }),
            ),
            FieldType::Currency { .. } => {
                columns.push(Column { label: field.label.clone(), source: Source::Amount(field.clone()) });
                columns.push(Column { label: part(field, "currency"), source: Source::Currency(field.clone()) });
            }
            _ => columns.push(Column { label: field.label.clone(), source: Source::Value(field.clone()) }),
        }
    }
    let system = |id: &str, source| Column { label: tr.t(id), source };
    columns.push(system("export-owner", Source::Owner));
    columns.push(system("export-team", Source::Team));
    if all {
        columns.push(system("export-created", Source::Created));
        columns.push(system("export-updated", Source::Updated));
        columns.push(system("export-id", Source::Id));
    }
    columns
}

/// Turns records into cells as the user reads them; owns what it needs, so the export
/// can go on after its request has been answered.
struct Cells {
    crm: Crm,
    actor: Actor,
    schema: Schema,
    tr: Tr,
    format: Format,
    columns: Vec<Column>,
    users: HashMap<Uuid, String>,
    teams: HashMap<Uuid, String>,
}

/// The names of related records, by target object and id.
type Labels = HashMap<(String, Uuid), String>;

impl Cells {
    async fn new(state: &AppState, viewer: &Viewer, columns: Vec<Column>) -> Result<Cells, UiError> {
        let actor = viewer.actor();
        let users = state.crm.users(actor).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
        let teams = state.crm.teams(actor).await?.into_iter().map(|t| (t.id, t.name)).collect();
        Ok(Cells {
            crm: state.crm.clone(),
            actor: actor.clone(),
            schema: viewer.schema(state).await?.clone(),
            tr: viewer.tr.clone(),
            format: viewer.format.clone(),
            columns,
            users,
            teams,
        })
    }

    /// The rows of a page: one statement per related object for the names.
    async fn rows(&self, records: &[Record]) -> Result<Vec<Vec<Cell>>, DomainError> {
        let labels = self.labels(records).await?;
        Ok(records.iter().map(|r| self.columns.iter().map(|c| self.cell(r, &c.source, &labels)).collect()).collect())
    }

    /// The names of the records the page's relation cells point at, those the user
    /// may read (the others are said to be not shared, as the list says).
    async fn labels(&self, records: &[Record]) -> Result<Labels, DomainError> {
        let mut labels = HashMap::new();
        for column in &self.columns {
            let Source::Value(field) = &column.source else { continue };
            let Some(target) = field.kind.relation_target() else { continue };
            let Ok(object) = self.schema.object(target) else { continue };
            let ids: Vec<Uuid> = records
                .iter()
                .filter_map(|r| match r.get(&field.id) {
                    Value::Uuid(id) => Some(*id),
                    _ => None,
                })
                .collect();
            for record in self.crm.by_ids(&self.actor, &object.api_name, &ids).await? {
                labels.insert((target.to_owned(), record.id), self.format.label(object, &record));
            }
        }
        Ok(labels)
    }

    fn cell(&self, record: &Record, source: &Source, labels: &Labels) -> Cell {
        let named = |names: &HashMap<Uuid, String>, id: Option<Uuid>| {
            id.and_then(|id| names.get(&id)).map_or(Cell::Empty, |name| Cell::Text(name.clone()))
        };
        match source {
            Source::Value(field) => self.value(field, record.get(&field.id), labels),
            Source::Part(field, part) => match record.get(&field.id) {
                Value::Address(address) => text(address.part(part).cloned()),
                _ => Cell::Empty,
            },
            Source::Amount(field) => match record.get(&field.id) {
                Value::Money { amount, currency } => {
                    Cell::Number { value: *amount, decimals: Some(decimals(currency)) }
                }
                _ => Cell::Empty,
            },
            Source::Currency(field) => match record.get(&field.id) {
                Value::Money { currency, .. } => Cell::Text(currency.clone()),
                _ => Cell::Empty,
            },
            Source::Owner => named(&self.users, record.owner_id),
            Source::Team => named(&self.teams, record.team_id),
            Source::Created => self.moment(record.created_at),
            Source::Updated => self.moment(record.updated_at),
            Source::Id => Cell::Text(record.id.to_string()),
        }
    }

    /// A field's value as one cell.
    fn value(&self, field: &FieldDef, value: &Value, labels: &Labels) -> Cell {
        if value.is_null() {
            return Cell::Empty;
        }
        let phone = matches!(field.kind, FieldType::Phone { .. });
        match (&field.kind, value) {
            (FieldType::Select { options }, Value::Text(v)) => Cell::Text(option_label(options, v)),
            (FieldType::MultiSelect { options }, Value::List(items)) => {
                Cell::Text(items.iter().map(|v| option_label(options, v)).collect::<Vec<_>>().join("; "))
            }
            (kind, Value::Uuid(id)) if kind.relation_target().is_some() => {
                let target = kind.relation_target().unwrap_or_default();
                Cell::Text(
                    labels.get(&(target.to_owned(), *id)).cloned().unwrap_or_else(|| self.tr.t("record-not-shared")),
                )
            }
            (_, Value::Contacts(points)) => {
                let joined = points.iter().map(|p| p.value.as_str()).collect::<Vec<_>>().join("; ");
                if phone { Cell::Phone(joined) } else { Cell::Text(joined) }
            }
            (_, Value::Text(v)) if phone => Cell::Phone(v.clone()),
            (_, Value::Bool(b)) => Cell::Text(self.tr.t(if *b { "value-yes" } else { "value-no" })),
            (FieldType::Percent { scale }, Value::Decimal(d)) => {
                Cell::Percent { value: *d, decimals: u32::from(*scale) }
            }
            (_, Value::Decimal(d)) => Cell::Number { value: *d, decimals: None },
            (_, Value::Integer(i)) => Cell::Number { value: Decimal::from(*i), decimals: None },
            (_, Value::Money { amount, currency }) => {
                Cell::Text(format!("{} {currency}", amount.round_dp(decimals(currency))))
            }
            (_, Value::Date(d)) => Cell::Date(*d),
            (_, Value::DateTime(t)) => self.moment(*t),
            (_, Value::Name(n)) => Cell::Text(self.format.name(n)),
            (_, Value::Address(a)) => Cell::Text(self.format.address(a)),
            (_, Value::List(items)) => Cell::Text(items.join("; ")),
            (_, Value::Json(j)) => Cell::Text(j.to_string()),
            (_, other) => text(Some(other.to_csv())),
        }
    }

    /// An instant as the user's wall-clock time (what the list shows).
    fn moment(&self, at: time::OffsetDateTime) -> Cell {
        let shape = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
        time::PrimitiveDateTime::parse(&self.format.local_input(at), &shape).map_or(Cell::Empty, Cell::DateTime)
    }
}

fn text(value: Option<String>) -> Cell {
    value.filter(|s| !s.trim().is_empty()).map_or(Cell::Empty, Cell::Text)
}

fn option_label(options: &[rapport_domain::model::SelectOption], value: &str) -> String {
    options.iter().find(|o| o.value == value).map_or_else(|| value.to_owned(), |o| o.label.clone())
}

/// The decimals an amount in `currency` is written with (its ISO 4217 minor units).
fn decimals(currency: &str) -> u32 {
    rapport_domain::model::iso::currency(currency).map_or(2, |c| u32::from(c.minor_units))
}
