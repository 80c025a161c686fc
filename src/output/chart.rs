//! `compare --chart FILE.svg|FILE.png`: a timeline and a bar chart of share per group, drawn
//! with an embedded font (DejaVu Sans) so labels look the same everywhere, Cyrillic included.

use std::path::Path;
use std::sync::Once;

use base64::Engine as _;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::CompareOutput;
use crate::compare::Comparison;

const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const FAMILY: &str = "DejaVu Sans";
const WIDTH: u32 = 1200;
const TIMELINE_HEIGHT: u32 = 460;
const MAX_LINES: usize = 8;
const MAX_BARS: usize = 24;
/// Tableau 10: distinguishable on white, also in greyscale print.
const COLORS: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("--chart {0}: use a file name ending in .svg or .png")]
    Extension(String),
    #[error("--chart {path}: {reason}")]
    Draw { path: String, reason: String },
}

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The embedded font is valid (a test renders with it); nothing to recover otherwise.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

pub fn render(path: &Path, o: &CompareOutput, c: &Comparison) -> Result<(), ChartError> {
    register_font();
    let name = path.display().to_string();
    let err = |e: String| ChartError::Draw {
        path: name.clone(),
        reason: e,
    };
    let bars = bar_rows(o);
    let height = TIMELINE_HEIGHT + 90 + 30 * bars.len().max(1) as u32;
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .as_deref()
    {
        Some("png") => {
            let root = BitMapBackend::new(path, (WIDTH, height)).into_drawing_area();
            draw(&root, o, c, &bars).map_err(|e| err(e.to_string()))?;
            root.present().map_err(|e| err(e.to_string()))
        }
        Some("svg") => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
                draw(&root, o, c, &bars).map_err(|e| err(e.to_string()))?;
                root.present().map_err(|e| err(e.to_string()))?;
            }
            std::fs::write(path, embed_font(&svg)).map_err(|e| err(e.to_string()))
        }
        _ => Err(ChartError::Extension(name)),
    }
}

/// SVG text is drawn by the viewer: carry the font inside the file.
fn embed_font(svg: &str) -> String {
    let data = base64::engine::general_purpose::STANDARD.encode(FONT);
    let style = format!(
        "<defs><style>@font-face{{font-family:\"{FAMILY}\";src:url(data:font/ttf;base64,{data}) format(\"truetype\");}}</style></defs>"
    );
    match svg.find('>') {
        Some(i) => format!("{}{}{}", &svg[..=i], style, &svg[i + 1..]),
        None => svg.to_string(),
    }
}

/// Share of the first query per group, largest first.
fn bar_rows(o: &CompareOutput) -> Vec<(String, f64)> {
    let Some(first) = o.queries.first() else {
        return Vec::new();
    };
    let mut rows: Vec<(String, f64)> = o
        .rows
        .iter()
        .filter(|r| r.query == first.label)
        .map(|r| (r.group.clone(), r.share))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.truncate(MAX_BARS);
    rows
}

/// Lines: per group for one query (the groups with most matches), per query for several.
fn lines(o: &CompareOutput, c: &Comparison) -> Vec<(String, Vec<u64>)> {
    if o.queries.len() == 1 {
        let mut rows: Vec<&crate::compare::Row> = c.rows.iter().filter(|r| r.matches > 0).collect();
        rows.sort_by(|a, b| b.matches.cmp(&a.matches).then(a.group.cmp(&b.group)));
        rows.iter()
            .take(MAX_LINES)
            .map(|r| (r.group.clone(), r.series.clone()))
            .collect()
    } else {
        o.queries
            .iter()
            .map(|q| {
                let mut sum = vec![0u64; c.buckets.len()];
                for r in c.rows.iter().filter(|r| r.query == q.label) {
                    for (s, v) in sum.iter_mut().zip(&r.series) {
                        *s += v;
                    }
                }
                (q.label.clone(), sum)
            })
            .collect()
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    o: &CompareOutput,
    c: &Comparison,
    bars: &[(String, f64)],
) -> Result<(), Box<dyn std::error::Error + 'static>>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(TIMELINE_HEIGHT);
    let font = |size: u32| (FAMILY, size).into_font();
    let title = match o.queries.as_slice() {
        [q] => format!(
            "{} — matching articles per {} by {}",
            q.label, o.interval, o.by
        ),
        qs => format!(
            "{} queries — matching articles per {}",
            qs.len(),
            o.interval
        ),
    };

    let series = lines(o, c);
    let n = c.buckets.len().max(1);
    let ymax = series
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut chart = ChartBuilder::on(&top)
        .caption(title, font(22))
        .margin(16)
        .margin_right(48)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0..(n as i32 - 1).max(1), 0..(ymax + ymax / 10 + 1))?;
    let labels = c.buckets.clone();
    chart
        .configure_mesh()
        .x_labels(8.min(n))
        .x_label_formatter(&|i| labels.get(*i as usize).cloned().unwrap_or_default())
        .y_desc("articles")
        .label_style(font(14))
        .axis_desc_style(font(15))
        .draw()?;
    for (i, (name, s)) in series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()].to_rgba();
        chart
            .draw_series(LineSeries::new(
                s.iter().enumerate().map(|(x, y)| (x as i32, *y)),
                color.stroke_width(2),
            ))?
            .label(name.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(3))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(font(14))
        .draw()?;

    if bars.is_empty() {
        return Ok(());
    }
    let label_width = bars
        .iter()
        .map(|(g, _)| g.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 34) as u32
        * 9
        + 20;
    let xmax = bars.iter().map(|(_, s)| *s).fold(0.0, f64::max).max(0.01) * 100.0 * 1.1;
    // Plotters counts rows from the bottom: reverse so the largest share is on top.
    let bars: Vec<(String, f64)> = bars.iter().rev().cloned().collect();
    let names: Vec<String> = bars.iter().map(|(g, _)| g.clone()).collect();
    let mut bar_chart = ChartBuilder::on(&bottom)
        .caption(
            format!("share of each {}'s articles — {}", o.by, o.queries[0].label),
            font(18),
        )
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(label_width)
        .build_cartesian_2d(0.0..xmax, (0..bars.len() as i32).into_segmented())?;
    bar_chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(bars.len())
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                names.get(*i as usize).cloned().unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        })
        .x_label_formatter(&|x| format!("{x:.0}%"))
        .label_style(font(14))
        .draw()?;
    bar_chart.draw_series(bars.iter().enumerate().map(|(i, (_, share))| {
        let i = i as i32;
        let mut r = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(i)),
                (share * 100.0, SegmentValue::Exact(i + 1)),
            ],
            COLORS[0].filled(),
        );
        r.set_margin(4, 4, 0, 0);
        r
    }))?;
    Ok(())
}
