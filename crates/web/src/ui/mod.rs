//! The web interface: server-rendered askama pages with htmx for the parts that
//! change in place. Pages reach data through the domain like the API does, with the
//! signed-in user's rules; every string comes from Fluent ([`i18n`]); every value is
//! shown through [`format`]; forms are generated from metadata ([`form`]).
//!
//! Addresses: `/o/{object}` lists, `/o/{object}/{id}` record pages, `/kanban/{object}`,
//! `/calendar`, `/search`, `/me`, `/settings`; `/static/*` the vendored assets.

pub mod address;
pub mod assets;
pub mod avatar;
pub mod builder;
pub mod calendar;
pub mod count;
pub mod countries;
mod country_names;
pub mod duplicates;
pub mod duration;
pub mod edit;
pub mod export;
pub mod form;
pub mod format;
pub mod home;
pub mod i18n;
pub mod icon;
pub mod kanban;
pub mod labels;
pub mod list;
pub mod page;
pub mod quick;
pub mod record;
pub mod record_head;
pub mod search;
pub mod settings;
pub mod signin;
pub mod timeline_view;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::AppState;

/// The largest form a page sends (a record with many fields, a long note).
pub const FORM_LIMIT: usize = 1024 * 1024;

/// Every page and fragment of the interface.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/home/done/{object}/{id}", post(home::mark_done))
        .route("/login", get(signin::form).post(signin::submit).layer(DefaultBodyLimit::max(crate::AUTH_BODY_LIMIT)))
        .route("/logout", post(signin::logout))
        .route("/me", get(signin::profile).post(signin::save_preferences))
        .route("/me/password", post(signin::change_password))
        .route("/password", get(signin::password_page))
        .route("/static/{name}", get(assets::serve))
        .route("/search", get(search::page))
        .route("/lookup/{object}", get(search::lookup))
        .route("/o/{object}", get(list::page).post(record::create))
        .route("/o/{object}/rows", get(list::more_rows))
        .route("/o/{object}/count", get(count::count))
        .route("/o/{object}/export.csv", get(export::csv))
        .route("/o/{object}/export.xlsx", get(export::xlsx))
        .route("/o/{object}/bulk", post(list::bulk))
        .route("/o/{object}/filter-builder", get(builder::open).post(builder::edit))
        .route("/o/{object}/views", post(list::save_view))
        .route("/o/{object}/views/{id}", post(list::save_view))
        .route("/o/{object}/views/{id}/delete", post(list::delete_view))
        .route("/o/{object}/bulk-input", get(list::bulk_input))
        .route("/o/{object}/new", get(record::new))
        .route("/o/{object}/duplicates", post(duplicates::suggest))
        .route("/o/{object}/{id}", get(record::page).post(record::save))
        .route("/o/{object}/{id}/edit", get(record::edit))
        .route("/o/{object}/{id}/delete", post(record::delete))
        .route("/o/{object}/{id}/timeline", get(record::timeline))
        .route("/o/{object}/{id}/log/{activity}", post(record::log))
        .route("/o/{object}/{id}/cell/{field}", get(record::cell_form).post(record::cell_save))
        .route("/r/{object_id}/{id}", get(record::by_object_id))
        .route("/files/{id}", get(record::download))
        .merge(
            Router::new()
                .route("/o/{object}/{id}/attach", post(record::attach))
                .layer(DefaultBodyLimit::max(rapport_domain::files::MAX_FILE_BYTES + 64 * 1024)),
        )
        .merge(kanban_routes())
        .merge(calendar_routes())
        .merge(settings_routes())
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
}

/// The kanban board's pages and fragments.
fn kanban_routes() -> Router<AppState> {
    Router::new()
        .route("/kanban/{object}", get(kanban::page))
        .route("/kanban/{object}/{id}/move", post(kanban::move_card))
}

/// The calendar's pages and fragments.
fn calendar_routes() -> Router<AppState> {
    Router::new()
        .route("/calendar", get(calendar::page))
        .route("/calendar/new", get(calendar::new_event).post(calendar::create_event))
        .route("/calendar/{object}/{id}/move", post(calendar::reschedule))
}

/// The administrators' settings.
fn settings_routes() -> Router<AppState> {
    settings::routes()
}
