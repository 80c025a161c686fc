//! `attache kwic QUERY`: keyword in context, one occurrence per line.

use std::io::Write;
use std::path::Path;

use crate::cli::{HitFormat, KwicArgs, KwicOrder};
use crate::output::{self, rfc3339, style::Style, text, KwicLine, KwicOutput};
use crate::search::{kwic, Engine, Request};

pub fn run(
    index_dir: &Path,
    config_path: Option<&Path>,
    gazetteers: &[std::path::PathBuf],
    args: KwicArgs,
) -> anyhow::Result<u8> {
    let (idx, outlets) = super::open_for_queries(index_dir, config_path)?;
    let mut engine = Engine::new(&idx, &outlets)?;
    engine.names = Some(super::search::field_names(config_path, gazetteers));
    let req = Request::matching(
        &args.query,
        &super::search::filters(&args.filters, config_path, gazetteers)?,
    );
    let order = match args.by {
        KwicOrder::Outlet => kwic::Order::Outlet,
        KwicOrder::Date => kwic::Order::Date,
    };
    let kwic::Concordance { lines, total } =
        kwic::kwic(&engine, &req, args.width, order, args.limit)?;
    let output = KwicOutput {
        query: args.query,
        total,
        lines: lines
            .into_iter()
            .map(|l| KwicLine {
                id: l.article.id,
                outlet: l.article.outlet,
                date: l.article.date.map(rfc3339),
                title: l.article.title,
                left: l.left,
                matched: l.matched,
                right: l.right,
                offset: l.offset,
            })
            .collect(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        HitFormat::Text => text::kwic(
            &mut out,
            &output,
            args.width,
            args.by == KwicOrder::Outlet,
            Style::detect(),
        )?,
        HitFormat::Json => output::write_json(&mut out, &output)?,
        HitFormat::Jsonl => output::write_jsonl(&mut out, &output.lines)?,
        HitFormat::Csv => output::write_csv(&mut out, &output.lines, &[])?,
    }
    // Flush here so a write error is reported, not lost when the buffer drops.
    out.flush()?;
    Ok(if output.total > 0 {
        super::SUCCESS
    } else {
        super::NO_RESULTS
    })
}
