//! Recognising a web page's furniture line by line: navigation, widgets,
//! bylines, pay-to-copy footers and link lists.

use crate::ordinal;
use crate::punct::is_han;

/// Phrases that make up whole lines of site furniture. A line made only of
/// these (with separators, digits and spaces) is furniture wherever it stands.
const PURE: &[&str] = &[
    "右侧显示信息", "左侧显示信息", "后台主题配置管理", "广告位", "广告", "网站首页", "返回首页", "返回顶部", "首页",
    "联系我们", "付费复制", "免费复制", "最近发表", "标签列表", "最新留言", "最新文章", "最新发布", "热门文章",
    "热门标签", "热门推荐", "相关文章", "相关阅读", "相关推荐", "推荐阅读", "延伸阅读", "猜你喜欢", "上一篇",
    "下一篇", "分享到", "打印本页", "打印本文", "关闭窗口", "扫一扫", "支付宝支付", "微信支付", "正在加载二维码",
    "收藏本文", "加入收藏", "设为首页", "网站地图", "发表评论", "我要评论", "网友评论", "点击排行", "文章归档",
    "友情链接", "在线客服", "站内搜索", "搜索", "登录", "注册", "评论", "分享", "打印", "收藏", "关闭", "举报",
    "点赞", "阅读原文", "微信", "微博", "QQ空间", "复制链接", "更多", "字号", "大", "中", "小", "正文",
];

/// Phrases that mark a line as furniture when it stands around the lecture
/// (before its title or after its last paragraph), never inside it.
const AROUND: &[&str] = &[
    "付费", "免费复制", "复制本文", "微信扫码", "扫码", "验证码", "公众号回复", "价格:", "价格：", "支付宝", "微信支付",
    "支付完成", "支付¥", "支付￥", "二维码", "正在加载", "分享代码", "版权所有", "版权声明", "免责声明", "侵权", "责任编辑",
    "本文来源", "来源：", "来源:", "阅读量", "浏览次数", "阅读次数", "点击数", "点击量", "Copyright", "copyright", "©",
    "ICP备", "上一篇", "下一篇", "当前位置", "您的位置", "所在位置", "客服", "原文链接", "转载请注明", "本站", "点击查看",
    "更多>>", "更多 >>", "联系我们", "首页", "标签：", "标签:", "关键词：", "关键词:", "关键字：", "Tags", "TAG",
    "请勿关闭此页", "下载本文", "文档下载", "全文下载", "扫描二维码",
];

fn strip_all(line: &str, phrases: &[&str]) -> (String, bool) {
    let mut s = line.to_string();
    let mut hit = false;
    for p in phrases {
        if s.contains(p) {
            hit = true;
            s = s.replace(p, " ");
        }
    }
    (s, hit)
}

/// Is `c` a separator, digit or symbol that may stand between furniture phrases?
fn is_filler(c: char) -> bool {
    !is_han(c) && !c.is_alphabetic() || c.is_ascii_digit()
}

/// A line made only of furniture phrases (`广告位 后台主题配置管理`, `付费复制 免费复制`).
pub fn is_pure(line: &str) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    // Longest phrases first so that `网站首页` is not read as `首页` + `网站`.
    let (rest, hit) = strip_all(line, PURE);
    hit && rest.chars().all(is_filler)
}

/// A line holding one of the phrases of the page around the lecture.
pub fn has_around_phrase(line: &str) -> bool {
    line.chars().count() <= 120 && AROUND.iter().any(|p| line.contains(p))
}

/// `网站首页 > 讲稿讲义 正文`, `首页 » 党建 » 正文`.
pub fn is_breadcrumb(line: &str) -> bool {
    let n = line.chars().count();
    if n > 60 || line.contains(['。', '！', '？']) {
        return false;
    }
    let seps = line.matches(['>', '»', '›', '→', '＞']).count();
    seps >= 1 && line.split(['>', '»', '›', '→', '＞']).filter(|s| !s.trim().is_empty()).count() >= 2
}

