//! Doubled characters that are almost always typos (`的的` `了了` `是是`
//! `要要` `在在` `们们`). A doubling is left alone when it is two words
//! meeting (`目的的`, `为了了解`, `主要要求`, `是是否`), part of an AABB form
//! (`的的确确` `实实在在` `是是非非`), or a longer run.

use super::{Category, Doc, Finding};

const CAT: Category = Category::Doubled;

/// The characters checked, each with the characters that form a word with it
/// before (`目` for `目的`) and after (`确` for `的确`): a doubling between
/// such a word and the character is two words, not a typo.
const TABLE: &[(char, &str, &str)] = &[
    ('的', "目有标端", "确"),
    ('了', "为除罢算不完", "解然结却之如得不"),
    ('是', "", "否非"),
    ('要', "主重需必只想纲摘提紧首扼次概机显纪总简", "求点素害紧务领义件闻职塞道员事旨略案"),
    ('在', "存实现正所自内外潜好旨意志贵难健常", "于乎场座职岗编建线校读任"),
    ('们', "", ""),
    ('和', "温平缓总调柔随讲祥暖饱亲政共", "谐平睦美气蔼煦解好衷"),
    ('与', "参给赋授准赠施付寄干", "会其日共否众"),
    ('对', "针面应绝相反核比校派敌配成一", "象待照策话接口标外于比手立应称付抗内账冲号联路头子方岸"),
    ('将', "即必老武大猛名干良主战宿少中上", "来近要会军领士官就信息功心"),
    ('就', "成造迁将早本高去俯", "业是此职地餐近读算医位绪"),
    ('并', "合兼吞归一而", "且非列举存重行购肩轨发入网不没未用"),
    ('而', "然因进从故反继转既甚时忽偶一再总且幸", "且言已是今后立为易"),
    ('以', "可所加予难得足用借据藉给何无是赖不有聊尤施报辅持继处示", "来后前上下内外及便免此为致至往期"),
    ('于', "关对由至在等属基终处鉴善急忠勇敢乐便易难过源出用归居限立甚莫陷位致利适置负安趋流勤合宜", "是此今后心事法"),
    ('被', "棉", "子动告迫害褥单"),
];

pub fn check(doc: &Doc, out: &mut Vec<Finding>) {
    let c = &doc.chars;
    let n = c.len();
    let mut i = 0;
    while i + 1 < n {
        if c[i] != c[i + 1] {
            i += 1;
            continue;
        }
        let x = c[i];
        let Some(&(_, before, after)) = TABLE.iter().find(|t| t.0 == x) else {
            i += 1;
            continue;
        };
        let prev = doc.before(i);
        let next = doc.at(i + 2);
        let run = prev == Some(x) || next == Some(x);
        let two_words = prev.is_some_and(|p| before.contains(p)) || next.is_some_and(|q| after.contains(q));
        // AABB: `实实在在`, `是是非非`.
        let aabb = (i >= 2 && c[i - 1] == c[i - 2] && c[i - 1] != x) || (i + 3 < n && c[i + 2] == c[i + 3] && c[i + 2] != x);
        if !run && !two_words && !aabb {
            out.push(doc.finding("doubled.char", CAT, i, i + 2, Some(x.to_string()), format!("「{x}{x}」重复，疑为多打了一个「{x}」")));
        }
        i += 2;
    }
}
