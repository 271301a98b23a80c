//! Attached files: the bytes in the data directory, content-addressed by SHA-256
//! (`files/ab/abcdef…`), the metadata as an `attachments` record linked to the record's
//! timeline. A file is on disk (written, synced, renamed into place) before the record
//! that names it is committed, so an acknowledged attachment is never missing its bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use rapport_model::{Actor, Record};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::crm::Crm;
use crate::demo::obj;
use crate::error::{DomainError, Result};

/// The largest file accepted (larger ones belong in a document store).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Where attachment bytes live.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn new(data_dir: &Path) -> Self {
        FileStore { root: data_dir.join("files") }
    }

    fn path_of(&self, key: &str) -> Option<PathBuf> {
        // Keys are lower-case hex digests; anything else never reaches the file system.
        let valid = key.len() == 64 && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| self.root.join(&key[..2]).join(key))
    }

    /// Writes the bytes durably and returns their key (their SHA-256 in hex).
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = format!("{:x}", Sha256::digest(bytes));
        let path = self.path_of(&key).ok_or_else(|| std::io::Error::other("bad key"))?;
        if path.exists() {
            return Ok(key);
        }
        let dir = path.parent().ok_or_else(|| std::io::Error::other("no parent"))?;
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{key}.{}", Uuid::now_v7().simple()));
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path)?;
        std::fs::File::open(dir)?.sync_all()?;
        Ok(key)
    }

    pub fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let path =
            self.path_of(key).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))?;
        std::fs::read(path)
    }
}

/// File I/O (up to 64 MiB and two fsyncs) runs on a blocking thread, never on the
/// async runtime's workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> std::io::Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| DomainError::Files(e.to_string()))?
        .map_err(|e| DomainError::Files(e.to_string()))
}

/// A file to attach.
pub struct NewFile<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

impl Crm {
    /// Stores a file and puts it on a record's timeline, in one unit of work.
    pub async fn attach(&self, actor: &Actor, record: (&str, Uuid), file: NewFile<'_>) -> Result<Record> {
        if file.bytes.len() > MAX_FILE_BYTES {
            return Err(DomainError::FileTooLarge { max: MAX_FILE_BYTES });
        }
        // The name goes into download headers and exported folders later: no paths, no
        // control characters.
        let bad_name = file.file_name.trim().is_empty()
            || file.file_name.chars().any(|c| c.is_control() || c == '/' || c == '\\')
            || matches!(file.file_name, "." | "..");
        if bad_name {
            let reason =
                rapport_model::Reason::WrongType { expected: "a file name without /, \\ or control characters" };
            return Err(rapport_store::StoreError::from(rapport_model::ModelError::invalid("file_name", reason)).into());
        }
        // The record must be visible to the actor, and the attachment within its create
        // reach, before anything is written (even bytes to the file store).
        self.get(actor, record.0, record.1).await?;
        let team = actor.teams().first().copied();
        if !actor.may_assign("attachment", rapport_model::Action::Create, actor.user_id(), team) {
            return Err(rapport_store::StoreError::Forbidden { object: "attachments".into(), action: "create" }.into());
        }
        let (files, bytes) = (self.files().clone(), file.bytes.to_vec());
        let key = blocking(move || files.put(&bytes)).await?;
        let input = obj(json!({
            "file_name": file.file_name,
            "content_type": file.content_type,
            "size_bytes": file.bytes.len(),
            "sha256": key,
            "storage_key": key,
        }));
        let (object, id) = (record.0.to_owned(), record.1);
        self.transaction(actor, move |tx| {
            Box::pin(async move {
                let attachment = tx.create_as_system("attachments", &input).await?;
                tx.link(("attachments", attachment.id), (&object, id), attachment.created_at).await?;
                Ok(attachment)
            })
        })
        .await
    }

    /// The bytes of an attachment.
    pub async fn attachment_bytes(&self, actor: &Actor, id: Uuid) -> Result<(Record, Vec<u8>)> {
        let record = self.get(actor, "attachments", id).await?;
        let key = match record.get("storage_key") {
            rapport_model::Value::Text(k) => k.clone(),
            _ => return Err(DomainError::Files("the attachment has no stored file".into())),
        };
        let files = self.files().clone();
        let bytes = blocking(move || files.get(&key)).await?;
        Ok((record, bytes))
    }
}
