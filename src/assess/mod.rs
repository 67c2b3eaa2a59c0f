//! `zhixing assess`: the questionnaire (SPEC §8). The flow lives here and
//! talks to a [`Prompter`] (the terminal, or a script in tests) and a
//! [`Drafts`] keeper (the store), so that it is tested without a terminal.

pub mod screen;
pub mod term;

use std::collections::HashMap;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::i18n;
use crate::lang::Lang;
use crate::response::Response;
use crate::result::{Rater, Role, Subject};
use crate::rubric::{Item, Order, Rubric};

/// Why the questionnaire stopped before it was submitted.
#[derive(Debug)]
pub enum Abort {
    /// Ctrl-C: the draft is safe.
    Interrupted,
    /// The terminal went away (closed window, hang-up).
    Closed(String),
    /// The trainer ended a kiosk session.
    KioskExit,
    /// The draft could not be saved.
    Draft(String),
}

/// What a person did on an item screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemAction {
    Answer(i64),
    Skip,
    Back,
}

/// What a person did on the review screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    Submit,
    /// Change the answer of the item at this position (0-based, in the
    /// order asked).
    Change(usize),
}

/// The welcome screen.
#[derive(Clone, Debug)]
pub struct Welcome {
    pub title: String,
    pub items: usize,
    pub minutes: usize,
    /// "1 完全不符合", …
    pub scale: Vec<String>,
    pub allow_skip: bool,
    /// Answers already given, when resuming.
    pub resumed: Option<usize>,
    /// `--resume` found no questionnaire to continue: this one is new.
    pub nothing_to_resume: bool,
    /// One terminal passed round a room: nothing about leaving or resuming,
    /// which is the trainer's business.
    pub kiosk: bool,
    /// The answers are about a colleague (`--role` other than self): the
    /// statements are about their work, not the rater's.
    pub about_other: bool,
}

/// One item on screen.
#[derive(Clone, Debug)]
pub struct ItemScreen {
    /// The titles of the item's section and dimension; None where the
    /// rubric's order is interleaved, so as not to tell what is measured.
    pub place: Option<(String, String)>,
    /// The item as asked of this rater (its `others` text for a rater who
    /// is not the subject).
    pub statement: String,
    /// Whom the answers are about, when the rater is not the subject.
    pub about: Option<String>,
    /// 1-based position in the order asked, and total.
    pub number: usize,
    pub total: usize,
    /// (value, label) for each scale point.
    pub options: Vec<(i64, String)>,
    /// The answer already given, if any (None inside: skipped).
    pub current: Option<Option<i64>>,
    pub allow_skip: bool,
    pub can_go_back: bool,
    pub kiosk: bool,
}

/// One line of the review screen.
#[derive(Clone, Debug)]
pub struct ReviewLine {
    pub number: usize,
    pub statement: String,
    /// None: skipped.
    pub answer: Option<(i64, String)>,
}

#[derive(Clone, Debug)]
pub struct ReviewScreen {
    pub lines: Vec<ReviewLine>,
    /// Whom the answers are about, when the rater is not the subject.
    pub about: Option<String>,
    pub kiosk: bool,
}

/// The questions a questionnaire asks a person, beyond the items.
pub trait Prompter {
    fn welcome(&mut self, w: &Welcome) -> Result<(), Abort>;
    /// A line of text; `required` refuses an empty answer.
    fn text(&mut self, label: &str, required: bool) -> Result<String, Abort>;
    /// One of `options`, by position.
    fn choose(&mut self, label: &str, options: &[String]) -> Result<usize, Abort>;
    fn confirm(&mut self, question: &str, default: bool) -> Result<bool, Abort>;
    /// An item; the seconds spent on it come back with the action.
    fn item(&mut self, s: &ItemScreen) -> Result<(ItemAction, f64), Abort>;
    fn review(&mut self, s: &ReviewScreen) -> Result<ReviewAction, Abort>;
    /// Kiosk: wait for the next participant (Ok) or the trainer's exit.
    fn next_participant(&mut self) -> Result<(), Abort>;
    /// Kiosk: thank the participant and wait for Enter; then the screen is wiped.
    fn done(&mut self, text: &str) -> Result<(), Abort>;
}

