//! The UI's static files (htmx, the style sheet, the page script), compiled into the
//! binary with `include_bytes!` (a handful of files needs no embedding crate). Pages
//! link them with a content hash in the query (`/static/app.css?v=…`), so browsers
//! keep them for a year and fetch a new one the moment a release changes it.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The icon sprite (`scripts/icons` builds it); [`super::icon`] reads its names.
pub const ICON_SPRITE: &str = include_str!("../../ui/static/icons.svg");

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../ui/static/htmx.min.js"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../ui/static/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/app.css"),
    },
    Asset {
        name: "kanban.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/kanban.css"),
    },
    Asset {
        name: "calendar.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/calendar.css"),
    },
    Asset {
        name: "settings.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/settings.css"),
    },
    Asset {
        name: "home.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/home.css"),
    },
    Asset {
        name: "record.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/record.css"),
    },
    Asset {
        name: "forms.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../ui/static/forms.css"),
    },
    Asset {
        name: "board.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../ui/static/board.js"),
    },
    Asset {
        name: "reorder.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../ui/static/reorder.js"),
    },
    Asset { name: "icons.svg", content_type: "image/svg+xml", bytes: ICON_SPRITE.as_bytes() },
    Asset { name: "icon.svg", content_type: "image/svg+xml", bytes: include_bytes!("../../ui/static/icon.svg") },
];

/// FNV-1a over every asset: one version for all of them, computed once.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in ASSETS.iter().flat_map(|a| a.bytes.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", hash & 0xffff_ffff_ffff)
});

/// The version to put in asset URLs.
pub fn version() -> &'static str {
    &VERSION
}

/// `GET /static/{name}`.
pub async fn serve(Path(name): Path<String>) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers = [
        (CONTENT_TYPE, HeaderValue::from_static(asset.content_type)),
        (CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
        (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    ];
    (headers, asset.bytes).into_response()
}
