//! The questionnaire's flow with a scripted prompter and drafts in memory.

use std::collections::VecDeque;

use super::*;
use crate::testing;

/// One scripted step: what the person does next.
#[derive(Debug, Clone)]
enum Step {
    Enter,
    Text(&'static str),
    Choose(usize),
    Confirm(bool),
    Item(ItemAction),
    Review(ReviewAction),
    CtrlC,
}

#[derive(Default)]
struct Script {
    steps: VecDeque<Step>,
    /// Item numbers shown, in order.
    shown: Vec<usize>,
    /// What each item screen showed as the current answer.
    current: Vec<Option<Option<i64>>>,
    welcomes: Vec<Welcome>,
    confirms: Vec<String>,
    /// The options of every choice offered.
    choices: Vec<Vec<String>>,
    reviews: usize,
    last_review: Option<ReviewScreen>,
    /// Every item screen offered.
    screens: Vec<ItemScreen>,
}

impl Script {
    fn new(steps: Vec<Step>) -> Self {
        Script { steps: steps.into(), ..Default::default() }
    }
    fn next(&mut self) -> Step {
        self.steps.pop_front().unwrap_or(Step::CtrlC)
    }
}

impl Prompter for Script {
    fn welcome(&mut self, w: &Welcome) -> Result<(), Abort> {
        self.welcomes.push(w.clone());
        match self.next() {
            Step::Enter => Ok(()),
            _ => Err(Abort::Interrupted),
        }
    }
    fn text(&mut self, _label: &str, _required: bool) -> Result<String, Abort> {
        match self.next() {
            Step::Text(t) => Ok(t.to_string()),
            _ => Err(Abort::Interrupted),
        }
    }
    fn choose(&mut self, _label: &str, options: &[String]) -> Result<usize, Abort> {
        self.choices.push(options.to_vec());
        match self.next() {
            Step::Choose(k) => Ok(k),
            _ => Err(Abort::Interrupted),
        }
    }
    fn confirm(&mut self, question: &str, _default: bool) -> Result<bool, Abort> {
        self.confirms.push(question.to_string());
        match self.next() {
            Step::Confirm(b) => Ok(b),
            _ => Err(Abort::Interrupted),
        }
    }
    fn item(&mut self, s: &ItemScreen) -> Result<(ItemAction, f64), Abort> {
        self.shown.push(s.number);
        self.current.push(s.current);
        self.screens.push(s.clone());
        match self.next() {
            Step::Item(a) => Ok((a, 3.0)),
            _ => Err(Abort::Interrupted),
        }
    }
    fn review(&mut self, s: &ReviewScreen) -> Result<ReviewAction, Abort> {
        self.reviews += 1;
        self.last_review = Some(s.clone());
        match self.next() {
            Step::Review(a) => Ok(a),
            _ => Err(Abort::Interrupted),
        }
    }
    fn next_participant(&mut self) -> Result<(), Abort> {
        Ok(())
    }
    fn done(&mut self, _text: &str) -> Result<(), Abort> {
        Ok(())
    }
}

#[derive(Default)]
struct Memory {
    drafts: Vec<DraftDoc>,
    saves: usize,
}

impl Drafts for Memory {
    fn save(&mut self, d: &DraftDoc) -> Result<(), String> {
        self.saves += 1;
        self.drafts.retain(|x| x.id != d.id);
        self.drafts.push(d.clone());
        Ok(())
    }
    fn find(&mut self, subject: &str, rubric_id: &str) -> Result<Option<DraftDoc>, String> {
        Ok(self.drafts.iter().rev().find(|d| d.subject == subject && d.rubric_id == rubric_id).cloned())
    }
    fn delete(&mut self, id: &str) -> Result<(), String> {
        self.drafts.retain(|d| d.id != id);
        Ok(())
    }
    fn all(&mut self) -> Result<Vec<DraftDoc>, String> {
        Ok(self.drafts.iter().rev().cloned().collect())
    }
}

fn go(script: &mut Script, drafts: &mut Memory, preset: &Preset) -> Result<Completed, Abort> {
    go_resumed(script, drafts, preset, None)
}

fn go_resumed(
    script: &mut Script,
    drafts: &mut Memory,
    preset: &Preset,
    resumed: Option<DraftDoc>,
) -> Result<Completed, Abort> {
    go_with(&testing::mini(), (Lang::En, "en"), script, drafts, preset, resumed)
}

/// A questionnaire on this rubric, in this interface and text language.
fn go_with(
    loaded: &crate::rubric::Loaded,
    (lang, text_lang): (Lang, &str),
    script: &mut Script,
    drafts: &mut Memory,
    preset: &Preset,
    resumed: Option<DraftDoc>,
) -> Result<Completed, Abort> {
    let counter = std::cell::Cell::new(0);
    let new_id = move || {
        counter.set(counter.get() + 1);
        format!("draft{}", counter.get())
    };
    let setup = Setup {
        rubric: &loaded.rubric,
        rubric_sha256: &loaded.sha256,
        lang,
        text_lang,
        now: &|| "2026-11-28T09:30:00+08:00".to_string(),
        new_id: &new_id,
        rubric_source: Some("/rubrics/mini.toml"),
        on_open: &|_| {},
    };
    run(script, drafts, &setup, preset, resumed)
}

fn identity_steps() -> Vec<Step> {
    vec![Step::Enter, Step::Choose(0), Step::Text("张三"), Step::Text("秘书处")]
}

fn steps(rest: Vec<Step>) -> Vec<Step> {
    let mut v = identity_steps();
    v.extend(rest);
    v
}

use ItemAction::{Answer, Back, Skip};

#[test]
fn answer_every_item_and_submit() {
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(4)),
        Step::Item(Answer(2)),
        Step::Item(Answer(5)),
        Step::Review(ReviewAction::Submit),
    ]));
    let mut m = Memory::default();
    let done = go(&mut s, &mut m, &Preset::default()).unwrap();
    let r = &done.response;
    assert_eq!(r.subject.name, "张三");
    assert_eq!(r.subject.department.as_deref(), Some("秘书处"));
    assert_eq!(r.rater.role, crate::result::Role::SelfRating);
    assert_eq!(r.answers.len(), 3);
    assert_eq!((r.answers["a"], r.answers["b"], r.answers["c"]), (Some(4), Some(2), Some(5)));
    assert_eq!(r.seconds, Some(9.0));
    assert_eq!(s.shown, [1, 2, 3]);
    // Every answer was saved as it was given.
    assert_eq!(m.saves, 3);
    assert_eq!(m.drafts[0].answers.len(), 3);
    assert_eq!(done.draft_id, "draft1");
}

