//! The stylesheet as it is sent: without its comments and indentation. The comments
//! say why each rule is there and stay in `web/static/style.css`; in the download they
//! were a quarter of the stylesheet's gzip (docs/benchmarks.md, "Web client
//! download").

/// `css` without comments, leading whitespace and empty lines. Quoted strings
/// (`content: "/*"`) are kept as they are.
pub fn strip(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find(['/', '"', '\'']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(comment) = from.strip_prefix("/*") {
            rest = comment.find("*/").map_or("", |end| &comment[end + 2..]);
        } else if let Some(after) = from.strip_prefix('/') {
            out.push('/');
            rest = after;
        } else {
            let quote = &from[..1];
            let end = from[1..].find(quote).map_or(from.len(), |e| e + 2);
            out.push_str(&from[..end]);
            rest = &from[end..];
        }
    }
    out.push_str(rest);
    let mut lines = String::with_capacity(out.len());
    for line in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines.push_str(line);
        lines.push('\n');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn comments_and_indentation_go_strings_and_rules_stay() {
        let css = "/* why */\n.a {\n  /* the reason */\n  color: red; /* x */\n  content: \"/* kept */\";\n  background: url(/assets/icon.svg);\n}\n\n\n.b::after { content: '*/'; }\n";
        assert_eq!(
            strip(css),
            ".a {\ncolor: red;\ncontent: \"/* kept */\";\nbackground: url(/assets/icon.svg);\n}\n.b::after { content: '*/'; }\n"
        );
    }
}
