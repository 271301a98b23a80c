//! Exports of a list, page by page so memory stays flat at any size, of the records the
//! actor may export (their export reach, in the SQL) with the fields they may read.
//! Every export is a security event with its object, filter and count.
//!
//! Two kinds:
//! - the machine-readable CSV ([`Crm::export_csv`]): API names as headers, ids, values
//!   as the API writes them, for scripts and for reading back;
//! - the export people open ([`Crm::start_export`] with a [`Sheet`]): the interface
//!   turns each record into typed [`Cell`]s in the user's language (labels, names,
//!   options), and a [`CsvSheet`] writes them as the user's Excel reads CSV, or an
//!   [`XlsxSheet`] as a workbook with real numbers and dates.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use rapport_model::{Actor, FieldAccess, Record, Value};
use rapport_store::ListQuery;
use rapport_store::events::NewEvent;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::json;

use crate::crm::Crm;
use crate::error::{DomainError, Result};

/// Rows read per page of an export: each page is one short statement, well within a
/// request's time limit however long the whole export takes.
pub const PAGE: u32 = 500;

/// The most rows a worksheet holds (Excel's limit), the header row included.
pub const XLSX_MAX_ROWS: u32 = 1_048_576;

/// The longest text a workbook cell holds (Excel's limit); longer text is cut there.
const XLSX_MAX_TEXT: usize = 32_767;

/// An export under way: the actor's records of one object, a page at a time.
pub struct ExportRun {
    crm: Crm,
    actor: Actor,
    object: String,
    object_id: String,
    query: ListQuery,
    written: usize,
    done: bool,
}

impl Crm {
    /// Starts an export of `object`'s records that match `query` (filter, sort,
    /// search): refused before anything is read or recorded when the actor may not
    /// export them. The trail says an export began before any row leaves; a failure
    /// part way leaves that entry without its completion.
    pub async fn start_export(&self, actor: &Actor, object: &str, mut query: ListQuery) -> Result<ExportRun> {
        let schema = self.store().schema().await?;
        let def = schema.object_by_api(object).map_err(rapport_store::StoreError::from)?;
        if actor.reach(&def.id, rapport_model::Action::Export) == rapport_model::access::Reach::None {
            return Err(rapport_store::StoreError::Forbidden { object: def.api_name.clone(), action: "export" }.into());
        }
        self.record_export(actor, "export", &def.id, &query, None).await?;
        query.limit = PAGE;
        query.cursor = None;
        Ok(ExportRun {
            crm: self.clone(),
            actor: actor.clone(),
            object: def.api_name.clone(),
            object_id: def.id.clone(),
            query,
            written: 0,
            done: false,
        })
    }

    /// Writes the records of `object` that match `query` (filter, sort, search) as
    /// machine-readable CSV to `out`, and returns how many were written: the id, owner
    /// and team ids, then every field the actor may read, headed by API names. A
    /// formula-looking cell (`=`, `+`, `-`, `@`) is prefixed with `'` so spreadsheets
    /// show it as text (CSV injection).
    pub async fn export_csv<W: Write + Send>(
        &self,
        actor: &Actor,
        object: &str,
        query: ListQuery,
        out: W,
    ) -> Result<usize> {
        let schema = self.store().schema().await?;
        let def = schema.object_by_api(object).map_err(rapport_store::StoreError::from)?.clone();
        let fields: Vec<_> = def
            .visible_fields()
            .filter(|f| actor.field_access(&def.id, &f.id) != FieldAccess::Hidden && !f.kind.is_computed())
            .cloned()
            .collect();
        let mut run = self.start_export(actor, object, query).await?;
        let mut csv = csv::Writer::from_writer(out);
        let mut header = vec!["id".to_owned(), "owner".to_owned(), "team".to_owned()];
        header.extend(fields.iter().map(|f| f.api_name.clone()));
        csv.write_record(&header).map_err(export_error)?;
        while let Some(records) = run.next_page().await? {
            for record in &records {
                let opt = |u: Option<uuid::Uuid>| u.map(|u| u.to_string()).unwrap_or_default();
                let mut row = vec![record.id.to_string(), opt(record.owner_id), opt(record.team_id)];
                row.extend(fields.iter().map(|f| machine_cell(record.get(&f.id))));
                csv.write_record(&row).map_err(export_error)?;
            }
        }
        csv.flush().map_err(|e| DomainError::Export(e.to_string()))?;
        run.finish().await
    }

