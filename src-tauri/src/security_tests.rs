//! The security baseline, checked: the webview may call exactly the commands the UI's bindings
//! call, may only listen to events besides, and the content policy admits nothing remote.

use serde_json::Value;
use std::collections::BTreeSet;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn read_json(relative: &str) -> Value {
    let text = std::fs::read_to_string(format!("{MANIFEST_DIR}/{relative}")).expect(relative);
    serde_json::from_str(&text).expect(relative)
}

/// Command names the generated bindings invoke, e.g. `apply_edit`.
fn invoked_commands() -> BTreeSet<String> {
    let bindings = std::fs::read_to_string(format!("{MANIFEST_DIR}/../ui/src/lib/bindings.ts")).expect("bindings");
    bindings
        .split("__TAURI_INVOKE")
        .skip(1)
        // Call sites read `__TAURI_INVOKE("name"` or `__TAURI_INVOKE<Type>("name"`; the import does not.
        .filter(|rest| rest.starts_with('(') || rest.starts_with('<'))
        .filter_map(|rest| rest.split('"').nth(1))
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_webview_is_granted_exactly_the_commands_it_calls_and_event_listening() {
    let capability = read_json("capabilities/default.json");
    let permissions: Vec<String> = capability["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .map(|p| p.as_str().expect("plain permission names").to_owned())
        .collect();
    let granted_commands: BTreeSet<String> =
        permissions.iter().filter_map(|p| p.strip_prefix("allow-")).map(|p| p.replace('-', "_")).collect();
    assert_eq!(granted_commands, invoked_commands());

    let others: BTreeSet<&str> = permissions.iter().map(String::as_str).filter(|p| !p.starts_with("allow-")).collect();
    assert_eq!(others, BTreeSet::from(["core:event:allow-listen", "core:event:allow-unlisten"]));
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
}

#[test]
fn the_content_security_policy_admits_nothing_remote() {
    let config = read_json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_object().expect("a CSP is set");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'", "no inline or remote scripts");
    assert_eq!(csp["object-src"], "'none'");
    for (directive, sources) in csp {
        let sources = sources.as_str().expect("directives are strings");
        for source in sources.split_whitespace() {
            let local =
                source.starts_with('\'') || source == "data:" || source == "ipc:" || source == "http://ipc.localhost";
            assert!(local, "{directive} admits {source}");
        }
    }
    assert!(config["build"].get("devUrl").is_none(), "the app never loads a URL");
}