/// A date in a byline, as `YYYY-MM-DD`.
fn find_date(line: &str) -> Option<(String, usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let num = |from: usize, max: usize| -> Option<(u32, usize)> {
        let mut e = from;
        let mut v = 0u32;
        while e < chars.len() && chars[e].is_ascii_digit() && e - from < max {
            v = v * 10 + chars[e].to_digit(10)?;
            e += 1;
        }
        (e > from).then_some((v, e))
    };
    let mut i = 0;
    while i + 4 <= chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            if let Some((y, e)) = num(i, 4) {
                if e - i == 4 && (1949..=2100).contains(&y) {
                    let sep = chars.get(e).copied();
                    let (m_sep, d_end) = match sep {
                        Some('-') | Some('/') | Some('.') => (sep, None),
                        Some('年') => (sep, Some('月')),
                        _ => (None, None),
                    };
                    if let Some(ms) = m_sep {
                        if let Some((m, e2)) = num(e + 1, 2) {
                            let ds = if ms == '年' { d_end } else { Some(ms) };
                            if chars.get(e2).copied() == ds {
                                if let Some((d, e3)) = num(e2 + 1, 2) {
                                    let end = if ms == '年' && chars.get(e3) == Some(&'日') { e3 + 1 } else { e3 };
                                    if (1..=12).contains(&m) && (1..=31).contains(&d) {
                                        return Some((format!("{y:04}-{m:02}-{d:02}"), i, end));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// Words of a byline that are labels or counters, not a category.
const BYLINE_WORDS: &[&str] = &[
    "阅读", "浏览", "点击", "评论", "作者", "来源", "发布", "发布时间", "发布日期", "时间", "日期", "更新", "编辑",
    "次", "人", "字号", "大", "中", "小", "分享", "收藏", "打印", "关闭",
];

/// A byline: a short line with a date and the usual company (a time, a view
/// count, labels, a user name), e.g. `w227 2025-02-07 17:20:52 讲稿讲义 54 ℃`.
/// Returns the date and the category when one is named.
pub fn byline(line: &str) -> Option<(String, Option<String>)> {
    if line.chars().count() > 100 || line.contains(['。', '！', '？', '，']) {
        return None;
    }
    let (date, ds, de) = find_date(line)?;
    let rest: String = line.chars().take(ds).chain(line.chars().skip(de)).collect();
    let has_time = rest.contains(':') && rest.chars().filter(|c| c.is_ascii_digit()).count() >= 3;
    let labels = ["阅读", "浏览", "点击", "作者", "来源", "发布", "分类", "栏目", "时间", "编辑", "℃", "次"];
    let has_label = labels.iter().any(|l| rest.contains(l));
    if !has_time && !has_label {
        return None;
    }
    // The category: `分类：X`, `栏目：X`, or a bare Han word among the byline's tokens.
    let mut category = None;
    for label in ["分类", "栏目", "类别", "频道"] {
        if let Some(pos) = rest.find(label) {
            let after = rest[pos + label.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
            let word: String = after.chars().take_while(|&c| !c.is_whitespace() && c != '\u{3000}').collect();
            if !word.is_empty() {
                category = Some(word);
                break;
            }
        }
    }
    if category.is_none() {
        category = rest
            .split(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '|' || c == '丨')
            .filter(|t| {
                let n = t.chars().count();
                (2..=10).contains(&n) && t.chars().all(is_han) && !BYLINE_WORDS.contains(t)
            })
            .map(str::to_string)
            .next();
    }
    Some((date, category))
}

/// The category a breadcrumb names: the segment before `正文` or the last one.
pub fn breadcrumb_category(line: &str) -> Option<String> {
    let segs: Vec<String> = line
        .split(['>', '»', '›', '→', '＞'])
        .map(|s| s.trim().trim_end_matches("正文").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let last = segs.last()?;
    if segs.len() < 2 || last.contains("首页") || !last.chars().all(is_han) {
        return None;
    }
    Some(last.clone())
}

/// A salutation that opens the body: `同志们：`, `各位领导、同志们：`.
pub fn is_salutation(line: &str) -> bool {
    line.chars().count() <= 24 && (line.ends_with('：') || line.ends_with(':')) && !line.contains(['。', '，', ','])
}

/// A short line without a sentence: a title, a nav link, a subtitle.
pub fn is_weak(line: &str) -> bool {
    line.chars().count() <= 40
        && !line.contains(['。', '！', '？', '!', '?'])
        && !is_salutation(line)
        && ordinal::detect(line).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_bylines_and_widgets() {
        assert_eq!(
            byline("w227 2025-02-07 17:20:52 讲稿讲义 54 ℃"),
            Some(("2025-02-07".into(), Some("讲稿讲义".into())))
        );
        assert_eq!(byline("发布时间：2024年7月1日 分类：党课讲稿 阅读 120 次"), Some(("2024-07-01".into(), Some("党课讲稿".into()))));
        assert_eq!(byline("2024年7月1日"), None);
        assert_eq!(byline("2024年7月1日，我们召开了会议。"), None);
        assert!(is_pure("广告位 后台主题配置管理"));
        assert!(is_pure("付费复制 免费复制 付费复制"));
        assert!(is_pure("右侧显示信息"));
        assert!(!is_pure("联系我们的工作实际"));
        assert!(is_breadcrumb("网站首页 > 讲稿讲义 正文"));
        assert_eq!(breadcrumb_category("网站首页 > 讲稿讲义 正文"), Some("讲稿讲义".into()));
        assert!(has_around_phrase("付费后若不能复制,请刷新页面重试。 如有问题,再加客服微信。"));
        assert!(is_salutation("同志们:"));
        assert!(is_weak("党课:坚持以新型城镇化引领推动城乡融合发展"));
    }
}
