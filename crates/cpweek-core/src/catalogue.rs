//! The reference data validation needs (councils, later names, themes,
//! audiences, programmes), loaded once from the store per user action.

use crate::council::{self, Council, Successor};
use crate::programme::{self, Programme, Term};

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
        programme::find(&self.programmes, id)
    }

    pub fn council(&self, query: &str) -> Result<&Council, String> {
        council::resolve(&self.councils, &self.successors, query)
    }
}
