// The parts of Eleventy 3's API this project uses (Eleventy ships no TypeScript types).
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    config?: (eleventyConfig: EleventyConfig) => void | Promise<void>;
  }
  export interface EleventyPageResult {
    url: string | false;
    inputPath: string;
    outputPath: string | false;
    content: string;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<EleventyPageResult[]>;
    setIsVerbose(verbose: boolean): void;
    setDryRun(dryRun: boolean): void;
    readonly logger: { overrideLogger(logger: false | Console): void };
  }
  export interface EleventyCollectionItem {
    url: string;
    inputPath: string;
    outputPath: string;
    data: Record<string, unknown>;
  }
  export interface EleventyCollectionApi {
    getFilteredByGlob(glob: string | string[]): EleventyCollectionItem[];
    getAll(): EleventyCollectionItem[];
  }
  export interface EleventyConfig {
    dir: { input: string; includes: string; data: string; output: string };
    // biome-ignore lint/suspicious/noExplicitAny: filters take whatever the template passes
    addFilter(name: string, filter: (...args: any[]) => unknown): void;
    addPlugin<Options>(plugin: (eleventyConfig: EleventyConfig, options: Options) => void, options: Options): void;
    addPlugin(plugin: (eleventyConfig: EleventyConfig) => void): void;
    addCollection(name: string, build: (api: EleventyCollectionApi) => unknown): void;
    addDataExtension(extensions: string, parser: (contents: string, filePath: string) => unknown): void;
    addGlobalData(name: string, value: unknown): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    /** A template that has no file: its input path (extension picks the engine), content and data. */
    addTemplate(virtualInputPath: string, content: string, data?: Record<string, unknown>): void;
    addTransform(
      name: string,
      transform: (this: { page: { outputPath: string | false; inputPath: string; url?: string | false } }, content: string) => unknown,
    ): void;
    addWatchTarget(path: string): void;
    setLibrary(name: "liquid" | "md", library: unknown): void;
    /** Another file extension for a template language (`{ key: "md" }`: `.markdown` files are markdown). */
    addExtension(extension: string | string[], options: { key: string }): void;
    /** Runs `amend` on the library once Eleventy has set it up (after its own changes to it). */
    amendLibrary(name: "liquid" | "md", amend: (library: unknown) => void): void;
    setFrontMatterParsingOptions(options: Record<string, unknown>): void;
    setLiquidOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    setInputDirectory(dir: string): void;
    setIncludesDirectory(dir: string): void;
    setLayoutsDirectory(dir: string): void;
    setDataDirectory(dir: string): void;
    setOutputDirectory(dir: string): void;
    setTemplateFormats(formats: string[]): void;
    addTemplateFormats(formats: string[]): void;
    setServerOptions(options: Record<string, unknown>): void;
    setUseGitIgnore(use: boolean): void;
    /** Suffixes of template and folder data files (`.11tydata`, ""); [] for none. */
    setDataFileSuffixes(suffixes: string[]): void;
    setUseTemplateCache(use: boolean): void;
    // biome-ignore lint/suspicious/noExplicitAny: each event passes its own arguments
    on(event: string, listener: (...args: any[]) => unknown): void;
    ignores: { add(glob: string): void; delete(glob: string): void };
    [key: string]: unknown;
  }
}
