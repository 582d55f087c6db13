import { parseDocument } from "../work/wt/h12/server/src/model/parse";
import { headingCompletions } from "../work/wt/h12/server/src/lsp/completion";
function run(text: string, line: number, ch: number, lang = "gongwen") {
  const m = parseDocument({ text, uri: "file:///x", version: 1, languageId: lang });
  console.log(JSON.stringify(headingCompletions(m, { line, character: ch }).map((i) => [i.label, (i.textEdit as any).range.start.character, (i.textEdit as any).range.end.character, (i.textEdit as any).newText])));
}
run("工作计划\n\n一、总体要求\n（一）甲\n（二）乙\n（）", 5, 1);
run("工作计划\n\n一、总体要求\n（一）甲\n（二）乙\n(", 5, 1);
run("工作计划\n\n一、总体要求\n（一）甲\n（二）乙\n二", 5, 1);
run("工作计划\n\n一、总体要求\n（一）甲\n（二）乙\n", 5, 0);
run("# 工作计划\n\n## 一、总体要求\n### （一）甲\n\n## ", 5, 3, "markdown");
run("# 工作计划\n\n## 一、总体要求\n### （一）甲\n\n### （", 5, 5, "markdown");
run("工作计划\n\n一、总体要求\n（一）甲\n（二）乙\nyj", 5, 2);
