package org.titansync.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.titansync.config.SyncConfig;
import org.titansync.mail.IdentifiedMessage;

/**
 * {@code doctor}'s check of {@code [email]}: connects as the run's mail does (STARTTLS required
 * when on, the certificate and host name checked), logs in once, and with {@code --test-mail} sends
 * a short mail to {@code email.to}. Each failure comes with its fix.
 */
public final class MailCheck {
  /** One line of doctor's answer. */
  public record Finding(boolean ok, String text) {}

  private MailCheck() {}

  public static List<Finding> run(SyncConfig.Email email, boolean sendTestMail) {
    List<Finding> found = new ArrayList<>();
    String where = email.host() + ":" + email.port();
    String how = email.ssl() ? "TLS (ssl)" : email.starttls() ? "STARTTLS" : "no TLS";
    try (Transport transport =
        Notifier.session(email).getTransport(email.ssl() ? "smtps" : "smtp")) {
      transport.connect(
          email.host(),
          email.port(),
          email.username().isEmpty() ? null : email.username(),
          email.username().isEmpty() ? null : email.password().reveal());
      found.add(
          new Finding(
              true,
              "mail: "
                  + where
                  + " answers over "
                  + how
                  + (email.ssl() || email.starttls() ? " with a trusted certificate" : "")
                  + (email.username().isEmpty()
                      ? " (no login)"
                      : ", and accepts the login of " + email.username())));
      if (sendTestMail) {
        MimeMessage message = new IdentifiedMessage(Notifier.session(email), email.helo());
        message.setFrom(new InternetAddress(email.from(), true));
        message.setRecipients(
            Message.RecipientType.TO, InternetAddress.parse(String.join(",", email.to())));
        message.setSubject(email.subjectPrefix() + " test mail from titan-sync doctor", "UTF-8");
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setText("titan-sync can send mail from this machine.\n", "UTF-8");
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
        found.add(new Finding(true, "mail: test mail sent to " + String.join(", ", email.to())));
      }
    } catch (MessagingException e) {
      found.add(new Finding(false, "mail: " + mask(email, fix(email, where, e))));
    }
    return found;
  }

  private static String fix(SyncConfig.Email email, String where, MessagingException e) {
    String text = String.valueOf(e.getMessage());
    Throwable cause = e.getCause() != null ? e.getCause() : e.getNextException();
    if (e instanceof AuthenticationFailedException) {
      return where
          + " refused the login of "
          + email.username()
          + ": check email.username and email.password (or TITAN_SYNC_SMTP_PASSWORD)";
    }
    if (text.contains("STARTTLS is required")) {
      return where
          + " does not offer STARTTLS: titan-sync never sends a password or a report in clear"
          + " text. Use its TLS port (email.ssl = true, usually port 465), or ask for STARTTLS";
    }
    if (cause instanceof SSLException || text.contains("TLS") || text.contains("PKIX")) {
      return where
          + " has a certificate this Java does not trust, or one for another name ("
          + oneLine(cause == null ? e : cause)
          + "): see docs/operations.md, \"A mail server with a private CA\"";
    }
    if (text.contains("Couldn't connect") || cause instanceof java.io.IOException) {
      return "cannot connect to "
          + where
          + " ("
          + oneLine(cause == null ? e : cause)
          + "): check email.host and email.port, and that this machine may reach it";
    }
    return where + ": " + oneLine(e);
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage();
    return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m)
        .replaceAll("\\s+", " ")
        .strip();
  }

  private static String mask(SyncConfig.Email email, String text) {
    return email.password().isEmpty() ? text : text.replace(email.password().reveal(), "***");
  }
}
