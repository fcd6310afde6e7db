//! Tests of the markup reader: text, whitespace and entities, tag soup, scopes, inline
//! styles, lists, images and quotes.

use super::*;

fn parse(html: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    chunks(html, 0, &mut out);
    out
}

fn texts(html: &str) -> Vec<String> {
    parse(html).into_iter().map(|c| c.text).collect()
}

#[test]
fn paragraphs_whitespace_and_entities() {
    let c = texts("<p>One  <i>two</i>\n three&nbsp;&amp;&#233;</p><p>Four &bogus; <3</p>");
    assert_eq!(c[0], "One two three\u{a0}&é");
    assert_eq!(c[1], "Four &bogus;");
}

#[test]
fn tag_soup_unclosed_paragraphs_and_unquoted_attributes() {
    let c = parse("<body><p class=x>One<p>Two<div>Three</span></div>Four</body>");
    let t: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(t, ["One", "Two", "Three", "Four"]);
}

#[test]
fn line_breaks_stay_inside_a_paragraph() {
    assert_eq!(
        texts("<p>Roses red,<br/>\n violets<br>blue<br/></p>"),
        ["Roses red,\nviolets\nblue"]
    );
}

#[test]
fn scopes_from_ids_and_classes() {
    let c = parse(
        r#"<html><head><title>T</title><style>p{}</style></head><body>
        <div id="preface"><dl class="tags"><dt>Rating:</dt><dd>General Audiences</dd></dl>
        <blockquote class="userstuff"><p>Sum</p></blockquote></div><hr/><h2 class="heading">Ch</h2></body></html>"#,
    );
    assert_eq!(c[0].kind, ChunkKind::Title);
    assert_eq!(c[1].kind, ChunkKind::Dt);
    assert!(c[1].scope.has(Scope::PREFACE) && c[1].scope.has(Scope::TAGS));
    assert_eq!(c[2].kind, ChunkKind::Dd);
    assert!(c[3].scope.has(Scope::QUOTE));
    assert_eq!(c[4].kind, ChunkKind::Rule);
    assert_eq!(c[5].kind, ChunkKind::Heading(2));
    assert!(c[5].scope.has(Scope::HEADING) && !c[5].scope.has(Scope::PREFACE));
}

#[test]
fn broken_markup_is_stepped_over() {
    let c = texts("<p>Before</p><p attr=\"never closed>After</p><p>Last");
    assert_eq!(c.first().map(String::as_str), Some("Before"));
}

fn styled(c: &Chunk) -> Vec<(&str, Inline)> {
    c.spans
        .iter()
        .map(|s| (&c.text[s.range.clone()], s.style))
        .collect()
}

#[test]
fn inline_styles_become_runs() {
    let c = parse(
        r#"<p> She <em>never</em> <em>once</em> looked <b>back, <i>not once</i></b>.
        <span style="text-decoration: underline">Under</span> <s>gone</s> <a href="x">here</a></p>"#,
    );
    let (b, i) = (Inline::BOLD, Inline::ITALIC);
    assert_eq!(
        styled(&c[0]),
        [
            ("never once", i),
            ("back,", b),
            ("not once", b.with(i)),
            ("Under", Inline::UNDERLINE),
            ("gone", Inline::STRIKE),
            ("here", Inline::LINK),
        ]
    );
}

#[test]
fn runs_move_with_trimmed_lines() {
    let c = parse("<p><br/>  <i>one</i> two<br/>  <b>three</b>  <br/></p>");
    assert_eq!(c[0].text, "one two\nthree");
    assert_eq!(
        styled(&c[0]),
        [("one", Inline::ITALIC), ("three", Inline::BOLD)]
    );
}

#[test]
fn lists_images_and_quotes() {
    let c = parse(
        r#"<ol><li>First</li><li>Second</li></ol><ul><li>Dot</li></ul>
        <p>Before <img src="a/b/line.png"/> after</p><img alt="A map of the bay" src="m.jpg">
        <blockquote><p>Dear Mara,</p></blockquote>"#,
    );
    let t: Vec<(ChunkKind, &str)> = c.iter().map(|c| (c.kind, c.text.as_str())).collect();
    assert_eq!(
        t,
        [
            (ChunkKind::Item, "1. First"),
            (ChunkKind::Item, "2. Second"),
            (ChunkKind::Item, "Dot"),
            (ChunkKind::Para, "Before"),
            (ChunkKind::Image, "line.png"),
            (ChunkKind::Para, "after"),
            (ChunkKind::Image, "A map of the bay"),
            (ChunkKind::Para, "Dear Mara,"),
        ]
    );
    assert!(c[7].scope.has(Scope::QUOTE));
}

#[test]
fn links_keep_their_targets_and_ids_name_their_blocks() {
    let c = parse(
        r##"<p id="top">See <a href="#n1">the <i>note</i></a> and <a href="https://example.org/?a=1">this</a>.</p>
        <h2><a name="ch2"></a>Two</h2><div id="n1"><p>1. The note.</p></div>"##,
    );
    let links: Vec<(&str, &str)> = c[0]
        .refs
        .links
        .iter()
        .map(|l| (&c[0].text[l.range.clone()], l.target.as_str()))
        .collect();
    assert_eq!(
        links,
        [("the note", "#n1"), ("this", "https://example.org/?a=1")]
    );
    assert_eq!(c[0].refs.anchors, ["top"]);
    assert_eq!(
        (c[1].text.as_str(), c[1].refs.anchors.as_slice()),
        ("Two", &["ch2".to_string()][..])
    );
    assert_eq!(c[2].refs.anchors, ["n1"]);
}

