//! Bullet lists: `• HEAD` lines, the paragraphs under them and their `Hide NAME attributes Show
//! NAME attributes` groups of child bullets, nested by indentation.

use super::lines::BULLET;
use super::state::Page;
use crate::diag::Diagnostic;

/// Nesting limit for bullet lists; deeper input is an error, not recursion.
const MAX_DEPTH: usize = 48;

/// A bullet with what it owns.
#[derive(Debug, Default)]
pub(super) struct Node {
    /// The bullet's text after `• `.
    pub(super) head: String,
    /// 1-based line of the bullet.
    pub(super) line: usize,
    /// 1-based column of the bullet.
    pub(super) col: usize,
    /// Paragraphs directly under the bullet (description, enum and constraint sentences).
    pub(super) paras: Vec<String>,
    /// Its groups of child bullets.
    pub(super) groups: Vec<Group>,
}

/// `Hide NAME attributes Show NAME attributes[ TYPE]` and the bullets after it.
#[derive(Debug, Default)]
pub(super) struct Group {
    /// (NAME, TYPE) of the toggle; `None` for bullets with no toggle line before them.
    pub(super) toggle: Option<(String, Option<String>)>,
    /// The child bullets.
    pub(super) children: Vec<Node>,
}

impl Page<'_> {
    /// Parses a bullet list starting at line `*i` (blank lines skipped), up to line `end`.
    pub(super) fn list(
        &mut self,
        i: &mut usize,
        end: usize,
        depth: usize,
    ) -> Result<Vec<Node>, Diagnostic> {
        while *i < end && self.lines[*i].blank() {
            *i += 1;
        }
        let Some(first) = self.lines.get(*i).filter(|_| *i < end).copied() else {
            return Ok(Vec::new());
        };
        if !first.bullet() {
            return Ok(Vec::new());
        }
        if depth > MAX_DEPTH {
            return Err(Diagnostic::error(
                "text_dump.too-deep",
                format!("bullets nested more than {MAX_DEPTH} levels deep"),
            )
            .at(first.no, first.indent + 1));
        }
        let indent = first.indent;
        let mut nodes: Vec<Node> = Vec::new();
        loop {
            while *i < end && self.lines[*i].blank() {
                *i += 1;
            }
            if *i >= end {
                break;
            }
            let l = self.lines[*i];
            if l.indent < indent || (l.indent == indent && !l.bullet()) {
                break;
            }
            if l.indent > indent {
                // A deeper line with no bullet of its own to follow: keep it as prose.
                if let Some(n) = nodes.last_mut() {
                    n.paras.push(l.text.to_string());
                }
                *i += 1;
                continue;
            }
            let mut node = Node {
                head: l.text[BULLET.len()..].trim().to_string(),
                line: l.no,
                col: l.indent + 1,
                ..Default::default()
            };
            *i += 1;
            let mut para_open = false;
            while *i < end {
                let l = self.lines[*i];
                if l.blank() {
                    para_open = false;
                    *i += 1;
                    continue;
                }
                if l.indent <= indent {
                    break;
                }
                if let Some(t) = toggle(l.text) {
                    node.groups.push(Group {
                        toggle: Some(t),
                        children: Vec::new(),
                    });
                    para_open = false;
                    *i += 1;
                } else if l.bullet() {
                    let children = self.list(i, end, depth + 1)?;
                    if node.groups.is_empty() {
                        node.groups.push(Group::default());
                    }
                    if let Some(g) = node.groups.last_mut() {
                        g.children.extend(children);
                    }
                    para_open = false;
                } else {
                    if para_open {
                        if let Some(p) = node.paras.last_mut() {
                            p.push('\n');
                            p.push_str(l.text);
                        }
                    } else {
                        node.paras.push(l.text.to_string());
                        para_open = true;
                    }
                    *i += 1;
                }
            }
            nodes.push(node);
        }
        Ok(nodes)
    }
}

/// `Hide NAME attributes Show NAME attributes[ TYPE]` -> (NAME, TYPE).
fn toggle(l: &str) -> Option<(String, Option<String>)> {
    let r = l.strip_prefix("Hide ")?;
    let at = r.find(" attributes Show ")?;
    let name = &r[..at];
    let after = r[at + " attributes Show ".len()..].strip_prefix(name)?;
    let after = after.strip_prefix(" attributes")?;
    if after.is_empty() {
        return Some((name.to_string(), None));
    }
    let ty = after.strip_prefix(' ')?.trim();
    Some((name.to_string(), (!ty.is_empty()).then(|| ty.to_string())))
}
