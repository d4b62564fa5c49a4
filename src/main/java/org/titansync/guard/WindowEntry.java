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
 * @param titan the Titan it wrote to (its base URL, or {@code sandbox} for the built-in sandbox),
 *     so that runs against the sandbox and runs against the district's Titan never add up in one
 *     window; empty when not known (it then counts against every Titan)
 * @param writing true from the moment the run started writing (before its first write) until it
 *     ended: {@code finishedAt} is then when it started, and {@code tally} what it planned to
 *     write, until its audit lines are counted (a run killed mid-way never ends)
 */
public record WindowEntry(
    String runId,
    long finishedAt,
    String excused,
    Tally tally,
    int managedUsers,
    int managedMemberships,
    String titan,
    boolean writing) {

  public WindowEntry {
    excused = excused == null ? "" : excused;
    titan = titan == null ? "" : titan;
    tally = tally == null ? Tally.ZERO : tally;
  }

  /** The entry of a run that ended. */
  public WindowEntry(
      String runId,
      long finishedAt,
      String excused,
      Tally tally,
      int managedUsers,
      int managedMemberships,
      String titan) {
    this(runId, finishedAt, excused, tally, managedUsers, managedMemberships, titan, false);
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

  /** The same run, ended: what it wrote, counted, at {@code at}. */
  public WindowEntry ended(long at, Tally written) {
    return new WindowEntry(
        runId, at, excused, written, managedUsers, managedMemberships, titan, false);
  }

  /**
   * True when this run wrote to the Titan at {@code baseUrl} ({@code sandbox} for the built-in
   * sandbox). Loopback addresses and the built-in sandbox all count as one Titan: the built-in
   * sandbox listens on a new port at every {@code --sandbox} run, and a district's Titan is never
   * on this machine.
   */
  public boolean wroteTo(String baseUrl) {
    return titan.isEmpty() || sameTitan(titan, baseUrl);
  }

  private static boolean sameTitan(String a, String b) {
    return a.equals(b) || (loopback(a) && loopback(b));
  }

  private static boolean loopback(String url) {
    if (url.equals("sandbox")) {
      return true;
    }
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
