// Link the `attache` binary at a fixed address (non-PIE) on Linux with glibc. As a PIE it
// relocates ~1.4 MB of tables (stop-word lists, tokenizer data) at every start: 2.6 ms for
// `attache --version` against 1.5 ms, a third of a whole-process search on a large index.
// The code stays position-independent; only the executable's load address is fixed, so it
// gives up ASLR for the binary itself. Build with ATTACHE_PIE=1 to keep a PIE.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ATTACHE_PIE");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && var("ATTACHE_PIE").is_empty()
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
