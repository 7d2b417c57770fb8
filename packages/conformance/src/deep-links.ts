/** R5: each deep link the institution publishes for its e-services answers (200 or a redirect, which is not followed). */
import { request, resolve } from './http.js';
import { result, type CheckResult } from './requirements.js';

export async function checkDeepLinks(system: string, links: string[]): Promise<CheckResult> {
  if (links.length === 0) return result('deep-links.answer', false, 'no deep links were given: name each e-service address with --deep-link');
  const answers = await Promise.all(
    links.map(async (link) => {
      const url = resolve(system, link);
      const answer = await request(url);
      if (!answer.ok) return { url, fine: false, told: answer.why };
      const status = answer.response.status;
      return { url, fine: status >= 200 && status <= 399, told: `${url} answered ${status}` };
    }),
  );
  const dead = answers.filter((answer) => !answer.fine);
  return dead.length === 0
    ? result('deep-links.answer', true, answers.map((answer) => answer.told).join('; '))
    : result('deep-links.answer', false, `${dead.map((answer) => answer.told).join('; ')}: a deep link must answer 200 or redirect`);
}
