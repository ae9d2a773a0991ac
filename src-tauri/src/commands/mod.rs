//! Tauri commands: each parses its input, calls cpweek-core and maps the
//! result. No business rules here. Every command runs off the main thread
//! (`async`), so database work never blocks the window.

pub mod attendance;
pub mod briefing;
pub mod calendars;
pub mod dissemination;
pub mod events;
pub mod feeds;
pub mod packs;
pub mod people;
pub mod practice;
pub mod programme;
pub mod reference;
pub mod releases;
pub mod review;
pub mod settings;
pub mod toolkit;

#[cfg(test)]
mod agreement_tests;
#[cfg(test)]
mod list_tests;
