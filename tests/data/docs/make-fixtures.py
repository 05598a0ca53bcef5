#!/usr/bin/env python3
"""Makes the document fixtures of tests/data/docs from lecture.txt, with real producers.

- lecture.docx: WordprocessingML written here (as Word writes it): the ordinals are
  automatic numbering (numbering.xml, w:numPr on ordinary paragraphs, no heading
  styles), one tracked insertion and one tracked deletion, a header, a footer with a
  PAGE field, a table.
- lecture-lo.docx, lecture.doc, lecture-libreoffice.pdf: LibreOffice headless saves
  lecture.docx as .docx and as Word 97-2003, and prints it to PDF (tracked changes
  accepted first, as one prints a final copy).
- lecture-typst.pdf: Typst (the typst Python package) typesets the plain text with a
  running header and 第 N 页 footers.
- long-100-pages.pdf: Typst, a hundred pages (the benchmark).
- scanned.pdf: Typst, a page with only a drawing (no text layer).
- word-numbering.docx: hand-written WordprocessingML for what Word writes and
  LibreOffice does not: numbering through a paragraph style (inherited), lvlRestart,
  lvlOverride/startOverride, suff, decimalFullWidth, ideographTraditional, enclosed
  numbers, chineseCountingThousand; a content control, a text box, a complex field, a
  comment, a footnote and a moveFrom/moveTo pair.
- word-numbering.doc: LibreOffice saves word-numbering.docx as Word 97-2003.
- damaged.doc: the first 4 KB of lecture.doc.

Run: python3 tests/data/docs/make-fixtures.py  (needs soffice and `pip install typst`).
"""
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype"]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""


def styles(extra=""):
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC"/><w:sz w:val="28"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:style>
{extra}
</w:styles>"""


def numbering(abstracts, nums):
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
{abstracts}
{nums}
</w:numbering>"""


def lvl(ilvl, fmt, text, start=1, suff=None, restart=None, style=None):
    s = f'<w:suff w:val="{suff}"/>' if suff else ""
    r = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    st = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{r}{st}{s}<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="560"/></w:pPr></w:lvl>'


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(inner, num=None, ind=True, jc=None, style=None):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if ind:
        ppr += '<w:ind w:firstLineChars="200" w:firstLine="560"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{inner}</w:p>"


def document(body, sect=True):
    s = ('<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
         '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1588" w:bottom="1440" w:left="1588" w:header="720" w:footer="720"/></w:sectPr>') if sect else ""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}{s}</w:body></w:document>'


HEADER = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W}><w:p><w:pPr><w:jc w:val="right"/></w:pPr>{run("内部学习资料")}</w:p></w:hdr>'
FOOTER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{run("— ")}'
          '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' + run(" —") + "</w:p></w:ftr>")
EMPTY_NOTES = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}></w:footnotes>'
EMPTY_COMMENTS = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W}></w:comments>'


def write_docx(path, document_xml, styles_xml, numbering_xml, footnotes=EMPTY_NOTES, comments=EMPTY_COMMENTS):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        # A fixed date keeps the file the same from run to run.
        def put(name, data):
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        put("[Content_Types].xml", CONTENT_TYPES)
        put("_rels/.rels", ROOT_RELS)
        put("word/_rels/document.xml.rels", DOC_RELS)
        put("word/document.xml", document_xml)
        put("word/styles.xml", styles_xml)
        put("word/numbering.xml", numbering_xml)
        put("word/header1.xml", HEADER)
        put("word/footer1.xml", FOOTER)
        put("word/footnotes.xml", footnotes)
        put("word/comments.xml", comments)


ORDINALS = [
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^（[一二三四五六七八九十]+）")),
    (2, re.compile(r"^\d+\.")),
    (3, re.compile(r"^（\d+）")),
]
INSERTED = "每名党员都要制定个人学习计划，"
DELETED = "这句在修订中被删去的话不应出现。"


