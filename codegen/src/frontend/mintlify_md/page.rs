//! The page around the ````yaml block: front matter and scraper additions skipped, the `# TITLE`
//! and the first blockquote paragraph, and the block with its `[SPEC-URL] METHOD /PATH`
//! selector.

use super::selector::METHODS;
use crate::diag::Diagnostic;

/// The parts of the page around the block.
pub(super) struct Page<'a> {
    /// The `# TITLE` heading.
    pub(super) title: Option<String>,
    /// The first blockquote paragraph after the title.
    pub(super) lede: Option<String>,
    /// The spec URL of the info string, when it names one.
    pub(super) spec_url: Option<String>,
    /// Lowercase HTTP method from the info string.
    pub(super) method: String,
    /// Path template from the info string.
    pub(super) path: String,
    /// 1-based line of the opening fence.
    pub(super) fence_line: usize,
    /// The YAML between the fences.
    pub(super) block: &'a str,
    /// 1-based page line of the block's first line.
    pub(super) block_first_line: usize,
}

/// `d` moved down by `by` lines (block lines to page lines).
pub(super) fn shift(mut d: Diagnostic, by: usize) -> Diagnostic {
    if d.line > 0 {
        d.line += by;
    }
    d
}

/// A fence line: `(indent, backtick count, info string)`; up to three spaces of indentation.
fn fence(line: &str) -> Option<(usize, usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    if indent > 3 {
        return None;
    }
    let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
    if ticks < 3 {
        return None;
    }
    // CommonMark forbids backticks in the info string; callers check (a collapsed block puts
    // its closing fence on the opening line).
    Some((indent, ticks, trimmed[ticks..].trim()))
}

/// What an info string says.
enum Info<'a> {
    /// Not a YAML fence: ordinary code.
    NotYaml,
    /// `yaml [URL] METHOD /PATH`.
    Selector(Option<&'a str>, String, &'a str),
    /// `yaml` followed by the whole block on the same line (whitespace collapsed).
    Collapsed,
    /// `yaml` with no usable selector.
    Malformed,
}

fn parse_info(info: &str) -> Info<'_> {
    let mut words = info.split_whitespace();
    let lang = words.next().unwrap_or("");
    if !lang.eq_ignore_ascii_case("yaml") && !lang.eq_ignore_ascii_case("yml") {
        return Info::NotYaml;
    }
    let rest: Vec<&str> = words.collect();
    let is_method = |w: &str| METHODS.iter().any(|m| m.eq_ignore_ascii_case(w));
    for (skip, url) in [(1usize, true), (0, false)] {
        if rest.len() < skip + 2 {
            continue;
        }
        let (m, p) = (rest[skip], rest[skip + 1]);
        if is_method(m) && p.starts_with('/') {
            if rest.len() > skip + 2 {
                return Info::Collapsed;
            }
            let spec = if url { Some(rest[0]) } else { None };
            return Info::Selector(spec, m.to_ascii_lowercase(), p);
        }
    }
    Info::Malformed
}