/// A questionnaire in progress, as kept in the store after every answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftDoc {
    pub id: String,
    pub rubric_id: String,
    pub rubric_sha256: String,
    pub lang: String,
    pub subject: String,
    pub department: Option<String>,
    pub role: Role,
    pub rater: Option<String>,
    pub session: Option<String>,
    pub started_at: String,
    pub updated_at: String,
    /// Position of the next item to ask (0-based, in the order asked).
    pub position: usize,
    /// Answers given, by item id, in the order first answered; null: skipped.
    pub answers: IndexMap<String, Option<i64>>,
    /// Seconds spent on each item, added up over visits.
    pub seconds: IndexMap<String, f64>,
    /// The interface language it was begun in (`zh`, `en`), continued in
    /// unless `--lang` says otherwise. Absent in drafts of older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    /// How `--rubric` named the rubric: a built-in id or an absolute path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_source: Option<String>,
    /// How many items the questionnaire has (0 in drafts of older versions).
    #[serde(default)]
    pub items: usize,
    /// A participant's of `zhixing serve` (SPEC §16): theirs to continue
    /// in the browser, never offered by `assess --resume` or discarded by
    /// `assess --discard`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub served: bool,
}

/// Where drafts are kept.
pub trait Drafts {
    fn save(&mut self, d: &DraftDoc) -> Result<(), String>;
    fn find(&mut self, subject: &str, rubric_id: &str) -> Result<Option<DraftDoc>, String>;
    fn delete(&mut self, id: &str) -> Result<(), String>;
    /// Every draft this version can read, the latest first.
    fn all(&mut self) -> Result<Vec<DraftDoc>, String>;
}

/// What narrows the open drafts down to the one to continue: the flags
/// given with `--resume` (or `--discard`).
#[derive(Clone, Copy, Debug, Default)]
pub struct DraftFilter<'a> {
    pub subject: Option<&'a str>,
    pub rubric_id: Option<&'a str>,
    pub role: Option<Role>,
    pub session: Option<&'a str>,
}

impl DraftFilter<'_> {
    pub fn matches(&self, d: &DraftDoc) -> bool {
        self.subject.is_none_or(|s| d.subject == s)
            && self.rubric_id.is_none_or(|r| d.rubric_id == r)
            && self.role.is_none_or(|r| d.role == r)
            && self.session.is_none_or(|s| d.session.as_deref() == Some(s))
    }
}

/// The open drafts that match, the latest first.
pub fn open_drafts(drafts: &mut dyn Drafts, filter: &DraftFilter) -> Result<Vec<DraftDoc>, Abort> {
    let mut all = drafts.all().map_err(Abort::Draft)?;
    all.retain(|d| filter.matches(d));
    Ok(all)
}

/// The draft to continue: the only one, or the one chosen from the list.
pub fn pick_draft(p: &mut dyn Prompter, lang: Lang, mut open: Vec<DraftDoc>) -> Result<Option<DraftDoc>, Abort> {
    if open.len() <= 1 {
        return Ok(open.pop());
    }
    let msg = i18n::msg(lang);
    let options: Vec<String> = open.iter().map(|d| msg.assess_draft_option(&draft_summary(d))).collect();
    let k = p.choose(msg.assess_choose_draft(), &options)?;
    Ok(Some(open.swap_remove(k.min(open.len() - 1))))
}

/// What a list of drafts says of one.
pub fn draft_summary(d: &DraftDoc) -> i18n::assess::DraftSummary<'_> {
    i18n::assess::DraftSummary {
        subject: &d.subject,
        role: d.role,
        rater: d.rater.as_deref(),
        rubric: &d.rubric_id,
        session: d.session.as_deref(),
        answered: d.answers.len(),
        items: d.items,
        updated_at: &d.updated_at,
    }
}

pub use crate::settings::Preset;

/// A finished questionnaire.
#[derive(Debug)]
pub struct Completed {
    pub response: Response,
    pub draft_id: String,
}

