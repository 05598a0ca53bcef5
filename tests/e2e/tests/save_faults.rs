//! Real faults on the release window: another process holds the library's write lock (longer
//! than the busy timeout)
//! - while the user types in lecture A and switches to lecture B. The status bar says the saves
//!   fail, in red, with the reason; once the lock is released, A holds everything typed, B is
//!   unchanged, the recovery journal is empty, and the status bar says 已保存;
//! - while the user closes the window (as the window manager's close button does). The app asks
//!   first; cancelling keeps the text in the editor, closing anyway keeps it in the recovery
//!   journal, and the next start offers it back and saves it into its lecture.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use lectern_e2e::App;
use lectern_library::journal::Journal;
use lectern_library::Library;

const SAVE_STATUS: &str = r#"[data-testid="save-status"]"#;

/// A second process (python3's sqlite3 module) holding the write lock of `db` (BEGIN IMMEDIATE)
/// until its stdin is closed.
fn hold_write_lock(db: &std::path::Path) -> Child {
    let script = "import sqlite3, sys\n\
                  c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
                  c.execute('BEGIN IMMEDIATE')\n\
                  print('locked', flush=True)\n\
                  sys.stdin.read()\n\
                  c.execute('ROLLBACK')\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "locked", "the other process holds the write lock");
    child
}

/// Asks the app's window to close as the window manager does when the user clicks its close button
/// (a WM_DELETE_WINDOW message to the window titled 讲稿台, sent through libX11 with python3's ctypes;
/// WebDriver's own "close window" does not reach the app). Returns how many windows were asked.
fn click_close_button() -> usize {
    let script = r#"
import ctypes, ctypes.util
from ctypes import c_int, c_long, c_ulong, c_void_p, c_char_p, POINTER, byref
x = ctypes.cdll.LoadLibrary(ctypes.util.find_library('X11'))
x.XOpenDisplay.restype = c_void_p; x.XOpenDisplay.argtypes = [c_char_p]
x.XDefaultRootWindow.restype = c_ulong; x.XDefaultRootWindow.argtypes = [c_void_p]
x.XInternAtom.restype = c_ulong; x.XInternAtom.argtypes = [c_void_p, c_char_p, c_int]
x.XQueryTree.argtypes = [c_void_p, c_ulong, POINTER(c_ulong), POINTER(c_ulong), POINTER(POINTER(c_ulong)), POINTER(ctypes.c_uint)]
x.XGetWindowProperty.argtypes = [c_void_p, c_ulong, c_ulong, c_long, c_long, c_int, c_ulong, POINTER(c_ulong), POINTER(c_int), POINTER(c_ulong), POINTER(c_ulong), POINTER(POINTER(ctypes.c_ubyte))]
x.XSendEvent.argtypes = [c_void_p, c_ulong, c_int, c_long, c_void_p]
x.XFlush.argtypes = [c_void_p]; x.XCloseDisplay.argtypes = [c_void_p]
class ClientMessage(ctypes.Structure):
    _fields_ = [('type', c_int), ('serial', c_ulong), ('send_event', c_int), ('display', c_void_p),
                ('window', c_ulong), ('message_type', c_ulong), ('format', c_int), ('l', c_long * 5)]
class XEvent(ctypes.Union):
    _fields_ = [('xclient', ClientMessage), ('pad', c_long * 24)]
d = x.XOpenDisplay(None)
name, utf8 = x.XInternAtom(d, b'_NET_WM_NAME', 0), x.XInternAtom(d, b'UTF8_STRING', 0)
protocols, delete = x.XInternAtom(d, b'WM_PROTOCOLS', 0), x.XInternAtom(d, b'WM_DELETE_WINDOW', 0)
def title(w):
    t, f, n, after, data = c_ulong(), c_int(), c_ulong(), c_ulong(), POINTER(ctypes.c_ubyte)()
    if x.XGetWindowProperty(d, w, name, 0, 1024, 0, utf8, byref(t), byref(f), byref(n), byref(after), byref(data)) != 0 or not data:
        return ''
    return bytes(data[:n.value]).decode('utf-8', 'replace')
def windows(w):
    root, parent, children, count = c_ulong(), c_ulong(), POINTER(c_ulong)(), ctypes.c_uint()
    yield w
    if x.XQueryTree(d, w, byref(root), byref(parent), byref(children), byref(count)):
        for i in range(count.value):
            yield from windows(children[i])
asked = 0
for w in windows(x.XDefaultRootWindow(d)):
    if title(w) == '讲稿台':
        e = XEvent()
        e.xclient.type, e.xclient.window, e.xclient.message_type, e.xclient.format = 33, w, protocols, 32
        e.xclient.l[0], e.xclient.l[1] = delete, 0
        x.XSendEvent(d, w, 0, 0, byref(e))
        asked += 1
x.XFlush(d); x.XCloseDisplay(d)
print(asked)
"#;
    let out = Command::new("python3").args(["-c", script]).output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("a count")
}

