//! Command-line types (clap derive). Doc comments are the help text. Nothing here is used
//! beyond `commands/`, which converts these into plain config once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "attache",
    version,
    about = "Index and search news coverage of diplomacy across outlets and languages",
    long_about = "attache reads a folder of articles (text, Markdown, JSON, JSONL, CSV/TSV, HTML, \
                  optionally gzipped), builds a full-text index with clean metadata (outlet, date, \
                  language) and searches it with Lucene-style queries.\n\n\
                  Exit codes: 0 results found (or success), 1 no results, 2 error.",
    after_help = "Examples:\n  attache index corpus\n  attache search '\"security guarantee\"' --since 2025-08-15\n  attache stats"
)]
pub struct Cli {
    /// Index folder.
    #[arg(long, global = true, env = "ATTACHE_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Configuration file (field mapping, extra outlets); default ./attache.toml if present.
    #[arg(long, global = true, env = "ATTACHE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Extra gazetteer file(s) of `[[entity]]` tables (people, organisations, places), on top of
    /// the built-in one and attache.toml; entries with a known id replace it.
    #[arg(long, global = true, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index folders or files of articles (incremental: only new and changed files are read).
    #[command(
        after_help = "Examples:\n  attache index corpus\n  attache index ~/scrapes --field body=content_original\n  attache index            # re-index the folders of the last run\n  attache index --rebuild corpus"
    )]
    Index(IndexArgs),
    /// Search the index (default operator AND).
    #[command(
        long_about = "Search the index with Lucene-style syntax. Words are combined with AND unless \
                      you write OR.\n\n\
                      Syntax: word  \"exact phrase\"  \"words near\"~5  sanction*  witkof~1  \
                      a OR b  a AND NOT b  -word  (a OR b) c  title:ceasefire  outlet:\"Fox News\"  \
                      lang:de  date:[2025-08-01 TO 2025-08-31]  words:[500 TO *]\n\n\
                      Words are matched after lower-casing, folding accents and stemming in each \
                      language present in the index (sanctions = sanction, Sanktionen = Sanktion).",
        after_help = "Examples:\n  attache search '\"security guarantee\"'\n  attache search 'ceasefire OR truce' --outlet fox --since 2025-08-01 --sort date\n  attache search 'sanction*' --lang de --format json\n  attache search Witkoff --count"
    )]
    Search(SearchArgs),
    /// Compare coverage of queries across outlets (languages, countries) and over time.
    #[command(
        long_about = "For each query and each outlet (or language, or publisher country): the matching \
                      articles, all articles of that outlet in the same scope (filters, dates, \
                      language), the share, the first and last match and how many days the outlet \
                      lagged behind the first one, plus a timeline per calendar day, ISO week \
                      (Monday) or month. All counts are exact.",
        after_help = "Examples:\n  attache compare ceasefire\n  attache compare -q 'guarantees=\"security guarantee\"' -q 'truce=ceasefire OR truce' --interval day\n  attache compare sanctions --by lang --since 2025-08-01 --format csv > sanctions.csv"
    )]
    Compare(CompareArgs),
    /// Keyword in context: every occurrence of the query's words or phrases, aligned.
    #[command(
        after_help = "Examples:\n  attache kwic '\"security guarantees\"'\n  attache kwic ceasefire --by date --width 50 --format csv"
    )]
    Kwic(KwicArgs),
    /// List clusters of syndicated copies (near-duplicates and URL duplicates) among the matches.
    #[command(
        after_help = "Examples:\n  attache dupes\n  attache dupes Witkoff --threshold 0.5 --format json"
    )]
    Dupes(DupesArgs),
    /// Summarise the index: articles, outlets, languages, dates, skipped files.
    Stats(StatsArgs),
    /// Show one stored article with its metadata.
    #[command(
        after_help = "Examples:\n  attache show https://www.harbourchronicle.example/2025/08/17/witkoff/\n  attache show 3f2a9c0d1e4b5a67 --format json"
    )]
    Show(ShowArgs),
    /// Print what the tool extracts from articles (entities with every mention), without
    /// indexing: one JSON line per article, in input order.
    #[command(
        after_help = "Examples:\n  attache extract corpus/atlantic-wire\n  attache extract --text 'Putin met Trump in Alaska.'\n  echo '{\"body\": \"Selenskyj traf Merz in Berlin.\"}' | attache extract -"
    )]
    Extract(ExtractArgs),
    /// Entities named in the matching articles, with how many articles name each.
    #[command(
        after_help = "Examples:\n  attache entities --top 30\n  attache entities ceasefire --type person --since 2025-08-01\n  attache entities --unknown --type person"
    )]
    Entities(EntitiesArgs),
    /// Topics of the matching articles: how many articles each topic tags (per outlet with
    /// --by-outlet).
    #[command(
        after_help = "Examples:\n  attache topics\n  attache topics --by-outlet --since 2025-08-01\n  attache topics Putin --format csv"
    )]
    Topics(TopicsArgs),
    /// Direct quotes with their speakers, from the matching articles.
    #[command(
        after_help = "Examples:\n  attache quotes --speaker Rubio\n  attache quotes '\"security guarantees\"' --format json\n  attache quotes --topic ceasefire --speaker Selenskyj --sort date"
    )]
    Quotes(QuotesArgs),
    /// Show how names resolve to gazetteer entities (canonical entity, method, score,
    /// alternatives).
    #[command(
        after_help = "Examples:\n  attache resolve Vitkoff Selenskyj Зеленского\n  attache resolve Georgia --type place"
    )]
    Resolve(ResolveArgs),
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index; default: those of the previous run.
    pub paths: Vec<PathBuf>,
    /// Start over: drop every article and index the paths again.
    #[arg(long)]
    pub rebuild: bool,
    /// Recompute entities, topics and quotes from the text stored in the index, without
    /// reading the corpus again (after changing the gazetteer, the topic lexicon or
    /// attache.toml). Other paths and flags are ignored.
    #[arg(long, conflicts_with_all = ["rebuild", "paths"])]
    pub retag: bool,
    /// Skip enrichment stages (comma-separated: entities, topics, quotes); for benchmarks.
    #[arg(long, hide = true, value_delimiter = ',')]
    pub skip: Vec<String>,
    /// Map a record field onto an article field, e.g. body=content_original (repeatable).
    #[arg(long = "field", value_name = "TARGET=KEY")]
    pub fields: Vec<String>,
    /// Outlet for articles whose metadata, URL and folder name none.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Exit with code 2 if any file or record was skipped.
    #[arg(long)]
    pub strict: bool,
    /// Parser threads (default: number of cores).
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=256))]
    pub threads: Option<usize>,
    /// Largest file read whole (every format but JSON Lines, which is streamed at any size),
    /// and the most a .gz file may unpack to; larger files are skipped with a reason
    /// [default: 256M].
    #[arg(long, value_name = "SIZE")]
    pub max_file_size: Option<String>,
    /// Largest record: one JSON Lines line, or the title and body of one article; larger
    /// records are skipped with a reason [default: 8M].
    #[arg(long, value_name = "SIZE")]
    pub max_record_size: Option<String>,
    /// Largest HTML page (parsing takes many times a page's size); larger pages are skipped
    /// with a reason [default: 16M].
    #[arg(long, value_name = "SIZE")]
    pub max_html_size: Option<String>,
    /// Commit every N articles (at a file boundary) so an interrupted run keeps its work;
    /// for crash tests.
    #[arg(long, hide = true, value_name = "N")]
    pub commit_every: Option<u64>,
    /// Summary format.
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// Do not list skipped files on stderr (they are still counted).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (see --help for the syntax); `*` matches every article. It may start with
    /// `-` (`'-sanctions ceasefire'`).
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Entity and topic filters must all be met within one sentence (e.g. `--person putin
    /// --topic ceasefire --same-sentence`), from the stored mention offsets.
    #[arg(long)]
    pub same_sentence: bool,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print only the number of matching articles.
    #[arg(long)]
    pub count: bool,
    /// One hit per story: syndicated copies are folded into the best-ranked one.
    #[arg(long)]
    pub dedupe: bool,
    /// With --dedupe: estimated similarity (0–1) from which articles are copies.
    #[arg(long, default_value_t = crate::search::stories::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HitFormat::Text)]
    pub format: HitFormat,
}