/// Everything the flow needs besides the prompter and the drafts.
pub struct Setup<'a> {
    pub rubric: &'a Rubric,
    pub rubric_sha256: &'a str,
    pub lang: Lang,
    /// Text language of the rubric (one of its languages).
    pub text_lang: &'a str,
    /// RFC 3339 now, and a new id: passed in to keep the flow deterministic.
    pub now: &'a dyn Fn() -> String,
    pub new_id: &'a dyn Fn() -> String,
    /// How `--rubric` named the rubric, kept in the draft to resume it.
    pub rubric_source: Option<&'a str>,
    /// Told of the draft once it is open (to print how to resume it).
    pub on_open: &'a dyn Fn(&DraftDoc),
}

/// An item with the titles of its section and dimension, in the text language.
type Placed<'r> = (&'r str, &'r str, &'r Item);

/// The rubric's items in the order they are asked (SPEC §3 `order`).
fn asked<'r>(r: &'r Rubric, l: &str) -> Vec<Placed<'r>> {
    let all: Vec<Placed> = r.items().map(|(s, d, i)| (r.text(&s.title, l), r.text(&d.title, l), i)).collect();
    r.asked_order().into_iter().filter_map(|k| all.get(k).copied()).collect()
}

/// Run one person's questionnaire, from the welcome screen to submission.
/// `resumed` is the draft `--resume` chose, if any: nothing it holds is asked.
pub fn run(
    p: &mut dyn Prompter,
    drafts: &mut dyn Drafts,
    setup: &Setup,
    preset: &Preset,
    resumed: Option<DraftDoc>,
) -> Result<Completed, Abort> {
    let r = setup.rubric;
    let l = setup.text_lang;
    let items = asked(r, l);
    let total = items.len();
    let scale: Vec<(i64, String)> = r
        .scale
        .labels
        .iter()
        .enumerate()
        .map(|(k, lab)| (r.scale.min + k as i64, r.text(lab, l).to_string()))
        .collect();

    let mut d = open_draft(p, drafts, setup, preset, resumed, &scale, total)?;
    d.items = total;
    (setup.on_open)(&d);
    // A draft may come from an older version of the rubric: keep what still fits.
    let known: HashMap<&str, ()> = items.iter().map(|(_, _, i)| (i.id.as_str(), ())).collect();
    d.answers
        .retain(|k, v| known.contains_key(k.as_str()) && v.is_none_or(|x| (r.scale.min..=r.scale.max).contains(&x)));
    d.position = d.position.min(total);
    // Resuming: continue at the first item not yet answered, in the order asked.
    if let Some(first_open) = items.iter().position(|(_, _, i)| !d.answers.contains_key(&i.id)) {
        d.position = d.position.min(first_open);
    }

    let mut reviewing = false;
    loop {
        ask_items(p, drafts, setup, preset, &mut d, &items, &scale, reviewing)?;
        reviewing = true;
        match p.review(&review_screen(setup, preset, &d, &items, &scale))? {
            ReviewAction::Submit => break,
            ReviewAction::Change(k) if k < total => d.position = k,
            ReviewAction::Change(_) => {}
        }
    }

    let seconds: f64 = d.seconds.values().sum();
    let response = Response {
        subject: Subject { name: d.subject.clone(), department: d.department.clone(), ..Default::default() },
        rater: Rater { role: d.role, name: d.rater.clone() },
        session: d.session.clone(),
        taken_at: Some((setup.now)()),
        answers: d.answers.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        seconds: Some(seconds),
    };
    Ok(Completed { response, draft_id: d.id })
}

