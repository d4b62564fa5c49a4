package org.titansync.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.titansync.config.ConfigSource;
import org.titansync.config.SyncConfig;
import org.titansync.report.ReportModel;
import org.titansync.report.ReportWriter;
import org.titansync.report.SchoolSections;
import org.titansync.run.KindCount;
import org.titansync.run.PastedCommand;
import org.titansync.run.RunId;
import org.titansync.run.RunSummary;
import org.titansync.store.InputCopies;
import org.titansync.store.StateFolder;

/**
 * Turns a run into the mail about it: whether one is due ({@code email.send_on}), its subject, an
 * HTML body and a plain-text alternative (templates/mail.*.mustache), and the MIME message. Free of
 * Camel: the notify route sends what this builds, and retries.
 */
public final class MailComposer {
  /** Changes listed per site; the run's report.html lists them all. */
  public static final int MAX_CHANGES_PER_SITE = 50;

  /** Changes listed in one mail, across sites. */
  public static final int MAX_CHANGES_LISTED = 300;

  /** Row errors, conflicts and failed changes listed, each. */
  public static final int MAX_ROWS_LISTED = 100;

  private static final String UTF8 = "UTF-8";
  private static final Map<String, String> ATTACHED =
      Map.of(
          "report.html",
          "text/html; charset=UTF-8",
          "result.json",
          "application/json; charset=UTF-8");

  private final SyncConfig.Email email;
  private final String titan;
  private final ConfigSource configFile;
  private final StateFolder store;
  private final ReportWriter templates = new ReportWriter();

  /**
   * @param titan the Titan the runs write to, as {@code TitanSettings.identity()} names it: the
   *     commands a mail suggests carry {@code --sandbox} for the built-in sandbox
   * @param configFile the config file the commands in a held run's mail name; null when there is
   *     none
   */
  public MailComposer(
      SyncConfig.Email email, String titan, ConfigSource configFile, StateFolder store) {
    this.email = email;
    this.titan = titan;
    this.configFile = configFile;
    this.store = store;
  }

  /** The send_on word that makes this run send mail; empty when mail is off or not due. */
  public Optional<String> trigger(RunSummary run) {
    return email.enabled() ? MailTrigger.match(email.sendOn(), run) : Optional.empty();
  }

  /** The subject with the configured prefix, such as {@code [titan-sync] 12 changes applied}. */
  public String subject(RunSummary run) {
    String prefix = MailSubject.oneLine(email.subjectPrefix());
    String outcome = MailSubject.of(run);
    return prefix.isEmpty() ? outcome : prefix + " " + outcome;
  }

  /** Who gets the mail, for logs and notes: {@code a@x, b@y (cc c@z)}. */
  public String recipients() {
    return String.join(", ", email.to())
        + (email.cc().isEmpty() ? "" : " (cc " + String.join(", ", email.cc()) + ")");
  }

  /** Renders the mail's subject and both bodies. */
  public RunMail render(RunSummary run) {
    String subject = subject(run);
    Map<String, Object> model = model(run, subject);
    List<Path> attachments = new ArrayList<>();
    if (email.attachReports() && RunId.isValid(run.runId())) {
      for (String name : List.of("report.html", "result.json")) {
        Path file = store.folder(run.runId()).resolve(name);
        if (Files.isRegularFile(file)) {
          attachments.add(file);
        }
      }
    }
    return new RunMail(
        run.runId(),
        subject,
        templates.renderHtml("mail.html", model),
        templates.renderText("mail.txt", model),
        attachments);
  }

  /**
   * The MIME message: multipart/alternative (text, then HTML), inside multipart/mixed when reports
   * are attached; UTF-8 throughout so that names in any script survive.
   *
   * @throws AddressException when email.from, to or cc is not an address a mail server accepts
   */
  public MimeMessage toMime(RunMail mail) throws MessagingException, IOException {
    MimeMessage message =
        new IdentifiedMessage(Session.getInstance(new Properties()), email.helo());
    message.setFrom(new InternetAddress(email.from(), true));
    message.setRecipients(Message.RecipientType.TO, addresses(email.to()));
    if (!email.cc().isEmpty()) {
      message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
    }
    message.setSubject(mail.subject(), UTF8);
    // RFC 3834: out-of-office replies and the like are not sent back to a machine.
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Titan-Sync-Run", mail.runId());

    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), UTF8, "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), UTF8, "html");
    alternative.addBodyPart(html);

