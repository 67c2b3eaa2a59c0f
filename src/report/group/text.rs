//! The group report's blocks as text for the terminal.

use comfy_table::CellAlignment;

use super::blocks::Block;
use crate::report::table::bold;
use crate::report::{Style, plain_table, push_bullet};
use crate::width::wrap;

pub(super) fn text(blocks: &[Block], style: &Style) -> String {
    let width = usize::from(style.width).clamp(20, 100);
    let mut o = String::new();
    for (i, blk) in blocks.iter().enumerate() {
        match blk {
            Block::Heading(_, t) => {
                if i > 0 {
                    o.push('\n');
                }
                for l in wrap(t, width) {
                    o.push_str(&bold(&l, style));
                    o.push('\n');
                }
            }
            Block::Line(t) => {
                for l in wrap(t, width) {
                    o.push_str(&l);
                    o.push('\n');
                }
            }
            Block::Table { header, rows, right } => {
                match table(header, rows, right, style, usize::from(style.width).max(width)) {
                    Some(t) => {
                        o.push_str(&t);
                        o.push('\n');
                    }
                    None => rows_as_list(&mut o, header, rows, width),
                }
            }
            Block::Charts(_) => {}
            Block::List(items) => {
                for (k, (head, subs)) in items.iter().enumerate() {
                    for (i, l) in wrap(head, width.saturating_sub(4)).iter().enumerate() {
                        match i {
                            0 => o.push_str(&format!("{:>2}. {l}\n", k + 1)),
                            _ => o.push_str(&format!("    {l}\n")),
                        }
                    }
                    for s in subs {
                        push_bullet(&mut o, s, width, style.ascii);
                    }
                }
            }
        }
    }
    o
}

/// The table, if it fits `width` with every cell on one line; else `None`.
fn table(header: &[String], rows: &[Vec<String>], right: &[usize], style: &Style, width: usize) -> Option<String> {
    let mut t = plain_table(style);
    t.natural();
    t.set_header(header.to_vec());
    for r in rows {
        t.add_row(r.clone());
    }
    for &c in right {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let fits = |text: &String| text.lines().map(crate::width::width).max().unwrap_or(0) <= width;
    let text = t.to_string();
    if fits(&text) {
        return Some(text);
    }
    let text = t.tight().to_string();
    fits(&text).then_some(text)
}

/// A table too wide for the terminal, as a list: each row's first cell on
/// a line (its indent kept), then the other cells, each after its column's
/// heading, on lines that break only between cells.
fn rows_as_list(o: &mut String, header: &[String], rows: &[Vec<String>], width: usize) {
    for row in rows {
        let Some((first, rest)) = row.split_first() else { continue };
        let indent = first.len() - first.trim_start().len();
        for l in wrap(&crate::visible::escape(first.trim_start()), width.saturating_sub(indent)) {
            o.push_str(&format!("{}{l}\n", " ".repeat(indent)));
        }
        let cells: Vec<String> = rest
            .iter()
            .zip(header.iter().skip(1))
            .filter(|(cell, _)| !cell.trim().is_empty())
            .map(|(cell, head)| {
                let cell = crate::visible::escape(cell.trim());
                if head.is_empty() { cell.into_owned() } else { format!("{head} {cell}") }
            })
            .collect();
        let pad = " ".repeat(indent + 2);
        for l in crate::width::fill_text(&cells, " · ", width.saturating_sub(indent + 2)) {
            o.push_str(&format!("{pad}{l}\n"));
        }
    }
}
