/**
 * Markdown for the card renderer and the change summary. Teams renders a subset of markdown in
 * card text; markdown-it with raw HTML off escapes any HTML and refuses `javascript:` links, so
 * its output is safe to insert.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });

// Links open outside the tab (as Teams opens card links), never in the tab's frame.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Markdown to safe HTML. */
export const renderMarkdown = (text: string): string => md.render(text);
