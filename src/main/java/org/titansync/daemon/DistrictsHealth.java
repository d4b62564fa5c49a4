package org.titansync.daemon;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The health of {@code run --districts}: readiness lists the districts refused (their config),
 * stuck (a file that does not go through) or without a leader; liveness fails only when a district
 * has had no leader for longer than the lease, which a restart of this process mends (CAMEL-25209).
 * Both say every problem in one line, district by district.
 */
public final class DistrictsHealth extends AbstractHealthCheck {
  private final boolean liveness;
  private final Supplier<List<String>> problems;

  private DistrictsHealth(String id, boolean liveness, Supplier<List<String>> problems) {
    super("titan-sync", id);
    this.liveness = liveness;
    this.problems = problems;
  }

  /** Readiness: DOWN while any district is refused, stuck or leaderless. */
  public static DistrictsHealth readiness(Supplier<List<String>> problems) {
    return new DistrictsHealth("districts", false, problems);
  }

  /** Liveness: DOWN while any district has had no leader for longer than the lease. */
  public static DistrictsHealth liveness(Supplier<List<String>> problems) {
    return new DistrictsHealth("district-leaders", true, problems);
  }

  @Override
  public boolean isLiveness() {
    return liveness;
  }

  @Override
  public boolean isReadiness() {
    return !liveness;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    List<String> now = problems.get();
    if (now.isEmpty()) {
      builder.up();
    } else {
      builder.message(String.join("; ", now)).down();
    }
  }
}
