package org.titansync.notify;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;
import org.titansync.config.Secret;

/**
 * The SMTP login of {@code [email]}, handed to camel-mail as its authenticator so that the password
 * is never part of an endpoint URI or a Camel property (either may be logged). No username: no
 * login.
 */
public final class SmtpLogin extends MailAuthenticator {
  private final String username;
  private final Secret password;

  public SmtpLogin(String username, Secret password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public PasswordAuthentication getPasswordAuthentication() {
    return username.isEmpty()
        ? new PasswordAuthentication(null, null)
        : new PasswordAuthentication(username, password.reveal());
  }

  @Override
  public String toString() {
    return "SmtpLogin[" + (username.isEmpty() ? "none" : username + ", password " + password) + "]";
  }
}
