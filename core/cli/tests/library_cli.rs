//! The library's command line, against real database files: what a user
//! running `lectern --db DB …` sees.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/library").join(name)
}

fn lectern(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern")).arg("--db").arg(db).args(args).output().expect("run lectern")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Runs a command that must succeed; returns its stdout.
fn ok(db: &Path, args: &[&str]) -> String {
    let o = lectern(db, args);
    assert!(o.status.success(), "lectern {args:?} failed: {}", stderr(&o));
    stdout(&o)
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn import_two(db: &Path) -> (i64, i64) {
    let out = ok(db, &["import", data("rural-revitalization.txt").to_str().unwrap(), data("party-building.txt").to_str().unwrap()]);
    let ids: Vec<i64> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{out}");
    (ids[0], ids[1])
}

#[test]
fn import_prints_good_ids_names_bad_files_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let missing = dir.path().join("没有这个文件.txt");
    let folder = dir.path().join("一个文件夹.txt");
    std::fs::create_dir(&folder).unwrap();
    let o = lectern(
        &db,
        &[
            "import",
            data("rural-revitalization.txt").to_str().unwrap(),
            missing.to_str().unwrap(),
            data("blank.txt").to_str().unwrap(),
            folder.to_str().unwrap(),
            data("party-building.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let ids: Vec<i64> = stdout(&o).lines().map(|l| l.parse().expect("only ids on stdout")).collect();
    assert_eq!(ids.len(), 2);
    let err = stderr(&o);
    for bad in ["没有这个文件.txt", "blank.txt", "一个文件夹.txt"] {
        assert_eq!(err.lines().filter(|l| l.contains(bad)).count(), 1, "one line naming {bad}:\n{err}");
    }
    assert!(!err.contains("rural-revitalization") && !err.contains("party-building"), "{err}");

    let list = json(&db, &["list", "--json"]);
    let titles: Vec<&str> = list.as_array().unwrap().iter().map(|l| l["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"全面推进乡村振兴 加快建设农业强国"), "{titles:?}");
    assert!(titles.contains(&"以高质量党建引领基层治理"), "{titles:?}");
}

#[test]
fn importing_a_text_already_in_the_library_says_so_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (rural, _) = import_two(&db);
    // The same text under another name, with Windows line ends.
    let copy = dir.path().join("复制的讲稿.txt");
    std::fs::write(&copy, std::fs::read_to_string(data("rural-revitalization.txt")).unwrap().replace('\n', "\r\n")).unwrap();
    let o = lectern(&db, &["import", copy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "a duplicate is reported, not a failure");
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("复制的讲稿.txt") && err.contains(&format!("编号 {rural}")), "{err}");
    assert_eq!(json(&db, &["list", "--json"]).as_array().unwrap().len(), 2);
}

#[test]
fn list_json_has_id_title_date_char_count_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (rural, _) = import_two(&db);
    assert_eq!(ok(&db, &["tag", &rural.to_string(), "乡村振兴", "三农"]).trim(), "三农、乡村振兴");
    let list = json(&db, &["list", "--json"]);
    let l = list.as_array().unwrap().iter().find(|l| l["id"] == rural).unwrap();
    for key in ["id", "title", "date", "char_count", "tags"] {
        assert!(l.get(key).is_some(), "missing {key} in {l}");
    }
    assert_eq!(l["tags"], serde_json::json!(["三农", "乡村振兴"]));
    let count = l["char_count"].as_i64().unwrap();
    assert!((350..600).contains(&count), "字数 {count}");
    // The plain list shows the same, one line per lecture.
    let plain = ok(&db, &["list"]);
    let line = plain.lines().find(|l| l.starts_with(&format!("{rural}\t"))).unwrap();
    assert!(line.contains("三农、乡村振兴") && line.contains(&count.to_string()), "{line}");
    // Filtered by tag.
    assert_eq!(json(&db, &["list", "--json", "--tag", "三农"]).as_array().unwrap().len(), 1);
}

#[test]
fn search_finds_one_two_and_longer_queries_ranked_with_marked_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (rural, party) = import_two(&db);

    // Three or more characters.
    let hits = json(&db, &["search", "乡村振兴", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"], rural);
    let snippet = hits[0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("«乡村振兴»"), "{snippet}");
    assert_eq!(hits[0].as_object().unwrap().len(), 3, "exactly id, title, snippet");

    // Two characters: 党建 is in both, far more in the party-building lecture and in its title.
    let hits = json(&db, &["search", "党建", "--json"]);
    let ids: Vec<i64> = hits.as_array().unwrap().iter().map(|h| h["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![party], "党建 occurs only in the party-building lecture");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("«党建»"));

    // One character, in both; ranked, each with a marked snippet.
    let hits = json(&db, &["search", "党", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0]["id"], party, "the lecture about 党建 ranks first for 党");
    assert!(hits.iter().all(|h| h["snippet"].as_str().unwrap().contains("«党»")));

    // Two characters never match across punctuation: the text has 力量之源。今天, not 源今.
    assert_eq!(json(&db, &["search", "源今", "--json"]), serde_json::json!([]));
    assert_eq!(json(&db, &["search", "之源", "--json"])[0]["id"], party);

    // Several words must all occur.
    let hits = json(&db, &["search", "粮食", "党组织", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert!(json(&db, &["search", "粮食", "三会一课", "--json"]).as_array().unwrap().is_empty());

    // Nothing found is an empty list, not an error.
    assert_eq!(json(&db, &["search", "航天", "--json"]), serde_json::json!([]));
    // The plain output: id, title, snippet.
    let plain = ok(&db, &["search", "粮"]);
    assert!(plain.starts_with(&format!("{rural}\t全面推进乡村振兴")) && plain.contains("«粮»"), "{plain}");
}

#[test]
fn show_snapshot_snapshots_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (rural, _) = import_two(&db);
    let id = rural.to_string();
    let shown = ok(&db, &["show", &id]);
    assert!(shown.starts_with("《全面推进乡村振兴 加快建设农业强国》"), "{shown}");
    assert!(shown.contains("rural-revitalization.txt") && shown.contains("三、加强党对“三农”工作的全面领导"));

    let first: i64 = ok(&db, &["snapshot", &id, "--label", "初稿"]).trim().parse().unwrap();
    // Change the text through the library, as the app would.
    {
        let lib = lectern_library::Library::open(&db).unwrap();
        lib.update_body(rural, "同志们：这是改过的稿子。").unwrap();
    }
    assert!(ok(&db, &["show", &id]).contains("这是改过的稿子"));
    let snaps = json(&db, &["snapshots", &id, "--json"]);
    assert_eq!(snaps[0]["id"], first);
    assert_eq!(snaps[0]["label"], "初稿");
    assert!(ok(&db, &["snapshots", &id]).contains("初稿"));

    let out = ok(&db, &["restore", &id, &first.to_string()]);
    assert!(out.contains("恢复"), "{out}");
    let shown = ok(&db, &["show", &id]);
    assert!(shown.contains("一、深刻认识全面推进乡村振兴的重大意义") && !shown.contains("这是改过的稿子"));
    // The text the restore replaced is itself a snapshot now.
    let snaps = json(&db, &["snapshots", &id, "--json"]);
    let safety = snaps.as_array().unwrap().iter().find(|s| s["kind"] == "before_restore").expect("safety snapshot");
    let text = ok(&db, &["show", &id, "--snapshot", &safety["id"].to_string()]);
    assert_eq!(text.trim(), "同志们：这是改过的稿子。");

    // Errors name what is missing and exit 1.
    let o = lectern(&db, &["restore", &id, "9999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("9999"));
    let o = lectern(&db, &["show", "777"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("找不到编号为 777 的讲稿"), "{}", stderr(&o));
}

#[test]
fn adapt_delete_and_restore_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (rural, _) = import_two(&db);
    ok(&db, &["tag", &rural.to_string(), "三农"]);
    let draft: i64 = ok(&db, &["adapt", &rural.to_string()]).trim().parse().unwrap();
    assert_ne!(draft, rural);
    let shown: Value = json(&db, &["show", &draft.to_string(), "--json"]);
    assert_eq!(shown["adapted_from"]["id"], rural);
    assert_eq!(shown["tags"], serde_json::json!(["三农"]));
    assert!(shown["title"].as_str().unwrap().contains("修改稿"));
    assert!(ok(&db, &["show", &draft.to_string()]).contains(&format!("改编自：{rural}《")));

    ok(&db, &["delete", &rural.to_string()]);
    let ids = |v: Value| v.as_array().unwrap().iter().map(|l| l["id"].as_i64().unwrap()).collect::<Vec<_>>();
    assert!(!ids(json(&db, &["list", "--json"])).contains(&rural));
    assert_eq!(ids(json(&db, &["list", "--json", "--trash"])), vec![rural]);
    // Deleted lectures leave the search, but the draft (same text) is still found.
    assert_eq!(ids(json(&db, &["search", "粮食生产", "--json"])), vec![draft]);
    // Still readable, and the draft still knows where it came from.
    assert!(ok(&db, &["show", &rural.to_string()]).contains("在回收站中"));

    ok(&db, &["restore-deleted", &rural.to_string()]);
    assert!(ids(json(&db, &["list", "--json"])).contains(&rural));
    assert!(json(&db, &["list", "--json", "--trash"]).as_array().unwrap().is_empty());
    let o = lectern(&db, &["restore-deleted", &rural.to_string()]);
    assert_eq!(o.status.code(), Some(1), "not in the trash any more");
}

#[test]
fn export_library_and_import_it_into_another_library_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let (rural, party) = import_two(&a);
    ok(&a, &["tag", &rural.to_string(), "三农"]);
    ok(&a, &["snapshot", &rural.to_string(), "--label", "第一版"]);
    let draft: i64 = ok(&a, &["adapt", &rural.to_string()]).trim().parse().unwrap();
    ok(&a, &["delete", &party.to_string()]);
    let file = dir.path().join("讲稿库.json");
    assert!(ok(&a, &["export-library", file.to_str().unwrap()]).contains("3 篇"));

    // The other computer already has the party-building text, imported on its own.
    ok(&b, &["import", data("party-building.txt").to_str().unwrap()]);
    let out = ok(&b, &["import-library", file.to_str().unwrap()]);
    assert!(out.contains("新增 2 篇"), "{out}");
    let list = json(&b, &["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3, "rural, its draft and party-building once: {list}");
    let rural_b = list.as_array().unwrap().iter().find(|l| l["title"] == "全面推进乡村振兴 加快建设农业强国").unwrap();
    assert_eq!(rural_b["tags"], serde_json::json!(["三农"]));
    let rural_b = rural_b["id"].to_string();
    let snaps = json(&b, &["snapshots", &rural_b, "--json"]);
    assert_eq!(snaps.as_array().unwrap().len(), 1);
    assert_eq!(snaps[0]["label"], "第一版");
    let draft_b = list.as_array().unwrap().iter().find(|l| l["title"].as_str().unwrap().contains("修改稿")).unwrap();
    assert_eq!(draft_b["adapted_from"].to_string(), rural_b, "lineage survives the move");
    let _ = draft;

    // Importing the same file again changes nothing.
    let out = ok(&b, &["import-library", file.to_str().unwrap()]);
    assert!(out.contains("新增 0 篇") && out.contains("更新 0 篇"), "{out}");
    assert_eq!(json(&b, &["list", "--json"]).as_array().unwrap().len(), 3);

    // A file that is not an export is refused, naming it, and harms nothing.
    let bogus = dir.path().join("不是导出文件.json");
    std::fs::write(&bogus, "{\"hello\": 1}").unwrap();
    let o = lectern(&b, &["import-library", bogus.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("不是导出文件.json"), "{}", stderr(&o));
    assert_eq!(json(&b, &["list", "--json"]).as_array().unwrap().len(), 3);
}

#[test]
fn backup_writes_a_sound_copy_beside_the_library_and_keeps_the_last_ten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    import_two(&db);
    let mut paths = Vec::new();
    for _ in 0..12 {
        let p = PathBuf::from(ok(&db, &["backup"]).trim());
        assert!(p.starts_with(dir.path().join("backups")), "{}", p.display());
        paths.push(p);
    }
    let kept: Vec<PathBuf> = lectern_library::backups_in(&dir.path().join("backups"));
    assert_eq!(kept.len(), 10);
    assert_eq!(kept, paths[2..].to_vec(), "the two oldest are gone");
    // A backup is a library of its own with the same lectures.
    let copy = json(&kept[9], &["list", "--json"]);
    assert_eq!(copy.as_array().unwrap().len(), 2);
}