    async fn record_export(
        &self,
        actor: &Actor,
        kind: &'static str,
        object_id: &str,
        query: &ListQuery,
        count: Option<usize>,
    ) -> Result<()> {
        let detail = json!({
            "object": object_id,
            "filter": query.filter.as_ref().map(ToString::to_string),
            "q": query.q,
            "count": count,
        });
        let (actor_id, subject) = (actor.user_id(), object_id.to_owned());
        self.store()
            .system_write(move |c| {
                Box::pin(async move {
                    let event =
                        NewEvent { actor_id, kind, subject: Some(&subject), address: None, detail: Some(detail) };
                    rapport_store::events::record(c, &event).await
                })
            })
            .await?;
        Ok(())
    }
}

impl ExportRun {
    /// The next page of records (at most [`PAGE`]), or `None` when all are read.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Record>>> {
        if self.done {
            return Ok(None);
        }
        let page = self.crm.store().export_page(&self.actor, &self.object, self.query.clone()).await?;
        match page.next_cursor {
            Some(cursor) if page.has_more => self.query.cursor = Some(cursor),
            _ => self.done = true,
        }
        self.written += page.records.len();
        Ok(if page.records.is_empty() { None } else { Some(page.records) })
    }

    /// Records that the export completed, with how many records it wrote.
    pub async fn finish(self) -> Result<usize> {
        self.crm
            .record_export(&self.actor, "export_completed", &self.object_id, &self.query, Some(self.written))
            .await?;
        Ok(self.written)
    }
}

fn export_error(e: csv::Error) -> DomainError {
    DomainError::Export(e.to_string())
}

/// A value as a machine-readable CSV cell; typed text that a spreadsheet would run
/// as a formula is made text (numbers keep their sign).
fn machine_cell(value: &Value) -> String {
    let text = value.to_csv();
    let numeric = matches!(value, Value::Integer(_) | Value::Decimal(_) | Value::Money { .. });
    if numeric { text } else { neutralised(&text).into_owned() }
}

/// A cell of an export for people, typed so that a workbook keeps numbers and dates
/// as such and a CSV writes them as the user's spreadsheet reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Phone numbers as typed (several joined by "; "): left as they are where they
    /// hold only digits and the marks phone numbers are written with (see
    /// [`CsvSheet`]).
    Phone(String),
    /// A number; `decimals` fixes how many decimals it shows (an amount of money has
    /// its currency's), `None` keeps its own.
    Number {
        value: Decimal,
        decimals: Option<u32>,
    },
    /// A percentage: 12.5 is 12.5 %, shown with `decimals` decimals.
    Percent {
        value: Decimal,
        decimals: u32,
    },
    Date(time::Date),
    /// A wall-clock date and time, in the user's time zone.
    DateTime(time::PrimitiveDateTime),
}

/// What writes an export for people: a header row of labels, then rows of cells.
pub trait Sheet {
    fn header(&mut self, labels: &[String]) -> Result<()>;
    fn row(&mut self, cells: &[Cell]) -> Result<()>;
    /// Writes what is left (a workbook is assembled here) and flushes.
    fn finish(self: Box<Self>) -> Result<()>;
}

/// How a CSV is written for the spreadsheet of the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// The field delimiter: the Windows list separator of the language's locale,
    /// which is what Excel splits a double-clicked CSV on.
    pub delimiter: u8,
    /// The decimal separator numbers are written with, the locale's, so that Excel
    /// reads them as numbers.
    pub decimal: char,
}

