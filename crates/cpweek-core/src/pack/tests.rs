use serde_json::json;

use super::*;

#[test]
fn canonical_bytes_sort_members_and_drop_layout() {
    let a: Value = serde_json::from_str(
        "{ \"b\": [1, {\"z\": null, \"a\": true}],\n \"a\": \"x\\u00e9\\n\" }",
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(canonical(&a)).unwrap(),
        "{\"a\":\"xé\\n\",\"b\":[1,{\"a\":true,\"z\":null}]}"
    );
}

#[test]
fn the_digest_leaves_out_only_itself_and_catches_any_change() {
    let doc =
        json!({"format": FORMAT, "format_version": 1, "events": [{"title": "A"}], "digest": "x"});
    let d = document_digest(&doc);
    assert!(d.starts_with("sha256:") && d.len() == 7 + 64, "{d}");
    let mut other_digest = doc.clone();
    other_digest["digest"] = json!("something else");
    assert_eq!(document_digest(&other_digest), d);
    let mut changed = doc.clone();
    changed["events"][0]["title"] = json!("B");
    assert_ne!(document_digest(&changed), d);
    // The SHA-256 of the empty string, as published.
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

fn pack_bytes() -> Vec<u8> {
    write(new_pack(
        PackKind::Submission,
        "2014",
        PackCouncil {
            code: "886".into(),
            name: "Kent".into(),
        },
        chrono::DateTime::parse_from_rfc3339("2014-09-02T09:00:00Z")
            .unwrap()
            .to_utc(),
        Vec::new(),
    ))
}

#[test]
fn a_pack_written_reads_back_and_a_damaged_or_newer_one_is_refused_whole() {
    let bytes = pack_bytes();
    let pack = read::read(&bytes).unwrap();
    assert_eq!(pack.kind, PackKind::Submission);
    assert_eq!(pack.made_at, "2014-09-02T09:00:00Z");

    let text = String::from_utf8(bytes.clone()).unwrap();
    let damaged = text.replace("\"Kent\"", "\"Kant\"");
    let e = read::read(damaged.as_bytes()).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "digest");
    assert!(
        e.to_string()
            .starts_with("the pack is damaged: its digest does not match"),
        "{e}"
    );

    let cut = &bytes[..bytes.len() / 2];
    let e = read::read(cut).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the pack is damaged: it is not readable JSON (line "),
        "{e}"
    );

    let mut newer: Value = serde_json::from_slice(&bytes).unwrap();
    newer["format_version"] = json!(4);
    newer["digest"] = json!(document_digest(&newer));
    let e = read::read(&serde_json::to_vec(&newer).unwrap()).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "format_version");
    assert!(
        e.to_string().contains(
            "made by a newer cpweek (format version 4; this cpweek reads up to version 3)"
        ),
        "{e}"
    );

    let e = read::read(b"{\"format\": \"vcard\"}").unwrap_err();
    assert!(
        e.to_string().starts_with("the file is not a cpweek pack"),
        "{e}"
    );

    let mut zero: Value = serde_json::from_slice(&bytes).unwrap();
    zero["format_version"] = json!(0);
    let e = read::read(&serde_json::to_vec(&zero).unwrap()).unwrap_err();
    assert!(
        e.to_string()
            .contains("format version 0 is not one cpweek knows"),
        "{e}"
    );
}

#[test]
fn a_pack_with_its_digest_recomputed_but_a_member_of_the_wrong_type_names_it() {
    let mut v: Value = serde_json::from_slice(&pack_bytes()).unwrap();
    v["kind"] = json!("ultimatum");
    v["digest"] = json!(document_digest(&v));
    let e = read::read(serde_json::to_string_pretty(&v).unwrap().as_bytes()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the pack is not in the expected form at line "),
        "{e}"
    );
    assert!(e.to_string().contains("ultimatum"), "{e}");
}

#[test]
fn an_older_pack_holding_practice_entries_is_refused_whole_and_an_empty_one_read() {
    let bytes = pack_bytes();
    let written: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(written["format_version"], json!(3));
    assert_eq!(written["practice"], json!([]));
    for version in [1, 2] {
        let mut older = written.clone();
        older["format_version"] = json!(version);
        older.as_object_mut().unwrap().remove("practice");
        if version == 1 {
            older.as_object_mut().unwrap().remove("requests");
        }
        older["digest"] = json!(document_digest(&older));
        let pack = read::read(&serde_json::to_vec(&older).unwrap()).unwrap();
        assert!(pack.practice.is_empty());

        older["practice"] = json!([{"uid": "x"}]);
        older["digest"] = json!(document_digest(&older));
        let e = read::read(&serde_json::to_vec(&older).unwrap()).unwrap_err();
        assert_eq!(e.field_errors()[0].field, "practice");
        assert!(
            e.to_string().contains(&format!(
                "format version {version}, which carries no practice entries, but it holds some"
            )),
            "{e}"
        );
    }
}
