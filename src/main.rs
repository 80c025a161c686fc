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
    let cli = match attache::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `search --cuont ceasefire`: the query takes the misspelled option (a query may
            // start with "-"), and clap blames the word after it. Name the option instead.
            if e.kind() == clap::error::ErrorKind::UnknownArgument {
                if let Some(msg) = misspelled_option() {
                    eprintln!("error: {msg}");
                    return ExitCode::from(attache::commands::ERROR);
                }
            }
            e.exit()
        }
    };
    match attache::commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed pipe (`attache search x | head`) is not an error.
            // (The csv writer wraps the error without exposing it as a source.)
            let broken = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(broken)
                    || e.downcast_ref::<csv::Error>()
                        .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if broken(io)))
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(attache::commands::ERROR)
        }
    }
}

/// "unknown option '--cuont' (did you mean '--count'?)" for the first `--word` on the command
/// line that the subcommand does not have.
fn misspelled_option() -> Option<String> {
    use clap::CommandFactory;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = attache::cli::Cli::command();
    let sub = args.iter().find_map(|a| root.find_subcommand(a))?;
    let longs: Vec<&str> = sub
        .get_arguments()
        .chain(root.get_arguments())
        .filter_map(|a| a.get_long())
        .chain(["help"])
        .collect();
    let bad = args.iter().find(|a| {
        a.strip_prefix("--").is_some_and(|name| {
            let name = name.split('=').next().unwrap_or(name);
            !name.is_empty() && !longs.contains(&name)
        })
    })?;
    let name = bad.trim_start_matches('-');
    let close = longs
        .iter()
        .map(|l| (strsim::jaro_winkler(name, l), *l))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, l)| format!(" (did you mean '--{l}'?)"))
        .unwrap_or_default();
    Some(format!(
        "unknown option '{bad}'{close}; see `attache {} --help`",
        sub.get_name()
    ))
}
