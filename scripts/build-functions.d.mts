// Types for scripts/build-functions.mjs (plain JS so that it runs without a TypeScript loader).
export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** CloudBase cron: second minute hour day month weekday year. */
  config: string;
}

export interface BuiltFunction {
  name: string;
  /** Relative to the repository root: `dist/cloudfunctions/<name>`. */
  dir: string;
  bytes: number;
  dependencies: Record<string, string>;
  openapi: string[];
  triggers: TimerTrigger[];
}

export const RUNTIME_EXTERNALS: string[];
export const TRIGGERS: Record<string, TimerTrigger[]>;
export function listFunctions(): string[];
export function buildFunction(
  name: string,
  rootPackage: { version: string; dependencies?: Record<string, string> },
  dirs?: { sourceDir?: string; outDir?: string },
): Promise<BuiltFunction>;
export function buildFunctions(): Promise<BuiltFunction[]>;
