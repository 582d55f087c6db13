// ESLint for our own code (flat config), run first by `npm test` (`npm run lint`).
//
// TypeScript (server, client, tests): typescript-eslint's recommended *type-checked* set, which
// reads the types tsconfig.json gives (through the project service). It is the set that catches
// what a language server cannot afford: promises nobody awaits or whose rejection nobody handles
// (no-floating-promises), async callbacks handed to APIs that ignore the promise
// (no-misused-promises, e.g. an async listener of a Node event), `await` on a non-promise, and
// `any` leaking out of JSON.parse or untyped messages into typed code (the no-unsafe-* rules).
// The whole set is on, not only the promise rules: on this tree it found little noise, and each
// place it flags is a place where a type was guessed. The few rules adjusted below say why.
//
// Scripts (.mjs, run by node): eslint's recommended JavaScript rules with Node's globals; they
// are not part of the TypeScript project, so no type-aware rules there.

import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Build output, dependencies, caches of the benchmark and the workbench, and the fixtures
    // (documents and their expected findings, not code).
    ignores: ["dist/**", "out/**", "node_modules/**", ".bench/**", ".e2e/**", "test/fixtures/**", "**/*.vsix"],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Named in issue 11: the server must never drop a rejected promise on the floor. `void p`
      // stays the explicit way to say "fire and forget, its errors are handled inside". node:test's
      // test() returns a promise that never rejects (failures go to the runner), so calling it at
      // the top of a test file is safe: the documented allowance for it, not a blanket exception.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { ignoreVoid: true, allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "it", "describe", "suite"] }] },
      ],
      // A void-returning callback slot that gets an async function: its rejection is lost.
      "@typescript-eslint/no-misused-promises": "error",
      // Parameters and locals kept for their position are named with a leading underscore
      // (tsc's noUnusedLocals/noUnusedParameters check the rest first).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    rules: {
      // U+3000, the ideographic space, is the 公文 paragraph indent: strings, templates, regular
      // expressions and comments quote documents that hold it. In code it is still an error.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true }],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
  {
    // The workbench scripts hand callbacks to page.evaluate(), which runs them in the page.
    files: ["scripts/e2e/**"],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
  },
);
