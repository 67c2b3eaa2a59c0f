//! The session being served (SPEC §16): its capability keys, whether it is
//! closed, and its participants, kept in the store as one JSON document so
//! that a restart with the same session goes on with the same links. Each
//! participant's answers are an `assess` draft of their own (SPEC §8).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// What the store keeps of a served session.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Kept {
    /// The version of this document, for the migrations to come.
    pub version: u32,
    /// The join key: 64 random bits, hex.
    pub key: String,
    /// The trainer's secret: 128 random bits, hex.
    pub secret: String,
    /// The rubric's id, version and the sha256 of its file: a restart with
    /// another rubric is refused.
    pub rubric_id: String,
    pub rubric_version: String,
    pub closed: bool,
    pub participants: Vec<Participant>,
}

/// One participant: their token, resume code and draft.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Participant {
    /// 128 random bits, hex: reaches this participant's draft and result only.
    pub token: String,
    /// Six characters from [`CODE_ALPHABET`], unique in the session.
    pub resume_code: String,
    /// The id of the draft in the store.
    pub draft_id: String,
    /// The stored result's id, once submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_id: Option<String>,
    /// How many answers the draft holds (for the live counts).
    #[serde(default)]
    pub answered: usize,
}

/// Resume codes are read off a screen and typed on a phone: no 0/O, 1/I/L.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 6;

/// `n` bytes from the operating system's random source, hex.
pub fn random_hex(n: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A resume code from the OS's random source (rejection sampling, so every
/// character is equally likely).
pub fn random_code() -> Result<String, getrandom::Error> {
    let limit = 256 - 256 % CODE_ALPHABET.len();
    let mut out = String::with_capacity(CODE_LEN);
    while out.len() < CODE_LEN {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b)?;
        for x in b {
            if (x as usize) < limit && out.len() < CODE_LEN {
                out.push(CODE_ALPHABET[x as usize % CODE_ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

/// A resume code as typed: upper case, without spaces or dashes.
pub fn normal_code(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
}

impl Kept {
    /// A new session's keys: KEY 64 bits, SECRET 128 bits.
    pub fn fresh(rubric_id: &str, rubric_version: &str) -> Result<Kept, getrandom::Error> {
        Ok(Kept {
            version: 1,
            key: random_hex(8)?,
            secret: random_hex(16)?,
            rubric_id: rubric_id.to_string(),
            rubric_version: rubric_version.to_string(),
            closed: false,
            participants: Vec::new(),
        })
    }
}

/// The session in memory: the kept document and its indexes.
#[derive(Debug)]
pub struct Session {
    pub kept: Kept,
    by_token: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
}

/// The counts of the trainer's page and the live line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub joined: usize,
    pub answering: usize,
    pub finished: usize,
}

impl Session {
    pub fn new(kept: Kept) -> Session {
        let mut s = Session { kept, by_token: HashMap::new(), by_code: HashMap::new() };
        for (i, p) in s.kept.participants.iter().enumerate() {
            s.by_token.insert(p.token.clone(), i);
            s.by_code.insert(p.resume_code.clone(), i);
        }
        s
    }

    pub fn participant(&self, token: &str) -> Option<&Participant> {
        self.by_token.get(token).map(|&i| &self.kept.participants[i])
    }

    pub fn participant_mut(&mut self, token: &str) -> Option<&mut Participant> {
        self.by_token.get(token).map(|&i| &mut self.kept.participants[i])
    }

    pub fn by_code(&self, code: &str) -> Option<&Participant> {
        self.by_code.get(&normal_code(code)).map(|&i| &self.kept.participants[i])
    }

    /// A new participant, with a fresh token and a resume code not yet used.
    pub fn join(&mut self, draft_id: String) -> Result<Participant, getrandom::Error> {
        let token = random_hex(16)?;
        let mut code = random_code()?;
        while self.by_code.contains_key(&code) {
            code = random_code()?;
        }
        let p = Participant { token, resume_code: code, draft_id, result_id: None, answered: 0 };
        let i = self.kept.participants.len();
        self.by_token.insert(p.token.clone(), i);
        self.by_code.insert(p.resume_code.clone(), i);
        self.kept.participants.push(p.clone());
        Ok(p)
    }

    pub fn counts(&self) -> Counts {
        let ps = &self.kept.participants;
        let finished = ps.iter().filter(|p| p.result_id.is_some()).count();
        let answering = ps.iter().filter(|p| p.result_id.is_none() && p.answered > 0).count();
        Counts { joined: ps.len(), answering, finished }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_the_bits_the_spec_asks() {
        let k = Kept::fresh("core", "1.0.0").unwrap();
        // 16 hex digits = 64 bits; 32 = 128 bits.
        assert_eq!(k.key.len(), 16);
        assert_eq!(k.secret.len(), 32);
        assert!(k.key.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(k.key, Kept::fresh("core", "1.0.0").unwrap().key);
    }

    #[test]
    fn resume_codes_are_six_unambiguous_characters_and_read_back_as_typed() {
        let mut s = Session::new(Kept::fresh("core", "1.0.0").unwrap());
        let p = s.join("d1".into()).unwrap();
        assert_eq!(p.resume_code.len(), 6);
        assert!(p.resume_code.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert!(!p.resume_code.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(p.token.len(), 32);
        let typed = format!(" {}-{} ", p.resume_code[..3].to_lowercase(), &p.resume_code[3..]);
        assert_eq!(s.by_code(&typed).map(|q| q.token.as_str()), Some(p.token.as_str()));
        assert!(s.by_code("ZZZZZZ9").is_none());
    }

    #[test]
    fn counts_tell_joined_answering_and_finished_apart() {
        let mut s = Session::new(Kept::fresh("core", "1.0.0").unwrap());
        let a = s.join("a".into()).unwrap();
        let b = s.join("b".into()).unwrap();
        s.join("c".into()).unwrap();
        s.participant_mut(&a.token).unwrap().answered = 3;
        let pb = s.participant_mut(&b.token).unwrap();
        pb.answered = 36;
        pb.result_id = Some("R".into());
        assert_eq!(s.counts(), Counts { joined: 3, answering: 1, finished: 1 });
        // Kept and read back, the indexes are rebuilt.
        let again = Session::new(s.kept.clone());
        assert_eq!(again.participant(&a.token).map(|p| p.draft_id.as_str()), Some("a"));
    }
}
