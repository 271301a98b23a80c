//! `/api/docs`: the OpenAPI document of the caller, shown by RapiDoc, vendored into the
//! binary (`assets/`). A Content-Security-Policy limits the page to this origin, so the
//! viewer's references to web fonts are never fetched: no request leaves the server.

use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

const RAPIDOC: &[u8] = include_bytes!("../assets/rapidoc-min.js");

/// Only this origin; RapiDoc sets inline styles, and shows images from data URLs.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                      img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'";

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport API</title>
<script type="module" src="/api/docs/rapidoc.js"></script>
</head>
<body>
<rapi-doc spec-url="/api/v1/openapi.json" render-style="focused" show-header="false"
  allow-authentication="true" allow-server-selection="false" regular-font="system-ui, sans-serif"
  mono-font="ui-monospace, monospace"></rapi-doc>
<noscript>The API reference needs JavaScript; the document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (sign in first, or send an API token).</noscript>
</body>
</html>
"#;

fn with_policy(mut response: Response) -> Response {
    response.headers_mut().insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    response
}

/// `GET /api/docs`.
pub async fn page() -> Response {
    with_policy(axum::response::Html(PAGE).into_response())
}

/// `GET /api/docs/rapidoc.js`: versioned with the binary, so cached for a day.
pub async fn script() -> Response {
    let headers = [
        (CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
        (CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
    ];
    with_policy((headers, RAPIDOC).into_response())
}
