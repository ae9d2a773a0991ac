//! Who may do what to events (and requests, and the people who may be
//! asked to attend): the one permission rule. The store applies it
//! to every action that writes an event (so the CLI and the window refuse
//! the same actions with the same message), and it gives each event the
//! actions its viewer may take on it now ([`actions`]): what the person's
//! role allows AND what the event's status allows ([`crate::event`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attendance::{AskedBy, RequestAction, RequestStatus};
use crate::error::{Error, FieldError, Result};
use crate::event::{self, Review, Status};

/// The person's role, kept in the database's settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Registers, edits and cancels their council's events.
    #[default]
    CouncilOrganiser,
    /// Reviews events into the national programme.
    LgaOfficer,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::CouncilOrganiser, Role::LgaOfficer];

    /// As stored and as JSON names it: `council_organiser`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::CouncilOrganiser => "council_organiser",
            Role::LgaOfficer => "lga_officer",
        }
    }

    /// As the command line names it: `council-organiser`.
    pub fn flag(self) -> &'static str {
        match self {
            Role::CouncilOrganiser => "council-organiser",
            Role::LgaOfficer => "lga-officer",
        }
    }

    /// For people: `council organiser`, `LGA officer`.
    pub fn label(self) -> &'static str {
        match self {
            Role::CouncilOrganiser => "council organiser",
            Role::LgaOfficer => "LGA officer",
        }
    }

    /// For people, after "only": `a council organiser`, `an LGA officer`.
    fn with_article(self) -> &'static str {
        match self {
            Role::CouncilOrganiser => "a council organiser",
            Role::LgaOfficer => "an LGA officer",
        }
    }

    /// Reads a role as stored (`lga_officer`).
    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }

    /// Reads a role as a person types it: `lga-officer`, `lga_officer` or
    /// `LGA officer` (case and separators ignored). Refuses anything else,
    /// naming the field `role` and the roles there are.
    pub fn from_input(text: &str) -> Result<Role> {
        let key = |t: &str| -> String {
            t.trim()
                .chars()
                .map(|c| match c {
                    '-' | '_' | ' ' => '-',
                    c => c.to_ascii_lowercase(),
                })
                .collect()
        };
        let wanted = key(text);
        Role::ALL
            .into_iter()
            .find(|r| r.flag() == wanted)
            .ok_or_else(|| {
                Error::Invalid(vec![FieldError::new(
                    "role",
                    format!(
                        "role {:?} is not a role; give council-organiser or lga-officer",
                        text.trim()
                    ),
                )])
            })
    }

    /// Whether this role may take `action` (whatever the event's status).
    pub fn may(self, action: EventAction) -> bool {
        match action {
            EventAction::Add | EventAction::Edit | EventAction::Cancel => true,
            EventAction::Approve | EventAction::Return => self == Role::LgaOfficer,
        }
    }
}

/// Something a person does to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventAction {
    Add,
    Edit,
    Approve,
    Return,
    Cancel,
}

impl EventAction {
    /// The actions [`actions`] may offer on an existing event, in the order
    /// they are shown.
    const ON_AN_EVENT: [EventAction; 4] = [
        EventAction::Edit,
        EventAction::Approve,
        EventAction::Return,
        EventAction::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventAction::Add => "add",
            EventAction::Edit => "edit",
            EventAction::Approve => "approve",
            EventAction::Return => "return",
            EventAction::Cancel => "cancel",
        }
    }

    /// The review decision's action.
    pub fn of(review: &Review) -> EventAction {
        match review {
            Review::Approve => EventAction::Approve,
            Review::Return { .. } => EventAction::Return,
            Review::Cancel { .. } => EventAction::Cancel,
        }
    }

    /// What doing it is called in a sentence: "approve an event".
    fn phrase(self) -> &'static str {
        match self {
            EventAction::Add => "add an event",
            EventAction::Edit => "change an event",
            EventAction::Approve => "approve an event",
            EventAction::Return => "return an event to its council",
            EventAction::Cancel => "cancel an event",
        }
    }

    /// Whether an event in `status` can take this action at all (the
    /// status rules of [`crate::event`]).
    fn fits(self, status: Status) -> bool {
        let review = match self {
            EventAction::Add => return false,
            EventAction::Edit => return event::status_after_edit(status).is_ok(),
            EventAction::Approve => Review::Approve,
            EventAction::Return => Review::Return {
                note: String::new(),
            },
            EventAction::Cancel => Review::Cancel {
                reason: String::new(),
            },
        };
        event::next_status(status, &review).is_ok()
    }
}

