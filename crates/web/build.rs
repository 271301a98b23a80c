//! Rebuilds the crate when a Fluent file is added, changed or removed: the messages
//! are compiled in by a macro, which cargo cannot watch by itself. The stamp of the
//! `locales` folder (every file's path and contents, hashed) goes into an environment
//! variable the i18n module reads.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

fn visit(dir: &Path, hasher: &mut DefaultHasher) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            visit(&path, hasher);
        } else {
            println!("cargo:rerun-if-changed={}", path.display());
            path.hash(hasher);
            std::fs::read(&path).unwrap_or_default().hash(hasher);
        }
    }
}

fn main() {
    let mut hasher = DefaultHasher::new();
    visit(Path::new("locales"), &mut hasher);
    println!("cargo:rustc-env=RAPPORT_LOCALES_STAMP={:016x}", hasher.finish());
}
