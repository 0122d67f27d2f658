import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";

/**
 * GFM task lists as kramdown's GFM parser writes them: an item whose text starts with `[ ] ` or
 * `[x] ` starts with a disabled checkbox; from the first such item on, every item of that list
 * has the class `task-list-item` (kramdown's `is_tasklist ||=`, so plain items after a task get
 * it too, those before it don't), and the list has `task-list`. Nested lists are their own.
 */

const UNCHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />';
const CHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />';
const BOX = /^\s*\[([ xX])\]\s+/;

/** The inline token of an item's first paragraph, when the item starts with one. */
function firstText(tokens: Token[], itemOpen: number): Token | undefined {
  const paragraph = tokens[itemOpen + 1];
  return paragraph?.type === "paragraph_open" ? tokens[itemOpen + 2] : undefined;
}

function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  // Open lists, innermost last: each with whether a task item has been seen in it.
  const lists: { open: Token; tasks: boolean }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") lists.push({ open: token, tasks: false });
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") lists.pop();
    else if (token.type === "list_item_open") {
      const list = lists[lists.length - 1];
      const text = firstText(tokens, i);
      const box = text === undefined ? null : BOX.exec(text.content);
      if (list === undefined) continue;
      if (text && box) {
        text.content = (box[1] === " " ? UNCHECKED : CHECKED) + text.content.slice(box[0].length);
        if (!list.tasks) list.open.attrJoin("class", "task-list");
        list.tasks = true;
      }
      if (list.tasks) token.attrJoin("class", "task-list-item");
    }
  }
}

export function kramdownTaskLists(md: MarkdownIt): void {
  // Before inline parsing, so the box is read as the inline HTML it is.
  md.core.ruler.before("inline", "kramdown_task_lists", taskLists);
}