/// Refuses, with [`Error::Forbidden`], an action `role` does not allow. The
/// message says which role may do it and how to change role, in words that
/// suit the window and the command line alike.
pub fn check(role: Role, action: EventAction) -> Result<()> {
    if role.may(action) {
        return Ok(());
    }
    let allowed: Vec<&str> = Role::ALL
        .into_iter()
        .filter(|r| r.may(action))
        .map(|r| r.with_article())
        .collect();
    let switch_to = Role::ALL
        .into_iter()
        .find(|r| r.may(action))
        .unwrap_or(Role::LgaOfficer);
    Err(Error::Forbidden(format!(
        "only {} can {}; your role is {}: change it in Settings or with `cpweek settings set --role {}`",
        allowed.join(" or "),
        action.phrase(),
        role.label(),
        switch_to.flag()
    )))
}

/// The actions a person in `role` may take now on an event in `status`,
/// in the order they are shown: a cancelled event offers none; an approved
/// one offers an LGA officer edit, return and cancel.
pub fn actions(role: Role, status: Status) -> Vec<EventAction> {
    EventAction::ON_AN_EVENT
        .into_iter()
        .filter(|a| role.may(*a) && a.fits(status))
        .collect()
}

/// Refuses, with [`Error::Forbidden`], a move on a request that `role`
/// may not make. The LGA forwards, accepts, declines and marks held; whoever
/// asked (a council's organiser, or the LGA for its own slots) submits and
/// withdraws.
pub fn check_request(role: Role, action: RequestAction, asked: &AskedBy) -> Result<()> {
    let allowed = request_roles(action, asked);
    if allowed == role {
        return Ok(());
    }
    let whose = match (action, asked) {
        (RequestAction::Submit | RequestAction::Withdraw, AskedBy::Council { name, .. }) => {
            format!(" ({name} asked for it)")
        }
        (RequestAction::Submit | RequestAction::Withdraw, AskedBy::Lga) => {
            " (the LGA asked for it)".to_string()
        }
        _ => String::new(),
    };
    Err(Error::Forbidden(format!(
        "only {} can {}{whose}; your role is {}: change it in Settings or with `cpweek settings set --role {}`",
        allowed.with_article(),
        action.phrase(),
        role.label(),
        allowed.flag()
    )))
}

/// The role that makes `action` on a request asked by `asked`.
fn request_roles(action: RequestAction, asked: &AskedBy) -> Role {
    match action {
        RequestAction::Forward
        | RequestAction::Accept
        | RequestAction::Decline
        | RequestAction::Held => Role::LgaOfficer,
        RequestAction::Submit | RequestAction::Withdraw => match asked {
            AskedBy::Council { .. } => Role::CouncilOrganiser,
            AskedBy::Lga => Role::LgaOfficer,
        },
    }
}

/// The moves a person in `role` may make now on a request in `status`
/// asked by `asked`, in the order they are shown.
pub fn request_actions(role: Role, status: RequestStatus, asked: &AskedBy) -> Vec<RequestAction> {
    RequestAction::ALL
        .into_iter()
        .filter(|a| a.fits(status) && request_roles(*a, asked) == role)
        .collect()
}

/// Refuses, with [`Error::Forbidden`], a request for an LGA-led slot (no
/// council's event behind it) by anyone but an LGA officer: a council asks
/// for one of its own events.
pub fn check_lga_slot(role: Role) -> Result<()> {
    if role == Role::LgaOfficer {
        return Ok(());
    }
    Err(Error::Forbidden(format!(
        "only an LGA officer can ask for an LGA-led slot without an event; a council asks for one of its events (give the event); your role is {}",
        role.label()
    )))
}

/// Refuses a change of the LGA's priority by anyone but an LGA officer.
pub fn check_priority(role: Role) -> Result<()> {
    if role == Role::LgaOfficer {
        return Ok(());
    }
    Err(Error::Forbidden(format!(
        "only an LGA officer can change a request's priority; your role is {}: change it in Settings or with `cpweek settings set --role lga-officer`",
        role.label()
    )))
}