fn body(db: &std::path::Path, id: i64) -> String {
    Library::open(db).unwrap().get(id).unwrap().body
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_while_another_process_locks_the_library_goes_into_its_own_lecture() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let (a, b) = {
        let lib = Library::open(&db).unwrap();
        let lecture = |title: &str, text: &str| {
            let id = lib.create(title).unwrap();
            lib.save(id, lib.get(id).unwrap().version, text).unwrap();
            id
        };
        let a = lecture("讲稿甲", "甲稿原文。");
        let b = lecture("讲稿乙", "乙稿原文，不应被改动。");
        (a, b)
    };
    let b_before = body(&db, b);
    let app = App::launch_in(dir).await;
    let row = |id: i64| format!(r#"[data-testid="library-item"][data-id="{id}"]"#);

    // Open A and type: saved as usual.
    app.click(&row(a)).await;
    app.wait_for_text(".cm-content", |t| t.contains("甲稿原文")).await;
    let content = app.find(".cm-content").await;
    content.click().await.unwrap();
    content.send_keys("第一句。").await.unwrap();
    app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;
    assert!(body(&db, a).contains("第一句。"));
    println!("tried: typed 第一句。 into 讲稿甲 → saved");

    // Another process takes the write lock; the user types more in A, then switches to B.
    let mut locker = hold_write_lock(&db);
    println!("tried: a python3 sqlite3 process holds BEGIN IMMEDIATE on library.db");
    content.send_keys("第二句。").await.unwrap();
    let status = app.wait_for_text(SAVE_STATUS, |t| t.contains("保存失败") && t.contains("占用")).await;
    let state = app.js(r#"return document.querySelector('[data-testid="save-status"]').dataset.state"#).await;
    assert_eq!(state.as_str(), Some("error"), "{status}");
    let color = app.js(r#"return getComputedStyle(document.querySelector('[data-testid="save-status"]')).color"#).await;
    println!("status bar while locked: {status} ({color})");
    assert_eq!(color.as_str(), Some("rgb(178, 34, 34)"), "shown in red");
    app.click(&row(b)).await;
    app.wait_for_text(".cm-content", |t| t.contains("乙稿原文")).await;
    println!("tried: typed 第二句。 into 讲稿甲 and switched to 讲稿乙 while locked");
    let status = app.wait_for_text(SAVE_STATUS, |t| t.contains("保存失败")).await;
    println!("status bar after switching: {status}");
    let journal = Journal::beside(&db).list().unwrap();
    assert!(
        journal.iter().any(|e| e.lecture_id == a && e.text.contains("第二句。")),
        "A's unsaved text is in the recovery journal: {journal:?}"
    );
    assert!(journal.iter().all(|e| e.lecture_id == a), "nothing journalled for B: {journal:?}");

    // The lock goes: the retry saves A's text into A, and only into A.
    drop(locker.stdin.take());
    locker.wait().unwrap();
    println!("tried: the other process released the lock");
    app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;
    let a_after = body(&db, a);
    let b_after = body(&db, b);
    println!("survived: 讲稿甲 = {a_after:?}; 讲稿乙 = {b_after:?}");
    assert!(a_after.contains("第一句。") && a_after.contains("第二句。") && a_after.contains("甲稿原文"), "{a_after}");
    assert_eq!(b_after, b_before, "B is unchanged");
    assert!(Journal::beside(&db).list().unwrap().is_empty(), "the journal entry went once A was saved");
    app.wait_for_text(".cm-content", |t| t.contains("乙稿原文") && !t.contains("第二句")).await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_window_while_saves_fail_asks_first_and_keeps_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.db");
    let a = {
        let lib = Library::open(&db).unwrap();
        let id = lib.create("讲稿甲").unwrap();
        lib.save(id, lib.get(id).unwrap().version, "甲稿原文。").unwrap();
        id
    };
    let mut app = App::launch_in(dir).await;
    let row = format!(r#"[data-testid="library-item"][data-id="{a}"]"#);
    app.click(&row).await;
    app.wait_for_text(".cm-content", |t| t.contains("甲稿原文")).await;

    let mut locker = hold_write_lock(&db);
    println!("tried: a python3 sqlite3 process holds BEGIN IMMEDIATE on library.db");
    let content = app.find(".cm-content").await;
    content.click().await.unwrap();
    content.send_keys("关窗前写的一句。").await.unwrap();
    app.wait_for_text(SAVE_STATUS, |t| t.contains("保存失败")).await;
    println!("tried: typed 关窗前写的一句。 while saves fail");

    // The user clicks the window's close button: the app asks first.
    assert!(click_close_button() >= 1, "the window titled 讲稿台 was found");
    let question = app.wait_for_text(r#"[data-testid="close-dialog"]"#, |t| t.contains("没有保存")).await;
    println!("asked: {}", question.replace('\n', " "));
    let journal = Journal::beside(&db).list().unwrap();
    assert!(journal.iter().any(|e| e.lecture_id == a && e.text.contains("关窗前写的一句。")), "{journal:?}");
    // 继续等待保存: the window stays, the text still in the editor.
    app.click(r#"[data-testid="close-dialog"] button[data-action="cancel"]"#).await;
    app.wait_for_text(".cm-content", |t| t.contains("关窗前写的一句。")).await;
    assert!(app.find_all(r#"[data-testid="close-dialog"]"#).await.is_empty(), "the dialog went");
    println!("survived (cancelled): the window open, the text in the editor and in the recovery journal");

    // Asked again, the user closes anyway: the app ends, the text is in the journal, not lost.
    assert!(click_close_button() >= 1);
    app.wait_for_text(r#"[data-testid="close-dialog"]"#, |t| t.contains("没有保存")).await;
    // Clicked from a script that returns first: the window goes during the click, and WebDriver's
    // own click would then report the session gone.
    let press = r#"setTimeout(() => document.querySelector('[data-testid="close-dialog"] button[data-action="close"]').click(), 50); return true;"#;
    app.js(press).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while app.client.find(fantoccini::Locator::Css("body")).await.is_ok() {
        assert!(std::time::Instant::now() < deadline, "the window did not close");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    drop(locker.stdin.take());
    locker.wait().unwrap();
    let journal = Journal::beside(&db).list().unwrap();
    println!("survived (closed anyway): journal = {journal:?}; 讲稿甲 = {:?}", body(&db, a));
    assert!(journal.iter().any(|e| e.lecture_id == a && e.text.contains("关窗前写的一句。")), "{journal:?}");
    assert!(!body(&db, a).contains("关窗前写的一句。"), "the library was locked: the text is only in the journal");

    // The next start offers it back; 恢复 puts it into 讲稿甲 and saves it.
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    app.close().await; // the window is gone; this waits until its process has exited too
    let app = App::launch_in(data_dir).await;
    let offer = app.wait_for_text(r#"[data-testid="recovery-dialog"]"#, |t| t.contains("讲稿甲")).await;
    println!("next start offered: {}", offer.replace('\n', " "));
    app.click(r#"[data-testid="recovery-dialog"] button[data-action="restore"]"#).await;
    app.wait_for_text(".cm-content", |t| t.contains("关窗前写的一句。")).await;
    app.wait_for_text(SAVE_STATUS, |t| t == "已保存").await;
    let a_after = body(&db, a);
    println!("survived (restored): 讲稿甲 = {a_after:?}");
    assert!(a_after.contains("甲稿原文") && a_after.contains("关窗前写的一句。"), "{a_after}");
    assert!(Journal::beside(&db).list().unwrap().is_empty(), "the journal entry went once saved");
    app.close().await;
}
