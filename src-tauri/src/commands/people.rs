//! The people who may be asked to attend: the list, one person's page, and
//! adding and changing them. Every rule (what a field must hold, who may
//! add or change people, a change-over that would make accepted
//! engagements clash) is the core's; these commands pass the window's
//! arguments on and say what the person in the settings may do.

use cpweek_core::attendance::{person, Person, PersonForm, PersonKind};
use cpweek_core::permission::{self, PersonAction};
use cpweek_core::Store;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::IpcResult;
use crate::state::AppState;

/// A kind of person with its label for people, as the core words it.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PersonKindName {
    pub kind: PersonKind,
    pub label: String,
}

/// Everyone who may be asked to attend, the seeded first; the kinds there
/// are (the list's labels and the form's radios); the change-over time a
/// person has when none is given, and the most they may have (the form's
/// hint); and whether the person in the settings may add people
/// ([`cpweek_core::permission::check_person`]).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PeopleList {
    pub people: Vec<Person>,
    pub kinds: Vec<PersonKindName>,
    pub changeover_default: u32,
    pub changeover_max: u32,
    pub may_add: bool,
    /// Why this person may not add people, in the core's words
    /// ([`permission::check_person`]); none when they may.
    pub add_refusal: Option<String>,
}

/// The core's refusal of `action` to the person in the settings, for the
/// window to show instead of a form; none when they may.
fn refusal(store: &Store, action: PersonAction) -> cpweek_core::Result<Option<String>> {
    let role = store.settings()?.role;
    Ok(permission::check_person(role, action)
        .err()
        .map(|e| e.to_string()))
}

impl PeopleList {
    fn load(store: &Store) -> cpweek_core::Result<Self> {
        Ok(PeopleList {
            people: store.people(None)?,
            kinds: PersonKind::ALL
                .into_iter()
                .map(|kind| PersonKindName {
                    kind,
                    label: kind.label().to_string(),
                })
                .collect(),
            changeover_default: person::CHANGEOVER_DEFAULT,
            changeover_max: person::CHANGEOVER_MAX,
            may_add: store.settings()?.role.may_manage_people(),
            add_refusal: refusal(store, PersonAction::Add)?,
        })
    }
}

/// One person's page: the person, their kind's label, the form that would
/// save them unchanged (the change form starts from it), and whether the
/// person in the settings may change them.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct PersonPage {
    pub person: Person,
    pub kind_label: String,
    pub form: PersonForm,
    pub may_edit: bool,
    /// Why this person may not change them, in the core's words; none when
    /// they may.
    pub edit_refusal: Option<String>,
}

impl PersonPage {
    fn of(store: &Store, person: Person) -> cpweek_core::Result<Self> {
        Ok(PersonPage {
            kind_label: person.kind.label().to_string(),
            form: person.to_form(),
            may_edit: store.settings()?.role.may_manage_people(),
            edit_refusal: refusal(store, PersonAction::Edit)?,
            person,
        })
    }
}

/// Everyone who may be asked to attend, the seeded first.
#[tauri::command(async)]
pub fn list_people(state: State<'_, AppState>) -> IpcResult<PeopleList> {
    Ok(PeopleList::load(&state.store())?)
}

#[tauri::command(async)]
pub fn get_person(state: State<'_, AppState>, id: i64) -> IpcResult<PersonPage> {
    let store = state.store();
    let person = store.person(id)?;
    Ok(PersonPage::of(&store, person)?)
}

/// Adds a person (an LGA officer's action; the core refuses anyone else).
#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, form: PersonForm) -> IpcResult<PersonPage> {
    add(&mut state.store(), &form)
}

/// Changes person `id` to `form` (an LGA officer's action).
#[tauri::command(async)]
pub fn edit_person(state: State<'_, AppState>, id: i64, form: PersonForm) -> IpcResult<PersonPage> {
    edit(&mut state.store(), id, &form)
}

fn add(store: &mut Store, form: &PersonForm) -> IpcResult<PersonPage> {
    let person = store.add_person(form)?;
    Ok(PersonPage::of(store, person)?)
}

