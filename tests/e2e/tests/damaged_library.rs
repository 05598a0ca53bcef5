//! A damaged library at start, on the release window: garbage over library.db's header and first
//! pages (as a failing disk or a cut-off copy leaves it). The app says so in Chinese and offers the
//! backups with their dates and numbers of lectures; choosing one restores it, the lectures are
//! listed, and the damaged file is kept aside, byte for byte, never deleted.

use lectern_e2e::App;
use lectern_library::Library;

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_library_is_offered_its_backups_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    {
        let lib = Library::open(&db).unwrap();
        for title in ["学习党章", "调查研究", "作风建设"] {
            let id = lib.create(title).unwrap();
            lib.save(id, lib.get(id).unwrap().version, &format!("关于{title}的讲稿正文。")).unwrap();
        }
        lib.backup().unwrap();
        // Written after the backup: lost with the damaged file, as in life.
        lib.create("备份之后的讲稿").unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    for (i, b) in bytes.iter_mut().take(8192).enumerate() {
        *b = (i * 31 + 7) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();
    println!("tried: garbage over the first 8 KiB of library.db ({} bytes)", bytes.len());

    let app = App::launch_in(dir).await;
    let said = app.wait_for_text(r#"[data-testid="damaged-dialog"]"#, |t| t.contains("已损坏")).await;
    println!("the app said: {}", said.replace('\n', " "));
    assert!(said.contains("备份"), "{said}");
    let offers = app.wait_for_texts(r#"[data-testid="backup-choice"]"#, |t| !t.is_empty()).await;
    println!("backups offered: {offers:?}");
    assert_eq!(offers.len(), 1);
    assert!(offers[0].contains("3 篇讲稿") && offers[0].starts_with("20"), "date and number: {offers:?}");

    app.click(r#"[data-testid="backup-choice"]"#).await;
    let done = app.wait_for_text(r#"[data-testid="restored-dialog"]"#, |t| t.contains("3 篇讲稿")).await;
    println!("after the restore: {}", done.replace('\n', " "));
    assert!(done.contains("没有删除"), "{done}");
    app.click(r#"[data-testid="restored-dialog"] button[data-action="ok"]"#).await;
    let rows = app.wait_for_texts(r#"[data-testid="library-item"]"#, |t| t.len() == 3).await;
    println!("survived: the library lists {rows:?}");
    for title in ["学习党章", "调查研究", "作风建设"] {
        assert!(rows.iter().any(|r| r.contains(title)), "{title} in {rows:?}");
    }
    app.wait_for_text(".cm-content", |t| t.contains("的讲稿正文")).await;

    let aside: Vec<_> = std::fs::read_dir(app.data_dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("library.db.damaged-"))
        .map(|e| e.path())
        .filter(|p| !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file kept aside: {aside:?}");
    assert_eq!(std::fs::read(&aside[0]).unwrap(), bytes, "kept byte for byte");
    println!("survived: the damaged file kept as {}", aside[0].display());
    app.close().await;
}
