//! Word's automatic numbering in a .docx (`word/numbering.xml`): abstract
//! lists and their levels (`w:start`, `w:numFmt`, `w:lvlText`, `w:lvlRestart`,
//! `w:suff`, `w:pStyle`, `w:isLgl`), list instances (`w:num`) with their
//! `w:lvlOverride`s, and the counters that turn each numbered paragraph into
//! the text Word shows in front of it.
//!
//! Counters belong to the abstract list, as in Word: two `w:num` of one
//! abstract list continue each other, and a `w:startOverride` restarts its
//! level where its `w:num` is first used.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::docx::{attr, local};
use super::number_format::{render_level, NumFormat, Suffix};

#[derive(Debug, Clone)]
pub(super) struct Level {
    start: i64,
    format: NumFormat,
    text: Option<String>,
    /// `w:lvlRestart`: restart after a level up to this one (1-based); 0 never.
    restart: Option<u8>,
    suffix: Suffix,
    style: Option<String>,
    legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level { start: 1, format: NumFormat::Decimal, text: None, restart: None, suffix: Suffix::Tab, style: None, legal: false }
    }
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    /// Level → (start override, replacing level).
    overrides: HashMap<usize, (Option<i64>, Option<Level>)>,
}

/// The lists of a document and their counters.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
    used: HashSet<String>,
    /// Paragraphs that received a number.
    pub rendered: usize,
}

fn int(v: Option<String>) -> Option<i64> {
    v.and_then(|v| v.trim().parse::<i64>().ok())
}

fn level_index(v: Option<String>) -> usize {
    int(v).unwrap_or(0).clamp(0, 8) as usize
}

impl Level {
    /// A level from a .doc list (LVLF and its number text with level placeholders written `%1`…).
    pub(super) fn new(start: i64, format: NumFormat, text: String, restart: Option<u8>, suffix: Suffix, legal: bool) -> Level {
        Level { start, format, text: Some(text), restart, suffix, style: None, legal }
    }
}

impl Numbering {
    /// Adds an abstract list (a .doc list, by its lsid).
    pub(super) fn add_list(&mut self, id: String, mut levels: Vec<Level>) {
        levels.resize(9, Level::default());
        self.abstracts.insert(id, levels);
    }

    /// Adds a list instance (a .doc LFO) with its start overrides by level.
    pub(super) fn add_instance(&mut self, id: String, list: String, starts: Vec<(usize, i64)>) {
        let overrides = starts.into_iter().filter(|(k, _)| *k < 9).map(|(k, s)| (k, (Some(s), None))).collect();
        self.nums.insert(id, Num { abstract_id: list, overrides });
    }

    /// Reads numbering.xml; what cannot be read is left out (the text stays).
    pub(super) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        // Where we are: an abstractNum, a num, and a level inside either.
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        while let Ok(ev) = reader.read_event() {
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    match local(e).as_str() {
                        "abstractNum" if !empty => abs = Some((attr(e, "abstractNumId").unwrap_or_default(), vec![Level::default(); 9])),
                        "num" if !empty => num = Some((attr(e, "numId").unwrap_or_default(), Num::default())),
                        "abstractNumId" => {
                            if let Some((_, n)) = num.as_mut() {
                                n.abstract_id = attr(e, "val").unwrap_or_default();
                            }
                        }
                        "lvlOverride" if !empty => override_level = Some(level_index(attr(e, "ilvl"))),
                        "startOverride" => {
                            if let (Some((_, n)), Some(l)) = (num.as_mut(), override_level) {
                                n.overrides.entry(l).or_default().0 = int(attr(e, "val"));
                            }
                        }
                        "lvl" if !empty => lvl = Some((level_index(attr(e, "ilvl")), Level::default())),
                        name => {
                            if let Some((_, l)) = lvl.as_mut() {
                                let val = attr(e, "val");
                                match name {
                                    "start" => l.start = int(val).unwrap_or(1),
                                    "numFmt" => l.format = NumFormat::from_docx(val.as_deref().unwrap_or("decimal")),
                                    "lvlText" => l.text = val,
                                    "lvlRestart" => l.restart = int(val).map(|v| v.clamp(0, 9) as u8),
                                    "suff" => {
                                        l.suffix = match val.as_deref() {
                                            Some("space") => Suffix::Space,
                                            Some("nothing") => Suffix::Nothing,
                                            _ => Suffix::Tab,
                                        }
                                    }
                                    "pStyle" => l.style = val,
                                    "isLgl" => l.legal = val.as_deref().is_none_or(|v| v != "0" && v != "false"),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Event::End(ref e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let Some((i, l)) = lvl.take() {
                            if let Some((_, levels)) = abs.as_mut() {
                                levels[i] = l;
                            } else if let (Some((_, n)), Some(o)) = (num.as_mut(), override_level) {
                                n.overrides.entry(o).or_default().1 = Some(l);
                            }
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                    }
                    "num" => {
                        if let Some((id, v)) = num.take() {
                            n.nums.insert(id, v);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        n
    }

    /// The level a style is linked to in a list (`w:pStyle` inside a `w:lvl`).
    pub(super) fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        self.abstracts.get(&num.abstract_id)?.iter().position(|l| l.style.as_deref() == Some(style))
    }

    fn level(&self, num: &Num, k: usize) -> Option<Level> {
        if let Some((_, Some(l))) = num.overrides.get(&k) {
            return Some(l.clone());
        }
        self.abstracts.get(&num.abstract_id).map(|levels| levels[k].clone())
    }

    /// The number text of the next paragraph of list `num_id` at level `ilvl`
    /// (empty for a bullet, `None` when the list does not exist or is `0`).
    pub(super) fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let num = self.nums.get(num_id)?;
        if !self.abstracts.contains_key(&num.abstract_id) {
            return None;
        }
        let levels: Vec<Level> = (0..9).map(|k| self.level(num, k).unwrap_or_default()).collect();
        let key = num.abstract_id.clone();
        let first_use = self.used.insert(num_id.to_string());
        let counters = self.counters.entry(key).or_insert([None; 9]);
        if first_use {
            for (k, (start, _)) in &num.overrides {
                if start.is_some() && *k < 9 {
                    counters[*k] = None;
                }
            }
        }
        let start = |k: usize| num.overrides.get(&k).and_then(|o| o.0).unwrap_or(levels[k].start);
        counters[ilvl] = Some(counters[ilvl].map_or(start(ilvl), |c| c + 1));
        for (k, level) in levels.iter().enumerate().skip(ilvl + 1) {
            // Level k restarts after the levels up to `restart` (1-based).
            let restarts = match level.restart {
                None => true,
                Some(0) => false,
                Some(r) => ilvl < r as usize,
            };
            if restarts {
                counters[k] = None;
            }
        }
        let level = &levels[ilvl];
        let template = level.text.clone().unwrap_or_else(|| format!("%{}.", ilvl + 1));
        let snapshot = *counters;
        let text = render_level(&template, level.suffix, |k| {
            let fmt = if level.legal && k < ilvl { NumFormat::Decimal } else { levels[k].format };
            Some((fmt, snapshot[k].unwrap_or_else(|| start(k))))
        });
        if !text.is_empty() {
            self.rendered += 1;
        }
        Some(text)
    }
}
