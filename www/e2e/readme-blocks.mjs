// The README's marked example blocks (`<!-- readme-example: <name> … -->` before a fence), which
// the e2e suite runs verbatim.
import { readFile } from 'node:fs/promises';

/** The README's text. */
export const readme = () => readFile(new URL('../../README.md', import.meta.url), 'utf8');

/** The code of the README block marked `readme-example: <name>`, a ```<lang> fence (asserted
 * to be there). */
export async function readmeExample(assert, name, lang = 'js') {
  const fence = new RegExp(`<!-- readme-example: ${name}[^>]*-->\\s*\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``);
  const match = (await readme()).match(fence);
  assert.ok(match, `README has a marked ${name} block`);
  return match[1];
}
