//! Text written into XML and HTML markup (SVG diagrams, HTML reports): escaped so that anything a
//! model says renders as itself and nothing else.

/// `text` escaped for element content and for attribute values in either quote. Characters XML
/// forbids even when escaped (the C0 controls but tab and newline, lone surrogates cannot occur
/// in a `str`, U+FFFE/U+FFFF) are replaced by U+FFFD, so a hostile label cannot make a document
/// unreadable.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `text` on one line (line breaks and tabs become spaces, runs of spaces one), escaped: for
/// labels drawn as a single line of a diagram.
pub(crate) fn escape_line(text: &str) -> String {
    escape(&one_line(text))
}

/// `text` with its whitespace runs, line breaks included, collapsed to single spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_and_forbidden_controls_cannot_escape_their_place() {
        assert_eq!(escape(r#"<script>"a"&'b'</script>"#), "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}c\u{7f}"), "a\u{fffd}b\u{fffd}c\u{fffd}");
        assert_eq!(escape("line\r\nnext\ttab"), "line\n\nnext\ttab");
        assert_eq!(escape_line("  two\n lines \t here "), "two lines here");
    }
}
