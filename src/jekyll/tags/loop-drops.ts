import { Drop } from "liquidjs";

/**
 * `forloop` and `tablerowloop` with the fields Ruby Liquid 4 gives them: LiquidJS's have no
 * `parentloop`, which nested loops in Jekyll sites read (`forloop.parentloop.index`).
 */

export class JekyllForloop extends Drop {
  protected i = 0;

  constructor(
    readonly length: number,
    readonly name: string,
    readonly parentloop: JekyllForloop | undefined,
  ) {
    super();
  }

  next(): void {
    this.i++;
  }
  index0(): number {
    return this.i;
  }
  index(): number {
    return this.i + 1;
  }
  rindex(): number {
    return this.length - this.i;
  }
  rindex0(): number {
    return this.length - this.i - 1;
  }
  first(): boolean {
    return this.i === 0;
  }
  last(): boolean {
    return this.i === this.length - 1;
  }
  override valueOf(): string {
    return "";
  }
}

export class JekyllTablerowloop extends JekyllForloop {
  constructor(
    length: number,
    readonly cols: number,
    name: string,
  ) {
    super(length, name, undefined);
  }

  col0(): number {
    return this.i % this.cols;
  }
  col(): number {
    return this.col0() + 1;
  }
  row(): number {
    return Math.floor(this.i / this.cols) + 1;
  }
  col_first(): boolean {
    return this.col0() === 0;
  }
  col_last(): boolean {
    return this.col0() === this.cols - 1;
  }
}