#[test]
fn skip_and_go_back() {
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(4)),
        Step::Item(Skip),
        Step::Item(Back), // on c: back to b
        Step::Item(Back), // on b: back to a
        Step::Item(Answer(1)),
        Step::Item(Answer(3)),
        Step::Item(Answer(5)),
        Step::Review(ReviewAction::Submit),
    ]));
    let mut m = Memory::default();
    let r = go(&mut s, &mut m, &Preset::default()).unwrap().response;
    assert_eq!(s.shown, [1, 2, 3, 2, 1, 2, 3]);
    // Going back shows what was given: skipped b shows as skipped.
    assert_eq!(s.current[3], Some(None));
    assert_eq!(s.current[4], Some(Some(4)));
    assert_eq!((r.answers["a"], r.answers["b"], r.answers["c"]), (Some(1), Some(3), Some(5)));
}

#[test]
fn skipped_items_stay_skipped() {
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(4)),
        Step::Item(Skip),
        Step::Item(Answer(2)),
        Step::Review(ReviewAction::Submit),
    ]));
    let r = go(&mut s, &mut Memory::default(), &Preset::default()).unwrap().response;
    assert_eq!(r.answers["b"], None);
    assert!(r.answers.contains_key("b"));
}

#[test]
fn change_an_answer_on_review() {
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(4)),
        Step::Item(Answer(2)),
        Step::Item(Answer(5)),
        Step::Review(ReviewAction::Change(1)),
        Step::Item(Answer(1)),
        Step::Review(ReviewAction::Submit),
    ]));
    let r = go(&mut s, &mut Memory::default(), &Preset::default()).unwrap().response;
    // Back to b alone, then straight back to the review.
    assert_eq!(s.shown, [1, 2, 3, 2]);
    assert_eq!(s.current[3], Some(Some(2)));
    assert_eq!(s.reviews, 2);
    assert_eq!((r.answers["a"], r.answers["b"], r.answers["c"]), (Some(4), Some(1), Some(5)));
}

