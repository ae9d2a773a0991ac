//! The reference data validation needs (councils, later names, themes,
//! audiences, programmes), loaded once from the store per user action.

use crate::council::{self, Council, Successor};
use crate::programme::{Programme, Term};

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub councils: Vec<Council>,
    pub successors: Vec<Successor>,
    pub themes: Vec<Term>,
    pub audiences: Vec<Term>,
    pub programmes: Vec<Programme>,
}

impl Catalogue {
    /// The programme `id` names, or the current one when `id` is empty.
    pub fn programme(&self, id: &str) -> Result<&Programme, String> {
        let id = id.trim();
        if id.is_empty() {
            return self
                .programmes
                .iter()
                .find(|p| p.is_current)
                .ok_or_else(|| "programme: no programme is marked current; name one".to_string());
        }
        self.programmes
            .iter()
            .find(|p| p.id.eq_ignore_ascii_case(id))
            .ok_or_else(|| {
                format!(
                    "programme \"{id}\" is not known; choose from {}",
                    self.programmes
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }

    pub fn council(&self, query: &str) -> Result<&Council, String> {
        council::resolve(&self.councils, &self.successors, query)
    }
}
