//! Format detection by content, never by file name (httpdoc pages are often named `.md`).
//!
//! Markers are searched anywhere in the text, not only at line starts, so pages whose whitespace
//! a crawler collapsed are recognised too. The order follows docs/formats.md §9: HTML first (it may
//! quote other formats' markers), plain text last (its phrases occur elsewhere).

use std::fmt;

/// The input formats the generator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// An OpenAPI 3.0/3.1 document as YAML or JSON.
    OpenApi,
    /// A Swagger 2.0 document as YAML or JSON (converted to OpenAPI 3.0 by
    /// `frontend::swagger2`).
    Swagger2,
    /// An httpdoc-rendered HTML reference page (seed 000).
    HtmlHttpdoc,
    /// A Mintlify Markdown export with a 4-backtick OpenAPI (variant A) or endpoint-model (B) block.
    MintlifyMd,
    /// A Fern Markdown export embedding a one-endpoint OpenAPI document (seed 001).
    FernMd,
    /// A Markdown page embedding an OpenAPI document in a ```yaml fence, without Fern's markers.
    EmbeddedOpenApiMd,
    /// A Bump.sh Markdown operation page (seed 003).
    BumpMd,
    /// The plain text of a Bump.sh HTML operation page (seed 004).
    TextDump,
    /// Nothing recognisable.
    Unknown,
}

