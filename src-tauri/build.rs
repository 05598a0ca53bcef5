fn main() {
    // Every command the UI may call is listed here, so that each one is
    // denied unless a capability file allows it.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&["library_list", "lecture_get"]),
    ))
    .expect("tauri build script failed");
}
