//! The user's settings, kept as a small JSON file in the app's configuration folder. A missing
//! or unreadable file gives the defaults; a setting the file does not name keeps its default.

use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::PathBuf;

/// The longest author name kept, in characters.
pub const MAX_AUTHOR_CHARS: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Who each save names in the file's revisions; empty (no name) until the user gives one,
    /// since a file passed around would carry it.
    pub author: String,
}

impl Settings {
    /// The settings with every value made acceptable, or why one cannot be.
    pub fn checked(self) -> Result<Settings, String> {
        let author = self.author.trim();
        if author.chars().count() > MAX_AUTHOR_CHARS {
            return Err(format!("an author name can have at most {MAX_AUTHOR_CHARS} characters"));
        }
        if author.chars().any(char::is_control) {
            return Err("an author name is one line of text".to_owned());
        }
        Ok(Settings { author: author.to_owned() })
    }
}

/// Where the settings are kept, and what they are now.
#[derive(Debug)]
pub struct SettingsFile {
    /// `None` keeps them in memory only.
    store: Option<PathBuf>,
    current: Settings,
}

impl SettingsFile {
    pub fn load(store: Option<PathBuf>) -> Self {
        let current = store
            .as_deref()
            .and_then(|file| std::fs::read_to_string(file).ok())
            .and_then(|text| serde_json::from_str::<Settings>(&text).ok())
            .and_then(|settings| settings.checked().ok())
            .unwrap_or_default();
        Self { store, current }
    }

    pub fn current(&self) -> &Settings {
        &self.current
    }

    /// Checks and keeps `settings`; they hold for this run even if the file cannot be written.
    pub fn set(&mut self, settings: Settings) -> Result<(), String> {
        self.current = settings.checked()?;
        if let Some(store) = &self.store {
            if let Some(dir) = store.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("the settings could not be kept: {e}"))?;
            }
            let text = serde_json::to_string_pretty(&self.current).expect("settings serialise");
            std::fs::write(store, text).map_err(|e| format!("the settings could not be kept: {e}"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_kept_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("config").join("settings.json");
        let mut file = SettingsFile::load(Some(store.clone()));
        assert_eq!(file.current(), &Settings::default());
        file.set(Settings { author: "  Ada Lovelace ".into() }).unwrap();
        assert_eq!(file.current().author, "Ada Lovelace");
        assert_eq!(SettingsFile::load(Some(store.clone())).current().author, "Ada Lovelace");
        let refused = file.set(Settings { author: "Ada\nEve".into() }).unwrap_err();
        assert_eq!(refused, "an author name is one line of text");
        assert!(file.set(Settings { author: "x".repeat(101) }).is_err());
        std::fs::write(&store, "{ not json").unwrap();
        assert_eq!(SettingsFile::load(Some(store.clone())).current(), &Settings::default());
        std::fs::write(&store, "{}").unwrap();
        assert_eq!(SettingsFile::load(Some(store)).current(), &Settings::default(), "unnamed settings keep defaults");
    }
}