/// The welcome screen, then the draft to fill: the one `--resume` chose
/// (with what the flags given beside it say), or one found after asking
/// who is assessed, or a new one.
fn open_draft(
    p: &mut dyn Prompter,
    drafts: &mut dyn Drafts,
    setup: &Setup,
    preset: &Preset,
    resumed: Option<DraftDoc>,
    scale: &[(i64, String)],
    total: usize,
) -> Result<DraftDoc, Abort> {
    let r = setup.rubric;
    let l = setup.text_lang;
    let resuming = preset.resume && !preset.kiosk;
    p.welcome(&Welcome {
        title: r.text(&r.title, l).to_string(),
        items: total,
        minutes: crate::rubric_view::minutes(total),
        scale: scale.iter().map(|(v, s)| format!("{v} {s}")).collect(),
        allow_skip: r.scale.allow_skip,
        resumed: resumed.as_ref().map(|d| d.answers.len()),
        nothing_to_resume: resuming && resumed.is_none(),
        kiosk: preset.kiosk,
        about_other: preset.role.is_some_and(|r| r != crate::result::Role::SelfRating),
    })?;
    if let Some(mut d) = resumed {
        // A flag given now says what the draft said before: the flag wins,
        // and nothing typed or given is dropped.
        if let Some(role) = preset.role {
            d.role = role;
        }
        if preset.department.is_some() {
            d.department.clone_from(&preset.department);
        }
        if preset.rater.is_some() {
            d.rater.clone_from(&preset.rater);
        }
        if preset.session.is_some() {
            d.session.clone_from(&preset.session);
        }
        if d.role == Role::SelfRating {
            d.rater = None;
        }
        d.interface = Some(setup.lang.code().to_string());
        d.lang = setup.text_lang.to_string();
        if d.rubric_source.is_none() {
            d.rubric_source = setup.rubric_source.map(str::to_string);
        }
        return Ok(d);
    }
    let ident = identity(p, setup.lang, preset)?;
    let existing = if preset.kiosk { None } else { drafts.find(&ident.subject.name, &r.id).map_err(Abort::Draft)? };
    let resume = match &existing {
        Some(_) if resuming => true,
        Some(e) => {
            let question = i18n::msg(setup.lang).assess_resume_question(&e.subject, e.answers.len(), total);
            p.confirm(&question, true)?
        }
        None => false,
    };
    match existing {
        Some(mut e) if resume => {
            // What was just typed is the latest word on who answers.
            e.role = ident.rater.role;
            e.department = ident.subject.department;
            e.rater = ident.rater.name;
            if preset.session.is_some() {
                e.session.clone_from(&preset.session);
            }
            e.interface = Some(setup.lang.code().to_string());
            Ok(e)
        }
        other => {
            if let Some(e) = other {
                drafts.delete(&e.id).map_err(Abort::Draft)?;
            }
            Ok(new_draft(setup, preset, ident))
        }
    }
}

fn new_draft(setup: &Setup, preset: &Preset, ident: Ident) -> DraftDoc {
    let now = (setup.now)();
    DraftDoc {
        id: (setup.new_id)(),
        rubric_id: setup.rubric.id.clone(),
        rubric_sha256: setup.rubric_sha256.to_string(),
        lang: setup.text_lang.to_string(),
        subject: ident.subject.name,
        department: ident.subject.department,
        role: ident.rater.role,
        rater: ident.rater.name,
        session: preset.session.clone(),
        started_at: now.clone(),
        updated_at: now,
        interface: Some(setup.lang.code().to_string()),
        rubric_source: setup.rubric_source.map(str::to_string),
        ..Default::default()
    }
}

/// The items from the draft's position to the end (or, when reviewing, the
/// one item being changed), saving the draft after every answer.
#[allow(clippy::too_many_arguments)]
fn ask_items(
    p: &mut dyn Prompter,
    drafts: &mut dyn Drafts,
    setup: &Setup,
    preset: &Preset,
    d: &mut DraftDoc,
    items: &[Placed],
    scale: &[(i64, String)],
    reviewing: bool,
) -> Result<(), Abort> {
    let r = setup.rubric;
    let l = setup.text_lang;
    let total = items.len();
    while d.position < total {
        let (section, dimension, item) = items[d.position];
        let options = options(setup, item, scale);
        let screen = ItemScreen {
            place: (r.order == Order::Grouped).then(|| (section.to_string(), dimension.to_string())),
            statement: r.text(item.asked_text(by_other(d)), l).to_string(),
            about: about(d),
            number: d.position + 1,
            total,
            options,
            current: d.answers.get(&item.id).copied(),
            allow_skip: r.scale.allow_skip,
            can_go_back: d.position > 0 && !reviewing,
            kiosk: preset.kiosk,
        };
        let (action, secs) = p.item(&screen)?;
        *d.seconds.entry(item.id.clone()).or_insert(0.0) += secs.max(0.0);
        match action {
            ItemAction::Answer(v) if (r.scale.min..=r.scale.max).contains(&v) => {
                d.answers.insert(item.id.clone(), Some(v));
            }
            ItemAction::Skip if r.scale.allow_skip => {
                d.answers.insert(item.id.clone(), None);
            }
            ItemAction::Back if d.position > 0 && !reviewing => {
                d.position -= 1;
                save(drafts, d, setup)?;
                continue;
            }
            _ => continue, // not allowed here: ask again
        }
        d.position = if reviewing { total } else { d.position + 1 };
        save(drafts, d, setup)?;
    }
    Ok(())
}