impl Format {
    /// The stable identifier used in diagnostics, `cpaas ops` and docs/formats.md.
    pub fn id(self) -> &'static str {
        match self {
            Format::OpenApi => "openapi",
            Format::Swagger2 => "swagger2",
            Format::HtmlHttpdoc => "html_httpdoc",
            Format::MintlifyMd => "mintlify_md",
            Format::FernMd => "fern_md",
            Format::EmbeddedOpenApiMd => "openapi_md",
            Format::BumpMd => "bump_md",
            Format::TextDump => "text_dump",
            Format::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What [`detect`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The format.
    pub format: Format,
    /// True when the text holds no line break at all (a crawler collapsed every whitespace run).
    pub collapsed: bool,
}

use crate::vocab::METHOD_WORDS as METHODS;

/// Detects the format of `text` from its content.
pub fn detect(text: &str) -> Detected {
    let text = crate::vocab::strip_bom(text);
    let collapsed = !text.contains('\n');
    Detected {
        format: detect_format(text),
        collapsed,
    }
}

fn detect_format(text: &str) -> Format {
    let lead = text.trim_start();
    if (text.contains("href=\"./OpenApi.css\"") || text.contains("href=\"../OpenApi.css\""))
        && (text.contains("class=\"request-summary\"") || text.contains("class=\"requestSummary\""))
    {
        return Format::HtmlHttpdoc;
    }
    let first_line = lead.lines().next().unwrap_or("");
    let yaml_root_key = first_line.split_once(':').is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    // `---` opens a YAML document (its root keys follow, possibly indented).
    let yaml_marker = first_line.trim_end() == "---";
    if lead.starts_with('{') || yaml_root_key || yaml_marker {
        if let Some(f) = bare_document_kind(lead) {
            return f;
        }
    }
    if has_mintlify_fence(text) {
        return Format::MintlifyMd;
    }
    if text.contains("## OpenAPI Specification") && text.contains("```yaml") {
        let fern = text.contains("Reference: http")
            || text.contains("## SDK Code Examples")
            || has_method_url_line(text);
        return if fern {
            Format::FernMd
        } else {
            Format::EmbeddedOpenApiMd
        };
    }
    if has_bold_method_path(text)
        && (text.contains("## Servers")
            || text.contains("## Parameters")
            || text.contains("## Responses"))
    {
        return Format::BumpMd;
    }
    if is_text_dump(text) {
        return Format::TextDump;
    }
    // A YAML document whose root keys are not first (comments, `info:` before `openapi:`).
    if let Some(f) = bare_document_kind(lead) {
        return f;
    }
    Format::Unknown
}

/// Recognises an OpenAPI/Swagger document by its root version key, in JSON or YAML. The key
/// may stand anywhere among the root keys (Telnyx and Twilio sort them: `components` first).
fn bare_document_kind(text: &str) -> Option<Format> {
    if text.trim_start().starts_with('{') {
        // JSON: the key followed by a version string, anywhere (nested keys never say this).
        for (key, format) in [
            ("\"openapi\"", Format::OpenApi),
            ("\"swagger\"", Format::Swagger2),
        ] {
            let mut rest = text;
            while let Some(i) = rest.find(key) {
                let after = rest[i + key.len()..].trim_start();
                if let Some(v) = after.strip_prefix(':') {
                    let v = v.trim_start();
                    if v.starts_with("\"3.") && format == Format::OpenApi
                        || v.starts_with("\"2.") && format == Format::Swagger2
                    {
                        return Some(format);
                    }
                }
                rest = &rest[i + key.len()..];
            }
        }
        return None;
    }
    // YAML: a root-level `openapi:` or `swagger:` line. The root mapping is indented as its
    // first key is (`---` then `  swagger: "2.0"` is a whole document indented by two).
    let content = |l: &&str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#') && !t.starts_with("---") && !t.starts_with("%")
    };
    let indent = text
        .lines()
        .find(content)
        .map_or(0, |l| l.len() - l.trim_start_matches(' ').len());
    for line in text.lines() {
        let Some(key) = line
            .get(indent..)
            .filter(|_| line.len() - line.trim_start_matches(' ').len() == indent)
        else {
            continue;
        };
        if key.starts_with("openapi:") {
            return Some(Format::OpenApi);
        }
        if key.starts_with("swagger:") {
            return Some(Format::Swagger2);
        }
    }
    None
}

/// `## OpenAPI` followed by a ````yaml SPEC method /path fence.
fn has_mintlify_fence(text: &str) -> bool {
    let Some(at) = text.find("## OpenAPI") else {
        return false;
    };
    let rest = &text[at..];
    let Some(f) = rest.find("````yaml ") else {
        return false;
    };
    let info: Vec<&str> = rest[f + 9..].split_whitespace().take(3).collect::<Vec<_>>();
    // `SPEC-URL method /path`, or `method /path` when the page names no spec.
    let selector =
        |m: &str, p: &str| METHODS.iter().any(|x| x.eq_ignore_ascii_case(m)) && p.starts_with('/');
    (info.len() >= 2 && selector(info[0], info[1]))
        || (info.len() == 3 && selector(info[1], info[2]))
}

/// A `METHOD https://…` header line (Fern pages); on collapsed pages anywhere in the text.
fn has_method_url_line(text: &str) -> bool {
    METHODS.iter().any(|m| {
        text.contains(&format!("\n{m} https://"))
            || text.contains(&format!("\n{m} http://"))
            || text.contains(&format!(" {m} https://"))
    })
}

/// `**METHOD /path**` (Bump.sh Markdown).
fn has_bold_method_path(text: &str) -> bool {
    METHODS.iter().any(|m| text.contains(&format!("**{m} /")))
}

fn is_text_dump(text: &str) -> bool {
    let method_line = text.lines().any(|l| {
        let l = l.trim();
        METHODS
            .iter()
            .any(|m| l.strip_prefix(m).is_some_and(|r| r.starts_with(" /")))
    });
    let responses = text.lines().any(|l| l.trim() == "Responses");
    let marker = text.contains('•')
        || text.contains("Hide response attributes Show response attributes")
        || text.contains("Values are")
        || text.contains("Minimum length is")
        || text.contains("curl \\");
    method_line && responses && marker
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(t: &str) -> Format {
        detect(t).format
    }

    #[test]
    fn documents() {
        assert_eq!(fmt("openapi: 3.1.0\ninfo: {}\n"), Format::OpenApi);
        assert_eq!(fmt("{\n  \"openapi\": \"3.0.1\"}"), Format::OpenApi);
        assert_eq!(
            fmt("# c\ninfo:\n  title: x\nopenapi: 3.0.0\n"),
            Format::OpenApi
        );
        assert_eq!(fmt("swagger: '2.0'\n"), Format::Swagger2);
        assert_eq!(fmt("{\"swagger\": \"2.0\"}"), Format::Swagger2);
        // A YAML document marker and an indented root mapping; JSON with indentation.
        assert_eq!(
            fmt("---\n  swagger: \"2.0\"\n  info:\n    title: x\n"),
            Format::Swagger2
        );
        assert_eq!(fmt("---\nswagger: '2.0'\n"), Format::Swagger2);
        assert_eq!(
            fmt("{\n  \"swagger\" : \"2.0\",\n  \"info\": {}\n}"),
            Format::Swagger2
        );
        // After `---` the document's own key wins over page markers quoted in its text.
        assert_eq!(
            fmt(
                "---\n  swagger: '2.0'\n  info:\n    description: \"## OpenAPI Specification ```yaml\"\n"
            ),
            Format::Swagger2
        );
        // A nested `swagger:` key is not the root's.
        assert_eq!(fmt("---\ninfo:\n  swagger: 2.0\n"), Format::Unknown);
        assert_eq!(fmt("hello"), Format::Unknown);
    }

    #[test]
    fn pages_by_marker_not_name() {
        let html = r#"<link rel="stylesheet" href="../OpenApi.css"/><h1 class="requestSummary">x</h1> ## OpenAPI Specification ```yaml"#;
        assert_eq!(fmt(html), Format::HtmlHttpdoc);
        let mint = "# T\n\n## OpenAPI\n\n````yaml spec.yml post /a/{b}\nopenapi: 3.1.0\n````\n";
        assert_eq!(fmt(mint), Format::MintlifyMd);
        let mint_no_url =
            "# T\n\n## OpenAPI\n\n````yaml delete /a/{b}\npaths:\n  path: /a/{b}\n````\n";
        assert_eq!(fmt(mint_no_url), Format::MintlifyMd);
        let fern = "# T POST https://x.io/a Content-Type: a/b ## OpenAPI Specification ```yaml openapi: 3.1.0 ```";
        let d = detect(fern);
        assert_eq!(d.format, Format::FernMd);
        assert!(d.collapsed);
        let generic = "# T\n## OpenAPI Specification\n```yaml\nopenapi: 3.0.1\n```\n";
        assert_eq!(fmt(generic), Format::EmbeddedOpenApiMd);
        let bump = "# K **POST /a/{b}** ## Servers - https://x: https://x () ## Responses";
        assert_eq!(fmt(bump), Format::BumpMd);
        let text = "Create\n\nPOST /v2/X\n\nBody\n\n  • A string\n\nResponses\n\n  • 201\n";
        assert_eq!(fmt(text), Format::TextDump);
    }
}
