//! The spool of checked respondents: a temporary file holding each in a
//! compact form, written as inputs are checked and read back for scoring.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

use crate::response::Respondent;
use crate::result::{Rater, Role, Subject};

use super::Tally;
use super::lines::fill;

/// Bytes of spool a block: about 200 records.
const SPOOL_BLOCK: usize = 32 << 10;

/// Checked respondents in a temporary file (gone when dropped), in order.
/// A record is its length (4 bytes) and then: the rater role (1 byte), each
/// answer (1 byte: 0 skipped, else 1 + value − scale min), the name,
/// department, rater name, session and time (each a length, 4 bytes, or
/// none, then the text), the subject's attributes (their number, 4 bytes,
/// then each name and value as a text), and the seconds answering (a flag,
/// then 8 bytes).
pub struct Spool {
    file: BufWriter<File>,
    /// Bytes written.
    len: u64,
    /// Records written.
    pub count: usize,
    enc: Encoder,
}

/// Writes respondents in the spool's form.
#[derive(Clone, Copy)]
pub struct Encoder {
    items: usize,
    min: i64,
}

/// Where the spool stood before an input, to leave it out again.
#[derive(Clone, Copy)]
pub struct Mark {
    len: u64,
    count: usize,
    good: usize,
}

const NONE: u32 = u32::MAX;

impl Encoder {
    /// Append one record.
    pub fn encode(&self, r: &Respondent, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        out.push(Role::ALL.iter().position(|x| *x == r.rater.role).unwrap_or(0) as u8);
        for v in r.values.iter().take(self.items) {
            match v.map(|v| v.wrapping_sub(self.min).wrapping_add(1)) {
                None => out.push(0),
                Some(b @ 1..=254) => out.push(b as u8),
                // Never on a checked scale (at most 11 points); kept whole anyway.
                Some(_) => {
                    out.push(255);
                    out.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
                }
            }
        }
        for _ in r.values.len()..self.items {
            out.push(0);
        }
        let text = |out: &mut Vec<u8>, t: Option<&str>| match t {
            Some(t) => {
                out.extend_from_slice(&u32::try_from(t.len()).unwrap_or(NONE - 1).to_le_bytes());
                out.extend_from_slice(t.as_bytes());
            }
            None => out.extend_from_slice(&NONE.to_le_bytes()),
        };
        text(out, Some(&r.subject.name));
        text(out, r.subject.department.as_deref());
        text(out, r.rater.name.as_deref());
        text(out, r.session.as_deref());
        text(out, r.taken_at.as_deref());
        out.extend_from_slice(&u32::try_from(r.subject.attributes.len()).unwrap_or(0).to_le_bytes());
        for (k, v) in &r.subject.attributes {
            text(out, Some(k));
            text(out, Some(v));
        }
        match r.seconds {
            Some(s) => {
                out.push(1);
                out.extend_from_slice(&s.to_le_bytes());
            }
            None => out.push(0),
        }
        let len = u32::try_from(out.len() - start - 4).unwrap_or(NONE);
        out[start..start + 4].copy_from_slice(&len.to_le_bytes());
    }

    /// Read one record's body back; None if it is not one (a bug).
    pub fn decode(&self, b: &[u8]) -> Option<Respondent> {
        let mut c = Cursor(b);
        let role = *Role::ALL.get(usize::from(c.take(1)?[0]))?;
        let mut values = Vec::with_capacity(self.items);
        for _ in 0..self.items {
            values.push(match c.take(1)?[0] {
                0 => None,
                255 => Some(i64::from_le_bytes(c.take(8)?.try_into().ok()?)),
                x => Some(self.min + i64::from(x) - 1),
            });
        }
        let name = c.text()??;
        let department = c.text()?;
        let rater = c.text()?;
        let session = c.text()?;
        let taken_at = c.text()?;
        let n = u32::from_le_bytes(c.take(4)?.try_into().ok()?);
        let mut attributes = crate::result::Attributes::default();
        for _ in 0..n {
            let key = c.text()??;
            attributes.insert(key, c.text()??);
        }
        let seconds = match c.take(1)?[0] {
            0 => None,
            _ => Some(f64::from_le_bytes(c.take(8)?.try_into().ok()?)),
        };
        Some(Respondent {
            subject: Subject { name, department, attributes },
            rater: Rater { role, name: rater },
            session,
            taken_at,
            values,
            seconds,
        })
    }
}

/// The rest of a record being read.
struct Cursor<'b>(&'b [u8]);

impl<'b> Cursor<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    /// A text, or None written as none; None (outside) if it is not one.
    fn text(&mut self) -> Option<Option<String>> {
        let len = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        if len == NONE {
            return Some(None);
        }
        let bytes = self.take(usize::try_from(len).ok()?)?;
        Some(Some(String::from_utf8(bytes.to_vec()).ok()?))
    }
}

impl Spool {
    pub fn new(items: usize, min: i64) -> io::Result<Spool> {
        let file = tempfile::tempfile()?;
        Ok(Spool { file: BufWriter::with_capacity(1 << 16, file), len: 0, count: 0, enc: Encoder { items, min } })
    }

    pub fn encoder(&self) -> Encoder {
        self.enc
    }

    /// Append `n` encoded records.
    pub fn append(&mut self, records: &[u8], n: usize) -> io::Result<()> {
        self.file.write_all(records)?;
        self.len += records.len() as u64;
        self.count += n;
        Ok(())
    }