    if (mail.attachments().isEmpty()) {
      message.setContent(alternative);
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      mixed.addBodyPart(body);
      for (Path file : mail.attachments()) {
        String name = file.getFileName().toString();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(
            new DataHandler(
                new ByteArrayDataSource(
                    Files.readAllBytes(file),
                    ATTACHED.getOrDefault(name, "application/octet-stream"))));
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(part);
      }
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  private static InternetAddress[] addresses(List<String> list) throws AddressException {
    InternetAddress[] out = new InternetAddress[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new InternetAddress(list.get(i), true);
    }
    return out;
  }

  /** The template context: the report's model plus what a mail adds. */
  Map<String, Object> model(RunSummary run, String subject) {
    Path runFolder = RunId.isValid(run.runId()) ? store.folder(run.runId()) : null;
    Map<String, Object> m = new LinkedHashMap<>(ReportModel.of(run, runFolder));
    m.put("subject", subject);
    m.put("outcome", MailSubject.of(run));
    m.put("failedRun", MailTrigger.isFailure(run));
    // Mail clients drop <style>: the banner's colours go inline, as the report's classes say.
    m.put(
        "toneStyle",
        switch ((String) m.get("tone")) {
          case "ok" -> "background:#e6f4ea;border-color:#1e7b34;color:#0f3d1a";
          case "held" -> "background:#fff4ce;border-color:#b7791f;color:#4a3000";
          case "failed" -> "background:#fde7e7;border-color:#b42318;color:#5c0f0a";
          default -> "background:#e8f0fb;border-color:#1a4f8b;color:#0e2a4d";
        });
    String folder = runFolder != null ? runFolder.toString() : store.runsDir().toString();
    m.put("runFolder", folder);

    String input = run.inputFile();
    String syncCommand = command("sync " + quote(input));
    m.put("approveCommand", command("approve " + run.runId()));
    // The run's own copy: a daemon's file has left the inbox by the time the mail is read.
    Path kept = InputCopies.original(store.folder(run.runId()));
    m.put(
        "dryRunCommand",
        command("sync " + quote(kept == null ? input : kept.toString()) + " --dry-run"));

    List<String> next = nextSteps(run, syncCommand, folder);
    m.put("nextSteps", next);
    m.put("hasNextSteps", !next.isEmpty());
    m.put("countLines", countLines(m));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sections = (List<Map<String, Object>>) m.get("sections");
    capSections(sections, m);
    @SuppressWarnings("unchecked")
    List<Object> errors = (List<Object>) m.get("errors");
    capped(m, "errors", errors);
    @SuppressWarnings("unchecked")
    List<Object> conflicts = (List<Object>) m.get("conflicts");
    capped(m, "conflicts", conflicts);
    @SuppressWarnings("unchecked")
    List<Object> failures = (List<Object>) m.get("failures");
    capped(m, "failures", failures);
    m.put("attachedReports", email.attachReports());
    return m;
  }

  /**
   * A titan-sync command for this run's setup, ready to paste: with the --config of the run, and
   * --sandbox when it ran against the built-in sandbox.
   */
  private String command(String what) {
    return PastedCommand.of(what, titan, configFile);
  }

  private static void capped(Map<String, Object> m, String key, List<?> all) {
    m.put(key, all.subList(0, Math.min(all.size(), MAX_ROWS_LISTED)));
    int more = Math.max(0, all.size() - MAX_ROWS_LISTED);
    String name = Character.toUpperCase(key.charAt(0)) + key.substring(1);
    m.put("more" + name, more);
    m.put("hasMore" + name, more > 0);
  }

  private static List<String> nextSteps(RunSummary run, String syncCommand, String folder) {
    List<String> next = new ArrayList<>();
    int notDone = 0;
    for (KindCount k : KindCount.of(run)) {
      notDone += k.planned() - k.done();
    }
    switch (run.status()) {
      case HELD ->
          next.add(
              "Check the changes below and why they were held. If they are right, approve the run"
                  + " with the command above; if not, correct the export in the SIS: the next file"
                  + " is checked again.");
      case PARTIAL ->
          next.add(
              MailSubject.plural(notDone, "change")
                  + " did not go through (the failed ones are listed with Titan's answer). The"
                  + " next run plans them again; one that keeps failing needs a look at its"
                  + " error.");
      case UNREACHABLE ->
          next.add(
              "Nothing was written. Check titan.base_url, the API key and the network, then run"
                  + " the sync again: "
                  + syncCommand);
      case REFUSED ->
          next.add(
              "Nothing was written. Fix what the message above names, then run the sync again: "
                  + syncCommand);
      case ERROR ->
          next.add("Something unexpected stopped the run; the log and " + folder + " say more.");
      case DRY_RUN -> next.add("Nothing was written. To apply this plan: " + syncCommand);
      default -> {
        // applied or nothing to do: nothing to act on unless rows were refused (below)
      }
    }
    if (run.plan() != null && !run.plan().errors().isEmpty()) {
      int n = run.plan().errors().size();
      next.add(
          MailSubject.plural(n, "row")
              + " of the export "
              + (n == 1 ? "was" : "were")
              + " skipped (listed below by line): correct "
              + (n == 1 ? "it" : "them")
              + " in the SIS. The people on "
              + (n == 1 ? "it were" : "them were")
              + " left as they are in Titan.");
    }
    if (run.plan() != null && !run.plan().conflicts().isEmpty()) {
      int n = run.plan().conflicts().size();
      next.add(
          (n == 1 ? "1 person was" : n + " people were")
              + " not touched because of a conflict (listed below); each needs a decision"
              + " in Titan or in the export.");
    }
    return next;
  }

  /** The summary table as text lines, from the report's model. */
  @SuppressWarnings("unchecked")
  private static List<String> countLines(Map<String, Object> m) {
    List<String> lines = new ArrayList<>();
    List<Map<String, Object>> counts = (List<Map<String, Object>>) m.get("counts");
    if (counts.isEmpty()) {
      return lines;
    }
    lines.add((String) m.get("countHeader"));
    for (Map<String, Object> row : counts) {
      lines.add((String) row.get("textRow"));
    }
    lines.add((String) ((Map<String, Object>) m.get("total")).get("textRow"));
    return lines;
  }

  /**
   * Each school's lines capped ({@link #MAX_CHANGES_PER_SITE}, and {@link #MAX_CHANGES_LISTED} in
   * all): the run's report.html lists them all.
   */
  @SuppressWarnings("unchecked")
  private static void capSections(List<Map<String, Object>> sections, Map<String, Object> m) {
    int listed = 0;
    int unlisted = 0;
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> section : sections) {
      List<SchoolSections.Row> rows = (List<SchoolSections.Row>) section.get("rows");
      int room = Math.max(0, Math.min(MAX_CHANGES_PER_SITE, MAX_CHANGES_LISTED - listed));
      List<SchoolSections.Row> shown = rows.subList(0, Math.min(room, rows.size()));
      listed += shown.size();
      int more = rows.size() - shown.size();
      unlisted += more;
      Map<String, Object> copy = new LinkedHashMap<>(section);
      copy.put("rows", shown);
      copy.put("more", more);
      copy.put("hasMore", more > 0);
      out.add(copy);
    }
    m.put("sections", out);
    m.put("unlistedChanges", unlisted);
    m.put("hasUnlistedChanges", unlisted > 0);
  }

  /** A path as a shell word: plain when safe, else in double quotes. */
  static String quote(String word) {
    if (word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return word;
    }
    // Inside double quotes a shell gives meaning only to " $ ` and \ before them; Windows paths
    // keep their backslashes.
    return "\"" + word.replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
  }
}
