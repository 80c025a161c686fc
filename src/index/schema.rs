//! The one schema definition. Bump `SCHEMA_VERSION` whenever a field or the analyzer changes:
//! older indexes are then refused with a message that says how to rebuild.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use super::tokenizer::TOKENIZER;

pub const SCHEMA_VERSION: u32 = 6;

/// Handles to every field, resolved once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: Field,
    /// xxh3 of the id: URL duplicates are found by comparing these (a string fast field
    /// would cost a dictionary lookup per article).
    pub id_hash: Field,
    pub path: Field,
    pub record: Field,
    pub file_mtime: Field,
    pub file_size: Field,
    pub file_hash: Field,
    pub outlet: Field,
    pub outlet_raw: Field,
    pub domain: Field,
    pub url: Field,
    /// Indexed text (language-marked, not stored).
    pub title: Field,
    pub body: Field,
    /// Stored text, as read.
    pub title_text: Field,
    pub body_text: Field,
    pub date: Field,
    pub day: Field,
    pub week: Field,
    pub month: Field,
    pub date_rejected: Field,
    pub lang: Field,
    pub words: Field,
    pub authors: Field,
    pub dateline: Field,
    pub persons: Field,
    pub orgs: Field,
    pub places: Field,
    pub topics: Field,
    /// Names outside the gazetteer that look like people / organisations (candidates).
    pub persons_unknown: Field,
    pub orgs_unknown: Field,
    /// Every entity with its mentions (offsets, method, confidence), as stored JSON.
    pub entities: Field,
    /// Topic hits (offsets) as stored JSON; the ids are in `topics`.
    pub topic_hits: Field,
    /// Quotes with speakers as stored JSON; their words are searchable in `quote_text`, their
    /// speakers (entity id, else the name as written) in `quote_by`.
    pub quotes: Field,
    pub quote_text: Field,
    pub quote_by: Field,
    /// MinHash signature for near-duplicate (syndication) detection, multi-valued.
    pub minhash: Field,
}

pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let keyword = STRING | FAST | STORED;
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fast_u64 = NumericOptions::default().set_fast();
    // Buckets and flags are only grouped and counted (fast fields), never searched.
    let bucket = NumericOptions::default().set_fast();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        id_hash: b.add_u64_field("id_hash", fast_u64.clone()),
        path: b.add_text_field("path", keyword.clone()),
        record: b.add_u64_field("record", STORED),
        file_mtime: b.add_u64_field("file_mtime", fast_u64.clone()),
        file_size: b.add_u64_field("file_size", fast_u64.clone()),
        file_hash: b.add_u64_field("file_hash", fast_u64.clone()),
        outlet: b.add_text_field("outlet", keyword.clone()),
        outlet_raw: b.add_text_field("outlet_raw", STORED),
        domain: b.add_text_field("domain", keyword.clone()),
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        title_text: b.add_text_field("title_text", STORED),
        body_text: b.add_text_field("body_text", STORED),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored()
                .set_precision(DateTimePrecision::Seconds),
        ),
        day: b.add_i64_field("day", bucket.clone()),
        week: b.add_i64_field("week", bucket.clone()),
        month: b.add_i64_field("month", bucket.clone()),
        date_rejected: b.add_u64_field("date_rejected", bucket),
        lang: b.add_text_field("lang", keyword.clone()),
        words: b.add_u64_field("words", fast_u64 | STORED),
        authors: b.add_text_field("authors", STRING | STORED),
        dateline: b.add_text_field("dateline", STRING | STORED),
        persons: b.add_text_field("persons", keyword.clone()),
        orgs: b.add_text_field("orgs", keyword.clone()),
        places: b.add_text_field("places", keyword.clone()),
        topics: b.add_text_field("topics", keyword.clone()),
        persons_unknown: b.add_text_field("persons_unknown", keyword.clone()),
        orgs_unknown: b.add_text_field("orgs_unknown", keyword),
        entities: b.add_text_field("entities", STORED),
        topic_hits: b.add_text_field("topic_hits", STORED),
        quotes: b.add_text_field("quotes", STORED),
        quote_text: b.add_text_field("quote_text", text),
        quote_by: b.add_text_field("quote_by", STRING | FAST | STORED),
        minhash: b.add_u64_field("minhash", NumericOptions::default().set_fast()),
    };
    (b.build(), fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards against silent schema drift: a change here must bump SCHEMA_VERSION.
    #[test]
    fn schema_field_names_are_stable() {
        let (schema, _) = build_schema();
        let names: Vec<&str> = schema.fields().map(|(_, e)| e.name()).collect();
        assert_eq!(
            names.join(","),
            "id,id_hash,path,record,file_mtime,file_size,file_hash,outlet,outlet_raw,domain,url,title,body,\
             title_text,body_text,date,day,week,month,date_rejected,lang,words,authors,dateline,\
             persons,orgs,places,topics,persons_unknown,orgs_unknown,entities,topic_hits,quotes,\
             quote_text,quote_by,minhash"
        );
        assert_eq!(SCHEMA_VERSION, 6);
    }
}