impl CsvStyle {
    /// What Excel expects for a UI language, from Windows' locale data (the list
    /// separator and decimal symbol Excel takes from the regional settings):
    /// `en-GB` `,` and `.`; `el-GR` and `hu-HU` `;` and `,`; `ar-SA` `;` and `.`
    /// (Windows writes Arabic numbers with a full stop and Latin digits; its list
    /// separator is the semicolon all the same). Other languages get the English one.
    pub fn excel(language: &str) -> CsvStyle {
        match language {
            "el" | "hu" => CsvStyle { delimiter: b';', decimal: ',' },
            "ar" => CsvStyle { delimiter: b';', decimal: '.' },
            _ => CsvStyle { delimiter: b',', decimal: '.' },
        }
    }
}

/// A CSV as Excel opens it on a double click: UTF-8 with a byte order mark (without
/// it Excel reads the bytes in the machine's code page), the locale's delimiter and
/// decimal separator, quoted as RFC 4180 says, lines ending in CRLF. Dates are ISO
/// 8601 (`2026-11-26`, `2026-11-26 14:05` in the user's zone), which every locale's
/// Excel reads as dates.
///
/// CSV injection (OWASP): a text cell that a spreadsheet would run as a formula (it
/// starts, after any spaces, with `=`, `+`, `-`, `@` or their full-width forms, or
/// with a tab or a line break) is prefixed with `'`. A phone number is left as it
/// is when it holds nothing but digits and the marks phone numbers are written with
/// (`+`, spaces, `-`, `.`, `(`, `)`, `/`, `;`): without letters, `!`, `|`, quotes or
/// `=` a cell can call no function, refer to no cell or sheet and start no other
/// program, so `+30 698 197 1008` comes out clean and harmless.
pub struct CsvSheet<W: Write> {
    csv: csv::Writer<W>,
    style: CsvStyle,
}

impl<W: Write> CsvSheet<W> {
    pub fn new(mut out: W, style: CsvStyle) -> Result<CsvSheet<W>> {
        out.write_all("\u{feff}".as_bytes()).map_err(|e| DomainError::Export(e.to_string()))?;
        let csv = csv::WriterBuilder::new()
            .delimiter(style.delimiter)
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        Ok(CsvSheet { csv, style })
    }

    fn text<'a>(&self, cell: &'a Cell) -> Cow<'a, str> {
        match cell {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) => neutralised(text),
            Cell::Phone(text) if inert_phone(text) => Cow::Borrowed(text),
            Cell::Phone(text) => neutralised(text),
            Cell::Number { value, decimals } => Cow::Owned(self.number(*value, *decimals)),
            Cell::Percent { value, decimals } => Cow::Owned(format!("{}%", self.number(*value, Some(*decimals)))),
            Cell::Date(date) => Cow::Owned(rapport_model::value::format_date(*date)),
            Cell::DateTime(at) => Cow::Owned(format!(
                "{} {:02}:{:02}",
                rapport_model::value::format_date(at.date()),
                at.hour(),
                at.minute()
            )),
        }
    }

    /// A number without grouping, with the locale's decimal separator.
    fn number(&self, value: Decimal, decimals: Option<u32>) -> String {
        let text = fixed(value, decimals).to_string();
        if self.style.decimal == '.' { text } else { text.replace('.', &self.style.decimal.to_string()) }
    }
}

impl<W: Write> Sheet for CsvSheet<W> {
    fn header(&mut self, labels: &[String]) -> Result<()> {
        let cells: Vec<Cow<str>> = labels.iter().map(|l| neutralised(l)).collect();
        self.csv.write_record(cells.iter().map(|c| c.as_bytes())).map_err(export_error)
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        let texts: Vec<Cow<str>> = cells.iter().map(|c| self.text(c)).collect();
        self.csv.write_record(texts.iter().map(|c| c.as_bytes())).map_err(export_error)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.csv.flush().map_err(|e| DomainError::Export(e.to_string()))
    }
}

/// `value` rounded to `decimals` places and showing all of them, or without the
/// trailing zeros of its storage when `decimals` is `None`.
fn fixed(value: Decimal, decimals: Option<u32>) -> Decimal {
    match decimals {
        Some(places) => {
            let mut rounded =
                value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            rounded.rescale(places);
            rounded
        }
        None => value.normalize(),
    }
}

