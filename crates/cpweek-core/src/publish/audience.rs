//! Who a published thing is for, and what they may see.
//!
//! Two questions decide whether an event is published:
//!
//! - May this audience see it at all ([`Audience::may_see`])? Private
//!   events (children in care may be present) are seen only in a council's
//!   own copy of its own events (those it runs, as lead or partner: a
//!   partner runs a joint event too); partners and the public never see
//!   them.
//! - Is it in this listing ([`Listing::holds`])? The national programme
//!   holds approved events; a slice (region, council, theme) also holds
//!   submitted ones; the published programme (documents, the schedule,
//!   the spreadsheet) holds approved events only. Cancelled events stay where they were, so subscribed
//!   calendars drop them (in the national programme only if they were ever
//!   approved); returned events are left out until resubmitted.
//!
//! The rules take domain values (an [`Exposure`]: council, visibility,
//! status, whether ever approved), never a format's types, so feeds,
//! documents and the exchange pack all ask the same question.

use crate::error::{Error, Result};
use crate::event::{Event, Status, Visibility};
use crate::ics::feed::{Privacy, Scope};
use crate::practice::{PracticeEntry, PracticeStatus};

/// Who a published thing is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Partners and the public: feeds, the index page, documents. Never
    /// private events.
    Partners,
    /// A council's own copy of its own events (by DfE code): its private
    /// events too (those it leads or is a partner in), and no other
    /// council's.
    OwnCouncil(String),
}

/// What decides whether an event may be published, and where: a small view
/// of an event (or of a record about one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposure<'a> {
    /// The lead council's DfE code.
    pub council: &'a str,
    /// The partner councils' DfE codes (a joint event): they run it too.
    pub partners: &'a [String],
    pub visibility: Visibility,
    pub status: Status,
    /// It has been in the national programme (approved) at some time.
    pub was_approved: bool,
}

impl<'a> Exposure<'a> {
    /// Whether council `code` runs the event, as lead or partner (the rule
    /// of [`Event::is_run_by`]).
    pub fn is_run_by(&self, code: &str) -> bool {
        self.council == code || self.partners.iter().any(|p| p == code)
    }

    pub fn of(e: &'a Event) -> Exposure<'a> {
        Exposure {
            council: &e.council,
            partners: &e.partner_councils,
            visibility: e.details.visibility,
            status: e.status,
            was_approved: e.was_approved,
        }
    }
}

/// What decides whether a practice entry may be published: its status and
/// whether its consent check is on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PracticeExposure {
    pub status: PracticeStatus,
    pub consent_checked: bool,
}

impl PracticeExposure {
    pub fn of(e: &PracticeEntry) -> PracticeExposure {
        PracticeExposure {
            status: e.status,
            consent_checked: e.consent.is_some(),
        }
    }
}

/// Which list an event is published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// The national programme: approved events.
    National,
    /// A region's, council's or theme's events: submitted and approved.
    Slice,
    /// The programme as published documents (HTML, PDF, CSV, the schedule
    /// JSON): approved events only. A document has no subscriber whose
    /// calendar must be told that an event was cancelled, so a cancelled
    /// event is simply not in it.
    Programme,
}

impl Listing {
    pub const ALL: [Listing; 3] = [Listing::National, Listing::Slice, Listing::Programme];

    /// The listing a feed's scope is.
    pub fn of(scope: &Scope) -> Listing {
        match scope {
            Scope::National => Listing::National,
            Scope::Region(_) | Scope::Council(_) | Scope::Theme(_) => Listing::Slice,
        }
    }

    /// Whether an event with this status is in the listing (whoever reads it).
    pub fn holds(self, e: Exposure) -> bool {
        match (self, e.status) {
            (_, Status::Returned) => false,
            (Listing::Programme, s) => s == Status::Approved,
            (Listing::National, Status::Cancelled) => e.was_approved,
            (Listing::Slice, Status::Cancelled) => true,
            (Listing::National, s) => s == Status::Approved,
            (Listing::Slice, s) => matches!(s, Status::Submitted | Status::Approved),
        }
    }
}

impl Audience {
    /// The audience of a feed of `scope` (as resolved: a council by its
    /// code) asked for with `privacy`. Private events are only for a
    /// council's own copy of its own events: asking for them with any other
    /// scope is refused (field `privacy`).
    pub fn of_feed(scope: &Scope, privacy: Privacy) -> Result<Audience> {
        match (privacy, scope) {
            (Privacy::PublicOnly, _) => Ok(Audience::Partners),
            (Privacy::IncludePrivate, Scope::Council(code)) => {
                Ok(Audience::OwnCouncil(code.clone()))
            }
            (Privacy::IncludePrivate, _) => Err(Error::invalid(
                "privacy",
                "private events can be included only in a council's own copy of its own events: \
                 choose a council, not the national programme, a region or a theme",
            )),
        }
    }

    /// Whether this audience may see the event (or a record about it) at all.
    pub fn may_see(&self, e: Exposure) -> bool {
        match e.visibility {
            Visibility::Public => true,
            Visibility::Private => matches!(self, Audience::OwnCouncil(c) if e.is_run_by(c)),
        }
    }