/// Something a person does to the list of people who may be asked to
/// attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonAction {
    Add,
    Edit,
}

impl PersonAction {
    /// What doing it is called in a sentence.
    fn phrase(self) -> &'static str {
        match self {
            PersonAction::Add => "add a person who may be asked to attend",
            PersonAction::Edit => "change a person who may be asked to attend",
        }
    }
}

impl Role {
    /// Whether this role keeps the list of people who may be asked to
    /// attend: the LGA does (it deals with their offices); councils ask
    /// for the people on it.
    pub fn may_manage_people(self) -> bool {
        self == Role::LgaOfficer
    }
}

/// Refuses, with [`Error::Forbidden`], adding or changing a person to
/// anyone but an LGA officer, in words that suit the window and the
/// command line alike.
pub fn check_person(role: Role, action: PersonAction) -> Result<()> {
    if role.may_manage_people() {
        return Ok(());
    }
    Err(Error::Forbidden(format!(
        "only an LGA officer can {}; your role is {}: change it in Settings or with `cpweek settings set --role lga-officer`",
        action.phrase(),
        role.label()
    )))
}

/// Whether `role` may make a numbered release of the published programme:
/// only an LGA officer, since the programme is the LGA's.
pub fn check_release(role: Role) -> Result<()> {
    if role == Role::LgaOfficer {
        return Ok(());
    }
    Err(Error::Forbidden(format!(
        "only an LGA officer can make a release of the programme; your role is {}: change it in Settings or with `cpweek settings set --role lga-officer`",
        role.label()
    )))
}

/// Whether `role` may give the toolkit's introduction: only an LGA
/// officer, since the toolkit is the LGA's.
pub fn check_toolkit_intro(role: Role) -> Result<()> {
    if role == Role::LgaOfficer {
        return Ok(());
    }
    Err(Error::Forbidden(format!(
        "only an LGA officer can give the toolkit's introduction; your role is {}: change it in Settings or with `cpweek settings set --role lga-officer`",
        role.label()
    )))
}

/// Something done with a pack (see [`crate::pack`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackAction {
    /// Taking in a council's submission: the LGA's part.
    ImportSubmission,
    /// Writing the LGA's reply to a council: the LGA's part.
    ExportReply,
    /// Taking in the LGA's reply, with its decisions: that council's part
    /// only (the database's settings name it as the person's council).
    ImportReply,
    /// Choosing a side of a conflict found by importing a pack from
    /// `from`: whoever imports that side's packs.
    Resolve { from: crate::pack::Side },
}

impl PackAction {
    fn phrase(self) -> &'static str {
        match self {
            PackAction::ImportSubmission => "import a council's submission pack",
            PackAction::ExportReply => "write the LGA's reply to a council",
            PackAction::ImportReply => "import the LGA's reply",
            PackAction::Resolve { .. } => "resolve a pack's conflict",
        }
    }
}

/// Refuses, with [`Error::Forbidden`], a pack action the person may not
/// take. The LGA (an LGA officer) imports submissions and writes replies;
/// a reply's statuses (approved, returned, cancelled, the LGA's note) are
/// taken only by a council organiser whose council (in the settings) is
/// the reply's council, so a reply meant for one council cannot set
/// another's statuses, and a submission never sets any the LGA decides
/// (the import's rule, `store/pack.rs`). Writing a council's submission
/// only reads its events and is not checked here.
pub fn check_pack(
    role: Role,
    my_council: Option<&str>,
    action: PackAction,
    council: &str,
) -> Result<()> {
    use crate::pack::Side;
    let needed = match action {
        PackAction::ImportSubmission | PackAction::ExportReply => Role::LgaOfficer,
        PackAction::Resolve {
            from: Side::Council,
        } => Role::LgaOfficer,
        PackAction::ImportReply | PackAction::Resolve { from: Side::Lga } => Role::CouncilOrganiser,
    };
    if role != needed {
        return Err(Error::Forbidden(format!(
            "only {} can {}; your role is {}: change it in Settings or with `cpweek settings set --role {}`",
            needed.with_article(),
            action.phrase(),
            role.label(),
            needed.flag()
        )));
    }
    if needed == Role::CouncilOrganiser && my_council != Some(council) {
        return Err(Error::Forbidden(format!(
            "only a council organiser of council {council} can {}; your council in the settings is {}: set it with `cpweek settings set --council {council}`",
            action.phrase(),
            my_council.unwrap_or("not set")
        )));
    }
    Ok(())
}