    pub fn mark(&self, tally: &Tally) -> Mark {
        Mark { len: self.len, count: self.count, good: tally.good }
    }

    /// Leave out what was appended since `mark`, and its good records.
    pub fn rollback(&mut self, mark: Mark, tally: &mut Tally) -> io::Result<()> {
        self.file.flush()?;
        let f = self.file.get_mut();
        f.set_len(mark.len)?;
        f.seek(io::SeekFrom::Start(mark.len))?;
        self.len = mark.len;
        self.count = mark.count;
        tally.good = mark.good;
        Ok(())
    }

    /// Done writing: the records, from the first.
    pub fn finish(self) -> io::Result<Records> {
        let mut f = self.file.into_inner().map_err(|e| e.into_error())?;
        f.seek(io::SeekFrom::Start(0))?;
        Ok(Records { reader: f, end: false, carry: Vec::new(), spare: Vec::new(), enc: self.enc })
    }
}

/// The spool's records, read back a block at a time.
pub struct Records {
    reader: File,
    end: bool,
    carry: Vec<u8>,
    spare: Vec<Vec<u8>>,
    enc: Encoder,
}

impl Records {
    pub fn encoder(&self) -> Encoder {
        self.enc
    }

    /// The next block of whole records: a few hundred, whose results make
    /// a block of output of about a megabyte.
    pub fn next_block(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut bytes = self.spare.pop().unwrap_or_default();
        bytes.clear();
        bytes.append(&mut self.carry);
        fill(&mut self.reader, &mut bytes, SPOOL_BLOCK, &mut self.end)?;
        // Cut after the last whole record.
        let mut at = 0;
        while let Some(len) = bytes.get(at..at + 4) {
            let len = u32::from_le_bytes(len.try_into().unwrap_or([0; 4])) as usize;
            if at + 4 + len > bytes.len() {
                if self.end {
                    return Err(io::Error::other("the spool ends inside a record"));
                }
                break;
            }
            at += 4 + len;
        }
        if at == 0 && !bytes.is_empty() && !self.end {
            // A record longer than a block: read on to its end.
            let len = u32::from_le_bytes(bytes[..4].try_into().unwrap_or([0; 4])) as usize;
            fill(&mut self.reader, &mut bytes, 4 + len, &mut self.end)?;
            at = (4 + len).min(bytes.len());
        }
        self.carry.extend_from_slice(&bytes[at..]);
        bytes.truncate(at);
        Ok((!bytes.is_empty()).then_some(bytes))
    }

    /// How many records a block holds.
    pub fn count(block: &[u8]) -> usize {
        let (mut at, mut n) = (0, 0);
        while let Some(len) = block.get(at..at + 4) {
            at += 4 + u32::from_le_bytes(len.try_into().unwrap_or([0; 4])) as usize;
            n += 1;
        }
        n
    }

    /// Take back a block's buffer.
    pub fn give_back(&mut self, bytes: Vec<u8>) {
        self.spare.push(bytes);
    }

    /// Every record of a block.
    pub fn each(enc: Encoder, block: &[u8], f: &mut dyn FnMut(Respondent)) -> io::Result<()> {
        let mut at = 0;
        while at + 4 <= block.len() {
            let len = u32::from_le_bytes(block[at..at + 4].try_into().unwrap_or([0; 4])) as usize;
            let body = block.get(at + 4..at + 4 + len).ok_or_else(|| io::Error::other("a broken spool record"))?;
            f(enc.decode(body).ok_or_else(|| io::Error::other("a broken spool record"))?);
            at += 4 + len;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respondents_come_back_from_the_spool_as_they_went_in() {
        let people = [
            Respondent {
                subject: Subject {
                    name: "张三".into(),
                    department: Some("秘书处".into()),
                    attributes: [("职级".to_string(), "科员".to_string()), ("年龄段".into(), "30-39".into())]
                        .into_iter()
                        .collect(),
                },
                rater: Rater { role: Role::Peer, name: Some("李四".into()) },
                session: Some("2026秋".into()),
                taken_at: Some("2026-11-28T09:30:00+08:00".into()),
                values: vec![Some(1), None, Some(5), Some(3)],
                seconds: Some(12.5),
            },
            Respondent {
                subject: Subject { name: String::new(), department: None, ..Default::default() },
                rater: Rater { role: Role::SelfRating, name: None },
                session: None,
                taken_at: None,
                values: vec![None, None, Some(1000), Some(-7)],
                seconds: None,
            },
        ];
        let mut spool = Spool::new(4, 1).unwrap();
        let mut out = Vec::new();
        for p in &people {
            spool.encoder().encode(p, &mut out);
        }
        spool.append(&out, 2).unwrap();
        let mark = spool.mark(&Tally { good: 2, ..Tally::default() });
        let mut out = Vec::new();
        spool.encoder().encode(&people[0], &mut out);
        spool.append(&out, 1).unwrap();
        let mut tally = Tally { good: 3, ..Tally::default() };
        spool.rollback(mark, &mut tally).unwrap();
        assert_eq!((spool.count, tally.good), (2, 2));
        let mut records = spool.finish().unwrap();
        let mut back = Vec::new();
        while let Some(b) = records.next_block().unwrap() {
            Records::each(records.encoder(), &b, &mut |r| back.push(r)).unwrap();
        }
        assert_eq!(back, people);
    }
}
