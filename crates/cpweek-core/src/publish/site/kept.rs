//! Keeping the programme's PDF when publishing the site again: typesetting
//! the PDF of a large programme takes seconds, and most publishes change
//! nothing in it (a feed's event changed, or nothing at all).
//!
//! Beside the PDF the site keeps a small file, `programme/<name>.pdf.digest`,
//! that records what the PDF was made from (the digest of the document's
//! input with the cpweek version and the template,
//! [`crate::document::pdf_input_digest`]) and the digest of the PDF's own
//! bytes:
//!
//! ```text
//! cpweek programme PDF
//! input 1f0c…
//! pdf 9a4e…
//! ```
//!
//! When the site is published again into the same folder and the programme's
//! document has the same input digest, the PDF on disk is kept, but only if
//! its bytes still have the recorded digest (a PDF edited or damaged by hand
//! is made again). Anything unexpected (no such file, another format, a
//! changed version or template) means the PDF is typeset again: the shortcut
//! can only save time, never change what is published.

use crate::pack::sha256_hex;
use std::path::Path;

const HEADER: &str = "cpweek programme PDF";

/// A programme PDF already made, with the digest of what it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptPdf {
    /// [`crate::document::pdf_input_digest`] of the document it was made from.
    pub input: String,
    pub bytes: Vec<u8>,
}

/// The sidecar file's path beside the PDF's (`programme/x.pdf.digest`).
pub(crate) fn digest_path(pdf_path: &str) -> String {
    format!("{pdf_path}.digest")
}

/// The sidecar's text for a PDF made from `input`.
pub(crate) fn record(input: &str, pdf: &[u8]) -> String {
    format!("{HEADER}\ninput {input}\npdf {}\n", sha256_hex(pdf))
}

/// The PDF at `pdf_path` under `dir` with what it was made from, if its
/// sidecar is there, reads as written by [`record`], and the PDF's bytes have
/// the digest it records; otherwise `None` (the PDF is then made again).
pub fn read(dir: &Path, pdf_path: &str) -> Option<KeptPdf> {
    let text = std::fs::read_to_string(dir.join(digest_path(pdf_path))).ok()?;
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let input = lines.next()?.strip_prefix("input ")?.to_string();
    let pdf = lines.next()?.strip_prefix("pdf ")?;
    if lines.next().is_some() || input.len() != 64 || pdf.len() != 64 {
        return None;
    }
    let bytes = std::fs::read(dir.join(pdf_path)).ok()?;
    (sha256_hex(&bytes) == pdf).then_some(KeptPdf { input, bytes })
}
