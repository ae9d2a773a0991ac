//! The toolkit's dissemination in the store: recording which councils were
//! sent which edition (table `toolkit_sent`, migration 18), listing the
//! record, and the coverage figure the Dashboard will show.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{practice as stored_practice, settings, Store};
use crate::dissemination::{
    self, Coverage, Dissemination, Recipients, Sent, SentForm, SentReport, Viewer,
};
use crate::error::{Error, FieldError, Result};
use crate::permission;

impl Store {
    /// Records that an edition of the toolkit was sent to the councils the
    /// form names (or all 152) on a day, as an LGA officer, in one
    /// transaction. A council already recorded for that edition keeps its
    /// first day and is reported as such.
    pub fn record_toolkit_sent(
        &mut self,
        form: &SentForm,
        now: DateTime<Utc>,
    ) -> Result<SentReport> {
        let catalogue = self.catalogue()?;
        self.write(|tx| {
            let person = settings::read(tx)?.person();
            permission::check_toolkit_sent(person.role)?;
            let programme = catalogue
                .programme(&form.programme)
                .map_err(|m| Error::invalid("programme", m))?;
            let mut errors: Vec<FieldError> = Vec::new();
            let edition = dissemination::edition(&form.edition)
                .map_err(|e| errors.push(e))
                .ok();
            let today = now.with_timezone(&programme.time_zone).date_naive();
            let day = dissemination::sent_on(&form.on, today)
                .map_err(|e| errors.push(e))
                .ok();
            let codes: Vec<String> = match dissemination::recipients(&form.to) {
                Err(e) => {
                    errors.push(e);
                    Vec::new()
                }
                Ok(Recipients::All) => catalogue.councils.iter().map(|c| c.code.clone()).collect(),
                Ok(Recipients::Councils(given)) => {
                    let mut codes = Vec::new();
                    for g in given {
                        match catalogue.council(&g) {
                            Ok(c) if !codes.contains(&c.code) => codes.push(c.code.clone()),
                            Ok(_) => {}
                            Err(m) => errors.push(FieldError::new("to", m)),
                        }
                    }
                    codes
                }
            };
            let (Some(edition), Some(day)) = (edition, day) else {
                return Err(Error::Invalid(errors));
            };
            if !errors.is_empty() {
                return Err(Error::Invalid(errors));
            }
            let mut report = SentReport {
                edition,
                sent_on: day.to_string(),
                recorded: Vec::new(),
                already: Vec::new(),
            };
            for code in codes {
                let added = tx
                    .prepare_cached(
                        "INSERT INTO toolkit_sent
                           (programme_id, edition, council_code, sent_on, recorded_by, recorded_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT (programme_id, edition, council_code) DO NOTHING",
                    )?
                    .execute(params![
                        programme.id,
                        edition,
                        code,
                        day.to_string(),
                        person.who(),
                        crate::time::to_store(now)
                    ])?;
                if added == 1 {
                    report.recorded.push(code);
                } else {
                    report.already.push(code);
                }
            }
            Ok(report)
        })
    }

    /// Every recorded sending of a programme's toolkit (empty: the current
    /// programme), by edition, then region and council.
    pub fn toolkit_sent(&self, programme: &str) -> Result<Vec<Sent>> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let mut stmt = self.conn.prepare(
            "SELECT t.programme_id, t.edition, t.council_code, c.display_name, r.name,
                    t.sent_on, t.recorded_by
             FROM toolkit_sent t
             JOIN councils c ON c.code = t.council_code
             JOIN regions r ON r.code = c.region_code
             WHERE t.programme_id = ?1
             ORDER BY t.edition, r.code, c.display_name",
        )?;
        let rows = stmt.query_map([&programme.id], |r| {
            Ok(Sent {
                programme: r.get(0)?,
                edition: r.get(1)?,
                council: r.get(2)?,
                council_name: r.get(3)?,
                region: r.get(4)?,
                sent_on: r.get(5)?,
                recorded_by: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The toolkit's coverage for a programme (empty: the current one):
    /// councils with at least one published practice entry, as lead or
    /// partner, region by region ([`dissemination::coverage`]).
    pub fn practice_coverage(&self, programme: &str) -> Result<Coverage> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let entries = stored_practice::list(&self.conn, &programme.id)?;
        Ok(dissemination::coverage(
            &programme.id,
            &self.regions()?,
            &catalogue.councils,
            &entries,
        ))
    }

    /// The toolkit's dissemination for a programme (empty: the current
    /// one), as the Dashboard shows it to the person in the settings: the
    /// coverage by region, the editions sent, and a council organiser's own
    /// council ([`dissemination::dissemination`]).
    pub fn toolkit_dissemination(&self, programme: &str) -> Result<Dissemination> {
        let catalogue = self.catalogue()?;
        let programme = catalogue
            .programme(programme)
            .map_err(|m| Error::invalid("programme", m))?;
        let mine = settings::read(&self.conn)?;
        let entries = stored_practice::list(&self.conn, &programme.id)?;
        let coverage = dissemination::coverage(
            &programme.id,
            &self.regions()?,
            &catalogue.councils,
            &entries,
        );
        let sent = self.toolkit_sent(&programme.id)?;
        let council = mine
            .my_council
            .as_deref()
            .and_then(|code| catalogue.councils.iter().find(|c| c.code == code));
        let viewer = Viewer {
            role: mine.role,
            council,
        };
        Ok(dissemination::dissemination(
            coverage, &sent, &entries, viewer,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, be, seeded};
    use super::super::Role;
    use super::*;
    use crate::error::ErrorCode;

    fn sent(to: &[&str], on: &str) -> SentForm {
        SentForm {
            programme: String::new(),
            edition: "1".into(),
            to: to.iter().map(|t| t.to_string()).collect(),
            on: on.into(),
        }
    }

    #[test]
    fn only_an_lga_officer_records_a_sending_and_a_refusal_writes_nothing() {
        let mut store = seeded();
        be(&mut store, Role::CouncilOrganiser);
        let err = store
            .record_toolkit_sent(&sent(&["all"], ""), at(2014, 11, 20, 9))
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden);
        assert!(store.toolkit_sent("").unwrap().is_empty());
    }

    #[test]
    fn a_sending_is_recorded_once_per_council_and_edition_with_its_first_day() {
        let mut store = seeded();
        be(&mut store, Role::LgaOfficer);
        let now = at(2014, 11, 20, 9);
        let first = store
            .record_toolkit_sent(&sent(&["886", "Westminster"], "2014-11-10"), now)
            .unwrap();
        assert_eq!(first.recorded, vec!["886", "213"]);
        let all = store.record_toolkit_sent(&sent(&["all"], ""), now).unwrap();
        let mut already = all.already.clone();
        already.sort();
        assert_eq!(already, vec!["213", "886"]);
        assert_eq!(all.recorded.len() + all.already.len(), 152);
        let list = store.toolkit_sent("").unwrap();
        assert_eq!(list.len(), 152);
        let kent = list.iter().find(|s| s.council == "886").unwrap();
        assert_eq!(kent.sent_on, "2014-11-10");
        assert_eq!(kent.recorded_by, "Lee Officer");
        let others = list.iter().find(|s| s.council == "201").unwrap();
        assert_eq!(others.sent_on, "2014-11-20");
    }

    #[test]
    fn a_bad_sending_names_every_field_at_fault_and_writes_nothing() {
        let mut store = seeded();
        be(&mut store, Role::LgaOfficer);
        let form = SentForm {
            programme: String::new(),
            edition: "first".into(),
            to: vec!["Narnia".into()],
            on: "2099-01-01".into(),
        };
        match store.record_toolkit_sent(&form, at(2014, 11, 20, 9)) {
            Err(Error::Invalid(errors)) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
                assert_eq!(fields, vec!["edition", "at", "to"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(store.toolkit_sent("").unwrap().is_empty());
    }

    #[test]
    fn coverage_follows_published_entries_of_the_sample() {
        let mut store = seeded();
        let none = store.practice_coverage("").unwrap();
        assert_eq!((none.councils, none.covered), (152, 0));
        store.load_sample(at(2014, 11, 20, 9)).unwrap();
        let c = store.practice_coverage("").unwrap();
        // Published in the sample: Staffordshire; Kent; the tri-borough;
        // Hampshire with the Isle of Wight.
        assert_eq!(c.covered, 7);
        let london = c.regions.iter().find(|r| r.region == "London").unwrap();
        assert_eq!(london.covered, 3);
        let south_east = c.regions.iter().find(|r| r.region == "South East").unwrap();
        assert_eq!(south_east.covered, 3);
        assert_eq!(c.regions.iter().map(|r| r.councils).sum::<u32>(), 152);
    }

    #[test]
    fn the_dashboard_reads_the_coverage_the_editions_and_a_council_organisers_own_council() {
        let mut store = seeded();
        store.load_sample(at(2014, 11, 20, 9)).unwrap();
        be(&mut store, Role::LgaOfficer);
        let now = at(2014, 12, 1, 9);
        store
            .record_toolkit_sent(&sent(&["all"], "2014-11-10"), now)
            .unwrap();
        let second = SentForm {
            edition: "2".into(),
            ..sent(&["Westminster"], "")
        };
        store.record_toolkit_sent(&second, now).unwrap();

        let lga = store.toolkit_dissemination("").unwrap();
        assert_eq!(lga.coverage, store.practice_coverage("").unwrap());
        assert_eq!(lga.headline, lga.coverage.headline());
        let editions: Vec<(u32, u32, &str)> = lga
            .editions
            .iter()
            .map(|e| (e.edition, e.councils, e.when.as_str()))
            .collect();
        assert_eq!(
            editions,
            [
                (1, 152, "Monday 10 November 2014"),
                (2, 1, "Monday 1 December 2014")
            ]
        );
        assert_eq!(lga.own_council, None);

        // Kent's organiser: Kent's published sample entries (as lead or
        // partner), and Kent was not sent edition 2.
        store
            .save_settings(&crate::store::SettingsForm {
                role: Some(Role::CouncilOrganiser),
                my_council: Some("886".into()),
                ..Default::default()
            })
            .unwrap();
        let kent = store.toolkit_dissemination("").unwrap();
        assert_eq!(kent.coverage, lga.coverage, "anyone reads the coverage");
        assert_eq!(
            kent.editions, lga.editions,
            "anyone reads the editions sent"
        );
        let own = kent.own_council.unwrap();
        let published = store
            .practice_entries(&crate::practice::PracticeFilter {
                council: Some("886".into()),
                status: Some("published".into()),
                ..Default::default()
            })
            .unwrap()
            .len() as u32;
        assert!(published > 0);
        assert_eq!(own.published_entries, published);
        assert_eq!((own.latest_edition, own.sent_latest_on), (Some(2), None));
        assert_eq!(
            own.sending_sentence,
            "Kent has not been sent edition 2, the latest, yet; it was sent edition 1 on Monday 10 November 2014."
        );
    }
}
