export type FakeRoute = 'graphql' | 'file_stream' | 'upload' | 'download'

export type FailureMode =
  | { kind: 'status'; status: number; retryAfterS?: number }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** Answers as usual, `delayMs` late: a slow W&B rather than a broken one. */
  | { kind: 'delay'; delayMs: number }

export interface FailureTarget {
  route?: FakeRoute
  /** A GraphQL operation name or root field name, e.g. `UpsertBucket` or `upsertBucket`. */
  operation?: string
}

export interface FailureRuleInput extends FailureTarget {
  mode: FailureMode
  /** Matching requests that succeed before the rule starts failing them. */
  after?: number
  /** How many matching requests fail (default: all of them). */
  times?: number
  /** Apply the request to the fake's state, then fail the response (the client never learns it landed). */
  afterApply?: boolean
}

export interface FailureRule extends Readonly<FailureRuleInput> {
  /** Matching requests seen so far, failed or not. */
  readonly seen: number
  /** Requests this rule failed. */
  readonly failed: number
  remove(): void
}

export interface RequestFacts {
  route: FakeRoute | undefined
  operations: string[]
}

/** Per-test failure switches: rules match by route and GraphQL operation, counted independently. */
export class FailureRules {
  private rules: MutableRule[] = []
  private refusing = false
  private readonly refuseListeners: Array<(refusing: boolean) => Promise<void>> = []

  get isRefusing(): boolean {
    return this.refusing
  }

  onRefuseChange(listener: (refusing: boolean) => Promise<void>): void {
    this.refuseListeners.push(listener)
  }

  /** Refuses every connection until `restore()`: the loopback server stops listening. */
  async refuse(): Promise<void> {
    this.refusing = true
    await Promise.all(this.refuseListeners.map((l) => l(true)))
  }

  /** Removes every rule and accepts connections again (requests already hanging stay hung). */
  async restore(): Promise<void> {
    this.rules = []
    this.refusing = false
    await Promise.all(this.refuseListeners.map((l) => l(false)))
  }

  inject(input: FailureRuleInput): FailureRule {
    const rule: MutableRule = {
      ...input,
      seen: 0,
      failed: 0,
      remove: () => {
        this.rules = this.rules.filter((r) => r !== rule)
      },
    }
    this.rules.push(rule)
    return rule
  }

  failNext(
    target: FakeRoute | FailureTarget,
    times: number,
    status: number,
    retryAfterS?: number,
  ): FailureRule {
    const mode: FailureMode =
      retryAfterS === undefined
        ? { kind: 'status', status }
        : { kind: 'status', status, retryAfterS }
    return this.inject({ ...toTarget(target), times, mode })
  }

  failAfter(target: FakeRoute | FailureTarget, successes: number, mode: FailureMode): FailureRule {
    return this.inject({ ...toTarget(target), after: successes, mode })
  }

  hang(target: FakeRoute | FailureTarget = {}): FailureRule {
    return this.inject({ ...toTarget(target), mode: { kind: 'hang' } })
  }

  delay(target: FakeRoute | FailureTarget, delayMs: number, times?: number): FailureRule {
    return this.inject({
      ...toTarget(target),
      mode: { kind: 'delay', delayMs },
      ...(times === undefined ? {} : { times }),
    })
  }

  reset(target: FakeRoute | FailureTarget = {}, times?: number): FailureRule {
    return this.inject({
      ...toTarget(target),
      mode: { kind: 'reset' },
      ...(times === undefined ? {} : { times }),
    })
  }

  /** Counts the request against every matching rule; returns the first rule that fails it. */
  match(facts: RequestFacts): FailureRule | undefined {
    let chosen: MutableRule | undefined
    for (const rule of this.rules) {
      if (!matches(rule, facts)) continue
      const index = rule.seen++
      const after = rule.after ?? 0
      const failing = index >= after && index < after + (rule.times ?? Infinity)
      if (failing && !chosen) chosen = rule
    }
    if (chosen) chosen.failed++
    return chosen
  }
}

type MutableRule = FailureRuleInput & { seen: number; failed: number; remove(): void }

function matches(rule: FailureTarget, facts: RequestFacts): boolean {
  if (rule.route && rule.route !== facts.route) return false
  return !rule.operation || facts.operations.includes(rule.operation)
}

function toTarget(target: FakeRoute | FailureTarget): FailureTarget {
  return typeof target === 'string' ? { route: target } : target
}
