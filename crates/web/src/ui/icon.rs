//! The interface's icons: one sprite of Lucide symbols (`/static/icons.svg`, built by
//! `scripts/icons`), drawn with `<use>` so each page carries a few bytes per icon and
//! the browser caches the drawings once. An icon is markup made here from a name the
//! sprite holds, never from the name as given: a name it lacks (an object's metadata
//! may name any) is drawn as a plain dot.

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use super::assets;

/// The sprite's symbols, read from the sprite itself so the two cannot disagree.
static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    assets::ICON_SPRITE
        .split("<symbol id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name))
        .collect()
});

/// What an icon the sprite lacks is drawn as.
const FALLBACK: &str = "circle-dot";

/// An icon from the sprite, rendered as a decorative `<svg>` (its meaning is in the
/// text beside it, so screen readers skip it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icon(&'static str);

impl Icon {
    /// The icon called `name`, or the fallback when the sprite has none of that name.
    pub fn named(name: &str) -> Icon {
        Icon(NAMES.get(name).copied().unwrap_or(FALLBACK))
    }

    pub fn name(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Icon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\"><use href=\"/static/icons.svg?v={}#{}\"></use></svg>",
            assets::version(),
            self.0
        )
    }
}

/// Askama: `{{ "plus"|icon|safe }}` in a template.
pub fn icon(name: &str) -> Icon {
    Icon::named(name)
}