#[test]
fn interrupted_then_resumed_asks_only_the_rest() {
    let mut m = Memory::default();
    let mut s = Script::new(steps(vec![Step::Item(Answer(4)), Step::Item(Answer(2)), Step::CtrlC]));
    assert!(matches!(go(&mut s, &mut m, &Preset::default()), Err(Abort::Interrupted)));
    assert_eq!(m.drafts.len(), 1);
    assert_eq!(m.drafts[0].answers.len(), 2);

    let preset = Preset { subject: Some("张三".into()), resume: true, ..Default::default() };
    let filter = DraftFilter { subject: Some("张三"), ..Default::default() };
    let open = open_drafts(&mut m, &filter).unwrap();
    let draft = pick_draft(&mut Script::default(), Lang::En, open).unwrap();
    assert_eq!(draft.as_ref().map(|d| d.interface.as_deref()), Some(Some("en")), "the draft holds its language");
    assert_eq!(draft.as_ref().map(|d| d.rubric_source.as_deref()), Some(Some("/rubrics/mini.toml")));
    let mut s = Script::new(vec![Step::Enter, Step::Item(Answer(5)), Step::Review(ReviewAction::Submit)]);
    let done = go_resumed(&mut s, &mut m, &preset, draft).unwrap();
    assert_eq!(s.welcomes[0].resumed, Some(2));
    assert_eq!(s.shown, [3]);
    let r = done.response;
    assert_eq!(r.subject.department.as_deref(), Some("秘书处"), "identity comes from the draft");
    assert_eq!((r.answers["a"], r.answers["b"], r.answers["c"]), (Some(4), Some(2), Some(5)));
    assert_eq!(r.seconds, Some(9.0), "time spent before the interruption counts");
}

#[test]
fn starting_anew_with_a_draft_asks_first() {
    let mut m = Memory::default();
    let mut s = Script::new(steps(vec![Step::Item(Answer(4)), Step::CtrlC]));
    let _ = go(&mut s, &mut m, &Preset::default());
    // Continue it: yes.
    let mut s = Script::new(steps(vec![
        Step::Confirm(true),
        Step::Item(Answer(2)),
        Step::Item(Answer(3)),
        Step::Review(ReviewAction::Submit),
    ]));
    let r = go(&mut s, &mut m, &Preset::default()).unwrap().response;
    assert_eq!(s.confirms.len(), 1);
    assert!(s.confirms[0].contains("1 of 3"), "{}", s.confirms[0]);
    assert_eq!(r.answers["a"], Some(4));
    // Discard it: no.
    let mut m = Memory::default();
    let mut s = Script::new(steps(vec![Step::Item(Answer(4)), Step::CtrlC]));
    let _ = go(&mut s, &mut m, &Preset::default());
    let mut s = Script::new(steps(vec![
        Step::Confirm(false),
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Review(ReviewAction::Submit),
    ]));
    let done = go(&mut s, &mut m, &Preset::default()).unwrap();
    assert_eq!(s.shown, [1, 2, 3]);
    assert_eq!(done.response.answers["a"], Some(1));
    assert_eq!(m.drafts.len(), 1, "the old draft was discarded");
}

