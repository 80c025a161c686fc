use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

// glibc's allocator let the indexer's anonymous memory creep from 0.6 to 1.4 GB over a
// million articles (freed blocks of many sizes it could not reuse); mimalloc keeps it flat.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // One locked write per panic: the default hook writes unlocked and its lines interleave
    // with the `warning: PATH: …` that `index` prints when it survives a panic in a stage.
    // A panic that `enrich::guarded` catches is reported by its caller, as a warning naming the
    // file (and respecting --quiet).
    std::panic::set_hook(Box::new(|info| {
        if attache::enrich::keep_guarded_panic(|| info.to_string().replace('\n', " ")) {
            return;
        }
        let trace = std::backtrace::Backtrace::capture();
        let trace = match trace.status() {
            std::backtrace::BacktraceStatus::Captured => format!("\n{trace}"),
            _ => String::new(),
        };
        // (A closed stderr must not make the hook itself panic.)
        let _ = writeln!(
            std::io::stderr().lock(),
            "internal error (a bug in attache; please report it): {info}{trace}"
        );
    }));
    let cli = attache::cli::Cli::parse();
    match attache::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed pipe (`attache search x | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(attache::commands::ERROR)
        }
    }
}
