//! `lectern rules`: the library's own wording rules for 校对 (规范表述 the
//! user adds to the shipped ones): add, list, remove. `lectern check --db`
//! and the app's 校对 pane use them.

use std::path::Path;

use clap::Subcommand;

use crate::{db_path, CliError};
use lectern_library::Library;

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Adds a wording rule (or replaces the rule with the same PATTERN); prints its id
    Add {
        /// The wording to find, e.g. 两学一做
        pattern: String,
        /// What to write instead, e.g. “两学一做”学习教育
        standard: String,
        /// Where the standard form comes from
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Lists the library's wording rules: id, pattern, standard form, note
    List {
        /// Prints a JSON list of {"id", "pattern", "standard", "note", "created_at"}
        #[arg(long)]
        json: bool,
    },
    /// Removes a wording rule, named by its id or its pattern
    Remove {
        #[arg(value_name = "ID|PATTERN")]
        rule: String,
    },
}

impl RulesCommand {
    pub fn run(self, db: Option<&Path>) -> Result<(), CliError> {
        let lib = Library::open(&db_path(db)?)?;
        match self {
            RulesCommand::Add { pattern, standard, note } => println!("{}", lib.add_wording_rule(&pattern, &standard, &note)?),
            RulesCommand::List { json } => {
                let rules = lib.wording_rules()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&rules)?);
                } else {
                    for r in &rules {
                        let note = if r.rule.note.is_empty() { String::new() } else { format!("\t（{}）", r.rule.note) };
                        println!("{}\t{}\t→ {}{note}", r.id, r.rule.pattern, r.rule.standard);
                    }
                    println!("共 {} 条", rules.len());
                }
            }
            RulesCommand::Remove { rule } => {
                let wanted = rule.trim();
                let id = lib
                    .wording_rules()?
                    .into_iter()
                    .find(|r| r.rule.pattern == wanted || wanted.parse() == Ok(r.id))
                    .map(|r| r.id)
                    .ok_or_else(|| format!("讲稿库中没有这条规范表述：{wanted}"))?;
                lib.delete_wording_rule(id)?;
                println!("已删除规范表述 {wanted}");
            }
        }
        Ok(())
    }
}