/// Something a person does to a practice entry (see [`crate::practice`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PracticeAction {
    Add,
    Edit,
    Submit,
    Approve,
    Return,
    Publish,
}

impl PracticeAction {
    pub const ALL: [PracticeAction; 6] = [
        PracticeAction::Add,
        PracticeAction::Edit,
        PracticeAction::Submit,
        PracticeAction::Approve,
        PracticeAction::Return,
        PracticeAction::Publish,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PracticeAction::Add => "add",
            PracticeAction::Edit => "edit",
            PracticeAction::Submit => "submit",
            PracticeAction::Approve => "approve",
            PracticeAction::Return => "return",
            PracticeAction::Publish => "publish",
        }
    }

    /// The verb alone: "change".
    fn verb(self) -> &'static str {
        match self {
            PracticeAction::Edit => "change",
            other => other.as_str(),
        }
    }

    /// What doing it is called in a sentence: "publish a practice entry".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            PracticeAction::Add => "add a practice entry",
            PracticeAction::Edit => "change a practice entry",
            PracticeAction::Submit => "submit a practice entry to the LGA",
            PracticeAction::Approve => "approve a practice entry",
            PracticeAction::Return => "return a practice entry to its council",
            PracticeAction::Publish => "publish a practice entry in the toolkit",
        }
    }
}

impl Role {
    /// Whether this role may take `action` on practice entries at all:
    /// councils add, edit and submit theirs; the LGA approves, returns,
    /// publishes and corrects (an LGA officer's edit).
    pub fn may_practice(self, action: PracticeAction) -> bool {
        match action {
            PracticeAction::Edit => true,
            PracticeAction::Add | PracticeAction::Submit => self == Role::CouncilOrganiser,
            PracticeAction::Approve | PracticeAction::Return | PracticeAction::Publish => {
                self == Role::LgaOfficer
            }
        }
    }
}

/// Refuses, with [`Error::Forbidden`], a practice action the person may
/// not take: one their role does not allow, or, for a council organiser,
/// one on an entry of other councils (`councils`: the lead, then the
/// partners, by code; the settings' council, `my_council`, must be one).
/// Whether the entry's status allows it is [`crate::practice::next_status`].
pub fn check_practice(
    role: Role,
    my_council: Option<&str>,
    action: PracticeAction,
    councils: &[&str],
) -> Result<()> {
    check_practice_role(role, action)?;
    if role == Role::CouncilOrganiser && !my_council.is_some_and(|c| councils.contains(&c)) {
        let lead = councils.first().copied().unwrap_or("");
        return Err(Error::Forbidden(match my_council {
            None => format!(
                "a council organiser can only {} practice entries of their own council, and no council is set in your settings: set it with `cpweek settings set --council {lead}`",
                action.verb()
            ),
            Some(mine) => format!(
                "a council organiser can only {} practice entries of their own council; this entry is by council {}, and your council in the settings is {mine}",
                action.verb(),
                councils.join(", ")
            ),
        }));
    }
    Ok(())
}

/// Refuses, with [`Error::Forbidden`], a practice action `role` does not
/// allow at all, whoever's entry it is.
pub fn check_practice_role(role: Role, action: PracticeAction) -> Result<()> {
    if !role.may_practice(action) {
        let needed = Role::ALL
            .into_iter()
            .find(|r| r.may_practice(action))
            .unwrap_or(Role::LgaOfficer);
        return Err(Error::Forbidden(format!(
            "only {} can {}; your role is {}: change it in Settings or with `cpweek settings set --role {}`",
            needed.with_article(),
            action.phrase(),
            role.label(),
            needed.flag()
        )));
    }
    Ok(())
}

