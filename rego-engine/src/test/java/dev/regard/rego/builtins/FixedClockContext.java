package dev.regard.rego.builtins;

/** A builtin context for tests: a fixed clock and a step budget that counts what was charged. */
public final class FixedClockContext implements BuiltinContext {
  private final long nowNs;
  private final long budget;
  private long charged;

  public FixedClockContext(long nowNs, long budget) {
    this.nowNs = nowNs;
    this.budget = budget;
  }

  public FixedClockContext() {
    this(1_700_000_000_000_000_000L, Long.MAX_VALUE);
  }

  @Override
  public long timeNowNs() {
    return nowNs;
  }

  @Override
  public void charge(long steps) {
    charged += steps;
    if (charged > budget) {
      throw new IllegalStateException("step budget exceeded: " + charged + " > " + budget);
    }
  }

  public long charged() {
    return charged;
  }
}
