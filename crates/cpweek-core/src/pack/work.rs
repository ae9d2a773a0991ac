//! What a person does with packs, from the role and council in the
//! settings: the window's Packs screen offers exactly this, and
//! [`crate::permission::check_pack`] (which the store applies to every pack action) holds
//! each action to it; a test below keeps the two in step.

use serde::Serialize;
use ts_rs::TS;

use super::{PackKind, Side};
use crate::permission::Role;

/// A person's part in the exchange of packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PackWork {
    /// The side they are on: a council organiser the council's, an LGA
    /// officer the LGA's.
    pub side: Side,
    /// The kind of pack they write: a council organiser their council's
    /// submission, an LGA officer the LGA's reply to a council.
    pub writes: PackKind,
    /// The kind of pack they import: the other side's.
    pub imports: PackKind,
    /// The council whose packs they write and import: their own council
    /// (a council organiser); none for an LGA officer, who chooses one.
    pub council: Option<String>,
    /// Conflicts they settle: those found in packs from this side.
    pub settles: Side,
    /// Why they can do none of it yet (a council organiser with no council
    /// in the settings), for people.
    pub blocked: Option<String>,
}

/// The pack work of a person in `role` whose council in the settings is
/// `my_council`.
pub fn pack_work(role: Role, my_council: Option<&str>) -> PackWork {
    match role {
        Role::LgaOfficer => PackWork {
            side: Side::Lga,
            writes: PackKind::Reply,
            imports: PackKind::Submission,
            council: None,
            settles: Side::Council,
            blocked: None,
        },
        Role::CouncilOrganiser => PackWork {
            side: Side::Council,
            writes: PackKind::Submission,
            imports: PackKind::Reply,
            council: my_council.map(str::to_string),
            settles: Side::Lga,
            blocked: my_council.is_none().then(|| {
                "your council is not set: a council organiser sends their own council's submission and imports the LGA's reply to it; set your council in Settings or with `cpweek settings set --council CODE`".to_string()
            }),
        },
    }
}

impl PackWork {
    /// Whether they may import a pack of `kind` for `council`, as
    /// [`crate::permission::check_pack`] decides.
    pub fn may_import(&self, kind: PackKind, council: &str) -> bool {
        self.imports == kind && self.blocked.is_none() && self.for_council(council)
    }

    /// Whether they may write a pack of `kind` for `council`.
    pub fn may_write(&self, kind: PackKind, council: &str) -> bool {
        self.writes == kind && self.blocked.is_none() && self.for_council(council)
    }

    /// Whether they may settle a conflict found in a pack from `from` about
    /// `council`'s event.
    pub fn may_settle(&self, from: Side, council: &str) -> bool {
        self.settles == from && self.blocked.is_none() && self.for_council(council)
    }

    fn for_council(&self, council: &str) -> bool {
        self.council.as_deref().is_none_or(|mine| mine == council)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permission::{check_pack, PackAction};

    const ROLES: [Role; 2] = [Role::LgaOfficer, Role::CouncilOrganiser];
    const MINE: [Option<&str>; 3] = [None, Some("886"), Some("352")];
    const COUNCILS: [&str; 2] = ["886", "352"];

    #[test]
    fn the_lga_writes_replies_and_imports_submissions_and_a_council_the_reverse() {
        let lga = pack_work(Role::LgaOfficer, None);
        assert_eq!(
            (lga.side, lga.writes, lga.imports, lga.settles),
            (
                Side::Lga,
                PackKind::Reply,
                PackKind::Submission,
                Side::Council
            )
        );
        assert_eq!(lga.council, None, "the LGA chooses the council");
        let kent = pack_work(Role::CouncilOrganiser, Some("886"));
        assert_eq!(
            (kent.side, kent.writes, kent.imports, kent.settles),
            (
                Side::Council,
                PackKind::Submission,
                PackKind::Reply,
                Side::Lga
            )
        );
        assert_eq!(kent.council.as_deref(), Some("886"));
        assert_eq!(kent.blocked, None);
        let nobody = pack_work(Role::CouncilOrganiser, None);
        assert!(
            nobody
                .blocked
                .as_deref()
                .is_some_and(|b| b.contains("your council is not set")),
            "{nobody:?}"
        );
        assert!(!nobody.may_write(PackKind::Submission, "886"));
    }

    /// What the screen offers is what the store allows, for every role,
    /// council in the settings and council a pack is for.
    #[test]
    fn the_work_offered_is_what_check_pack_allows() {
        for role in ROLES {
            for mine in MINE {
                let work = pack_work(role, mine);
                for council in COUNCILS {
                    let allowed = |action| check_pack(role, mine, action, council).is_ok();
                    assert_eq!(
                        work.may_import(PackKind::Submission, council),
                        allowed(PackAction::ImportSubmission),
                        "{role:?} {mine:?} importing {council}'s submission"
                    );
                    assert_eq!(
                        work.may_import(PackKind::Reply, council),
                        allowed(PackAction::ImportReply),
                        "{role:?} {mine:?} importing {council}'s reply"
                    );
                    assert_eq!(
                        work.may_write(PackKind::Reply, council),
                        allowed(PackAction::ExportReply),
                        "{role:?} {mine:?} writing {council}'s reply"
                    );
                    for from in [Side::Council, Side::Lga] {
                        assert_eq!(
                            work.may_settle(from, council),
                            allowed(PackAction::Resolve { from }),
                            "{role:?} {mine:?} settling {council}'s conflict from {from:?}"
                        );
                    }
                    // A council organiser writes their own council's
                    // submission only; the LGA never writes one.
                    assert_eq!(
                        work.may_write(PackKind::Submission, council),
                        role == Role::CouncilOrganiser && mine == Some(council),
                    );
                }
            }
        }
    }
}
