package org.titansync.guard;

/**
 * One run that wrote to Titan, as the window ledger keeps it.
 *
 * @param runId the run
 * @param finishedAt when it finished, in seconds since the epoch
 * @param excused why its changes do not count against the limits: {@code "approved"} (a person
 *     approved exactly these), {@code "first_load"}, or empty when they count
 * @param tally what it changed (the changes done, not those planned)
 * @param managedUsers accounts titan-sync managed when the run read Titan
 * @param managedMemberships memberships titan-sync managed when the run read Titan
 * @param titan the Titan it wrote to (its base URL), so that runs against the sandbox and runs
 *     against the district's Titan never add up in one window; empty when not known (it then counts
 *     against every Titan)
 */
public record WindowEntry(
    String runId,
    long finishedAt,
    String excused,
    Tally tally,
    int managedUsers,
    int managedMemberships,
    String titan) {

  public WindowEntry {
    excused = excused == null ? "" : excused;
    titan = titan == null ? "" : titan;
  }

  /** An entry whose Titan is not known. */
  public WindowEntry(
      String runId,
      long finishedAt,
      String excused,
      Tally tally,
      int managedUsers,
      int managedMemberships) {
    this(runId, finishedAt, excused, tally, managedUsers, managedMemberships, "");
  }

  /**
   * True when this run wrote to the Titan at {@code baseUrl}. Loopback addresses all count as one
   * Titan: the built-in sandbox listens on a new port at every {@code --sandbox} run, and a
   * district's Titan is never on this machine.
   */
  public boolean wroteTo(String baseUrl) {
    return titan.isEmpty() || sameTitan(titan, baseUrl);
  }

  private static boolean sameTitan(String a, String b) {
    return a.equals(b) || (loopback(a) && loopback(b));
  }

  private static boolean loopback(String url) {
    String rest = url.replaceFirst("^[a-zA-Z]+://", "");
    String host = rest.replaceFirst("[/:].*$", "");
    if (rest.startsWith("[")) {
      host = rest.substring(1, Math.max(1, rest.indexOf(']')));
    }
    return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** True when an approval or the first load covers its changes. */
  public boolean covered() {
    return !excused.isEmpty();
  }
}
