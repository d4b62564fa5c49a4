package org.titansync.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.titansync.config.Secret;
import org.titansync.config.SyncConfig;
import org.titansync.mail.MailComposer;
import org.titansync.mail.RunMail;
import org.titansync.report.ReportWriter;
import org.titansync.run.RunId;
import org.titansync.run.RunSummary;
import org.titansync.run.ShownName;
import org.titansync.store.StateFolder;

/**
 * The steps of the {@code notify} route (routes/notify.camel.yaml): compose the run's mail when
 * {@code email.send_on} asks for one, and after the send (retried by the {@code mail-retry}
 * routeConfiguration) hand back the run's summary. A mail that could not be sent is logged and
 * noted in the summary and the run's reports; it changes nothing else, so the exit code still says
 * how the sync went.
 */
public class Notifier implements Processor {
  /** Exchange property: the run's summary while the body is the mail. */
  static final String SUMMARY = "titanRunSummary";

  private static final String SUBJECT = "titanMailSubject";
  private static final String FAILURE = "titanMailFailure";
  private static final String ATTEMPTS = "titanMailAttempts";
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final MailComposer composer;
  private final StateFolder store;
  private final Secret password;
  private final ReportWriter reports = new ReportWriter();

  public Notifier(SyncConfig config, StateFolder store) {
    this.composer =
        new MailComposer(config.email(), config.titan().identity(), config.source(), store);
    this.store = store;
    this.password = config.email().password();
  }

  /**
   * smtp:// or smtps:// to the configured server. Secrets stay out of it: the login comes from bean
   * {@code mailLogin} (PipelineConfiguration). With mail off, a placeholder the route never
   * reaches.
   */
  public static String endpointUri(SyncConfig.Email email) {
    String host = email.enabled() ? email.host() : "localhost";
    return (email.ssl() ? "smtps" : "smtp")
        + "://"
        + host
        + ":"
        + email.port()
        + "?connectionTimeout=15000"
        + "&authenticator=#mailLogin"
        + "&additionalJavaMailProperties=#mailProperties"
        + "&session=#mailSession";
  }

  /**
   * The JavaMail session camel-mail sends with: {@link #javaMailProperties} and the timeouts, and
   * no authenticator. camel-mail logs in with {@code mailLogin}; had the session an authenticator
   * too, JavaMail would ask it again after a refused login and send a second AUTH with the same
   * secret. Without one, a wrong password costs one failed AUTH per attempt, and the retries stop
   * at the first (routes/notify.camel.yaml), so a mail never trips a district's lockout.
   */
  public static jakarta.mail.Session session(SyncConfig.Email email) {
    // As camel-mail's own session: JVM-wide mail.* settings (-Dmail.smtp.ssl.trust=...) apply.
    Properties p = new Properties();
    p.putAll(System.getProperties());
    p.putAll(javaMailProperties(email));
    for (String protocol : new String[] {"smtp", "smtps"}) {
      p.setProperty("mail." + protocol + ".connectiontimeout", "15000");
      p.setProperty("mail." + protocol + ".timeout", "30000");
      p.setProperty("mail." + protocol + ".writetimeout", "30000");
    }
    return jakarta.mail.Session.getInstance(p);
  }

