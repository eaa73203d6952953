//! Items of a Markdown section: `- **NAME** (TYPE) DESCRIPTION`, split only where a balanced
//! group parses as a type, nested by indentation unless the page was collapsed.

use super::page::{Page, short};
use crate::diag::Diagnostic;
use crate::frontend::bump::types::{self, TypeString, balanced_group};

/// A field or parameter item: `- **NAME** (TYPE) DESCRIPTION`.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// NAME.
    pub(super) name: String,
    /// Absolute byte offset of the `-`.
    pub(super) at: usize,
    /// TYPE.
    pub(super) ty: TypeString,
    /// DESCRIPTION, trimmed.
    pub(super) desc: String,
    /// Column of the `-` on its line; `None` on collapsed pages (nesting unknown).
    indent: Option<usize>,
    /// Items nested under this one.
    pub(super) children: Vec<Item>,
}

impl Page<'_> {
    /// Splits a section into its lead text and its items.
    pub(super) fn items(
        &mut self,
        base: usize,
        content: &str,
    ) -> Result<(String, Vec<Item>), Diagnostic> {
        let mut starts: Vec<(usize, usize, String, TypeString)> = Vec::new(); // (at, desc start, name, type)
        let mut pos = 0;
        while let Some(rel) = content.get(pos..).and_then(|r| r.find("- **")) {
            let at = pos + rel;
            pos = at + 1;
            if at > 0 && !content[..at].ends_with(char::is_whitespace) {
                continue;
            }
            let name_start = at + 4;
            // Names are short: look for the closing `**` in a bounded window only.
            let mut window_end = (name_start + 204).min(content.len());
            while !content.is_char_boundary(window_end) {
                window_end -= 1;
            }
            let Some(name_len) = content[name_start..window_end].find("**") else {
                continue;
            };
            let name = &content[name_start..name_start + name_len];
            if name.is_empty()
                || name.len() > 200
                || name.contains('\n')
                || name.starts_with(' ')
                || name.ends_with(' ')
            {
                continue;
            }
            let open = name_start + name_len + 3;
            if content.get(name_start + name_len + 2..=open) != Some(" (") {
                continue;
            }
            let Some(close) = balanced_group(content, open) else {
                if starts_like_type(&content[open + 1..]) {
                    return Err(self.error(
                        "bump_md.type-unbalanced",
                        base + open,
                        format!(
                            "expected `)` closing the type of `{name}` (types are `(TYPE)` with \
                             balanced parentheses, for example `(string(date-time) | null)`)"
                        ),
                    ));
                }
                continue;
            };
            let ty_text = &content[open + 1..close];
            match types::parse(ty_text) {
                Ok(ty) => {
                    starts.push((at, close + 1, name.to_string(), ty));
                    pos = close + 1;
                }
                Err(e) => {
                    if starts_like_type(ty_text) {
                        self.warn(
                            "bump_md.not-a-type",
                            base + open + 1 + e.offset,
                            Some(self.op_ptr.clone()),
                            format!(
                                "`**{name}** ({})` reads as prose, not an item: {}",
                                short(ty_text),
                                e.expected
                            ),
                        );
                    }
                }
            }
        }
        let lead_end = starts.first().map_or(content.len(), |s| s.0);
        let lead = clean_desc(&content[..lead_end]);
        let mut flat = Vec::new();
        for (i, (at, desc_start, name, ty)) in starts.iter().enumerate() {
            let desc_end = starts.get(i + 1).map_or(content.len(), |n| n.0);
            let indent = if self.collapsed {
                None
            } else {
                let line_start = content[..*at].rfind('\n').map_or(0, |n| n + 1);
                Some(content[line_start..*at].chars().count())
            };
            flat.push(Item {
                name: name.clone(),
                at: base + at,
                ty: ty.clone(),
                desc: clean_desc(&content[*desc_start..desc_end]),
                indent,
                children: Vec::new(),
            });
        }
        Ok((lead, nest(flat)))
    }

    /// Warns once a page that a collapsed page's fields are listed flat.
    pub(super) fn flat_warning(&mut self, items: &[Item], at: usize) {
        if self.collapsed && !self.warned_nesting && items.iter().any(|i| i.ty.is_object()) {
            self.warned_nesting = true;
            self.warn(
                "bump_md.nesting-unknown",
                at,
                Some(self.op_ptr.clone()),
                "the page's line breaks were collapsed, so nested fields cannot be told from \
                 siblings: fields are listed flat"
                    .to_string(),
            );
        }
    }
}

/// Nests items by the column of their `-` (un-collapsed pages); flat when columns are unknown.
fn nest(flat: Vec<Item>) -> Vec<Item> {
    let mut roots: Vec<Item> = Vec::new();
    let mut stack: Vec<Item> = Vec::new();
    fn attach(n: Item, stack: &mut [Item], roots: &mut Vec<Item>) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(n),
            None => roots.push(n),
        }
    }
    for it in flat {
        let ind = it.indent.unwrap_or(0);
        while stack.last().is_some_and(|t| t.indent.unwrap_or(0) >= ind) {
            if let Some(n) = stack.pop() {
                attach(n, &mut stack, &mut roots);
            }
        }
        stack.push(it);
    }
    while let Some(n) = stack.pop() {
        attach(n, &mut stack, &mut roots);
    }
    roots
}

/// True when a parenthesised text begins like a type (so a failure to parse is an error in a
/// type, not prose in parentheses).
fn starts_like_type(s: &str) -> bool {
    let w: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let next = s[w.len()..].chars().next();
    types::BASE_TYPES.contains(&w.as_str())
        && w != "any"
        && next.is_none_or(|c| matches!(c, '(' | '[' | ' ' | '|' | ')'))
        || w == "null" && next.is_none_or(|c| matches!(c, ' ' | '|' | ')'))
}

/// Trims a description; on un-collapsed pages drops the continuation indentation.
fn clean_desc(s: &str) -> String {
    s.trim()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}
