//! The group report's blocks as Markdown.

use super::blocks::Block;
use crate::report::md_escape;

pub(super) fn markdown(blocks: &[Block]) -> String {
    let mut o = String::new();
    for blk in blocks {
        match blk {
            Block::Heading(level, t) => {
                if !o.is_empty() && !o.ends_with("\n\n") {
                    o.push('\n');
                }
                o.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), md_escape(t)));
            }
            Block::Line(t) => o.push_str(&format!("{}\n\n", md_escape(t))),
            Block::Table { header, rows, right } => table(&mut o, header, rows, right),
            Block::Charts(_) => {}
            Block::List(items) => {
                for (k, (head, subs)) in items.iter().enumerate() {
                    o.push_str(&format!("{}. {}\n", k + 1, md_escape(head)));
                    for s in subs {
                        o.push_str(&format!("   - {}\n", md_escape(s)));
                    }
                }
                o.push('\n');
            }
        }
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

/// A table; an indented first cell (a dimension under its section) keeps
/// its indent as an ideographic space.
fn table(o: &mut String, header: &[String], rows: &[Vec<String>], right: &[usize]) {
    o.push('|');
    for h in header {
        o.push_str(&format!(" {} |", md_escape(h.trim())));
    }
    o.push_str("\n|");
    for i in 0..header.len() {
        o.push_str(if right.contains(&i) { "---:|" } else { "---|" });
    }
    o.push('\n');
    for r in rows {
        o.push('|');
        for (i, c) in r.iter().enumerate() {
            let indented = i == 0 && c.starts_with("  ");
            let c = md_escape(c.trim());
            o.push_str(&if indented { format!(" \u{3000}{c} |") } else { format!(" {c} |") });
        }
        o.push('\n');
    }
    o.push('\n');
}
