//! Attachments: bytes in the data directory, metadata in the database, on the
//! record's timeline.

use rapport_domain::Crm;
use rapport_domain::files::NewFile;
use rapport_domain::model::Actor;
use rapport_domain::testing::each_database;
use serde_json::json;

use crate::demo::config;

#[tokio::test]
async fn attach_and_read_back() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let actor = Actor::system();
        let input = json!({"name": "Ολυμπος Α.Ε."});
        let company = crm.create(&actor, "companies", input.as_object().unwrap()).await.unwrap();
        let bytes = "Προσφορά 2026 — τιμές σε €".as_bytes();
        let file = NewFile { file_name: "προσφορά.txt", content_type: "text/plain", bytes };
        let attachment = crm.attach(&actor, ("companies", company.id), file).await.unwrap();
        let (record, back) = crm.attachment_bytes(&actor, attachment.id).await.unwrap();
        assert_eq!(back, bytes, "{}", db.name());
        assert_eq!(record.id, attachment.id);
        let timeline = crm.timeline(&actor, "companies", company.id, None, 10).await.unwrap();
        assert_eq!(timeline.len(), 1, "{}", db.name());
        assert_eq!(timeline[0].activity_id, attachment.id);
        // The key is the SHA-256 of the bytes (sha256sum of the same text).
        let sha = "the SHA-256 of the bytes";
        assert_eq!(record.get("storage_key"), record.get("sha256"), "{sha}");
        let rapport_domain::model::Value::Text(key) = record.get("sha256") else { panic!("no key") };
        // `printf '%s' "Προσφορά 2026 — τιμές σε €" | sha256sum`
        assert_eq!(key, "911f720e04b1088a5c5900aa0e3e65a660203ebbc096c2ee99e71d7e5f19ba81", "{sha}");
        assert!(db.data_dir.join("files").join(&key[..2]).join(key).exists(), "{}", db.name());
        // The same bytes twice are stored once.
        let again = NewFile { file_name: "copy.txt", content_type: "text/plain", bytes };
        crm.attach(&actor, ("companies", company.id), again).await.unwrap();
        let stored: usize = std::fs::read_dir(db.data_dir.join("files"))
            .unwrap()
            .map(|d| std::fs::read_dir(d.unwrap().path()).unwrap().count())
            .sum();
        assert_eq!(stored, 1, "{}", db.name());
        // A missing record gets nothing written.
        let ghost = NewFile { file_name: "x.txt", content_type: "text/plain", bytes: b"other" };
        assert!(crm.attach(&actor, ("companies", uuid::Uuid::now_v7()), ghost).await.is_err());
        let stored: usize = std::fs::read_dir(db.data_dir.join("files"))
            .unwrap()
            .map(|d| std::fs::read_dir(d.unwrap().path()).unwrap().count())
            .sum();
        assert_eq!(stored, 1, "{}", db.name());
    }
}

#[tokio::test]
async fn stored_file_fields_are_set_by_rapport_only() {
    for db in each_database().await {
        let crm = Crm::open(&config(&db)).await.unwrap();
        let actor = Actor::system();
        let company =
            crm.create(&actor, "companies", json!({"name": "Ερμής Ο.Ε."}).as_object().unwrap()).await.unwrap();
        // Pointing a record at some stored file by hand is refused.
        let forged = json!({"file_name": "x.pdf", "storage_key": "911f720e04b1088a5c5900aa0e3e65a660203ebbc096c2ee99e71d7e5f19ba81"});
        let err = crm.create(&actor, "attachments", forged.as_object().unwrap()).await.unwrap_err();
        assert_eq!(err.code(), "validation_failed", "{}", db.name());
        assert!(format!("{err}").contains("storage_key"), "{}: {err}", db.name());
        // File names that would become paths or headers are refused, and nothing is stored.
        for name in ["../etc/passwd", "a\\b.txt", "report\r\nSet-Cookie: x", "", ".."] {
            let file = NewFile { file_name: name, content_type: "text/plain", bytes: b"x" };
            let err = crm.attach(&actor, ("companies", company.id), file).await.unwrap_err();
            assert_eq!(err.code(), "validation_failed", "{}: {name:?}", db.name());
        }
        assert!(!db.data_dir.join("files").exists(), "{}: nothing stored", db.name());
    }
}