def lecture_body(lines, tracked):
    """The lecture as WordprocessingML paragraphs: ordinals become numbering."""
    out = []
    table = []

    def flush_table():
        if not table:
            return
        rows = "".join("<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="2800" w:type="dxa"/></w:tcPr><w:p>{run(c)}</w:p></w:tc>' for c in r) + "</w:tr>" for r in table)
        grid = "".join('<w:gridCol w:w="2800"/>' for _ in table[0])
        out.append(f'<w:tbl><w:tblPr><w:tblW w:w="8400" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>')
        table.clear()

    for i, line in enumerate(lines):
        if "\t" in line:
            table.append(line.split("\t"))
            continue
        flush_table()
        if i == 0:
            out.append(para(f'<w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr><w:t>{escape(line)}</w:t></w:r>', ind=False, jc="center"))
            continue
        num = None
        for level, rx in ORDINALS:
            m = rx.match(line)
            if m:
                num = (1, level)
                line = line[m.end():]
                break
        if tracked and INSERTED in line:
            before, after = line.split(INSERTED)
            inner = (run(before) + f'<w:ins w:id="1" w:author="审稿人" w:date="2024-01-01T00:00:00Z">{run(INSERTED)}</w:ins>'
                     + run(after) + f'<w:del w:id="2" w:author="审稿人" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>{DELETED}</w:delText></w:r></w:del>')
        else:
            inner = run(line)
        out.append(para(inner, num=num, ind=num is None or level > 1))
    flush_table()
    return "".join(out)


LECTURE_NUMBERING = numbering(
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
    + lvl(0, "chineseCounting", "%1、", suff="nothing")
    + lvl(1, "chineseCounting", "（%2）", suff="nothing")
    + lvl(2, "decimal", "%3.", suff="nothing")
    + lvl(3, "decimal", "（%4）", suff="nothing")
    + "</w:abstractNum>",
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
)


def word_numbering_docx(path):
    """The numbering cases Word writes: see the module docstring. Expected text in word-numbering.txt."""
    extra = (
        '<w:style w:type="paragraph" w:styleId="a1"><w:name w:val="我的一级"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
        # Inherits the numbering from a1 and says which level.
        '<w:style w:type="paragraph" w:styleId="a2"><w:name w:val="我的二级"/><w:basedOn w:val="a1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style>'
    )
    abstracts = (
        '<w:abstractNum w:abstractNumId="10">'
        + lvl(0, "chineseCountingThousand", "第%1部分", suff="space")
        + lvl(1, "ideographTraditional", "%2.", suff="tab")
        + lvl(2, "decimalFullWidth", "%3．", suff="nothing")
        + lvl(3, "decimalEnclosedCircle", "%4", suff="nothing")
        + lvl(4, "decimalEnclosedParen", "%5", suff="nothing", restart=0)
        + lvl(5, "chineseCounting", "（%6）", suff="nothing", start=3)
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="11">'
        + lvl(0, "decimal", "%1.", suff="nothing")
        + lvl(1, "decimal", "%1.%2", suff="nothing")
        + "</w:abstractNum>"
    )
    nums = (
        '<w:num w:numId="2"><w:abstractNumId w:val="10"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="11"/></w:num>'
    )
    ps = []
    ps.append(para(run("编号测试"), ind=False))
    ps.append(para(run("总体要求"), style="a1", ind=False))                     # 第一部分 总体要求
    ps.append(para(run("学习目标"), style="a2", ind=False))                     # 甲.学习目标 (tab -> nothing after .)
    ps.append(para(run("读原著"), num=(2, 2), ind=False))                       # １．读原著
    ps.append(para(run("学原文"), num=(2, 2), ind=False))                       # ２．学原文
    ps.append(para(run("第一条"), num=(2, 3), ind=False))                       # ①第一条
    ps.append(para(run("第二条"), num=(2, 3), ind=False))                       # ②第二条
    ps.append(para(run("括号一"), num=(2, 4), ind=False))                       # ⑴括号一
    ps.append(para(run("从三开始"), num=(2, 5), ind=False))                      # （三）从三开始
    ps.append(para(run("括号二"), num=(2, 4), ind=False))                       # ⑵括号二 (lvlRestart 0: never restarts)
    ps.append(para(run("工作安排"), style="a1", ind=False))                     # 第二部分 工作安排
    ps.append(para(run("覆盖起始"), num=(3, 2), ind=False))                     # ７．覆盖起始 (startOverride)
    ps.append(para(run("再从甲起"), style="a2", ind=False))                     # 甲. again: restarted by 第二部分
    ps.append(para(run("括号三"), num=(2, 4), ind=False))                       # ⑶括号三: lvlRestart 0 never restarts
    ps.append(para(run("大项"), num=(4, 0), ind=False))                         # 1.大项
    ps.append(para(run("小项"), num=(4, 1), ind=False))                         # 1.1小项 (%1.%2)
    # Content control, text box, complex field, comment, footnote, move.
    ps.append('<w:sdt><w:sdtPr><w:alias w:val="日期"/></w:sdtPr><w:sdtContent>' + para(run("控件里的文字"), ind=False) + "</w:sdtContent></w:sdt>")
    ps.append(para(run("正文开头，") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD 地点 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                   + run("北京") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                   + '<w:commentRangeStart w:id="0"/>' + run("会议") + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
                   + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>' + run("召开。"), ind=False))
    ps.append(para(run("文本框前。") + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
                   + para(run("文本框里的话。"), ind=False) + '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
                   + para(run("文本框里的话。"), ind=False) + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>' + run("文本框后。"), ind=False))
    ps.append(para('<w:moveFrom w:id="5" w:author="a">' + run("移走的句子。") + "</w:moveFrom>" + run("留下的句子。"), ind=False))
    ps.append(para('<w:moveTo w:id="6" w:author="a">' + run("移走的句子。") + "</w:moveTo>", ind=False))
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{run(" 见会议通知。")}</w:p></w:footnote></w:footnotes>')
    comments = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W}><w:comment w:id="0" w:author="a"><w:p>{run("批注不进正文")}</w:p></w:comment></w:comments>'
    write_docx(path, document("".join(ps)), styles(extra), numbering(abstracts, nums), footnotes, comments)


def soffice(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def typst_pdf(path, body, header="内部学习资料", footer="第 #counter(page).display() 页"):
    import typst
    src = f"""#set page(paper: "a4", margin: (x: 2.6cm, y: 3cm),
  header: align(right)[#text(size: 10pt)[{header}]],
  footer: context align(center)[#text(size: 10pt)[{footer}]])
#set text(font: "Noto Serif CJK SC", size: 14pt, lang: "zh")
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.9em, spacing: 0.9em)
{body}
"""
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "in.typ")
        with open(p, "w", encoding="utf-8") as f:
            f.write(src)
        typst.compile(p, output=path, font_paths=FONTS)


def typst_escape(s):
    return re.sub(r'([\\#*_`$<>@\[\]=~/"-])', r"\\\1", s)


def typst_lecture(lines):
    out = [f"#align(center)[#text(size: 18pt, weight: \"bold\")[{typst_escape(lines[0])}]]", ""]
    table = [l.split("\t") for l in lines if "\t" in l]
    table_done = False
    for l in lines[1:]:
        if "\t" in l:
            if not table_done:
                cells = ", ".join(f"[{typst_escape(c)}]" for r in table for c in r)
                out += [f"#table(columns: ({', '.join(['1fr'] * len(table[0]))}), {cells})", ""]
                table_done = True
            continue
        out += [typst_escape(l), ""]
    return "\n".join(out)


def main():
    lines = [l for l in open(os.path.join(HERE, "lecture.txt"), encoding="utf-8").read().splitlines() if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        lecture = os.path.join(HERE, "lecture.docx")
        write_docx(lecture, document(lecture_body(lines, tracked=True)), styles(), LECTURE_NUMBERING)
        # LibreOffice: the same document saved as .docx and .doc.
        src = os.path.join(tmp, "lecture-lo.docx")
        shutil.copy(lecture, src)
        soffice(src, "docx:MS Word 2007 XML", os.path.join(tmp, "out"))
        shutil.copy(os.path.join(tmp, "out", "lecture-lo.docx"), os.path.join(HERE, "lecture-lo.docx"))
        shutil.copy(lecture, os.path.join(tmp, "lecture.docx"))
        soffice(os.path.join(tmp, "lecture.docx"), "doc:MS Word 97", tmp)
        shutil.copy(os.path.join(tmp, "lecture.doc"), os.path.join(HERE, "lecture.doc"))
        # The printed copy: the changes accepted.
        final = os.path.join(tmp, "lecture-libreoffice.docx")
        write_docx(final, document(lecture_body([l.replace(INSERTED, INSERTED) for l in lines], tracked=False)), styles(), LECTURE_NUMBERING)
        soffice(final, "pdf:writer_pdf_Export", tmp)
        shutil.copy(os.path.join(tmp, "lecture-libreoffice.pdf"), os.path.join(HERE, "lecture-libreoffice.pdf"))
        with open(os.path.join(HERE, "lecture.doc"), "rb") as f:
            head = f.read(4096)
        with open(os.path.join(HERE, "damaged.doc"), "wb") as f:
            f.write(head)
    typst_pdf(os.path.join(HERE, "lecture-typst.pdf"), typst_lecture(lines))
    body = typst_lecture(lines)
    long_body = "\n".join([body] + [typst_lecture(lines).split("\n", 2)[2] for _ in range(70)])
    typst_pdf(os.path.join(HERE, "long-100-pages.pdf"), long_body + "\n#pagebreak()\n" * 0, footer="— #counter(page).display() —")
    typst_pdf(os.path.join(HERE, "scanned.pdf"), "#rect(width: 100%, height: 60%, fill: gray)", header="", footer="")
    word_numbering_docx(os.path.join(HERE, "word-numbering.docx"))
    # The numbering cases through LibreOffice's .doc export (list tables LSTF/LVL/LFO).
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(HERE, "word-numbering.docx"), tmp)
        soffice(os.path.join(tmp, "word-numbering.docx"), "doc:MS Word 97", tmp)
        shutil.copy(os.path.join(tmp, "word-numbering.doc"), os.path.join(HERE, "word-numbering.doc"))


if __name__ == "__main__":
    main()
