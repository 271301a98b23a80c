//! The metadata API: objects and fields as each caller may see them, and custom
//! objects and fields made at runtime that work everywhere at once.

use reqwest::Method;
use serde_json::{Value, json};

use crate::app::spawn_app;
use crate::records::{call, ok, refused, token_for};

#[tokio::test]
async fn custom_objects_and_fields_work_at_once_and_only_administrators_make_them() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let admin = token_for(&app, "admin@example.com", "administrator", None).await;
        let marketing = token_for(&app, "mkt@example.com", "marketing", None).await;

        let project = json!({"id": "project", "api_name": "projects", "label": "Project", "label_plural": "Projects",
            "label_field": "name", "is_standard": true,
            "fields": [{"id": "name", "api_name": "name", "label": "Name", "type": "text", "required": true,
                        "indexed": true, "searchable": true, "read_only": true}]});
        let denied = call(&app, &marketing, Method::POST, "/api/v1/meta/objects", Some(project.clone())).await;
        assert_eq!(denied.status(), 403, "{at}");
        let made = ok(call(&app, &admin, Method::POST, "/api/v1/meta/objects", Some(project)).await, 201).await;
        assert_eq!((made["is_standard"].as_bool(), made["fields"][0].get("read_only")), (Some(false), None), "{at}");

        // Records of the new object, then a new field: filterable and sortable at once.
        let batch: Vec<Value> = ["Alpha", "Beta", "Gamma"].iter().map(|n| json!({"name": n})).collect();
        ok(call(&app, &admin, Method::POST, "/api/v1/projects", Some(Value::Array(batch))).await, 201).await;
        let budget = json!({"api_name": "budget", "label": "Budget", "type": "decimal", "precision": 12, "scale": 2,
            "indexed": true});
        let field =
            ok(call(&app, &admin, Method::POST, "/api/v1/meta/objects/projects/fields", Some(budget)).await, 201).await;
        assert_eq!(field["id"], "cf_budget", "{at}");
        let list = ok(call(&app, &admin, Method::GET, "/api/v1/projects?order_by=name[asc]", None).await, 200).await;
        let beta = &list["data"][1];
        let path = format!("/api/v1/projects/{}", beta["id"].as_str().unwrap());
        ok(call(&app, &admin, Method::PATCH, &path, Some(json!({"budget": "1500.50", "version": 1}))).await, 200).await;
        let rich = "/api/v1/projects?filter=budget[gt]:1000&order_by=budget[desc]";
        let found = ok(call(&app, &admin, Method::GET, rich, None).await, 200).await;
        assert_eq!(found["data"][0]["name"], "Beta", "{at}");
        assert_eq!(found["data"].as_array().unwrap().len(), 1);

        // Rename by API name, hide: answers follow at once.
        let renamed = json!({"api_name": "planned_budget"});
        ok(call(&app, &admin, Method::PATCH, "/api/v1/meta/objects/projects/fields/budget", Some(renamed)).await, 200)
            .await;
        let got = ok(call(&app, &admin, Method::GET, &path, None).await, 200).await;
        assert_eq!(got["planned_budget"], "1500.5", "{at}");
        let hide = json!({"hidden": true});
        ok(
            call(&app, &admin, Method::PATCH, "/api/v1/meta/objects/projects/fields/planned_budget", Some(hide)).await,
            200,
        )
        .await;
        let got = ok(call(&app, &admin, Method::GET, &path, None).await, 200).await;
        assert!(got.get("planned_budget").is_none(), "{at}: a hidden field is not answered");

        // Rename and hide the object: its records follow the new name; hidden, only
        // administrators reach it.
        let renamed = json!({"api_name": "engagements", "label_plural": "Engagements"});
        ok(call(&app, &admin, Method::PATCH, "/api/v1/meta/objects/projects", Some(renamed)).await, 200).await;
        assert_eq!(call(&app, &admin, Method::GET, "/api/v1/projects", None).await.status(), 404, "{at}");
        let listed = ok(call(&app, &admin, Method::GET, "/api/v1/engagements", None).await, 200).await;
        assert_eq!(listed["data"].as_array().unwrap().len(), 3, "{at}");
        assert_eq!(call(&app, &marketing, Method::GET, "/api/v1/engagements", None).await.status(), 200);
        ok(
            call(&app, &admin, Method::PATCH, "/api/v1/meta/objects/engagements", Some(json!({"hidden": true}))).await,
            200,
        )
        .await;
        assert_eq!(
            call(&app, &marketing, Method::GET, "/api/v1/engagements", None).await.status(),
            404,
            "{at}: hidden"
        );
        assert_eq!(call(&app, &admin, Method::GET, "/api/v1/engagements", None).await.status(), 200, "{at}");
        let standard = json!({"api_name": "humans"});
        refused(
            call(&app, &admin, Method::PATCH, "/api/v1/meta/objects/people", Some(standard)).await,
            400,
            "api_name",
            "invalid_name",
        )
        .await;
        let relabel = json!({"label_plural": "Contacts"});
        let people =
            ok(call(&app, &admin, Method::PATCH, "/api/v1/meta/objects/people", Some(relabel)).await, 200).await;
        assert_eq!(people["label_plural"], "Contacts", "{at}");
        let denied =
            call(&app, &marketing, Method::PATCH, "/api/v1/meta/objects/people", Some(json!({"label": "x"}))).await;
        assert_eq!(denied.status(), 403, "{at}");

        // Names the API itself uses cannot be taken; bad definitions are named.
        let meta = json!({"id": "meta", "api_name": "meta", "label": "M", "label_plural": "Ms", "fields": []});
        refused(
            call(&app, &admin, Method::POST, "/api/v1/meta/objects", Some(meta)).await,
            400,
            "api_name",
            "invalid_name",
        )
        .await;
        let bad = json!({"api_name": "Bad Name", "label": "x", "type": "text"});
        refused(
            call(&app, &admin, Method::POST, "/api/v1/meta/objects/engagements/fields", Some(bad)).await,
            400,
            "api_name",
            "invalid_name",
        )
        .await;

        // Each caller sees the metadata its role reads: marketing has no tax id.
        let objects = ok(call(&app, &marketing, Method::GET, "/api/v1/meta/objects/companies", None).await, 200).await;
        let names: Vec<&str> =
            objects["fields"].as_array().unwrap().iter().map(|f| f["api_name"].as_str().unwrap()).collect();
        assert!(names.contains(&"name") && !names.contains(&"tax_id"), "{at}: {names:?}");
        let all = ok(call(&app, &marketing, Method::GET, "/api/v1/meta/objects", None).await, 200).await;
        assert!(all["data"].as_array().unwrap().iter().any(|o| o["api_name"] == "companies"), "{at}");
        assert!(!all["data"].as_array().unwrap().iter().any(|o| o["api_name"] == "engagements"), "{at}: hidden");
        assert_eq!(call(&app, &marketing, Method::GET, "/api/v1/meta/objects/unicorns", None).await.status(), 404);
    }
}