#[test]
fn kiosk_never_offers_an_earlier_participants_draft() {
    let mut m = Memory::default();
    let kiosk = Preset { kiosk: true, session: Some("s1".into()), ..Default::default() };
    let mut s = Script::new(steps(vec![Step::Item(Answer(5)), Step::CtrlC]));
    let _ = go(&mut s, &mut m, &kiosk);
    // The next participant types the same name: no question, no earlier answers shown.
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Review(ReviewAction::Submit),
    ]));
    let done = go(&mut s, &mut m, &kiosk).unwrap();
    assert!(s.confirms.is_empty());
    assert!(s.current.iter().all(Option::is_none));
    assert_eq!(done.response.session.as_deref(), Some("s1"));
    assert_eq!(done.response.answers["a"], Some(1));
}

#[test]
fn rating_someone_else_asks_for_the_rater() {
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Choose(1),
        Step::Text("王五"),
        Step::Text(""),
        Step::Text("李四"),
        Step::Item(Answer(3)),
        Step::Item(Answer(3)),
        Step::Item(Answer(3)),
        Step::Review(ReviewAction::Submit),
    ]);
    let r = go(&mut s, &mut Memory::default(), &Preset::default()).unwrap().response;
    assert_eq!(r.subject.name, "王五");
    assert_eq!(r.subject.department, None);
    assert_eq!(r.rater.role, crate::result::Role::Supervisor);
    assert_eq!(r.rater.name.as_deref(), Some("李四"));
}

#[test]
fn flags_skip_the_identity_questions() {
    let preset = Preset {
        subject: Some("赵六".into()),
        department: Some("研究室".into()),
        role: Some(crate::result::Role::SelfRating),
        ..Default::default()
    };
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Item(Answer(2)),
        Step::Item(Answer(2)),
        Step::Item(Answer(2)),
        Step::Review(ReviewAction::Submit),
    ]);
    let r = go(&mut s, &mut Memory::default(), &preset).unwrap().response;
    assert_eq!(r.subject.name, "赵六");
    assert_eq!(r.subject.department.as_deref(), Some("研究室"));
}

#[test]
fn a_typed_name_with_a_control_or_bidi_character_is_asked_again() {
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Choose(1),
        Step::Text("\u{1b}]0;pwned\u{7}王五"),
        Step::Text("王五"),
        Step::Text("研究\u{202e}室"),
        Step::Text("研究室"),
        Step::Text("李\u{9b}四"),
        Step::Text("李四"),
        Step::Item(Answer(3)),
        Step::Item(Answer(3)),
        Step::Item(Answer(3)),
        Step::Review(ReviewAction::Submit),
    ]);
    let r = go(&mut s, &mut Memory::default(), &Preset::default()).unwrap().response;
    assert_eq!(r.subject.name, "王五");
    assert_eq!(r.subject.department.as_deref(), Some("研究室"));
    assert_eq!(r.rater.name.as_deref(), Some("李四"));
}

#[test]
fn resume_asks_nothing_the_draft_holds_and_keeps_a_typed_department() {
    // Rating someone else, department typed, interrupted after one answer.
    let mut m = Memory::default();
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Choose(1),
        Step::Text("王五"),
        Step::Text("研究室"),
        Step::Text("李四"),
        Step::Item(Answer(4)),
        Step::CtrlC,
    ]);
    assert!(go(&mut s, &mut m, &Preset::default()).is_err());
    let open = open_drafts(&mut m, &DraftFilter::default()).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].items, 3);
    // `--resume` alone: the only draft, no identity question at all.
    let preset = Preset { resume: true, ..Default::default() };
    let draft = pick_draft(&mut Script::default(), Lang::En, open).unwrap();
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Item(Answer(3)),
        Step::Item(Answer(2)),
        Step::Review(ReviewAction::Submit),
    ]);
    let r = go_resumed(&mut s, &mut m, &preset, draft).unwrap().response;
    assert!(s.choices.is_empty() && s.confirms.is_empty(), "nothing asked");
    assert_eq!(s.shown, [2, 3]);
    assert_eq!(r.subject.name, "王五");
    assert_eq!(r.subject.department.as_deref(), Some("研究室"));
    assert_eq!(r.rater.role, crate::result::Role::Supervisor);
    assert_eq!(r.rater.name.as_deref(), Some("李四"));
}