/// Filters shared by every command that selects articles.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only these outlets (repeatable; any spelling: "fox", "foxnews.com", "Fox News").
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,
    /// Only articles dated on or after this day (2025-08-15, 2025-08, 2025, or any date format
    /// the indexer reads, such as "August 15, 2025").
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles dated on or before this day (inclusive).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only these languages (repeatable; ISO code such as en, de, ru, or a name: German).
    #[arg(long, value_name = "LANG")]
    pub lang: Vec<String>,
    /// Only articles naming this person, in any spelling or script ("Zelenskyy", "Selenskyj",
    /// "Зеленский" or the id "volodymyr-zelensky"); repeat to require several people.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles naming this organisation (any alias: NATO, OTAN, НАТО); repeatable, all-of.
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles naming this place (any alias: Kyiv, Kiev, Київ); repeatable, all-of.
    #[arg(long, value_name = "NAME")]
    pub place: Vec<String>,
    /// Entity filters take the name only as spelled: it must be a listed spelling and appear
    /// in the text as written (no transliterations or fuzzy variants).
    #[arg(long)]
    pub exact: bool,
    /// Only articles tagged with this topic (id from `attache topics`: ceasefire, sanctions,
    /// security-guarantee…); repeat for any of several, or add --all-topics.
    #[arg(long, value_name = "ID")]
    pub topic: Vec<String>,
    /// Repeated --topic flags must all be tagged (default: any of them).
    #[arg(long)]
    pub all_topics: bool,
    /// Only articles quoting this speaker (any spelling of a gazetteer person or
    /// organisation, or the name as the article writes it).
    #[arg(long, value_name = "NAME")]
    pub quote_by: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Queries to compare (same syntax as search); `LABEL=QUERY` names one, otherwise the
    /// query is its own label. (A query that starts with `-` goes after `--`: a list would
    /// swallow the flags after it.)
    pub queries: Vec<String>,
    /// A labelled query, `LABEL=QUERY` (repeatable).
    #[arg(long = "query", short = 'q', value_name = "LABEL=QUERY")]
    pub query: Vec<String>,
    /// A file of queries, one per line (`LABEL=QUERY` or `QUERY`); `#` at the start of a line
    /// or after a space (outside quotes) starts a comment.
    #[arg(long = "queries", value_name = "FILE")]
    pub queries_file: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Group by outlet, language or publisher country.
    #[arg(long, value_enum, default_value_t = ByArg::Outlet)]
    pub by: ByArg,
    /// Calendar bucket of the timeline.
    #[arg(long, value_enum, default_value_t = IntervalArg::Week)]
    pub interval: IntervalArg,
    /// Estimated similarity (0–1) from which articles count as copies of one story.
    #[arg(long, default_value_t = crate::search::stories::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Also list the N words that most set each group's matches apart from the other groups'
    /// matches (log-likelihood G², stop words removed); N defaults to 10.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10")]
    pub keyness: Option<usize>,
    /// Also list the N people, organisations and places most of each group's matches name.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "5")]
    pub entities: Option<usize>,
    /// Also draw a timeline and a bar chart of share per group to FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// Also write a self-contained HTML page with the tables and the chart.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Output format (csv: one row per group × query × bucket).
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ByArg {
    Outlet,
    Lang,
    Country,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum IntervalArg {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CompareFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct KwicArgs {
    /// The query; its words and phrases are the keywords shown.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Group by outlet (then date), or order by date.
    #[arg(long, value_enum, default_value_t = KwicOrder::Outlet)]
    pub by: KwicOrder,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    pub width: usize,
    /// Most lines to print.
    #[arg(long, short = 'n', default_value_t = 200)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HitFormat::Text)]
    pub format: HitFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum KwicOrder {
    Outlet,
    Date,
}

#[derive(Debug, Args)]
pub struct DupesArgs {
    /// Only among articles matching this query (default: all).
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Estimated similarity (Jaccard of 4-word shingles, 0–1) from which articles are copies.
    #[arg(long, default_value_t = crate::search::stories::DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read (any format `index` reads); `-` reads JSON, JSON Lines or
    /// plain text from stdin.
    #[arg(required_unless_present = "text")]
    pub paths: Vec<PathBuf>,
    /// Extract from this text instead of files.
    #[arg(long, conflicts_with = "paths")]
    pub text: Option<String>,
    /// Map a record key onto an article field, as for `index` (repeatable).
    #[arg(long = "field", value_name = "FIELD=KEY")]
    pub field: Vec<String>,
    /// Leave out names that are not in the gazetteer (candidates with "id": null).
    #[arg(long)]
    pub known_only: bool,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Count only within the articles matching this query (default: all articles).
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only entities of this type.
    #[arg(long = "type", value_enum)]
    pub etype: Option<EntityTypeArg>,
    /// How many entities to list.
    #[arg(long, default_value_t = 20, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub top: usize,
    /// List names that are not in the gazetteer but look like people or organisations
    /// (candidates to add to your gazetteer) instead of known entities.
    #[arg(long)]
    pub unknown: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct TopicsArgs {
    /// Count only within the articles matching this query (default: all articles).
    pub query: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// One row per outlet and topic.
    #[arg(long)]
    pub by_outlet: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Words the quote must contain (default: every quote); the article must match too.
    pub query: Option<String>,
    /// Only quotes by this speaker (any spelling; repeatable).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Newest first (default: most relevant articles first).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Most quotes to print.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HitFormat::Text)]
    pub format: HitFormat,
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// Names to resolve, in any spelling or script.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Only entities of this type.
    #[arg(long = "type", value_enum)]
    pub etype: Option<EntityTypeArg>,
    /// Only listed spellings (no sound-alike or fuzzy matching).
    #[arg(long)]
    pub exact: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EntityTypeArg {
    Person,
    Org,
    Place,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id (its canonical URL, or the hash shown by search).
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum HitFormat {
    Text,
    Json,
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Json,
}
