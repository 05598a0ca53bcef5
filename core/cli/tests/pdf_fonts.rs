//! Fonts as a user meets them: `lectern fonts`, `--font ROLE=…`, the cache,
//! and the clear errors for bad input and for a machine without Chinese faces.

mod pdf_support;

use pdf_support::*;

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn fonts_reports_every_role_and_why() {
    let mut c = lectern();
    c.args(["fonts", "--json"]);
    let o = run(c);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let roles = v["roles"].as_array().unwrap();
    let keys: Vec<&str> = roles.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert_eq!(keys, ["title", "heading1", "heading2", "heading3", "heading4", "body", "page-number", "latin"]);
    for r in roles {
        assert!(!r["family"].as_str().unwrap().is_empty());
        assert!(std::path::Path::new(r["file"].as_str().unwrap()).is_file());
        assert!(!r["reason"].as_str().unwrap().is_empty());
    }
    // Faces inside .ttc collections are listed one by one.
    let faces = v["cjk_faces"].as_array().unwrap();
    assert!(faces.iter().any(|f| f.as_str().unwrap().contains(".ttc #")), "{faces:?}");
    // Without FangSong on this machine the body falls back and says why.
    let body = &roles[5];
    if !["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"].contains(&body["family"].as_str().unwrap()) {
        assert_eq!(body["how"]["kind"], "fallback");
        assert!(body["reason"].as_str().unwrap().contains("仿宋"), "{body}");
    }
    // The plain report lists the same roles in Chinese.
    let mut c = lectern();
    c.arg("fonts");
    let text = stdout(&run(c));
    for label in ["标题", "一级标题", "二级标题", "正文", "页码", "西文与数字"] {
        assert!(text.contains(label), "{text}");
    }
}

#[test]
fn a_role_can_be_set_to_a_face_inside_a_collection_file() {
    let ukai = "/usr/share/fonts/truetype/arphic/ukai.ttc";
    let body = format!("body={ukai}#0");
    let l = lecture_path();
    let (pdf, report) = export("ukai-body", &[l.to_str().unwrap(), "--font", &body]);
    assert!(report.contains("ukai.ttc"), "{report}");
    let fonts = check_fonts_subset(&pdf);
    assert!(fonts.iter().any(|f| f.contains("UKai")), "{fonts:?}");
    let pages = read_pdf(&pdf);
    let line = pages[0].lines().into_iter().find(|l| l.text().starts_with("按照")).unwrap();
    assert!(line.glyphs[0].font.contains("UKai"), "{}", line.glyphs[0].font);
    // A family name works too, and a missing one is an error that names it.
    let (_, report) = export("sans-h2", &[l.to_str().unwrap(), "--font", "heading2=Noto Sans CJK SC"]);
    assert!(report.contains("Noto Sans CJK SC"), "{report}");
    let mut c = lectern();
    c.args(["export", l.to_str().unwrap(), "-o"]).arg(work_dir().join("never.pdf")).args(["--font", "body=方正仿宋_GBK"]);
    let o = run(c);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("方正仿宋_GBK"), "{}", stderr(&o));
    assert!(!work_dir().join("never.pdf").exists());
}

#[test]
fn a_machine_without_chinese_faces_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // Only a Latin face in the font folders.
    let latin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/pdf/fonts/latin-only.ttf");
    std::fs::copy(&latin, dir.path().join("latin-only.ttf")).unwrap();
    let out = dir.path().join("x.pdf");
    let mut c = lectern();
    c.env("LECTERN_FONT_DIRS", dir.path()).env("LECTERN_CACHE_DIR", dir.path().join("cache"));
    c.args(["export", lecture_path().to_str().unwrap(), "-o"]).arg(&out);
    let o = run(c);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("没有可用的中文字体") && e.contains(dir.path().to_str().unwrap()), "{e}");
    assert!(!out.exists());
}

#[test]
fn bad_input_is_named_in_the_message() {
    let out = work_dir().join("bad.pdf");
    let lecture = lecture_path();
    let lecture = lecture.to_str().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["export", "/nonexistent/lecture.txt"], "/nonexistent/lecture.txt"),
        (&["export", lecture, "--kind", "poster"], "poster"),
        (&["export", lecture, "--preset", "a3"], "a3"),
        (&["export", lecture, "--font", "footer=SimSun"], "footer=SimSun"),
    ];
    for (args, named) in cases {
        let mut c = lectern();
        c.args(args).arg("-o").arg(&out);
        let o = run(c);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains(named), "{args:?}: {}", stderr(&o));
        assert!(!out.exists());
    }
    // An empty file, and a .docx that is not one: the reader's message names the file.
    for (name, bytes) in [("empty.txt", &b""[..]), ("broken.docx", &b"not a zip"[..])] {
        let bad = work_dir().join(name);
        std::fs::write(&bad, bytes).unwrap();
        let mut c = lectern();
        c.arg("export").arg(&bad).arg("-o").arg(&out);
        let o = run(c);
        assert!(!o.status.success(), "{name}");
        assert!(stderr(&o).contains(name), "{}", stderr(&o));
        assert!(!out.exists());
    }
}

#[test]
fn the_font_scan_is_cached_and_refreshed_when_fonts_change() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let latin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/pdf/fonts/latin-only.ttf");
    std::fs::copy(&latin, fonts.join("a.ttf")).unwrap();
    let scan = |expect: &str| {
        let mut c = lectern();
        c.env("LECTERN_FONT_DIRS", &fonts).env("LECTERN_CACHE_DIR", dir.path().join("cache")).args(["fonts", "--json"]);
        let o = run(c);
        // No Chinese face here: the command fails, and says so.
        assert!(!o.status.success());
        assert!(stderr(&o).contains("没有可用的中文字体"));
        let path = dir.path().join("cache/fonts.json");
        let cache = std::fs::read_to_string(&path).unwrap();
        assert!(cache.contains(expect), "{cache}");
        std::fs::metadata(&path).unwrap().modified().unwrap()
    };
    let first = scan("a.ttf");
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(scan("a.ttf"), first, "a second run reads the cache and does not rewrite it");
    // A new font file: the next run scans again and sees it.
    std::fs::copy(&latin, fonts.join("b.ttf")).unwrap();
    scan("b.ttf");
}
