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
                o.push_str(&bold(t, style));
                o.push('\n');
            }
            Block::Line(t) => {
                for l in wrap(t, width) {
                    o.push_str(&l);
                    o.push('\n');
                }
            }
            Block::Table { header, rows, right } => {
                o.push_str(&table(header, rows, right, style));
                o.push('\n');
            }
            Block::Charts(_) => {}
            Block::List(items) => {
                for (k, (head, subs)) in items.iter().enumerate() {
                    o.push_str(&format!("{:>2}. {head}\n", k + 1));
                    for s in subs {
                        push_bullet(&mut o, s, width, style.ascii);
                    }
                }
            }
        }
    }
    o
}

fn table(header: &[String], rows: &[Vec<String>], right: &[usize], style: &Style) -> String {
    let mut t = plain_table(style);
    t.set_header(header.to_vec());
    for r in rows {
        t.add_row(r.clone());
    }
    for &c in right {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t.to_string()
}
