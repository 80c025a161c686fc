//! HTML pages: the main text without navigation and boilerplate (readability, via
//! dom_smoothie), with metadata from `<title>`, `og:*`, `article:published_time`, JSON-LD
//! `NewsArticle` and the canonical link.

use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use super::fields::Record;

/// Pages whose extracted text is shorter than this hold no article.
const MIN_TEXT_CHARS: usize = 80;
/// Pages whose extracted text is mostly link text are menus or link lists, not articles.
const MAX_LINK_DENSITY: f64 = 0.5;

fn link_density(content_html: &str) -> f64 {
    let doc = dom_query::Document::from(content_html);
    let all = doc
        .select("body")
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    let links = doc
        .select("a")
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    if all == 0 {
        1.0
    } else {
        links as f64 / all as f64
    }
}

const BOILERPLATE: &str = "nav, footer, aside, form, noscript, script:not([type='application/ld+json']), style, \
    [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], \
    [class*=cookie], [id*=cookie], [class*=consent], [class*=newsletter], [class*=share], [class*=social], \
    [class*=related], [class*=subscribe], [class*=promo], [class*=advert], [id*=advert]";

pub fn read(html: &str) -> Result<Record, String> {
    let doc = dom_query::Document::from(html);
    let canonical = doc
        .select_single(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|s| s.to_string());
    let og_url = doc
        .select_single(r#"meta[property="og:url"]"#)
        .attr("content")
        .map(|s| s.to_string());
    let published = [
        "article:published_time",
        "og:published_time",
        "pubdate",
        "date",
        "DC.date.issued",
    ]
    .iter()
    .find_map(|p| {
        doc.select_single(&format!(
            r#"meta[property="{p}"], meta[name="{p}"], meta[itemprop="datePublished"]"#
        ))
        .attr("content")
        .map(|s| s.to_string())
    })
    .or_else(|| {
        doc.select_single("time[datetime]")
            .attr("datetime")
            .map(|s| s.to_string())
    });
    let html_lang = doc
        .select_single("html")
        .attr("lang")
        .map(|s| s.to_string());
    // Readability keeps small boilerplate blocks next to short articles; drop the usual
    // suspects first (metadata above is already read).
    doc.select(BOILERPLATE).remove();

    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability =
        Readability::with_document(doc, None, Some(cfg)).map_err(|e| format!("HTML: {e}"))?;
    let article = readability
        .parse()
        .map_err(|_| "no article text found in the HTML page".to_string())?;
    let text = article.text_content.trim().to_string();
    if text.chars().count() < MIN_TEXT_CHARS || link_density(&article.content) > MAX_LINK_DENSITY {
        return Err(
            "no article text found in the HTML page (only navigation or boilerplate)".into(),
        );
    }
    let mut rec = Record::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
            rec.insert(k.into(), Value::String(v));
        }
    };
    put(
        "title",
        Some(without_site_suffix(&article.title, article.site_name.as_deref()).to_string()),
    );
    put("body", Some(text));
    put("outlet", article.site_name.clone());
    put("date", article.published_time.clone().or(published));
    put("url", canonical.or(og_url).or(article.url.clone()));
    put("author", article.byline.clone());
    put("lang", article.lang.clone().or(html_lang));
    Ok(rec)
}

/// "Envoy says … | Example News" → "Envoy says …": a `<title>` ends with the site's name
/// after " | ", or after a dash when that is the site's name as the page gives it.
fn without_site_suffix<'a>(title: &'a str, site: Option<&str>) -> &'a str {
    let is_site = |tail: &str| site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
    if let Some((head, tail)) = title.rsplit_once(" | ") {
        if !head.trim().is_empty() && (is_site(tail) || tail.split_whitespace().count() <= 4) {
            return head.trim_end();
        }
    }
    for sep in [" - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && is_site(tail) {
                return head.trim_end();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_name_after_the_title_is_dropped() {
        let site = Some("Example News");
        assert_eq!(
            without_site_suffix("Talks resume | Example News", None),
            "Talks resume"
        );
        assert_eq!(
            without_site_suffix("Talks resume - Example News", site),
            "Talks resume"
        );
        // A dash that is part of the headline stays, and so does a long piped tail.
        assert_eq!(
            without_site_suffix("Trump - the interview", site),
            "Trump - the interview"
        );
        assert_eq!(
            without_site_suffix("A | b c d e f g", None),
            "A | b c d e f g"
        );
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Envoy says Russia agreed to guarantees | The Harbour Chronicle</title>
<meta property="og:title" content="Envoy says Russia agreed to guarantees">
<meta property="og:site_name" content="The Harbour Chronicle">
<meta property="article:published_time" content="2025-08-17T16:00:00+01:00">
<link rel="canonical" href="https://www.harbourchronicle.example/2025/08/17/envoy/">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Subscribe now</li></ul></nav>
<div class="cookie-banner gdpr">We use cookies. Accept all cookies to continue.</div>
<article><h1>Envoy says Russia agreed to guarantees</h1>
<p>The US special envoy said on Sunday that Russia had agreed the United States and its European allies could offer Ukraine a security guarantee resembling NATO's Article 5.</p>
<p>“It was the first time we had heard the Russians agree to that,” he told a television interviewer, calling it a game-changing concession.</p>
<p>Officials in Kyiv welcomed the remarks but said the details of any guarantee remained unclear and would be discussed in Washington on Monday.</p>
</article>
<aside><h3>Related articles</h3><ul><li><a href="/a">Markets rally</a></li></ul></aside>
<footer>© The Harbour Chronicle. All rights reserved. Privacy policy. Terms.</footer>
</body></html>"#;

    #[test]
    fn extracts_text_and_metadata() {
        let r = read(PAGE).unwrap();
        assert_eq!(r["title"], "Envoy says Russia agreed to guarantees");
        assert_eq!(r["outlet"], "The Harbour Chronicle");
        assert_eq!(r["date"], "2025-08-17T16:00:00+01:00");
        assert_eq!(
            r["url"],
            "https://www.harbourchronicle.example/2025/08/17/envoy/"
        );
        let body = r["body"].as_str().unwrap();
        assert!(body.contains("Article 5"), "{body}");
        assert!(
            !body.contains("cookies")
                && !body.contains("Subscribe")
                && !body.contains("Markets rally"),
            "{body}"
        );
    }

    #[test]
    fn a_menu_of_links_is_not_an_article() {
        let menu: String = (0..30).map(|i| format!("<div class=\"section\"><a href=\"/s{i}\">Section number {i} of the site</a></div>")).collect();
        let err = read(&format!(
            "<html><head><title>Home</title></head><body>{menu}</body></html>"
        ))
        .unwrap_err();
        assert!(err.contains("no article text"), "{err}");
    }

    #[test]
    fn page_without_article_text_is_refused() {
        let err = read("<html><head><title>Home</title></head><body><nav>Home | World | Sport</nav></body></html>").unwrap_err();
        assert!(err.contains("no article text"), "{err}");
    }
}