#[test]
fn a_department_typed_before_continuing_a_found_draft_is_kept() {
    let mut m = Memory::default();
    let mut s = Script::new(steps(vec![Step::Item(Answer(4)), Step::CtrlC]));
    let _ = go(&mut s, &mut m, &Preset::default());
    // The same person again, without --resume, typing another department: continue.
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Choose(0),
        Step::Text("张三"),
        Step::Text("办公厅"),
        Step::Confirm(true),
        Step::Item(Answer(2)),
        Step::Item(Answer(3)),
        Step::Review(ReviewAction::Submit),
    ]);
    let r = go(&mut s, &mut m, &Preset::default()).unwrap().response;
    assert_eq!(r.subject.department.as_deref(), Some("办公厅"));
    assert_eq!(r.answers["a"], Some(4));
}

#[test]
fn several_open_drafts_are_listed_to_choose_from() {
    let mut m = Memory::default();
    for (name, key) in [("张三", 4), ("李四", 2)] {
        let mut s = Script::new(vec![
            Step::Enter,
            Step::Choose(0),
            Step::Text(name),
            Step::Text(""),
            Step::Item(Answer(key)),
            Step::CtrlC,
        ]);
        let _ = go(&mut s, &mut m, &Preset::default());
        // Each run of the script counts its ids from 1.
        m.drafts.last_mut().unwrap().id = format!("draft-{name}");
    }
    let open = open_drafts(&mut m, &DraftFilter::default()).unwrap();
    assert_eq!(open.len(), 2);
    let mut s = Script::new(vec![Step::Choose(1)]);
    let d = pick_draft(&mut s, Lang::Zh, open).unwrap().unwrap();
    assert_eq!(s.choices.len(), 1);
    let options = &s.choices[0];
    assert!(options[0].starts_with("李四（自评）") && options[1].starts_with("张三（自评）"), "{options:?}");
    assert!(options[1].contains("已答 1 / 3 题") && options[1].contains("2026-11-28 09:30"), "{options:?}");
    assert_eq!(d.subject, "张三");
    // Narrowed by the subject: no list.
    let open = open_drafts(&mut m, &DraftFilter { subject: Some("李四"), ..Default::default() }).unwrap();
    assert_eq!(open.len(), 1);
    assert!(open_drafts(&mut m, &DraftFilter { rubric_id: Some("office"), ..Default::default() }).unwrap().is_empty());
}

#[test]
fn resume_with_nothing_open_says_so_and_starts_anew() {
    let preset = Preset { resume: true, ..Default::default() };
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Review(ReviewAction::Submit),
    ]));
    go_resumed(&mut s, &mut Memory::default(), &preset, None).unwrap();
    assert!(s.welcomes[0].nothing_to_resume);
}

#[test]
fn the_review_shows_each_answers_label() {
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(4)),
        Step::Item(Skip),
        Step::Item(Answer(2)),
        Step::Review(ReviewAction::Submit),
    ]));
    go(&mut s, &mut Memory::default(), &Preset::default()).unwrap();
    let review = s.last_review.unwrap();
    let labels: Vec<Option<(i64, String)>> = review.lines.iter().map(|l| l.answer.clone()).collect();
    let loaded = testing::mini();
    let label = |v: i64| {
        loaded.rubric.text(&loaded.rubric.scale.labels[(v - loaded.rubric.scale.min) as usize], "en").to_string()
    };
    assert_eq!(labels, [Some((4, label(4))), None, Some((2, label(2)))]);
    assert!(!label(4).is_empty());
}

