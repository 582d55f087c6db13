// Picks the user's language for messages: Chinese when the locale starts with "zh", else English.

import type { Message } from "./engine/rule";

export type Language = "zh" | "en";

export function languageOf(locale: string | undefined): Language {
  return locale && locale.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function localize(message: Message, language: Language): string {
  return language === "zh" ? message.zh : message.en;
}
