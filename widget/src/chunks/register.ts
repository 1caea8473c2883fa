import type { FunctionComponent } from 'preact';

/** What a script loaded later gives the widget: its views by name and the styles they need. */
export interface Chunk {
  styles: string;
  views: Record<string, FunctionComponent>;
}
export type ChunkName = 'views' | 'manager';

const GLOBAL = '__shopqaChunks';
export const registeredChunks = () => ((globalThis as unknown as Record<string, Partial<Record<ChunkName, Chunk>>>)[GLOBAL] ??= {});

/** Called by a chunk's script as it runs; the widget's loader picks it up on the script's load event. */
export function registerChunk(name: ChunkName, chunk: Chunk) {
  registeredChunks()[name] = chunk;
}