/// An item's choices: its own anchors, or the scale's labels.
fn options(setup: &Setup, item: &Item, scale: &[(i64, String)]) -> Vec<(i64, String)> {
    let r = setup.rubric;
    match &item.anchors {
        Some(a) => a
            .iter()
            .enumerate()
            .map(|(k, t)| (r.scale.min + k as i64, r.text(t, setup.text_lang).to_string()))
            .collect(),
        None => scale.to_vec(),
    }
}

fn review_screen(
    setup: &Setup,
    preset: &Preset,
    d: &DraftDoc,
    items: &[Placed],
    scale: &[(i64, String)],
) -> ReviewScreen {
    let r = setup.rubric;
    let lines = items
        .iter()
        .enumerate()
        .map(|(k, (_, _, it))| ReviewLine {
            number: k + 1,
            statement: r.text(it.asked_text(by_other(d)), setup.text_lang).to_string(),
            // The label the person chose from: the item's anchor where it has them.
            answer: d.answers.get(&it.id).copied().flatten().map(|v| {
                let label = options(setup, it, scale).into_iter().find(|(x, _)| *x == v).map(|(_, s)| s);
                (v, label.unwrap_or_default())
            }),
        })
        .collect();
    ReviewScreen { lines, about: about(d), kiosk: preset.kiosk }
}

/// Is the rater someone other than the subject?
fn by_other(d: &DraftDoc) -> bool {
    d.role != Role::SelfRating
}

/// Whom the answers are about, said to a rater who is not the subject.
fn about(d: &DraftDoc) -> Option<String> {
    by_other(d).then(|| d.subject.clone())
}

fn save(drafts: &mut dyn Drafts, d: &mut DraftDoc, setup: &Setup) -> Result<(), Abort> {
    d.updated_at = (setup.now)();
    drafts.save(d).map_err(Abort::Draft)
}

struct Ident {
    subject: Subject,
    rater: Rater,
}

fn identity(p: &mut dyn Prompter, lang: Lang, preset: &Preset) -> Result<Ident, Abort> {
    let msg = i18n::msg(lang);
    let role = match preset.role {
        Some(r) => r,
        None => {
            let options: Vec<String> = Role::ALL.iter().map(|r| msg.assess_role_option(*r)).collect();
            Role::ALL[p.choose(msg.assess_whom(), &options)?.min(4)]
        }
    };
    let me = role == Role::SelfRating;
    let name = match &preset.subject {
        Some(s) => s.clone(),
        None => {
            let label = if me { msg.assess_your_name() } else { msg.assess_subject_name() };
            typed(p, lang, label, true)?
        }
    };
    let department = match &preset.department {
        Some(d) => Some(d.clone()),
        None => Some(typed(p, lang, msg.assess_department_prompt(), false)?),
    }
    .filter(|d| !d.is_empty());
    let rater = if me {
        None
    } else {
        match &preset.rater {
            Some(r) => Some(r.clone()),
            None => Some(typed(p, lang, msg.assess_rater_name(), false)?),
        }
        .filter(|r| !r.is_empty())
    };
    Ok(Ident { subject: Subject { name, department, ..Default::default() }, rater: Rater { role, name: rater } })
}

/// A name typed at a prompt, trimmed; asked again while it holds a control
/// or bidi character (SPEC §12), which is never kept.
fn typed(p: &mut dyn Prompter, lang: Lang, label: &str, required: bool) -> Result<String, Abort> {
    let mut ask = label.to_string();
    loop {
        let text = p.text(&ask, required)?.trim().to_string();
        if crate::answers::unsafe_at(&text).is_none() {
            return Ok(text);
        }
        ask = format!("{label}\n{}", i18n::msg(lang).unsafe_typed_hint());
    }
}

#[cfg(test)]
mod tests;

/// Kiosk: wait for the next participant on the terminal.
pub fn term_next(p: &mut dyn Prompter) -> Result<(), Abort> {
    p.next_participant()
}
