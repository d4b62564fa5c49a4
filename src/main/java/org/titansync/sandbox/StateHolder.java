package org.titansync.sandbox;

/**
 * The sandbox that holds a state file's lock, as it announced itself.
 *
 * @param pid its process id
 * @param url its base URL, e.g. {@code http://127.0.0.1:41234/api/v1}
 * @param owner what it is, e.g. {@code titan-sync run --sandbox}
 * @param servesOthers true when others may send their requests to it (see {@link StateOwner})
 * @param since when it took the lock, ISO-8601
 */
public record StateHolder(long pid, String url, String owner, boolean servesOthers, String since) {

  /** True when its URL is one a sandbox listens on: http, 127.0.0.1, the API's base path. */
  public boolean loopbackUrl() {
    return url.matches("http://127\\.0\\.0\\.1:[0-9]{1,5}" + SandboxServer.BASE_PATH);
  }

  /**
   * "process 4242 (titan-sync run --sandbox, at http://127.0.0.1:41234/api/v1, since ...)". The
   * text comes from a file others may have written: control characters are shown as {@code ?}.
   */
  public String describe() {
    return "process "
        + pid
        + " ("
        + (owner.isEmpty() ? "a sandbox" : plain(owner))
        + ", at "
        + plain(url)
        + (since.isEmpty() ? "" : ", since " + plain(since))
        + ")";
  }

  private static String plain(String text) {
    String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return cut.replaceAll("[\\p{Cntrl}\\u0080-\\u009f\\u2028\\u2029]", "?");
  }
}
