//! The person's settings kept with the database: their own council (the
//! default for new events), their role, which decides whether they may
//! review events, and the screen the app was left on, where it opens next.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::{Error, FieldError, Result};
use crate::event::Review;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Registers and edits their council's events.
    #[default]
    CouncilOrganiser,
    /// Reviews events into the national programme.
    LgaOfficer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::CouncilOrganiser => "council_organiser",
            Role::LgaOfficer => "lga_officer",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        [Role::CouncilOrganiser, Role::LgaOfficer]
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }

    /// LGA officers approve, return and cancel events; a council organiser
    /// may cancel (their council's plans change) but not approve or return.
    pub fn may(self, review: &Review) -> Result<()> {
        match (self, review) {
            (Role::LgaOfficer, _) | (Role::CouncilOrganiser, Review::Cancel { .. }) => Ok(()),
            (Role::CouncilOrganiser, _) => Err(Error::Conflict(
                "only an LGA officer can approve or return events; change your role in Settings"
                    .into(),
            )),
        }
    }
}

/// A section of the app: the screen it opens on is the section it was
/// left on (a single event is not kept: it may be gone by then).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Screen {
    #[default]
    Week,
    Events,
    Dashboard,
    Import,
    Export,
    Feeds,
    Settings,
}

impl Screen {
    const ALL: [Screen; 7] = [
        Screen::Week,
        Screen::Events,
        Screen::Dashboard,
        Screen::Import,
        Screen::Export,
        Screen::Feeds,
        Screen::Settings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Screen::Week => "week",
            Screen::Events => "events",
            Screen::Dashboard => "dashboard",
            Screen::Import => "import",
            Screen::Export => "export",
            Screen::Feeds => "feeds",
            Screen::Settings => "settings",
        }
    }

    pub fn parse(text: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }
}

/// The settings as stored: `my_council` is a DfE code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Settings {
    pub my_council: Option<String>,
    pub role: Role,
    /// Where the app opens: the section it was left on (the Week at first).
    pub last_screen: Screen,
}

/// The settings as a person gives them: the council by name or code, or
/// empty for none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SettingsForm {
    pub my_council: String,
    pub role: Role,
}

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(self
                .conn
                .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        Ok(Settings {
            my_council: get("my_council")?,
            role: get("role")?
                .and_then(|r| Role::parse(&r))
                .unwrap_or_default(),
            last_screen: get("last_screen")?
                .and_then(|s| Screen::parse(&s))
                .unwrap_or_default(),
        })
    }

    /// Keeps the section the person is on, so the app opens there next
    /// time. Writes nothing when it is already kept.
    pub fn remember_screen(&mut self, screen: Screen) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('last_screen', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value
                 WHERE value <> excluded.value",
                [screen.as_str()],
            )?;
            Ok(())
        })
    }

    /// Checks and saves the settings in one transaction.
    pub fn save_settings(&mut self, form: &SettingsForm) -> Result<Settings> {
        let my_council = match form.my_council.trim() {
            "" => None,
            query => Some(
                self.catalogue()?
                    .council(query)
                    .map_err(|m| Error::Invalid(vec![FieldError::new("my_council", m)]))?
                    .code
                    .clone(),
            ),
        };
        self.write(|tx| {
            match &my_council {
                Some(code) => tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('my_council', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [code],
                )?,
                None => tx.execute("DELETE FROM settings WHERE key = 'my_council'", [])?,
            };
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('role', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [form.role.as_str()],
            )?;
            Ok(())
        })?;
        self.settings()
    }
}