fn edit(store: &mut Store, id: i64, form: &PersonForm) -> IpcResult<PersonPage> {
    let person = store.edit_person(id, form)?;
    Ok(PersonPage::of(store, person)?)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use cpweek_core::permission::Role;
    use cpweek_core::store::{Open, SettingsForm};
    use cpweek_core::ErrorCode;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2014, 9, 1, 9, 0, 0).unwrap()
    }

    fn seeded() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("cpweek.db"), Open::CreateIfMissing, now()).unwrap();
        store.init().unwrap();
        (dir, store)
    }

    fn be(store: &mut Store, role: Role) {
        store
            .save_settings(&SettingsForm {
                role: Some(role),
                ..Default::default()
            })
            .unwrap();
    }

    /// A form as the window sends it: JSON with every field a string.
    fn form(json: &str) -> PersonForm {
        serde_json::from_str(json).unwrap()
    }

    /// The list and a person's page say what the person in the settings
    /// may do, and the core refuses a council organiser whatever the window
    /// sends, with the CLI's message, writing nothing.
    #[test]
    fn a_council_organiser_is_offered_no_add_or_change_and_is_refused_both() {
        let (_dir, mut store) = seeded();
        be(&mut store, Role::CouncilOrganiser);
        let list = PeopleList::load(&store).unwrap();
        assert!(!list.may_add);
        assert_eq!(list.people[0].name, "Edward Timpson MP");
        let kinds: Vec<(&str, &str)> = list
            .kinds
            .iter()
            .map(|k| (k.kind.as_str(), k.label.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("minister", "Minister"),
                ("official", "Official"),
                ("lga-member", "LGA member"),
                ("other", "Other")
            ]
        );
        let minister = PersonPage::of(&store, store.person(1).unwrap()).unwrap();
        assert!(!minister.may_edit);
        assert_eq!(minister.kind_label, "Minister");

        let visitor = form(r#"{"name":"Jo Visitor","title":"Chair","kind":"other"}"#);
        let err = add(&mut store, &visitor).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        // The window says so before anyone tries, in the same words.
        assert_eq!(list.add_refusal.as_deref(), Some(err.message.as_str()));
        assert!(
            err.message
                .starts_with("only an LGA officer can add a person"),
            "{}",
            err.message
        );
        let err = edit(&mut store, 1, &minister.form).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert_eq!(minister.edit_refusal.as_deref(), Some(err.message.as_str()));
        assert_eq!(store.people(None).unwrap(), list.people);
    }

    /// An LGA officer's bad form comes back with every field at fault named
    /// as the window's inputs are (`base` is the postcode); a good one is
    /// saved in the core's normal form, and the page's form saves the
    /// person unchanged.
    #[test]
    fn an_lga_officer_adds_and_changes_a_person_with_the_cores_field_errors() {
        let (_dir, mut store) = seeded();
        be(&mut store, Role::LgaOfficer);
        let list = PeopleList::load(&store).unwrap();
        assert!(list.may_add);
        assert_eq!(list.add_refusal, None);
        let count = store.people(None).unwrap().len();

        let bad = form(
            r#"{"name":"Jo Visitor","title":"Chair","kind":"",
                "base_postcode":"ZZ not","changeover_minutes":"ten"}"#,
        );
        let err = add(&mut store, &bad).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let fields: Vec<&str> = err.fields.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["base", "kind", "changeover_minutes"]);
        assert_eq!(store.people(None).unwrap().len(), count, "nothing written");

        let good = PersonForm {
            kind: "lga-member".into(),
            base_postcode: "m1 1ae".into(),
            changeover_minutes: "20".into(),
            ..bad
        };
        let page = add(&mut store, &good).unwrap();
        assert!(page.may_edit);
        assert_eq!(page.edit_refusal, None);
        assert_eq!(page.person.base_postcode.as_deref(), Some("M1 1AE"));
        assert_eq!(page.kind_label, "LGA member");
        assert_eq!(page.form.changeover_minutes, "20");

        let mut changed = page.form.clone();
        changed.changeover_minutes = "35".into();
        let id = page.person.id;
        let page = edit(&mut store, id, &changed).unwrap();
        assert_eq!(page.person.changeover_minutes, 35);
        assert_eq!(
            edit(&mut store, id, &page.form).unwrap().person,
            page.person
        );
        let err = edit(&mut store, 9999, &page.form).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
    }
}
