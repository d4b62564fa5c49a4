package org.titansync.titan;

import org.titansync.plan.TitanFailure;

/**
 * A call to Titan HST over HTTP failed. The message never holds the API key or a request body with
 * personal data beyond what the API itself answered. How to handle it is the port's {@link
 * TitanFailure.Handling}.
 */
public final class TitanException extends TitanFailure {
  private static final long serialVersionUID = 1L;

  public TitanException(
      Handling handling, int status, String code, String message, long retryAfterMillis) {
    super(handling, status, code, message, retryAfterMillis);
  }

  public TitanException(Handling handling, String message, Throwable cause) {
    super(handling, message, cause);
  }
}