/// Two dimensions of two and three items, asked interleaved: x1, y1, x2,
/// y2, y3. Every item but x2 has its `others` text.
const INTERLEAVED: &str = r#"
format = 1
id = "inter"
version = "1"
title = { zh = "交错", en = "Interleaved" }
languages = ["zh", "en"]
order = "interleaved"
[scale]
min = 1
max = 5
labels = [{ zh = "一", en = "one" }, { zh = "二", en = "two" }, { zh = "三", en = "three" }, { zh = "四", en = "four" }, { zh = "五", en = "five" }]
allow_skip = true
[[sections]]
id = "s"
title = { zh = "分区甲", en = "Section S" }
[[sections.dimensions]]
id = "d1"
title = { zh = "维度一", en = "Dimension one" }
[[sections.dimensions.items]]
id = "x1"
text = { zh = "我做X1。", en = "I do X1." }
others = { zh = "该同志做X1。", en = "This colleague does X1." }
[[sections.dimensions.items]]
id = "x2"
text = { zh = "我做X2。", en = "I do X2." }
[[sections.dimensions]]
id = "d2"
title = { zh = "维度二", en = "Dimension two" }
[[sections.dimensions.items]]
id = "y1"
text = { zh = "我做Y1。", en = "I do Y1." }
others = { zh = "该同志做Y1。", en = "This colleague does Y1." }
[[sections.dimensions.items]]
id = "y2"
text = { zh = "我做Y2。", en = "I do Y2." }
others = { zh = "该同志做Y2。", en = "This colleague does Y2." }
[[sections.dimensions.items]]
id = "y3"
text = { zh = "我做Y3。", en = "I do Y3." }
others = { zh = "该同志做Y3。", en = "This colleague does Y3." }
"#;

fn interleaved() -> crate::rubric::Loaded {
    testing::load("inter.toml", INTERLEAVED)
}

fn supervisor_of(name: &str) -> Preset {
    Preset {
        subject: Some(name.into()),
        department: Some(String::new()),
        role: Some(crate::result::Role::Supervisor),
        rater: Some("王五".into()),
        ..Default::default()
    }
}

fn answers(n: usize) -> Vec<Step> {
    let mut v = vec![Step::Enter];
    v.extend((0..n).map(|_| Step::Item(Answer(3))));
    v.push(Step::Review(ReviewAction::Submit));
    v
}