    /// Whether the event is published to this audience in `listing`.
    pub fn publishes(&self, listing: Listing, e: Exposure) -> bool {
        self.may_see(e) && listing.holds(e)
    }

    /// Whether a practice entry (a case study) is published to this
    /// audience in the toolkit: only a `published` entry whose safeguarding
    /// and consent check is on record, for every audience alike (a
    /// council's own draft is never in its toolkit).
    pub fn publishes_practice(&self, e: PracticeExposure) -> bool {
        e.status == PracticeStatus::Published && e.consent_checked
    }

    /// Whether the event is in anything published to this audience: a change
    /// to it, or its leaving, is a change this audience could see.
    pub fn reaches(&self, e: Exposure) -> bool {
        Listing::ALL.iter().any(|&l| self.publishes(l, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kent(visibility: Visibility, status: Status, was_approved: bool) -> Exposure<'static> {
        Exposure {
            council: "886",
            partners: &[],
            visibility,
            status,
            was_approved,
        }
    }

    #[test]
    fn private_events_are_seen_only_by_their_own_council() {
        let private = kent(Visibility::Private, Status::Approved, true);
        assert!(!Audience::Partners.may_see(private));
        assert!(!Audience::OwnCouncil("383".into()).may_see(private));
        assert!(Audience::OwnCouncil("886".into()).may_see(private));
        let public = kent(Visibility::Public, Status::Approved, true);
        assert!(Audience::Partners.may_see(public));
        assert!(Audience::OwnCouncil("383".into()).may_see(public));
    }

    #[test]
    fn a_private_joint_event_is_in_each_running_councils_own_copy_only() {
        let partners = ["314".to_string(), "383".to_string()];
        let joint = Exposure {
            partners: &partners,
            ..kent(Visibility::Private, Status::Submitted, false)
        };
        for code in ["886", "314", "383"] {
            assert!(Audience::OwnCouncil(code.into()).may_see(joint), "{code}");
            assert!(Audience::OwnCouncil(code.into()).reaches(joint), "{code}");
        }
        assert!(!Audience::OwnCouncil("315".into()).may_see(joint));
        assert!(!Audience::Partners.may_see(joint));
        assert!(!Audience::Partners.reaches(joint));
    }

    #[test]
    fn each_listing_holds_the_statuses_it_should() {
        use Status::*;
        let cases = [
            // (status, was approved, national, slice, programme)
            (Submitted, false, false, true, false),
            (Approved, true, true, true, true),
            (Returned, false, false, false, false),
            (Returned, true, false, false, false),
            (Cancelled, false, false, true, false),
            (Cancelled, true, true, true, false),
        ];
        for (status, was, national, slice, programme) in cases {
            let e = kent(Visibility::Public, status, was);
            assert_eq!(Listing::National.holds(e), national, "{status:?} {was}");
            assert_eq!(Listing::Slice.holds(e), slice, "{status:?} {was}");
            assert_eq!(Listing::Programme.holds(e), programme, "{status:?} {was}");
            let private = kent(Visibility::Private, status, was);
            assert!(
                !Audience::Partners.publishes(Listing::Programme, private),
                "{status:?}"
            );
            assert_eq!(Audience::Partners.reaches(e), national || slice);
            let private = kent(Visibility::Private, status, was);
            assert!(!Audience::Partners.reaches(private), "{status:?}");
            assert_eq!(
                Audience::OwnCouncil("886".into()).reaches(private),
                national || slice
            );
        }
    }

    #[test]
    fn only_published_practice_with_its_consent_check_is_in_the_toolkit() {
        for status in PracticeStatus::ALL {
            for consent_checked in [false, true] {
                let e = PracticeExposure {
                    status,
                    consent_checked,
                };
                let expected = status == PracticeStatus::Published && consent_checked;
                assert_eq!(Audience::Partners.publishes_practice(e), expected, "{e:?}");
                assert_eq!(
                    Audience::OwnCouncil("886".into()).publishes_practice(e),
                    expected,
                    "{e:?}"
                );
            }
        }
    }

    #[test]
    fn private_events_may_be_asked_for_only_with_a_council_scope() {
        assert_eq!(
            Audience::of_feed(&Scope::Council("886".into()), Privacy::IncludePrivate).unwrap(),
            Audience::OwnCouncil("886".into())
        );
        for scope in [
            Scope::National,
            Scope::Region("South East".into()),
            Scope::Theme("education".into()),
        ] {
            assert_eq!(
                Audience::of_feed(&scope, Privacy::PublicOnly).unwrap(),
                Audience::Partners
            );
            let err = Audience::of_feed(&scope, Privacy::IncludePrivate).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "privacy");
            assert!(err.to_string().contains("council"), "{err}");
        }
        assert_eq!(Listing::of(&Scope::National), Listing::National);
        assert_eq!(Listing::of(&Scope::Theme("x".into())), Listing::Slice);
    }
}