  /**
   * STARTTLS, when on, is required: a server (or someone in between) that does not offer it gets no
   * mail and no password, instead of both in clear text. Server certificates are checked against
   * the host name (JavaMail's default); see docs/operations.md for a relay with its own
   * certificate.
   */
  public static Properties javaMailProperties(SyncConfig.Email email) {
    Properties p = new Properties();
    // EHLO with titan-sync's mail domain, not the machine's name ("localhost" in containers).
    if (!email.helo().isEmpty()) {
      p.setProperty("mail.smtp.localhost", email.helo());
      p.setProperty("mail.smtps.localhost", email.helo());
    }
    if (email.starttls() && !email.ssl()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    return p;
  }

  /**
   * The mail to send, or null when none is due (mail off, or send_on does not match). Never throws:
   * a mail that cannot be built (a bad address) is recorded as not sent.
   */
  public MimeMessage compose(Exchange exchange) {
    RunSummary run = exchange.getProperty(SUMMARY, RunSummary.class);
    try {
      Optional<String> trigger = composer.trigger(run);
      if (trigger.isEmpty()) {
        return null;
      }
      MailGate gate = exchange.getProperty(MailGate.PROPERTY, MailGate.class);
      if (gate != null && !gate.open(run)) {
        return null;
      }
      RunMail mail = composer.render(withShownName(run));
      MimeMessage message = composer.toMime(mail);
      exchange.setProperty(SUBJECT, mail.subject());
      LOG.debug("run {}: sending \"{}\" (send_on {})", run.runId(), mail.subject(), trigger.get());
      return message;
    } catch (MessagingException | IOException | RuntimeException e) {
      exchange.setProperty(FAILURE, e);
      return null;
    }
  }

  /**
   * The mail-retry routeConfiguration's onRedelivery hook: the attempt about to be made, as Camel
   * counts its redeliveries ({@code CamelRedeliveryCounter}, which Camel removes before the step
   * that runs once they are used up).
   */
  @Override
  public void process(Exchange exchange) {
    exchange.setProperty(
        ATTEMPTS,
        1 + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
  }

  /** The mail-retry routeConfiguration's step once the redeliveries are used up. */
  public void notSent(Exchange exchange) {
    exchange.setProperty(FAILURE, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
  }

  /**
   * The route's result: the run's summary, unchanged when the mail went out or none was due; with a
   * note ("mail to ... could not be sent: ...") when it could not be sent. Never throws.
   */
  public RunSummary afterRun(Exchange exchange) {
    RunSummary run = exchange.getProperty(SUMMARY, RunSummary.class);
    Throwable failure = exchange.getProperty(FAILURE, Throwable.class);
    String subject = exchange.getProperty(SUBJECT, String.class);
    if (failure == null) {
      if (subject != null) {
        LOG.info("run {}: mail \"{}\" sent to {}", run.runId(), subject, composer.recipients());
      }
      return run;
    }
    try {
      int attempts = exchange.getProperty(ATTEMPTS, 1, Integer.class);
      String note =
          mask(
              "mail to "
                  + composer.recipients()
                  + " could not be sent"
                  + (attempts > 1 ? " (" + attempts + " attempts)" : "")
                  + ": "
                  + reason(failure));
      LOG.warn("run {}: {}", run.runId(), note);
      List<String> notes = new ArrayList<>(run.notes());
      notes.add(note);
      RunSummary noted = run.withNotes(notes);
      rewriteReports(noted);
      return noted;
    } catch (RuntimeException e) {
      LOG.warn(
          "run {}: the mail could not be sent, nor noted: {}", run.runId(), mask(e.toString()));
      return run;
    }
  }

  /** The summary with its input file's name as shown (control characters escaped). */
  private static RunSummary withShownName(RunSummary run) {
    String shown = ShownName.escape(run.inputFile() == null ? "" : run.inputFile());
    if (shown.equals(run.inputFile())) {
      return run;
    }
    return run.withInputFile(shown);
  }

  private void rewriteReports(RunSummary noted) {
    if (!RunId.isValid(noted.runId())) {
      return;
    }
    Path dir = store.folder(noted.runId());
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      reports.writeResult(store, dir, noted);
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "run {}: could not add the mail note to its reports: {}",
          noted.runId(),
          mask(e.toString()));
    }
  }

  /** The failure in one line: its message and, when it adds something, its cause's. */
  private static String reason(Throwable failure) {
    String text = message(failure);
    Throwable cause = failure.getCause();
    if (failure instanceof MessagingException m && m.getNextException() != null) {
      cause = m.getNextException();
    }
    if (cause != null && cause != failure) {
      String more = message(cause);
      if (!text.contains(more)) {
        text = text + ": " + more;
      }
    }
    return text.replaceAll("\\s+", " ").strip();
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** Belt and braces: no server's answer or library message carries our password out. */
  private String mask(String text) {
    return password.isEmpty() ? text : text.replace(password.reveal(), "***");
  }
}
