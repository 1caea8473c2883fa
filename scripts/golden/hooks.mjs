// Module hooks for the AutoQA golden record: the unit tests' `vitest` import becomes a recorder of what
// they check, and their calls into src/qa/autoqa go through a recorder of every full result.
const STUB = new URL('./vitest-stub.ts', import.meta.url).href;
const RECORDER = new URL('./autoqa-recorder.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'vitest') return { url: STUB, shortCircuit: true };
  if (context.parentURL?.includes('/tests/unit/qa/') && /\/src\/qa\/autoqa(\.ts)?$/.test(specifier)) return { url: RECORDER, shortCircuit: true };
  return next(specifier, context);
}