#[tokio::test]
async fn a_select_fields_options_and_section_change_through_the_api() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let admin = token_for(&app, "admin@example.com", "administrator", None).await;
        let marketing = token_for(&app, "mkt@example.com", "marketing", None).await;
        let status = "/api/v1/meta/objects/leads/fields/status";
        let field = ok(call(&app, &admin, Method::GET, "/api/v1/meta/objects/leads", None).await, 200).await;
        let current = field["fields"].as_array().unwrap().iter().find(|f| f["api_name"] == "status").unwrap().clone();
        let mut options = current["options"].as_array().unwrap().clone();
        assert!(options.iter().any(|o| o["value"] == "new"), "{at}: {current}");

        // A new status, relabelled and moved first: a lead takes it at once.
        options[0]["label"] = json!("Fresh");
        options.insert(0, json!({"value": "nurturing", "label": "Nurturing", "color": "teal"}));
        let body = json!({"options": options, "section": "Pipeline"});
        let denied = call(&app, &marketing, Method::PATCH, status, Some(body.clone())).await;
        assert_eq!(denied.status(), 403, "{at}");
        let saved = ok(call(&app, &admin, Method::PATCH, status, Some(body)).await, 200).await;
        assert_eq!(saved["options"][0]["value"], "nurturing", "{at}: {saved}");
        assert_eq!(saved["options"][1]["label"], "Fresh", "{at}");
        assert_eq!(saved["section"], "Pipeline", "{at}");
        let lead = json!({"name": {"first": "Ada", "last": "Byron"}, "status": "nurturing"});
        let lead = ok(call(&app, &admin, Method::POST, "/api/v1/leads", Some(lead)).await, 201).await;
        assert_eq!(lead["status"], "nurturing", "{at}");

        // The option a lead holds stays; one no lead holds goes; `null` clears the section.
        let without = |value: &str| -> Vec<Value> {
            saved["options"].as_array().unwrap().iter().filter(|o| o["value"] != value).cloned().collect()
        };
        let held = call(&app, &admin, Method::PATCH, status, Some(json!({"options": without("nurturing")}))).await;
        refused(held, 400, "options", "in_use").await;
        let kept = ok(call(&app, &admin, Method::GET, "/api/v1/meta/objects/leads", None).await, 200).await;
        let kept = kept["fields"].as_array().unwrap().iter().find(|f| f["api_name"] == "status").unwrap().clone();
        assert_eq!(kept["options"], saved["options"], "{at}: a refusal changes nothing");
        let body = json!({"options": without("converted"), "section": null});
        let saved = ok(call(&app, &admin, Method::PATCH, status, Some(body)).await, 200).await;
        assert!(saved["options"].as_array().unwrap().iter().all(|o| o["value"] != "converted"), "{at}");
        assert!(saved.get("section").is_none_or(Value::is_null), "{at}: {saved}");

        // Bad lists name the option at fault; options belong to selects only.
        let twice = json!({"options": [{"value": "new", "label": "New"}, {"value": "new", "label": "Again"}]});
        refused(call(&app, &admin, Method::PATCH, status, Some(twice)).await, 400, "options.1.value", "name_taken")
            .await;
        let blank = json!({"options": [{"value": "new", "label": ""}]});
        refused(call(&app, &admin, Method::PATCH, status, Some(blank)).await, 400, "options.0.label", "required").await;
        let text = json!({"options": [{"value": "a", "label": "A"}]});
        let company = "/api/v1/meta/objects/leads/fields/company_name";
        refused(call(&app, &admin, Method::PATCH, company, Some(text)).await, 400, "options", "not_a_select").await;

        // The administrator's OpenAPI document describes the body; others have no such operation.
        let doc = ok(call(&app, &admin, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        let patch = &doc["paths"]["/api/v1/meta/objects/{object}/fields/{field}"]["patch"];
        let props = &patch["requestBody"]["content"]["application/json"]["schema"]["properties"];
        assert_eq!(props["options"]["items"]["required"], json!(["value", "label"]), "{at}: {patch}");
        assert!(props["section"]["anyOf"].is_array(), "{at}: {props}");
        let theirs = ok(call(&app, &marketing, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        assert!(theirs["paths"].get("/api/v1/meta/objects/{object}/fields/{field}").is_none(), "{at}");
    }
}

#[tokio::test]
async fn the_openapi_document_follows_live_metadata_and_the_callers_rules() {
    for db in rapport_domain::testing::each_database().await {
        let at = db.name();
        let app = spawn_app(&db).await;
        let admin = token_for(&app, "admin@example.com", "administrator", None).await;
        let marketing = token_for(&app, "mkt@example.com", "marketing", None).await;
        let service = token_for(&app, "svc@example.com", "service_agent", None).await;
        let doc = ok(call(&app, &admin, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["paths"]["/api/v1/people"]["post"].is_object(), "{at}");
        assert!(doc["components"]["schemas"]["People"]["properties"]["emails"].is_object());
        assert!(doc["components"]["schemas"]["PeopleInput"]["required"].as_array().unwrap().contains(&json!("name")));
        assert!(doc["components"]["schemas"]["Companies"]["properties"]["tax_id"].is_object());

        // A new field is in the document at once.
        let field = json!({"api_name": "loyalty_tier", "label": "Loyalty tier", "type": "select",
            "options": [{"value": "gold", "label": "Gold"}, {"value": "silver", "label": "Silver"}]});
        ok(call(&app, &admin, Method::POST, "/api/v1/meta/objects/people/fields", Some(field)).await, 201).await;
        let doc = ok(call(&app, &admin, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        let tier = &doc["components"]["schemas"]["PeopleInput"]["properties"]["loyalty_tier"];
        assert_eq!(tier["anyOf"][0]["enum"], json!(["gold", "silver"]), "{at}: {tier}");

        // Each caller's document has what its rules allow, and nothing hidden from it.
        let theirs = ok(call(&app, &marketing, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        assert!(theirs["components"]["schemas"]["Companies"]["properties"].get("tax_id").is_none(), "{at}");
        let services = ok(call(&app, &service, Method::GET, "/api/v1/openapi.json", None).await, 200).await;
        assert!(services["paths"].get("/api/v1/opportunities").is_none(), "{at}: no deals for the service desk");
        assert!(services["paths"].get("/api/v1/people").is_some());
        assert_eq!(app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().status(), 401);
    }
}

#[tokio::test]
async fn the_api_reference_page_and_its_viewer_come_from_this_server_only() {
    for db in rapport_domain::testing::each_database().await {
        let app = spawn_app(&db).await;
        let page = app.client.get(app.url("/api/docs")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let policy = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(policy.contains("default-src 'self'") && policy.contains("font-src 'self'"), "{policy}");
        let html = page.text().await.unwrap();
        assert!(html.contains(r#"spec-url="/api/v1/openapi.json""#) && html.contains(r#"src="/api/docs/rapidoc.js""#));
        assert!(!html.contains("https://"), "the page loads nothing from elsewhere");
        let script = app.client.get(app.url("/api/docs/rapidoc.js")).send().await.unwrap();
        assert_eq!(script.status(), 200);
        assert!(script.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
        assert!(script.bytes().await.unwrap().len() > 100_000, "the vendored viewer");
    }
}
