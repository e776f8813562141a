//! Entry point of the WebAssembly build: mounts the app on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(servicelab::ui::App);
}
