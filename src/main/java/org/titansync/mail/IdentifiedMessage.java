package org.titansync.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A message whose Message-ID ends with titan-sync's own mail domain ({@code email.helo}, else the
 * domain of {@code email.from}). JavaMail would take the machine's host name, "localhost" in most
 * containers, which strict relays score as spam or refuse.
 */
public final class IdentifiedMessage extends MimeMessage {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String domain;

  public IdentifiedMessage(Session session, String domain) {
    super(session);
    this.domain = domain;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    if (domain.isEmpty()) {
      super.updateMessageID();
      return;
    }
    byte[] unique = new byte[12];
    RANDOM.nextBytes(unique);
    setHeader(
        "Message-ID",
        "<titan-sync."
            + System.currentTimeMillis()
            + "."
            + HexFormat.of().formatHex(unique)
            + "@"
            + domain
            + ">");
  }
}
