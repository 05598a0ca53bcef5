//! Properties of 校对 on generated texts full of the characters its rules
//! look at: it never panics, every span is in bounds and is the text found,
//! and applying the fixes of a rule removes what it found.

use proptest::prelude::*;

use lectern_text::check::{self, Finding};

/// Han characters the rules care about (doubling, 等, numerals, issuing
/// bodies, wording) and marks of every kind, half- and full-width.
const ALPHABET: &str = "的了是要在们党建学习坚持等中共国务院一二三〇年十大精神，。、；：！？“”‘’《》（）【】()…—-.,:;!? 　\n\n0123４５ABａ";

fn text() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 0..160).prop_map(|v| v.into_iter().collect())
}

fn check_spans(text: &str, found: &[Finding]) {
    let chars: Vec<char> = text.chars().collect();
    for f in found {
        assert!(f.start < f.end && f.end <= chars.len(), "{f:?} in {text:?}");
        assert_eq!(f.found, chars[f.start..f.end].iter().collect::<String>(), "{f:?}");
        assert!(!f.message.is_empty());
        assert_ne!(f.suggestion.as_deref(), Some(f.found.as_str()), "a fix that changes nothing: {f:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_in_bounds_and_are_the_text_found(t in text()) {
        check_spans(&t, &check::check(&t));
    }

    /// After every fix of one rule is applied (what 全部改 does), the check
    /// does not report the same thing (rule and text found) at the place a
    /// fix was made. Fixes of two rules side by side may together make a new
    /// finding (`了了 了`: dropping the doubled 了 and the space leaves `了了`,
    /// which is then rightly found), so the property is per rule.
    #[test]
    fn a_fixed_finding_is_not_found_again(t in text()) {
        let found = check::check(&t);
        let mut rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        for rule in rules {
            let edits = check::fixes(&found, Some(rule));
            let fixed = check::apply(&t, &edits);
            let again = check::check(&fixed);
            check_spans(&fixed, &again);
            let mut shift: isize = 0;
            for e in &edits {
                let f = found.iter().find(|f| f.start == e.start && f.end == e.end && f.suggestion.as_deref() == Some(e.insert.as_str())).unwrap();
                let at = (e.start as isize + shift) as usize;
                prop_assert!(
                    !again.iter().any(|g| g.rule == f.rule && g.start == at && g.found == f.found),
                    "{:?} found again in {:?} (was {:?})", f, fixed, t
                );
                shift += e.insert.chars().count() as isize - (e.end - e.start) as isize;
            }
        }
    }

    /// Fixes of one rule only touch that rule's findings.
    #[test]
    fn fixes_of_one_rule_are_that_rule_s(t in text()) {
        let found = check::check(&t);
        if let Some(rule) = found.iter().find(|f| f.suggestion.is_some()).map(|f| f.rule.clone()) {
            for e in check::fixes(&found, Some(&rule)) {
                prop_assert!(found.iter().any(|f| f.rule == rule && f.start == e.start && f.end == e.end));
            }
        }
    }
}

#[test]
fn a_long_paragraph_and_many_lines_do_not_slow_the_rules_into_quadratic_time() {
    // Behaviour, not timing: a 200,000-character text of marks and doubled
    // characters is checked at all (a quadratic rule would not finish in a test run).
    let t = "的的，，“《（".repeat(30_000) + &"\n一、".repeat(20_000);
    let found = check::check(&t);
    check_spans(&t, &found);
    assert!(found.len() > 30_000);
}
