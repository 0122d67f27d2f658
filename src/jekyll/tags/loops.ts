import { ForTag, type Liquid, type Parser, TablerowTag, type TagToken, type TopLevelToken } from "liquidjs";
import { LoopStep } from "../render-budget.ts";

/**
 * `{% for %}` and `{% tablerow %}` as LiquidJS has them, with each iteration counted against the
 * render's budget (render-budget.ts): the first template of the loop's body is a LoopStep, which
 * LiquidJS renders at the start of every iteration.
 */
export class BoundedForTag extends ForTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    this.templates.unshift(new LoopStep(token));
  }
}

export class BoundedTablerowTag extends TablerowTag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid, parser);
    this.templates.unshift(new LoopStep(token));
  }
}
