import { type Chunk, type ChunkName, registeredChunks } from '../chunks/register';
import { useCtx } from '../context';
import { SCRIPT_URL } from '../shared';
import { useFetch } from '../use-fetch';
import { Loaded } from './status';

/**
 * The scripts loaded beside widget.js when first needed, so the agent's first view parses only its own
 * code: widget-views.js (every other view but the manager's) and widget-manager.js (*Reports*, *QA rules*).
 * Each registers its views and its styles under its name (widget/src/chunks/).
 */
const loading = new Map<ChunkName, Promise<Chunk>>();

/** Loads `widget-<name>.js` once, beside this script; a failed load may be tried again. */
export function loadChunk(name: ChunkName): Promise<Chunk> {
  const ready = registeredChunks()[name];
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(name);
  if (!promise) {
    promise = new Promise<Chunk>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(`widget-${name}.js`, SCRIPT_URL).href;
      const fail = () => {
        loading.delete(name);
        script.remove();
        reject(new Error(`widget-${name}.js`));
      };
      script.onload = () => {
        const chunk = registeredChunks()[name];
        if (chunk) resolve(chunk);
        else fail();
      };
      script.onerror = fail;
      document.head.append(script);
    });
    loading.set(name, promise);
  }
  return promise;
}

/** A view of a chunk, shown with the chunk's styles once it has loaded (loading and error states like any fetch). */
export function LazyView({ chunk, name }: { chunk: ChunkName; name: string }) {
  const { t } = useCtx();
  const [state, retry] = useFetch(() => loadChunk(chunk), [chunk]);
  return (
    <Loaded state={state} t={t} retry={retry}>
      {(loaded) => {
        const View = loaded.views[name]!;
        // In the shadow root beside the shell's styles; Blink reuses the parsed sheet of a text it has seen.
        return (
          <>
            <style>{loaded.styles}</style>
            <View />
          </>
        );
      }}
    </Loaded>
  );
}
