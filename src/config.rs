//! `attache.toml`: field mapping and extra outlets, merged with flags into plain config.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::ingest::outlet::OutletEntry;
use crate::ingest::{FieldMap, Ingest, OutletTable};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// target = "record key", as with --field.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
    /// Extra outlets (same shape as data/outlets.toml); they win over built-in entries.
    #[serde(default)]
    pub outlet: Vec<OutletEntry>,
    /// Extra gazetteer entries (same shape as data/gazetteer/*.toml).
    #[serde(default)]
    pub entity: Vec<crate::enrich::entities::Entity>,
    /// Extra topics (same shape as data/topics.toml); an existing id is replaced.
    #[serde(default)]
    pub topic: Vec<crate::enrich::topics::Topic>,
    /// Size limits (`max_file_size`, `max_record_size`: "256M", "8M"…), as the flags.
    #[serde(default)]
    pub limits: LimitsConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub max_file_size: Option<String>,
    pub max_record_size: Option<String>,
    pub max_html_size: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("{0}")]
    Field(String),
}

/// Loads the config named by --config, else ./attache.toml when it exists.
pub fn load(explicit: Option<&Path>) -> Result<FileConfig, ConfigError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = PathBuf::from("attache.toml");
            if !p.is_file() {
                return Ok(FileConfig::default());
            }
            p
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::File {
        path: path.clone(),
        reason: format!("cannot read: {e}"),
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::File {
        path,
        reason: format!("invalid config: {}", e.message()),
    })
}

/// Builds the ingest settings: config file first, then --field flags on top.
/// Flags win over attache.toml, which wins over the defaults.
pub fn limits(
    file: &FileConfig,
    max_file: Option<&str>,
    max_record: Option<&str>,
    max_html: Option<&str>,
) -> Result<crate::ingest::Limits, ConfigError> {
    use crate::ingest::limits::parse_size;
    let mut limits = crate::ingest::Limits::default();
    let pick = |flag: Option<&str>, cfg: &Option<String>, what: &str| {
        flag.or(cfg.as_deref())
            .map(|s| parse_size(s).map_err(|e| ConfigError::Field(format!("{what}: {e}"))))
            .transpose()
    };
    if let Some(n) = pick(max_file, &file.limits.max_file_size, "max-file-size")? {
        limits.max_file = n;
    }
    if let Some(n) = pick(max_record, &file.limits.max_record_size, "max-record-size")? {
        limits.max_record = n;
    }
    if let Some(n) = pick(max_html, &file.limits.max_html_size, "max-html-size")? {
        limits.max_html = n;
    }
    Ok(limits)
}

pub fn ingest(
    file: &FileConfig,
    field_flags: &[String],
    default_outlet: Option<String>,
    limits: crate::ingest::Limits,
) -> Result<Ingest, ConfigError> {
    let mut fields = FieldMap::default();
    for (target, key) in &file.fields {
        fields
            .set(&format!("{target}={key}"))
            .map_err(ConfigError::Field)?;
    }
    for spec in field_flags {
        fields.set(spec).map_err(ConfigError::Field)?;
    }
    Ok(Ingest {
        fields,
        outlets: outlets(file),
        default_outlet,
        limits,
    })
}

pub fn outlets(file: &FileConfig) -> OutletTable {
    let mut table = OutletTable::builtin();
    table.extend(file.outlet.clone());
    table
}

/// The gazetteer: built-in data, then attache.toml's `[[entity]]` tables, then --gazetteer files.
pub fn gazetteer(
    file: &FileConfig,
    extra: &[PathBuf],
) -> Result<crate::enrich::entities::Gazetteer, ConfigError> {
    let mut g = crate::enrich::entities::Gazetteer::builtin();
    crate::enrich::entities::gazetteer::validate(&file.entity)
        .map_err(|reason| ConfigError::Field(format!("attache.toml: {reason}")))?;
    g.extend(file.entity.clone());
    for path in extra {
        let entries = crate::enrich::entities::gazetteer::load_file(path).map_err(|reason| {
            ConfigError::File {
                path: path.clone(),
                reason,
            }
        })?;
        g.extend(entries);
    }
    Ok(g)
}

/// The topic lexicon: built-in, then attache.toml's `[[topic]]` tables.
pub fn topics(file: &FileConfig) -> Result<Vec<crate::enrich::topics::Topic>, ConfigError> {
    for t in &file.topic {
        crate::enrich::topics::validate(t)
            .map_err(|reason| ConfigError::Field(format!("attache.toml: {reason}")))?;
    }
    Ok(crate::enrich::topics::lexicon(&file.topic))
}

/// Everything enrichment needs, from the config and --gazetteer files.
pub fn enricher(
    file: &FileConfig,
    gazetteers: &[PathBuf],
) -> Result<crate::enrich::Enricher, ConfigError> {
    Ok(crate::enrich::Enricher::new(
        crate::enrich::entities::Extractor::new(gazetteer(file, gazetteers)?),
        crate::enrich::topics::TopicMatcher::new(topics(file)?),
    ))
}