#[test]
fn a_supervisor_is_asked_the_others_text_and_told_whom_it_is_about() {
    let mut s = Script::new(answers(5));
    let done = go_with(&interleaved(), (Lang::Zh, "zh"), &mut s, &mut Memory::default(), &supervisor_of("李华"), None)
        .unwrap();
    assert_eq!(done.response.rater.role, crate::result::Role::Supervisor);
    let statements: Vec<&str> = s.screens.iter().map(|x| x.statement.as_str()).collect();
    // In the order asked; x2 has no `others`, so its first-person text.
    assert_eq!(statements, ["该同志做X1。", "该同志做Y1。", "我做X2。", "该同志做Y2。", "该同志做Y3。"]);
    assert!(s.screens.iter().all(|x| x.about.as_deref() == Some("李华")));
    for (cols, rows) in [(40, 20), (80, 24)] {
        let lines = screen::item(&s.screens[0], 2, Lang::Zh, cols, rows);
        assert!(lines.len() <= usize::from(rows), "{lines:?}");
        assert!(lines.iter().all(|l| crate::width::width(l) <= usize::from(cols)), "{cols}: {lines:?}");
        let joined: String = lines.iter().map(|l| l.trim()).collect();
        assert!(joined.contains("评价对象：李华 · 请按其实际表现作答"), "{cols}: {lines:?}");
        assert!(joined.contains("该同志做X1。"), "{cols}: {lines:?}");
        assert!(!joined.contains("我做X1"), "{cols}: {lines:?}");
    }
    let en = screen::item(&s.screens[0], 2, Lang::En, 40, 20).join("\n");
    assert!(en.contains("About: 李华 · answer by what they"), "{en}");
    // The review screen: the same texts, and whom they are about.
    let review = s.last_review.unwrap();
    assert_eq!(review.about.as_deref(), Some("李华"));
    let texts: Vec<&str> = review.lines.iter().map(|l| l.statement.as_str()).collect();
    assert_eq!(texts, statements);
    for (cols, rows) in [(40, 20), (80, 24)] {
        let lines = screen::review(&review, 0, Lang::Zh, cols, rows);
        assert!(lines.iter().all(|l| crate::width::width(l) <= usize::from(cols)), "{cols}: {lines:?}");
        let joined: String = lines.concat();
        assert!(joined.contains("评价对象：李华"), "{cols}: {lines:?}");
        assert!(joined.contains("该同志做X1"), "{cols}: {lines:?}");
    }
}

#[test]
fn a_self_rating_is_asked_the_first_person_text_and_no_whom_line() {
    let preset = Preset { role: Some(crate::result::Role::SelfRating), ..supervisor_of("李华") };
    let mut s = Script::new(answers(5));
    go_with(&interleaved(), (Lang::Zh, "zh"), &mut s, &mut Memory::default(), &preset, None).unwrap();
    let statements: Vec<&str> = s.screens.iter().map(|x| x.statement.as_str()).collect();
    assert_eq!(statements, ["我做X1。", "我做Y1。", "我做X2。", "我做Y2。", "我做Y3。"]);
    assert!(s.screens.iter().all(|x| x.about.is_none()));
    assert!(s.last_review.unwrap().about.is_none());
    let text = screen::item(&s.screens[0], 2, Lang::Zh, 80, 24).concat();
    assert!(!text.contains("评价对象"), "{text}");
}

#[test]
fn an_interleaved_rubric_is_asked_in_turn_and_names_no_dimension() {
    let mut s = Script::new(answers(5));
    let preset = Preset { role: Some(crate::result::Role::SelfRating), ..supervisor_of("李华") };
    let done = go_with(&interleaved(), (Lang::Zh, "zh"), &mut s, &mut Memory::default(), &preset, None).unwrap();
    assert_eq!(s.shown, [1, 2, 3, 4, 5]);
    assert!(s.screens.iter().all(|x| x.place.is_none() && x.total == 5));
    for x in &s.screens {
        for (cols, rows) in [(40, 20), (80, 24), (120, 40)] {
            let text = screen::item(x, 2, Lang::Zh, cols, rows).concat();
            assert!(!text.contains("分区甲") && !text.contains("维度"), "{text}");
            assert!(text.contains(&screen::progress(x.number, 5, Lang::Zh)), "{text}");
        }
    }
    assert_eq!(done.response.answers.len(), 5);
    // A grouped rubric still names them.
    let mut s = Script::new(steps(vec![
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Item(Answer(1)),
        Step::Review(ReviewAction::Submit),
    ]));
    go(&mut s, &mut Memory::default(), &Preset::default()).unwrap();
    assert_eq!(s.screens[0].place, Some(("S".to_string(), "D".to_string())));
    assert!(screen::item(&s.screens[0], 0, Lang::En, 80, 24)[0].starts_with("S › D"));
}

