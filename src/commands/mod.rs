//! One file per subcommand, all the same shape: resolve config → call the domain → render.

pub mod compare;
pub mod dupes;
pub mod index;
pub mod kwic;
pub mod search;
pub mod show;
pub mod stats;

use crate::cli::{Cli, Command};

/// Exit statuses (documented in the README): results found / success, no results, error.
pub const SUCCESS: u8 = 0;
pub const NO_RESULTS: u8 = 1;
pub const ERROR: u8 = 2;

pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let config = cli.config.as_deref();
    match cli.command {
        Command::Index(args) => index::run(&cli.index, config, args),
        Command::Search(args) => search::run(&cli.index, config, args),
        Command::Compare(args) => compare::run(&cli.index, config, args),
        Command::Kwic(args) => kwic::run(&cli.index, config, args),
        Command::Dupes(args) => dupes::run(&cli.index, config, args),
        Command::Stats(args) => stats::run(&cli.index, args),
        Command::Show(args) => show::run(&cli.index, args),
    }
}
