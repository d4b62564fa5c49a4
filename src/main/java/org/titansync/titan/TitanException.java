package org.titansync.titan;

/**
 * A call to Titan HST failed. The message never holds the API key or a request body with personal
 * data beyond what the API itself answered.
 */
public final class TitanException extends Exception {
  private static final long serialVersionUID = 1L;

  /** How a failure should be handled. */
  public enum Kind {
    /** No connection, DNS failure, TLS failure, or every retry ran out on 5xx/429. */
    UNREACHABLE,
    /** 401 or 403: the key is wrong or lacks user-management permission. */
    AUTH,
    /** 429, 500, 502, 503, 504 or a lost answer: try again later. */
    TRANSIENT,
    /** Any other 4xx: the API refused this request; trying again changes nothing. */
    REJECTED
  }

  private final Kind kind;
  private final int status;
  private final String code;
  private final long retryAfterMillis;

  public TitanException(Kind kind, int status, String code, String message, long retryAfterMillis) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfterMillis = retryAfterMillis;
  }

  public TitanException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = 0;
    this.code = null;
    this.retryAfterMillis = -1;
  }

  public Kind kind() {
    return kind;
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