/// Text a spreadsheet would take as a formula, prefixed with `'` so it reads as text
/// (OWASP's CSV injection advice); other text as it is.
fn neutralised(text: &str) -> Cow<'_, str> {
    const FORMULA: [char; 8] = ['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];
    let control_first = text.starts_with(['\t', '\r', '\n']);
    let formula_first = text.trim_start().starts_with(FORMULA);
    if control_first || formula_first { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// Whether a phone number cell holds only digits and phone punctuation: a cell a
/// spreadsheet might compute as a number but never run as a formula that reaches
/// anything.
fn inert_phone(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')' | '/' | ';'))
        && text.chars().any(|c| c.is_ascii_digit())
}

/// A workbook of one worksheet, written in rust_xlsxwriter's constant-memory mode:
/// each row goes to a temporary file as it is written, and the workbook is assembled
/// from it at the end, so memory stays flat however many rows there are. Numbers are
/// numbers (amounts with their currency's decimals, percentages as percentages),
/// dates and times are date cells in Excel's locale-dependent short formats (shown as
/// the user's Excel shows dates), and text is text: a cell is never a formula, so
/// `=1+1` or `+30 698 197 1008` need no prefix.
pub struct XlsxSheet<W: Write + Send> {
    workbook: rust_xlsxwriter::Workbook,
    out: W,
    row: u32,
    columns: u16,
    formats: XlsxFormats,
}

struct XlsxFormats {
    header: rust_xlsxwriter::Format,
    phone: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
    datetime: rust_xlsxwriter::Format,
    fixed: HashMap<u32, rust_xlsxwriter::Format>,
    percent: HashMap<u32, rust_xlsxwriter::Format>,
}

impl XlsxFormats {
    fn new() -> XlsxFormats {
        use rust_xlsxwriter::Format;
        XlsxFormats {
            header: Format::new().set_bold(),
            // A phone number has no letter to say its direction: left to right even on
            // a right-to-left sheet, or Arabic Excel shows "+30 698" as "698 30+".
            phone: Format::new().set_reading_direction(1),
            // Excel's built-in formats 14 (short date) and 22 (short date and time)
            // follow the regional settings of the machine that opens the file.
            date: Format::new().set_num_format_index(14),
            datetime: Format::new().set_num_format_index(22),
            fixed: HashMap::new(),
            percent: HashMap::new(),
        }
    }

    fn fixed(&mut self, decimals: u32) -> &rust_xlsxwriter::Format {
        self.fixed
            .entry(decimals)
            .or_insert_with(|| rust_xlsxwriter::Format::new().set_num_format(number_format(decimals, "")))
    }

    fn percent(&mut self, decimals: u32) -> &rust_xlsxwriter::Format {
        self.percent
            .entry(decimals)
            .or_insert_with(|| rust_xlsxwriter::Format::new().set_num_format(number_format(decimals, "%")))
    }
}

/// `#,##0.00` for two decimals (grouped as the user's Excel groups), then `suffix`.
fn number_format(decimals: u32, suffix: &str) -> String {
    let places = "0".repeat(decimals as usize);
    if decimals == 0 { format!("#,##0{suffix}") } else { format!("#,##0.{places}{suffix}") }
}

impl<W: Write + Send> XlsxSheet<W> {
    /// A workbook whose worksheet is named `name` (cut to Excel's 31 characters,
    /// without the characters Excel refuses), right to left when `rtl`. Its rows go
    /// to temporary files in the system's temporary directory.
    pub fn new(out: W, name: &str, rtl: bool) -> Result<XlsxSheet<W>> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
        sheet.set_name(sheet_name(name)).map_err(xlsx_error)?;
        sheet.set_right_to_left(rtl);
        Ok(XlsxSheet { workbook, out, row: 0, columns: 0, formats: XlsxFormats::new() })
    }

    fn sheet(&mut self) -> Result<&mut rust_xlsxwriter::Worksheet> {
        self.workbook.worksheet_from_index(0).map_err(xlsx_error)
    }

    fn next_row(&mut self) -> Result<u32> {
        if self.row >= XLSX_MAX_ROWS {
            return Err(DomainError::Export(format!("a worksheet holds at most {XLSX_MAX_ROWS} rows")));
        }
        self.row += 1;
        Ok(self.row - 1)
    }
}

