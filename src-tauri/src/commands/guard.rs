//! The shell's boundary: a panic below a command (a bug in the core on some input) becomes one
//! Chinese message naming the action the user took, instead of aborting the window or leaving the
//! UI waiting for an answer that never comes. A panic inside a library transaction rolls it back
//! (the transaction is dropped while unwinding), and the library's lock recovers (see `state.rs`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// Runs one command's work on a blocking thread, off the main thread (the window keeps drawing
/// while a save waits for a library another process has locked, or a big import is read), guarded
/// as [`guarded`] is.
pub async fn off_main<T: Send + 'static>(
    app: AppHandle,
    action: &'static str,
    run: impl FnOnce(&AppState) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    tauri::async_runtime::spawn_blocking(move || guarded(action, || run(&app.state::<AppState>())))
        .await
        .unwrap_or_else(|e| {
            Err(format!(
                "{action}时出现内部错误，这次没有完成（已有的讲稿不受影响）：{e}"
            ))
        })
}

/// Runs one command's work; a panic in it is answered as a failure of `action` (e.g. "保存讲稿").
pub fn guarded<T>(action: &str, run: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("讲稿台：{action}时出现内部错误：{detail}");
        Err(format!(
            "{action}时出现内部错误，这次没有完成（已有的讲稿不受影响）：{detail}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::guarded;

    #[test]
    fn a_panic_below_a_command_is_a_chinese_message_naming_the_action() {
        let r: Result<(), String> = guarded("导入文件", || panic!("标题里套着标题"));
        let message = r.unwrap_err();
        assert!(message.starts_with("导入文件时出现内部错误"), "{message}");
        assert!(message.contains("标题里套着标题"), "{message}");
    }

    #[test]
    fn answers_and_errors_pass_through() {
        assert_eq!(guarded("保存讲稿", || Ok(3)), Ok(3));
        assert_eq!(
            guarded::<()>("保存讲稿", || Err("磁盘已满".to_string())),
            Err("磁盘已满".to_string())
        );
    }
}