#[test]
fn back_and_review_go_by_the_order_asked() {
    let mut s = Script::new(vec![
        Step::Enter,
        Step::Item(Answer(1)), // x1
        Step::Item(Answer(2)), // y1
        Step::Item(Back),      // on x2: back to y1
        Step::Item(Answer(4)), // y1
        Step::Item(Answer(5)), // x2
        Step::Item(Answer(1)), // y2
        Step::Item(Answer(2)), // y3
        Step::Review(ReviewAction::Change(2)),
        Step::Item(Answer(3)), // x2 again
        Step::Review(ReviewAction::Submit),
    ]);
    let preset = Preset { role: Some(crate::result::Role::SelfRating), ..supervisor_of("李华") };
    let r = go_with(&interleaved(), (Lang::En, "en"), &mut s, &mut Memory::default(), &preset, None).unwrap().response;
    assert_eq!(s.shown, [1, 2, 3, 2, 3, 4, 5, 3]);
    assert_eq!(s.screens[7].statement, "I do X2.");
    assert_eq!(s.current[7], Some(Some(5)));
    let a = |k: &str| r.answers[k];
    assert_eq!((a("x1"), a("y1"), a("x2"), a("y2"), a("y3")), (Some(1), Some(4), Some(3), Some(1), Some(2)));
    let review = s.last_review.unwrap();
    let numbered: Vec<(usize, &str)> = review.lines.iter().map(|l| (l.number, l.statement.as_str())).collect();
    assert_eq!(numbered[..3], [(1, "I do X1."), (2, "I do Y1."), (3, "I do X2.")]);
}

#[test]
fn resuming_an_interleaved_draft_goes_on_at_the_first_item_not_answered_in_the_order_asked() {
    let loaded = interleaved();
    let mut m = Memory::default();
    let preset = supervisor_of("李华");
    let mut s = Script::new(vec![Step::Enter, Step::Item(Answer(4)), Step::Item(Answer(2)), Step::CtrlC]);
    assert!(go_with(&loaded, (Lang::Zh, "zh"), &mut s, &mut m, &preset, None).is_err());
    assert_eq!(m.drafts[0].answers.keys().collect::<Vec<_>>(), ["x1", "y1"]);
    assert_eq!(m.drafts[0].position, 2);

    let open = open_drafts(&mut m, &DraftFilter::default()).unwrap();
    let draft = pick_draft(&mut Script::default(), Lang::Zh, open).unwrap();
    let resume = Preset { resume: true, ..Default::default() };
    let mut s = Script::new(answers(3));
    let r = go_with(&loaded, (Lang::Zh, "zh"), &mut s, &mut m, &resume, draft).unwrap().response;
    assert_eq!(s.shown, [3, 4, 5]);
    assert_eq!(s.screens[0].statement, "我做X2。", "x2 comes third, and has no others text");
    assert_eq!(s.screens[1].statement, "该同志做Y2。", "still a supervisor's rating");
    assert_eq!(s.screens[1].about.as_deref(), Some("李华"));
    assert_eq!((r.answers["x1"], r.answers["y1"], r.answers["x2"]), (Some(4), Some(2), Some(3)));

    // A draft holding answers to x1, y1 and y3 (by id), its position past
    // x2: it goes on at x2, the first item not answered in the order asked
    // (asked 3rd), then on from there, y3 showing its answer.
    let mut d = m.drafts.first().cloned().unwrap_or_default();
    d.id = "old".into();
    d.answers = [("x1", Some(1)), ("y3", Some(3)), ("y1", Some(2))].map(|(k, v)| (k.to_string(), v)).into();
    d.position = 4;
    let mut s = Script::new(answers(3));
    let r = go_with(&loaded, (Lang::Zh, "zh"), &mut s, &mut Memory::default(), &resume, Some(d)).unwrap().response;
    assert_eq!(s.shown, [3, 4, 5]);
    assert_eq!(s.screens[0].statement, "我做X2。");
    assert_eq!(s.current, [None, None, Some(Some(3))]);
    assert_eq!((r.answers["x1"], r.answers["y1"], r.answers["x2"]), (Some(1), Some(2), Some(3)));
}
