// Literal stretches (URLs, e-mail addresses, paths, file names, Markdown code and link targets)
// that the text rules leave alone.

import { test } from "node:test";
import assert from "node:assert/strict";
import { emphasisDelimiters, literalSpans, insideSpans, overlapsSpans } from "../../server/src/model/literal-spans";

/** The literal stretches of a line as the strings they cover. */
function literals(text: string, markdown = false): string[] {
  const spans = literalSpans(text, markdown);
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(text.slice(spans[i], spans[i + 1]));
  return out;
}

test("URLs, e-mail addresses, paths and file names are literal; the Chinese around them is not", () => {
  assert.deepEqual(literals("详见https://www.gov.cn/zhengce/2024-03/05/content_1.htm，请查阅。"), ["https://www.gov.cn/zhengce/2024-03/05/content_1.htm"]);
  assert.deepEqual(literals("网址：www.tjj.gov.cn（统计局）"), ["www.tjj.gov.cn"]);
  assert.deepEqual(literals("请发送至tjj_bgs@163.com，并电话告知。"), ["tjj_bgs@163.com"]);
  assert.deepEqual(literals("文件存放在D:\\统计资料\\2024年\\月报，每月更新。"), ["D:\\统计资料\\2024年\\月报"]);
  assert.deepEqual(literals("配置在/etc/gongwen/config.json中"), ["/etc/gongwen/config.json"]);
  assert.deepEqual(literals("附件：2024年工作要点.docx、任务分解表.xlsx"), ["2024年工作要点.docx", "任务分解表.xlsx"]);
  assert.deepEqual(literals("上午10:30在三楼会议室召开会议，比例尺1:500。"), []);
  assert.deepEqual(literals("完成1,000户，增长3.5%，达到2024.3.5的目标"), []);
  assert.deepEqual(literals("城乡、区县/街道两级"), []);
});

test("Markdown: code spans, link targets, reference definitions, autolinks and tags", () => {
  assert.deepEqual(literals("运行`npm run build`命令，见[说明](https://example.com/a(b)c \"标题\")。", true), ["`npm run build`", "](https://example.com/a(b)c \"标题\")"]);
  assert.deepEqual(literals("[1]: https://www.gov.cn \"中国政府网\"", true), ["[1]: https://www.gov.cn \"中国政府网\""]);
  assert.deepEqual(literals("请访问<https://www.gov.cn>或<br/>换行", true), ["<https://www.gov.cn>", "<br/>"]);
  // In plain text a back quote is just a character.
  assert.deepEqual(literals("运行`npm`命令", false), []);
});

test("HTML character references are literal in plain text and Markdown; a lone & is text", () => {
  assert.deepEqual(literals("请按时报送。&nbsp;数据截至&amp;年底&#8212;&#x2014;。"), ["&nbsp;", "&amp;", "&#8212;&#x2014;"]);
  assert.deepEqual(literals("&lt;通知&gt;", true), ["&lt;", "&gt;"]);
  assert.deepEqual(literals("科研&开发;合作与交流& 培训"), []);
});

test("Markdown bold pasted into plain text: the ** delimiters of a pair; star masks are not bold", () => {
  const delimiters = (text: string) => {
    const spans = emphasisDelimiters(text);
    const out: string[] = [];
    for (let i = 0; i < spans.length; i += 2) out.push(`${spans[i]}-${spans[i + 1]}`);
    return out;
  };
  assert.deepEqual(delimiters("**组织开展“质量月”活动**"), ["0-2", "13-15"]);
  assert.deepEqual(delimiters("　　**（一）加强领导。**要求各单位……"), ["2-4", "12-14"]);
  assert.deepEqual(delimiters("重点是**安全生产**，其次"), ["3-5", "9-11"]);
  assert.deepEqual(delimiters("、**员工培训**两项"), ["1-3", "7-9"]);
  // Masks: one character between, glued to a word, three stars, no closing pair.
  assert.deepEqual(delimiters("**县**镇和**乡**村"), []);
  assert.deepEqual(delimiters("如**小区、由***公司、加强**建工作"), []);
  assert.deepEqual(delimiters("**县委**书记"), []);
  assert.deepEqual(delimiters("推进**员活动，抓好**风廉政建设"), []);
  assert.deepEqual(delimiters("__下划线强调__内容"), ["0-2", "7-9"]);
  assert.deepEqual(delimiters("__下划线强调__。"), ["0-2", "7-9"]);
  assert.deepEqual(delimiters("*".repeat(3000)), []);
});

test("span lookups", () => {
  const spans = [2, 5, 8, 10];
  assert.equal(insideSpans(spans, 1), false);
  assert.equal(insideSpans(spans, 2), true);
  assert.equal(insideSpans(spans, 5), false);
  assert.equal(insideSpans(spans, 9), true);
  assert.equal(overlapsSpans(spans, 5, 8), false);
  assert.equal(overlapsSpans(spans, 4, 6), true);
  assert.equal(overlapsSpans(spans, 9, 20), true);
});

test("hostile lines end quickly and never throw", () => {
  for (const line of ["`".repeat(50000), "a@".repeat(30000), "/".repeat(100000), "https://" + "a".repeat(200000), "[".repeat(20000) + "](" + "(".repeat(20000), "<".repeat(50000) + "a"]) {
    const spans = literalSpans(line, true);
    assert.ok(spans.length % 2 === 0);
  }
});
