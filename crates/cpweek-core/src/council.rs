//! Councils and regions of England as they stood in 2014, and turning what a
//! person types ("886", "Kent", "bristol") into one of them.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Region {
    pub code: String,
    pub name: String,
}

/// A local authority with children's services responsibility in 2014.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Council {
    /// DfE three-digit LA number, as text ("886" is Kent).
    pub code: String,
    pub gss_code: String,
    /// Official statistical name, e.g. "Bristol, City of".
    pub name: String,
    /// The name people use, e.g. "Bristol".
    pub display_name: String,
    pub region: String,
    pub region_code: String,
}

impl Council {
    /// `Kent (886)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.display_name, self.code)
    }
}

/// Finds the region `query` names, by its E12 code or its name (case
/// ignored), or says which there are.
pub fn resolve_region<'a>(regions: &'a [Region], query: &str) -> Result<&'a Region, String> {
    let q = query.trim();
    regions
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(q) || r.name.eq_ignore_ascii_case(q))
        .ok_or_else(|| {
            format!(
                "region \"{q}\" is not an English region; choose from {}",
                regions
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

/// A council name from after 2014, and what to use for 2014 instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Successor {
    pub name: String,
    pub advice: String,
}

/// Finds the council `query` names: a DfE code, a GSS code, the official or
/// display name (case and spacing ignored). On no match the error message
/// says which 2014 council to use for a later name, or suggests the closest
/// names.
pub fn resolve<'a>(
    councils: &'a [Council],
    successors: &[Successor],
    query: &str,
) -> Result<&'a Council, String> {
    let query = query.trim();
    if query.is_empty() {
        return Err("council is required; give its name or DfE code, like Kent or 886".into());
    }
    let key = normalise(query);
    let exact = councils.iter().find(|c| {
        c.code == query
            || c.gss_code.eq_ignore_ascii_case(query)
            || normalise(&c.name) == key
            || normalise(&c.display_name) == key
    });
    if let Some(council) = exact {
        return Ok(council);
    }
    // Later names come before the looser match below: "Dorset Council" is
    // the 2019 council, not Dorset County Council.
    if let Some(s) = successors.iter().find(|s| normalise(&s.name) == key) {
        return Err(format!("council \"{query}\": {}", s.advice));
    }
    let bare = strip_council_words(&key);
    if let Some(council) = councils
        .iter()
        .find(|c| strip_council_words(&c.display_name) == bare)
    {
        return Ok(council);
    }
    if query.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "council \"{query}\" is not a DfE code of a council in 2014; codes are three digits, like 886 for Kent"
        ));
    }
    let suggestions = closest(councils, query, 3);
    if suggestions.is_empty() {
        Err(format!("council \"{query}\" is not a council in 2014"))
    } else {
        Err(format!(
            "council \"{query}\" is not a council in 2014; did you mean {}?",
            or_list(&suggestions.iter().map(|c| c.label()).collect::<Vec<_>>())
        ))
    }
}

/// The councils whose names are closest to `query`, best first.
pub fn closest<'a>(councils: &'a [Council], query: &str, most: usize) -> Vec<&'a Council> {
    let key = normalise(query);
    let mut scored: Vec<(f64, &Council)> = councils
        .iter()
        .map(|c| {
            let by_display = strsim::jaro_winkler(&key, &normalise(&c.display_name));
            let by_name = strsim::jaro_winkler(&key, &normalise(&c.name));
            let contains = if normalise(&c.display_name).contains(&key) && key.len() >= 3 {
                0.9
            } else {
                0.0
            };
            (by_display.max(by_name).max(contains), c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(most).map(|(_, c)| c).collect()
}

fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace('&', " and ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Kent County Council" and "City of York Council" name the councils the
/// seeds call "Kent" and "York".
fn strip_council_words(text: &str) -> String {
    normalise(text)
        .split(' ')
        .filter(|w| {
            !matches!(
                *w,
                "council" | "county" | "borough" | "metropolitan" | "city" | "of"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {}", rest.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn council(code: &str, name: &str, display: &str) -> Council {
        Council {
            code: code.into(),
            gss_code: format!("E000{code}"),
            name: name.into(),
            display_name: display.into(),
            region: "South East".into(),
            region_code: "E12000008".into(),
        }
    }

    fn sample() -> Vec<Council> {
        vec![
            council("886", "Kent", "Kent"),
            council("801", "Bristol, City of", "Bristol"),
            council("909", "Cumbria", "Cumbria"),
            council("816", "York", "York"),
        ]
    }

    fn successors() -> Vec<Successor> {
        vec![Successor {
            name: "Cumberland".into(),
            advice: "Cumberland was formed from Cumbria in 2023; for 2014 use Cumbria (909)".into(),
        }]
    }

    #[test]
    fn finds_by_code_name_and_display_name() {
        let all = sample();
        assert_eq!(resolve(&all, &[], "886").unwrap().code, "886");
        assert_eq!(resolve(&all, &[], " kent ").unwrap().code, "886");
        assert_eq!(resolve(&all, &[], "Bristol, City of").unwrap().code, "801");
        assert_eq!(resolve(&all, &[], "bristol").unwrap().code, "801");
        assert_eq!(
            resolve(&all, &[], "Kent County Council").unwrap().code,
            "886"
        );
        assert_eq!(
            resolve(&all, &[], "City of York Council").unwrap().code,
            "816"
        );
    }

    #[test]
    fn unknown_name_suggests_the_closest() {
        let err = resolve(&sample(), &[], "Kentt").unwrap_err();
        assert_eq!(
            err,
            "council \"Kentt\" is not a council in 2014; did you mean Kent (886)?"
        );
    }

    #[test]
    fn later_council_names_say_which_2014_council_to_use() {
        let err = resolve(&sample(), &successors(), "cumberland").unwrap_err();
        assert!(err.contains("for 2014 use Cumbria (909)"), "{err}");
    }

    #[test]
    fn unknown_code_says_what_a_code_looks_like() {
        let err = resolve(&sample(), &[], "999").unwrap_err();
        assert!(err.contains("three digits"), "{err}");
    }
}
