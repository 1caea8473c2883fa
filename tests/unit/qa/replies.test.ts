import { describe, expect, it } from 'vitest';
import { ASKS_BACK, CONTENT, COURTESY, DEFLECTION, replyKind, SOLUTION, substantive, VAGUE_PROMISE } from '../../../src/qa/rules/replies';
import { prepared } from './helpers';

const kind = (text: string) => replyKind(prepared('agent', text));

describe('what a reply does', () => {
  it.each([
    ['您可以在设置里重启网络', SOLUTION],
    ['Please try to reinstall the app', SOLUTION],
    ['请您私信提供账号，我们会反馈', DEFLECTION],
    ['建议您私信我们', DEFLECTION],
    ['Please DM us your details', DEFLECTION],
    // Mostly deflection, one explanation word: it deflects.
    ['由于您未提供信息，请私信提供账号，我们会反馈核实', DEFLECTION],
    ['我们会尽快处理', VAGUE_PROMISE],
    ['We will get back to you', VAGUE_PROMISE],
    ['请稍等，我帮您查一下', COURTESY],
    ['Please wait', COURTESY],
    ['非常抱歉给您带来不便', COURTESY],
    ["I'm so sorry about that", COURTESY],
    ['还有什么可以帮您的吗？', COURTESY],
    ['亲，您好', COURTESY],
    ['请问您是在哪里买的？', ASKS_BACK],
    ['What size do you usually wear?', ASKS_BACK],
    ['有的', CONTENT],
    ['Yes', CONTENT],
    ['非常抱歉，这款已经没货了', CONTENT],
    ['对的亲，还是电子发票。请问还有其他可以帮到您的吗？', CONTENT],
  ])('%s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it('leaves bracketed emoji out of what a reply says', () => {
    expect(substantive(prepared('agent', '[微笑][微笑]'))).toBe(false);
    expect(substantive(prepared('agent', '[微笑]有的'))).toBe(true);
  });
});
