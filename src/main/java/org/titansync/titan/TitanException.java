package org.titansync.titan;

import org.titansync.plan.TitanFailure;

/**
 * A call to Titan HST over HTTP failed. The message never holds the API key or a request body with
 * personal data beyond what the API itself answered.
 */
public final class TitanException extends TitanFailure {
  private static final long serialVersionUID = 1L;

  /** How a failure should be handled: the port's {@link TitanFailure.Handling}, one for one. */
  public enum Kind {
    /** No connection, DNS failure, TLS failure, or every retry ran out on 5xx/429. */
    UNREACHABLE(Handling.UNREACHABLE),
    /** 401 or 403: the key is wrong or lacks user-management permission. */
    AUTH(Handling.AUTH),
    /** 429, 500, 502, 503, 504 or a lost answer: try again later. */
    TRANSIENT(Handling.TRANSIENT),
    /** Any other 4xx: the API refused this request; trying again changes nothing. */
    REJECTED(Handling.REJECTED);

    private final Handling handling;

    Kind(Handling handling) {
      this.handling = handling;
    }
  }

  private final Kind kind;

  public TitanException(Kind kind, int status, String code, String message, long retryAfterMillis) {
    super(kind.handling, status, code, message, retryAfterMillis);
    this.kind = kind;
  }

  public TitanException(Kind kind, String message, Throwable cause) {
    super(kind.handling, message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
