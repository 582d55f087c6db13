// Fault injection for the protocol tests, off unless GONGWEN_FAULT_INJECTION=throwing-rule is set
// in the server's environment: then a rule that always throws runs after the real ones, to
// prove through stdio that a crashing rule is logged once and the other rules still report.

import { defineRule, type Rule } from "./rule";

export const FAULT_INJECTION_ENV = "GONGWEN_FAULT_INJECTION";

const throwingRule = defineRule({
  id: "fault-injection",
  meta: {
    name: { zh: "故障注入", en: "fault injection" },
    description: { zh: "测试用：总是抛出异常的规则", en: "Test only: a rule that always throws" },
    severity: "error",
    fixable: false,
    tags: ["test"],
  },
  defaultOptions: {},
  check(model, context) {
    // A report before the throw must be discarded with the rest of the rule's work.
    context.report({ start: 0, end: 0, message: { zh: "不应出现", en: "must not appear" } });
    throw new Error(`injected fault (document of ${model.text.length} characters)`);
  },
});

/** The rules the server runs: the ones given (the registry), plus the throwing rule when fault injection is on. */
export function rulesFromEnvironment(rules: readonly Rule<object>[], env: NodeJS.ProcessEnv = process.env): readonly Rule<object>[] {
  return env[FAULT_INJECTION_ENV] === "throwing-rule" ? [...rules, throwingRule] : rules;
}
