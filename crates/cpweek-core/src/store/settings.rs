//! The person's settings kept with the database: their own council (the
//! default for new events), their role, which decides what they may do
//! ([`crate::permission`]), their name, which history records name, and the
//! screen the app was left on, where it opens next.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::{Error, FieldError, Result};
use crate::event::EventForm;
use crate::permission::Actor;
pub use crate::permission::Role;

/// The longest name the settings keep.
pub const NAME_MAX: usize = 100;

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
    /// Requests for ministers and VIPs to attend, and their pages.
    Requests,
    /// A person's week and the itinerary planner.
    Diaries,
    /// The people who may be asked to attend, and their pages.
    People,
    /// The published programme: its preview and export.
    Programme,
    /// The LGA's review queue.
    Review,
    /// Submission packs and the LGA's replies: export, import, conflicts.
    Packs,
    /// Good practice: the councils' case studies, their review and consent.
    Practice,
}

impl Screen {
    const ALL: [Screen; 14] = [
        Screen::Week,
        Screen::Events,
        Screen::Requests,
        Screen::Diaries,
        Screen::People,
        Screen::Dashboard,
        Screen::Programme,
        Screen::Review,
        Screen::Packs,
        Screen::Practice,
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
            Screen::Requests => "requests",
            Screen::Diaries => "diaries",
            Screen::People => "people",
            Screen::Programme => "programme",
            Screen::Review => "review",
            Screen::Packs => "packs",
            Screen::Practice => "practice",
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
    /// The council's name, for people.
    pub my_council_name: Option<String>,
    pub role: Role,
    /// The person's name, which history records name; none for unnamed.
    pub name: Option<String>,
    /// Where the app opens: the section it was left on (the Week at first).
    pub last_screen: Screen,
}

impl Settings {
    /// Who acts: history names them, the permission rule asks their role.
    pub fn person(&self) -> Actor {
        Actor {
            name: self.name.clone(),
            role: self.role,
        }
    }

    /// A new event's form as it starts, before anything is typed: led by
    /// the person's own council when the settings name one (the window's
    /// form and `cpweek event add` without `--council` both start here).
    pub fn new_event_form(&self) -> EventForm {
        EventForm {
            council: self.my_council.clone().unwrap_or_default(),
            ..EventForm::default()
        }
    }
}

/// A change to the settings as a person gives it: only what is given
/// changes. The council by name or code, or empty for none; the name, or
/// empty for none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SettingsForm {
    pub my_council: Option<String>,
    pub role: Option<Role>,
    pub name: Option<String>,
}

/// The settings as the store reads them, inside or outside a transaction.
pub(crate) fn read(conn: &Connection) -> Result<Settings> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    };
    let my_council = get("my_council")?;
    let my_council_name = match &my_council {
        Some(code) => conn
            .prepare_cached("SELECT display_name FROM councils WHERE code = ?1")?
            .query_row([code], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok(Settings {
        my_council,
        my_council_name,
        role: get("role")?
            .and_then(|r| Role::parse(&r))
            .unwrap_or_default(),
        name: get("name")?,
        last_screen: get("last_screen")?
            .and_then(|s| Screen::parse(&s))
            .unwrap_or_default(),
    })
}

/// A name as given: trimmed, empty for none; refused when too long or when
/// it holds a hidden character (line breaks, tabs, escapes, or a direction
/// control that would make "Eve \u{202e}LIVE" show as "Eve EVIL" in every
/// history record and board paper naming them): the text rules'
/// [`crate::text::is_hidden`].
fn checked_name(text: &str) -> Result<Option<String>, FieldError> {
    let name = text.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.chars().any(crate::text::is_hidden) {
        return Err(FieldError::new(
            "name",
            "name must be one line of text, without tabs, line breaks, direction controls or other control characters",
        ));
    }
    if name.chars().count() > NAME_MAX {
        return Err(FieldError::new(
            "name",
            format!("name must be {NAME_MAX} characters or fewer"),
        ));
    }
    Ok(Some(name.to_string()))
}

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        read(&self.conn)
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

    /// Checks and saves the settings the form gives, in one transaction:
    /// every bad value is named and nothing is written unless all are good.
    pub fn save_settings(&mut self, form: &SettingsForm) -> Result<Settings> {
        let mut errors = Vec::new();
        let my_council = match form.my_council.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(query) => match self.catalogue()?.council(query) {
                Ok(council) => Some(Some(council.code.clone())),
                Err(m) => {
                    errors.push(FieldError::new("my_council", m));
                    None
                }
            },
        };
        let name = match form.name.as_deref().map(checked_name) {
            None => None,
            Some(Ok(name)) => Some(name),
            Some(Err(e)) => {
                errors.push(e);
                None
            }
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            let put = |key: &str, value: Option<&str>| -> Result<()> {
                match value {
                    Some(v) => tx.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        [key, v],
                    )?,
                    None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
                };
                Ok(())
            };
            if let Some(code) = &my_council {
                put("my_council", code.as_deref())?;
            }
            if let Some(role) = form.role {
                put("role", Some(role.as_str()))?;
            }
            if let Some(name) = &name {
                put("name", name.as_deref())?;
            }
            Ok(())
        })?;
        self.settings()
    }
}