/// Finds the title, the lede and the four-backtick block of the page.
pub(super) fn split_page(text: &str) -> Result<Page<'_>, Diagnostic> {
    if !text.contains('\n') {
        let at = text.find("````").unwrap_or(0);
        return Err(Diagnostic::error(
            "mintlify_md.collapsed",
            "this Mintlify page has no line breaks (a crawler collapsed its whitespace); \
             collapsed Mintlify pages are not supported yet: expected the page with its line \
             breaks",
        )
        .at_offset(text, at));
    }
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for raw in text.split_inclusive('\n') {
        let l = raw.strip_suffix('\n').unwrap_or(raw);
        let l = l.strip_suffix('\r').unwrap_or(l);
        lines.push((off, l));
        off += raw.len();
    }
    let mut i = 0;
    if lines.first().is_some_and(|(_, l)| l.trim_end() == "---") {
        if let Some(end) = lines
            .iter()
            .skip(1)
            .position(|(_, l)| l.trim_end() == "---")
        {
            i = end + 2;
        }
    }
    let mut title: Option<String> = None;
    let mut lede: Vec<String> = Vec::new();
    let mut lede_done = false;
    let mut malformed: Option<(usize, usize)> = None;
    while i < lines.len() {
        let (line_off, l) = lines[i];
        let opening = fence(l).filter(|(_, ticks, info)| {
            !info.contains('`') || (*ticks >= 4 && matches!(parse_info(info), Info::Collapsed))
        });
        if let Some((_, ticks, info)) = opening {
            let yaml_block = ticks >= 4 && !matches!(parse_info(info), Info::NotYaml);
            if yaml_block {
                match parse_info(info) {
                    Info::Selector(spec_url, method, path) => {
                        return finish_block(
                            text,
                            &lines,
                            i,
                            ticks,
                            (spec_url, method, path),
                            title,
                            lede,
                        );
                    }
                    Info::Collapsed => {
                        return Err(Diagnostic::error(
                            "mintlify_md.collapsed",
                            "the ````yaml block has no line breaks (a crawler collapsed its \
                             whitespace); collapsed Mintlify pages are not supported yet: \
                             expected the YAML on the lines after the fence",
                        )
                        .at(i + 1, l.len() - l.trim_start().len() + 1));
                    }
                    _ => {
                        malformed.get_or_insert((i + 1, line_off));
                    }
                }
            }
            // Ordinary code: skip to its closing fence so headings inside it do not count.
            let mut j = i + 1;
            while j < lines.len() {
                if let Some((_, t, inf)) = fence(lines[j].1) {
                    if t >= ticks && inf.is_empty() {
                        break;
                    }
                }
                j += 1;
            }
            i = j + 1;
            if title.is_some() && !lede.is_empty() {
                lede_done = true;
            }
            continue;
        }
        let t = l.trim();
        if t.starts_with("# Source:") {
            // scraper addition
        } else if let Some(h) = t.strip_prefix("# ") {
            if title.is_none() {
                title = Some(h.trim().to_string());
            } else {
                lede_done = lede_done || !lede.is_empty();
            }
        } else if let Some(q) = t.strip_prefix('>') {
            if title.is_some() && !lede_done {
                lede.push(q.trim().to_string());
            }
        } else if t.is_empty() {
            if !lede.is_empty() {
                lede_done = true;
            }
        } else if title.is_some() {
            lede_done = true;
        }
        i += 1;
    }
    if let Some((line, _)) = malformed {
        return Err(Diagnostic::error(
            "mintlify_md.info-string",
            "the ````yaml fence has no operation selector: expected ````yaml [SPEC-URL] METHOD \
             /PATH (for example ````yaml openapi.yml post /users/{id})",
        )
        .at(line, 1));
    }
    Err(Diagnostic::error(
        "mintlify_md.no-block",
        "no Mintlify OpenAPI block: expected a ````yaml [SPEC-URL] METHOD /PATH fence under \
         `## OpenAPI`",
    )
    .at(1, 1))
}

fn finish_block<'a>(
    text: &'a str,
    lines: &[(usize, &'a str)],
    open: usize,
    ticks: usize,
    selector: (Option<&'a str>, String, &'a str),
    title: Option<String>,
    lede: Vec<String>,
) -> Result<Page<'a>, Diagnostic> {
    let (spec_url, method, path) = selector;
    let start = lines.get(open + 1).map_or(text.len(), |(o, _)| *o);
    let close = lines
        .iter()
        .enumerate()
        .skip(open + 1)
        .find(|(_, (_, l))| fence(l).is_some_and(|(_, t, info)| t >= ticks && info.is_empty()));
    let Some((_, (close_off, _))) = close else {
        return Err(Diagnostic::error(
            "mintlify_md.unclosed-fence",
            format!(
                "the ````yaml block opened here is never closed: expected a line of {ticks} \
                 backticks after the YAML"
            ),
        )
        .at(open + 1, 1));
    };
    let lede = lede.join(" ");
    Ok(Page {
        title,
        lede: (!lede.trim().is_empty()).then(|| lede.trim().to_string()),
        spec_url: spec_url.map(str::to_string),
        method,
        path: path.to_string(),
        fence_line: open + 1,
        block: text.get(start..*close_off).unwrap_or(""),
        block_first_line: open + 2,
    })
}
