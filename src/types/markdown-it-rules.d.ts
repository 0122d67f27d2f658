// markdown-it's own block rules, which @types/markdown-it does not declare (the package exports them).
declare module "markdown-it/lib/rules_block/list.mjs" {
  import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";

  export default function list(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean;
}
