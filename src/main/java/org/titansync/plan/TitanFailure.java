package org.titansync.plan;

/**
 * A call to Titan failed, as the run and the apply steps see it through {@link TitanPort}: how to
 * handle it, the HTTP status, the API's error code. The message never holds the API key.
 */
public class TitanFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** How a failure should be handled. */
  public enum Handling {
    /** No connection, DNS failure, TLS failure, or every retry ran out on 5xx/429. */
    UNREACHABLE,
    /** 401 or 403: the key is wrong or lacks user-management permission. */
    AUTH,
    /** 429, 500, 502, 503, 504 or a lost answer: try again later. */
    TRANSIENT,
    /** Any other 4xx: the API refused this request; trying again changes nothing. */
    REJECTED
  }

  private final Handling handling;
  private final int status;
  private final String code;
  private final long retryAfterMillis;

  public TitanFailure(
      Handling handling, int status, String code, String message, long retryAfterMillis) {
    super(message);
    this.handling = handling;
    this.status = status;
    this.code = code;
    this.retryAfterMillis = retryAfterMillis;
  }

  public TitanFailure(Handling handling, String message, Throwable cause) {
    super(message, cause);
    this.handling = handling;
    this.status = 0;
    this.code = null;
    this.retryAfterMillis = -1;
  }

  public Handling handling() {
    return handling;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The API's error code (e.g. {@code email_taken}), or null. */
  public String code() {
    return code;
  }

  /** Retry-After in milliseconds, or -1 when the answer had none. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }
}
