//! `compare --report FILE.html`: one self-contained page (tables and the SVG chart inline) to
//! share a comparison.

use super::{chart, CompareOutput};
use crate::compare::Comparison;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn html(o: &CompareOutput, c: &Comparison) -> Result<String, chart::ChartError> {
    let tmp = std::env::temp_dir().join(format!("attache-report-{}.svg", std::process::id()));
    chart::render(&tmp, o, c)?;
    let svg = std::fs::read_to_string(&tmp).unwrap_or_default();
    let _ = std::fs::remove_file(&tmp);
    let mut page = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>attache compare</title><style>\
         body{font-family:'DejaVu Sans',sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}\
         td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}\
         .t{text-align:left}svg{max-width:100%;height:auto}</style></head><body>",
    );
    page.push_str(&format!(
        "<h1>Coverage by {}, per {}</h1><p>Queries: {}</p>",
        esc(&o.by),
        esc(&o.interval),
        o.queries
            .iter()
            .map(|q| format!("<b>{}</b> = <code>{}</code>", esc(&q.label), esc(&q.query)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    page.push_str(&svg);
    for q in &o.queries {
        page.push_str(&format!(
            "<h2>{}</h2><table><tr><th>{}</th><th>matches</th><th>total</th><th>share</th><th>stories</th><th>copies</th><th>first</th><th>lag (days)</th><th class=\"t\">first article</th></tr>",
            esc(&q.label),
            esc(&o.by)
        ));
        for r in o.rows.iter().filter(|r| r.query == q.label) {
            page.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.1}%</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
                esc(&r.group),
                r.matches,
                r.total,
                100.0 * r.share,
                r.stories,
                r.copies,
                r.first.as_deref().map(|d| &d[..10]).unwrap_or("–"),
                r.lag_days.map(|l| format!("{l:.1}")).unwrap_or_else(|| "–".into()),
                esc(r.first_title.as_deref().unwrap_or(""))
            ));
        }
        page.push_str("</table>");
    }
    page.push_str("<p><small>Made with attache. Counts are exact; share = matches / all articles of the group in the same scope.</small></p></body></html>\n");
    Ok(page)
}
