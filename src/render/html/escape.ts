/** HTML escaping: every piece of text that reaches the report goes through `esc`. */

const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value → HTML (quotes escaped too, so it is safe in either place). */
export function esc(s: string | number | undefined | null): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => MAP[c]!);
}

/** An href: http(s) only, escaped; anything else is dropped. */
export function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? esc(url) : undefined;
}

/** A knowledge-base line (Markdown-ish) → escaped HTML with `code`, **bold** and [links](…) as text. */
export function inlineMarkdown(s: string): string {
  return esc(s.replace(/\[([^\]]+)\]\((?:[^)]+)\)/g, '$1'))
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}
