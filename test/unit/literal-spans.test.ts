// Literal stretches (URLs, e-mail addresses, paths, file names, Markdown code and link targets)
// that the text rules leave alone.

import { test } from "node:test";
import assert from "node:assert/strict";
import { literalSpans, insideSpans, overlapsSpans } from "../../server/src/model/literal-spans";

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
