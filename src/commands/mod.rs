//! One file per subcommand, all the same shape: resolve config → call the domain → render.

pub mod compare;
pub mod dupes;
pub mod entities;
pub mod extract;
pub mod index;
pub mod kwic;
pub mod quotes;
pub mod resolve;
pub mod search;
pub mod show;
pub mod stats;
pub mod topics;

use std::path::Path;

use crate::cli::{Cli, Command};
use crate::index::AttacheIndex;
use crate::ingest::OutletTable;

/// Exit statuses (documented in the README): results found / success, no results, error.
pub const SUCCESS: u8 = 0;
pub const NO_RESULTS: u8 = 1;
pub const ERROR: u8 = 2;

pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let config = cli.config.as_deref();
    // A config or gazetteer named on the command line must be readable and valid, whether or
    // not this command reads it: a typo in a path is not silently ignored.
    if config.is_some() {
        crate::config::load(config)?;
    }
    // (`index`, `extract` and `resolve` read them anyway; the others only for entity names.)
    let reads_gazetteer = matches!(
        cli.command,
        Command::Index(_) | Command::Extract(_) | Command::Resolve(_)
    );
    for path in cli.gazetteer.iter().filter(|_| !reads_gazetteer) {
        crate::enrich::entities::gazetteer::load_file(path).map_err(|reason| {
            crate::config::ConfigError::File {
                path: path.clone(),
                reason,
            }
        })?;
    }
    match cli.command {
        Command::Index(args) => index::run(&cli.index, config, &cli.gazetteer, args),
        Command::Search(args) => search::run(&cli.index, config, &cli.gazetteer, args),
        Command::Compare(args) => compare::run(&cli.index, config, &cli.gazetteer, args),
        Command::Kwic(args) => kwic::run(&cli.index, config, &cli.gazetteer, args),
        Command::Dupes(args) => dupes::run(&cli.index, config, &cli.gazetteer, args),
        Command::Stats(args) => stats::run(&cli.index, args),
        Command::Show(args) => show::run(&cli.index, args),
        Command::Entities(args) => entities::run(&cli.index, config, &cli.gazetteer, args),
        Command::Topics(args) => topics::run(&cli.index, config, &cli.gazetteer, args),
        Command::Quotes(args) => quotes::run(&cli.index, config, &cli.gazetteer, args),
        Command::Extract(args) => extract::run(config, &cli.gazetteer, args),
        Command::Resolve(args) => resolve::run(config, &cli.gazetteer, args),
    }
}

/// The index and the outlet table (built-in + config) that every querying command needs.
pub fn open_for_queries(
    index_dir: &Path,
    config_path: Option<&Path>,
) -> anyhow::Result<(AttacheIndex, OutletTable)> {
    let outlets = crate::config::outlets(&crate::config::load(config_path)?);
    Ok((AttacheIndex::open_read_only(index_dir)?, outlets))
}