#[test]
fn a_picture_keeps_its_source() {
    let c = parse(r#"<p><img alt="Map" src="../Images/map%20one.png"/></p>"#);
    assert_eq!(c[0].kind, ChunkKind::Image);
    assert_eq!(
        c[0].refs.picture.as_deref(),
        Some("../Images/map%20one.png")
    );
}

#[test]
fn a_simple_table_is_one_block_of_rows() {
    let c = parse(
        "<p>Texts:</p><table><tr><th>From</th><th>Message</th></tr>\n\
         <tr><td>Mara</td><td>on my <i>way</i></td></tr><tr><td>Tobin</td><td>ok</td></tr></table><p>After.</p>",
    );
    let t: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        t,
        [
            "Texts:",
            "From | Message\nMara | on my way\nTobin | ok",
            "After."
        ]
    );
    let styled = styled(&c[1]);
    assert_eq!(
        styled,
        [
            ("From", Inline::BOLD),
            ("Message", Inline::BOLD),
            ("way", Inline::ITALIC)
        ]
    );
}

#[test]
fn fanficfares_title_page_table_stays_cells() {
    let c = parse(r#"<table class="full"><tr><td><b>Rating:</b></td><td>Teen</td></tr></table>"#);
    let t: Vec<&str> = c.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(t, ["Rating:", "Teen"]);
}

#[test]
fn unicode_white_space_collapses_but_a_no_break_space_stays() {
    let c = texts("<p>a\u{2003}\u{3000} b\u{a0}c\u{85}d \t\r\n é</p>");
    assert_eq!(c, ["a b\u{a0}c d é"]);
}

#[test]
fn words_end_at_white_space_wherever_it_falls() {
    // Every position of every kind of space, in and across the eight-byte steps.
    for space in [" ", "\t", "\n", "\r", "\u{2003}", "\u{85}"] {
        for at in 0..20 {
            let word: String = "abcdefghijklmnopqrstu"[..at].to_string();
            let text = format!("{word}{space}tail");
            assert_eq!(super::word_len(&text), at, "{text:?}");
        }
    }
    assert_eq!(
        super::word_len("caf\u{e9}\u{a0}cr\u{e8}me\u{1}x"),
        15,
        "no-break space and controls stay"
    );
    assert_eq!(super::word_len(""), 0);
}

#[test]
fn text_already_collapsed_is_told_from_text_that_is_not() {
    use super::is_collapsed;
    assert!(is_collapsed(
        "One two, \u{2019}three\u{2019} \u{2014} four.".as_bytes()
    ));
    assert!(
        is_collapsed("caf\u{e9}\u{a0}cr\u{e8}me".as_bytes()),
        "a no-break space stays"
    );
    for not in [
        "",
        " a",
        "a ",
        "a  b",
        "a\tb",
        "a\nb",
        "a\u{2003}b",
        "a\u{3000}b",
        "a\u{85}b",
        "a\u{2028}b",
        "a\u{202f}b",
        "a\u{205f}b",
        "a\u{1680}b",
    ] {
        assert!(!is_collapsed(not.as_bytes()), "{not:?}");
    }
    // Every Unicode white space but the no-break space is one the check knows.
    for c in (0..0x3001u32).filter_map(char::from_u32) {
        if c.is_whitespace() && c != '\u{a0}' && !c.is_ascii() {
            assert!(!is_collapsed(format!("a{c}b").as_bytes()), "{c:?}");
        }
    }
}

#[test]
fn collapsed_text_is_found_wherever_the_space_falls_in_eight_bytes() {
    // The check looks at eight bytes at a time: a double space, a tab or a Unicode space is
    // caught at every position, across the edge of two eights too, against the plain
    // definition.
    fn plain(s: &str) -> bool {
        let other_space = |c: char| c.is_whitespace() && c != '\u{a0}' && c != ' ';
        !s.contains(other_space) && s.split(' ').all(|w| !w.is_empty())
    }
    let base = "abcdefghijklmnopqrstuvwx";
    for at in 1..base.len() - 1 {
        for insert in [
            "  ", "\t", " \n", "\u{2003}", " ", "\u{e9}", "\u{a0}", "\u{1}",
        ] {
            let text = format!("{}{insert}{}", &base[..at], &base[at..]);
            assert_eq!(
                super::is_collapsed(text.as_bytes()),
                plain(&text),
                "{text:?}"
            );
        }
        let two = format!("{} {} x", &base[..at], &base[at..]);
        assert!(super::is_collapsed(two.as_bytes()), "{two:?}");
    }
}

#[test]
fn runs_and_links_in_a_title_stay_with_it() {
    // Tag soup from the fuzzer: a link and bold inside a `<title>` that a body follows.
    let c = parse(
        r#"<title><a href="x"><b>Long title words</b></a></title><body><p><a href="x">here</a> now</p>"#,
    );
    let p = c
        .iter()
        .find(|c| c.text == "here now")
        .expect("the paragraph");
    assert_eq!(p.refs.links.len(), 1);
    assert_eq!(&p.text[p.refs.links[0].range.clone()], "here");
    assert!(p.spans.iter().all(|s| s.range.end <= p.text.len()));
}