impl<W: Write + Send> Sheet for XlsxSheet<W> {
    fn header(&mut self, labels: &[String]) -> Result<()> {
        let row = self.next_row()?;
        self.columns = u16::try_from(labels.len()).unwrap_or(u16::MAX);
        let bold = self.formats.header.clone();
        let sheet = self.sheet()?;
        for (col, label) in (0u16..).zip(labels) {
            // Wide enough for the header, within reason; Excel cannot measure at write.
            let width = label.chars().count().clamp(10, 40) as f64 + 2.0;
            sheet.set_column_width(col, width).map_err(xlsx_error)?;
            sheet.write_string_with_format(row, col, cut(label), &bold).map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        let row = self.next_row()?;
        for (col, cell) in (0u16..).zip(cells) {
            self.cell(row, col, cell)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        let (rows, columns) = (self.row, self.columns);
        if rows > 1 && columns > 0 {
            self.sheet()?.autofilter(0, 0, rows - 1, columns - 1).map_err(xlsx_error)?;
        }
        let XlsxSheet { mut workbook, mut out, .. } = *self;
        workbook.save_to_writer(&mut out).map_err(xlsx_error)?;
        out.flush().map_err(|e| DomainError::Export(e.to_string()))
    }
}

impl<W: Write + Send> XlsxSheet<W> {
    fn cell(&mut self, row: u32, col: u16, cell: &Cell) -> Result<()> {
        let number = |d: &Decimal| d.to_f64().unwrap_or_default();
        match cell {
            Cell::Empty => {}
            Cell::Text(text) => {
                self.sheet()?.write_string(row, col, cut(text)).map_err(xlsx_error)?;
            }
            Cell::Phone(text) => {
                let format = self.formats.phone.clone();
                self.sheet()?.write_string_with_format(row, col, cut(text), &format).map_err(xlsx_error)?;
            }
            Cell::Number { value, decimals: None } => {
                self.sheet()?.write_number(row, col, number(value)).map_err(xlsx_error)?;
            }
            Cell::Number { value, decimals: Some(places) } => {
                let format = self.formats.fixed(*places).clone();
                self.sheet()?.write_number_with_format(row, col, number(value), &format).map_err(xlsx_error)?;
            }
            Cell::Percent { value, decimals } => {
                let format = self.formats.percent(*decimals).clone();
                let fraction = number(value) / 100.0;
                self.sheet()?.write_number_with_format(row, col, fraction, &format).map_err(xlsx_error)?;
            }
            Cell::Date(date) => {
                let format = self.formats.date.clone();
                let day = excel_day(*date)?;
                self.sheet()?.write_datetime_with_format(row, col, day, &format).map_err(xlsx_error)?;
            }
            Cell::DateTime(at) => {
                let format = self.formats.datetime.clone();
                let moment = excel_day(at.date())?.and_hms(u16::from(at.hour()), at.minute(), 0).map_err(xlsx_error)?;
                self.sheet()?.write_datetime_with_format(row, col, moment, &format).map_err(xlsx_error)?;
            }
        }
        Ok(())
    }
}

fn excel_day(date: time::Date) -> Result<rust_xlsxwriter::ExcelDateTime> {
    let year = u16::try_from(date.year()).map_err(|_| DomainError::Export(format!("no Excel date for {date}")))?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day()).map_err(xlsx_error)
}

/// Text within a cell's limit.
fn cut(text: &str) -> &str {
    match text.char_indices().nth(XLSX_MAX_TEXT) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// A worksheet name Excel takes: at most 31 characters, none of `[]:*?/\`, not
/// starting or ending with an apostrophe, not empty.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { ' ' } else { c })
        .take(31)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim().to_owned();
    if cleaned.is_empty() { "Sheet1".to_owned() } else { cleaned }
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> DomainError {
    DomainError::Export(e.to_string())
}
