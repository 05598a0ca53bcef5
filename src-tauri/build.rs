/// Every command the UI may call (src/commands/names.rs, checked against the registered commands
/// by `cargo test -p lectern-app`). Each one is denied unless a capability file allows it.
const COMMANDS: &[&str] = include!("src/commands/names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