/// The actions a person in `role` may take now on a practice entry in
/// `status`, in the order they are shown (their council is checked when
/// they act): what the role allows AND what the status allows.
pub fn practice_actions(
    role: Role,
    status: crate::practice::PracticeStatus,
) -> Vec<PracticeAction> {
    PracticeAction::ALL
        .into_iter()
        .filter(|a| {
            *a != PracticeAction::Add
                && role.may_practice(*a)
                && crate::practice::next_status(role, status, *a).is_ok()
        })
        .collect()
}

/// Who is acting: the name and role in the database's settings. History
/// records name them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub name: Option<String>,
    pub role: Role,
}

impl Actor {
    /// How history names them: their name, or "unnamed" and their role.
    pub fn who(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => format!("unnamed {}", self.role.label()),
        }
    }
}

/// Who may record that councils were sent an edition of the good-practice
/// toolkit (`cpweek toolkit sent`): LGA officers only, since the LGA sends
/// it. Anyone may read the record and the coverage.
pub fn check_toolkit_sent(role: Role) -> Result<()> {
    match role {
        Role::LgaOfficer => Ok(()),
        Role::CouncilOrganiser => Err(Error::Forbidden(format!(
            "only an LGA officer can record that the toolkit was sent; your role is {}: change it in Settings or with `cpweek settings set --role lga-officer`",
            role.label()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn officers_may_do_everything_and_organisers_all_but_review() {
        for action in [
            EventAction::Add,
            EventAction::Edit,
            EventAction::Approve,
            EventAction::Return,
            EventAction::Cancel,
        ] {
            assert!(check(Role::LgaOfficer, action).is_ok(), "{action:?}");
        }
        for action in [EventAction::Add, EventAction::Edit, EventAction::Cancel] {
            assert!(check(Role::CouncilOrganiser, action).is_ok(), "{action:?}");
        }
        let err = check(Role::CouncilOrganiser, EventAction::Approve).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden);
        assert_eq!(
            err.to_string(),
            "only an LGA officer can approve an event; your role is council organiser: \
             change it in Settings or with `cpweek settings set --role lga-officer`"
        );
        let err = check(Role::CouncilOrganiser, EventAction::Return).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("only an LGA officer can return an event to its council;"),
            "{err}"
        );
    }

    #[test]
    fn the_actions_offered_follow_role_and_status() {
        use EventAction::*;
        use Status::*;
        let officer = |s| actions(Role::LgaOfficer, s);
        let organiser = |s| actions(Role::CouncilOrganiser, s);
        assert_eq!(officer(Submitted), vec![Edit, Approve, Return, Cancel]);
        assert_eq!(officer(Approved), vec![Edit, Return, Cancel]);
        assert_eq!(officer(Returned), vec![Edit, Approve, Cancel]);
        assert_eq!(officer(Cancelled), vec![]);
        for status in [Submitted, Approved, Returned] {
            assert_eq!(organiser(status), vec![Edit, Cancel], "{status:?}");
        }
        assert_eq!(organiser(Cancelled), vec![]);
    }

    #[test]
    fn roles_are_read_as_typed_and_refused_by_name() {
        assert_eq!(Role::from_input("lga-officer").unwrap(), Role::LgaOfficer);
        assert_eq!(Role::from_input(" LGA officer ").unwrap(), Role::LgaOfficer);
        assert_eq!(
            Role::from_input("council_organiser").unwrap(),
            Role::CouncilOrganiser
        );
        let err = Role::from_input("boss").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "role");
        assert!(
            err.to_string().contains("council-organiser or lga-officer"),
            "{err}"
        );
    }

    #[test]
    fn only_lga_officers_add_and_change_people() {
        assert!(Role::LgaOfficer.may_manage_people());
        assert!(!Role::CouncilOrganiser.may_manage_people());
        for action in [PersonAction::Add, PersonAction::Edit] {
            assert!(check_person(Role::LgaOfficer, action).is_ok(), "{action:?}");
        }
        let err = check_person(Role::CouncilOrganiser, PersonAction::Add).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden);
        assert_eq!(
            err.to_string(),
            "only an LGA officer can add a person who may be asked to attend; \
             your role is council organiser: change it in Settings or with \
             `cpweek settings set --role lga-officer`"
        );
        let err = check_person(Role::CouncilOrganiser, PersonAction::Edit).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("only an LGA officer can change a person who may be asked to attend;"),
            "{err}"
        );
    }

    #[test]
    fn the_lga_takes_in_submissions_and_only_the_council_itself_takes_its_reply() {
        use crate::pack::Side;
        let lga = Role::LgaOfficer;
        let org = Role::CouncilOrganiser;
        assert!(check_pack(lga, None, PackAction::ImportSubmission, "886").is_ok());
        assert!(check_pack(lga, None, PackAction::ExportReply, "886").is_ok());
        let e = check_pack(org, Some("886"), PackAction::ImportSubmission, "886").unwrap_err();
        assert_eq!(e.code(), ErrorCode::Forbidden);
        assert!(
            e.to_string().starts_with("only an LGA officer can import"),
            "{e}"
        );
        assert!(check_pack(org, Some("886"), PackAction::ImportReply, "886").is_ok());
        let e = check_pack(org, Some("352"), PackAction::ImportReply, "886").unwrap_err();
        assert!(
            e.to_string()
                .contains("your council in the settings is 352"),
            "{e}"
        );
        assert!(check_pack(org, None, PackAction::ImportReply, "886").is_err());
        assert!(check_pack(lga, None, PackAction::ImportReply, "886").is_err());
        let at_lga = PackAction::Resolve {
            from: Side::Council,
        };
        let at_council = PackAction::Resolve { from: Side::Lga };
        assert!(check_pack(lga, None, at_lga, "886").is_ok());
        assert!(check_pack(org, Some("886"), at_lga, "886").is_err());
        assert!(check_pack(org, Some("886"), at_council, "886").is_ok());
        assert!(check_pack(lga, Some("886"), at_council, "886").is_err());
    }

    #[test]
    fn history_names_the_person_or_their_role() {
        let named = Actor {
            name: Some("Jo Bloggs".into()),
            role: Role::LgaOfficer,
        };
        assert_eq!(named.who(), "Jo Bloggs");
        assert_eq!(Actor::default().who(), "unnamed council organiser");
    }

    #[test]
    fn the_lga_moves_requests_on_and_whoever_asked_submits_and_withdraws() {
        use RequestAction::*;
        let council = AskedBy::Council {
            code: "886".into(),
            name: "Kent".into(),
        };
        for action in [Forward, Accept, Decline, Held] {
            for asked in [&council, &AskedBy::Lga] {
                assert!(check_request(Role::LgaOfficer, action, asked).is_ok());
                let e = check_request(Role::CouncilOrganiser, action, asked).unwrap_err();
                assert_eq!(e.code(), crate::error::ErrorCode::Forbidden);
                assert!(e.to_string().starts_with("only an LGA officer can"), "{e}");
            }
        }
        for action in [Submit, Withdraw] {
            assert!(check_request(Role::CouncilOrganiser, action, &council).is_ok());
            let e = check_request(Role::LgaOfficer, action, &council).unwrap_err();
            assert!(e.to_string().contains("(Kent asked for it)"), "{e}");
            assert!(check_request(Role::LgaOfficer, action, &AskedBy::Lga).is_ok());
            assert!(check_request(Role::CouncilOrganiser, action, &AskedBy::Lga).is_err());
        }
        assert_eq!(
            request_actions(Role::LgaOfficer, RequestStatus::Forwarded, &council),
            vec![Accept, Decline]
        );
        assert_eq!(
            request_actions(Role::CouncilOrganiser, RequestStatus::Forwarded, &council),
            vec![Withdraw]
        );
        assert!(check_priority(Role::CouncilOrganiser).is_err());
    }

    #[test]
    fn roles_are_offered_in_order_with_their_labels() {
        let labels: Vec<(&str, &str)> = Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect();
        assert_eq!(
            labels,
            [
                ("council_organiser", "council organiser"),
                ("lga_officer", "LGA officer")
            ]
        );
        assert_eq!(Role::default(), Role::ALL[0]);
    }

    #[test]
    fn only_an_lga_officer_asks_for_an_lga_led_slot() {
        assert!(check_lga_slot(Role::LgaOfficer).is_ok());
        let err = check_lga_slot(Role::CouncilOrganiser).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Forbidden);
        assert!(
            err.to_string()
                .starts_with("only an LGA officer can ask for an LGA-led slot"),
            "{err}"
        );
    }
}
